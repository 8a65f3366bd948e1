# A reader in a child pid namespace sees only the entries of tasks visible
# there, numbered as that namespace numbers them.
. /lwt/ktap.sh
ktap_plan 8

check "insmod" insmod /lwt/lwtrace.ko
wr $TS 1 > /dev/null
timers nanosleep 100 > parent.pid
unshare -p -f --mount-proc sh -c \
	'timers nanosleep 100 > /tmp/child.pid; cat /sys/kernel/debug/timer_stats > /tmp/child.txt'
wr $TS 0 > /dev/null
lwtio r $TS > parent.txt
ts_entries parent.txt > p.e
ts_entries /tmp/child.txt > c.e
diag "child's view:"; diag "$(cat /tmp/child.txt)"

expect "the child sees its own nanosleeps, by its own pid" \
	"$(awk -v p="$(cat /tmp/child.pid)" '$2 == p && $5 == "hrtimer_wakeup" { print $1 }' c.e)" 100
expect "it sees no kernel thread and no idle task" \
	"$(awk '$3 ~ /^(swapper|kworker|ksoftirqd|rcu_|migration)/' c.e)" ""
expect "nor the parent's workload" \
	"$(awk -v p="$(cat parent.pid)" '$2 == p' c.e)" ""
check "it sees fewer entries than the parent" [ "$(wc -l < c.e)" -lt "$(wc -l < p.e)" ]
expect "the parent sees both workloads" \
	"$(awk '$3 == "timers" && $5 == "hrtimer_wakeup" { print $1 }' p.e)" "100
100"
expect "the child's footer counts only what it sees" \
	"$(awk '/total events/ { print $1 }' /tmp/child.txt)" \
	"$(awk '{ n += $1 } END { print n + 0 }' c.e)"
check "rmmod" rmmod lwtrace
ktap_done
