# make bench-kernel, inside the VM: each workload under each configuration,
# interleaved round by round.  Prints "BENCH WORKLOAD CONFIG NS MIGRATIONS"
# lines for tests/bench/bench-kernel.sh; a benchmark, not a test: the only
# results are that it ran.
. /lwt/ktap.sh
ROUNDS=$(sed -n "s/.*lwt.bench_rounds=\([0-9]*\).*/\1/p" /proc/cmdline)
ROUNDS=${ROUNDS:-3}
# NAME:ITERATIONS[:SPIN:SLEEP_US] (tests/vm/progs/migbench.c): as many
# migrations per unit of work as each kind gave in the VM.
# lwt.bench_workloads=W,W... on the command line runs only those.
WORKLOADS=$(sed -n "s/.*lwt.bench_workloads=\([^ ]*\).*/\1/p" /proc/cmdline | tr , ' ')
WORKLOADS=${WORKLOADS:-hop:3000 wake:1000 balance:100:50000:2000 rt:3000:500:20}
CONFIGS="idle ftrace mt ms both"
ktap_plan 3

check "insmod" insmod /lwt/lwtrace.ko mt_buf_kb=16384 mstat_hours=1
echo 0 > $TR/tracing_on
echo 16384 > $TR/buffer_size_kb
echo local > $TR/trace_clock

on() {
	case $1 in
	ftrace)	echo > $TR/trace
		echo 1 > $TR/events/sched/sched_migrate_task/enable
		echo 1 > $TR/tracing_on ;;
	mt)	wr $MT/enable 1 >/dev/null ;;
	ms)	wr $MS/enable 1 >/dev/null ;;
	both)	wr $MT/enable 1 >/dev/null; wr $MS/enable 1 >/dev/null ;;
	esac
}
off() {
	echo 0 > $TR/tracing_on
	echo 0 > $TR/events/sched/sched_migrate_task/enable
	for d in $MS $MT; do
		wr $d/enable 0 >/dev/null
		wr $d/reset 0 >/dev/null
	done
}

r=0
fail=0
while [ $r -lt $ROUNDS ]; do
	r=$((r + 1))
	for w in $WORKLOADS; do
		for c in $CONFIGS; do
			on $c
			out=$(migbench $(echo "$w" | tr : ' ')) || fail=1
			off
			echo "BENCH ${w%%:*} $c $out"
		done
	done
done
expect "every run completed" "$fail" 0
check "rmmod" rmmod lwtrace
ktap_done
