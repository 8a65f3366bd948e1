#!/bin/bash
# migrate_stats and migrate_extract golden tests.  Each
# tests/data/mstats/NAME.args (tests/data/mstat for migrate_extract) holds a
# trace file name then the options, one per line; NAME.out is the
# expected output.  The NAME.out of every case not named x-* was made by
# the original Perl migrate_stats (100811a, with its Perl >= 5.22 fatal
# errors mended) on the LC_ALL=C-sorted trace; x-* cases are where this
# tool differs on purpose (Documentation/migrate_stats.rst).  Then the
# same reports from the other ways to give the input.  Prints KTAP.
TOP=$(cd "$(dirname "$0")/../.." && pwd)
MS=$TOP/tools/migrate_stats
D=$TOP/tests/data/mstats
export TZ="CET-1CEST,M3.5.0,M10.5.0/3" LC_ALL=C
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0 failed=0

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

# same NAME EXPECTED CMD...: CMD's stdout equals file EXPECTED
same() {
	local name=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	local rc=$?
	if [ $rc = 0 ] && cmp -s "$tmp/out" "$want"; then
		ok 0 "$name"
	else
		{ echo "exit $rc"; head -5 "$tmp/err"; diff "$want" "$tmp/out" | head -10; } >"$tmp/why"
		ok 1 "$name"
	fi
}

cases=("$D"/*.args)
ecases=("$TOP"/tests/data/mstat/*.args)
echo "KTAP version 1"
echo "1..$((${#cases[@]} + ${#ecases[@]} + 15))"
# migrate_extract's goldens, in tests/data/mstat, made the same way by the
# original migrate_extract (100811c).
cd "$TOP/tests/data/mstat" || exit 1
for a in "${ecases[@]}"; do
	mapfile -t args <"$a"
	same "golden migrate_extract $(basename "$a" .args)" "${a%.args}.out" \
		"$TOP/tools/migrate_extract" "${args[@]:1}" "${args[0]}"
done
cd "$D" || exit 1
for a in "${cases[@]}"; do
	mapfile -t args <"$a"
	same "golden $(basename "$a" .args)" "${a%.args}.out" "$MS" "${args[@]:1}" "${args[0]}"
done

# The same reports from sorted input, from a pipe, and from two files.
sort trace.txt >"$tmp/sorted"
head -n 2500 trace.txt >"$tmp/part1"
tail -n +2501 trace.txt >"$tmp/part2"
same "sorted input: --stats" stats.out "$MS" --stats "$tmp/sorted"
same "sorted input: --migrate" migrate-rel-abs.out "$MS" --migrate --ts_rel --ts_abs "$tmp/sorted"
same "unsorted pipe: --migrate" migrate-rel-abs.out sh -c "cat trace.txt | $MS --migrate --ts_rel --ts_abs"
same "sorted pipe, as the original was used: --period_*" period-all-four.out \
	sh -c "sort trace.txt | $MS -period 2 -period_all -period_cause -period_cpu -period_cpu_pair -"
same "stdin, a file not at its start" stats.out sh -c "{ read -r line; $MS --stats; } < trace.txt"
same "one trace in two files: --summary_pid" summary_pid.out "$MS" --summary_pid "$tmp/part1" "$tmp/part2"
same "the merge in the caller's thread (LWT_ONE_THREAD)" migrate-rel-abs.out \
	env LWT_ONE_THREAD=1 "$MS" --migrate --ts_rel --ts_abs trace.txt

# Nothing lost or invented: --stats counts every migrate line.
lines=$(grep -vc '^#\|\. \.' trace.txt)
total=$("$MS" --stats trace.txt | awk '$1 == "total" { print $2 }')
[ "$lines" = "$total" ]
echo "migrate lines $lines, --stats total $total" >"$tmp/why"
ok $? "--stats total equals the trace's migrate lines ($lines)"

# --period_* output reads back in migrate_extract: field names and rates.
"$MS" --period 2 --period_all --period_cpu_pair trace.txt >"$tmp/p" &&
	[ "$("$TOP/tools/migrate_extract" --field_num migrate "$tmp/p")" = 2 ] &&
	[ "$("$TOP/tools/migrate_extract" --field_name 4 "$tmp/p")" = "from cpu: 0 to cpu: 1" ] &&
	[ "$("$TOP/tools/migrate_extract" --extract 2 "$tmp/p" | head -1)" = "0.000 762000.00" ]
ok $? "--period_* output is read by migrate_extract"

# --chrome-trace: valid trace-event JSON, one instant per counted migration.
"$MS" --chrome-trace "$tmp/c.json" --cpu_to 1 --stats trace.txt >"$tmp/s" 2>"$tmp/why" &&
	inst=$(python3 "$TOP/tests/unit/check_trace_events.py" "$tmp/c.json" 2>&1) &&
	[ "$inst" = "$(awk '$1 == "total" { print $2 }' "$tmp/s")" ]
rc=$?
echo "instants: $inst" >>"$tmp/why"
ok $rc "--chrome-trace is valid trace-event JSON, one instant per migration"

# --format json parses, and agrees with the text report.
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["total"]["count"] == int(sys.argv[2]), d["total"]
assert sum(c["count"] for c in d["causes"]) == d["total"]["count"]
assert sum(m["count"] for m in d["migrate"]) == d["total"]["count"]
assert len(d["period"]["rows"][0]) == len(d["period"]["fields"])
' x-json.out "$lines" 2>"$tmp/why"
ok $? "--format json parses and its totals agree"

# Progress on a terminal for inputs of 100 MB or more, and only there.
cc -O2 -I"$TOP/include" -o "$tmp/mtgen" "$TOP/tests/bench/mtgen.c" &&
	"$tmp/mtgen" -n 3300000 -c 4 -t 100 >"$tmp/big"
script -qec "$MS --stats $tmp/big >/dev/null" /dev/null | tr '\r' '\n' >"$tmp/tty"
grep -q 'migrate_stats: scan .*% of 101 MB' "$tmp/tty" && grep -q 'migrate_stats: merge .*% of 101 MB' "$tmp/tty"
ok $? "progress on a terminal for a 101 MB input"
"$MS" --stats "$tmp/big" 2>"$tmp/err" >/dev/null && [ ! -s "$tmp/err" ]
ok $? "no progress when stderr is not a terminal"

# Big enough for the helper threads (a file of 8 MB or more is scanned in
# two halves): the same report as in one thread, and a bad line in the
# second half named at its line.
"$MS" --summary_pid --stats "$tmp/big" >"$tmp/two" 2>&1 &&
	LWT_ONE_THREAD=1 "$MS" --summary_pid --stats "$tmp/big" >"$tmp/one" 2>&1 &&
	cmp "$tmp/one" "$tmp/two" >"$tmp/why"
ok $? "a 101 MB trace: the same report from two threads as from one"
bad=$(($(wc -l <"$tmp/big") * 3 / 4))
sed "${bad}s/^0x/zz/" "$tmp/big" >"$tmp/bad"
"$MS" --stats "$tmp/bad" >/dev/null 2>"$tmp/err"
grep -qx "migrate_stats: $tmp/bad:$bad: timestamp is not a hex number" "$tmp/err"
ok $? "a bad line in the second half: named at its line ($bad)"

echo "golden: $((n - failed)) passed, $failed failed"
[ $failed = 0 ]
