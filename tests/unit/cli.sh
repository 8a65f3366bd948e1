#!/bin/sh
# Command-line behaviour of the tools: exit codes, where help and errors
# go, file:line errors.  Prints KTAP.
TOP=$(cd "$(dirname "$0")/../.." && pwd)
T=$TOP/tools
D=$TOP/tests/data
n=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# matches FILE PATTERN: "-" matches anything, "^$" only an empty file
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

echo "KTAP version 1"
echo "1..12"
run "tmigr_tree --help: stdout, exit 0" 0 '^usage: tmigr_tree' '^$' $T/tmigr_tree --help
run "tmigr_tree -help (one dash)" 0 '^usage: tmigr_tree' - $T/tmigr_tree -help
run "tmigr_tree bad option: stderr, exit 2" 2 '^$' "unknown or ambiguous option '--bogus'" $T/tmigr_tree --bogus
run "tmigr_tree bad --format: exit 2" 2 - "--format: 'xml' is not ascii or json" $T/tmigr_tree --format xml $D/tmigr/seed8-2026.trace
run "tmigr_tree bad --capacity: exit 2" 2 - "--capacity: 'x' is not a capacity" $T/tmigr_tree --capacity x
run "tmigr_tree file argument" 0 'Tree for capacity 1024' '^$' $T/tmigr_tree $D/tmigr/seed8-2026.trace
run "tmigr_tree stdin" 0 'Tree for capacity 1024' - sh -c "$T/tmigr_tree < $D/tmigr/seed8-6.12.trace"
run "tmigr_tree --capacity" 0 'Tree for capacity 77' - $T/tmigr_tree --capacity 77 $D/tmigr/seed8-6.12.trace
run "tmigr_tree hashed pointers: exit 1, says no_hash_pointers" 1 '^$' "hashed.trace:2: .*no_hash_pointers" $T/tmigr_tree $D/tmigr/hashed.trace
run "tmigr_tree malformed: file:line, exit 1" 1 - "malformed.trace:2: tmigr_connect_cpu_parent event without parent=" $T/tmigr_tree $D/tmigr/malformed.trace
run "tmigr_tree no events: boot hint, exit 1" 1 - "trace_event=tmigr_connect_cpu_parent,tmigr_connect_child_parent" $T/tmigr_tree $D/tmigr/noevents.trace
run "tmigr_tree missing file: exit 1" 1 - "nonexistent: No such file" $T/tmigr_tree $tmp/nonexistent
echo "cli: $((n - failed)) passed, $failed failed"
[ $failed = 0 ]
