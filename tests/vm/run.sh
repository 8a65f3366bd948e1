#!/bin/sh
# run.sh KREL SUITE [LOG] [-- QEMU_ARGS...]
# Boot kernel KREL under QEMU (TCG) with the test initramfs, run SUITE and
# judge the result.  Fails on any "not ok", on a planned test that did not
# run, on an oops, BUG, WARNING, lockdep, KASAN, debug-objects or UBSAN
# report or call trace in dmesg, on a KCSAN report with an lwtrace frame,
# and on a timeout.  Extra kernel arguments come from LWT_APPEND, extra
# QEMU arguments after "--".
set -u
KREL=$1
SUITE=$2
TOP=$(cd "$(dirname "$0")/../.." && pwd)
LOG=${3:-$TOP/build/vm/$KREL-$SUITE.log}
[ $# -ge 3 ] && shift 3 || shift $#
[ "${1:-}" = "--" ] && shift
TIMEOUT=${LWT_VM_TIMEOUT:-600}
SMP=${LWT_SMP:-4}
INITRD=$TOP/build/vm/$KREL.cpio.gz

mkdir -p "$(dirname "$LOG")"
if [ ! -f "$INITRD" ] || [ -n "${LWT_REBUILD:-}" ]; then
	"$TOP/tests/vm/mkinitramfs.sh" "$KREL" "$INITRD" || exit 1
fi

timeout --foreground "$TIMEOUT" qemu-system-x86_64 \
	-accel tcg,thread=single -smp "$SMP" -m 1024 \
	-kernel "/boot/vmlinuz-$KREL" -initrd "$INITRD" \
	-append "console=ttyS0 panic=-1 lwt.suite=$SUITE ${LWT_APPEND:-}" \
	-nographic -no-reboot -monitor none -serial stdio "$@" \
	</dev/null >"$LOG" 2>&1
rc=$?
tr -d '\r' <"$LOG" >"$LOG.txt" && mv "$LOG.txt" "$LOG"

fail=0
if [ $rc = 124 ]; then
	echo "FAIL $KREL $SUITE: timeout after ${TIMEOUT}s" >&2
	fail=1
elif ! grep -q '^LWT-VM-END' "$LOG"; then
	echo "FAIL $KREL $SUITE: the VM did not finish (qemu exit $rc)" >&2
	fail=1
fi
if grep -q '^ *not ok' "$LOG"; then
	echo "FAIL $KREL $SUITE: test failures:" >&2
	grep '^ *not ok' "$LOG" >&2
	fail=1
fi
if ! grep -q '^KTAP version 1' "$LOG"; then
	echo "FAIL $KREL $SUITE: no KTAP output" >&2
	fail=1
fi
# Splats anywhere in the console or in the dmesg dump.
if grep -nE 'Oops|BUG:|WARNING:|Call Trace|INFO: possible|general protection fault|kernel panic|Kernel panic|turning off the locking correctness validator|DEBUG_LOCKS_WARN_ON|ODEBUG:|KASAN:|UBSAN:' "$LOG" |
	grep -v 'BUG: KCSAN:' >&2; then
	echo "FAIL $KREL $SUITE: kernel splat (above)" >&2
	fail=1
fi
# Data races (a KCSAN kernel, debug-kernel.sh kcsan).  The kernel has races
# of its own (timekeeping, nohz balancing, timer migration): a report fails
# the run only if one of its two accesses is in lwtrace or a test module,
# that is, the top frame under "read to"/"write to" is one of theirs.
# Deeper frames do not count: an interrupt that races in kernel code while
# lwtrace unregisters a probe shows lwtrace's frames under it.
races=$(grep -c 'BUG: KCSAN:' "$LOG")
ours=$(awk '/BUG: KCSAN:/ { inr = 1; hit = 0; top = 0; next }
	inr && / (read|write|read-write)( \(marked\))? to 0x/ { top = 1; next }
	inr && top && /\]  [^ ]/ { if (/\[lwt/) hit = 1; top = 0 }
	inr && /\] =+$/ { n += hit; inr = 0 }
	END { print n + 0 }' "$LOG")
if [ "$ours" -gt 0 ]; then
	grep -n 'BUG: KCSAN:' "$LOG" >&2
	echo "FAIL $KREL $SUITE: $ours data race(s) in lwtrace (above)" >&2
	fail=1
elif [ "$races" -gt 0 ]; then
	echo "# $KREL $SUITE: $races KCSAN report(s), none in lwtrace" >&2
fi
sed -n '/^KTAP version 1/,/^LWT-DMESG-BEGIN/p' "$LOG" | grep -v '^LWT-DMESG-BEGIN'
passed=$(grep -c '^ *ok ' "$LOG")
failed=$(grep -c '^ *not ok ' "$LOG")
echo "# $KREL $SUITE: $passed ok, $failed not ok, log $LOG"
exit $fail
