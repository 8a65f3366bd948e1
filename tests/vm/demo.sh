#!/bin/sh
# make demo: boot the newest test kernel with the module, run a workload
# that migrates tasks, and print the trace and its statistics, labelled.
TOP=$(cd "$(dirname "$0")/../.." && pwd)
K=${LWT_KERNEL:-$("$TOP/tests/vm/kernels.sh" | tail -n 1)}
LOG=$TOP/build/vm/$K-demo.log
echo "demo: booting $K under QEMU (TCG, 4 CPUs); this takes about 30 seconds" >&2
LWT_REBUILD=1 "$TOP/tests/vm/run.sh" "$K" demo "$LOG" >/dev/null
rc=$?

cat <<TEXT
What ran
========
Kernel $K under QEMU (TCG, 4 CPUs), with lwtrace loaded.
migration_trace recorded while tests/vm/progs/hopper ran "hopper 3 10":
its main thread, 3 more threads and a forked child ("hopchild") each pin
themselves to one CPU after another with sched_setaffinity(), 10 times,
so every hop is a migration with the cause __migrate_task.  Mark 1 was written just
before it started and mark 2 just after it ended; the VM's own tasks
(kworkers, the shell) migrate too, with their own causes.

TEXT
# The VM's output: "migrate_stats --ts_rel --migrate --mark", then
# "migrate_stats --stats" from its "DURATION:" on.  Label both, and widen
# the CAUSE table's name column to the longest cause name (the original
# format's 14 columns fit the original's causes, not the module's).
sed -n '/LWT-DEMO-BEGIN/,/LWT-DEMO-END/p' "$LOG" | sed '1d;$d' | sed 's/^    //' |
awk '
BEGIN {
	print "The trace: every migration and mark, in time order"
	print "==================================================="
	print "(migrate_stats --ts_rel --migrate --mark trace)"
	print ""
	printf "%14s %s %s %s %4s %-16s %s\n", "seconds", "C", "F", "T", "PID", "COMM", "CAUSE"
	print "C: the CPU that recorded the event; F, T: the CPU the task moved from and to."
	print "A mark line has \". .\" for F and T, \"mark\" for COMM and the mark for CAUSE."
	print ""
}
/^DURATION:/ && !stats {
	stats = 1
	print "Statistics of the whole trace"
	print "============================="
	print "(migrate_stats --stats trace)"
}
!stats { print; next }
/^CAUSE:/ { incause = 1; print; next }
incause && /^MIGRATE/ {
	for (i = 1; i <= n; i++) {
		if (split(line[i], f, " ") == 3 && f[2] ~ /^[0-9]+$/)
			printf "  %-" w "s  %7s  %7s\n", f[1], f[2], f[3]
		else if (line[i] ~ /count/)
			printf "  %-" w "s  %7s  %7s\n", "", "count", "per sec"
		else if (line[i] ~ /-------/)
			printf "  %-" w "s  -------  -------\n", ""
		else
			print line[i]
	}
	incause = 0
}
incause {
	line[++n] = $0
	if (split($0, f, " ") == 3 && f[2] ~ /^[0-9]+$/ && length(f[1]) > w)
		w = length(f[1])
	next
}
{ print }
'
[ $rc = 0 ] || echo "demo: the VM run failed, see $LOG" >&2
exit $rc
