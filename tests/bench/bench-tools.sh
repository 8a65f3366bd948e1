#!/bin/bash
# migrate_stats --stats on a generated 10-million-event unsorted trace (a
# raw per-CPU dump, 8 CPUs), against LC_ALL=C sort and wc -l of the same
# file, all with the file in the page cache, best of BENCH_RUNS each.
# Then the same events in time order, as the module writes them, which
# migrate_stats reads once (the single-run read, tools/lib/mtrace.h), and
# with LWT_TWO_PASSES=1, which reads them as any other input.
# Then callgrind instruction counts on a 1M-event trace, by function.
# A benchmark: it reports, it does not fail on a missed goal.
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
DIR=${BENCH_DIR:-/tmp/lwtrace-bench}
EVENTS=${BENCH_EVENTS:-10000000}
RUNS=${BENCH_RUNS:-3}
MS=$TOP/tools/migrate_stats
mkdir -p "$DIR"

cc -O2 -Wall -I"$TOP/include" -o "$TOP/tests/bench/mtgen" "$TOP/tests/bench/mtgen.c"
trace=$DIR/trace-$EVENTS
if [ ! -s "$trace" ]; then
	echo "generating $EVENTS events in $trace"
	"$TOP/tests/bench/mtgen" -n "$EVENTS" -c 8 -t 500 >"$trace"
fi
sorted=$DIR/sorted-$EVENTS
if [ ! -s "$sorted" ]; then
	echo "generating $EVENTS events in time order in $sorted"
	"$TOP/tests/bench/mtgen" -n "$EVENTS" -c 8 -t 500 --sorted >"$sorted"
fi
cat "$trace" "$sorted" >/dev/null

# best NAME CMD...: the best wall time (s) of RUNS, with its CPU time
# (user + system, s) and peak RSS (KiB).  The CPU time tells a busy
# machine (wall > CPU for a one-thread program) from a slow program.
best() {
	local name=$1 t u s m bt= bc= bm=
	shift
	for _ in $(seq "$RUNS"); do
		/usr/bin/time -o "$DIR/time" -f '%e %U %S %M' "$@" >/dev/null 2>&1
		read -r t u s m <"$DIR/time"
		if [ -z "$bt" ] || awk "BEGIN { exit !($t < $bt) }"; then
			bt=$t bm=$m bc=$(awk "BEGIN { print $u + $s }")
		fi
	done
	printf '%-28s %7.2f s wall %7.2f s cpu %8d KiB\n' "$name" "$bt" "$bc" "$bm" >&2
	echo "$bt $bm"
}

echo "input: $(wc -l <"$trace") lines, $(($(stat -c %s "$trace") >> 20)) MiB, $(nproc) CPUs, load $(cut -d' ' -f1 /proc/loadavg)"
read -r t_ms rss < <(best "migrate_stats --stats" "$MS" --stats "$trace")
read -r t_sort _ < <(best "LC_ALL=C sort" env LC_ALL=C sort "$trace")
read -r t_wc _ < <(best "wc -l" wc -l "$trace")
read -r t_one rss1 < <(best "migrate_stats, in order" "$MS" --stats "$sorted")
read -r t_two _ < <(best "  the same, two passes" env LWT_TWO_PASSES=1 "$MS" --stats "$sorted")

ratio() { awk "BEGIN { printf \"%.2f\", ($2 > 0) ? $1 / $2 : 0 }"; }
echo
echo "migrate_stats / sort:  $(ratio "$t_ms" "$t_sort")  (goal <= 0.3)"
echo "migrate_stats / wc -l: $(ratio "$t_ms" "$t_wc")  (goal <= 3)"
echo "in order / wc -l:      $(ratio "$t_one" "$t_wc")  (two passes: $(ratio "$t_two" "$t_wc"))"
[ "$rss1" -gt "$rss" ] && rss=$rss1
echo "peak RSS:              $((rss / 1024)) MiB  (goal <= 64 MiB)"

if command -v valgrind >/dev/null; then
	small=$DIR/trace-1000000
	[ -s "$small" ] || "$TOP/tests/bench/mtgen" -n 1000000 -c 8 -t 500 >"$small"
	valgrind -q --tool=callgrind --callgrind-out-file="$DIR/callgrind.out" \
		"$MS" --stats "$small" >/dev/null
	echo
	echo "callgrind, 1M events: instructions per input line, by function (both threads)"
	lines=$(wc -l <"$small")
	callgrind_annotate "$DIR/callgrind.out" 2>/dev/null |
		awk -v n="$lines" '/PROGRAM TOTALS/ { gsub(",", "", $1); printf "  %6.0f  total\n", $1 / n }
			/^ *[0-9,]+ \(.*%\) .*:/ { c = $1; gsub(",", "", c); f = $NF; sub(/^.*:/, "", f);
			if (c / n >= 5) printf "  %6.0f  %s\n", c / n, $(NF-1) }' | head -8
	small1=$DIR/sorted-1000000
	[ -s "$small1" ] || "$TOP/tests/bench/mtgen" -n 1000000 -c 8 -t 500 --sorted >"$small1"
	lines=$(wc -l <"$small1")
	for two in "" 1; do
		env ${two:+LWT_TWO_PASSES=1} valgrind -q --tool=callgrind \
			--callgrind-out-file="$DIR/callgrind-sorted.out" "$MS" --stats "$small1" >/dev/null
		callgrind_annotate "$DIR/callgrind-sorted.out" 2>/dev/null |
			awk -v n="$lines" -v how="${two:+two passes}" '/PROGRAM TOTALS/ { gsub(",", "", $1);
				printf "  %6.0f  total, the same events in time order%s\n", $1 / n,
				how ? ", " how : ", read once" }'
	done
else
	echo "(valgrind not installed: no instruction counts)"
fi
