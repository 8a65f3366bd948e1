/* SPDX-License-Identifier: GPL-2.0 */
/*
 * timer_stats reports: how often each timer fired, by who armed it, from
 * where, and with which callback.  Two inputs give the same report:
 *
 *  - the timer_stats file (the module's debugfs file, or /proc/timer_stats
 *    of kernels up to 4.10), format v0.3 or v0.2;
 *  - an ftrace text dump with the timer:timer_start, timer_expire_entry,
 *    hrtimer_start and hrtimer_expire_entry events and a stacktrace
 *    trigger on the two start events, from which the start sites are
 *    found by the rule of <uapi/lwtrace.h> (LWT_TIMER_CORE,
 *    LWT_TIMER_REARM), as the module finds them.
 *
 * A row is what the v0.3 format shows: (deferrable, pid, comm, start
 * site, callback).  Kernel entries (or, in a dump, timers) that show the
 * same are summed into one row.
 *
 * Errors follow lwt.h.  The library counts what the caller should warn
 * about (expiries of timers armed before the trace, armings without a
 * stack trace, lost events) and leaves the words to the caller.
 */
#ifndef LWT_TSTAT_H
#define LWT_TSTAT_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "lwt.h"

/* The start site given to an arming whose stack trace is missing. */
#define LWT_TSTAT_UNKNOWN	"<unknown>"

enum lwt_tstat_input {
	LWT_TSTAT_IN_NONE,	/* nothing read yet */
	LWT_TSTAT_IN_V02,	/* timer_stats v0.2 */
	LWT_TSTAT_IN_V03,	/* timer_stats v0.3 */
	LWT_TSTAT_IN_FTRACE,	/* ftrace text */
};

struct lwt_tstat_row {
	uint64_t	count;		/* expiries */
	long		pid;		/* of the task that armed the timer */
	bool		deferrable;	/* TIMER_DEFERRABLE; never for hrtimers */
	const char	*comm;		/* that task's name */
	const char	*site;		/* start site, as printed (%ps) */
	const char	*callback;	/* the timer's function */
	uint64_t	timers;		/* entries (dump: timers) summed here */
};

/* What an ftrace dump held besides the counts. */
struct lwt_tstat_ftrace {
	uint64_t	events;		/* the four timer events */
	uint64_t	armings;	/* start events */
	uint64_t	no_stack;	/* ... whose stack trace was missing */
	uint64_t	rearms;		/* ... re-armed by the timer core */
	uint64_t	early;		/* expiries of timers armed before the dump */
	uint64_t	lost;		/* "CPU:N [LOST M EVENTS]", summed */
	uint64_t	overwritten;	/* entries-written - entries-in-buffer */
	bool		counter_clock;	/* timestamps are not seconds */
};

struct lwt_tstat_state;

struct lwt_tstat {
	enum lwt_tstat_input	input;
	uint64_t		period_ns;	/* the sample period */
	long			overflow;	/* "Overflow: N entries" */
	bool			active;		/* "Collection: active" */
	struct lwt_tstat_row	*rows;		/* in input order until sorted */
	size_t			nrows, rows_cap;
	struct lwt_tstat_ftrace	ft;
	struct lwt_tstat_state	*st;		/* private */
};

enum lwt_tstat_sort {
	LWT_TSTAT_SORT_COUNT,	/* count, descending (rate gives the same order) */
	LWT_TSTAT_SORT_PID,	/* pid, ascending */
	LWT_TSTAT_SORT_SITE,	/* start site, ascending */
};

enum lwt_tstat_format {
	LWT_TSTAT_TEXT,		/* the timer_stats format of the input */
	LWT_TSTAT_CSV,
	LWT_TSTAT_JSON,
};

/**
 * lwt_tstat_init() - make @t an empty report
 * @t: the report
 */
void lwt_tstat_init(struct lwt_tstat *t);

/**
 * lwt_tstat_free() - free what @t holds
 * @t: the report
 */
void lwt_tstat_free(struct lwt_tstat *t);

/**
 * lwt_tstat_parse_line() - feed one line of input
 * @t: the report
 * @line: the line, with or without its newline
 * @file: the input's name, for errors
 * @lineno: the line's number in @file
 * @err: the error, if any
 *
 * The first line that is not blank decides the kind of input: "Timer
 * Stats Version: " begins a timer_stats file, anything else is taken as
 * ftrace text.  In ftrace text, lines that are not timer events, stack
 * traces or LOST markers are skipped.
 *
 * Return: 0, or -1 with @err set: a malformed line, an unknown version,
 * text after a timer_stats file's total line.
 */
int lwt_tstat_parse_line(struct lwt_tstat *t, const char *line,
			 const char *file, unsigned long lineno,
			 struct lwt_err *err);

/**
 * lwt_tstat_finish() - end the input
 * @t: the report
 * @file: the input's name, for errors
 * @lineno: the number of its last line
 * @err: the error, if any
 *
 * Attribute the armings still waiting for a stack trace, and check that
 * the input was whole.
 *
 * Return: 0, or -1 with @err set: empty input, a timer_stats file without
 * its total line or whose total or rate disagrees with its entries, ftrace
 * text without a single timer event.
 */
int lwt_tstat_finish(struct lwt_tstat *t, const char *file,
		     unsigned long lineno, struct lwt_err *err);

/**
 * lwt_tstat_read() - parse a whole stream, then finish
 * @t: the report, from lwt_tstat_init()
 * @in: the text
 * @file: its name, for errors
 * @err: the error, if any
 *
 * Return: 0, or -1 with @err set (see the two functions above, and read
 * errors).
 */
int lwt_tstat_read(struct lwt_tstat *t, FILE *in, const char *file,
		   struct lwt_err *err);

/**
 * lwt_tstat_filter() - keep only some rows
 * @t: the report, finished
 * @pid: keep rows of this pid, or -1 for any
 * @comm: keep rows whose comm matches, or NULL for any
 */
void lwt_tstat_filter(struct lwt_tstat *t, long pid, const regex_t *comm);

/**
 * lwt_tstat_sort() - order the rows
 * @t: the report, finished
 * @by: the key; ties fall to count (descending), pid, comm, site,
 *	callback, then deferrable last, so the order is total
 */
void lwt_tstat_sort(struct lwt_tstat *t, enum lwt_tstat_sort by);

/**
 * lwt_tstat_total() - the sum of the rows' counts
 * @t: the report
 *
 * Return: the total.
 */
uint64_t lwt_tstat_total(const struct lwt_tstat *t);

/**
 * lwt_tstat_write() - write the report
 * @out: where to write
 * @t: the report, finished
 * @fmt: the format
 * @top: write at most this many rows, 0 for all
 *
 * Text is the timer_stats format, byte for byte as the kernel prints it:
 * v0.2 for a v0.2 input, v0.3 otherwise.  The total counts every row,
 * not only the first @top.  CSV has one header line; JSON is one object.
 */
void lwt_tstat_write(FILE *out, const struct lwt_tstat *t,
		     enum lwt_tstat_format fmt, size_t top);

#endif /* LWT_TSTAT_H */
