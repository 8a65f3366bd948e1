#!/bin/sh
# mkinitramfs.sh KREL OUT: the test initramfs for kernel KREL: busybox,
# the module built for KREL, the tools, the test programs and scripts.
set -eu
KREL=$1
OUT=$2
TOP=$(cd "$(dirname "$0")/../.." && pwd)
VM=$TOP/tests/vm
B=$TOP/build/vm/$KREL
CC=${CC:-cc}

rm -rf "$B"
mkdir -p "$B/src" "$B/root/bin" "$B/root/lwt/bin" "$B/root/lwt/t" \
	"$B/root/proc" "$B/root/sys" "$B/root/dev" "$B/root/tmp"

# The module, built out of a copy so that builds for two kernels can run
# side by side.
cp -r "$TOP/Kbuild" "$TOP/module" "$TOP/include" "$B/src/"
make -s -C "/lib/modules/$KREL/build" M="$B/src" modules >"$B/kbuild.log" 2>&1 ||
	{ cat "$B/kbuild.log" >&2; exit 1; }
cp "$B/src/module/lwtrace.ko" "$B/root/lwt/"
# A module that uses lwtrace's exported API, linked against its symbols.
cp -r "$VM/kmod" "$B/kmod"
make -s -C "/lib/modules/$KREL/build" M="$B/kmod" LWT_INCLUDE="$TOP/include" \
	KBUILD_EXTRA_SYMBOLS="$B/src/Module.symvers" modules >"$B/kmod.log" 2>&1 ||
	{ cat "$B/kmod.log" >&2; exit 1; }
cp "$B/kmod/lwt_api_test.ko" "$B/kmod/lwt_migdis_test.ko" "$B/kmod/lwt_timer_test.ko" \
	"$B/kmod/lwt_bench_probe.ko" \
	"$B/root/lwt/"

cp /bin/busybox "$B/root/bin/busybox"
cp "$VM/init" "$B/root/init"
cp "$VM/ktap.sh" "$VM/run-suite.sh" "$B/root/lwt/"
cp -r "$VM/t/." "$B/root/lwt/t/"
# The functions no timer_stats start site may be (include/uapi/lwtrace.h).
sed -n '/^#define LWT_TIMER_CORE/,/^$/s/.*X("\([^"]*\)").*/\1/p;/^#define LWT_TIMER_REARM/,/^$/s/.*X("\([^"]*\)").*/\1/p' \
	"$TOP/include/uapi/lwtrace.h" >"$B/root/lwt/timer_core.txt"
for p in "$VM"/progs/*.c; do
	$CC -O2 -Wall -static -pthread -o "$B/root/lwt/bin/$(basename "$p" .c)" "$p"
done
# The tools, linked statically, where they have been built.
for t in migrate_stats migrate_extract tmigr_tree timer_stats compaction_times; do
	if [ -f "$TOP/tools/$t.c" ]; then
		make -s -C "$TOP/tools" "static/$t" >/dev/null
		cp "$TOP/tools/static/$t" "$B/root/lwt/bin/"
	fi
done
chmod +x "$B/root/init"
(cd "$B/root" && find . | cpio -o -H newc --quiet | gzip -1) >"$OUT"
