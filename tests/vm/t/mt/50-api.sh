# The kernel API another module uses: mt_trace_enable(1, 0) refuses a
# non-empty trace, mt_trace_enable(1, 1) restarts it, mt_trace_mark() marks.
. /lwt/ktap.sh
ktap_plan 7

check "insmod" insmod /lwt/lwtrace.ko
wr $MT/enable 1 >/dev/null
wr $MT/enable 0 >/dev/null
check "mt_trace_enable(1, 0) on a non-empty trace fails" \
	sh -c '! insmod /lwt/lwt_api_test.ko restart=0 2>/dev/null'
check "mt_trace_enable(1, 1) restarts it" insmod /lwt/lwt_api_test.ko restart=1
lwtio r $MT/trace > t.txt
expect "the restart wrote a second set of start records" \
	"$(grep -c ' start_sched_clock ' t.txt)" "$(( 2 * $(nproc) ))"
expect "mt_trace_mark() recorded its mark" "$(grep -c " $(loc_num t.txt mark) 0x00000abc\$" t.txt)" 1
check "rmmod lwtrace refused while its user is loaded" sh -c '! rmmod lwtrace 2>/dev/null'
check "rmmod both" sh -c 'rmmod lwt_api_test && rmmod lwtrace'
ktap_done
