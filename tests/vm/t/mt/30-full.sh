# A small buffer fills and stops the trace; the header names the CPU and
# the counts add up exactly: N marks give recorded + dropped == N.
. /lwt/ktap.sh
ktap_plan 15

N=1000
check "insmod mt_buf_kb=0 refused" sh -c '! insmod /lwt/lwtrace.ko mt_buf_kb=0 2>/dev/null'
check "insmod mt_buf_kb=1048577 refused" sh -c '! insmod /lwt/lwtrace.ko mt_buf_kb=1048577 2>/dev/null'
check "insmod mt_buf_kb=16" insmod /lwt/lwtrace.ko mt_buf_kb=16
expect "parameter reads back" "$(cat /sys/module/lwtrace/parameters/mt_buf_kb)" 16

# Start from CPU 0 (the task list goes there), write the marks from CPU 3.
expect "enable" "$(taskset -c 0 lwtio w $MT/enable 1)" OK
taskset -c 3 sh -c "i=0; while [ \$i -lt $N ]; do echo \$i > $MT/mark; i=\$((i + 1)); done"
expect "a full buffer stops the trace" "$(cat $MT/enable)" 0
lwtio r $MT/trace > full.txt
MARK=$(loc_num full.txt mark)
rec=$(awk -v m=$MARK '$1 ~ /^0x/ && $3 == "." && $6 == m' full.txt | wc -l)
drop=$(awk '$2 == "dropped_event" && $3 == "mark" { print $4 }' full.txt)
diag "marks recorded $rec, dropped ${drop:-0}"
expect "recorded + dropped == N" "$((rec + ${drop:-0}))" $N
check "some marks were dropped" test "${drop:-0}" -gt 0
expect "header names the CPU that filled" "$(grep '^# buffer_full' full.txt)" "# buffer_full cpu 3"
check "dropped total covers the marks" test "$(hdr_val full.txt dropped)" -ge "$drop"
check "recorded marks are the first ones, in order" \
	sh -c "awk -v m=$MARK '\$1 ~ /^0x/ && \$3 == \".\" && \$6 == m { print \$7 }' full.txt > got; i=0; while [ \$i -lt $rec ]; do printf '0x%08x\n' \$i; i=\$((i + 1)); done > want; cmp -s got want"
expect "restart of a full trace refused" "$(wr $MT/enable 1)" EPERM
expect "reset" "$(wr $MT/reset 0)" OK
lwtio r $MT/trace > t.txt
check "reset clears the drop counts and the full CPU" \
	sh -c "grep -q '^# dropped 0\$' t.txt && ! grep -q buffer_full t.txt"
check "rmmod" rmmod lwtrace
ktap_done
