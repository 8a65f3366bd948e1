# Sourced by the command-line tests (cli.sh, tstat.sh,
# golden-compaction.sh): run a command and judge its exit code, stdout and
# stderr, as one KTAP result.  The caller sets n, failed and tmp (a
# scratch directory).

# matches FILE PATTERN: "-" matches anything, "^$" only an empty file,
# anything else is an ERE that some line matches.
matches() {
	case $2 in
	-) return 0 ;;
	'^$') [ ! -s "$1" ] ;;
	*) grep -qE -e "$2" "$1" ;;
	esac
}

# run NAME EXPECTED_RC STDOUT_PATTERN STDERR_PATTERN CMD...
run() {
	name=$1 rc=$2 outp=$3 errp=$4
	shift 4
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	n=$((n + 1))
	if [ $got = "$rc" ] && matches "$tmp/out" "$outp" && matches "$tmp/err" "$errp"; then
		echo "ok $n $name"
	else
		echo "not ok $n $name"
		echo "# exit $got (want $rc); stdout: $(head -c 200 "$tmp/out"); stderr: $(head -c 300 "$tmp/err")"
		failed=$((failed + 1))
	fi
}
