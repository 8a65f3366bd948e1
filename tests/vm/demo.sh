#!/bin/sh
# make demo: boot the newest test kernel with the module, run a workload
# that migrates tasks, and print the trace.
TOP=$(cd "$(dirname "$0")/../.." && pwd)
K=${LWT_KERNEL:-$("$TOP/tests/vm/kernels.sh" | tail -n 1)}
LOG=$TOP/build/vm/$K-demo.log
echo "demo: booting $K under QEMU (TCG, 4 CPUs); this takes about 20 seconds" >&2
LWT_REBUILD=1 "$TOP/tests/vm/run.sh" "$K" demo "$LOG" >/dev/null
rc=$?
sed -n '/LWT-DEMO-BEGIN/,/LWT-DEMO-END/p' "$LOG" | sed '1d;$d' | sed 's/^    //'
[ $rc = 0 ] || echo "demo: the VM run failed, see $LOG" >&2
exit $rc
