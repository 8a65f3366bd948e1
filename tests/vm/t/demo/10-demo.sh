# make demo: load the module, trace a workload that migrates tasks, print
# the trace (through migrate_stats when it is there).
. /lwt/ktap.sh
ktap_plan 3
check "insmod" insmod /lwt/lwtrace.ko
wr $MT/enable 1 >/dev/null
wr $MT/mark 1 >/dev/null
hopper 3 10 /dev/null
wr $MT/mark 2 >/dev/null
wr $MT/enable 0 >/dev/null
lwtio r $MT/trace > trace.txt
echo "LWT-DEMO-BEGIN"
if [ -x /lwt/bin/migrate_stats ]; then
	migrate_stats --ts_rel --migrate --mark trace.txt
	migrate_stats --stats trace.txt
else
	grep -v ' : ' trace.txt
fi
echo "LWT-DEMO-END"
check "trace has migrations" test "$(grep -vc '^#' trace.txt)" -gt 0
check "rmmod" rmmod lwtrace
ktap_done
