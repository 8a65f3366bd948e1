#!/bin/sh
# make bench-kernel: the extra cost per migration of ftrace's
# sched_migrate_task event, migration_trace, migration_stat and both, on
# four kinds of migration; and the extra cost per timer expiry of
# timer_stats, of ftrace's four timer events and of a hist trigger.  All
# measured in one VM boot with the configurations interleaved
# (tests/vm/t/bench).  Prints figures; fails only if it cannot run.
#
# Under "-icount shift=0,sleep=off" guest time counts instructions, and
# an idle guest jumps to its next timer instead of waiting in host time,
# so a run's time does not depend on the host's load: runs agree within
# 0.2-2 %.  6.12 boots so; 6.1 stalls in SMP bring-up and runs under
# plain TCG, where only the medians of many rounds mean anything.
# LWT_KERNELS, LWT_BENCH_ROUNDS override the defaults; LWT_BENCH_WORKLOADS
# (NAME:ITER[:SPIN:SLEEP_US],...) runs only those migration workloads;
# LWT_BENCH_APPEND adds kernel arguments.  A second table gives the time
# spent in the probes per sched_migrate_task event, which lwt_bench_probe.ko
# measures by bracketing them (tests/vm/kmod/lwt_bench_probe.c).
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
KERNELS=${LWT_KERNELS:-$("$TOP/tests/vm/kernels.sh")}
status=0
for k in $KERNELS; do
	case $k in
	6.1.*)	icount=""; rounds=${LWT_BENCH_ROUNDS:-9}; how="plain TCG" ;;
	*)	icount="-icount shift=0,sleep=off"; rounds=${LWT_BENCH_ROUNDS:-5}; how="-icount shift=0,sleep=off" ;;
	esac
	log=$TOP/build/vm/$k-bench.log
	# Never a stale module or workload: the initramfs is cheap to make.
	"$TOP/tests/vm/mkinitramfs.sh" "$k" "$TOP/build/vm/$k.cpio.gz" >/dev/null || { status=1; continue; }
	echo "## $k ($how, $rounds rounds, 4 CPUs)"
	if ! LWT_VM_TIMEOUT=3000 LWT_SMP=4 LWT_APPEND="lwt.bench_rounds=$rounds${LWT_BENCH_WORKLOADS:+ lwt.bench_workloads=$LWT_BENCH_WORKLOADS} ${LWT_BENCH_APPEND:-}" \
		"$TOP/tests/vm/run.sh" "$k" bench "$log" -- $icount >/dev/null; then
		echo "bench-kernel: the VM run failed, see $log" >&2
		status=1
		continue
	fi
	# Per workload and config, the medians over rounds of the run's time
	# and of its events (migrations, or expiries).  Extra cost per event:
	# (time - idle's time) / events, so that the events' own spread from
	# run to run (a few % for wakeups) does not enter as noise.  Noise:
	# the range of idle's times over the rounds, per event.  Ratio: extra
	# / ftrace's extra.
	#
	# Then the three runs per workload with mt_measure_cost=1: the cause
	# and the record write timed apart, each less one clock read (the
	# floor), medians over the runs; and how the causes were found.
	grep -E '^ *BENCH(COST)? ' "$log" | awk '
	$1 == "BENCHCOST" && NF >= 34 && $4 > 0 {
		w = $2; if (!(w in m)) corder[++ncw] = w; k = ++m[w]; fl = $14 / $4
		cc[w, k] = $6 / $4 - fl; cr[w, k] = $8 / $4 - fl
		cev[w] += $4; st[w] += $10; pa[w] += $28 - $18; un[w] += $30 - $20 }
	$1 == "BENCH" { w = $2; c = $3; k = w SUBSEP c; n[k]++; t[k, n[k]] = $4; e[k, n[k]] = $5
	  if (NF >= 7) { pe[k, n[k]] = $7 / ($6 ? $6 : 1); hasp[w] = 1 }
	  if (!(w in seen)) { seen[w] = 1; order[++nw] = w }
	  if (!((w, c) in cseen)) { cseen[w, c] = 1; if (c != "idle") cs[w, ++nc[w]] = c } }
	function med(a, k, cnt,   i, j, x, b) {
		for (i = 1; i <= cnt; i++) b[i] = a[k, i]
		for (i = 1; i <= cnt; i++) for (j = i + 1; j <= cnt; j++) if (b[j] < b[i]) { x = b[i]; b[i] = b[j]; b[j] = x }
		lo = b[1]; hi = b[cnt]
		return cnt % 2 ? b[(cnt + 1) / 2] : (b[cnt / 2] + b[cnt / 2 + 1]) / 2 }
	END {
		for (o = 1; o <= nw; o++) {
			w = order[o]; hdr = ""; ki = w SUBSEP "idle"
			for (i = 1; i <= nc[w]; i++) hdr = hdr sprintf(" %19s", cs[w, i] " extra (ratio)")
			if (hdr != last) { printf "%-8s %9s %10s %7s%s %5s\n", "workload", "events/run", "idle ns/ev", "noise", hdr, "+-"; last = hdr }
			ev0 = med(e, ki, n[ki]); t0 = med(t, ki, n[ki]); noise = (hi - lo) / (ev0 ? ev0 : 1)
			kf = w SUBSEP "ftrace"; ft = (med(t, kf, n[kf]) - t0) / med(e, kf, n[kf])
			printf "%-8s %9d %10.0f %7.0f", w, ev0, t0 / (ev0 ? ev0 : 1), noise
			for (i = 1; i <= nc[w]; i++) {
				k = w SUBSEP cs[w, i]; x = (med(t, k, n[k]) - t0) / med(e, k, n[k])
				# No ratio where ftrace'"'"'s own extra is within the noise.
				if (ft > noise) printf " %11.0f (%5.2f)", x, x / ft
				else printf " %11.0f (noise)", x
			}
			# What the noise is worth in ratio: the ratios'"'"' uncertainty.
			if (ft > noise) printf " +-%.2f", noise / ft
			printf "\n"
		}
		# The bracketed probes: time in the probes per event, less
		# idle'"'"'s (two empty probes and two clock reads).
		for (o = 1; o <= nw; o++) {
			w = order[o]
			if (!hasp[w]) continue
			if (!ph) {
				printf "\nin the probes, ns per sched_migrate_task event over idle'"'"'s (ratio to ftrace'"'"'s):\n"
				printf "%-8s %10s %7s", "workload", "idle ns", "spread"
				for (i = 1; i <= nc[w]; i++) printf " %14s", cs[w, i]
				printf "\n"; ph = 1
			}
			ki = w SUBSEP "idle"; p0 = med(pe, ki, n[ki]); sp = hi - lo
			kf = w SUBSEP "ftrace"; pf = med(pe, kf, n[kf]) - p0
			printf "%-8s %10.0f %7.0f", w, p0, sp
			for (i = 1; i <= nc[w]; i++) {
				k = w SUBSEP cs[w, i]; x = med(pe, k, n[k]) - p0
				printf " %6.0f (%5.2f)", x, (pf > 0 ? x / pf : 0)
			}
			printf "\n"
		}
		if (ncw) {
			printf "\ncause and record apart, ns per event (migration_trace, mt_measure_cost=1, median of %d runs):\n", m[corder[1]]
			printf "%-8s %9s %8s %8s %8s %8s %8s %13s\n", "workload", "events", "by state", "by path", "unwound", "cause", "record", "cause/record"
		}
		for (o = 1; o <= ncw; o++) {
			w = corder[o]; cm = med(cc, w, m[w]); rm = med(cr, w, m[w])
			printf "%-8s %9d %7.0f%% %7.1f%% %8.1f %8.0f %8.0f %13.2f\n", w, cev[w] / m[w],
				100 * st[w] / cev[w], 100 * pa[w] / cev[w], un[w] / m[w], cm, rm, (rm > 0 ? cm / rm : 0)
		}
	}'
done
echo "ns/ev: guest nanoseconds of the run per migration, or per timer expiry (wall time,"
echo "the CPUs running at once); extra: (median time - idle's) / median events, idle being"
echo "the module loaded, nothing on; noise: the range of idle's times over the rounds, per"
echo "event; ratio: to ftrace's extra, +- the noise in ratio.  An extra within the noise"
echo "is no measurable cost; (noise): ftrace's own extra is within it, so the run's time"
echo "resolves no ratio: there, the time in the probes is the measure."
exit $status
