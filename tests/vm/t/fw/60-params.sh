# Every insmod parameter with a range, at and beyond it (issue #16).
# Below the minimum, above the maximum, negative, junk and empty: insmod
# fails with EINVAL, the kernel names the parameter, and nothing of
# lwtrace is left.  At the minimum: it loads.  At the maximum: it loads,
# or, where that much memory is not there, fails with ENOMEM and a
# message naming the parameter; never anything else, and no OOM kill.
. /lwt/ktap.sh
ktap_plan 6

# name min max
PARAMS="mt_buf_kb 1 1048576
mstat_hours 1 8760
mstat_rows 0 31536000
ts_entries 1 1048576
ct_tasks 1 1048576
ct_records 1 16777216"

gone() { [ ! -e $MT ] && ! lsmod | grep -q '^lwtrace '; }
# load P=V: "OK" (then unloaded), or insmod's error.  The kernel's new
# lines go to load.log, and are kept in all.log.
load() {
	_n=$(dmesg | wc -l)
	insmod /lwt/lwtrace.ko "$1" 2> insmod.err
	_rc=$?
	dmesg | sed "1,${_n}d" > load.log
	cat load.log >> all.log
	if [ $_rc = 0 ]; then
		rmmod lwtrace && echo OK
		return
	fi
	if grep -q 'Invalid argument' insmod.err; then echo EINVAL
	elif grep -q 'Cannot allocate memory' insmod.err; then echo ENOMEM
	else echo "other: $(cat insmod.err)"; fi
}

bad=
echo "$PARAMS" | while read -r p min max; do
	for v in $((min - 1)) $((max + 1)) -1 x 1x ""; do
		[ "$v" = -1 ] && [ "$min" = 0 ] && continue	# min - 1 already
		r=$(load "$p=$v")
		named=$(grep -c "$p" load.log)
		[ "$r" = EINVAL ] && [ "$named" -ge 1 ] && gone ||
			echo "$p=$v: $r, named $named times"
	done
done > below-above.txt
expect "below the minimum, above the maximum, negative, junk, empty: EINVAL, parameter named" \
	"$(cat below-above.txt)" ""
echo "$PARAMS" | while read -r p min max; do
	r=$(load "$p=$min")
	[ "$r" = OK ] || echo "$p=$min: $r"
done > min.txt
expect "at the minimum: loads" "$(cat min.txt)" ""
echo "$PARAMS" | while read -r p min max; do
	r=$(load "$p=$max")
	diag "$p=$max: $r" >&2
	case $r in
	OK) ;;
	ENOMEM) grep -q "lwtrace: .*$p" load.log || echo "$p=$max: ENOMEM, not named" ;;
	*) echo "$p=$max: $r" ;;
	esac
done > max.txt
expect "at the maximum: loads, or ENOMEM naming the parameter" "$(cat max.txt)" ""
check "nothing was OOM-killed, no allocation warned" sh -c '! grep -qE "Out of memory|oom-kill|vmalloc error|page allocation failure" all.log'
expect "bools and the test-only base refuse junk" \
	"$(load cause_check=2) $(load ts_proc=maybe) $(load mstat_count_base=x) $(load mstat_count_base=-1)" \
	"EINVAL EINVAL EINVAL EINVAL"
check "nothing of lwtrace left" gone
ktap_done
