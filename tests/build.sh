#!/bin/sh
# Build the module with W=1 against every test kernel, and 6.1.170's
# headers; any warning fails.
# Each build's static per-CPU data must stay small: every loaded module
# takes it from one reserve of 8 KiB (PERCPU_MODULE_RESERVE), and insmod
# fails with ENOMEM when it is used up.
# Then check that a kernel older than the minimum stops the build with
# compat.h's #error.  Prints KTAP.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
KERNELS=${LWT_KERNELS:-$("$TOP/tests/vm/kernels.sh")}
# Headers without a test kernel, for prototypes the others do not have:
# 6.1.170's hrtimer_start has no was_armed.
for k in 6.1.0-47-amd64; do
	[ -e "/lib/modules/$k/build/Makefile" ] && KERNELS="$k $KERNELS"
done
n=0
failed=0
echo "KTAP version 1"
PERCPU_MAX=1024
echo "1..$(($(echo $KERNELS | wc -w) * 2 + 1))"
for k in $KERNELS; do
	n=$((n + 1))
	B=$TOP/build/w1/$k
	rm -rf "$B" && mkdir -p "$B"
	cp -r "$TOP/Kbuild" "$TOP/module" "$TOP/include" "$B/"
	if make -C "/lib/modules/$k/build" M="$B" W=1 modules >"$B/log" 2>&1 &&
	   ! grep -E 'warning:|error:' "$B/log"; then
		echo "ok $n W=1 build for $k"
	else
		sed 's/^/# /' "$B/log" | tail -20
		echo "not ok $n W=1 build for $k"
		failed=$((failed + 1))
	fi
	n=$((n + 1))
	# No section at all is none.
	pcpu=$(size -A "$B/module/lwtrace.ko" 2>/dev/null |
		awk '$1 == ".data..percpu" { n = $2 } END { if (NR) print n + 0 }')
	if [ -n "$pcpu" ] && [ "$pcpu" -le $PERCPU_MAX ]; then
		echo "ok $n static per-CPU data for $k: $pcpu bytes, at most $PERCPU_MAX"
	else
		echo "not ok $n static per-CPU data for $k: ${pcpu:-none} bytes, at most $PERCPU_MAX"
		failed=$((failed + 1))
	fi
done
# 5.15's version code, against the newest test kernel's headers.
n=$((n + 1))
k=$(echo $KERNELS | tr ' ' '\n' | tail -n 1)
B=$TOP/build/w1/old
rm -rf "$B" && mkdir -p "$B"
cp -r "$TOP/Kbuild" "$TOP/module" "$TOP/include" "$B/"
if ! make -C "/lib/modules/$k/build" M="$B" KCFLAGS=-DLWT_KERNEL_VERSION_CODE=0x050f00 \
	modules >"$B/log" 2>&1 && grep -q 'error: #error "lwtrace needs Linux 6.1 or later"' "$B/log"; then
	echo "ok $n a kernel before 6.1 stops the build with a clear #error"
else
	sed 's/^/# /' "$B/log" | tail -5
	echo "not ok $n a kernel before 6.1 stops the build with a clear #error"
	failed=$((failed + 1))
fi
[ $failed = 0 ]
