# The framework's control-file rules, on every control file of every
# facility: exactly "N" or "N\n" in one write at offset 0; anything else is
# EINVAL and changes nothing.
. /lwt/ktap.sh
ktap_plan 15

check "insmod" insmod /lwt/lwtrace.ko
lwtio r $MT/trace > mt0.txt
state() {
	echo "$(cat $MT/enable) $(cat $MS/enable) $(cat $MS/period_msec) $(lwtio r $MS/stat | wc -c)"
}
s0=$(state)

# Each bad value on each file.  "1\0xyz": kstrtoul() alone stops at the NUL.
for f in $MT/enable $MT/mark $MT/reset $MS/enable $MS/period_msec $MS/reset \
	$CT/enable $CT/reset; do
	for bad in "+1" "+0" " 1" "1 " "-0" "0x" "1

" "
1" "12a" ""; do
		r=$(wr $f "$bad"); [ "$r" = EINVAL ] || { diag "$f '$bad': $r"; b1=1; }
	done
	r=$(lwtio w0 $f 1 xyz); [ "$r" = EINVAL ] || { diag "$f '1\\0xyz': $r"; b1=1; }
	r=$(lwtio w0 $f 0 ""); [ "$r" = EINVAL ] || { diag "$f '0\\0': $r"; b1=1; }
	r=$(lwtio wn $f 25); [ "$r" = EINVAL ] || { diag "$f 25 bytes: $r"; b1=1; }
	r=$(lwtio wo $f 1 1); [ "$r" = EINVAL ] || { diag "$f at offset 1: $r"; b1=1; }
	r=$(lwtio wo $f 4096 0); [ "$r" = EINVAL ] || { diag "$f at offset 4096: $r"; b1=1; }
done
expect "every malformed write is EINVAL" "${b1:-0}" 0
expect "and changed nothing" "$(state)" "$s0"
lwtio r $MT/trace > t.txt
check "the trace is still empty" cmp -s mt0.txt t.txt

# Good forms.
expect "period_msec: N" "$(wr $MS/period_msec 250)" OK
expect "period_msec: N\\n" "$(wr $MS/period_msec "0x10
")" OK
expect "period_msec reads back 16" "$(cat $MS/period_msec)" 16

# One command per open file: a second write is at an offset and refused,
# so a byte-at-a-time "0\n" is "0" (complete, done) and a refused "\n".
expect "byte at a time: the digit is a whole command, the newline is refused" \
	"$(lwtio ws $MS/period_msec 7 "
")" "OK EINVAL"
expect "period_msec is 7" "$(cat $MS/period_msec)" 7
expect "two writes on one open enable file: the second is refused" \
	"$(lwtio ws $MT/enable 1 0)" "OK EINVAL"
expect "the first took effect, the second did not" "$(cat $MT/enable)" 1
expect "enable 0" "$(wr $MT/enable "0
")" OK

# A view keeps its facility from being reset or restarted.
exec 3< $MS/stat
expect "reset while stat is open: EBUSY" "$(wr $MS/reset 0)" EBUSY
expect "enable while stat is open: EBUSY" "$(wr $MS/enable 1)" EBUSY
exec 3<&-
check "rmmod" rmmod lwtrace
ktap_done
