#!/bin/sh
# make check-debug: the hardening matrix of issue #16, too long for make
# check on a fresh machine.
#  1. Debian's PREEMPT_RT and cloud flavours of 6.1 and 6.12 (installed
#     here from Debian's packages): W=1 builds, then the VM suite.
#  2. A debug 6.12 kernel (tests/vm/debug-kernel.sh: lockdep, KASAN,
#     object debugging, cached under ~/.cache/lwtrace): the VM suite.
#  3. Only when asked (LWT_DEBUG_STEPS=kcsan): a KCSAN 6.12 kernel
#     (debug-kernel.sh kcsan), for data races.
# The runner fails a case on any splat: lockdep, KASAN, KCSAN, sleeping in
# atomic context, a timer object freed while armed.  LWT_DEBUG_STEPS
# narrows it ("flavours", "debug", "kcsan"); LWT_CASES narrows the cases.
# Prints a closing "N passed, N failed" line; exits 1 if any failed.
set -u
TOP=$(cd "$(dirname "$0")/../.." && pwd)
STEPS=${LWT_DEBUG_STEPS:-flavours debug}
pass=0
fail=0
count() {
	if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
}

if [ "$(id -u)" = 0 ]; then
	export DEBIAN_FRONTEND=noninteractive
	pkgs=
	for k in $("$TOP/tests/vm/kernels.sh"); do
		for f in rt cloud; do
			fk=$(echo "$k" | sed "s/-amd64\$/-$f-amd64/")
			pkgs="$pkgs linux-image-$fk linux-headers-$fk"
		done
	done
	missing=
	for p in $pkgs linux-source-6.12 bc bison flex libssl-dev libelf-dev; do
		dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
			missing="$missing $p"
	done
	if [ -n "$missing" ]; then
		echo "check-debug: installing$missing (a few minutes)"
		apt-get install -y -q --no-install-recommends $missing >/dev/null || exit 1
	fi
fi

for step in $STEPS; do
	case $step in
	flavours)
		kernels="$("$TOP/tests/vm/kernels.sh" rt) $("$TOP/tests/vm/kernels.sh" cloud)"
		echo "## W=1 builds: $(echo $kernels)"
		count env LWT_KERNELS="$kernels" "$TOP/tests/build.sh"
		for k in $kernels; do
			count env LWT_KERNELS="$k" "$TOP/tests/vm/run-all.sh"
		done ;;
	debug)
		k=$("$TOP/tests/vm/debug-kernel.sh") || { fail=$((fail + 1)); continue; }
		echo "## debug kernel $k"
		# KASAN and lockdep make everything slower under TCG.
		count env LWT_KERNELS="$k" LWT_VM_TIMEOUT=1800 "$TOP/tests/vm/run-all.sh" ;;
	kcsan)
		k=$("$TOP/tests/vm/debug-kernel.sh" kcsan) || { fail=$((fail + 1)); continue; }
		echo "## KCSAN kernel $k"
		count env LWT_KERNELS="$k" LWT_VM_TIMEOUT=1800 "$TOP/tests/vm/run-all.sh" ;;
	esac
done
echo "check-debug: $pass passed, $fail failed"
[ $fail = 0 ]
