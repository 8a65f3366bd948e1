# NUMA balancing swaps two tasks that each run on the node the other's
# memory is on: __migrate_swap_task.  The VM has two nodes of one socket
# and two CPUs each (tests/vm/run-all.sh).
. /lwt/ktap.sh
ktap_plan 5

check "insmod" insmod /lwt/lwtrace.ko mt_buf_kb=8192 cause_check=1
[ -e /proc/sys/kernel/numa_balancing ] && echo 1 > /proc/sys/kernel/numa_balancing
# Scan after 100 ms of run time, not 1 s, so a short run sees swaps.
for f in scan_delay_ms scan_period_min_ms; do
	[ -e /sys/kernel/debug/sched/numa_balancing/$f ] &&
		echo 100 > /sys/kernel/debug/sched/numa_balancing/$f
done
wr $MT/enable 1 >/dev/null
causes numa 4 6000 numa.pids
rc=$?
wr $MT/enable 0 >/dev/null
lwtio r $MT/trace > tr.txt
diag "$(grep -E '^numa_(hint_faults|pages_migrated)' /proc/vmstat | tr '\n' ' ')"
# PREEMPT_RT kernels are built without NUMA balancing (Debian's rt
# configs have no CONFIG_NUMA_BALANCING): no sysctl, no swaps.
if [ ! -e /proc/sys/kernel/numa_balancing ]; then
	skip "tasks on the wrong node: __migrate_swap_task" "kernel without NUMA balancing"
elif [ $rc = 3 ]; then
	skip "tasks on the wrong node: __migrate_swap_task" "no NUMA or no MPOL_F_NUMA_BALANCING"
else
	check "tasks on the wrong node: __migrate_swap_task" has_cause numa.pids __migrate_swap_task
fi
check "no unknown cause" no_unknown
check "causes by task state and by learned path: the unwind agrees" by_state_agrees
check "rmmod" rmmod lwtrace
ktap_done
