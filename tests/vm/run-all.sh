#!/bin/sh
# Run every VM suite on every test kernel (tests/vm/kernels.sh).  Prints a
# closing "N passed, N failed" line counting suite runs; exits 1 if any
# failed.
TOP=$(cd "$(dirname "$0")/../.." && pwd)
SUITES=${LWT_SUITES:-mt}
KERNELS=${LWT_KERNELS:-$("$TOP/tests/vm/kernels.sh")}
pass=0
fail=0
[ -n "$KERNELS" ] || { echo "run-all: no test kernels installed (make deps)" >&2; exit 1; }
for k in $KERNELS; do
	"$TOP/tests/vm/mkinitramfs.sh" "$k" "$TOP/build/vm/$k.cpio.gz" || { fail=$((fail + 1)); continue; }
	for s in $SUITES; do
		echo "## $k: suite $s"
		if "$TOP/tests/vm/run.sh" "$k" "$s"; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
		fi
	done
done
echo "vm: $pass passed, $fail failed"
[ $fail = 0 ]
