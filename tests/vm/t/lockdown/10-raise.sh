# Kernel lockdown (issue #16).  Debian's kernels lock down under secure
# boot, or with lockdown= on the command line.  Raised here at run time,
# with lwtrace loaded (ts_proc=1) and collecting: from "integrity" on,
# debugfs refuses
# to open a file for writing or any file with a write bit, so every
# control file (and timer_stats, which is both) refuses with EPERM and
# nothing changes, while the read-only data files still read; rmmod
# still works; and an unsigned lwtrace.ko no longer loads, with the
# kernel's lockdown message.  (A signed module under lockdown loads with
# a warning from lwtrace, module/main.c; the VM has no key the kernel
# trusts to test that.)
. /lwt/ktap.sh
ktap_plan 11
LD=/sys/kernel/security/lockdown
mount -t securityfs securityfs /sys/kernel/security 2>/dev/null

if [ ! -e $LD ]; then
	# The debug kernel (tests/vm/debug-kernel.sh) has no lockdown LSM;
	# every Debian kernel has it.
	for t in "insmod ts_proc=1" "/proc/timer_stats refuses" \
		"migration_stat starts" "timer_stats starts" "integrity" "read-only" \
		"confidentiality" "rmmod" "unsigned" "says why" "nothing left"; do
		skip "$t" "kernel without the lockdown LSM"
	done
	ktap_done
	exit
fi
check "insmod ts_proc=1" insmod /lwt/lwtrace.ko ts_proc=1
diag "lockdown: $(cat $LD)"
expect "migration_stat starts" "$(wr $MS/enable 1)" OK
expect "timer_stats starts" "$(wr $TS 1)" OK
echo integrity > $LD
diag "lockdown: $(cat $LD)"
bad=
for f in $TS /proc/timer_stats $(find $MT $MS $CT -type f | sort); do
	r=$(lwtio r "$f" 2>&1 >/dev/null)
	w=$(wr "$f" 0)
	# The mode's write bits, as debugfs_locked_down() looks at them.
	if [ "$(stat -c %a "$f" | tr -d 04)" ]; then want=EPERMEPERM; else want=EPERM; fi
	[ "$r$w" = "$want" ] || bad="$bad $f(read ${r:-OK}, write $w)"
done
expect "integrity: files with a write bit refuse read and write, read-only ones only write" \
	"${bad:-none}" none
expect "/proc/timer_stats refuses too (lockdown covers debugfs, lwtrace covers /proc)" \
	"$(wr /proc/timer_stats 0)" EPERM
expect "a read-only file still gives its data" "$(lwtio r $CT/tasks | head -n 1)" "# version 1.0.0"
echo confidentiality > $LD
expect "confidentiality: the same rule, writable refused, read-only read" \
	"$(wr $MS/enable 0) $(lwtio r $CT/tasks | head -n 1)" "EPERM # version 1.0.0"
check "rmmod" rmmod lwtrace
# The lockdown LSM's messages are rate-limited (10 in 5 s): let the
# refusals above age out, so that the load's own message is printed.
sleep 6
dmesg -c > /dev/null
r=$(insmod /lwt/lwtrace.ko 2>&1); rc=$?
diag "insmod: $r"
expect "an unsigned lwtrace.ko does not load under lockdown" "$rc" 1
check "the kernel says why" sh -c 'dmesg | grep -q "Lockdown: insmod: unsigned module loading is restricted"'
check "nothing of lwtrace left" test ! -e $MT -a ! -e $TS
ktap_done
