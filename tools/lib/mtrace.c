// SPDX-License-Identifier: GPL-2.0
/*
 * migration_trace/trace reader: header, ordered runs, k-way merge.
 * See mtrace.h for the method.
 */
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uapi/lwtrace.h>
#include "mtrace.h"
#include "opt.h"
#include "util.h"

#define SCAN_BUF	(1u << 20)
#define MERGE_BUDGET	(32u << 20)	/* all run buffers together */
#define RUN_BUF_MAX	(1u << 20)
#define RUN_BUF_MIN	(2 * LWT_MT_LINE_MAX)
#define REPORT_EVERY	(1u << 20)

struct lwt_mt_src {
	const char	*name;
	int		fd;
	bool		own_fd;		/* opened or spooled here */
	uint64_t	size;
};

struct lwt_mt_run {
	int		src;
	off_t		start, end;
	unsigned long	line;		/* lines before start */
};

struct lwt_mt_cursor {
	struct lwt_mt_src *src;
	size_t		idx;		/* run number: file order, for ties */
	off_t		off, end;	/* next byte to read; end of the run */
	unsigned long	line;		/* number of the current line */
	char		*buf;
	size_t		cap, pos, len;
	char		*l;		/* current data line, NUL-terminated */
	size_t		llen;
	const char	*rest;		/* after the timestamp, in buf */
	size_t		rlen;		/* of rest */
	uint64_t	ts;
	/* Streaming (see stream_open()): the last line, to check the order. */
	bool		seen;		/* l and ts hold the last line */
	char		*prev;		/* l's copy when the buffer moves */
};

static int bad(char *why, size_t n, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static int bad(char *why, size_t n, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(why, n, fmt, ap);
	va_end(ap);
	return -1;
}

/* ---- tokens ---- */

static inline bool is_ws(char c)
{
	return c == ' ' || c == '\t';
}

static inline bool is_end(char c)
{
	return c == ' ' || c == '\t' || c == '\0' || c == '\n';
}

static inline const char *skip_ws(const char *s)
{
	while (is_ws(*s))
		s++;
	return s;
}

/* Where a line [@s, @e) starts, past blanks and CRs: @e if it is blank. */
static inline const char *line_start(const char *s, const char *e)
{
	while (s < e && (is_ws(*s) || *s == '\r'))
		s++;
	return s;
}

/* Value of a hex digit, or 0xff. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
static const uint8_t hexval[256] = {
	[0 ... 255] = 0xff,
	['0'] = 0, 1, 2, 3, 4, 5, 6, 7, 8, 9,
	['a'] = 10, 11, 12, 13, 14, 15,
	['A'] = 10, 11, 12, 13, 14, 15,
};
#pragma GCC diagnostic pop

/* A hex token, "0x" optional, at most 16 digits.  Advances *sp past it. */
static inline int tok_hex(const char **sp, uint64_t *v)
{
	const unsigned char *s = (const unsigned char *)skip_ws(*sp), *b;
	uint64_t x = 0;
	unsigned int d;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		s += 2;
	for (b = s; (d = hexval[*s]) != 0xff; s++)
		x = x << 4 | d;
	if (s == b || s - b > 16 || !is_end(*s))
		return -1;
	*v = x;
	*sp = (const char *)s;
	return 0;
}

/*
 * Eight hex digits (0-9, a-f) as loaded little-endian from the text, or
 * -1 if one is not: no loop, no table.  Bytes >= 0x80 are refused first,
 * so the per-byte additions cannot carry.
 */
static inline int64_t swar_hex8(uint64_t x)
{
	const uint64_t one = 0x0101010101010101ULL, high = one * 0x80;
	uint64_t digit, alpha, v;

	if (x & high)
		return -1;
	digit = (x + one * (0x80 - '0')) & ~(x + one * (0x80 - '9' - 1)) & high;
	alpha = (x + one * (0x80 - 'a')) & ~(x + one * (0x80 - 'f' - 1)) & high;
	if ((digit | alpha) != high)
		return -1;
	v = (x & one * 0x0f) + (alpha >> 7) * 9;
	v = (v & 0x000f000f000f000fULL) << 4 | (v >> 8 & 0x000f000f000f000fULL);
	v = (v & 0x000000ff000000ffULL) << 8 | (v >> 16 & 0x000000ff000000ffULL);
	return (int64_t)((v & 0xffff) << 16 | (v >> 32 & 0xffff));
}

/*
 * tok_hex() for text in a buffer with at least BUF_PAD readable bytes
 * after the line: the module's "0x%016llx" in a few instructions.
 */
#define BUF_PAD 32
static inline int tok_hex_buf(const char **sp, uint64_t *v)
{
	const char *s = *sp;

	if (s[0] == '0' && s[1] == 'x' && is_end(s[18])) {
		uint64_t a, b;
		int64_t hi, lo;

		memcpy(&a, s + 2, 8);
		memcpy(&b, s + 10, 8);
		hi = swar_hex8(a);
		lo = swar_hex8(b);
		if ((hi | lo) >= 0) {
			*v = (uint64_t)hi << 32 | (uint64_t)lo;
			*sp = s + 18;
			return 0;
		}
	}
	return tok_hex(sp, v);
}

/* An unsigned decimal token no greater than @max. */
static inline int tok_u(const char **sp, uint64_t max, uint64_t *v)
{
	const char *s = skip_ws(*sp), *b = s;
	uint64_t x = 0;
	unsigned int d;

	for (; (d = (unsigned int)(*s - '0')) < 10 && s - b < 19; s++)
		x = x * 10 + d;
	if (s == b || x > max || !is_end(*s))
		return -1;
	*v = x;
	*sp = s;
	return 0;
}

static int tok_s(const char **sp, long long *v)
{
	const char *s = skip_ws(*sp);
	bool neg = *s == '-';
	uint64_t x;

	if (neg)
		s++;
	if (tok_u(&s, (uint64_t)INT64_MAX, &x))
		return -1;
	*v = neg ? -(long long)x : (long long)x;
	*sp = s;
	return 0;
}

/* The token @lit, whole. */
static inline int tok_lit(const char **sp, const char *lit)
{
	const char *s = skip_ws(*sp);
	size_t n;

	if (lit[1] == '\0') {		/* the common "." */
		if (s[0] != lit[0] || !is_end(s[1]))
			return -1;
		*sp = s + 1;
		return 0;
	}
	n = strlen(lit);
	if (strncmp(s, lit, n) || !is_end(s[n]))
		return -1;
	*sp = s + n;
	return 0;
}

/* Copy the next token into @buf; return its length, or -1 if too long. */
static int tok_copy(const char **sp, char *buf, size_t size)
{
	const char *s = skip_ws(*sp);
	size_t n = 0;

	while (!is_end(s[n]))
		n++;
	if (n >= size)
		return -1;
	memcpy(buf, s, n);
	buf[n] = '\0';
	*sp = s + n;
	return (int)n;
}

/* ---- header ---- */

static enum lwt_mt_loc_kind loc_kind(const char *name)
{
	static const struct {
		const char *name;
		enum lwt_mt_loc_kind kind;
	} k[] = {
		{ LWT_LOC_COPY_PROCESS_NAME, LWT_MT_LOC_COPY_PROCESS },
		{ LWT_LOC_SET_TASK_COMM_NAME, LWT_MT_LOC_SET_TASK_COMM },
		{ LWT_LOC_TASK_LIST_NAME, LWT_MT_LOC_TASK_LIST },
		{ LWT_LOC_MARK_NAME, LWT_MT_LOC_MARK },
	};
	size_t i;

	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		if (!strcmp(name, k[i].name))
			return k[i].kind;
	return LWT_MT_LOC_OTHER;
}

static int header_line(struct lwt_mt_header *h, const char *line, char *why,
		       size_t whysz)
{
	const char *s = skip_ws(line);
	char tag[32], d1[64], d2[64];
	uint64_t v;

	if (*s++ != '#')
		return bad(why, whysz, "not a header line");
	if (tok_copy(&s, tag, sizeof(tag)) <= 0)
		return 0;	/* "#" alone, or a long word: a comment */

	if (!strcmp(tag, LWT_TAG_VERSION)) {
		long want = strtol(LWT_MT_VERSION, NULL, 10);
		char *end;
		long major;

		if (tok_copy(&s, d1, sizeof(h->version)) <= 0 ||
		    d1[strspn(d1, "0123456789.")])
			return bad(why, whysz, "bad version (want '# %s %ld.x.y')",
				   LWT_TAG_VERSION, want);
		errno = 0;
		major = strtol(d1, &end, 10);
		if (errno || end == d1 || (*end && *end != '.'))
			return bad(why, whysz, "bad version '%s'", d1);
		if (major != want)
			return bad(why, whysz,
				   "format version %s: this tool reads %ld.x.x", d1, want);
		if (!h->has_version) {
			strcpy(h->version, d1);
			h->has_version = true;
		}
	} else if (!strcmp(tag, LWT_TAG_NR_CPUS)) {
		if (tok_u(&s, LWT_MT_CPU_LIMIT, &v) || !v)
			return bad(why, whysz, "bad %s (1..%d)", tag, LWT_MT_CPU_LIMIT);
		if ((long)v > h->nr_cpus)
			h->nr_cpus = (long)v;
	} else if (!strcmp(tag, LWT_TAG_DROPPED)) {
		if (tok_u(&s, INT64_MAX, &v))
			return bad(why, whysz, "bad %s count", tag);
		h->dropped = (h->dropped < 0 ? 0 : h->dropped) + (long long)v;
	} else if (!strcmp(tag, LWT_TAG_CAUSE) || !strcmp(tag, LWT_TAG_LOC)) {
		bool cause = !strcmp(tag, LWT_TAG_CAUSE);
		enum lwt_mt_loc_kind kind;

		if (tok_u(&s, LWT_MT_LOC_LIMIT - 1, &v) || !v)
			return bad(why, whysz, "bad '# %s' number (1..%d)", tag,
				   LWT_MT_LOC_LIMIT - 1);
		if (tok_copy(&s, d2, sizeof(d2)) <= 0)
			return bad(why, whysz, "'# %s %u' without a name", tag,
				   (unsigned int)v);
		kind = cause ? LWT_MT_LOC_CAUSE : loc_kind(d2);
		if (h->name[v]) {
			if (strcmp(h->name[v], d2) || h->kind[v] != kind)
				return bad(why, whysz,
					   "location %u is '%s' here but '%s' before",
					   (unsigned int)v, d2, h->name[v]);
			return 0;
		}
		h->name[v] = strdup(d2);
		if (!h->name[v])
			return bad(why, whysz, "out of memory");
		h->kind[v] = kind;
	}
	/* Other tags (ts_field, dropped_event, probe_cost, ...) describe. */
	return 0;
}

int lwt_mt_header_line(struct lwt_mt_header *h, const char *line,
		       const char *file, unsigned long lineno,
		       struct lwt_err *err)
{
	char why[300];

	if (header_line(h, line, why, sizeof(why)))
		return lwt_errf(err, file, lineno, "%s", why);
	return 0;
}

void lwt_mt_header_free(struct lwt_mt_header *h)
{
	int i;

	for (i = 0; i < LWT_MT_LOC_LIMIT; i++)
		free(h->name[i]);
	memset(h, 0, sizeof(*h));
}

/* ---- one data line ---- */

static int at_eol(const char *s, char *why, size_t whysz)
{
	s = skip_ws(s);
	if (*s)
		return bad(why, whysz, "unexpected '%.20s' after the event", s);
	return 0;
}

/* " N" of up to 9 digits at *sp, one space before it; 0 or -1. */
static inline int fast_u(const char **sp, unsigned int *v)
{
	const unsigned char *s = (const unsigned char *)*sp;
	unsigned int x, d;
	int n;

	/* The first digit outside the loop: most numbers here have one. */
	if (s[0] != ' ' || (x = s[1] - '0') > 9)
		return -1;
	for (s += 2, n = 1; (d = *s - '0') < 10; s++) {
		if (++n > 9)
			return -1;
		x = x * 10 + d;
	}
	if (*s != ' ' && *s != '\0')
		return -1;
	*v = x;
	*sp = (const char *)s;
	return 0;
}

/*
 * The common line, "TS CPU FROM TO PID CAUSE" with single spaces, parsed
 * without the general tokenizer.  Return 0, or -1 to take the slow path.
 */
static inline int fast_migrate(const struct lwt_mt_header *h, const char *s,
			       uint64_t ts, struct lwt_mt_event *ev)
{
	unsigned int cpu, from, to, pid, loc;

	if (fast_u(&s, &cpu) || fast_u(&s, &from) || fast_u(&s, &to) ||
	    fast_u(&s, &pid) || fast_u(&s, &loc) || *s ||
	    cpu >= LWT_MT_CPU_LIMIT || from >= LWT_MT_CPU_LIMIT || to >= LWT_MT_CPU_LIMIT ||
	    loc >= LWT_MT_LOC_LIMIT || h->kind[loc] != LWT_MT_LOC_CAUSE)
		return -1;
	ev->ts = ts;
	ev->kind = LWT_MT_EV_MIGRATE;
	ev->cpu = cpu;
	ev->from = from;
	ev->to = to;
	ev->pid = pid;
	ev->loc = loc;
	ev->comm = ev->mark_tok = NULL;
	return 0;
}

/* The line after its timestamp @ts. */
static int parse_rest(const struct lwt_mt_header *h, const char *s, uint64_t ts,
		      struct lwt_mt_event *ev, char *why, size_t whysz)
{
	uint64_t v, pid, loc;

	if (!fast_migrate(h, s, ts, ev))
		return 0;

	memset(ev, 0, sizeof(*ev));
	ev->ts = ts;
	if (tok_u(&s, LWT_MT_CPU_LIMIT - 1, &v))
		return bad(why, whysz, "bad cpu (0..%d)", LWT_MT_CPU_LIMIT - 1);
	ev->cpu = (unsigned int)v;

	if (tok_lit(&s, ".")) {
		/* TS CPU FROM TO PID CAUSE */
		uint64_t from, to;

		if (tok_u(&s, LWT_MT_CPU_LIMIT - 1, &from) ||
		    tok_u(&s, LWT_MT_CPU_LIMIT - 1, &to))
			return bad(why, whysz, "bad migrate event: from/to cpu (0..%d)",
				   LWT_MT_CPU_LIMIT - 1);
		if (tok_u(&s, UINT32_MAX, &pid))
			return bad(why, whysz, "bad migrate event: pid");
		if (tok_u(&s, LWT_MT_LOC_LIMIT - 1, &loc))
			return bad(why, whysz, "bad migrate event: cause (1..%d)",
				   LWT_MT_LOC_LIMIT - 1);
		if (h->kind[loc] != LWT_MT_LOC_CAUSE) {
			if (h->kind[loc] == LWT_MT_LOC_NONE)
				return bad(why, whysz,
					   "cause %u is not in the header ('# %s %u NAME')",
					   (unsigned int)loc, LWT_TAG_CAUSE, (unsigned int)loc);
			return bad(why, whysz, "location %u (%s) is not a cause",
				   (unsigned int)loc, h->name[loc]);
		}
		if (at_eol(s, why, whysz))
			return -1;
		ev->kind = LWT_MT_EV_MIGRATE;
		ev->from = (unsigned int)from;
		ev->to = (unsigned int)to;
		ev->pid = (unsigned int)pid;
		ev->loc = (unsigned int)loc;
		return 0;
	}
	if (tok_lit(&s, "."))
		return bad(why, whysz, "bad event: '.' then a number");
	if (!tok_lit(&s, ".")) {
		/* TS CPU . . . start_sched_clock SEC USEC */
		if (tok_lit(&s, LWT_START_NAME) ||
		    tok_s(&s, &ev->sec) || tok_s(&s, &ev->usec) ||
		    ev->usec < 0 || ev->usec > 999999)
			return bad(why, whysz,
				   "bad start event (want '. . . %s SEC USEC')",
				   LWT_START_NAME);
		if (at_eol(s, why, whysz))
			return -1;
		ev->kind = LWT_MT_EV_START;
		return 0;
	}

	/* TS CPU . . PID LOC ... */
	if (tok_u(&s, UINT32_MAX, &pid))
		return bad(why, whysz, "bad pid");
	if (tok_u(&s, LWT_MT_LOC_LIMIT - 1, &loc))
		return bad(why, whysz, "bad location (1..%d)", LWT_MT_LOC_LIMIT - 1);
	ev->pid = (unsigned int)pid;
	ev->loc = (unsigned int)loc;
	switch (h->kind[loc]) {
	case LWT_MT_LOC_COPY_PROCESS:
	case LWT_MT_LOC_SET_TASK_COMM:
	case LWT_MT_LOC_TASK_LIST:
		/* ": COMM", where COMM is the rest of the line */
		s = skip_ws(s);
		if (s[0] != ':' || (s[1] && s[1] != ' '))
			return bad(why, whysz, "bad %s event: no ': COMM'",
				   h->name[loc]);
		ev->comm = s[1] ? s + 2 : s + 1;
		ev->kind = LWT_MT_EV_COMM;
		return 0;
	case LWT_MT_LOC_MARK: {
		char *tok;

		s = skip_ws(s);
		tok = (char *)s;
		if (tok_hex(&s, &ev->mark))
			return bad(why, whysz, "bad mark (want 0x<hex>)");
		if (at_eol(s, why, whysz))
			return -1;
		*(char *)s = '\0';
		ev->mark_tok = tok;
		ev->kind = LWT_MT_EV_MARK;
		return 0;
	}
	case LWT_MT_LOC_NONE:
		return bad(why, whysz,
			   "location %u is not in the header ('# %s %u NAME')",
			   (unsigned int)loc, LWT_TAG_LOC, (unsigned int)loc);
	default:
		return bad(why, whysz, "location %u (%s) is not an event this tool knows",
			   (unsigned int)loc, h->name[loc]);
	}
}

int lwt_mt_parse_line(const struct lwt_mt_header *h, char *line,
		      struct lwt_mt_event *ev, const char *file,
		      unsigned long lineno, struct lwt_err *err)
{
	const char *s = line;
	char why[300];
	uint64_t ts;

	if (tok_hex(&s, &ts)) {
		memset(ev, 0, sizeof(*ev));
		return lwt_errf(err, file, lineno, "timestamp is not a hex number");
	}
	if (parse_rest(h, s, ts, ev, why, sizeof(why)))
		return lwt_errf(err, file, lineno, "%s", why);
	return 0;
}

/* ---- pass 1: header and ordered runs ---- */

struct scan {
	struct lwt_mt_run *runs;
	size_t		nruns, cap;
	uint64_t	prev_ts;
	const char	*prevp;		/* the last data line */
	char		prev[LWT_MT_LINE_MAX + 1];
	size_t		prev_len;
	bool		have_prev;
	char		hline[LWT_MT_LINE_MAX + 1];
	unsigned long	nlines;		/* data lines */
	/* A helper's scan of the second half of a file (see scan_half()). */
	bool		helper;		/* gives up on a header line or an error */
	uint64_t	done;		/* bytes read */
	uint64_t	first_ts;	/* its first data line */
	char		first[LWT_MT_LINE_MAX + 1];
	size_t		first_len;
	/* The header only (see stream_open()): stop at the first data line. */
	bool		head_only;
	off_t		data_off;	/* where that line starts */
	unsigned long	data_line;	/* lines before it */
};

/* Lexical order of two lines, as LC_ALL=C sort compares them. */
static int linecmp(const char *a, size_t al, const char *b, size_t bl)
{
	int c = memcmp(a, b, al < bl ? al : bl);

	if (c)
		return c;
	return al < bl ? -1 : al > bl;
}

static void report_at(struct lwt_mt_reader *r, const char *phase, uint64_t done,
		      uint64_t total)
{
	if (r->progress && done >= r->next_report) {
		r->next_report = done + REPORT_EVERY;
		r->progress(r->progress_ctx, phase, done, total);
	}
}

static void report(struct lwt_mt_reader *r, const char *phase, uint64_t total)
{
	report_at(r, phase, r->done, total);
}

static const char *phase(const struct lwt_mt_reader *r)
{
	return r->streaming ? "read" : "merge";
}

static int scan_line(struct lwt_mt_reader *r, struct scan *sc, int si,
		     const char *l, size_t len, off_t off, unsigned long ln,
		     struct lwt_err *err)
{
	const char *name = r->src[si].name;
	const char *s;
	uint64_t ts;

	if (len > LWT_MT_LINE_MAX)
		return lwt_errf(err, name, ln, "line longer than %d bytes", LWT_MT_LINE_MAX);
	s = line_start(l, l + len);
	if (s == l + len)
		return 0;	/* blank */
	if (*s == '#') {
		if (sc->helper)
			return -1;	/* the caller's thread reads it again */
		memcpy(sc->hline, l, len);
		sc->hline[len] = '\0';
		return lwt_mt_header_line(&r->hdr, sc->hline, name, ln, err);
	}

	if (sc->head_only) {
		sc->data_off = off;
		sc->data_line = ln - 1;
		return 1;
	}
	/* The timestamp: the first token (the line ends in \n or NUL). */
	if (tok_hex_buf(&s, &ts))
		return lwt_errf(err, name, ln, "timestamp is not a hex number");

	sc->nlines++;
	if (sc->helper && sc->nlines == 1) {
		sc->first_ts = ts;
		memcpy(sc->first, l, len);
		sc->first_len = len;
	}
	if (!sc->have_prev || ts < sc->prev_ts ||
	    (ts == sc->prev_ts && linecmp(l, len, sc->prevp, sc->prev_len) < 0)) {
		struct lwt_mt_run *run;

		if (sc->nruns == LWT_MT_RUNS_MAX)
			return lwt_errf(err, name, ln,
					"more than %d runs in time order (a raw dump has one per CPU); sort the input first (LC_ALL=C sort)",
					LWT_MT_RUNS_MAX);
		if (lwt_grow(&sc->runs, &sc->cap, sc->nruns + 1, sizeof(*sc->runs)))
			return lwt_errf(err, name, ln, "out of memory");
		if (sc->nruns && sc->runs[sc->nruns - 1].src == si)
			sc->runs[sc->nruns - 1].end = off;
		run = &sc->runs[sc->nruns++];
		run->src = si;
		run->start = off;
		run->end = -1;		/* set at the next run or at EOF */
		run->line = ln - 1;
	}
	sc->have_prev = true;
	sc->prev_ts = ts;
	sc->prevp = l;		/* in the scan buffer; saved before it moves */
	sc->prev_len = len;
	return 0;
}

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);

		if (w < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= w;
	}
	return 0;
}

/* An unlinked temporary file to hold a pipe's contents. */
static int spool_fd(void)
{
	const char *dir = getenv("TMPDIR");
	char path[4096];
	int fd;

	if (!dir || !*dir)
		dir = "/tmp";
	fd = open(dir, O_TMPFILE | O_RDWR | O_EXCL | O_CLOEXEC, 0600);
	if (fd >= 0)
		return fd;
	snprintf(path, sizeof(path), "%s/migrate_stats.XXXXXX", dir);
	fd = mkstemp(path);
	if (fd >= 0)
		unlink(path);
	return fd;
}

/*
 * Scan the lines of @src from @base, to @to if it is not -1 (a regular
 * file, read with pread()), or to the end, copying them to @spool if that
 * is not -1 (a pipe, read with read()).  @*lnp counts the lines.
 */
static int scan_loop(struct lwt_mt_reader *r, struct scan *sc, int si, int spool,
		     off_t base, off_t to, char *buf, unsigned long *lnp,
		     struct lwt_err *err)
{
	struct lwt_mt_src *src = &r->src[si];
	unsigned long ln = *lnp;
	size_t have = 0, p;
	bool eof = false;

	while (!eof) {
		size_t want = SCAN_BUF - have;
		ssize_t n;

		if (to >= 0 && (off_t)want > to - (base + (off_t)have))
			want = to - (base + have);
		n = spool >= 0 || to < 0 ? read(src->fd, buf + have, want) :
			pread(src->fd, buf + have, want, base + have);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			return lwt_errf(err, src->name, 0, "%s", strerror(errno));
		}
		if (spool >= 0 && write_all(spool, buf + have, n))
			return lwt_errf(err, src->name, 0, "writing the temporary file: %s",
					strerror(errno));
		eof = n == 0;
		have += n;
		buf[have] = '\0';	/* stops tok_hex() on a last line without \n */
		if (sc->helper) {
			sc->done += n;
		} else {
			r->done += n;
			report(r, "scan", r->bytes);
		}

		for (p = 0; p < have;) {
			char *nl = memchr(buf + p, '\n', have - p);
			size_t e = nl ? (size_t)(nl - buf) : have;
			int rc;

			if (!nl && !eof)
				break;
			rc = scan_line(r, sc, si, buf + p, e - p, base + p, ++ln, err);
			if (rc) {
				*lnp = ln;
				return rc;
			}
			p = e + 1;
		}
		if (p > have)
			p = have;
		if (have - p > LWT_MT_LINE_MAX)
			return lwt_errf(err, src->name, ln + 1, "line longer than %d bytes",
					LWT_MT_LINE_MAX);
		if (sc->have_prev && sc->prevp != sc->prev) {
			memcpy(sc->prev, sc->prevp, sc->prev_len);
			sc->prevp = sc->prev;
		}
		memmove(buf, buf + p, have - p);
		base += p;
		have -= p;
	}
	*lnp = ln;
	return 0;
}

#define SPLIT_MIN	(8u << 20)	/* a file this big is scanned in two halves */

struct half {
	struct lwt_mt_reader *r;
	int		si;
	off_t		from, to;
	struct scan	sc;
	char		*buf;
	unsigned long	ln;
	int		rc;
	struct lwt_err	err;
};

static void *half_thread(void *arg)
{
	struct half *h = arg;

	h->rc = scan_loop(h->r, &h->sc, h->si, -1, h->from, h->to, h->buf, &h->ln,
			  &h->err);
	return NULL;
}

/*
 * Where a second thread may start on a file: the first line after its
 * middle, or -1 if it is too small, or there is one CPU.
 */
static off_t split_at(const struct lwt_mt_src *src, off_t base, off_t size)
{
	char b[LWT_MT_LINE_MAX + 1];
	off_t mid = base + (size - base) / 2;
	ssize_t n;
	char *nl;

	if (size - base < SPLIT_MIN || sysconf(_SC_NPROCESSORS_ONLN) < 2 ||
	    getenv("LWT_ONE_THREAD"))
		return -1;
	n = pread(src->fd, b, sizeof(b) - 1, mid);
	if (n <= 0)
		return -1;
	nl = memchr(b, '\n', n);
	return nl ? mid + (nl - b) + 1 : -1;
}

/*
 * Scan [@base, @size) of a regular file: the second half in a helper
 * thread while this one scans the first, when it is big enough.  The
 * helper gives up on a header line or a bad line, and then this thread
 * scans that half again, so that the header is read in order and errors
 * name the right line.
 */
static int scan_file(struct lwt_mt_reader *r, struct scan *sc, int si, char *buf,
		     off_t base, off_t size, unsigned long *lnp, struct lwt_err *err)
{
	off_t mid = split_at(&r->src[si], base, size);
	struct half *h;
	pthread_t t;
	size_t k;
	int rc;

	if (mid < 0 || !(h = calloc(1, sizeof(*h))))
		return scan_loop(r, sc, si, -1, base, size, buf, lnp, err);
	h->buf = malloc(SCAN_BUF + 1 + BUF_PAD);
	*h = (struct half){ .r = r, .si = si, .from = mid, .to = size, .buf = h->buf };
	h->sc.helper = true;
	if (!h->buf || pthread_create(&t, NULL, half_thread, h)) {
		free(h->buf);
		free(h);
		return scan_loop(r, sc, si, -1, base, size, buf, lnp, err);
	}
	rc = scan_loop(r, sc, si, -1, base, mid, buf, lnp, err);
	pthread_join(t, NULL);
	if (!rc && h->rc)
		rc = scan_loop(r, sc, si, -1, mid, size, buf, lnp, err);
	else if (!rc && h->sc.nruns) {
		/* The halves' runs, one list; the first of the second half
		 * continues the last of the first if they are in order. */
		struct lwt_mt_run *run = h->sc.runs;

		k = 0;
		if (sc->have_prev && sc->nruns && sc->runs[sc->nruns - 1].src == si &&
		    (h->sc.first_ts > sc->prev_ts ||
		     (h->sc.first_ts == sc->prev_ts &&
		      linecmp(h->sc.first, h->sc.first_len, sc->prevp, sc->prev_len) >= 0))) {
			sc->runs[sc->nruns - 1].end = run[0].end;
			k = 1;
		} else if (sc->nruns && sc->runs[sc->nruns - 1].src == si) {
			sc->runs[sc->nruns - 1].end = mid;
		}
		if (sc->nruns + h->sc.nruns - k > LWT_MT_RUNS_MAX)
			rc = lwt_errf(err, r->src[si].name, 0,
				      "more than %d runs in time order (a raw dump has one per CPU); sort the input first (LC_ALL=C sort)",
				      LWT_MT_RUNS_MAX);
		else if (lwt_grow(&sc->runs, &sc->cap, sc->nruns + h->sc.nruns,
				  sizeof(*sc->runs)))
			rc = lwt_errf(err, r->src[si].name, 0, "out of memory");
		for (; !rc && k < h->sc.nruns; k++) {
			run[k].line += *lnp;
			sc->runs[sc->nruns++] = run[k];
		}
		sc->have_prev = h->sc.have_prev;
		sc->prev_ts = h->sc.prev_ts;
		sc->nlines += h->sc.nlines;
		*lnp += h->ln;
		r->done += h->sc.done;
	} else if (!rc) {
		*lnp += h->ln;	/* blank lines only */
		r->done += h->sc.done;
	}
	free(h->sc.runs);
	free(h->buf);
	free(h);
	return rc;
}

/* Where a regular file is read from: stdin redirected from a file may not
 * be at its start. */
static off_t file_base(int fd)
{
	off_t base = lseek(fd, 0, SEEK_CUR);

	return base < 0 ? 0 : base;
}

static int scan_src(struct lwt_mt_reader *r, struct scan *sc, int si, char *buf,
		    struct lwt_err *err)
{
	struct lwt_mt_src *src = &r->src[si];
	int spool = -1, rc;
	unsigned long ln = 0;
	off_t base = 0;
	struct stat st;

	if (fstat(src->fd, &st))
		return lwt_errf(err, src->name, 0, "%s", strerror(errno));
	sc->have_prev = false;	/* a run never spans two files */
	if (!S_ISREG(st.st_mode)) {
		spool = spool_fd();
		if (spool < 0)
			return lwt_errf(err, src->name, 0,
					"cannot make a temporary file to merge a pipe: %s",
					strerror(errno));
		rc = scan_loop(r, sc, si, spool, 0, -1, buf, &ln, err);
		if (rc) {
			close(spool);
			return -1;
		}
		src->size = lseek(spool, 0, SEEK_CUR);
		if (src->own_fd)
			close(src->fd);
		src->fd = spool;
		src->own_fd = true;
	} else {
		base = file_base(src->fd);
		src->size = st.st_size;
		if (scan_file(r, sc, si, buf, base, st.st_size, &ln, err))
			return -1;
	}
	if (sc->nruns && sc->runs[sc->nruns - 1].src == si)
		sc->runs[sc->nruns - 1].end = src->size;
	return 0;
}

/* ---- pass 2: merge ---- */

static bool cur_less(const struct lwt_mt_cursor *a, const struct lwt_mt_cursor *b)
{
	int c;

	if (a->ts != b->ts)
		return a->ts < b->ts;
	c = linecmp(a->l, a->llen, b->l, b->llen);
	return c ? c < 0 : a->idx < b->idx;
}

static void heap_down(struct lwt_mt_cursor **h, size_t n, size_t i)
{
	struct lwt_mt_cursor *x = h[i];

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= n)
			break;
		if (c + 1 < n && cur_less(h[c + 1], h[c]))
			c++;
		if (!cur_less(h[c], x))
			break;
		h[i] = h[c];
		i = c;
	}
	h[i] = x;
}

static void heap_up(struct lwt_mt_cursor **h, size_t i)
{
	struct lwt_mt_cursor *x = h[i];

	while (i) {
		size_t p = (i - 1) / 2;

		if (!cur_less(x, h[p]))
			break;
		h[i] = h[p];
		i = p;
	}
	h[i] = x;
}

/* What cur_advance() returns when a streamed file is not one ordered run. */
#define NOT_ONE_RUN	(-2)

/*
 * Move @c to its next data line.  Return 1, 0 at the end of its run, -1,
 * or, streaming, NOT_ONE_RUN at a header line or a line out of order.
 */
static int cur_advance(struct lwt_mt_reader *r, struct lwt_mt_cursor *c,
		       struct lwt_err *err)
{
	for (;;) {
		char *l = c->buf + c->pos, *nl, *s;
		size_t avail = c->len - c->pos;
		uint64_t ts;

		nl = memchr(l, '\n', avail);
		if (!nl && c->off < c->end) {
			size_t want;
			ssize_t n;

			/* Pass 1 checked the lengths, but for a stream. */
			if (avail > LWT_MT_LINE_MAX)
				return lwt_errf(err, c->src->name, c->line + 1,
						"line longer than %d bytes", LWT_MT_LINE_MAX);
			if (c->seen && c->l != c->prev) {
				/* The last line, kept for the order check. */
				memcpy(c->prev, c->l, c->llen + 1);
				c->l = c->prev;
			}
			memmove(c->buf, l, avail);
			c->pos = 0;
			c->len = avail;
			want = c->cap - 1 - c->len;
			if ((off_t)want > c->end - c->off)
				want = c->end - c->off;
			n = pread(c->src->fd, c->buf + c->len, want, c->off);
			if (n < 0) {
				if (errno == EINTR)
					continue;
				return lwt_errf(err, c->src->name, 0, "%s", strerror(errno));
			}
			if (n == 0)
				return lwt_errf(err, c->src->name, 0,
						"file shrank while being read");
			c->off += n;
			c->len += n;
			r->done += n;
			continue;
		}
		if (!avail)
			return 0;
		if (!nl)
			nl = c->buf + c->len;	/* last line, no newline */
		if (nl - l > LWT_MT_LINE_MAX)
			return lwt_errf(err, c->src->name, c->line + 1,
					"line longer than %d bytes", LWT_MT_LINE_MAX);
		*nl = '\0';
		c->pos = nl - c->buf + 1;
		if (c->pos > c->len)
			c->pos = c->len;
		c->line++;

		s = (char *)line_start(l, nl);	/* as scan_line() */
		if (s == nl)
			continue;	/* blank */
		if (*s == '#') {
			if (r->streaming)
				return NOT_ONE_RUN;	/* the header must be whole */
			continue;	/* header, read in pass 1 */
		}
		if (tok_hex_buf((const char **)&s, &ts))
			return lwt_errf(err, c->src->name, c->line,
					"timestamp is not a hex number");
		if (c->seen && (ts < c->ts ||
				(ts == c->ts && linecmp(l, nl - l, c->l, c->llen) < 0)))
			return NOT_ONE_RUN;
		c->seen = r->streaming;
		c->l = l;
		if (r->streaming && !r->pipe) {
			/*
			 * lwt_mt_next() parses the line in place (a mark's
			 * token gets a NUL): keep it whole for the order check.
			 */
			memcpy(c->prev, l, nl - l + 1);
			c->l = c->prev;
		}
		c->llen = nl - l;
		c->rest = s;
		c->rlen = nl - s;
		c->ts = ts;
		return 1;
	}
}

static int merge_init(struct lwt_mt_reader *r, struct scan *sc,
		      struct lwt_err *err)
{
	size_t i, bufsz;

	r->nruns = sc->nruns;
	if (!r->nruns)
		return 0;
	bufsz = MERGE_BUDGET / r->nruns;
	if (bufsz > RUN_BUF_MAX)
		bufsz = RUN_BUF_MAX;
	if (bufsz < RUN_BUF_MIN)
		bufsz = RUN_BUF_MIN;
	r->cur = calloc(r->nruns, sizeof(*r->cur));
	r->heap = calloc(r->nruns, sizeof(*r->heap));
	if (!r->cur || !r->heap)
		return lwt_errf(err, r->src[0].name, 0, "out of memory");
	r->done = 0;
	r->next_report = 0;
	for (i = 0; i < r->nruns; i++) {
		struct lwt_mt_cursor *c = &r->cur[i];
		struct lwt_mt_run *run = &sc->runs[i];
		int rc;

		c->src = &r->src[run->src];
		c->idx = i;
		c->off = run->start;
		c->end = run->end;
		c->line = run->line;
		c->cap = bufsz;
		c->buf = calloc(1, bufsz + BUF_PAD);
		if (r->streaming)
			c->prev = malloc(LWT_MT_LINE_MAX + 1);
		if (!c->buf || (r->streaming && !c->prev))
			return lwt_errf(err, c->src->name, 0, "out of memory");
		rc = cur_advance(r, c, err);
		if (rc < 0)
			return rc;
		if (rc) {
			r->heap[r->nheap] = c;
			heap_up(r->heap, r->nheap++);
		}
	}
	return 0;
}

/*
 * The merge's next line: *@cp is the cursor that holds it.  Return 1, 0 at
 * the end of the trace, or -1 with @err set.
 */
static int merge_next(struct lwt_mt_reader *r, struct lwt_mt_cursor **cp,
		      struct lwt_err *err)
{
	struct lwt_mt_cursor *c = r->last;

	/*
	 * The last line's cursor is still the heap's top, and its line still
	 * valid: move it on only now, then sift it down.
	 */
	if (c) {
		int rc = cur_advance(r, c, err);

		r->last = NULL;
		if (rc < 0)
			return rc;
		if (!rc)
			r->heap[0] = r->heap[--r->nheap];
		if (r->nheap > 1)
			heap_down(r->heap, r->nheap, 0);
	}
	if (!r->nheap)
		return 0;
	c = r->heap[0];
	r->last = c;
	if (!r->pipe)	/* else the caller's thread reports, see pipe_next() */
		report(r, phase(r), r->bytes);
	*cp = c;
	return 1;
}

/* ---- the merge in a second thread ---- */

/*
 * On more than one CPU, a thread reads and merges the runs while the
 * caller's thread parses the lines and analyses them: the two halves of
 * the work cost about the same.  The merged lines go through a few chunks
 * of records, each the line's timestamp, number and file, then the text
 * after the timestamp.
 */
#define CHUNK_SIZE	(256u << 10)
#define NCHUNKS		4

struct rec {
	uint64_t	ts;
	unsigned long	line;
	int		src;
	unsigned int	len;		/* of the text, which follows, then a NUL */
};

struct chunk {
	char		*buf;		/* records; BUF_PAD bytes to spare at the end */
	size_t		len;
	bool		last;		/* the merge ended after these records */
	uint64_t	done;		/* bytes merged so far, for progress */
	int		rc;		/* at the end: 0, or -1 with err */
	struct lwt_err	err;
};

struct lwt_mt_pipe {
	pthread_t	thread;
	pthread_mutex_t	lock;
	pthread_cond_t	cond;
	struct chunk	ch[NCHUNKS];
	unsigned long	made, used;	/* chunks filled, and given back */
	bool		stop;		/* the reader is closing */
	struct chunk	*cur;		/* the caller's: being read */
	size_t		pos;
};

static size_t rec_size(unsigned int len)
{
	return (sizeof(struct rec) + len + 1 + 7) & ~(size_t)7;
}

static void fill(struct lwt_mt_reader *r, struct chunk *ch)
{
	struct lwt_mt_cursor *c;

	ch->len = 0;
	ch->done = r->done;
	ch->last = false;
	ch->rc = 0;
	while (ch->len + rec_size(LWT_MT_LINE_MAX) <= CHUNK_SIZE) {
		struct rec *rec = (struct rec *)(ch->buf + ch->len);
		int rc = merge_next(r, &c, &ch->err);

		if (rc <= 0) {
			ch->last = true;
			ch->rc = rc;
			return;
		}
		rec->ts = c->ts;
		rec->line = c->line;
		rec->src = c->src - r->src;
		rec->len = c->rlen;
		memcpy(rec + 1, c->rest, rec->len + 1);
		ch->len += rec_size(rec->len);
		ch->done = r->done;
	}
}

static void *merge_thread(void *arg)
{
	struct lwt_mt_reader *r = arg;
	struct lwt_mt_pipe *p = r->pipe;
	bool last = false;

	while (!last) {
		struct chunk *ch;
		bool stop;

		pthread_mutex_lock(&p->lock);
		while (!p->stop && p->made - p->used == NCHUNKS)
			pthread_cond_wait(&p->cond, &p->lock);
		stop = p->stop;
		pthread_mutex_unlock(&p->lock);
		if (stop)
			break;
		ch = &p->ch[p->made % NCHUNKS];
		fill(r, ch);
		last = ch->last;
		pthread_mutex_lock(&p->lock);
		p->made++;
		pthread_cond_broadcast(&p->cond);
		pthread_mutex_unlock(&p->lock);
	}
	return NULL;
}

/* Start the merge thread, if there is a CPU for it; 0 if not started. */
static int pipe_start(struct lwt_mt_reader *r)
{
	struct lwt_mt_pipe *p;
	int i;

	if (!r->nheap || sysconf(_SC_NPROCESSORS_ONLN) < 2 || getenv("LWT_ONE_THREAD"))
		return 0;
	p = calloc(1, sizeof(*p));
	if (!p)
		return 0;
	for (i = 0; i < NCHUNKS; i++) {
		p->ch[i].buf = malloc(CHUNK_SIZE + BUF_PAD);
		if (!p->ch[i].buf)
			goto err;
	}
	pthread_mutex_init(&p->lock, NULL);
	pthread_cond_init(&p->cond, NULL);
	r->pipe = p;
	if (!pthread_create(&p->thread, NULL, merge_thread, r))
		return 0;
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->cond);
	r->pipe = NULL;
err:
	for (i = 0; i < NCHUNKS; i++)
		free(p->ch[i].buf);
	free(p);
	return 0;
}

static void pipe_stop(struct lwt_mt_reader *r)
{
	struct lwt_mt_pipe *p = r->pipe;
	int i;

	if (!p)
		return;
	pthread_mutex_lock(&p->lock);
	p->stop = true;
	pthread_cond_broadcast(&p->cond);
	pthread_mutex_unlock(&p->lock);
	pthread_join(p->thread, NULL);
	pthread_mutex_destroy(&p->lock);
	pthread_cond_destroy(&p->cond);
	for (i = 0; i < NCHUNKS; i++)
		free(p->ch[i].buf);
	free(p);
	r->pipe = NULL;
}

/* The next merged record, or NULL at the end (*@rc 0) or on error (-1). */
static const struct rec *pipe_next(struct lwt_mt_reader *r, int *rc,
				   struct lwt_err *err)
{
	struct lwt_mt_pipe *p = r->pipe;
	const struct rec *rec;

	while (!p->cur || p->pos >= p->cur->len) {
		if (p->cur) {
			if (p->cur->last) {
				*rc = p->cur->rc;
				if (*rc)
					*err = p->cur->err;
				return NULL;
			}
			pthread_mutex_lock(&p->lock);
			p->used++;
			pthread_cond_broadcast(&p->cond);
			pthread_mutex_unlock(&p->lock);
		}
		pthread_mutex_lock(&p->lock);
		while (p->made == p->used)
			pthread_cond_wait(&p->cond, &p->lock);
		p->cur = &p->ch[p->used % NCHUNKS];
		p->pos = 0;
		pthread_mutex_unlock(&p->lock);
		report_at(r, phase(r), p->cur->done, r->bytes);
	}
	rec = (const struct rec *)(p->cur->buf + p->pos);
	p->pos += rec_size(rec->len);
	return rec;
}

static int unstream(struct lwt_mt_reader *r, struct lwt_err *err);

int lwt_mt_next(struct lwt_mt_reader *r, struct lwt_mt_event *ev,
		struct lwt_err *err)
{
	struct lwt_mt_cursor *c;
	const struct lwt_mt_src *src;
	unsigned long line;
	const char *rest;
	char why[300];
	uint64_t ts;
	int rc;

	if (r->pipe) {
		const struct rec *rec = pipe_next(r, &rc, err);

		if (!rec)
			return rc == NOT_ONE_RUN ? unstream(r, err) : rc;
		ts = rec->ts;
		line = rec->line;
		src = &r->src[rec->src];
		rest = (const char *)(rec + 1);
	} else {
		rc = merge_next(r, &c, err);
		if (rc <= 0)
			return rc == NOT_ONE_RUN ? unstream(r, err) : rc;
		ts = c->ts;
		line = c->line;
		src = c->src;
		rest = c->rest;
	}
	if (parse_rest(&r->hdr, rest, ts, ev, why, sizeof(why))) {
		/*
		 * The two passes name the first bad line in time order, which
		 * is this one only if the file is one run: let them find it.
		 */
		if (r->streaming)
			return unstream(r, err);
		return lwt_errf(err, src->name, line, "%s", why);
	}
	ev->file = src->name;
	ev->line = line;
	return 1;
}

/* ---- open, close ---- */

/* Forget the header read so far, to read it again from the start. */
static void header_reset(struct lwt_mt_reader *r)
{
	lwt_mt_header_free(&r->hdr);
	r->hdr.nr_cpus = -1;
	r->hdr.dropped = -1;
	r->done = 0;
	r->next_report = 0;
}

/* Make @r an empty reader, but for the fields its user sets. */
static void reset(struct lwt_mt_reader *r)
{
	lwt_mt_progress_fn progress = r->progress;
	void *progress_ctx = r->progress_ctx;
	bool may_restart = r->may_restart;

	memset(r, 0, sizeof(*r));
	r->progress = progress;
	r->progress_ctx = progress_ctx;
	r->may_restart = may_restart;
	header_reset(r);
}

/* Free the runs' cursors: the reader has no events left to give. */
static void merge_free(struct lwt_mt_reader *r)
{
	size_t i;

	for (i = 0; r->cur && i < r->nruns; i++) {
		free(r->cur[i].buf);
		free(r->cur[i].prev);
	}
	free(r->cur);
	free(r->heap);
	r->cur = NULL;
	r->heap = NULL;
	r->nheap = 0;
	r->nruns = 0;
	r->last = NULL;
}

/* Set up the runs' cursors, and start the merge thread if it can be. */
static int merge_start(struct lwt_mt_reader *r, struct scan *sc,
		       struct lwt_err *err)
{
	if (merge_init(r, sc, err))
		return -1;
	pipe_start(r);
	return 0;
}

static void scan_free(struct scan *sc, char *buf)
{
	free(buf);
	if (sc)
		free(sc->runs);
	free(sc);
}

/* Pass 1 over every input, then the merge. */
static int scan_all(struct lwt_mt_reader *r, struct lwt_err *err)
{
	struct scan *sc;
	char *buf;
	int i, ret = -1;

	sc = calloc(1, sizeof(*sc));
	buf = calloc(1, SCAN_BUF + 1 + BUF_PAD);
	if (!sc || !buf) {
		lwt_errf(err, r->src[0].name, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < r->nsrc; i++)
		if (scan_src(r, sc, i, buf, err))
			goto out;
	r->nlines = sc->nlines;
	r->bytes = 0;
	for (i = 0; i < r->nsrc; i++)
		r->bytes += r->src[i].size;
	ret = merge_start(r, sc, err);
out:
	scan_free(sc, buf);
	return ret;
}

/*
 * Whether the data lines of [@from, @size) of @src look like one ordered
 * run: the first data line after each sixteenth of it is in time order.
 * A guess that a raw dump, one run per CPU, fails at once, so that it is
 * not partly read twice; a stream checks every line.
 */
#define SNIFFS	16
static bool looks_ordered(const struct lwt_mt_src *src, off_t from, off_t size)
{
	char b[2 * LWT_MT_LINE_MAX + 1 + BUF_PAD];
	uint64_t prev = 0, ts;
	int k;

	for (k = 0; k < SNIFFS; k++) {
		off_t at = from + (size - from) * k / SNIFFS;
		ssize_t n = pread(src->fd, b, 2 * LWT_MT_LINE_MAX, at);
		const char *l = b;

		if (n <= 0)
			return false;
		memset(b + n, 0, 1 + BUF_PAD);
		if (k) {	/* the first whole line after @at */
			l = memchr(b, '\n', n);
			if (!l)
				return false;
			l++;
		}
		l = line_start(l, b + n);
		if (*l == '#')
			return false;
		if (l == b + n || *l == '\n' || tok_hex_buf(&l, &ts))
			continue;	/* the end, a blank or a bad line */
		if (ts < prev)
			return false;
		prev = ts;
	}
	return true;
}

/*
 * The single-run read.  A trace read from the module is in time order,
 * as is a sorted one: pass 1 would find one run, and the merge would read
 * the file again.  With @r->may_restart set, one regular file whose data
 * looks ordered is read once instead: its header here, up to the first
 * data line, then its lines in lwt_mt_next(), each checked against the
 * last.  A header line after the data or a line out of order ends it:
 * lwt_mt_next() then reads the input the usual way and returns
 * LWT_MT_AGAIN (see unstream()).
 *
 * Return: 1 streaming, 0 not (the header read again from the start), or
 * -1 with @err set.
 */
static int stream_open(struct lwt_mt_reader *r, struct lwt_err *err)
{
	struct lwt_mt_src *src = &r->src[0];
	unsigned long ln = 0;
	struct scan *sc;
	struct stat st;
	off_t base;
	char *buf;
	int rc;

	if (!r->may_restart || r->nsrc != 1 || fstat(src->fd, &st) ||
	    !S_ISREG(st.st_mode))
		return 0;
	base = file_base(src->fd);
	sc = calloc(1, sizeof(*sc));
	buf = calloc(1, SCAN_BUF + 1 + BUF_PAD);
	if (!sc || !buf) {
		rc = lwt_errf(err, src->name, 0, "out of memory");
		goto out;
	}
	sc->head_only = true;
	rc = scan_loop(r, sc, 0, -1, base, st.st_size, buf, &ln, err);
	if (rc <= 0 || !looks_ordered(src, sc->data_off, st.st_size)) {
		/* An error, no data at all, or a raw dump: scan_all(). */
		header_reset(r);
		rc = rc < 0 ? -1 : 0;
		goto out;
	}
	rc = lwt_grow(&sc->runs, &sc->cap, 1, sizeof(*sc->runs));
	if (rc) {
		rc = lwt_errf(err, src->name, 0, "out of memory");
		goto out;
	}
	sc->runs[0] = (struct lwt_mt_run){ .src = 0, .start = sc->data_off,
					   .end = st.st_size, .line = sc->data_line };
	sc->nruns = 1;
	src->size = st.st_size;
	r->bytes = st.st_size;
	r->nlines = 1;
	r->streaming = true;
	rc = merge_start(r, sc, err) ? -1 : 1;
out:
	scan_free(sc, buf);
	return rc;
}

/* The stream was not one ordered run: read the input the usual way. */
static int unstream(struct lwt_mt_reader *r, struct lwt_err *err)
{
	pipe_stop(r);
	merge_free(r);
	header_reset(r);
	r->streaming = false;
	r->restarts++;
	return scan_all(r, err) ? -1 : LWT_MT_AGAIN;
}

static int open_fds(struct lwt_mt_reader *r, const int *fds,
		    const char *const *names, int n, bool own,
		    struct lwt_err *err)
{
	int i, rc;

	reset(r);
	r->src = calloc(n, sizeof(*r->src));
	if (!r->src)
		return lwt_errf(err, n ? names[0] : "-", 0, "out of memory");
	r->nsrc = n;
	for (i = 0; i < n; i++) {
		struct stat st;

		r->src[i].name = names[i];
		r->src[i].fd = fds[i];
		r->src[i].own_fd = own;
		if (!fstat(fds[i], &st) && S_ISREG(st.st_mode))
			r->bytes += st.st_size;
	}
	rc = stream_open(r, err);
	if (rc)
		return rc < 0 ? -1 : 0;
	return scan_all(r, err);
}

int lwt_mt_open_fds(struct lwt_mt_reader *r, const int *fds,
		    const char *const *names, int n, struct lwt_err *err)
{
	return open_fds(r, fds, names, n, false, err);
}

int lwt_mt_open(struct lwt_mt_reader *r, const char *const *files, int nfiles,
		struct lwt_err *err)
{
	static const char *const dash[] = { "-" };
	const char **names;
	int *fds, i, ret = -1;

	reset(r);
	if (!nfiles) {
		files = dash;
		nfiles = 1;
	}
	fds = calloc(nfiles, sizeof(*fds));
	names = calloc(nfiles, sizeof(*names));
	if (!fds || !names) {
		lwt_errf(err, NULL, 0, "out of memory");
		goto out;
	}
	for (i = 0; i < nfiles; i++) {
		bool std = !strcmp(files[i], "-");

		names[i] = std ? "<stdin>" : files[i];
		fds[i] = std ? dup(0) : open(files[i], O_RDONLY | O_CLOEXEC);
		if (fds[i] < 0) {
			lwt_errf(err, names[i], 0, "%s", strerror(errno));
			while (i--)
				close(fds[i]);
			goto out;
		}
	}
	ret = open_fds(r, fds, names, nfiles, true, err);
	if (!r->src)
		for (i = 0; i < nfiles; i++)
			close(fds[i]);
out:
	free(fds);
	free(names);
	return ret;
}

void lwt_mt_close(struct lwt_mt_reader *r)
{
	int k;

	pipe_stop(r);
	merge_free(r);
	for (k = 0; k < r->nsrc; k++)
		if (r->src[k].own_fd)
			close(r->src[k].fd);
	free(r->src);
	lwt_mt_header_free(&r->hdr);
	r->src = NULL;
	r->nsrc = 0;
}
