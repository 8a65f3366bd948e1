# A table of 16 entries fills, and what found no room is counted: with
# ftrace's timer events on around the collection, bracketed by markers,
# the entries' counts plus Overflow lie between the expiries ftrace saw
# inside the collection and those it saw around it (in practice equal).
. /lwt/ktap.sh
ktap_plan 7

check "insmod ts_entries=16" insmod /lwt/lwtrace.ko ts_entries=16
ftrace_timers
echo M1 > $TR/trace_marker
wr $TS 1 > /dev/null
echo M2 > $TR/trace_marker
# Twenty processes: twenty keys of their own, and the system's.
i=0
while [ $i -lt 20 ]; do timers nanosleep 5 > /dev/null; i=$((i + 1)); done
echo M3 > $TR/trace_marker
wr $TS 0 > /dev/null
echo M4 > $TR/trace_marker
ftrace_timers_off
lwtio r $TS > ts.txt
cat $TR/trace > ftrace.txt
expect "ftrace lost nothing" "$(ftrace_lost)" 0

expect "the table is full: 16 entries" "$(ts_entries ts.txt | wc -l)" 16
overflow=$(awk '/^Overflow:/ { print $2 }' ts.txt)
check "Overflow is reported" [ "${overflow:-0}" -gt 0 ]
sum=$(ts_entries ts.txt | awk '{ n += $1 } END { print n + 0 }')
# Expiries of timers armed in the window, in (M1, M4) and in (M2, M3).
set -- $(awk '
	function field(k,   i) { for (i = 1; i <= NF; i++) if (index($i, k "=") == 1) return substr($i, length(k) + 2); return "" }
	/tracing_mark_write: M[1-4]$/ { phase = substr($NF, 2) + 0; next }
	phase < 1 || phase > 3 { next }
	/ (timer|hrtimer)_start: / {
		t = field("timer"); if (t == "") t = field("hrtimer")
		armed[t] = 1; if (phase == 2) armed2[t] = 1; next }
	/ (timer|hrtimer)_expire_entry: / {
		t = field("timer"); if (t == "") t = field("hrtimer")
		if (t in armed) all++
		if (phase == 2 && (t in armed2)) core++ }
	END { print core + 0, all + 0 }' ftrace.txt)
diag "entries $sum + overflow $overflow; ftrace: $1 inside, $2 around"
check "entries + Overflow cover every expiry inside the collection" [ $((sum + overflow)) -ge $1 ]
check "and no more than ftrace saw around it" [ $((sum + overflow)) -le $2 ]
check "rmmod" rmmod lwtrace
ktap_done
