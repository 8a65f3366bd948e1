# Both facilities on at once: one probe, one cause per event, and the
# stat's counts equal the trace's.  Then stops racing the period timer.
. /lwt/ktap.sh
ktap_plan 13

check "insmod" insmod /lwt/lwtrace.ko mt_buf_kb=16384

# "stat_total trace_total": the stat's migrations, and the trace's between
# the stat's start and stop clocks.
stat_vs_trace() {
	start=$(hdr_val "$1" start_clock)
	stop=$(hdr_val "$1" stop_clock)
	st=$(awk '$1 !~ /^#/ { s += $NF } END { print s + 0 }' "$1")
	tr=$(awk -v a=$start -v b=$stop "$AWK_HEX"'
	     BEGIN { A = hex(a); B = hex(b) }
	     $1 ~ /^0x/ && $3 != "." { t = hex($1); if (t >= A && t <= B) n++ }
	     END { print n + 0 }' "$2")
	echo "$st $tr"
}
# Causes computed so far: by_state + by_path + unwound.
causes_done() {
	awk '$2 == "by_state" { print $3 + $5 + $7 }' $MT/sites
}

wr $MS/period_msec 100 >/dev/null
c0=$(causes_done)
wr $MT/enable 1 >/dev/null
expect "stat enable" "$(wr $MS/enable 1)" OK
hopper 2 20 /dev/null
causes wake 4 500 /dev/null
expect "stat disable" "$(wr $MS/enable 0)" OK
wr $MT/enable 0 >/dev/null
c1=$(causes_done)
lwtio r $MS/stat > st.txt
lwtio r $MT/trace > tr.txt
n=$(migrations | wc -l)
diag "trace: $n migrations; causes computed: $((c1 - c0))"
check "the workload migrated" test "$n" -ge 50
expect "nothing dropped" "$(hdr_val tr.txt dropped)" 0
expect "one cause computation per migration, with both facilities on" "$((c1 - c0))" "$n"
set -- $(stat_vs_trace st.txt tr.txt)
expect "the stat counts what the trace recorded in its window" "$1" "$2"
check "sites shows symbols, never raw addresses" \
	sh -c "! grep -qE '(^| )(0x)?[0-9a-f]{16}( |$)' $MT/sites"

# Stops racing the period timer, at 1-3 ms periods: each stop reads
# enable 0 and loses no count, and the final partial row is there.
i=0
while [ $i -lt 30 ]; do
	i=$((i + 1))
	wr $MS/reset 0 >/dev/null
	wr $MT/reset 0 >/dev/null
	wr $MS/period_msec $((i % 3 + 1)) >/dev/null
	wr $MT/enable 1 >/dev/null
	wr $MS/enable 1 >/dev/null
	causes wake 2 $((20 + i)) /dev/null
	wr $MS/enable 0 >/dev/null
	[ "$(cat $MS/enable)" = 0 ] || { diag "run $i: enable reads $(cat $MS/enable)"; en=1; }
	wr $MT/enable 0 >/dev/null
	lwtio r $MS/stat > st.txt
	lwtio r $MT/trace > tr.txt
	set -- $(stat_vs_trace st.txt tr.txt)
	[ "$1" = "$2" ] || { diag "run $i (period $((i % 3 + 1)) ms): stat $1, trace $2"; cnt=1; }
	total=$((${total:-0} + $1))
	grep -q '^# last_period_msec ' st.txt || { diag "run $i: no last_period_msec"; last=1; }
	grep -q '^# dropped ' st.txt && { diag "run $i: $(grep '^# dropped' st.txt)"; cnt=1; }
done
diag "$total migrations in 30 runs"
# Wakeups migrate less when the host is loaded (25 in 30 runs on 6.1
# with two other VMs beside it, 66 on an idle host): the checks above
# need some, not a number.
check "the runs migrated" test "$total" -ge 10
expect "enable reads 0 after every stop" "${en:-0}" 0
expect "the stat's total equals the trace's count after every stop" "${cnt:-0}" 0
expect "every stop reports its final partial period" "${last:-0}" 0
check "rmmod" rmmod lwtrace
ktap_done
