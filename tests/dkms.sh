#!/bin/sh
# dkms add, build and install lwtrace for every test kernel, check that the
# installed module is the one modinfo finds, then remove it again.
# Prints KTAP.
set -u
TOP=$(cd "$(dirname "$0")/.." && pwd)
VER=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' "$TOP/dkms.conf")
KERNELS=${LWT_KERNELS:-$("$TOP/tests/vm/kernels.sh")}
n=0
failed=0
result() {
	n=$((n + 1))
	if [ "$1" = 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; failed=$((failed + 1)); fi
}
log=$TOP/build/dkms.log
mkdir -p "$TOP/build"
: >"$log"

echo "KTAP version 1"
echo "1..$((1 + 3 * $(echo $KERNELS | wc -w) + 1 + 2))"
dkms remove "lwtrace/$VER" --all >>"$log" 2>&1
rm -rf "/usr/src/lwtrace-$VER"
# dkms add wants the tree at /usr/src/<name>-<version>: copy the sources.
mkdir -p "/usr/src/lwtrace-$VER"
cp -r "$TOP/Kbuild" "$TOP/Makefile" "$TOP/dkms.conf" "$TOP/module" "$TOP/include" \
	"/usr/src/lwtrace-$VER/"
dkms add "lwtrace/$VER" >>"$log" 2>&1
result $? "dkms add lwtrace/$VER"
for k in $KERNELS; do
	dkms build "lwtrace/$VER" -k "$k" >>"$log" 2>&1
	result $? "dkms build -k $k"
	dkms install "lwtrace/$VER" -k "$k" >>"$log" 2>&1
	result $? "dkms install -k $k"
	f=$(modinfo -k "$k" -F filename lwtrace 2>>"$log")
	v=$(modinfo -k "$k" -F vermagic lwtrace 2>>"$log" | cut -d' ' -f1)
	[ -n "$f" ] && [ "$v" = "$k" ]
	result $? "installed for $k: ${f:-none} (vermagic ${v:-none})"
done
dkms remove "lwtrace/$VER" --all >>"$log" 2>&1
[ -z "$(modinfo -k "$(echo $KERNELS | cut -d' ' -f1)" -F filename lwtrace 2>/dev/null)" ]
result $? "dkms remove"
rm -rf "/usr/src/lwtrace-$VER"

# make dkms-install after a failed one: a tree added but never built must
# not stop it ("already contains"); make dkms-uninstall removes it all.
k=$(echo $KERNELS | cut -d' ' -f1)
mkdir -p "/usr/src/lwtrace-$VER"
cp -r "$TOP/Kbuild" "$TOP/Makefile" "$TOP/dkms.conf" "$TOP/module" "$TOP/include" \
	"/usr/src/lwtrace-$VER/"
dkms add "lwtrace/$VER" >>"$log" 2>&1
make -C "$TOP" dkms-install KERNELRELEASE="$k" >>"$log" 2>&1 &&
	[ "$(modinfo -k "$k" -F vermagic lwtrace 2>>"$log" | cut -d' ' -f1)" = "$k" ]
result $? "make dkms-install over a half-added tree, for $k"
make -C "$TOP" dkms-uninstall >>"$log" 2>&1 &&
	[ -z "$(dkms status lwtrace 2>>"$log")" ] && ! ls -d /usr/src/lwtrace-* >/dev/null 2>&1
result $? "make dkms-uninstall: nothing in dkms, no /usr/src/lwtrace-*"
[ $failed = 0 ] || { echo "# see $log"; exit 1; }
