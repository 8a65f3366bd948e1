# migration_trace agrees with the kernel's own ftrace: with
# sched:sched_migrate_task on in tracefs at the same time, the module's
# migrate records of a known workload equal ftrace's real moves
# (orig_cpu != dest_cpu), per (pid, orig_cpu, dest_cpu), with nothing lost.
. /lwt/ktap.sh
ktap_plan 13

check "insmod" insmod /lwt/lwtrace.ko
echo 0 > $TR/tracing_on
echo > $TR/trace
echo 8192 > $TR/buffer_size_kb
# lwtrace's clock is ftrace's "local"; ftrace's default becomes "global"
# where sched_clock is unstable (6.1 under TCG).
echo local > $TR/trace_clock
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
# The same moves at the same times: lwtrace's clock is ftrace's "local"
# clock (sched_clock()).  The k-th move of a pid in one trace is the k-th
# in the other; ftrace prints microseconds.  Both probes run in the same
# tracepoint call, so they differ by the time between them, not by
# local_clock()'s offset (6.3 ms on 6.12, up to 4 ms either way on 6.1).
awk 'NR == FNR { want[$1] = 1; next }
     /sched_migrate_task:/ {
	for (i = 1; i <= NF; i++) { split($i, kv, "="); f[kv[1]] = kv[2] }
	for (i = 1; i <= NF; i++) if ($i ~ /^[0-9]+\.[0-9]+:$/) t = substr($i, 1, length($i) - 1)
	if (f["orig_cpu"] != f["dest_cpu"] && (f["pid"] in want))
		print f["pid"], ++k[f["pid"]], t
     }' pids.txt ftrace.txt | sort > f.ts
awk "$AWK_HEX"'
     NR == FNR { want[$1] = 1; next }
     $1 ~ /^0x/ && $3 != "." && ($5 in want) { printf "%s %d %.6f\n", $5, ++k[$5], hex($1) / 1e9 }' pids.txt lw.txt | sort > l.ts
awk 'NR == FNR { t[$1 " " $2] = $3; next }
     ($1 " " $2) in t { d = ($3 - t[$1 " " $2]) * 1e6; if (d < 0) d = -d; printf "%d\n", d }' f.ts l.ts |
	sort -n > d.txt
n=$(wc -l < d.txt)
med=$(sed -n "$(( (n + 1) / 2 ))p" d.txt)
diag "|lwtrace - ftrace| per move, us: median ${med:-none}, max $(tail -n 1 d.txt) over $n moves"
# Single-threaded TCG runs the vCPUs in turn, so the clock can jump
# between the two probes now and then: judge the median.
check "timestamps equal ftrace's local clock: median difference <= 50 us" \
	test "$n" -gt 0 -a "${med:-999999}" -le 50
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
