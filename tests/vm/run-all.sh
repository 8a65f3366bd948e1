#!/bin/sh
# Run every VM case on every test kernel (tests/vm/kernels.sh).  Prints a
# closing "N passed, N failed" line counting VM runs; exits 1 if any
# failed.  LWT_KERNELS and LWT_CASES narrow the run.
TOP=$(cd "$(dirname "$0")/../.." && pwd)
KERNELS=${LWT_KERNELS:-$("$TOP/tests/vm/kernels.sh")}
# trace_clock=global: under TCG the kernel may find the TSC unstable and
# switch the trace clock late in boot, which resets the ring buffer and
# loses the boot events.
TMIGR="trace_event=tmigr_connect_cpu_parent,tmigr_connect_child_parent trace_clock=global"
# causes: two cores of two SMT threads, so that two hogs on SMT siblings
# need active balancing; causes-numa: two nodes of two CPUs.  tstat:
# ftrace's timer=%p must tell timers apart before the CRNG is ready.
NUMA2C="-object memory-backend-ram,id=m0,size=512M -object memory-backend-ram,id=m1,size=512M
 -numa node,nodeid=0,cpus=0-1,memdev=m0 -numa node,nodeid=1,cpus=2-3,memdev=m1"
NUMA2="-object memory-backend-ram,id=m0,size=512M -object memory-backend-ram,id=m1,size=512M
 -numa node,nodeid=0,cpus=0-3,memdev=m0 -numa node,nodeid=1,cpus=4-7,memdev=m1"
# name suite smp "kernel args" qemu args...
CASES='mt mt 4 ""
fw fw 4 ""
causes causes 4,sockets=1,cores=2,threads=2 ""
causes-numa causes-numa 4,sockets=2,cores=2,threads=1 "" $NUMA2C
stat stat 4 ""
tstat tstat 4 "no_hash_pointers"
compaction compaction 2 ""
lockdown lockdown 2 ""
nodebugfs nodebugfs 2 "debugfs=off"
stress stress 4 "lwt.stress_sec=${LWT_STRESS_SEC:-120}"
tmigr-smp4 tmigr 4 "$TMIGR no_hash_pointers"
tmigr-hashed tmigr 4 "$TMIGR"
tmigr-smp12 tmigr 12 "$TMIGR no_hash_pointers"
tmigr-numa2 tmigr 8,sockets=2,cores=4,threads=1 "$TMIGR no_hash_pointers" $NUMA2'
# Run only when LWT_CASES names them: they may crash the kernel.
OPTIN='causes-dlhotplug causes-dlhotplug 4 ""'
case " ${LWT_CASES:-} " in
*" causes-dlhotplug "*) CASES="$CASES
$OPTIN" ;;
esac
pass=0
fail=0
[ -n "$KERNELS" ] || { echo "run-all: no test kernels installed (make deps)" >&2; exit 1; }
for k in $KERNELS; do
	"$TOP/tests/vm/mkinitramfs.sh" "$k" "$TOP/build/vm/$k.cpio.gz" || { fail=$((fail + 1)); continue; }
	# The timer migration hierarchy came in 6.9 (Debian's System.map is a stub).
	case $k in
	[2-5].*|6.[0-8].*) has_tmigr=0 ;;
	*) has_tmigr=1 ;;
	esac
	while read -r name suite smp rest <&3; do
		[ -n "${LWT_CASES:-}" ] && ! echo " $LWT_CASES " | grep -q " $name " && continue
		# Without tmigr in the kernel one run shows the suite skips.
		[ "$suite" = tmigr ] && [ $has_tmigr = 0 ] && [ "$name" != tmigr-smp4 ] && continue
		eval "set -- $rest"
		append=$1
		shift
		echo "## $k: $name"
		if LWT_SMP=$smp LWT_APPEND=$append "$TOP/tests/vm/run.sh" "$k" "$suite" \
			"$TOP/build/vm/$k-$name.log" -- $(eval echo "$*"); then
			echo pass >>"$TOP/build/vm/results"
		else
			echo fail >>"$TOP/build/vm/results"
		fi
	done 3<<-EOF
	$CASES
	EOF
done
touch "$TOP/build/vm/results"
pass=$(grep -c pass "$TOP/build/vm/results")
fail=$((fail + $(grep -c fail "$TOP/build/vm/results")))
rm -f "$TOP/build/vm/results"
echo "vm: $pass passed, $fail failed"
[ $fail = 0 ]
