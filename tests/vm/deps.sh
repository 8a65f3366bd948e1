#!/bin/sh
# Install, from Debian's packages, everything the build and the tests need.
# Idempotent and quiet when everything is already there.  The 6.1.0-47
# headers (6.1.170) are for a build test only: their hrtimer_start has no
# was_armed yet.
set -eu

PKGS="build-essential pkg-config check libtracefs-dev libtraceevent-dev dkms cpio kmod
qemu-system-x86 busybox-static clang libclang-rt-14-dev librsvg2-bin python3 binutils zstd
linux-image-amd64 linux-headers-amd64
linux-image-6.12-amd64 linux-headers-6.12-amd64
linux-headers-6.1.0-47-amd64"

missing=
for p in $PKGS; do
	dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q '^install ok installed' ||
		missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "deps.sh: missing packages:$missing; run as root or install them" >&2
	exit 1
fi
echo "deps.sh: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends $missing >/dev/null
