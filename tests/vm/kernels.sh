#!/bin/sh
# Print the kernel releases the VM suite runs on: the newest installed
# Debian 6.1 and 6.12 images that also have headers.  FLAVOUR (first
# argument) picks Debian's flavour: "" (generic, the default), rt or
# cloud.
f=${1:+$1-}
for series in '6\.1\.0-[0-9]+' '6\.12\.[0-9]+\+deb12'; do
	ls /boot/ 2>/dev/null | sed -n 's/^vmlinuz-//p' | grep -E "^$series-${f}amd64\$" |
		while read -r k; do
			[ -e "/lib/modules/$k/build/Makefile" ] && echo "$k"
		done | sort -V | tail -n 1
done
