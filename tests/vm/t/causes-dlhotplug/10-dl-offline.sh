# A throttled SCHED_DEADLINE task whose CPU goes offline is moved by its
# replenishment timer: dl_task_offline_migration (inlined in dl_task_timer).
# Not run by default: this workload crashes Debian's 6.1 and 6.12 kernels,
# with or without lwtrace, in about a third of the runs (divide error in
# inactive_task_timer()).  Run it with LWT_CASES=causes-dlhotplug.
. /lwt/ktap.sh
ktap_plan 4

check "insmod" insmod /lwt/lwtrace.ko mt_buf_kb=8192 cause_check=1
wr $MT/enable 1 >/dev/null
causes dlhotplug 2 6000 dlhot.pids
wr $MT/enable 0 >/dev/null
lwtio r $MT/trace > tr.txt
check "CPU offline under a throttled deadline task: dl_task_offline_migration" \
	has_cause dlhot.pids dl_task_offline_migration
check "no unknown cause" no_unknown
check "rmmod" rmmod lwtrace
ktap_done
