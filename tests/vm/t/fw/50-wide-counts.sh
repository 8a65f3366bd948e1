# migration_stat counts past 2^32 (issue #11: rows were u32 and wrapped
# silently).  mstat_count_base starts every count of every row just under
# 2^32, so a few dozen migrations cross it; the row must then hold the
# base plus exactly what migration_trace saw in the same window.
. /lwt/ktap.sh
ktap_plan 11

BASE=4294967290		# 2^32 - 6
check "insmod" insmod /lwt/lwtrace.ko mt_buf_kb=8192 mstat_count_base=$BASE
expect "mstat_count_base reads back" \
	"$(cat /sys/module/lwtrace/parameters/mstat_count_base)" $BASE

# One period longer than the run: the whole run is the final partial row.
expect "period_msec, the longest" "$(wr $MS/period_msec 86400000)" OK
wr $MT/enable 1 >/dev/null
expect "stat enable" "$(wr $MS/enable 1)" OK
hopper 2 20 /dev/null
expect "stat disable" "$(wr $MS/enable 0)" OK
wr $MT/enable 0 >/dev/null
lwtio r $MS/stat > st.txt
lwtio r $MT/trace > tr.txt
expect "one row" "$(grep -vc '^#' st.txt)" 1

# Per cause: the row's count less the base, against the trace's
# migrations between the stat's start and stop clocks.
awk -v base=$BASE '$1 == "#" && $2 == "field" { f[$3] = $4 }
     $1 !~ /^#/ { for (i = 2; i < NF; i++) printf "%s %.0f\n", f[i], $i - base }' st.txt |
	sort > stat.sums
trace_cause_sums tr.txt st.txt > trace.sums
diag "row:   $(grep -v '^#' st.txt)"
diag "stat less the base: $(awk '$2 != 0 { printf "%s=%s ", $1, $2 }' stat.sums)"
diag "trace: $(awk '$2 { printf "%s=%s ", $1, $2 }' trace.sums)"
n=$(awk '{ s += $2 } END { print s + 0 }' trace.sums)
check "the workload migrated (at least 40 times)" test "$n" -ge 40
check "every count is the base plus the trace's count for its cause" cmp -s stat.sums trace.sums
# The largest count, and the total, as printed: past 2^32, no wrap.
max=$(grep -v '^#' st.txt | tr ' ' '\n' | sed 1d | sed '$d' | sort -n | tail -n 1)
diag "largest count $max"
expect "the largest count is past 2^32" "$((max > 4294967295))" 1
k=$(grep -c '^# field ' st.txt)
k=$((k - 1))
expect "the total is $k bases plus the trace's $n" \
	"$(grep -v '^#' st.txt | awk '{ print $NF }')" "$((k * BASE + n))"
check "rmmod" rmmod lwtrace
ktap_done
