# For tests/vm/callers.sh: the kernel's text symbols to the second serial
# port.  Boot with nokaslr so that they match the vmlinux on disk.
. /lwt/ktap.sh
ktap_plan 1
check "text symbols to ttyS1" sh -c "awk '\$2 ~ /^[tT]\$/' /proc/kallsyms > /dev/ttyS1"
ktap_done
