#!/bin/sh
# debug-kernel.sh: build, once, a debug kernel for the VM from Debian's
# linux-source-6.12, and install it where the VM scripts look for a test
# kernel: /boot/vmlinuz-KREL and /lib/modules/KREL/build.  Prints KREL.
#
# Debian's kernels have no lockdep, KASAN or object debugging, so the VM
# suite never saw a lock-order report or a memory error there.  This one
# is x86_64_defconfig less the drivers a QEMU guest booting an initramfs
# does not need, plus what the facilities and the tests need, plus:
# PROVE_LOCKING (and so PROVE_RCU), DEBUG_ATOMIC_SLEEP, KASAN,
# DEBUG_OBJECTS_TIMERS and DEBUG_PREEMPT (under PREEMPT).  It also has
# what Debian's kernels have and some cases test: the lockdown LSM with
# securityfs and module signatures (lockdown refuses an unsigned module),
# and NUMA balancing (causes-numa).
#
# "debug-kernel.sh kcsan" builds a second one with KCSAN instead of KASAN
# (the two exclude each other) and without lockdep, for data races.
#
# The build is cached under $LWT_CACHE (default ~/.cache/lwtrace), keyed
# by the source version and this script's config, so that only a fresh
# machine pays for it (about 40 minutes on 2 cores).  Progress goes to
# stderr and to the build log.
set -eu
TOP=$(cd "$(dirname "$0")/../.." && pwd)
CACHE=${LWT_CACHE:-$HOME/.cache/lwtrace}
TARBALL=$(ls /usr/src/linux-source-6.12.tar.* 2>/dev/null | head -n 1)
[ -n "$TARBALL" ] || {
	echo "debug-kernel: no /usr/src/linux-source-6.12.tar.*: apt-get install linux-source-6.12" >&2
	exit 1
}
say() { echo "debug-kernel: $*" >&2; }

# The config: each line an option for scripts/config.
OPTS='
--disable DRM --disable FB --disable SOUND --disable USB_SUPPORT --disable HID
--disable WLAN --disable WIRELESS --disable CFG80211 --disable BT --disable AGP
--disable NETDEVICES --disable ATA --disable SCSI --disable MD --disable NFS_FS
--disable EXT4_FS --disable INPUT_MOUSE --disable INPUT_JOYSTICK --disable INPUT_TABLET
--disable INPUT_TOUCHSCREEN --disable SECURITY_SELINUX --disable AUDIT --disable HIBERNATION
--disable DEBUG_INFO --enable DEBUG_INFO_NONE
--enable MODULES --enable MODULE_UNLOAD --enable KALLSYMS --enable KALLSYMS_ALL
--enable BLK_DEV_INITRD --enable RD_GZIP --enable DEVTMPFS --enable SERIAL_8250_CONSOLE
--enable DEBUG_FS --enable FTRACE --enable FUNCTION_TRACER --enable HIST_TRIGGERS
--enable UNWINDER_ORC --enable STACKTRACE
--enable SMP --enable SCHED_SMT --enable SCHED_MC --enable HOTPLUG_CPU
--enable NUMA --enable ACPI_NUMA --enable X86_64_ACPI_NUMA
--enable NO_HZ_IDLE --enable HIGH_RES_TIMERS
--enable COMPACTION --enable MIGRATION --enable TRANSPARENT_HUGEPAGE --enable HUGETLBFS
--enable NAMESPACES --enable PID_NS --enable UTS_NS --enable IPC_NS
--enable PREEMPT --disable PREEMPT_VOLUNTARY --disable PREEMPT_NONE
--enable DEBUG_KERNEL --enable PROVE_LOCKING --enable DEBUG_ATOMIC_SLEEP
--enable KASAN --enable KASAN_GENERIC --enable KASAN_INLINE
--enable DEBUG_OBJECTS --enable DEBUG_OBJECTS_TIMERS --enable PROVE_RCU
--enable DEBUG_PREEMPT --enable DEBUG_LIST
--enable SECURITYFS --enable SECURITY_LOCKDOWN_LSM --enable MODULE_SIG
--enable NUMA_BALANCING --enable NUMA_BALANCING_DEFAULT_ENABLED
--disable RANDOMIZE_BASE
--set-str LOCALVERSION -lwtdebug --disable LOCALVERSION_AUTO
'
# Options that must be set after olddefconfig.
MUST='PROVE_LOCKING DEBUG_ATOMIC_SLEEP KASAN DEBUG_OBJECTS_TIMERS PROVE_RCU
DEBUG_PREEMPT UNWINDER_ORC FTRACE HIST_TRIGGERS COMPACTION NUMA MODULES
SECURITYFS SECURITY_LOCKDOWN_LSM MODULE_SIG NUMA_BALANCING'
case ${1:-kasan} in
kasan)	;;
kcsan)	OPTS=$(printf '%s\n' "$OPTS" | sed \
		-e 's/--enable KASAN --enable KASAN_GENERIC --enable KASAN_INLINE/--disable KASAN --enable KCSAN/' \
		-e 's/--enable PROVE_LOCKING/--disable PROVE_LOCKING/' \
		-e 's/--enable PROVE_RCU/--disable PROVE_RCU/' \
		-e 's/LOCALVERSION -lwtdebug/LOCALVERSION -lwtkcsan/')
	MUST=$(printf '%s\n' "$MUST" | sed -e 's/PROVE_LOCKING //; s/ PROVE_RCU//; s/KASAN/KCSAN/') ;;
*)	echo "usage: debug-kernel.sh [kasan|kcsan]" >&2
	exit 2 ;;
esac
VER=$(basename "$TARBALL" | sed 's/linux-source-\(.*\)\.tar\..*/\1/')
KEY=$(printf '%s\n%s\n' "$(stat -c %s "$TARBALL")" "$OPTS" | md5sum | cut -c1-8)
D=$CACHE/debug-$VER-$KEY
SRC=$D/src
OBJ=$D/obj

if [ ! -e "$D/done" ]; then
	mkdir -p "$D"
	if [ ! -e "$SRC/Makefile" ]; then
		say "unpacking $TARBALL"
		rm -rf "$SRC" && mkdir -p "$SRC"
		tar -xf "$TARBALL" -C "$SRC" --strip-components=1
	fi
	mkdir -p "$OBJ"
	say "configuring (x86_64_defconfig + debug options)"
	make -s -C "$SRC" O="$OBJ" x86_64_defconfig >"$D/build.log" 2>&1
	# shellcheck disable=SC2086
	"$SRC/scripts/config" --file "$OBJ/.config" $OPTS
	make -s -C "$SRC" O="$OBJ" olddefconfig >>"$D/build.log" 2>&1
	for o in $MUST; do
		grep -q "^CONFIG_$o=y" "$OBJ/.config" || {
			say "CONFIG_$o did not stay set (see $OBJ/.config)"
			exit 1
		}
	done
	say "building $VER ($(echo $MUST | cut -d' ' -f1-5)...) (log: $D/build.log)"
	start=$(date +%s)
	make -C "$SRC" O="$OBJ" -j"$(nproc)" all >>"$D/build.log" 2>&1 || {
		tail -n 30 "$D/build.log" >&2
		exit 1
	}
	say "built in $(( ($(date +%s) - start) / 60 )) minutes"
	touch "$D/done"
fi

KREL=$(cat "$OBJ/include/config/kernel.release")
# Where the VM scripts find a test kernel (tests/vm/run.sh, mkinitramfs.sh).
if [ "$(id -u)" = 0 ]; then
	cp "$OBJ/arch/x86/boot/bzImage" "/boot/vmlinuz-$KREL"
	mkdir -p "/lib/modules/$KREL"
	ln -sfn "$OBJ" "/lib/modules/$KREL/build"
else
	say "not root: install $OBJ/arch/x86/boot/bzImage as /boot/vmlinuz-$KREL and link /lib/modules/$KREL/build to $OBJ"
	exit 1
fi
echo "$KREL"
