# KTAP helpers for the in-VM tests (busybox sh).  A test script calls
# ktap_plan N, then N results, then ktap_done.
KTAP_N=0
KTAP_FAILED=0
KTAP_PLAN=0

ktap_plan() {
	KTAP_PLAN=$1
	echo "KTAP version 1"
	echo "1..$1"
}

diag() {
	echo "$*" | sed 's/^/# /'
}

ok() {
	KTAP_N=$((KTAP_N + 1))
	echo "ok $KTAP_N $*"
}

not_ok() {
	KTAP_N=$((KTAP_N + 1))
	KTAP_FAILED=$((KTAP_FAILED + 1))
	echo "not ok $KTAP_N $*"
}

skip() {
	KTAP_N=$((KTAP_N + 1))
	echo "ok $KTAP_N $1 # SKIP $2"
}

# check NAME COMMAND...: ok if COMMAND succeeds
check() {
	_name=$1
	shift
	if "$@"; then ok "$_name"; else not_ok "$_name"; fi
}

# expect NAME ACTUAL EXPECTED
expect() {
	if [ "$2" = "$3" ]; then
		ok "$1"
	else
		not_ok "$1"
		diag "expected: $3"
		diag "actual:   $2"
	fi
}

# Call last.  Leaves /tmp/.passed for run-suite.sh if every planned test
# ran and passed.
ktap_done() {
	if [ "$KTAP_N" != "$KTAP_PLAN" ]; then
		echo "# planned $KTAP_PLAN tests, ran $KTAP_N"
		exit 1
	fi
	[ "$KTAP_FAILED" = 0 ] || exit 1
	touch /tmp/.passed
}

# ---- lwtrace helpers ----
MT=/sys/kernel/debug/migration_trace
TR=/sys/kernel/tracing

# wr FILE DATA: write exactly DATA, print OK or the errno name
wr() {
	lwtio w "$1" "$2"
}

# The number a trace header gives to an event name: "# cause N name" or
# "# loc N name".
loc_num() {
	awk -v n="$2" '$1 == "#" && ($2 == "cause" || $2 == "loc") && $4 == n { print $3 }' "$1"
}

# An awk function for awk programs: hex("0x...") as a number, exact below
# 2^53 (trace timestamps are).  Use as: awk "$AWK_HEX"' ...program...'
AWK_HEX='function hex(x,   i, v) { v = 0; x = tolower(substr(x, 3)); for (i = 1; i <= length(x); i++) v = v * 16 + index("0123456789abcdef", substr(x, i, 1)) - 1; return v }'

# trace_cause_sums TRACE STAT: "cause count" per cause, sorted, of the
# migrations in TRACE between STAT's start_clock and stop_clock
trace_cause_sums() {
	awk -v a="$(hdr_val "$2" start_clock)" -v b="$(hdr_val "$2" stop_clock)" '
	     '"$AWK_HEX"'
	     BEGIN { A = hex(a); B = hex(b) }
	     $1 == "#" && $2 == "cause" { name[$3] = $4; n[$4] = 0; next }
	     $1 ~ /^0x/ && $3 != "." { t = hex($1); if (t >= A && t <= B) n[name[$6]]++ }
	     END { for (k in n) print k, n[k] }' "$1" | sort
}

# The value of a "# KEY VALUE" header line.
hdr_val() {
	awk -v k="$2" '$1 == "#" && $2 == k { print $3; exit }' "$1"
}

# Lines that are not header lines.
body() {
	grep -v '^#' "$1"
}
MS=/sys/kernel/debug/migration_stat
CT=/sys/kernel/debug/compaction

# cause_hist PIDFILE: "cause count" of the migrations in $TRACE (default
# tr.txt) of the tasks whose pids PIDFILE lists, sorted by cause
cause_hist() {
	awk 'NR == FNR { want[$1] = 1; next }
	     $1 == "#" && $2 == "cause" { name[$3] = $4; next }
	     $1 ~ /^0x/ && $3 != "." && ($5 in want) { c[name[$6]]++ }
	     END { for (k in c) print k, c[k] }' "$1" "${TRACE:-tr.txt}" | sort
}

# has_cause PIDFILE CAUSE...: the tasks of PIDFILE moved for one of CAUSEs
# at least once; their histogram goes to the KTAP log
has_cause() {
	_h=$(cause_hist "$1")
	diag "$1: $(echo "$_h" | tr '\n' ' ')"
	shift
	for _c in "$@"; do
		echo "$_h" | grep -q "^$_c " && return 0
	done
	return 1
}

# The migrate lines of $TRACE (default tr.txt).
migrations() {
	awk '$1 ~ /^0x/ && $3 != "."' "${TRACE:-tr.txt}"
}

# no_unknown: no migration in $TRACE has the unknown cause; if some do,
# log the last stacks that named no cause (migration_trace/sites)
no_unknown() {
	_u=$(loc_num "${TRACE:-tr.txt}" unknown)
	_n=$(migrations | awk -v u="$_u" '$6 == u' | wc -l)
	diag "$(migrations | wc -l) migrations, $_n unknown"
	[ "$_n" = 0 ] && return 0
	grep '^# unknown' $MT/sites | while read -r l; do diag "$l"; done
	return 1
}

# by_state_agrees: cause_check=1 unwound every migration that the task
# state or a learned path named, at least one, and the unwind agreed each
# time.  "# by_state N by_path N unwound N checked N mismatch N"
by_state_agrees() {
	_s=$(grep '^# by_state' $MT/sites)
	diag "sites: $_s"
	echo "$_s" | awk '{ exit !($9 > 0 && $11 == 0 && $3 + $5 == $9) }'
}
TS=/sys/kernel/debug/timer_stats

# ts_entries FILE: "count pid comm site callback deferrable(0|1)" per
# entry of a timer_stats file.  The comm is the 16 columns after the pid.
ts_entries() {
	awk '/^ *[0-9]+D?, / {
		c = $1; d = (c ~ /D,$/); sub(/D?,$/, "", c)
		rest = $0; sub(/^ *[0-9]+D?, +/, "", rest)
		pid = rest; sub(/ .*/, "", pid)
		rest = substr(rest, length(pid) + 2)
		comm = substr(rest, 1, 16); gsub(/ +$/, "", comm); gsub(/ /, "_", comm)
		rest = substr(rest, 18)
		site = rest; sub(/ .*/, "", site)
		cb = rest; sub(/.*\(/, "", cb); sub(/\)$/, "", cb)
		print c, pid, comm, site, cb, d
	}' "$1"
}

# ftrace_timers: turn on the four timer events that timer_stats sees, in
# a large buffer (run ftrace_timers_off and check ftrace_lost after).  The
# global clock, so that an arming on one CPU sorts before its expiry on
# another.
ftrace_timers() {
	echo 0 > $TR/tracing_on
	echo global > $TR/trace_clock
	echo > $TR/trace
	echo 16384 > $TR/buffer_size_kb
	for e in timer_start timer_expire_entry hrtimer_start hrtimer_expire_entry; do
		echo 1 > $TR/events/timer/$e/enable
	done
	echo 1 > $TR/tracing_on
}

ftrace_timers_off() {
	echo 0 > $TR/tracing_on
	for e in timer_start timer_expire_entry hrtimer_start hrtimer_expire_entry; do
		echo 0 > $TR/events/timer/$e/enable
	done
}

# timer_workload: the timers of known counts that the tstat cases check:
# 300 nanosleeps, 200 setitimer and 200 timerfd expiries, and 50 of the
# test module's deferrable timer (left loaded: rmmod lwt_timer_test after
# reading, while its symbols resolve).  Their pids in ns.pid, it.pid,
# fd.pid and tt.pid.
timer_workload() {
	timers nanosleep 300 > ns.pid
	timers itimer 200 > it.pid
	timers timerfd 200 > fd.pid
	insmod /lwt/lwt_timer_test.ko n=50
	i=0
	while [ "$(cat /sys/module/lwt_timer_test/parameters/done)" != Y ] && [ $i -lt 300 ]; do
		sleep 0.1; i=$((i + 1))
	done
	for p in /proc/[0-9]*; do [ "$(cat $p/comm 2>/dev/null)" = lwt_tt ] && echo ${p#/proc/}; done > tt.pid
}

# Events ftrace overwrote or dropped, all CPUs.
ftrace_lost() {
	cat $TR/per_cpu/cpu*/stats | awk '$1 == "overrun:" || $1 == "dropped" { n += $NF } END { print n + 0 }'
}

# ftrace_expiries FILE: "pid callback count" for each expiry in the ftrace
# text FILE, attributed to the pid of the timer's last start event.
ftrace_expiries() {
	awk '
	function field(k,   i) { for (i = 1; i <= NF; i++) if (index($i, k "=") == 1) return substr($i, length(k) + 2); return "" }
	/ (timer|hrtimer)_start: / {
		match($0, /-[0-9]+ +\[/); p = substr($0, RSTART + 1, RLENGTH - 1); sub(/ *\[/, "", p)
		t = field("timer"); if (t == "") t = field("hrtimer"); last[t] = p; next }
	/ (timer|hrtimer)_expire_entry: / {
		t = field("timer"); if (t == "") t = field("hrtimer")
		if (t in last) n[last[t] " " field("function")]++ }
	END { for (k in n) print k, n[k] }' "$1"
}
