# Well-formed numbers out of each control file's range, and bad writes
# while collecting (issue #16): each is refused with its errno, and the
# state (enable, period, the data so far) is unchanged.  10-control has
# the malformed writes; tstat/40-control has timer_stats'.
. /lwt/ktap.sh
ktap_plan 9

check "insmod" insmod /lwt/lwtrace.ko
lwtio r $MT/trace > mt0.txt
BIG=99999999999999999999		# past 2^64
state() {
	echo "$(cat $MT/enable) $(cat $MS/enable) $(cat $CT/enable) $(cat $MS/period_msec)"
}

# writes: "FILE VALUE ERRNO" lines on stdin; each write must give its
# errno.  Prints the ones that did not, or "none".
writes() {
	_bad=
	while read -r f v e; do
		r=$(wr "$f" "$v")
		[ "$r" = "$e" ] || _bad="$_bad $f=$v($r)"
	done
	echo "${_bad:-none}"
}

# Out of range on a stopped module.
bad=$(writes <<EOF
$MT/enable 2 EINVAL
$MT/enable -1 EINVAL
$MT/enable $BIG EINVAL
$MT/reset 1 EINVAL
$MT/reset -1 EINVAL
$MT/mark -1 EINVAL
$MT/mark $BIG EINVAL
$MS/enable 2 EINVAL
$MS/reset 1 EINVAL
$MS/period_msec 0 EINVAL
$MS/period_msec 86400001 EINVAL
$MS/period_msec -1 EINVAL
$MS/period_msec $BIG EINVAL
$CT/enable 2 EINVAL
$CT/enable $BIG EINVAL
$CT/reset 1 EINVAL
EOF
)
expect "out of range: EINVAL on every control file" "$bad" none
lwtio r $MT/trace > mt1.txt
expect "nothing changed: states, period, the empty trace" \
	"$(state) $(cmp -s mt0.txt mt1.txt && echo same)" "0 0 0 1000 same"
expect "the edges: period_msec 1 and 86400000" \
	"$(wr $MS/period_msec 1) $(wr $MS/period_msec 86400000) $(cat $MS/period_msec)" \
	"OK OK 86400000"
wr $MS/period_msec 1000 >/dev/null

# While collecting: every facility on, then bad and refused writes.
wr $MT/enable 1 >/dev/null; wr $MS/enable 1 >/dev/null; wr $CT/enable 1 >/dev/null
s1=$(state)
expect "all three collecting" "$s1" "1 1 1 1000"
bad=$(writes <<EOF
$MT/enable 2 EINVAL
$MT/enable 1 EPERM
$MT/mark x EINVAL
$MS/enable 1 EPERM
$MS/period_msec 500 EPERM
$MS/period_msec 0 EINVAL
$MS/reset 1 EINVAL
$CT/enable 1 EPERM
$CT/enable -1 EINVAL
$CT/reset 1 EINVAL
EOF
)
expect "while collecting: EINVAL for bad values, EPERM for a restart or a new period" \
	"$bad" none
expect "still collecting, period unchanged" "$(state)" "$s1"
wr $MT/enable 0 >/dev/null; wr $MS/enable 0 >/dev/null; wr $CT/enable 0 >/dev/null
# An open view holds off reset; the refused reset leaves the data.
exec 3< $CT/records
r=$(wr $CT/reset 0)
exec 3<&-
expect "compaction reset while records is open: EBUSY, then reset works" \
	"$r $(wr $CT/reset 0)" "EBUSY OK"
check "rmmod" rmmod lwtrace
ktap_done
