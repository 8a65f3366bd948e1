#!/bin/sh
# Command-line behaviour of the tools: exit codes, where help and errors
# go, file:line errors.  Prints KTAP.
TOP=$(cd "$(dirname "$0")/../.." && pwd)
T=$TOP/tools
D=$TOP/tests/data
n=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. "$TOP/tests/unit/run.sh"

echo "KTAP version 1"
echo "1..78"
run "tmigr_tree --help: stdout, exit 0" 0 '^usage: tmigr_tree' '^$' $T/tmigr_tree --help
run "tmigr_tree --help says to boot with no_hash_pointers" 0 '^    no_hash_pointers$' '^$' $T/tmigr_tree --help
run "tmigr_tree -help (one dash)" 0 '^usage: tmigr_tree' - $T/tmigr_tree -help
run "tmigr_tree bad option: stderr, exit 2" 2 '^$' "unknown or ambiguous option '--bogus'" $T/tmigr_tree --bogus
run "tmigr_tree bad --format: exit 2" 2 - "--format: 'xml' is not ascii or json" $T/tmigr_tree --format xml $D/tmigr/seed8-2026.trace
run "tmigr_tree bad --capacity: exit 2" 2 - "--capacity: 'x' is not a capacity" $T/tmigr_tree --capacity x
run "tmigr_tree file argument" 0 'Tree for capacity 1024' '^$' $T/tmigr_tree $D/tmigr/seed8-2026.trace
run "tmigr_tree stdin" 0 'Tree for capacity 1024' - sh -c "$T/tmigr_tree < $D/tmigr/seed8-6.12.trace"
run "tmigr_tree --capacity" 0 'Tree for capacity 77' - $T/tmigr_tree --capacity 77 $D/tmigr/seed8-6.12.trace
run "tmigr_tree hashed pointers: exit 1, says no_hash_pointers" 1 '^$' "hashed.trace:2: .*no_hash_pointers" $T/tmigr_tree $D/tmigr/hashed.trace
run "tmigr_tree malformed: file:line, exit 1" 1 - "malformed.trace:2: tmigr_connect_cpu_parent event without parent=" $T/tmigr_tree $D/tmigr/malformed.trace
run "tmigr_tree no events: boot hint, exit 1" 1 - "trace_event=tmigr_connect_cpu_parent,tmigr_connect_child_parent" $T/tmigr_tree $D/tmigr/noevents.trace
run "tmigr_tree missing file: exit 1" 1 - "nonexistent: No such file" $T/tmigr_tree $tmp/nonexistent
E=$T/migrate_extract
S=$D/mstat/stat.txt
P=$D/mstat/period.txt
run "migrate_extract --help: stdout, exit 0" 0 '^usage: migrate_extract' '^$' $E --help
run "migrate_extract bad option: exit 2" 2 '^$' "unknown or ambiguous option" $E --bogus $S
run "migrate_extract two header queries: exit 2" 2 '^$' "more than one header item requested" $E --max_field --min_field $S
run "migrate_extract nothing to do: exit 2" 2 '^$' "nothing to do" $E $S
run "migrate_extract --extract golden" 0 '^0\.000 30\.00$' '^$' sh -c "$E --extract 17 $S | cmp - $D/mstat/extract17.out && echo 0.000 30.00"
run "migrate_extract -extract with --ts_gmt --ts_date" 0 '^2026/11/22 02:17:42\.887  8\.00$' '^$' $E -extract 2 --ts_gmt --ts_date $S
run "migrate_extract --begin_msec/--end_msec window" 0 '^0\.500 16\.00$' '^$' sh -c "$E --extract 17 --begin_msec 400 --end_msec 600 $S | tr '\n' '|' | grep -x '0.500 16.00|' >/dev/null && echo 0.500 16.00"
run "migrate_extract --begin_gmt window" 0 '^02:17:43\.887  4\.00$' '^$' $E --extract 2 --ts_gmt --begin_gmt "2026/11/22 02:17:43.500" $S
run "migrate_extract bad --begin_gmt: exit 2" 2 '^$' "is not yyyy/mm/dd" $E --extract 2 --begin_gmt yesterday $S
run "migrate_extract --field_num multi-word name" 0 '^4$' '^$' $E --field_num 'from cpu: 0 to cpu: 1' $P
run "migrate_extract --field_name multi-word name" 0 '^from cpu: 1 to cpu: 0$' '^$' $E --field_name 5 $P
run "migrate_extract --max_field/--min_field" 0 '^17,2$' '^$' sh -c "echo \$($E --max_field $S),\$($E --min_field $S)"
run "migrate_extract --nr_cpus missing: item not found, exit 1" 1 '^$' "ERROR: item not found" $E --nr_cpus $S
run "migrate_extract --extract out of range: exit 1" 1 '^$' "ERROR: --extract field > maximum field" $E --extract 18 $S
run "migrate_extract malformed file: file:line, exit 1" 1 '^$' "bad.txt:6: field 3: 'x' is not a number" sh -c "printf '# version 1.0.0\n# period_msec 1000\n# ts_field 1\n# field 2 a\n# field 3 b\n0.000 1 x\n' > $tmp/bad.txt; $E --max_field $tmp/bad.txt"
# The SVG renders, to a picture of one 820x240 chart per field.
run "migrate_extract --svg renders to PNG" 0 '820 x 1200' '^$' sh -c "$E --svg $tmp/p.svg $P && rsvg-convert $tmp/p.svg -o $tmp/p.png && file $tmp/p.png"
M=$T/migrate_stats
MT=$D/mstats/trace.txt
run "migrate_stats --help: stdout, exit 0" 0 '^usage: migrate_stats' '^$' $M --help
run "migrate_stats -help_format: stdout, exit 0" 0 '^--migrate' '^$' $M -help_format
run "migrate_stats --version: stdout, exit 0" 0 '^migrate_stats [0-9]' '^$' $M --version
run "migrate_stats bad option: exit 2" 2 '^$' "unknown or ambiguous option '--bogus'" $M --bogus $MT
run "migrate_stats include and exclude: exit 2" 2 '^$' "--pid and --pid_exclude together are not valid" $M --stats --pid 1 --pid_exclude 2 $MT
run "migrate_stats --period_cpu without --period: exit 2" 2 '^$' "--period_cpu requires --period" $M --period_cpu $MT
run "migrate_stats --period 0: exit 2" 2 '^$' "--period requires a non-zero argument" $M --period 0 --period_all $MT
run "migrate_stats bad --begin_mark: exit 2" 2 '^$' "--begin_mark: '0xZ' is not a number" $M --stats --begin_mark 0xZ $MT
run "migrate_stats unknown --cause lists the trace's: exit 2" 2 '^$' "invalid --cause: wakeup .*try_to_wake_up" $M --stats --cause wakeup $MT
run "migrate_stats bad --format: exit 2" 2 '^$' "--format: 'xml' is not text, csv or json" $M --stats --format xml $MT
run "migrate_stats --format json with --migrate: exit 2" 2 '^$' "print text only" $M --migrate --format json $MT
# The single-run read (lib/mtrace.h): a sorted trace is read once; one
# with a line out of order, or a header line, late in it is read again.
# Every way gives the two passes' report, '{' once.
run "migrate_stats --stats --summary_pid: one run, or not after all, as two passes" 0 '^same$' '^$' sh -c "
	LC_ALL=C sort $MT >$tmp/one.txt
	{ head -n 3000 $tmp/one.txt; tail -n 1 $tmp/one.txt; sed -n '3001,5061p' $tmp/one.txt; } >$tmp/late.txt
	{ cat $tmp/one.txt; echo '# nr_cpus 4'; } >$tmp/hdr.txt
	LWT_TWO_PASSES=1 $M --stats --summary_pid --format json $MT >$tmp/want
	[ \$(grep -c '{' $tmp/want) -ge 1 ] || exit 1
	LWT_TWO_PASSES=1 $M --stats --summary_pid --format json $tmp/hdr.txt >$tmp/want-hdr
	for f in one late; do $M --stats --summary_pid --format json $tmp/\$f.txt | cmp - $tmp/want || exit 1; done
	$M --stats --summary_pid --format json $tmp/hdr.txt | cmp - $tmp/want-hdr && echo same"
# An --end_* window stops the analysis before the rest is read: two passes.
run "migrate_stats --end_ts: an event in the window but late in the file counts" 0 '^same$' '^$' sh -c "
	grep -v '^#' $tmp/one.txt | sed -n 100p >$tmp/early
	{ cat $tmp/one.txt $tmp/early; } >$tmp/dup.txt
	end=\$(grep -v '^#' $tmp/one.txt | sed -n 2500p | cut -d' ' -f1)
	LWT_TWO_PASSES=1 $M --stats --end_ts \$end $tmp/dup.txt >$tmp/want-end
	$M --stats --end_ts \$end $tmp/dup.txt | cmp - $tmp/want-end && echo same"
run "migrate_stats missing file: exit 1" 1 '^$' "nonexistent: No such file" $M --stats $tmp/nonexistent
run "migrate_stats bad line: file:line, exit 1" 1 - "bad.trace:4: bad migrate event: pid" sh -c "printf '# version 1.0.0\n# cause 1 a\n0x10 0 0 1 5 1\n0x11 0 0 1 x 1\n' > $tmp/bad.trace; $M --stats $tmp/bad.trace"
run "migrate_stats undeclared cause: file:line, exit 1" 1 - "u.trace:2: cause 9 is not in the header" sh -c "printf '# cause 1 a\n0x10 0 0 1 5 9\n' > $tmp/u.trace; $M --stats $tmp/u.trace"
run "migrate_stats newer format version: exit 1" 1 - "v.trace:1: format version 2.0.0: this tool reads 1.x.x" sh -c "printf '# version 2.0.0\n' > $tmp/v.trace; $M --stats $tmp/v.trace"
run "migrate_stats reports dropped events on stderr" 0 - "warning: the trace says 7 events were dropped" sh -c "(cat $MT; echo '# dropped 7') > $tmp/d.trace; $M --stats $tmp/d.trace"
# A trace without '# nr_cpus': the original wrote "# nr_cpus 0" and read it back.
run "migrate_stats --period_* without nr_cpus: '# nr_cpus 0'" 0 '^# nr_cpus 0$' '^$' sh -c "grep -v '^# nr_cpus' $MT > $tmp/nocpus.trace; $M --period 2 --period_all $tmp/nocpus.trace"
run "migrate_extract reads '# nr_cpus 0' back" 0 '^0$' '^$' sh -c "$M --period 2 --period_all $tmp/nocpus.trace | $E --nr_cpus"
# Numbers are decimal, as Getopt::Long's "=i" of the original: a leading
# zero is not octal, and 0x is not a number.
run "migrate_stats --pid 01010 is pid 1010, not octal" 0 '^ 1010 +161 ' '^$' $M --summary_pid --pid 01010 $MT
run "migrate_stats --pid 0x3f2: not decimal, exit 2" 2 '^$' "--pid: '0x3f2' is not a decimal number" $M --summary_pid --pid 0x3f2 $MT
run "migrate_stats --period 010 is 10 ms, not 8" 0 '^same$' '^$' sh -c "$M --period 010 --period_all $MT > $tmp/p010; $M --period 10 --period_all $MT | cmp - $tmp/p010 && echo same"
run "migrate_extract --extract 017 is field 17" 0 '^same$' '^$' sh -c "$E --extract 017 $S | cmp - $D/mstat/extract17.out && echo same"
# Option names in any case, as Getopt::Long by default; never the values.
run "migrate_stats --STATS -Period 2 --PERIOD_ALL" 0 '^# field 2 migrate$' '^$' $M --STATS -Period 2 --PERIOD_ALL $MT
run "migrate_stats --Comm keeps its value's case" 0 '^$' '^$' $M --migrate --Comm KWORKER $MT
run "migrate_extract --EXTRACT=17 --TS_Rel" 0 '^same$' '^$' sh -c "$E --EXTRACT=17 --TS_Rel $S | cmp - $D/mstat/extract17.out && echo same"
# A negative --begin_sec begins the window before the trace (no effect); the
# trace starts at 10 s, so -11 reaches below 0.
run "migrate_stats --begin_sec -11: the whole trace" 0 '^same$' '^$' sh -c "$M --stats --begin_sec -11 $MT | cmp - $D/mstats/stats.out && echo same"
run "migrate_stats --begin_sec -5: the whole trace" 0 '^same$' '^$' sh -c "$M --stats --begin_sec -5 $MT | cmp - $D/mstats/stats.out && echo same"
run "migrate_stats --end_sec -1: no migrate event" 0 '^  total +0 ' '^$' $M --stats --end_sec -1 $MT
# Nothing to read, or nothing to do: said, never an empty or all-zero report.
run "migrate_stats /dev/null: not a trace, exit 1" 1 '^$' "^migrate_stats: /dev/null: empty, not a migration_trace trace$" $M --stats /dev/null
run "migrate_stats empty stdin: not a trace, exit 1" 1 '^$' "^migrate_stats: standard input: empty, not a migration_trace trace$" sh -c "$M --stats < /dev/null"
run "migrate_stats no report option: nothing to do, exit 2" 2 '^$' "nothing to do: give a report" $M $MT
run "migrate_stats --period without --period_*: nothing to do, exit 2" 2 '^$' "nothing to do" $M --period 5 $MT
run "migrate_stats header, no events: a warning, exit 0" 0 '^  total +0 ' "warning: .*h.trace: the trace has a header but no events" sh -c "grep '^#' $MT > $tmp/h.trace; $M --stats $tmp/h.trace"
# --header_version without a '# version' tag: the original went on with
# the other reports (golden header_version-none); alone, there is none.
run "migrate_stats --header_version, no tag, alone: exit 1" 1 '^$' "noversion.txt: no '# version' tag in the trace" $M --header_version $D/mstats/noversion.txt
run "migrate_stats --header_version, no tag, with --stats: a warning" 0 '^DURATION:' "warning: .*: no '# version' tag" $M --header_version --stats $D/mstats/noversion.txt
# A directory: one message, the same in every tool.
for t in migrate_stats migrate_extract timer_stats tmigr_tree; do
	case $t in
	migrate_stats) o=--stats ;;
	migrate_extract) o=--max_field ;;
	*) o= ;;
	esac
	run "$t on a directory: 'DIR: Is a directory', exit 1" 1 '^$' "^$t: $tmp: Is a directory$" $T/$t $o $tmp
done
run "compaction_times -i on a directory not the module's: exit 1" 1 '^$' "^compaction_times: $tmp: Is a directory, and not the module's compaction directory" $T/compaction_times -i $tmp
# Timestamps near 2^64 (the goldens high-*): the --period report ends.
run "migrate_stats --period near 2^64 ends: 2 rows" 0 '^0\.001 ' '^$' sh -c "timeout 10 $M --period 1 --period_all $D/mstats/high.txt | grep -c '^0\.00' | grep -qx 2 && $M --period 1 --period_all $D/mstats/high.txt"
run "migrate_stats --end_sec 1 near 2^64 keeps every event" 0 '^  total +1750 ' '^$' $M --stats --end_sec 1 $D/mstats/high.txt
run "migrate_extract --extract N --max_field: one header item, exit 2" 2 '^$' "more than one header item requested" $E --extract 2 --max_field $S
run "migrate_extract --begin_gmt with hours only" 0 '^02:17:42\.001  0\.00$' '^$' $E --extract 3 --ts_gmt --begin_gmt "2026/11/22 02" $D/mstat/usec.txt
run "migrate_extract --end_loc with a bad month: exit 2" 2 '^$' "--end_loc: '2026/1/22' is not yyyy/mm/dd" $E --extract 2 --end_loc 2026/1/22 $S
# The build, as a new user meets it.
run "make without kernel headers: tools built, the package named, exit 2" 2 - \
	"apt-get install linux-headers-.*|KDIR=" make -C "$TOP" KDIR="$tmp/no-headers"
if command -v rst2man >/dev/null || command -v rst2man.py >/dev/null; then
	man=usr/share/man/man1/migrate_stats.1
else
	man=usr/bin/tmigr_tree	# no rst2man: no man pages
fi
run "make install PREFIX DESTDIR, then uninstall" 0 '^installed$' - sh -c "
	make -s -C '$TOP' install PREFIX=/usr DESTDIR='$tmp/inst' >/dev/null 2>&1 &&
	test -x '$tmp/inst/usr/bin/migrate_stats' && test -s '$tmp/inst/$man' &&
	make -s -C '$TOP' uninstall PREFIX=/usr DESTDIR='$tmp/inst' >/dev/null 2>&1 &&
	test ! -e '$tmp/inst/usr/bin/migrate_stats' && test ! -e '$tmp/inst/$man' && echo installed"
echo "cli: $((n - failed)) passed, $failed failed"
[ $failed = 0 ]
