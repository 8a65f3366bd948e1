/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The analysis behind migrate_stats: filters, begin/end windows, and the
 * reports (--migrate, --mark, --ps, --consistency, --stats, --summary_pid,
 * --period_*), fed one event at a time in time order (see mtrace.h).
 *
 * The semantics are those of the original Perl migrate_stats 100811a;
 * Documentation/migrate_stats.rst lists where they differ.  Memory grows
 * with tasks and CPUs, never with events.  Errors follow lwt.h.
 */
#ifndef LWT_MIG_H
#define LWT_MIG_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "lwt.h"
#include "mtrace.h"

enum lwt_mig_format { LWT_MIG_TEXT, LWT_MIG_CSV, LWT_MIG_JSON };

struct lwt_mig_strv {
	const char	**v;
	size_t		n, cap;
};

struct lwt_mig_numv {
	long		*v;
	size_t		n, cap;
};

struct lwt_mig_opts {
	/* filters: and'ed; each list is or'ed; include and exclude exclusive */
	struct lwt_mig_strv cause, cause_exc, comm, comm_exc;
	struct lwt_mig_numv cpu_event, cpu_event_exc, cpu_from, cpu_from_exc;
	struct lwt_mig_numv cpu_to, cpu_to_exc, pid, pid_exc;
	/* window */
	bool		has_begin_mark, has_begin_ts, has_begin_sec;
	bool		has_end_mark, has_end_ts, has_end_sec;
	uint64_t	begin_mark, begin_ts, end_mark, end_ts;
	long		begin_sec, end_sec;
	/* reports */
	bool		consistency, mark, mark_decimal, migrate, ps;
	bool		stats, summary_pid;
	long		period_msec;	/* 0: no --period */
	bool		period_all, period_cause, period_cpu, period_cpu_pair;
	bool		period_human;
	long		max_cpu;	/* -1: from "# nr_cpus" */
	bool		ts_abs, ts_date, ts_gmt, ts_loc, ts_rel;
	enum lwt_mig_format format;	/* of --stats, --summary_pid, --period_* */
	FILE		*chrome;	/* --chrome-trace, or NULL */
};

struct lwt_mig;

/**
 * lwt_mig_strv_add() - add a string to a list of an option's values
 * @v: the list
 * @s: the string, not copied
 * @err: the error, if any
 *
 * Return: 0, or -1 with @err set (out of memory).
 */
int lwt_mig_strv_add(struct lwt_mig_strv *v, const char *s, struct lwt_err *err);

/**
 * lwt_mig_numv_add() - add a number to a list of an option's values
 * @v: the list
 * @n: the number
 * @err: the error, if any
 *
 * Return: 0, or -1 with @err set (out of memory).
 */
int lwt_mig_numv_add(struct lwt_mig_numv *v, long n, struct lwt_err *err);

/**
 * lwt_mig_opts_free() - free the value lists of @o
 * @o: the options
 */
void lwt_mig_opts_free(struct lwt_mig_opts *o);

/**
 * lwt_mig_check_opts() - the checks of the options that need no trace
 * @o: the options
 * @err: the error, if any
 *
 * An include and an exclude filter of one item, --period_* without
 * --period, --format csv|json with a report that is text only.
 *
 * Return: 0, or -1 with @err set.
 */
int lwt_mig_check_opts(const struct lwt_mig_opts *o, struct lwt_err *err);

/**
 * lwt_mig_new() - start an analysis
 * @mp: the analysis, set only on success
 * @o: the options, used until lwt_mig_free()
 * @h: the trace's header, used until lwt_mig_free()
 * @out: where the reports go
 * @err: the error, if any
 *
 * Check the --cause names against @h, and write the start of the reports
 * that print as the events come (--period_*).  The reports that print at
 * the end print nothing before lwt_mig_finish(), so an analysis of them
 * may be freed and started again (see LWT_MT_AGAIN in mtrace.h).
 *
 * Return: 0, or -1 with @err set (a --cause the trace does not have, a
 * per-CPU report with no CPU count, out of memory).
 */
int lwt_mig_new(struct lwt_mig **mp, const struct lwt_mig_opts *o,
		const struct lwt_mt_header *h, FILE *out, struct lwt_err *err);

/**
 * lwt_mig_event() - feed one event, in time order
 * @m: the analysis
 * @ev: the event
 * @err: the error, if any
 *
 * Return: 0 to go on, 1 when the window has ended (feed no more), or -1
 * with @err set (out of memory).
 */
int lwt_mig_event(struct lwt_mig *m, const struct lwt_mt_event *ev,
		  struct lwt_err *err);

/**
 * lwt_mig_may_restart() - whether an analysis with @o may start again
 * @o: the options
 *
 * True when every report prints at lwt_mig_finish(), the analysis reads
 * every event (no --end_* window: it would stop before the reader has seen
 * the rest of the input), and no option needs the whole header before the
 * first event (--cause).  Then the reader's single-run read may be used
 * (lwt_mt_reader.may_restart, LWT_MT_AGAIN in mtrace.h).
 *
 * Return: true if so.
 */
bool lwt_mig_may_restart(const struct lwt_mig_opts *o);

/**
 * lwt_mig_finish() - write the end-of-trace reports
 * @m: the analysis, fed its last event
 * @err: the error, if any
 *
 * Return: 0, or -1 with @err set (out of memory).
 */
int lwt_mig_finish(struct lwt_mig *m, struct lwt_err *err);

/**
 * lwt_mig_count() - migrate events counted so far
 * @m: the analysis
 *
 * Return: the migrate events that passed the filters, in the window.
 */
uint64_t lwt_mig_count(const struct lwt_mig *m);

/**
 * lwt_mig_free() - free an analysis
 * @m: the analysis, or NULL
 */
void lwt_mig_free(struct lwt_mig *m);

#endif /* LWT_MIG_H */
