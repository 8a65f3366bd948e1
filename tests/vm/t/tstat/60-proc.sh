# ts_proc=1 also makes the file /proc/timer_stats, where the original was
# and the old tools (PowerTOP) read it: the same control and the same
# report as debugfs' timer_stats, root-only; without the parameter there
# is no /proc/timer_stats, and rmmod removes it.
. /lwt/ktap.sh
ktap_plan 13

check "insmod" insmod /lwt/lwtrace.ko
check "without ts_proc, no /proc/timer_stats" test ! -e /proc/timer_stats
check "rmmod" rmmod lwtrace
check "insmod ts_proc=1" insmod /lwt/lwtrace.ko ts_proc=1
expect "/proc/timer_stats: root-only" "$(stat -c %a /proc/timer_stats)" 600
expect "start there" "$(wr /proc/timer_stats 1)" OK
timers nanosleep 50 > ns.pid
expect "stop there" "$(wr /proc/timer_stats 0)" OK
lwtio r /proc/timer_stats > proc.txt
lwtio r $TS > debugfs.txt
check "it reads as debugfs' timer_stats" cmp proc.txt debugfs.txt
expect "with the workload's nanosleeps" \
	"$(ts_entries proc.txt | awk -v p="$(cat ns.pid)" '$2 == p && $5 == "hrtimer_wakeup" { print $1, $4 }')" \
	"50 do_nanosleep"
expect "a bad write there is EINVAL" "$(wr /proc/timer_stats 2)" EINVAL
# /proc files hold no module reference: rmmod goes on while one is open,
# and the open file then reads nothing (proc_remove() waits for calls in
# flight and releases it).
exec 3< /proc/timer_stats
check "rmmod with /proc/timer_stats open" rmmod lwtrace
check "rmmod removes /proc/timer_stats" test ! -e /proc/timer_stats
r=$(cat <&3 2>&1); exec 3<&-
diag "read after rmmod: '$r'"
check "the open file reads no data after rmmod, only EIO" test "$r" = "cat: read error: Input/output error"
ktap_done
