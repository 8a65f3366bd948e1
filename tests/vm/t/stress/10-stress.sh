# Stress (issue #16): for LWT_STRESS_SEC seconds (lwt.stress_sec= on the
# command line, default 120), all at once:
#  - writers of every control file of every facility, good and bad values;
#  - readers of every data file;
#  - rmmod and insmod in a loop (a busy module refuses rmmod: fine);
#  - CPUs 1..N-1 taken offline and online in turn;
#  - migrations, timers and compaction from workloads;
#  - small buffers and tables, so that they fill.
# The runner fails the case on any splat in the kernel log.  Then, on a
# fresh load with the hotplug and workloads still going, a known count:
# 4 writers of 1000 marks each into an 8 KiB-per-CPU trace that fills on
# the way (96 KB of marks into 8 KiB a CPU; with 16 KiB and 2000 marks
# 6.1 once recorded them all); every mark is recorded or counted
# dropped, none lost.  At the
# end every control file must be in a sane state.
. /lwt/ktap.sh
ktap_plan 10
SEC=$(sed -n 's/.*lwt\.stress_sec=\([0-9]*\).*/\1/p' /proc/cmdline)
SEC=${SEC:-120}
NCPU=$(nproc)
PARAMS="mt_buf_kb=16 mstat_rows=50 ts_entries=16 ct_tasks=2 ct_records=4 ts_proc=1"
CTLS="$MT/enable $MT/mark $MT/reset $MS/enable $MS/reset $MS/period_msec $TS /proc/timer_stats $CT/enable $CT/reset"
DATA="$MT/trace $MT/sites $MS/stat $TS /proc/timer_stats $CT/tasks $CT/records"
STOP=/tmp/stress.stop
rm -f $STOP

check "insmod $PARAMS" insmod /lwt/lwtrace.ko $PARAMS
echo 1 > /proc/sys/vm/compact_unevictable_allowed 2>/dev/null

# Each loop runs until $STOP exists.
writer() {
	while [ ! -e $STOP ]; do
		for f in $CTLS; do
			for v in 1 0 2 5 -1 x "" "1 " 99999999999999999999; do
				lwtio w "$f" "$v" >/dev/null 2>&1
			done
			lwtio wo "$f" 1 1 >/dev/null 2>&1
		done
	done
}
reader() {
	while [ ! -e $STOP ]; do
		for f in $DATA; do lwtio r "$f" 4096 >/dev/null 2>&1; done
	done
}
reloader() {
	while [ ! -e $STOP ]; do
		rmmod lwtrace 2>/dev/null && { n=$(cat /tmp/reloads 2>/dev/null); echo $((${n:-0} + 1)) > /tmp/reloads; }
		usleep 20000
		lsmod | grep -q '^lwtrace ' || insmod /lwt/lwtrace.ko $PARAMS 2>/dev/null
		usleep 200000
	done
}
hotplug() {
	while [ ! -e $STOP ]; do
		c=1
		while [ $c -lt $NCPU ]; do
			echo 0 > /sys/devices/system/cpu/cpu$c/online
			usleep 50000
			echo 1 > /sys/devices/system/cpu/cpu$c/online
			c=$((c + 1))
		done
		n=$(cat /tmp/hotplugs 2>/dev/null); echo $((${n:-0} + 1)) > /tmp/hotplugs
	done
}
workload() {
	while [ ! -e $STOP ]; do
		hopper 2 20 /dev/null >/dev/null 2>&1
		timers nanosleep 50 >/dev/null 2>&1
		echo 1 > /proc/sys/vm/compact_memory
	done
}

pids=
for l in writer writer reader reader reloader hotplug workload workload; do
	$l &
	pids="$pids $!"
done
diag "$SEC s of stress on $NCPU CPUs: $pids"
sleep "$SEC"
touch $STOP
for p in $pids; do wait $p; done
diag "rmmod succeeded $(cat /tmp/reloads 2>/dev/null || echo 0) times; $(cat /tmp/hotplugs 2>/dev/null || echo 0) hotplug rounds"
check "every CPU back online" test "$(cat /sys/devices/system/cpu/online)" = "0-$((NCPU - 1))"
check "rmmod after the stress" sh -c 'lsmod | grep -q "^lwtrace " || insmod /lwt/lwtrace.ko; rmmod lwtrace'

# The known count: marks, while CPUs come and go and tasks migrate.
rm -f $STOP
check "insmod mt_buf_kb=8" insmod /lwt/lwtrace.ko mt_buf_kb=8
hotplug & hp=$!
workload & wl=$!
expect "enable" "$(wr $MT/enable 1)" OK
marker() {
	i=0
	while [ $i -lt 1000 ]; do echo "$1$i" > $MT/mark; i=$((i + 1)); done
}
marker 1 & m1=$!; marker 2 & m2=$!; marker 3 & m3=$!; marker 4 & m4=$!
wait $m1; wait $m2; wait $m3; wait $m4
expect "disable" "$(wr $MT/enable 0)" OK
touch $STOP
wait $hp; wait $wl
lwtio r $MT/trace > tr.txt
rec=$(awk -v m="$(loc_num tr.txt mark)" '$1 ~ /^0x/ && $3 == "." && $6 == m' tr.txt | wc -l)
drop=$(awk '$1 == "#" && $2 == "dropped_event" && $3 == "mark" { print $4 }' tr.txt)
diag "marks: $rec recorded, ${drop:-0} dropped; $(grep '^# buffer_full' tr.txt)"
check "the trace filled on the way" grep -q '^# buffer_full' tr.txt
expect "recorded + dropped marks == the 4000 written" "$((rec + ${drop:-0}))" 4000

# Every control file sane: each facility stopped, resettable, startable.
for f in $MT $MS $CT; do
	wr $f/enable 0 >/dev/null; r=$(wr $f/reset 0); e=$(cat $f/enable)
	[ "$r$e" = OK0 ] || bad="$bad $f(reset $r, enable $e)"
	r=$(wr $f/enable 1); e=$(cat $f/enable)
	[ "$r$e" = OK1 ] || bad="$bad $f(start $r, enable $e)"
	wr $f/enable 0 >/dev/null
done
r=$(wr $TS 1)$(wr $TS 0)
[ "$r" = OKOK ] || bad="$bad $TS($r)"
grep -q '^Collection: inactive' $TS || bad="$bad $TS(not inactive)"
expect "every facility resets, starts and stops" "${bad:-none}" none
check "rmmod" rmmod lwtrace
ktap_done
