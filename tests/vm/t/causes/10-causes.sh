# Every migrate record carries the cause that moved the task: provoke each
# cause with a workload of known tasks and check their records carry it.
. /lwt/ktap.sh
ktap_plan 9

check "insmod" insmod /lwt/lwtrace.ko mt_buf_kb=8192 mt_measure_cost=1
wr $MT/enable 1 >/dev/null
hopper 2 20 aff.pids >/dev/null
causes wake 6 1500 wake.pids
causes hogs 8 2500 hogs.pids
causes rt 6 2000 rt.pids
causes dl 5 2000 dl.pids
dlrc=$?
wr $MT/enable 0 >/dev/null
lwtio r $MT/trace > tr.txt

# hist PIDFILE: "cause count" of the migrations of those tasks
hist() {
	awk 'NR == FNR { want[$1] = 1; next }
	     $1 == "#" && $2 == "cause" { name[$3] = $4; next }
	     $1 ~ /^0x/ && $3 != "." && ($5 in want) { c[name[$6]]++ }
	     END { for (k in c) print k, c[k] }' "$1" tr.txt | sort
}
has() {
	hist "$1" > h.txt
	diag "$1: $(tr '\n' ' ' < h.txt)"
	shift
	for c in "$@"; do grep -q "^$c " h.txt && return 0; done
	return 1
}
expect "nothing dropped" "$(hdr_val tr.txt dropped)" 0
check "affinity change: __migrate_task" has aff.pids __migrate_task
check "wakeups over idle CPUs: try_to_wake_up" has wake.pids try_to_wake_up
check "more hogs than CPUs: load balancing" has hogs.pids pull_task active_load_balance
check "SCHED_FIFO on one CPU: RT push/pull" has rt.pids push_rt_task pull_rt_task
if [ $dlrc = 3 ]; then
	skip "SCHED_DEADLINE: deadline push/pull" "the kernel refused SCHED_DEADLINE in this VM"
else
	check "SCHED_DEADLINE: deadline push/pull" has dl.pids push_dl_task pull_dl_task
fi
UNK=$(loc_num tr.txt unknown)
unk=$(awk -v u=$UNK '$1 ~ /^0x/ && $3 != "." && $6 == u' tr.txt | wc -l)
all=$(awk '$1 ~ /^0x/ && $3 != "."' tr.txt | wc -l)
diag "all tasks: $all migrations, $unk unknown"
if [ "$unk" != 0 ]; then
	diag "call sites that named no cause:"
	grep ' -$' $MT/sites | sed 's/^/  /' | while read -r l; do diag "$l"; done
fi
expect "no unknown cause on the mixed workload" "$unk" 0
cost=$(grep '^# probe_cost' tr.txt)
diag "$cost"
echo "$cost" | awk '{ if ($4) printf "# per event: cause %.0f ns, record %.0f ns, ratio %.1f\n", $6 / $4, $8 / $4, $6 / ($8 ? $8 : 1) }'
check "rmmod" rmmod lwtrace
ktap_done
