#!/bin/bash
# Make the expected outputs of the compaction_times golden tests with the
# original script, perf's compaction-times.py, from the recorded NAME.data
# (record.sh).  Needs perf (linux-perf).  Run in this directory.
#
# CASE.args: the data set's name, then the options, one a line.
# CASE.out:  what the original printed on stdout.
# CASE.err:  what it printed on stderr, as "sort | uniq -c" (for cases
#            whose name starts with the data set "missing").
# Cases named x-* are not the original's: they are where compaction_times
# differs on purpose, and their .out is written by hand.
#
# The original takes any argument that starts with "-" for an option, so
# it cannot be given the open range "-N" that the 2026 port (argparse)
# and compaction_times take as a pid range; it gets "0-N", the same range.
#
# Also made here, from the same NAME.data:
# NAME.script.gz      perf script --ns (the default fields, in ns)
# mixed.script-us.gz  perf script (the default, in us)
# NAME.records, NAME.tasks: what the lwtrace module would have written for
#                     the same compactions (see to_module.py)
set -eu
cd "$(dirname "$0")"
S=${COMPACTION_TIMES_PY:-/usr/lib/perf-core/scripts/python/compaction-times.py}
export LC_ALL=C

for a in *.args; do
	c=${a%.args}
	case $c in x-*) continue ;; esac
	mapfile -t args <"$a"
	set=${args[0]}
	opts=()
	for o in "${args[@]:1}"; do
		case $o in -[0-9]*) o=0$o ;; esac
		opts+=("$o")
	done
	perf script -i "$set.data" -s "$S" -- "${opts[@]}" >"$c.out" 2>"$c.stderr" || {
		echo "$c: the original failed:" >&2
		cat "$c.stderr" >&2
		exit 1
	}
	case $c in
	missing*) sort "$c.stderr" | uniq -c >"$c.err" ;;
	*) [ -s "$c.stderr" ] && { echo "$c: unexpected stderr:" >&2; cat "$c.stderr" >&2; exit 1; } ;;
	esac
	rm -f "$c.stderr"
done

for set in three mixed missing; do
	perf script --ns -i "$set.data" 2>/dev/null | gzip -9n >"$set.script.gz"
	gzip -dc "$set.script.gz" | python3 to_module.py "$set"
done
perf script -i mixed.data 2>/dev/null | gzip -9n >mixed.script-us.gz
