# make bench-kernel, inside the VM: the cost per timer expiry of
# timer_stats against ftrace's four timer events (timer_start,
# timer_expire_entry, hrtimer_start, hrtimer_expire_entry), the cheapest
# way to get the same data from ftrace, and against a hist trigger on the
# expiry events, interleaved round by round.  Prints "BENCH timers CONFIG
# NS EXPIRIES" lines for tests/bench/bench-kernel.sh.
. /lwt/ktap.sh
ROUNDS=$(sed -n "s/.*lwt.bench_rounds=\([0-9]*\).*/\1/p" /proc/cmdline)
ROUNDS=${ROUNDS:-3}
CONFIGS="idle ftrace hist tstat"
HIST="hist:keys=common_pid,function:vals=hitcount"
ktap_plan 3

check "insmod" insmod /lwt/lwtrace.ko
echo 0 > $TR/tracing_on
echo 16384 > $TR/buffer_size_kb
echo local > $TR/trace_clock

on() {
	case $1 in
	ftrace)	echo > $TR/trace
		for e in timer_start timer_expire_entry hrtimer_start hrtimer_expire_entry; do
			echo 1 > $TR/events/timer/$e/enable
		done
		echo 1 > $TR/tracing_on ;;
	hist)	for e in timer_expire_entry hrtimer_expire_entry; do
			echo "$HIST" > $TR/events/timer/$e/trigger
		done
		echo 1 > $TR/tracing_on ;;
	tstat)	wr $TS 1 >/dev/null ;;
	esac
}
off() {
	echo 0 > $TR/tracing_on
	for e in timer_start timer_expire_entry hrtimer_start hrtimer_expire_entry; do
		echo 0 > $TR/events/timer/$e/enable
	done
	for e in timer_expire_entry hrtimer_expire_entry; do
		echo "!$HIST" > $TR/events/timer/$e/trigger 2>/dev/null
	done
	wr $TS 0 >/dev/null
}

r=0
fail=0
while [ $r -lt $ROUNDS ]; do
	r=$((r + 1))
	for c in $CONFIGS; do
		on $c
		out=$(timers bench 2000) || fail=1
		off
		echo "BENCH timers $c $out"
	done
done
expect "every run completed" "$fail" 0
check "rmmod" rmmod lwtrace
ktap_done
