# migration_stat's table filling (the period timer makes the facility
# FULL) racing a user's stop (enable 0), issue #11: a stop must always
# win.  Before the fix the timer stored FULL over the stop's OFF, so the
# facility stayed FULL after the stop, and a second enable 0 stopped it
# again and wrote a second stop_clock.
#
# A table of 2 rows (mstat_rows) at 1 ms periods fills 2 ms after the
# start.  Start and stop are the shell's own echo (no fork), a counted
# spin between them; the spins are calibrated, then follow a staircase so
# that the stops stay around the fill.  Every eighth round stops long
# before the fill (50 ms periods), and every eighth waits for the fill.
. /lwt/ktap.sh
ktap_plan 14

ROWS=2
ROUNDS=64
check "insmod" insmod /lwt/lwtrace.ko mstat_rows=$ROWS
expect "mstat_rows reads back" "$(cat /sys/module/lwtrace/parameters/mstat_rows)" $ROWS

# From a start to its stop, in us, by the stat file's clocks.
gap_us() {
	awk "$AWK_HEX"'$2 == "start_clock" { a = hex($3) } $2 == "stop_clock" { b = hex($3) }
	     END { printf "%d\n", (b - a) / 1000 }' "$1"
}
spin() {
	_j=0
	while [ $_j -lt $1 ]; do _j=$((_j + 1)); done
}
# One round: start, spin N, stop.  Prints nothing; fails if a write did.
round() {
	echo 0 > $MS/reset && echo "$1" > $MS/period_msec && echo 1 > $MS/enable || return 1
	spin $2
	echo 0 > $MS/enable
}
# The median time from start to stop of 5 rounds that spin N and do not
# fill (1 s periods).
calibrate() {
	for _k in 1 2 3 4 5; do
		round 1000 $1
		lwtio r $MS/stat > a.txt
		gap_us a.txt
	done | sort -n | sed -n 3p
}
g0=$(calibrate 0)
g50=$(calibrate 50)
# A loaded host can make 50 spins look no slower: then 1 us a spin, and
# the staircase finds the fill anyway.
c=$(((g50 - g0) / 50)); [ $c -ge 1 ] || c=1
nfill=$(((ROWS * 1000 - g0) / c)); [ $nfill -ge 1 ] || nfill=1
diag "start to stop: $g0 us, $c us more per spin; the fill at $nfill spins"
check "calibrated: a start and a stop take some time" test "$g0" -gt 0

# A staircase: one spin fewer after a round that filled, one more after
# one that stopped first, so that the stops stay around the fill.
i=0
ns=$nfill
while [ $i -lt $ROUNDS ]; do
	i=$((i + 1))
	p=1
	n=$ns
	case $((i % 8)) in
	0) p=50; n=0 ;;
	4) n=$((4 * nfill)) ;;
	esac
	round $p $n || { diag "round $i: a start or stop failed"; bad_start=1; }
	e=$(cat $MS/enable)
	[ "$e" = 0 ] || { diag "round $i: enable reads $e after the stop"; bad_en=1; }
	lwtio r $MS/stat > a.txt
	# A stopped facility: a second stop changes nothing.
	r=$(wr $MS/enable 0)
	[ "$r" = OK ] || { diag "round $i: second enable 0: $r"; bad_start=1; }
	lwtio r $MS/stat > b.txt
	cmp -s a.txt b.txt || {
		diag "round $i ($n spins): a second stop changed the file:"
		diff a.txt b.txt | grep '^[-+]#' | while read -r l; do diag "  $l"; done
		bad_twice=1
	}
	nc=$(grep -c '^# stop_clock ' a.txt)
	nl=$(grep -c '^# last_period_msec ' a.txt)
	nf=$(grep -c '^# table_full ' a.txt)
	rows=$(grep -vc '^#' a.txt)
	# How long after the fill time the stop came, in us.
	d=$(($(gap_us a.txt) - ROWS * p * 1000))
	[ ${d#-} -lt ${near:-999999999} ] && near=${d#-}
	echo "$d:$nf" >> rounds.txt
	[ "$nc" = 1 ] || { diag "round $i: $nc stop_clock lines"; bad_hdr=1; }
	# Full: every row and no partial one.  Stopped first: fewer rows,
	# and at most one partial one (a stop exactly on a boundary has none).
	if [ $((i % 4)) != 0 ]; then
		[ "$nf" = 1 ] && ns=$((ns - 1)) || ns=$((ns + 1))
		[ $ns -ge 0 ] || ns=0
	fi
	if [ "$nf" = 1 ]; then
		full=$((${full:-0} + 1))
		[ "$nl$rows" = "0$ROWS" ] ||
			{ diag "round $i: full with $nl last_period_msec, $rows rows"; bad_hdr=1; }
		[ "$(grep '^# table_full ' a.txt)" = "# table_full rows $ROWS" ] ||
			{ diag "round $i: $(grep '^# table_full ' a.txt)"; bad_hdr=1; }
	else
		stopped=$((${stopped:-0} + 1))
		[ "$nl" -le 1 ] && [ "$rows" -ge 1 ] && [ "$rows" -le $ROWS ] ||
			{ diag "round $i: $nl last_period_msec, $rows rows"; bad_hdr=1; }
	fi
	# Still a stopped, non-empty facility.
	r=$(wr $MS/enable 1)
	[ "$r" = EPERM ] || { diag "round $i: enable 1 after the stop: $r"; bad_state=1; }
done
diag "$ROUNDS rounds: $full filled the table before the stop, $stopped stopped first; the closest stop came $near us from the fill"
diag "stop minus fill (us):full: $(tr '\n' ' ' < rounds.txt)"
expect "every start and stop succeeded" "${bad_start:-0}" 0
expect "enable reads 0 after every stop" "${bad_en:-0}" 0
expect "a second stop never changes the file (one stop_clock written)" "${bad_twice:-0}" 0
expect "one stop_clock; full, or stopped first with its partial row" "${bad_hdr:-0}" 0
expect "stopped, not empty: enable 1 is EPERM" "${bad_state:-0}" 0
check "some rounds filled the table" test "${full:-0}" -ge 1
check "some rounds stopped before it filled" test "${stopped:-0}" -ge 1

# And the facility is whole after all that.
expect "reset" "$(wr $MS/reset 0)" OK
expect "empty after reset" "$(cat $MS/enable) $(lwtio r $MS/stat | wc -c)" "0 0"
wr $MS/period_msec 1 >/dev/null
wr $MS/enable 1 >/dev/null
usleep 50000
expect "a new run fills and stops by itself" \
	"$(cat $MS/enable) $(grep -c '^# table_full' $MS/stat)" "0 1"
check "rmmod" rmmod lwtrace
ktap_done
