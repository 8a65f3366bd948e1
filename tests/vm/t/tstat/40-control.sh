# timer_stats' control: 1 starts a new sample period (clearing the old
# one), 1 while on does nothing, 0 stops; anything else is EINVAL and
# changes nothing.  Root only.
. /lwt/ktap.sh
ktap_plan 11

check "insmod" insmod /lwt/lwtrace.ko
expect "root-only file" "$(stat -c %a $TS)" 600
expect "start" "$(wr $TS 1)" OK
timers nanosleep 50 > /dev/null
expect "stop" "$(wr $TS 0)" OK
lwtio r $TS > s0.txt
for bad in 2 "+1" " 1" "1 " "-0" "0x" "10" "1

" "
1" "a" ""; do
	r=$(wr $TS "$bad"); [ "$r" = EINVAL ] || { diag "'$bad': $r"; b1=1; }
done
r=$(lwtio w0 $TS 1 xyz); [ "$r" = EINVAL ] || { diag "'1\\0xyz': $r"; b1=1; }
r=$(lwtio wn $TS 25); [ "$r" = EINVAL ] || { diag "25 bytes: $r"; b1=1; }
r=$(lwtio wo $TS 1 1); [ "$r" = EINVAL ] || { diag "at offset 1: $r"; b1=1; }
expect "every malformed write is EINVAL" "${b1:-0}" 0
lwtio r $TS > s1.txt
check "and changed nothing" cmp -s s0.txt s1.txt
expect "echo-style 1\\n starts" "$(wr $TS "1
")" OK
p1=$(awk '/^Sample period/ { print $3 }' $TS)
sleep 1.2
expect "1 while on does nothing" "$(wr $TS 1)" OK
p2=$(awk '/^Sample period/ { print $3 }' $TS)
check "the sample period went on ($p1 -> $p2 s)" awk -v a=$p1 -v b=$p2 'BEGIN { exit !(b > a + 1) }'
wr $TS 0 > /dev/null
expect "a new start empties the old period" \
	"$(wr $TS 1 && wr $TS 0 && awk '/total events/ { print ($1 < 1000) }' $TS)" "OK
OK
1"
check "rmmod" rmmod lwtrace
ktap_done
