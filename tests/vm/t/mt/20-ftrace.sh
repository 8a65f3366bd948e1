# migration_trace agrees with the kernel's own ftrace: with
# sched:sched_migrate_task on in tracefs at the same time, the module's
# migrate records of a known workload equal ftrace's real moves
# (orig_cpu != dest_cpu), per (pid, orig_cpu, dest_cpu), with nothing lost.
. /lwt/ktap.sh
ktap_plan 12

check "insmod" insmod /lwt/lwtrace.ko
echo 0 > $TR/tracing_on
echo > $TR/trace
echo 8192 > $TR/buffer_size_kb
echo 1 > $TR/events/sched/sched_migrate_task/enable
echo 1 > $TR/tracing_on
expect "enable" "$(wr $MT/enable 1)" OK
hopper 3 40 pids.txt
expect "disable" "$(wr $MT/enable 0)" OK
echo 0 > $TR/tracing_on
echo 0 > $TR/events/sched/sched_migrate_task/enable

cat $TR/trace > ftrace.txt
lwtio r $MT/trace > lw.txt
lost=0
for s in $TR/per_cpu/cpu*/stats; do
	o=$(awk '$1 == "overrun:" { print $2 }' $s)
	lost=$((lost + o))
done
expect "ftrace lost nothing" "$lost" 0
expect "lwtrace dropped nothing" "$(hdr_val lw.txt dropped)" 0

# "pid orig dest" for each real move of a workload task.
awk 'NR == FNR { want[$1] = 1; next }
     /sched_migrate_task:/ {
	for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
	if (f["orig_cpu"] != f["dest_cpu"] && (f["pid"] in want))
		print f["pid"], f["orig_cpu"], f["dest_cpu"]
     }' pids.txt ftrace.txt | sort > f.moves
awk 'NR == FNR { want[$1] = 1; next }
     $1 ~ /^0x/ && $3 != "." && ($5 in want) { print $5, $3, $4 }' pids.txt lw.txt | sort > l.moves
n=$(wc -l < f.moves)
diag "workload: $(wc -l < pids.txt) tasks, ftrace saw $n real moves, lwtrace $(wc -l < l.moves)"
check "the workload migrated" test "$n" -ge 100
if cmp -s f.moves l.moves; then
	ok "same moves as ftrace"
else
	not_ok "same moves as ftrace"
	diff f.moves l.moves | head -20 | sed 's/^/# /'
fi
# No same-CPU set_task_cpu() call is recorded as a migration.
expect "no same-CPU records" "$(awk '$1 ~ /^0x/ && $3 != "." && $3 == $4' lw.txt | wc -l)" 0

# migrate_stats on the real trace: nothing lost or invented.
lines=$(awk '$1 ~ /^0x/ && $3 != "."' lw.txt | wc -l)
total=$(migrate_stats --stats lw.txt | awk '$1 == "total" { print $2 }')
expect "migrate_stats --stats total equals the trace's migrate lines ($lines)" "$total" "$lines"
wl=$(migrate_stats --summary_pid lw.txt |
	awk 'NR == FNR { want[$1] = 1; next } ($1 in want) { n += $2 } END { print n + 0 }' pids.txt -)
expect "migrate_stats --summary_pid counts the workload's moves" "$wl" "$(wc -l < l.moves)"
# The same trace as the original wrote it, CPU by CPU: the same report.
grep '^#' lw.txt > percpu.txt
for c in $(awk '$1 ~ /^0x/ { print $2 }' lw.txt | sort -un); do
	awk -v c=$c '$1 ~ /^0x/ && $2 == c' lw.txt >> percpu.txt
done
migrate_stats --stats --summary_pid lw.txt > a.txt
migrate_stats --stats --summary_pid percpu.txt > b.txt
check "migrate_stats merges a per-CPU dump of it to the same report" cmp -s a.txt b.txt
check "rmmod" rmmod lwtrace
ktap_done
