/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reader of migration_trace/trace text files: the header tags, then the
 * events in timestamp order.
 *
 * A trace read straight from the module is in time order.  A raw dump of
 * the original facility is not: it holds each CPU's events in turn, every
 * CPU's stream in order.  The reader makes one pass over the input to find
 * its ordered runs (one per CPU in a raw dump, one for a sorted file) and
 * the header, then merges the runs with a heap, each run read through its
 * own small buffer.  Memory is bounded by the number of runs, never by the
 * number of events.  Input that is not a regular file (a pipe) is first
 * spooled to an unlinked temporary file.
 *
 * The merge order is that of "LC_ALL=C sort": by timestamp, then by the
 * bytes of the line, so the result is the same as sorting first.
 *
 * The reader's user may let it skip pass 1 (@may_restart): a single
 * regular file whose data looks like one ordered run, as a trace read
 * from the module is, is then read once, each line checked against the
 * last.  If the file turns out not to be one run (a line out of order, or
 * a header line after the data), lwt_mt_next() falls back to the two
 * passes and returns LWT_MT_AGAIN: the events start again from the first.
 *
 * On more than one CPU the merge runs in a second thread, started by
 * lwt_mt_open() and joined by lwt_mt_close(), which hands the merged lines
 * to lwt_mt_next() in chunks; the caller's thread parses them.  The
 * environment variable LWT_ONE_THREAD keeps it all in the caller's thread.
 *
 * Errors follow lwt.h: "file:line: why" in the caller's struct lwt_err.
 */
#ifndef LWT_MTRACE_H
#define LWT_MTRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include "lwt.h"

#define LWT_MT_LOC_LIMIT	256	/* location numbers are 1..255 */
#define LWT_MT_CPU_LIMIT	8192	/* CPU numbers are 0..8191 */
#define LWT_MT_LINE_MAX		4096	/* longest line accepted */
#define LWT_MT_RUNS_MAX		4096	/* ordered runs merged at most */

enum lwt_mt_kind {
	LWT_MT_EV_START,		/* ". . . start_sched_clock SEC USEC" */
	LWT_MT_EV_MIGRATE,		/* "FROM TO PID CAUSE" */
	LWT_MT_EV_COMM,			/* ". . PID LOC : COMM" */
	LWT_MT_EV_MARK,			/* ". . PID LOC 0xMARK" */
};

/*
 * What the header says a location number is.  The header gives the numbers;
 * the names are those of <uapi/lwtrace.h> (LWT_LOC_*_NAME).
 */
enum lwt_mt_loc_kind {
	LWT_MT_LOC_NONE,		/* not in the header */
	LWT_MT_LOC_CAUSE,		/* "# cause N name" */
	LWT_MT_LOC_COPY_PROCESS,	/* "# loc N copy_process" */
	LWT_MT_LOC_SET_TASK_COMM,
	LWT_MT_LOC_TASK_LIST,
	LWT_MT_LOC_MARK,
	LWT_MT_LOC_OTHER,		/* a "# loc" of no known name */
};

struct lwt_mt_event {
	uint64_t	ts;
	enum lwt_mt_kind kind;
	unsigned int	cpu;		/* CPU the event was recorded on */
	unsigned int	from, to;	/* LWT_MT_EV_MIGRATE */
	unsigned int	pid;		/* all but LWT_MT_EV_START */
	unsigned int	loc;		/* all but LWT_MT_EV_START */
	long long	sec, usec;	/* LWT_MT_EV_START: gettimeofday() */
	uint64_t	mark;		/* LWT_MT_EV_MARK */
	const char	*mark_tok;	/* LWT_MT_EV_MARK: the mark as written */
	const char	*comm;		/* LWT_MT_EV_COMM */
	/* Where the event is; valid until the next lwt_mt_next(). */
	const char	*file;
	unsigned long	line;
};

struct lwt_mt_header {
	bool		has_version;
	char		version[32];
	long		nr_cpus;		/* -1: no tag */
	long long	dropped;		/* "# dropped N", summed; -1: no tag */
	char		*name[LWT_MT_LOC_LIMIT]; /* of "# cause N" and "# loc N" */
	enum lwt_mt_loc_kind kind[LWT_MT_LOC_LIMIT];
};

struct lwt_mt_src;
struct lwt_mt_cursor;
struct lwt_mt_pipe;

/* Called about every MiB: phase "scan" (total 0 if unknown), then "merge". */
typedef void (*lwt_mt_progress_fn)(void *ctx, const char *phase, uint64_t done,
				   uint64_t total);

/* lwt_mt_next(): the events start again, see lwt_mt_reader.may_restart. */
#define LWT_MT_AGAIN	2

struct lwt_mt_reader {
	struct lwt_mt_header hdr;	/* while @streaming, the leading lines' */
	uint64_t	bytes;		/* input size */
	size_t		nruns;
	unsigned long	nlines;		/* data lines (1 while @streaming) */
	bool		streaming;	/* reading one run, without pass 1 */
	unsigned int	restarts;	/* LWT_MT_AGAIN returned */
	/* Set before lwt_mt_open(): */
	lwt_mt_progress_fn progress;	/* or NULL */
	void		*progress_ctx;
	bool		may_restart;	/* the caller handles LWT_MT_AGAIN */
	/* private */
	struct lwt_mt_src *src;
	int		nsrc;
	struct lwt_mt_cursor *cur;	/* one per run */
	struct lwt_mt_cursor **heap;
	size_t		nheap;
	struct lwt_mt_cursor *last;	/* popped by the last lwt_mt_next() */
	struct lwt_mt_pipe *pipe;	/* the merge thread, or NULL */
	uint64_t	done, next_report;
};

/**
 * lwt_mt_open() - open files as one trace
 * @r: the reader; only its progress fields and @may_restart may be set first
 * @files: the files' names; "-" is stdin
 * @nfiles: how many; none means stdin
 * @err: the error, if any
 *
 * Scan the inputs: read the header, find the ordered runs, check each
 * line's timestamp.  A pipe is copied to an unlinked temporary file first.
 * With @r->may_restart, a file that looks like one run is read only up to
 * its first data line here (@r->streaming).
 *
 * Return: 0, or -1 with @err set.  Call lwt_mt_close() in both cases.
 */
int lwt_mt_open(struct lwt_mt_reader *r, const char *const *files, int nfiles,
		struct lwt_err *err);

/**
 * lwt_mt_open_fds() - lwt_mt_open() on open files
 * @r: the reader; only its progress fields and @may_restart may be set first
 * @fds: the files, read from where they are; not closed by the reader
 * @names: their names, for errors
 * @n: how many
 * @err: the error, if any
 *
 * Return: 0, or -1 with @err set.  Call lwt_mt_close() in both cases.
 */
int lwt_mt_open_fds(struct lwt_mt_reader *r, const int *fds,
		    const char *const *names, int n, struct lwt_err *err);

/**
 * lwt_mt_next() - the next event in time order
 * @r: an open reader
 * @ev: the event; its strings are valid until the next call
 * @err: the error, if any
 *
 * Return: 1 with *@ev filled, 0 at the end of the trace, -1 with @err
 * set ("file:line: why" of the bad line), or, if @r->may_restart is set,
 * LWT_MT_AGAIN: the single-run read found the input is not one run, and
 * the next call gives the first event again, with @r->hdr now the whole
 * header.  The caller forgets what it made of the events so far.
 */
int lwt_mt_next(struct lwt_mt_reader *r, struct lwt_mt_event *ev,
		struct lwt_err *err);

/**
 * lwt_mt_close() - close the files the reader opened, free what it holds
 * @r: the reader, open or not
 */
void lwt_mt_close(struct lwt_mt_reader *r);

/**
 * lwt_mt_header_line() - read one header line into a header
 * @h: the header so far; start from { .nr_cpus = -1, .dropped = -1 }
 * @line: "# tag ...", NUL-terminated
 * @file: the name of the file the line is from, or NULL
 * @lineno: the line's number in @file
 * @err: the error, if any
 *
 * Tags the reader does not know are ignored, as are comments.
 *
 * Return: 0, or -1 with @err set ("file:line: why", or "why" if @file is
 * NULL).
 */
int lwt_mt_header_line(struct lwt_mt_header *h, const char *line,
		       const char *file, unsigned long lineno,
		       struct lwt_err *err);

/**
 * lwt_mt_parse_line() - parse one data line
 * @h: the trace's header, which names the causes and locations
 * @line: the line, NUL-terminated; modified, and the comm and the mark
 *        token of *@ev point into it
 * @ev: the event
 * @file: the name of the file the line is from, or NULL
 * @lineno: the line's number in @file
 * @err: the error, if any
 *
 * Return: 0, or -1 with @err set ("file:line: why", or "why" if @file is
 * NULL).
 */
int lwt_mt_parse_line(const struct lwt_mt_header *h, char *line,
		      struct lwt_mt_event *ev, const char *file,
		      unsigned long lineno, struct lwt_err *err);

/**
 * lwt_mt_header_free() - free the names a header holds, and clear it
 * @h: the header
 */
void lwt_mt_header_free(struct lwt_mt_header *h);

#endif /* LWT_MTRACE_H */
