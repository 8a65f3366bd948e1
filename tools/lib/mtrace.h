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
 * Nothing here exits; errors are reported as "file:line: why" in r->err.
 */
#ifndef LWT_MTRACE_H
#define LWT_MTRACE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define MT_LOC_LIMIT	256	/* location numbers are 1..255 */
#define MT_CPU_LIMIT	8192	/* CPU numbers are 0..8191 */
#define MT_LINE_MAX	4096	/* longest line accepted */
#define MT_RUNS_MAX	4096	/* ordered runs merged at most */

enum mt_kind {
	MT_EV_START,		/* ". . . start_sched_clock SEC USEC" */
	MT_EV_MIGRATE,		/* "FROM TO PID CAUSE" */
	MT_EV_COMM,		/* ". . PID LOC : COMM" */
	MT_EV_MARK,		/* ". . PID LOC 0xMARK" */
};

/*
 * What the header says a location number is.  The header gives the numbers;
 * the names are those of <uapi/lwtrace.h> (LWT_LOC_*_NAME).
 */
enum mt_loc_kind {
	MT_LOC_NONE,		/* not in the header */
	MT_LOC_CAUSE,		/* "# cause N name" */
	MT_LOC_COPY_PROCESS,	/* "# loc N copy_process" */
	MT_LOC_SET_TASK_COMM,
	MT_LOC_TASK_LIST,
	MT_LOC_MARK,
	MT_LOC_OTHER,		/* a "# loc" of no known name */
};

struct mt_event {
	uint64_t	ts;
	enum mt_kind	kind;
	unsigned int	cpu;		/* CPU the event was recorded on */
	unsigned int	from, to;	/* MT_EV_MIGRATE */
	unsigned int	pid;		/* all but MT_EV_START */
	unsigned int	loc;		/* all but MT_EV_START */
	long long	sec, usec;	/* MT_EV_START: gettimeofday() */
	uint64_t	mark;		/* MT_EV_MARK */
	const char	*mark_tok;	/* MT_EV_MARK: the mark as written */
	const char	*comm;		/* MT_EV_COMM */
	/* Where the event is; valid until the next mt_next(). */
	const char	*file;
	unsigned long	line;
};

struct mt_header {
	bool		has_version;
	char		version[32];
	long		nr_cpus;		/* -1: no tag */
	long long	dropped;		/* "# dropped N", summed; -1: no tag */
	char		*name[MT_LOC_LIMIT];	/* of "# cause N" and "# loc N" */
	enum mt_loc_kind kind[MT_LOC_LIMIT];
};

struct mt_src;
struct mt_cursor;

/* Called about every MiB: phase "scan" (total 0 if unknown), then "merge". */
typedef void (*mt_progress_fn)(void *ctx, const char *phase, uint64_t done,
			       uint64_t total);

struct mt_reader {
	struct mt_header hdr;
	uint64_t	bytes;		/* input size */
	size_t		nruns;
	unsigned long	nlines;		/* data lines */
	mt_progress_fn	progress;	/* set before mt_open(), or NULL */
	void		*progress_ctx;
	char		err[600];
	/* private */
	struct mt_src	*src;
	int		nsrc;
	struct mt_cursor *cur;		/* one per run */
	struct mt_cursor **heap;
	size_t		nheap;
	struct mt_cursor *last;		/* popped by the last mt_next() */
	uint64_t	done, next_report;
};

/*
 * mt_open() - scan @nfiles inputs ("-" is stdin; none means stdin) as one
 * trace: read the header, find the ordered runs.  Return 0, or -1 with
 * r->err set.  Call mt_close() in both cases.
 */
int mt_open(struct mt_reader *r, const char *const *files, int nfiles);

/* mt_open() on file descriptors; @names name them in errors. */
int mt_open_fds(struct mt_reader *r, const int *fds, const char *const *names,
		int n);

/*
 * mt_next() - the next event in time order.  Return 1 with *@ev filled, 0
 * at the end, or -1 with r->err set.
 */
int mt_next(struct mt_reader *r, struct mt_event *ev);

void mt_close(struct mt_reader *r);

/* Parse one header line ("# tag ..."); -1 with @why set if it is bad. */
int mt_header_line(struct mt_header *h, const char *line, char *why,
		   size_t whysz);

/*
 * Parse one NUL-terminated data line, which it modifies (the comm and the
 * mark token point into it).  Return 0, or -1 with @why set.
 */
int mt_parse_line(const struct mt_header *h, char *line, struct mt_event *ev,
		  char *why, size_t whysz);

void mt_header_free(struct mt_header *h);

#endif /* LWT_MTRACE_H */
