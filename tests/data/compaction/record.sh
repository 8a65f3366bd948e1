#!/bin/bash
# Record the compaction_times golden inputs on the running kernel.  Needs
# root, perf (linux-perf) and tracefs.  Writes into the current directory;
# expected.sh then makes the expected outputs.
#
#   record.sh NAME...      (three, mixed, missing: the workloads below)
#
# NAME.data    perf record of the compaction events of the workload and
#              its children, zstd-compressed to stay small
# NAME.ftrace  the same events from a tracefs instance at the same time
#              (set_event_pid of this script, following forks), on
#              trace_clock "perf", the clock perf uses
# A fragmenter (frag.c) holds one page of every four of 1 GiB while the
# workload runs, so that compaction has pages to move.
set -eu
[ $# = 1 ] || { for n in "$@"; do "$0" "$n" || exit; done; exit; }
name=$1 extra= begin_filter=
cm=/proc/sys/vm/compact_memory
case $name in
three)	# three writers at once, each compacting every zone
	workload="for i in 1 2 3; do (echo 1 > $cm) & done; wait" ;;
mixed)	# a comm with spaces, brackets, a colon and a dash, that execs
	# bash and compacts again (same pid, new comm); a second thread of
	# python3 (its tid is not its pid); and the 6.12 fast_isolate event,
	# which the original ignores
	workload="sh -c 'printf \"job [1]: a-2 b\" > /proc/self/comm; echo 1 > $cm; exec bash -c \"echo 1 > $cm\"' &
/usr/bin/python3 -c 'import threading; t = threading.Thread(target=lambda: open(\"$cm\", \"w\").write(\"1\")); t.start(); t.join()' &
wait"
	extra=mm_compaction_fast_isolate_freepages ;;
missing) # the begin of each DMA32 compaction filtered out: its other
	# events have no start
	workload="echo 1 > $cm"
	begin_filter="zone_start != 0x1000" ;;
*)	echo "record.sh: unknown data set '$name'" >&2; exit 2 ;;
esac
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
T=/sys/kernel/tracing
I=$T/instances/lwt_ct_record
events="mm_compaction_begin mm_compaction_end mm_compaction_migratepages
	mm_compaction_isolate_migratepages mm_compaction_isolate_freepages $extra"
frag=

cleanup() {
	[ -n "$frag" ] && kill "$frag" 2>/dev/null
	[ -d "$I" ] && rmdir "$I"
	rm -rf "$tmp"
}
trap cleanup EXIT

cc -O2 -o "$tmp/frag" "$here/frag.c"
"$tmp/frag" "${FRAG_MB:-1024}" >"$tmp/frag.out" &
frag=$!
until grep -q ready "$tmp/frag.out"; do sleep 0.2; done

mkdir "$I"
echo perf >"$I/trace_clock"
echo 65536 >"$I/buffer_size_kb"
echo $$ >"$I/set_event_pid"
echo 1 >"$I/options/event-fork"
pe=()
for e in $events; do
	echo 1 >"$I/events/compaction/$e/enable"
	pe+=(-e "compaction:$e")
	if [ $e = mm_compaction_begin ] && [ -n "$begin_filter" ]; then
		echo "$begin_filter" >"$I/events/compaction/$e/filter"
		pe+=(--filter "$begin_filter")
	fi
done
echo 1 >"$I/tracing_on"
perf record -q -m 16M --compression-level=22 -o "$name.data" "${pe[@]}" \
	-- bash -c "$workload"
echo 0 >"$I/tracing_on"
cat "$I/trace" >"$name.ftrace"

# Nothing lost, in either.
if perf script -i "$name.data" 2>&1 >/dev/null | grep -i lost; then
	echo "$name.data: perf lost samples" >&2
	exit 1
fi
awk '/entries-in-buffer/ { split($3, a, "/"); if (a[1] != a[2]) exit 1 }' "$name.ftrace" || {
	echo "$name.ftrace: the trace buffer overwrote events" >&2
	exit 1
}
