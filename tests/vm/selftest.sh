#!/bin/sh
# The VM runner must fail on a "not ok", on a kernel splat, and on a
# timeout.  Each case is a real boot.  Prints KTAP.
TOP=$(cd "$(dirname "$0")/../.." && pwd)
K=$("$TOP/tests/vm/kernels.sh" | tail -n 1)
n=0
failed=0
echo "KTAP version 1"
echo "1..3"
expect_fail() {
	n=$((n + 1))
	if "$@" >/dev/null 2>&1; then
		echo "not ok $n runner fails on $name"
		failed=$((failed + 1))
	else
		echo "ok $n runner fails on $name"
	fi
}
name="not ok"; expect_fail "$TOP/tests/vm/run.sh" "$K" selftest-fail
name="a call trace"; expect_fail "$TOP/tests/vm/run.sh" "$K" selftest-splat
name="a timeout"; LWT_VM_TIMEOUT=3 expect_fail "$TOP/tests/vm/run.sh" "$K" none
[ $failed = 0 ]
