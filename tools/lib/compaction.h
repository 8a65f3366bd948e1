/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Time spent in memory compaction: the report of perf's compaction-times
 * script (tools/perf/scripts/python/compaction-times.py), rebuilt in C.
 *
 * Inputs, told apart by their first lines, not their names:
 *  - ftrace text (tracefs "trace" or "trace_pipe") of the compaction events;
 *  - "perf script" text of the same events, as perf prints it by default
 *    (with or without --ns, pid/tid, [cpu]);
 *  - the lwtrace module's compaction/records (one line per compaction)
 *    and compaction/tasks (one line per task) files, <uapi/lwtrace.h>.
 *
 * From trace events, a compaction is matched the way the original does it
 * (struct lwt_ct_task): a begin opens one for its task, the task's
 * migratepages and isolate events add to it, its end closes it; an event
 * of a task with none open is "missing start compaction event for pid N",
 * written to the caller's warning sink word for word as the original
 * writes it to stderr.  Tasks are kept in the order of their first begin,
 * and the filter is asked once per task, with the comm of that begin.
 *
 * Memory grows with the number of tasks; with LWT_CT_PROC_VERBOSE, also
 * with the number of compactions, which -pv prints one by one.
 *
 * Errors follow lwt.h.
 */
#ifndef LWT_COMPACTION_H
#define LWT_COMPACTION_H

#include <regex.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "lwt.h"

/* What the text report shows after the time: the original's topt bits. */
enum lwt_ct_disp {
	LWT_CT_DISP_TIME	= 0,	/* -t: the time only */
	LWT_CT_DISP_MIG		= 1,	/* -m: migration: moved= failed= */
	LWT_CT_DISP_ISOLFREE	= 2,	/* -fs: free_scanner: scanned= isolated= */
	LWT_CT_DISP_ISOLMIG	= 4,	/* -ms: migration_scanner: ... */
	LWT_CT_DISP_ALL		= 7,	/* the default */
};

/* Which lines the report has: the original's popt values. */
enum lwt_ct_proc {
	LWT_CT_PROC_DFL,		/* the total only */
	LWT_CT_PROC,			/* -p: and one line per task */
	LWT_CT_PROC_VERBOSE,		/* -pv: and one per compaction */
};

enum lwt_ct_kind {
	LWT_CT_UNKNOWN,			/* nothing decisive read yet */
	LWT_CT_FTRACE,
	LWT_CT_PERF,
	LWT_CT_RECORDS,
	LWT_CT_TASKS,
};

enum lwt_ct_evtype {
	LWT_CT_EV_BEGIN,		/* mm_compaction_begin */
	LWT_CT_EV_END,			/* mm_compaction_end */
	LWT_CT_EV_MIGRATE,		/* mm_compaction_migratepages */
	LWT_CT_EV_ISOL_FREE,		/* mm_compaction_isolate_freepages */
	LWT_CT_EV_ISOL_MIG,		/* mm_compaction_isolate_migratepages */
	LWT_CT_EV_FAST_ISOL_FREE,	/* mm_compaction_fast_isolate_freepages */
};

/* The counts of one compaction, or of several added up. */
struct lwt_ct_counts {
	int64_t		stall_ns;	/* end - begin; may be < 0 across CPUs */
	uint64_t	compactions;
	uint64_t	moved, failed;			/* migratepages */
	uint64_t	fs_scanned, fs_isolated;	/* isolate_freepages */
	uint64_t	ms_scanned, ms_isolated;	/* isolate_migratepages */
	uint64_t	ff_scanned, ff_isolated;	/* fast_isolate_freepages */
};

/* One compaction, as -pv prints it. */
struct lwt_ct_comp {
	uint64_t		begin_ns, end_ns;
	unsigned long		seq;		/* input order, to sort stably */
	struct lwt_ct_counts	c;
};

struct lwt_ct_task {
	long			pid;		/* the kernel's pid: a thread id */
	char			*comm;		/* at its first begin */
	bool			filtered;	/* left out by the filter */
	bool			pending;	/* a compaction is open */
	struct lwt_ct_comp	cur;		/* the open compaction */
	struct lwt_ct_counts	sum;		/* its ended compactions */
	struct lwt_ct_comp	*comps;		/* LWT_CT_PROC_VERBOSE only */
	size_t			ncomps, comps_cap;
	uint64_t		first_begin;	/* records: the earliest begin_ns */
	unsigned long		first_seq;	/* records: and its line's order */
};

/* The positional filter: pid, pid range, or comm regex. */
struct lwt_ct_filter {
	enum { LWT_CT_FILTER_NONE, LWT_CT_FILTER_PID, LWT_CT_FILTER_COMM } kind;
	unsigned long long	low, high;	/* high 0: no upper bound */
	regex_t			re;
};

/* One trace event, as read from a line. */
struct lwt_ct_event {
	enum lwt_ct_evtype	type;
	long			pid;
	char			comm[64];
	uint64_t		ts_ns;
	int			ts_digits;	/* its decimals; -1 for none */
	uint64_t		a, b;		/* moved/failed or scanned/taken */
};

/* Columns of the module's files, found by name in "# fields". */
enum lwt_ct_col {
	LWT_CT_COL_BEGIN_NS, LWT_CT_COL_END_NS, LWT_CT_COL_PID,
	LWT_CT_COL_COMPACTIONS, LWT_CT_COL_STALL_NS,
	LWT_CT_COL_MOVED, LWT_CT_COL_FAILED,
	LWT_CT_COL_FS_SCANNED, LWT_CT_COL_FS_ISOLATED,
	LWT_CT_COL_MS_SCANNED, LWT_CT_COL_MS_ISOLATED,
	LWT_CT_COL_FF_SCANNED, LWT_CT_COL_FF_ISOLATED,
	LWT_CT_NCOLS,
};

/* What an input said, or showed, about its own completeness. */
struct lwt_ct_loss {
	/* the module's header tags, -1 where absent */
	long long	dropped, unmatched, pending, table_full;
	/* counted in trace input */
	unsigned long	missing_begin;	/* events with no open compaction */
	unsigned long	open_at_end;	/* compactions begun, never ended */
	unsigned long long lost;	/* ftrace "[LOST N EVENTS]" */
	unsigned long long overwritten;	/* ftrace entries-written - in-buffer */
	unsigned long	buffer_started;	/* ftrace "##### CPU N buffer started" */
};

struct lwt_ct {
	enum lwt_ct_proc	proc;
	const struct lwt_ct_filter *filter;	/* NULL: none */
	FILE			*warn;		/* missing-start lines, or NULL */

	enum lwt_ct_kind	kind;
	struct lwt_ct_task	**tasks;	/* in order of first begin */
	size_t			ntasks, tasks_cap;
	long			*hash;		/* pid -> index in tasks, or -1 */
	size_t			hash_size;
	struct lwt_ct_counts	total;
	bool			finished;

	unsigned long		nevents;	/* compaction events or rows read */
	unsigned long		nlines;		/* lines read */
	int			ts_digits;	/* fewest timestamp decimals seen */
	bool			ts_raw;		/* a timestamp without decimals */
	bool			ff_counted;	/* ff_* known: a column or an event */
	struct lwt_ct_loss	loss;

	/* module files */
	bool			module;		/* "# version" or "# fields" read */
	bool			has_version;
	char			clock[32];
	int			col[LWT_CT_NCOLS];	/* index in a row, or -1 */
	size_t			ncols;		/* columns before the comm */
	unsigned long		seq;
};

/**
 * lwt_ct_set_type() - add a display option the way the original does
 * @disp: the display bits, LWT_CT_DISP_ALL at first
 * @t: the option's bit (LWT_CT_DISP_TIME is 0)
 *
 * The original's set_type(): the first of -t, -m, -fs, -ms replaces "all";
 * each later one is or'ed in.  Once the bits are all set again, the next
 * one replaces them again.
 */
void lwt_ct_set_type(unsigned int *disp, unsigned int t);

/**
 * lwt_ct_round_us() - nanoseconds to microseconds as the original's -u
 * @ns: the time
 *
 * Python's round(ns, -3) / 1000: to the nearest microsecond, a half to
 * the even one.
 *
 * Return: the microseconds.
 */
int64_t lwt_ct_round_us(int64_t ns);

/**
 * lwt_ct_filter_init() - parse the pid|pid-range|comm-regex argument
 * @f: the filter
 * @arg: the argument, or NULL for no filter
 * @err: the error, if any
 *
 * "N" is pid N ("0" lets every pid through, as in the original), "N-M" a
 * range, "-M" and "N-" open ranges; anything else a POSIX extended regular
 * expression, searched for in the comm, in which \d and \D mean what they
 * mean in Python.  A comm passes if the first match is not empty.
 *
 * Return: 0, or -1 with @err set to "invalid regex 'ARG': why".
 */
int lwt_ct_filter_init(struct lwt_ct_filter *f, const char *arg,
		       struct lwt_err *err);

/**
 * lwt_ct_filter_skip() - whether a task is left out
 * @f: the filter, or NULL
 * @pid: the task's pid
 * @comm: its comm
 *
 * Return: true to leave the task out of every line of the report.
 */
bool lwt_ct_filter_skip(const struct lwt_ct_filter *f, long pid,
			const char *comm);

/**
 * lwt_ct_filter_free() - free what lwt_ct_filter_init() made
 * @f: the filter
 */
void lwt_ct_filter_free(struct lwt_ct_filter *f);

/**
 * lwt_ct_init() - make @ct empty
 * @ct: the state
 * @proc: which lines the report will have
 * @filter: the filter, kept by reference, or NULL
 * @warn: where "missing start compaction event for pid N" lines go, or NULL
 */
void lwt_ct_init(struct lwt_ct *ct, enum lwt_ct_proc proc,
		 const struct lwt_ct_filter *filter, FILE *warn);

/**
 * lwt_ct_free() - free what @ct holds
 * @ct: the state
 */
void lwt_ct_free(struct lwt_ct *ct);

/**
 * lwt_ct_event() - apply one trace event, as the original's handlers do
 * @ct: the state
 * @ev: the event
 * @err: the error, if any
 *
 * Return: 0, or -1 with @err set (out of memory).
 */
int lwt_ct_event(struct lwt_ct *ct, const struct lwt_ct_event *ev,
		 struct lwt_err *err);

/**
 * lwt_ct_parse_ftrace() - read an ftrace text line
 * @line: the line, without its newline
 * @ev: the event, set when 1 is returned
 * @file: the input's name, for errors
 * @lineno: the line's number in @file
 * @err: the error, if any
 *
 * "COMM-PID [(TGID)] [CPU] [FLAGS] SECS.USECS: EVENT: ARGS", COMM as wide
 * as it is, spaces and dashes included.
 *
 * Return: 1 for a compaction event this report counts, 0 for any other
 * line, -1 with @err set for a compaction event that cannot be read.
 */
int lwt_ct_parse_ftrace(const char *line, struct lwt_ct_event *ev,
			const char *file, unsigned long lineno,
			struct lwt_err *err);

/**
 * lwt_ct_parse_perf() - read a "perf script" text line
 * @line: the line, without its newline
 * @ev: the event, set when 1 is returned
 * @file: the input's name, for errors
 * @lineno: the line's number in @file
 * @err: the error, if any
 *
 * "COMM [PID/]TID [[CPU]] SECS.FRACTION: compaction:EVENT: ARGS".
 *
 * Return: as lwt_ct_parse_ftrace().
 */
int lwt_ct_parse_perf(const char *line, struct lwt_ct_event *ev,
		      const char *file, unsigned long lineno,
		      struct lwt_err *err);

/**
 * lwt_ct_parse_line() - feed one line of input
 * @ct: the state
 * @line: the line; a trailing newline is ignored
 * @file: the input's name, for errors
 * @lineno: the line's number in @file
 * @err: the error, if any
 *
 * The first decisive line sets @ct->kind: "# tracer:" or an ftrace event
 * line, a perf script line, or "# version" of a module file, whose
 * "# fields" line tells records from tasks.  Blank lines, and comment
 * lines before that, are skipped.
 *
 * Return: 0, or -1 with @err set: "file:line: why".
 */
int lwt_ct_parse_line(struct lwt_ct *ct, const char *line, const char *file,
		      unsigned long lineno, struct lwt_err *err);

/**
 * lwt_ct_parse_stream() - feed a whole stream, line by line
 * @ct: the state
 * @in: the text
 * @file: its name, for errors
 * @err: the error, if any
 *
 * Return: 0, or -1 with @err set, at the first bad line.
 */
int lwt_ct_parse_stream(struct lwt_ct *ct, FILE *in, const char *file,
			struct lwt_err *err);

/**
 * lwt_ct_finish() - end the input
 * @ct: the state
 * @err: the error, if any
 *
 * Count the compactions left open.  For a records file, order the tasks
 * by their earliest begin and each task's compactions by begin, ask the
 * filter, and add up the total, so that the report is the one the
 * original makes of the same events.
 *
 * Return: 0, or -1 with @err set (out of memory).
 */
int lwt_ct_finish(struct lwt_ct *ct, struct lwt_err *err);

/**
 * lwt_ct_kind_name() - what an input kind is called in messages and JSON
 * @kind: the kind
 *
 * Return: "ftrace", "perf script", "records", "tasks" or "unknown".
 */
const char *lwt_ct_kind_name(enum lwt_ct_kind kind);

/**
 * lwt_ct_print_text() - write the original's report
 * @out: where to write
 * @ct: the finished state
 * @disp: the display bits
 * @us: -u: microseconds, not nanoseconds
 *
 * "total: ...", then with -p "PID[COMM]: ..." per task, then with -pv
 * "PID[COMM].N: ..." per compaction; the ff_* counts are not shown, as
 * the original does not count them.
 */
void lwt_ct_print_text(FILE *out, const struct lwt_ct *ct, unsigned int disp,
		       bool us);

/**
 * lwt_ct_print_csv() - write the report as one CSV table
 * @out: where to write
 * @ct: the finished state
 *
 * A header row, then a "total" row, "task" rows with -p, and after each
 * of them its "compaction" rows with -pv.  Times are in nanoseconds; the
 * ff_* fields are empty when the input cannot tell them.
 */
void lwt_ct_print_csv(FILE *out, const struct lwt_ct *ct);

/**
 * lwt_ct_print_json() - write the report as one JSON object
 * @out: where to write
 * @ct: the finished state
 *
 * Keys "source", "clock", "ts_resolution_ns", "ff_counted", "loss",
 * "total", and with -p "tasks" (each with "compactions_list" with -pv).
 */
void lwt_ct_print_json(FILE *out, const struct lwt_ct *ct);

#endif /* LWT_COMPACTION_H */
