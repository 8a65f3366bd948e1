#!/bin/sh
# timer_stats from the command line: exit codes, where help and errors
# go, and the reports of the real 6.18 traces in tests/data/tstat (see its
# README), checked against their golden outputs and against xcheck.py, a
# second reading of the same rules written apart from tools/lib/tstat.c.
# Prints KTAP.
TOP=$(cd "$(dirname "$0")/../.." && pwd)
TS=$TOP/tools/timer_stats
D=$TOP/tests/data/tstat
W=$D/real-6.18-workload.trace
I=$D/real-6.18-cpu0-idle.trace
n=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$TOP/tests/unit/run.sh"

# same NAME EXPECTED CMD...: CMD exits 0 and its stdout is file EXPECTED
same() {
	name=$1 want=$2
	shift 2
	"$@" >"$tmp/out" 2>"$tmp/err"
	got=$?
	n=$((n + 1))
	if [ $got = 0 ] && cmp -s "$tmp/out" "$want"; then
		echo "ok $n $name"
	else
		echo "not ok $n $name"
		echo "# exit $got; stderr: $(head -c 300 "$tmp/err")"
		diff "$want" "$tmp/out" | head -10 | sed 's/^/# /'
		failed=$((failed + 1))
	fi
}

# rows: the (count, D, pid, comm, site, callback) of a CSV report, sorted
rows() {
	python3 -c '
import csv, sys
r = list(csv.reader(sys.stdin))
assert r[0] == ["count", "deferrable", "pid", "comm", "site", "callback", "timers", "rate"], r[0]
for x in sorted(",".join(x[:6]) for x in r[1:]):
    print(x)'
}

echo "KTAP version 1"
echo "1..35"
run "--help: stdout, exit 0" 0 '^usage: timer_stats' '^$' $TS --help
run "-help (one dash)" 0 'echo stacktrace > events/timer/timer_start/trigger' '^$' $TS -help
run "--version: stdout, exit 0" 0 '^timer_stats [0-9].*v0\.3' '^$' $TS --version
run "bad option: stderr, exit 2" 2 '^$' "unknown or ambiguous option '--bogus'" $TS --bogus $W
run "bad option points to --help" 2 '^$' "Try 'timer_stats --help'" $TS --bogus $W
run "bad --sort: exit 2" 2 '^$' "--sort: 'size' is not count, rate, pid or site" $TS --sort size $W
run "bad --format: exit 2" 2 '^$' "--format: 'xml' is not text, csv or json" $TS --format xml $W
run "bad --top: exit 2" 2 '^$' "--top: '0' is not a number of entries" $TS --top 0 $W
run "bad --pid: exit 2" 2 '^$' "--pid: '-3' is not a pid" $TS --pid -3 $W
run "bad --comm: exit 2" 2 '^$' "--comm: '\(' is not a regular expression" $TS --comm '(' $W
run "--top without its argument: exit 2" 2 '^$' "--top: missing argument" $TS $W --top
run "two FILEs: exit 2" 2 '^$' "one FILE at most, not 2" $TS $W $I
: >"$tmp/empty"
run "empty file: exit 1" 1 '^$' "empty: empty input" $TS "$tmp/empty"
run "empty stdin: exit 1" 1 '^$' "<stdin>: empty input" sh -c "$TS - </dev/null"
run "directory: exit 1" 1 '^$' "Is a directory" $TS "$tmp"
run "nonexistent file: exit 1" 1 '^$' "nonexistent: No such file" $TS "$tmp/nonexistent"
printf 'Timer Stats Version: v0.3\nSample period: 1.000 s\nCollection: active\n    3,   100 bash             schedule_timeout (process_timeout)\n    x\n' >"$tmp/bad"
run "malformed entry: file:line, exit 1" 1 '^$' "bad:5: expected an entry: no count" $TS "$tmp/bad"
printf 'Timer Stats Version: v0.3\nSample period: 1.000 s\nCollection: active\n    3,   100 bash             schedule_timeout (process_timeout)\n' >"$tmp/cut"
run "file without its total: exit 1" 1 '^$' "cut:4: no 'N total events' line: the file is cut short" $TS "$tmp/cut"
run "not a timer report: exit 1" 1 '^$' "neither a timer_stats file" $TS "$D/workload.c"
if [ -r /sys/kernel/debug/timer_stats ] || [ -r /proc/timer_stats ]; then
	n=$((n + 1))
	echo "ok $n no FILE and no timer_stats file: exit 1 # SKIP a timer_stats file is readable here"
else
	run "no FILE and no timer_stats file: exit 1" 1 '^$' "no FILE, and neither /sys/kernel/debug/timer_stats" $TS
fi

# The real traces: golden reports, the same from stdin and as a fixed point.
same "golden: real-6.18-workload" "$D/real-6.18-workload.out" $TS "$W"
same "golden: real-6.18-cpu0-idle (deferrable, events/sec)" "$D/real-6.18-cpu0-idle.out" $TS "$I"
same "stdin ('-') gives the same report" "$D/real-6.18-workload.out" sh -c "$TS - < $W"
same "its own output read back is the same report" "$D/real-6.18-cpu0-idle.out" $TS "$D/real-6.18-cpu0-idle.out"
run "workload: early expiries and missing stacks on stderr" 0 - \
	'9 expiries of timers armed before the trace began were not counted' $TS "$W"
run "workload: 23 of 98 start events without a stack" 0 - \
	'23 of 98 timer start events have no stack trace: their start site is <unknown>' $TS "$W"

# xcheck.py's reading of each trace equals timer_stats'.
for t in "$W" "$I"; do
	python3 "$D/xcheck.py" "$TOP/include/uapi/lwtrace.h" "$t" >"$tmp/x" 2>&1 &&
		grep -v '^#' "$tmp/x" | sort >"$tmp/xrows" &&
		$TS --format csv "$t" 2>"$tmp/err" | rows >"$tmp/trows" &&
		cmp -s "$tmp/xrows" "$tmp/trows" &&
		grep -q "^# armed_before $(sed -n 's/.*: \([0-9]*\) expiries.*/\1/p' "$tmp/err")\$" "$tmp/x"
	rc=$?
	n=$((n + 1))
	if [ $rc = 0 ]; then
		echo "ok $n xcheck.py agrees on $(basename "$t")"
	else
		echo "not ok $n xcheck.py agrees on $(basename "$t")"
		diff "$tmp/xrows" "$tmp/trows" | head -10 | sed 's/^/# /'
		failed=$((failed + 1))
	fi
done

# Without stack traces (the trigger not set), every site is <unknown>.
grep -v -e '^ =>' -e '<stack trace>' "$W" >"$tmp/nostack"
run "no stack traces: every site <unknown>, with how to get them" 0 \
	'^ +10, 29299 lwt sleep-loop   <unknown> \(hrtimer_wakeup\)$' \
	'no timer start event has a stack trace' $TS "$tmp/nostack"

# Filters, --top, --sort, and the machine-readable formats.
run "--comm: the workload's three tasks, their total" 0 '^30 total events$' - $TS --comm '^lwt ' "$W"
run "--pid: one task" 0 '^10 total events$' - $TS --pid 29301 "$W"
printf '%s\n' '   21,     0 swapper/1        <unknown> (tick_nohz_handler)' \
	'   10, 29299 lwt sleep-loop   do_nanosleep (hrtimer_wakeup)' '72 total events' >"$tmp/top2"
same "--top 2 keeps the total" "$tmp/top2" sh -c "$TS --top 2 $W 2>/dev/null | tail -n +4"
run "--sort pid: pid 0 first, 29301 last" 0 '^29301$' - \
	sh -c "$TS --sort pid $W | sed -n '4p;14p' | awk '{print \$2}' | tr '\n' ' ' | grep -q '^0 29301 \$' && echo 29301"
run "--sort site: <unknown> first" 0 '<unknown>' - sh -c "$TS --sort site $W | sed -n 4p"
python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
assert d["input"] == "ftrace" and d["collection"] == "inactive", d
assert d["total"] == 53 and d["events_per_sec"] == 48.05, d
assert sum(r["count"] for r in d["rows"]) == d["total"]
assert d["ftrace"]["armed_before"] == 9 and d["ftrace"]["no_stack"] == 0, d["ftrace"]
assert [r for r in d["rows"] if r["deferrable"]][0]["callback"] == "tcp_orphan_update"
' /dev/stdin <<EOF 2>"$tmp/err"
$($TS --format json "$I" 2>/dev/null)
EOF
rc=$?
n=$((n + 1))
if [ $rc = 0 ]; then echo "ok $n --format json parses and agrees with the text"; else
	echo "not ok $n --format json parses and agrees with the text"; sed 's/^/# /' "$tmp/err"
	failed=$((failed + 1)); fi

echo "tstat: $((n - failed)) passed, $failed failed"
[ $failed = 0 ]
