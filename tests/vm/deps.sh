#!/bin/sh
# Install, from Debian's packages, everything the build and the tests need.
# Idempotent and quiet when everything is already there; otherwise it says
# what it installs, how big and how long, and shows apt's own progress.  The 6.1.0-47
# headers (6.1.170) are for a build test only: their hrtimer_start has no
# was_armed yet.
set -eu

PKGS="build-essential pkg-config check libtracefs-dev libtraceevent-dev dkms cpio kmod
qemu-system-x86 busybox-static clang libclang-rt-14-dev librsvg2-bin python3 python3-docutils binutils zstd
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
n=$(echo $missing | wc -w)
echo "deps.sh: $n packages to install:$missing"
echo "deps.sh: on a fresh Debian 12 that is about 850 MB to download and 3.3 GB"
echo "deps.sh: on disk, 5 to 15 minutes (mostly the kernel packages); apt's"
echo "deps.sh: own progress follows."
export DEBIAN_FRONTEND=noninteractive
echo "deps.sh: [1/2] apt-get update"
apt-get update
# What apt will really fetch, now that it knows: name, size, then the install.
mb=$(apt-get install -y --no-install-recommends --print-uris -qq $missing |
	awk '{ s += $3 } END { printf "%.0f", s / 1048576 }')
echo "deps.sh: [2/2] apt-get install: $mb MB to download"
apt-get install -y --no-install-recommends $missing
echo "deps.sh: done"
