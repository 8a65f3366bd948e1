#!/bin/sh
# Build the module with W=1 against every test kernel; any warning fails.
# Prints KTAP.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
KERNELS=${LWT_KERNELS:-$("$TOP/tests/vm/kernels.sh")}
n=0
failed=0
echo "KTAP version 1"
echo "1..$(echo $KERNELS | wc -w)"
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
done
[ $failed = 0 ]
