#!/bin/sh
# Record an ftrace dump for timer_stats: the four timer events and a
# stacktrace trigger on the two start events, in a tracefs instance of its
# own (so as not to disturb the main buffer), around one run of
# workload.c, or around CMD.  Run as root; writes the trace to stdout.
# LWT_CPUMASK, if set, is written to the instance's tracing_cpumask.
#
#   sh record.sh > real-6.18-workload.trace
#   LWT_CPUMASK=1 sh record.sh taskset -c 0 sleep 1.1 > real-6.18-cpu0-idle.trace
set -e
T=/sys/kernel/tracing
I=$T/instances/lwt_tstat
[ -d $T/events ] || mount -t tracefs nodev $T
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; [ ! -d $I ] || rmdir $I' EXIT
cc -O2 -pthread -o "$tmp/workload" "$(dirname "$0")/workload.c"
mkdir $I
echo 8192 > $I/buffer_size_kb
for e in timer_start timer_expire_entry hrtimer_start hrtimer_expire_entry; do
	echo 1 > $I/events/timer/$e/enable
done
echo stacktrace > $I/events/timer/timer_start/trigger
echo stacktrace > $I/events/timer/hrtimer_start/trigger
if [ -n "$LWT_CPUMASK" ]; then
	echo "$LWT_CPUMASK" > $I/tracing_cpumask
fi
echo 1 > $I/tracing_on
if [ $# -gt 0 ]; then "$@"; else "$tmp/workload"; fi
echo 0 > $I/tracing_on
echo '!stacktrace' > $I/events/timer/timer_start/trigger
echo '!stacktrace' > $I/events/timer/hrtimer_start/trigger
echo 0 > $I/events/timer/enable
cat $I/trace
