# timer_stats counts what ftrace sees: a workload of known timers
# (nanosleep, setitimer, timerfd, and a deferrable kernel timer from a
# test module) runs with timer_stats and ftrace's timer events on at once;
# for each of its pids and callbacks, timer_stats' count equals the number
# of ftrace expiry events of the timers that pid armed.  The start sites
# are the callers of the timer API, never the timer core.
. /lwt/ktap.sh
ktap_plan 17

check "insmod" insmod /lwt/lwtrace.ko
lwtio r $TS > before.txt
expect "before any start: inactive, empty" \
	"$(sed -n '1,2p;$p' before.txt | tr '\n' '|')" \
	"Timer Stats Version: v0.3|Sample period: 0.000 s|0 total events|"

ftrace_timers
expect "start" "$(wr $TS 1)" OK
timer_workload
lwtio r $TS > active.txt
expect "stop" "$(wr $TS 0)" OK
ftrace_timers_off
# Read before the test module goes, while its symbols resolve.
lwtio r $TS > ts.txt
cat $TR/trace > ftrace.txt
rmmod lwt_timer_test
expect "ftrace lost nothing" "$(ftrace_lost)" 0

expect "read while active says active" "$(grep '^Collection:' active.txt)" "Collection: active"
expect "read after stop says inactive" "$(sed -n 3p ts.txt)" "Collection: inactive"
check "the sample period is some seconds" \
	awk '/^Sample period:/ { exit !($3 > 1 && $3 < 600) }' ts.txt
total=$(ts_entries ts.txt | awk '{ n += $1 } END { print n + 0 }')
expect "the footer's total is the sum of the entries" \
	"$(awk '/total events/ { print $1 }' ts.txt)" "$total"

# The workload's own timers.  (An hrtimer its callback re-arms, like the
# tick, keeps the pid of its first arming in timer_stats, and ftrace shows
# whichever task the re-arming interrupted.)
cat ns.pid it.pid fd.pid tt.pid > pids.txt
CBS="hrtimer_wakeup it_real_fn timerfd_tmrproc lwt_tt_expire"
ts_entries ts.txt | awk -v cbs="$CBS" 'NR == FNR { want[$1] = 1; next }
	BEGIN { split(cbs, c); for (i in c) cb[c[i]] = 1 }
	($2 in want) && ($5 in cb) { n[$2 " " $5] += $1 } END { for (k in n) print k, n[k] }' pids.txt - | sort > mod.cnt
ftrace_expiries ftrace.txt | awk -v cbs="$CBS" 'NR == FNR { want[$1] = 1; next }
	BEGIN { split(cbs, c); for (i in c) cb[c[i]] = 1 }
	($1 in want) && ($2 in cb)' pids.txt - | sort > ft.cnt
diag "$(cat mod.cnt)"
if cmp -s mod.cnt ft.cnt; then ok "per pid and callback, the counts equal ftrace's"
else not_ok "per pid and callback, the counts equal ftrace's"; diag "ftrace:"; diag "$(cat ft.cnt)"; fi
cb() { awk -v p="$(cat $1)" -v c=$2 '$1 == p && $2 == c { print $3 }' mod.cnt; }
check "nanosleep: 300 expiries of hrtimer_wakeup" [ "$(cb ns.pid hrtimer_wakeup)" = 300 ]
check "setitimer: it_real_fn expired at least 200 times" [ "$(cb it.pid it_real_fn)" -ge 200 ]
check "timerfd: timerfd_tmrproc expired" [ "$(cb fd.pid timerfd_tmrproc)" -gt 0 ]
expect "the test module's deferrable timer: 50 expiries, flagged D" \
	"$(ts_entries ts.txt | awk -v p="$(cat tt.pid)" '$2 == p && $5 == "lwt_tt_expire" { print $1, $4, $6 }')" \
	"50 lwt_tt_thread 1"
expect "nanosleep's start site is do_nanosleep" \
	"$(ts_entries ts.txt | awk -v p="$(cat ns.pid)" '$2 == p && $5 == "hrtimer_wakeup" { print $4 }' | sort -u)" \
	do_nanosleep
ts_entries ts.txt | awk 'NR == FNR { core[$1] = 1; next } ($4 in core)' /lwt/timer_core.txt - > core.txt
expect "no entry names a timer-core function as its start site" "$(cat core.txt)" ""
check "rmmod" rmmod lwtrace
ktap_done
