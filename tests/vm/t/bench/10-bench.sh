# make bench-kernel, inside the VM: each workload under each configuration,
# interleaved round by round.  Prints "BENCH WORKLOAD CONFIG NS MIGRATIONS
# EVENTS PROBE_NS" lines for tests/bench/bench-kernel.sh: the run's time
# and moves, then the sched_migrate_task events of the run and the time
# spent in their probes (lwt_bench_probe.ko brackets them).  Then three
# runs of each workload with migration_trace and mt_measure_cost=1:
# "BENCHCOST WORKLOAD", the trace's "# probe_cost ..." fields (the cause
# and the record timed apart), then the sites file's "# by_state ..."
# fields before and after the run (how each cause was found: the counts
# are since load).  A benchmark, not a test: the only results are that
# it ran.
. /lwt/ktap.sh
ROUNDS=$(sed -n "s/.*lwt.bench_rounds=\([0-9]*\).*/\1/p" /proc/cmdline)
ROUNDS=${ROUNDS:-3}
# NAME:ITERATIONS[:SPIN:SLEEP_US] (tests/vm/progs/migbench.c): as many
# migrations per unit of work as each kind gave in the VM.
# lwt.bench_workloads=W,W... on the command line runs only those.
WORKLOADS=$(sed -n "s/.*lwt.bench_workloads=\([^ ]*\).*/\1/p" /proc/cmdline | tr , ' ')
WORKLOADS=${WORKLOADS:-hop:3000 wake:1000 balance:400:50000:20 rt:3000:500:20}
CONFIGS="idle ftrace mt ms both"
ktap_plan 4

check "insmod" insmod /lwt/lwtrace.ko mt_buf_kb=16384 mstat_hours=1
check "insmod lwt_bench_probe" insmod /lwt/lwt_bench_probe.ko
BP=/sys/module/lwt_bench_probe/parameters
MC=/sys/kernel/debug/sched/migration_cost_ns
MC0=$(cat $MC)
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

# Workload NAME:ITER[:SPIN:SLEEP_US]: migbench's output.  Load balancing
# runs with no task cache-hot, so that a CPU going idle pulls whatever
# waits elsewhere (migbench's balance).
workload() {
	case $1 in balance*) echo 0 > $MC ;; esac
	migbench $(echo "$1" | tr : ' ')
	_rc=$?
	echo "$MC0" > $MC
	return $_rc
}

r=0
fail=0
while [ $r -lt $ROUNDS ]; do
	r=$((r + 1))
	for w in $WORKLOADS; do
		for c in $CONFIGS; do
			echo 1 > $BP/reset
			on $c
			out=$(workload "$w") || fail=1
			# The causes of the moves, once per workload.
			[ $c = mt ] && [ $r = 1 ] && wr $MT/enable 0 >/dev/null &&
				diag "${w%%:*} causes:$(lwtio r $MT/trace |
				awk '/^# cause/ { name[$3] = $4 } !/^#/ && $3 != "." { n[$6]++ }
				END { for (i in n) printf " %s %d", name[i], n[i] }')"
			off
			echo "BENCH ${w%%:*} $c $out $(cat $BP/sum)"
		done
	done
done
# The cause against the record, each timed on its own.
echo 1 > /sys/module/lwtrace/parameters/mt_measure_cost
for i in 1 2 3; do
	for w in $WORKLOADS; do
		s0=$(sed -n '1s/^# //p' $MT/sites)
		on mt
		workload "$w" >/dev/null || fail=1
		wr $MT/enable 0 >/dev/null
		echo "BENCHCOST ${w%%:*} $(lwtio r $MT/trace | sed -n 's/^# probe_cost //p') $s0 $(sed -n '1s/^# //p' $MT/sites)"
		off
	done
done
echo 0 > /sys/module/lwtrace/parameters/mt_measure_cost
expect "every run completed" "$fail" 0
check "rmmod" sh -c "rmmod lwtrace && rmmod lwt_bench_probe"
ktap_done
