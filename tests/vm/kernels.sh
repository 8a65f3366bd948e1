#!/bin/sh
# Print the kernel releases the VM suite runs on: the newest installed
# Debian 6.1 and 6.12 images that also have headers.
for series in 6.1.0- 6.12.; do
	ls /boot/vmlinuz-${series}*-amd64 2>/dev/null | sed 's|/boot/vmlinuz-||' |
		while read -r k; do
			[ -e "/lib/modules/$k/build/Makefile" ] && echo "$k"
		done | sort -V | tail -n 1
done
