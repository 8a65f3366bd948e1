# Full tables are counted, never silent: with room for one task and two
# records, this shell's writes to compact_memory (first, so kept, and
# more than two compactions) and then the fragmenting workload (several
# tasks) fill both.  Every begin of a task that found no slot is counted in
# '# table_full' of both files (between ftrace's begins of the tasks left
# out inside the collection and around it), every compaction past the
# second in '# dropped', and compaction_times tells the user both.
. /lwt/ktap.sh
ktap_plan 12

check "insmod ct_tasks=1 ct_records=2" insmod /lwt/lwtrace.ko ct_tasks=1 ct_records=2
echo 0 > $TR/tracing_on
echo > $TR/trace
echo 16384 > $TR/buffer_size_kb
# The markers and other CPUs' begins are ordered across CPUs below.
echo global > $TR/trace_clock
echo 1 > $TR/events/compaction/mm_compaction_begin/enable
echo 1 > $TR/tracing_on
echo M1 > $TR/trace_marker
expect "enable" "$(wr $CT/enable 1)" OK
echo M2 > $TR/trace_marker
# First this shell, a compaction per zone at each write: the task kept.
for i in 1 2 3; do echo 1 > /proc/sys/vm/compact_memory; done
frag 400 3 64 > pids.txt
echo M3 > $TR/trace_marker
expect "disable" "$(wr $CT/enable 0)" OK
echo M4 > $TR/trace_marker
echo 0 > $TR/tracing_on
echo 0 > $TR/events/compaction/mm_compaction_begin/enable
cat $TR/trace > ftrace.txt
lwtio r $CT/tasks > tasks.txt
lwtio r $CT/records > records.txt

expect "one task kept: this shell" "$(awk '!/^#/ { print $1 }' tasks.txt)" $$
kept=$(awk '!/^#/ { print $1 }' tasks.txt)
n=$(awk '!/^#/ { print $2 }' tasks.txt)
check "it compacted more than twice" [ "${n:-0}" -gt 2 ]
expect "two records kept" "$(grep -vc '^#' records.txt)" 2
expect "records: dropped counts the kept task's compactions past the second" \
	"$(hdr_val records.txt dropped)" "$((n - 2))"
# ftrace's begins of the other tasks inside the collection (M2, M3), and
# around it (M1, M4).
set -- $(awk -v kept="$kept" '
	/tracing_mark_write: M[1-4]/ { m = substr($NF, 2); next }
	/ mm_compaction_begin: / {
		match($0, /-[0-9]+ +\[/); p = substr($0, RSTART + 1, RLENGTH - 1); sub(/ *\[/, "", p)
		if (p == kept) next
		if (m >= 1 && m < 4) outer++
		if (m == 2) inner++ }
	END { print inner + 0, outer + 0 }' ftrace.txt)
full=$(hdr_val tasks.txt table_full)
diag "table_full $full; ftrace: $1 begins of other tasks inside, $2 around"
check "tasks: table_full counts the other tasks' begins (as ftrace)" \
	test "$1" -gt 0 -a "$full" -ge "$1" -a "$full" -le "$2"
expect "records says the same table_full: their compactions are missing there too" \
	"$(hdr_val records.txt table_full)" "$full"
compaction_times -p -i $CT > p.txt 2> p.err
check "compaction_times warns of the dropped records" grep -q "dropped $((n - 2)) events" p.err
check "compaction_times warns of the full task table" grep -q "task table was full $full times" p.err
check "rmmod" rmmod lwtrace
ktap_done
