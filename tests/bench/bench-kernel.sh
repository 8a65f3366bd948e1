#!/bin/sh
# make bench-kernel: the extra cost per migration of ftrace's
# sched_migrate_task event, migration_trace, migration_stat and both, on
# four kinds of migration; and the extra cost per timer expiry of
# timer_stats, of ftrace's four timer events and of a hist trigger.  All
# measured in one VM boot with the configurations interleaved
# (tests/vm/t/bench).  Prints figures; fails only if it cannot run.
#
# Under "-icount shift=0" guest time counts instructions, so runs agree
# within about 1 %; 6.12 boots so, 6.1 stalls in SMP bring-up and runs
# under plain TCG, where only the medians of many rounds mean anything.
# LWT_KERNELS, LWT_BENCH_ROUNDS override the defaults.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
KERNELS=${LWT_KERNELS:-$("$TOP/tests/vm/kernels.sh")}
status=0
for k in $KERNELS; do
	case $k in
	6.1.*)	icount=""; rounds=${LWT_BENCH_ROUNDS:-9}; how="plain TCG" ;;
	*)	icount="-icount shift=0"; rounds=${LWT_BENCH_ROUNDS:-3}; how="-icount shift=0" ;;
	esac
	log=$TOP/build/vm/$k-bench.log
	echo "## $k ($how, $rounds rounds, 4 CPUs)"
	if ! LWT_VM_TIMEOUT=3000 LWT_SMP=4 LWT_APPEND="lwt.bench_rounds=$rounds" \
		"$TOP/tests/vm/run.sh" "$k" bench "$log" -- $icount >/dev/null; then
		echo "bench-kernel: the VM run failed, see $log" >&2
		status=1
		continue
	fi
	# Per run: ns per event (migration, or expiry).  Per workload and
	# config: the median over rounds, and the spread (max - min) /
	# median.  Extra cost: the median minus idle's; ratio: extra /
	# ftrace's extra.
	grep '^ *BENCH ' "$log" | awk '
	{ w = $2; c = $3; k = w SUBSEP c; n[k]++; v[k, n[k]] = ($5 > 0 ? $4 / $5 : 0); m[k] += $5
	  if (!(w in seen)) { seen[w] = 1; order[++nw] = w }
	  if (!((w, c) in cseen)) { cseen[w, c] = 1; if (c != "idle") cs[w, ++nc[w]] = c } }
	function med(k,   i, j, t, a, cnt) {
		cnt = n[k]; for (i = 1; i <= cnt; i++) a[i] = v[k, i]
		for (i = 1; i <= cnt; i++) for (j = i + 1; j <= cnt; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
		lo[k] = a[1]; hi[k] = a[cnt]
		return cnt % 2 ? a[(cnt + 1) / 2] : (a[cnt / 2] + a[cnt / 2 + 1]) / 2 }
	END {
		for (o = 1; o <= nw; o++) {
			w = order[o]; hdr = ""
			for (i = 1; i <= nc[w]; i++) hdr = hdr sprintf(" %19s", cs[w, i] " extra (ratio)")
			if (hdr != last) { printf "%-8s %9s %10s%s  spread\n", "workload", "events/run", "idle ns/ev", hdr; last = hdr }
			base = med(w SUBSEP "idle"); sp = (hi[w SUBSEP "idle"] - lo[w SUBSEP "idle"]) / (base ? base : 1)
			ft = med(w SUBSEP "ftrace") - base
			printf "%-8s %9d %10.0f", w, m[w SUBSEP "idle"] / n[w SUBSEP "idle"], base
			for (i = 1; i <= nc[w]; i++) {
				k = w SUBSEP cs[w, i]; e = med(k) - base
				s = (hi[k] - lo[k]) / (med(k) ? med(k) : 1); if (s > sp) sp = s
				printf " %11.0f (%5.2f)", e, (ft > 0 ? e / ft : 0)
			}
			printf "  %5.1f%%\n", 100 * sp
		}
	}'
done
echo "ns/ev: guest nanoseconds per migration, or per timer expiry (wall time over the CPUs"
echo "running at once); extra: over idle (module loaded, nothing on);"
echo "ratio: to ftrace's extra; spread: largest (max - min) / median over rounds."
exit $status
