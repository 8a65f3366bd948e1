#!/bin/bash
# compaction_times golden and command-line tests.  Prints KTAP.
#
# tests/data/compaction/CASE.args holds a data set's name, then the
# options, one a line; CASE.out is what perf's own compaction-times.py
# printed for them from the data set's perf.data (expected.sh), and
# CASE.err, where there is one, its stderr as "sort | uniq -c".  Each case
# is run on every input that holds the same events: SET.data through perf
# (when perf is installed), SET.script.gz ("perf script --ns" text),
# SET.records and SET.tasks (the lwtrace module's files for the same
# compactions; -pv is a usage error on tasks).  x-* cases are where this
# tool differs on purpose, or its own formats; they run on the text.
#
# ftrace text and microsecond perf script text of the same runs cannot be
# byte-identical (microsecond timestamps, ftrace's own comm cache): their
# counts must equal the original's, and their times be close.
TOP=$(cd "$(dirname "$0")/../.." && pwd)
CT=$TOP/tools/compaction_times
D=$TOP/tests/data/compaction
ORIG=${COMPACTION_TIMES_PY:-/usr/lib/perf-core/scripts/python/compaction-times.py}
export LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0
have_perf=false
command -v "${PERF:-perf}" >/dev/null 2>&1 && have_perf=true

ok() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2"
		failed=$((failed + 1))
		[ -s "$tmp/why" ] && sed 's/^/# /' "$tmp/why" | head -20
	fi
	: >"$tmp/why"
}

skip() {
	n=$((n + 1))
	echo "ok $n $1 # SKIP $2"
}

# same NAME EXPECTED [ERR] -- CMD...: CMD exits 0, its stdout is EXPECTED,
# and if ERR is a file, its stderr as "sort | uniq -c" is ERR.
same() {
	local name=$1 want=$2 werr=$3
	shift 4
	"$@" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	if [ $rc = 0 ] && cmp -s "$tmp/out" "$want" &&
	   { [ ! -f "$werr" ] || sort "$tmp/err" | uniq -c | cmp -s - "$werr"; }; then
		ok 0 "$name"
	else
		{ echo "exit $rc"; head -5 "$tmp/err"; diff "$want" "$tmp/out" | head -10; } >"$tmp/why"
		ok 1 "$name"
	fi
}

. "$TOP/tests/unit/run.sh"

# near WANT GOT TOL: the same lines but for times, which differ by at most
# TOL ns for each compaction a line adds up (1 for a "PID[COMM].N:" line,
# all of them for the others); the comms are not compared.
near() {
	awk -v tol="$3" '
	function parse(l, a) {
		match(l, /: -?[0-9]+(ns|us) ?/)
		a["head"] = substr(l, 1, RSTART)
		a["ns"] = substr(l, RSTART + 2, RLENGTH - 2) + 0
		a["rest"] = substr(l, RSTART + RLENGTH)
	}
	NR == FNR { want[FNR] = $0; nw = FNR; next }
	{
		ng = FNR
		parse(want[FNR], w); parse($0, g)
		hw = w["head"]; hg = g["head"]
		gsub(/\[.*\]/, "[]", hw); gsub(/\[.*\]/, "[]", hg)
		k = hw ~ /\.[0-9]+:$/ ? 1 : ncomp
		d = w["ns"] - g["ns"]; if (d < 0) d = -d
		if (hw != hg || w["rest"] != g["rest"] || d > k * tol) {
			printf "line %d: want %s\n got %s\n", FNR, want[FNR], $0
			bad = 1
		}
	}
	END { if (nw != ng) { print "want " nw " lines, got " ng; bad = 1 } exit bad }
	' ncomp="$(grep -c '\]\.[0-9]*:' "$1")" "$1" "$2" >"$tmp/why" 2>&1
}

cases=("$D"/*.args)
ncases=0
for a in "${cases[@]}"; do
	case $(basename "$a") in
	x-*) ncases=$((ncases + 1)) ;;
	*) ncases=$((ncases + 4)) ;;
	esac
done

echo "KTAP version 1"
echo "1..$((ncases + 37))"
cd "$D" || exit 1

for a in "${cases[@]}"; do
	c=$(basename "$a" .args)
	mapfile -t args <"$a"
	set=${args[0]}
	opts=("${args[@]:1}")
	if [[ $c == x-* ]]; then
		same "$c (perf script text)" "$c.out" - -- \
			bash -c 'gzip -dc "$0" | "$1" -i - "${@:2}"' "$set.script.gz" "$CT" "${opts[@]}"
		continue
	fi
	if $have_perf; then
		same "$c (perf.data)" "$c.out" "$c.err" -- "$CT" -i "$set.data" "${opts[@]}"
	else
		skip "$c (perf.data)" "perf is not installed"
	fi
	same "$c (perf script text)" "$c.out" "$c.err" -- \
		bash -c 'gzip -dc "$0" | "$1" -i - "${@:2}"' "$set.script.gz" "$CT" "${opts[@]}"
	same "$c (module records)" "$c.out" - -- "$CT" -i "$set.records" "${opts[@]}"
	if [[ " ${opts[*]} " == *" -pv "* ]]; then
		run "$c (module tasks): -pv is a usage error" 2 '^$' "-pv needs one line per compaction" \
			"$CT" -i "$set.tasks" "${opts[@]}"
	else
		same "$c (module tasks)" "$c.out" - -- "$CT" -i "$set.tasks" "${opts[@]}"
	fi
done

# The committed outputs are the original's (only where perf and the
# original script are installed).
if $have_perf && [ -f "$ORIG" ]; then
	bad=
	for a in "${cases[@]}"; do
		c=$(basename "$a" .args)
		[[ $c == x-* ]] && continue
		mapfile -t args <"$a"
		opts=()
		for o in "${args[@]:1}"; do
			case $o in -[0-9]*) o=0$o ;; esac	# see expected.sh
			opts+=("$o")
		done
		"${PERF:-perf}" script -i "${args[0]}.data" -s "$ORIG" -- "${opts[@]}" \
			>"$tmp/orig" 2>/dev/null
		cmp -s "$tmp/orig" "$c.out" || bad="$bad $c"
	done
	echo "differ from the original now:$bad" >"$tmp/why"
	[ -z "$bad" ]
	ok $? "the .out files are what perf's compaction-times.py prints"
else
	skip "the .out files are what perf's compaction-times.py prints" "perf or $ORIG missing"
fi

# ftrace text recorded at the same time as mixed.data and missing.data,
# on trace_clock perf: the counts of the original; times within 10 us per
# compaction (two probes, two clock reads).  ftrace names a task by its
# last comm (bash), where perf has the comm of the time (job [1]: a-2 b).
for set in mixed missing; do
	same "ftrace text $set -pv (x-ftrace-$set-pv.out)" "x-ftrace-$set-pv.out" - -- \
		sh -c 'gzip -dc "$0" | "$1" -i - -pv' "$set.ftrace.gz" "$CT"
	near "$set-pv.out" "$tmp/out" 10000
	ok $? "ftrace text $set -pv: the original's counts, times within 10 us"
done
sh -c 'gzip -dc "$0" | "$1" -i - -pv 2>&1 >/dev/null' missing.ftrace.gz "$CT" |
	sort | uniq -c | cmp -s - missing-pv.err
ok $? "ftrace text missing -pv: the original's 'missing start' lines"

# perf script's default text, in microseconds: within 1 us per compaction.
same "perf script us text mixed -pv (x-script-us-mixed-pv.out)" x-script-us-mixed-pv.out - -- \
	sh -c 'gzip -dc "$0" | "$1" -i - -pv 2>/dev/null' mixed.script-us.gz "$CT"
near mixed-pv.out "$tmp/out" 1000
ok $? "perf script us text mixed -pv: the original's counts, times within 1 us"
run "perf script us text: says the times are to 1 us" 0 - "use 'perf script --ns'" \
	sh -c 'gzip -dc "$0" | "$1" -i -' mixed.script-us.gz "$CT"

# The tool's own formats: JSON parses and agrees with the text.
if command -v python3 >/dev/null; then
	python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
t = d["total"]
assert t["compactions"] == sum(x["compactions"] for x in d["tasks"])
assert t["stall_ns"] == sum(c["stall_ns"] for x in d["tasks"] for c in x["compactions_list"])
assert "total: %dns migration: moved=%d failed=%d" % (t["stall_ns"], t["moved"], t["failed"]) in open(sys.argv[2]).read()
' x-json-pv.out mixed-pv.out 2>"$tmp/why"
	ok $? "--format json parses, its sums agree, and with the text"
else
	skip "--format json parses" "no python3"
fi

# Command line, input errors, and where messages go.
cd "$tmp" || exit 1
mkdir -p dir empty-dir
cp "$D/three.records" dir/records
printf '# version 1.0.0\n# fields pid compactions stall_ns moved failed fs_scanned fs_isolated ms_scanned ms_isolated comm\n1 1 5 0 0 0 0 0 0 : a\n1 2 x 0 0 0 0 0 0 : b\n' >bad.tasks
printf '# version 2.0.0\n' >v2.records
printf '# version 1.0.0\n# dropped 3\n# unmatched 0\n# fields begin_ns end_ns pid moved failed fs_scanned fs_isolated ms_scanned ms_isolated comm\n10 20 5 1 2 3 4 5 6 : a b\n' >dropped.records
printf '# version 1.0.0\n# fields begin_ns end_ns moved failed fs_scanned fs_isolated ms_scanned ms_isolated comm\n' >nopid.records
printf '# tracer: nop\n#\n            bash-7     [000] .....   1.000001: mm_compaction_migratepages: nr_migrated=1\n' >bad.ftrace
printf '  sh 7 [000] 1.000001: compaction:mm_compaction_isolate_freepages: range=(0x1 ~ 0x2) nr_scanned=4\n' >bad.script
printf 'hello world\n' >text.txt
: >empty.txt
zero='^total: 0ns migration: moved=0 failed=0 free_scanner: scanned=0 isolated=0 migration_scanner: scanned=0 isolated=0$'

run "--help: stdout, exit 0" 0 '^usage: compaction_times' '^$' "$CT" --help
run "-h, the original's: stdout, exit 0" 0 '^  --pv +display by process \(verbose\)$' '^$' "$CT" -h
run "bad option: stderr, exit 2" 2 '^$' "unknown or ambiguous option '-x'" "$CT" -x
run "bad --format: exit 2" 2 '^$' "--format: 'xml' is not text, csv or json" "$CT" --format xml
run "invalid regex: the original's words and the usage, exit 2" 2 '^$' \
	"^compaction_times: invalid regex '\(': .*|^usage: compaction_times " "$CT" -i "$D/three.records" '('
run "-N after -i is a file name, not a range" 1 '^$' "^compaction_times: -200: No such file" "$CT" -i -200
run "directory: its records file" 0 '^1788\[bash\]: 9789438ns ' '^$' "$CT" -p -i dir
run "directory without records: exit 1" 1 '^$' "^compaction_times: empty-dir: Is a directory, and not the module.s compaction directory \(no records file\)$" "$CT" -i empty-dir
run "missing file: exit 1" 1 '^$' "^compaction_times: nonexistent: No such file or directory$" "$CT" -i nonexistent
run "no -i and no perf.data: exit 1" 1 '^$' "^compaction_times: perf.data: No such file or directory$" "$CT"
run "empty input: the original's zero total, a note, exit 0" 0 "$zero" "empty.txt: no compaction events \(the input is empty\)" "$CT" -i empty.txt
run "ftrace without compaction events: zero total, a note, exit 0" 0 "$zero" "no compaction events \(were the compaction events enabled\?\)" \
	sh -c "printf '# tracer: nop\n#\n' | $CT -i -"
run "not a trace: file:line, exit 1" 1 '^$' "^compaction_times: text.txt:1: not ftrace or perf script text" "$CT" -i text.txt
run "bad ftrace event: file:line, exit 1" 1 '^$' "^compaction_times: bad.ftrace:3: mm_compaction_migratepages event without nr_failed=N$" "$CT" -i bad.ftrace
run "bad perf script event: file:line, exit 1" 1 '^$' "^compaction_times: bad.script:1: mm_compaction_isolate_freepages event without nr_taken=N$" "$CT" -i bad.script
run "bad tasks row: file:line, exit 1" 1 '^$' "^compaction_times: bad.tasks:4: stall_ns: not a number of ns$" "$CT" -i bad.tasks
run "newer format version: exit 1" 1 '^$' "v2.records:1: format version 2.0.0: this tool reads 1.x.x" "$CT" -i v2.records
run "a needed column missing: exit 1" 1 '^$' "nopid.records:2: '# fields' has no column pid" "$CT" -i nopid.records
run "dropped events: a warning on stderr, not stdout" 0 '^total: 10ns migration: moved=1 failed=2 ' \
	"warning: dropped.records: the module dropped 3 events" "$CT" -i dropped.records
run "perf.data on stdin: exit 1" 1 '^$' "perf.data on standard input: name the file with -i" sh -c "$CT -i - < $D/three.data"
run "perf.data without perf: exit 1, says so" 1 '^$' "three.data: a perf.data file, and /nonexistent/perf cannot be run" \
	env PERF=/nonexistent/perf "$CT" -i "$D/three.data"
run "--format csv: a header and a total row" 0 '^total,,,,,,22641995,9,1310,136,' '^$' "$CT" --format csv -i dir/records
run "--format json --p (two dashes)" 0 '"tasks": \[' '^$' "$CT" --format json --p -i dir/records
run "-p and -pv: the last wins, as in the original" 0 '^1788\[bash\]: ' '^$' sh -c "$CT -pv -p -i dir/records | grep -v '\]\.'"
run "--version" 0 '^compaction_times [0-9]' '^$' "$CT" --version
run "comm regex with \\d, as in Python" 0 '^1823\[python3\]' '^$' "$CT" -p -i "$D/mixed.records" 'python\d'
run "pid 0 lets every pid through, as in the original" 0 '^1789\[bash\]' '^$' "$CT" -p -i dir/records 0

echo "golden-compaction: $((n - failed)) passed, $failed failed"
[ $failed = 0 ]
