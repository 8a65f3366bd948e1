# rmmod while tracing, with a workload migrating tasks, repeated.  The
# host fails the run on any splat in dmesg.
. /lwt/ktap.sh
ktap_plan 6

i=0
while [ $i -lt 5 ]; do
	insmod /lwt/lwtrace.ko mt_buf_kb=64 || break
	wr $MT/enable 1 >/dev/null
	hopper 2 30 /dev/null &
	pid=$!
	sleep 0.2
	rmmod lwtrace || break
	wait $pid
	i=$((i + 1))
done
expect "5 load/trace/unload cycles under load" "$i" 5

check "insmod" insmod /lwt/lwtrace.ko
exec 3< $MT/trace
expect "rmmod refused while trace is open" "$(rmmod lwtrace 2>/dev/null; echo $?)" 1
expect "enable refused while trace is open" "$(wr $MT/enable 1)" EBUSY
expect "reset refused while trace is open" "$(wr $MT/reset 0)" EBUSY
exec 3<&-
check "rmmod after close" rmmod lwtrace
ktap_done
