# Harness self-test: every test passes, but the kernel prints a call trace
# (sysrq-l, a backtrace of all CPUs); the run must fail.
. /lwt/ktap.sh
ktap_plan 1
echo l > /proc/sysrq-trigger
sleep 1
ok "sysrq-l written"
ktap_done
