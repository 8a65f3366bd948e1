# tools/timer_stats gives the same report from an ftrace dump as from the
# module's file: the workload of 10-counts runs once with timer_stats and
# ftrace's timer events on at once, with stacktrace triggers on the two
# start events; for each of the workload's pids, the tool's entries for
# its own callbacks (count, D, pid, comm, start site, callback) read from
# the dump equal those read from the module's timer_stats file.
. /lwt/ktap.sh
ktap_plan 8

check "insmod" insmod /lwt/lwtrace.ko
ftrace_timers
echo stacktrace > $TR/events/timer/timer_start/trigger
echo stacktrace > $TR/events/timer/hrtimer_start/trigger
expect "start" "$(wr $TS 1)" OK
timer_workload
expect "stop" "$(wr $TS 0)" OK
ftrace_timers_off
echo '!stacktrace' > $TR/events/timer/timer_start/trigger
echo '!stacktrace' > $TR/events/timer/hrtimer_start/trigger
# Read before the test module goes, while its symbols resolve.
lwtio r $TS > ts.txt
cat $TR/trace > ftrace.txt
rmmod lwt_timer_test
expect "ftrace lost nothing" "$(ftrace_lost)" 0
check "the dump has kernel stacks" grep -q '<stack trace>' ftrace.txt

# The tool's entries of the workload's pids and own callbacks.
CBS="hrtimer_wakeup it_real_fn timerfd_tmrproc lwt_tt_expire"
report() {
	for f in ns.pid it.pid fd.pid tt.pid; do
		timer_stats --pid "$(cat $f)" "$1" || echo "exit $?"
	done | awk -v cbs="$CBS" 'BEGIN { split(cbs, c); for (i in c) cb["(" c[i] ")"] = 1 }
		/^ *[0-9]+D?, / && ($NF in cb) || /^exit/' | sort
}
report ts.txt > mod.rep
report ftrace.txt > ft.rep
diag "from the module's file:"; diag "$(cat mod.rep)"
expect "the module's file gives an entry for each workload's callback" \
	"$(awk '{ print $NF }' mod.rep | sort -u | tr '\n' ' ')" \
	"(hrtimer_wakeup) (it_real_fn) (lwt_tt_expire) (timerfd_tmrproc) "
if cmp -s mod.rep ft.rep; then ok "from the ftrace dump, the same entries"
else not_ok "from the ftrace dump, the same entries"; diag "from the dump:"; diag "$(cat ft.rep)"; fi
check "rmmod" rmmod lwtrace
ktap_done
