// SPDX-License-Identifier: GPL-2.0
/*
 * timer_stats reports from the timer_stats file or from ftrace text.
 *
 * The timer_stats file (kernel/time/timer_stats.c v0.3, and the module's
 * debugfs file) is
 *
 *	Timer Stats Version: v0.3
 *	Sample period: %ld.%03ld s
 *	Overflow: %d entries			(only when not 0)
 *	Collection: active|inactive		(not in v0.2)
 *	"%4luD, %5d %-16s " or " %4lu, %5d %-16s ", site, " (", callback, ")"
 *	"%ld total events, %ld.%03ld events/sec" or "%ld total events"
 *
 * In ftrace text, each start event opens an arming that waits, in a slot
 * of its CPU, for the stack trace that the stacktrace trigger writes right
 * after it on the same CPU.  Other CPUs' lines may come in between (the
 * trace file merges the CPUs by time, and the trigger takes its timestamp
 * after unwinding), so the slot, not the line order, ties a stack to its
 * event.  Any other entry of that CPU means the stack trace is missing.
 * Expiries that come while an arming waits are kept in its slot and given
 * to its row once the site is known.  Memory grows with the timers, rows
 * and CPUs, never with the events.
 */
#include <ctype.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <uapi/lwtrace.h>
#include "tstat.h"
#include "util.h"

#define VERSION_TAG	"Timer Stats Version: "
#define PERIOD_TAG	"Sample period: "
#define OVERFLOW_TAG	"Overflow: "
#define COLLECTION_TAG	"Collection: "
#define TOTAL_TAG	" total events"
#define RATE_TAG	" events/sec"
#define HASHED_PTR	"(____ptrval____)"
#define CPU_LIMIT	65536

/* Who armed a timer, and from where: a row without its count. */
struct attr {
	const char	*site;		/* NULL: not known yet */
	const char	*callback;
	const char	*comm;
	long		pid;
	bool		deferrable;
};

struct timer {
	uint64_t	ptr;
	bool		used, hr;
	bool		pending;	/* its latest arming waits in a slot */
	bool		has_attr;
	uint32_t	pending_cpu;
	uint64_t	pending_seq;
	uint64_t	attr_seq;	/* the arming that set attr */
	struct attr	attr;		/* of its latest attributed arming */
};

/* An arming waiting for its stack trace, one per CPU. */
struct slot {
	bool		active;
	bool		in_stack;	/* its stack's frames are being read */
	bool		hr;
	uint64_t	ptr;
	uint64_t	seq;
	uint64_t	count;		/* expiries while it waited */
	struct attr	a;
};

struct pair {
	uint64_t	ptr;
	uint32_t	row;		/* row index + 1; 0 for an empty bucket */
	bool		hr;
};

struct lwt_tstat_state {
	char		**strs;		/* interned strings, open addressing */
	size_t		strs_cap, nstrs;
	uint32_t	*rowidx;	/* row index + 1, by attr */
	size_t		rowidx_cap;
	struct timer	*timers;
	size_t		timers_cap, ntimers;
	struct pair	*pairs;		/* (row, timer) seen, for row->timers */
	size_t		pairs_cap, npairs;
	struct slot	*slots;
	size_t		nslots;
	uint64_t	seq;		/* armings so far */
	long		stack_cpu;	/* the slot the frames go to, or -1 */

	/* timer_stats file */
	int		stage;
	bool		has_total;
	uint64_t	total;
	bool		has_rate;
	long		rate_int, rate_frac;
	unsigned long	total_line;

	/* ftrace: the earliest and the latest timestamp */
	bool		has_ts;
	uint64_t	ts_first, ts_last;
};

enum { ST_VERSION, ST_PERIOD, ST_HEADER, ST_ENTRIES, ST_DONE };

/* ---- hashing ---------------------------------------------------------- */

static uint64_t mix(uint64_t x)
{
	x += 0x9e3779b97f4a7c15ULL;
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

static uint64_t hash_mem(const char *s, size_t n)
{
	uint64_t h = 0xcbf29ce484222325ULL;

	while (n--)
		h = (h ^ (unsigned char)*s++) * 0x100000001b3ULL;
	return h;
}

/* The interned copy of s[0..n), the same pointer for the same text. */
static const char *intern(struct lwt_tstat_state *st, const char *s, size_t n)
{
	size_t i, mask;
	char *c;

	if ((st->nstrs + 1) * 2 > st->strs_cap) {
		size_t cap = st->strs_cap ? st->strs_cap * 2 : 64;
		char **v = calloc(cap, sizeof(*v));

		if (!v)
			return NULL;
		for (i = 0; i < st->strs_cap; i++) {
			size_t j;

			if (!st->strs[i])
				continue;
			j = hash_mem(st->strs[i], strlen(st->strs[i])) & (cap - 1);
			while (v[j])
				j = (j + 1) & (cap - 1);
			v[j] = st->strs[i];
		}
		free(st->strs);
		st->strs = v;
		st->strs_cap = cap;
	}
	mask = st->strs_cap - 1;
	for (i = hash_mem(s, n) & mask; st->strs[i]; i = (i + 1) & mask)
		if (!strncmp(st->strs[i], s, n) && !st->strs[i][n])
			return st->strs[i];
	c = strndup(s, n);
	if (!c)
		return NULL;
	st->strs[i] = c;
	st->nstrs++;
	return c;
}

static uint64_t attr_hash(const struct attr *a)
{
	return mix((uintptr_t)a->site ^ mix((uintptr_t)a->callback ^
		   mix((uintptr_t)a->comm ^ mix((uint64_t)a->pid * 2 + a->deferrable))));
}

static bool row_is(const struct lwt_tstat_row *r, const struct attr *a)
{
	return r->site == a->site && r->callback == a->callback &&
	       r->comm == a->comm && r->pid == a->pid &&
	       r->deferrable == a->deferrable;
}

/* The row of @a, made with a count of 0 if new; NULL when out of memory. */
static struct lwt_tstat_row *get_row(struct lwt_tstat *t, const struct attr *a)
{
	struct lwt_tstat_state *st = t->st;
	struct lwt_tstat_row *r;
	size_t i, mask;

	if ((t->nrows + 1) * 2 > st->rowidx_cap) {
		size_t cap = st->rowidx_cap ? st->rowidx_cap * 2 : 64;
		uint32_t *v = calloc(cap, sizeof(*v));
		struct attr ra;

		if (!v)
			return NULL;
		for (i = 0; i < t->nrows; i++) {
			size_t j;

			r = &t->rows[i];
			ra = (struct attr){ r->site, r->callback, r->comm, r->pid, r->deferrable };
			for (j = attr_hash(&ra) & (cap - 1); v[j]; j = (j + 1) & (cap - 1))
				;
			v[j] = i + 1;
		}
		free(st->rowidx);
		st->rowidx = v;
		st->rowidx_cap = cap;
	}
	mask = st->rowidx_cap - 1;
	for (i = attr_hash(a) & mask; st->rowidx[i]; i = (i + 1) & mask)
		if (row_is(&t->rows[st->rowidx[i] - 1], a))
			return &t->rows[st->rowidx[i] - 1];
	if (t->nrows >= UINT32_MAX - 1 ||
	    lwt_grow(&t->rows, &t->rows_cap, t->nrows + 1, sizeof(*t->rows)))
		return NULL;
	r = &t->rows[t->nrows];
	*r = (struct lwt_tstat_row){
		.pid = a->pid, .deferrable = a->deferrable, .comm = a->comm,
		.site = a->site, .callback = a->callback,
	};
	st->rowidx[i] = ++t->nrows;
	return r;
}

static uint64_t timer_hash(bool hr, uint64_t ptr)
{
	return mix(ptr * 2 + hr);
}

/* The timer (@hr, @ptr); made unarmed if @make.  NULL: none, or no memory. */
static struct timer *get_timer(struct lwt_tstat_state *st, bool hr, uint64_t ptr,
			       bool make)
{
	size_t i, mask;

	if (make && (st->ntimers + 1) * 2 > st->timers_cap) {
		size_t cap = st->timers_cap ? st->timers_cap * 2 : 64;
		struct timer *v = calloc(cap, sizeof(*v));

		if (!v)
			return NULL;
		for (i = 0; i < st->timers_cap; i++) {
			size_t j;

			if (!st->timers[i].used)
				continue;
			j = timer_hash(st->timers[i].hr, st->timers[i].ptr) & (cap - 1);
			while (v[j].used)
				j = (j + 1) & (cap - 1);
			v[j] = st->timers[i];
		}
		free(st->timers);
		st->timers = v;
		st->timers_cap = cap;
	}
	if (!st->timers_cap)
		return NULL;
	mask = st->timers_cap - 1;
	for (i = timer_hash(hr, ptr) & mask; st->timers[i].used; i = (i + 1) & mask)
		if (st->timers[i].ptr == ptr && st->timers[i].hr == hr)
			return &st->timers[i];
	if (!make)
		return NULL;
	st->timers[i] = (struct timer){ .ptr = ptr, .used = true, .hr = hr };
	st->ntimers++;
	return &st->timers[i];
}

/* Note that timer (@hr, @ptr) counted in row @row: 1 if it is new there. */
static int add_pair(struct lwt_tstat_state *st, uint32_t row, bool hr, uint64_t ptr)
{
	size_t i, mask;

	if ((st->npairs + 1) * 2 > st->pairs_cap) {
		size_t cap = st->pairs_cap ? st->pairs_cap * 2 : 64;
		struct pair *v = calloc(cap, sizeof(*v));

		if (!v)
			return -1;
		for (i = 0; i < st->pairs_cap; i++) {
			struct pair *p = &st->pairs[i];
			size_t j;

			if (!p->row)
				continue;
			j = mix(timer_hash(p->hr, p->ptr) ^ p->row) & (cap - 1);
			while (v[j].row)
				j = (j + 1) & (cap - 1);
			v[j] = *p;
		}
		free(st->pairs);
		st->pairs = v;
		st->pairs_cap = cap;
	}
	mask = st->pairs_cap - 1;
	for (i = mix(timer_hash(hr, ptr) ^ (row + 1)) & mask; st->pairs[i].row;
	     i = (i + 1) & mask)
		if (st->pairs[i].row == row + 1 && st->pairs[i].ptr == ptr &&
		    st->pairs[i].hr == hr)
			return 0;
	st->pairs[i] = (struct pair){ .ptr = ptr, .row = row + 1, .hr = hr };
	st->npairs++;
	return 1;
}

/* Count @n expiries of timer (@hr, @ptr) in the row of @a. */
static int add_count(struct lwt_tstat *t, const struct attr *a, bool hr,
		     uint64_t ptr, uint64_t n)
{
	struct lwt_tstat_row *r = get_row(t, a);
	int ret;

	if (!r)
		return -1;
	r->count += n;
	ret = add_pair(t->st, r - t->rows, hr, ptr);
	if (ret < 0)
		return -1;
	r->timers += ret;
	return 0;
}

/* ---- small text helpers ----------------------------------------------- */

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* Length of @s without its trailing newline, carriage return and spaces. */
static size_t rtrim_len(const char *s, size_t n)
{
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r' || s[n - 1] == ' ' ||
		     s[n - 1] == '\t'))
		n--;
	return n;
}

/* Parse the digits at *@p into @v and move past them; false if none. */
static bool take_u64(const char **p, uint64_t *v)
{
	const char *s = *p;
	uint64_t x = 0;

	if (!isdigit((unsigned char)*s))
		return false;
	for (; isdigit((unsigned char)*s); s++) {
		if (x > (UINT64_MAX - 9) / 10)
			return false;
		x = x * 10 + (*s - '0');
	}
	*p = s;
	*v = x;
	return true;
}

/* The kernel's events/sec: "%ld.%03ld" of events * 1000 / ms. */
static bool kernel_rate(uint64_t events, uint64_t period_ns, long *ip, long *fp)
{
	uint64_t sec = period_ns / 1000000000, ms;

	ms = sec * 1000 + period_ns % 1000000000 / 1000000;
	if (!ms)
		ms = 1;
	if (!events || !sec)
		return false;
	*ip = events * 1000 / ms;
	*fp = events * 1000000 / ms % 1000;
	return true;
}

/* ---- the timer_stats file --------------------------------------------- */

/*
 * "site (callback)" in s[0..n), which ends with ')': the callback is what
 * the last " (" opens.  Sites and callbacks are symbols, "<%p>", or
 * "symbol [module]".
 */
static bool split_site(const char *s, size_t n, const char **site, size_t *site_len,
		       const char **cb, size_t *cb_len)
{
	const char *open = NULL, *p;

	if (!n || s[n - 1] != ')')
		return false;
	for (p = s; p + 1 < s + n; p++)
		if (p[0] == ' ' && p[1] == '(')
			open = p;
	if (!open || open == s || s[0] == ' ' || open[-1] == ' ')
		return false;
	*site = s;
	*site_len = open - s;
	*cb = open + 2;
	*cb_len = s + n - 1 - *cb;
	return *cb_len > 0;
}

static int parse_entry(struct lwt_tstat *t, const char *line, size_t len,
		       const char *file, unsigned long lineno, struct lwt_err *err)
{
	const char *p = line, *comm, *site, *cb, *end = line + len;
	size_t comm_len, site_len, cb_len;
	uint64_t count, pid;
	struct attr a = { 0 };

	while (*p == ' ')
		p++;
	if (!take_u64(&p, &count))
		return lwt_errf(err, file, lineno, "expected an entry: no count");
	if (*p == 'D') {
		a.deferrable = true;
		p++;
	}
	if (*p++ != ',')
		return lwt_errf(err, file, lineno, "expected an entry: no ',' after the count");
	while (*p == ' ')
		p++;
	if (!take_u64(&p, &pid) || pid > INT32_MAX || *p != ' ')
		return lwt_errf(err, file, lineno, "entry without a pid");
	comm = ++p;
	/*
	 * The comm is "%-16s ": TASK_COMM_LEN is 16 with its NUL, so the
	 * field is 16 wide, its last column a pad, and a space follows.
	 * Take it by position, which is exact even for comms with spaces or
	 * brackets.  Failing that (text not from a kernel), the site is the
	 * last word before " (", with its " [module]", and the comm the
	 * text before it.
	 */
	if (end - comm > 17 && comm[15] == ' ' && comm[16] == ' ' &&
	    split_site(comm + 17, end - comm - 17, &site, &site_len, &cb, &cb_len)) {
		comm_len = rtrim_len(comm, 16);
	} else {
		const char *q;

		if (!split_site(comm, end - comm, &site, &site_len, &cb, &cb_len))
			return lwt_errf(err, file, lineno,
					"entry without 'site (callback)' after the comm");
		q = site + site_len;
		while (q > comm && q[-1] != ' ')
			q--;
		if (q > comm + 1 && *q == '[' && site[site_len - 1] == ']') {
			q--;
			while (q > comm && q[-1] != ' ')
				q--;
		}
		if (q == comm)
			return lwt_errf(err, file, lineno, "entry without a comm before the site");
		site_len -= q - site;
		site = q;
		comm_len = rtrim_len(comm, q - comm);
	}
	a.pid = pid;
	a.comm = intern(t->st, comm, comm_len);
	a.site = intern(t->st, site, site_len);
	a.callback = intern(t->st, cb, cb_len);
	if (!a.comm || !a.site || !a.callback)
		return lwt_errf(err, file, lineno, "out of memory");
	/* The file has no timer pointers: each line is one entry. */
	{
		struct lwt_tstat_row *r = get_row(t, &a);

		if (!r)
			return lwt_errf(err, file, lineno, "out of memory");
		r->count += count;
		r->timers++;
	}
	return 0;
}

/* "%ld total events" and ", %ld.%03ld events/sec"; 0 if not a total line. */
static int parse_total(struct lwt_tstat *t, const char *line, size_t len,
		       const char *file, unsigned long lineno, struct lwt_err *err)
{
	struct lwt_tstat_state *st = t->st;
	const char *p = line, *end = line + len, *frac;
	uint64_t v, f;

	if (!take_u64(&p, &v) || !starts(p, TOTAL_TAG))
		return 0;
	p += strlen(TOTAL_TAG);
	st->has_total = true;
	st->total = v;
	st->total_line = lineno;
	if (p == end)
		return 1;
	if (p[0] != ',' || p[1] != ' ')
		return lwt_errf(err, file, lineno, "bad total line: text after 'total events'");
	p += 2;
	if (!take_u64(&p, &v) || *p++ != '.' || (frac = p, !take_u64(&p, &f)) ||
	    p - frac != 3 || strcmp(p, RATE_TAG) || v > LONG_MAX)
		return lwt_errf(err, file, lineno,
				"bad total line: expected ', N.NNN events/sec'");
	st->has_rate = true;
	st->rate_int = v;
	st->rate_frac = f;
	return 1;
}

static int stat_line(struct lwt_tstat *t, const char *line, size_t len,
		     const char *file, unsigned long lineno, struct lwt_err *err)
{
	struct lwt_tstat_state *st = t->st;
	const char *p;
	uint64_t sec, ms;
	int ret;

	switch (st->stage) {
	case ST_PERIOD: {
		const char *frac;

		p = line + strlen(PERIOD_TAG);
		if (!starts(line, PERIOD_TAG) || !take_u64(&p, &sec) || *p++ != '.' ||
		    (frac = p, !take_u64(&p, &ms)) || p - frac != 3 || strcmp(p, " s") ||
		    sec > UINT64_MAX / 1000000000 - 1)
			return lwt_errf(err, file, lineno,
					"expected 'Sample period: SEC.MSEC s'");
		t->period_ns = sec * 1000000000 + ms * 1000000;
		st->stage = ST_HEADER;
		return 0;
	}
	case ST_HEADER:
		if (starts(line, OVERFLOW_TAG)) {
			uint64_t n;

			p = line + strlen(OVERFLOW_TAG);
			if (!take_u64(&p, &n) || strcmp(p, " entries") || n > INT32_MAX)
				return lwt_errf(err, file, lineno,
						"expected 'Overflow: N entries'");
			t->overflow = n;
			return 0;
		}
		if (starts(line, COLLECTION_TAG)) {
			p = line + strlen(COLLECTION_TAG);
			if (!strcmp(p, "active"))
				t->active = true;
			else if (strcmp(p, "inactive"))
				return lwt_errf(err, file, lineno,
						"expected 'Collection: active' or 'inactive'");
			st->stage = ST_ENTRIES;
			return 0;
		}
		st->stage = ST_ENTRIES;
		/* fall through */
	case ST_ENTRIES:
		ret = parse_total(t, line, len, file, lineno, err);
		if (ret < 0)
			return -1;
		if (ret) {
			st->stage = ST_DONE;
			return 0;
		}
		return parse_entry(t, line, len, file, lineno, err);
	default:
		return lwt_errf(err, file, lineno, "text after the total line");
	}
}

/* ---- ftrace text ------------------------------------------------------- */

/* The fields of an ftrace line's prefix: "comm-pid [cpu] flags ts: ". */
struct pfx {
	const char	*comm;
	size_t		comm_len;
	long		pid;
	long		cpu;
	uint64_t	ts;
	bool		ts_frac;	/* seconds.fraction, not a counter */
	const char	*rest;		/* the event's name, or "<stack trace>" */
};

/* A timestamp "SEC.FRAC: " or "COUNT: " at *@p. */
static bool take_ts(const char **p, struct pfx *x)
{
	const char *s = *p;
	uint64_t sec, frac = 0;
	int digits = 0;

	if (!take_u64(&s, &sec))
		return false;
	x->ts_frac = *s == '.';
	if (x->ts_frac) {
		for (s++; isdigit((unsigned char)*s); s++, digits++)
			if (digits < 9)
				frac = frac * 10 + (*s - '0');
		if (!digits)
			return false;
		for (; digits < 9; digits++)
			frac *= 10;
		if (sec > UINT64_MAX / 1000000000 - 1)
			return false;
		sec = sec * 1000000000 + frac;
	}
	if (s[0] != ':' || s[1] != ' ')
		return false;
	x->ts = sec;
	*p = s + 2;
	return true;
}

/*
 * Find "comm-pid [cpu]" then an optional flags field and the timestamp.
 * The comm may hold spaces, dashes and brackets: the pid is the digits
 * before the first " [N]" that is followed by a timestamp, after an
 * optional "(tgid)" of the record-tgid option.
 */
static bool parse_prefix(const char *line, struct pfx *x)
{
	const char *b, *q, *e, *pid_end, *c;
	uint64_t v;

	for (b = strstr(line, " ["); b; b = strstr(b + 1, " [")) {
		c = b + 2;
		if (!take_u64(&c, &v) || *c != ']' || v >= CPU_LIMIT)
			continue;
		x->cpu = v;
		e = c + 1;
		q = b;
		while (q > line && q[-1] == ' ')
			q--;
		if (q > line && q[-1] == ')') {
			while (q > line && q[-1] != '(')
				q--;
			if (q == line)
				continue;
			q--;
			while (q > line && q[-1] == ' ')
				q--;
		}
		pid_end = q;
		while (q > line && isdigit((unsigned char)q[-1]))
			q--;
		if (q == pid_end || q == line || q[-1] != '-' || pid_end - q > 10)
			continue;
		c = q;
		if (!take_u64(&c, &v) || v > INT32_MAX)
			continue;
		x->pid = v;
		x->comm = line;
		while (*x->comm == ' ')
			x->comm++;
		if (x->comm >= q - 1)
			continue;
		x->comm_len = q - 1 - x->comm;
		while (*e == ' ')
			e++;
		c = e;
		if (!take_ts(&c, x)) {
			while (*e && *e != ' ' && *e != ':')
				e++;
			while (*e == ' ')
				e++;
			c = e;
			if (!take_ts(&c, x))
				continue;
		}
		x->rest = c;
		return true;
	}
	return false;
}

/*
 * The value of " key=" in an event's text, up to the next " word=";
 * values may hold spaces ("fn [module]").  NULL if there is no such key.
 */
static const char *field(const char *body, const char *key, size_t *len)
{
	size_t kl = strlen(key);
	const char *p, *v, *s;

	for (p = body; (p = strstr(p, key)); p++) {
		if ((p != body && p[-1] != ' ') || p[kl] != '=')
			continue;
		v = p + kl + 1;
		for (s = v; *s && *s != '\n' && *s != '\r'; s++) {
			const char *w;

			if (*s != ' ')
				continue;
			for (w = s + 1; isalnum((unsigned char)*w) || *w == '_'; w++)
				;
			if (w > s + 1 && *w == '=')
				break;
		}
		*len = rtrim_len(v, s - v);
		return v;
	}
	return NULL;
}

static int take_ptr(const char *body, const char *key, uint64_t *ptr,
		    const char *file, unsigned long lineno, struct lwt_err *err)
{
	size_t n;
	const char *v = field(body, key, &n);
	char buf[24], *end;

	if (!v || !n)
		return lwt_errf(err, file, lineno, "timer event without %s=", key);
	if (n == strlen(HASHED_PTR) && starts(v, HASHED_PTR))
		return lwt_errf(err, file, lineno,
				"pointers are printed as " HASHED_PTR ": every timer "
				"looks the same; the kernel's pointer hashing was not ready");
	if (n >= sizeof(buf) || !isxdigit((unsigned char)v[0]))
		return lwt_errf(err, file, lineno, "%s=%.*s is not a pointer", key,
				(int)(n > 40 ? 40 : n), v);
	memcpy(buf, v, n);
	buf[n] = '\0';
	*ptr = strtoull(buf, &end, 16);
	if (*end)
		return lwt_errf(err, file, lineno, "%s=%s is not a pointer", key, buf);
	return 0;
}

/* A core, rearm or tracing function name, without compiler suffixes. */
#define TSTAT_NAME(n) n,
static const char *const core_names[] = { LWT_TIMER_CORE(TSTAT_NAME) NULL };
static const char *const rearm_names[] = { LWT_TIMER_REARM(TSTAT_NAME) NULL };
#undef TSTAT_NAME

/*
 * The tracing machinery under the start event: the module's probe is not
 * on its own stack, but the stacktrace trigger's stack holds these.
 */
static const char *const tracing_prefixes[] = {
	"trace_event_raw_event_", "perf_trace_", "__bpf_trace_", "__traceiter_",
	"__probestub_", NULL,
};

static bool in_list(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && !strncmp(*list, s, n))
			return true;
	return false;
}

/* Length of @s[0..n) without ".part.N", ".isra.N", ".constprop.N" suffixes. */
static size_t strip_suffixes(const char *s, size_t n)
{
	static const char *const sfx[] = { ".part.", ".isra.", ".constprop.", NULL };
	const char *const *x;
	bool again = true;

	while (again) {
		size_t d = n;

		again = false;
		while (d && isdigit((unsigned char)s[d - 1]))
			d--;
		if (d == n)
			break;
		for (x = sfx; *x; x++) {
			size_t l = strlen(*x);

			if (d >= l + 1 && !strncmp(s + d - l, *x, l)) {
				n = d - l;
				again = true;
				break;
			}
		}
	}
	return n;
}

enum frame_kind { FRAME_SKIP, FRAME_REARM, FRAME_SITE };

/*
 * One " => name[+0xoff/0xsize] [[module]] [<addr>]" frame: what it is,
 * and in @n the length of its name, the site as the module prints it
 * (the bare symbol, as lookup_symbol_name() gave the original).
 */
static enum frame_kind frame(const char *name, size_t *n)
{
	const char *const *x;
	size_t bare;

	*n = strcspn(name, " +\r\n");
	bare = strip_suffixes(name, *n);
	for (x = tracing_prefixes; *x; x++)
		if (bare >= strlen(*x) && starts(name, *x))
			return FRAME_SKIP;
	if (in_list(core_names, name, bare))
		return FRAME_SKIP;
	if (in_list(rearm_names, name, bare))
		return FRAME_REARM;
	return FRAME_SITE;
}

static struct slot *get_slot(struct lwt_tstat_state *st, long cpu)
{
	if ((size_t)cpu >= st->nslots) {
		size_t n = cpu + 1;
		struct slot *v = realloc(st->slots, n * sizeof(*v));

		if (!v)
			return NULL;
		memset(v + st->nslots, 0, (n - st->nslots) * sizeof(*v));
		st->slots = v;
		st->nslots = n;
	}
	return &st->slots[cpu];
}

/*
 * Give the arming waiting in @s its site: @site[0..@site_len), or the
 * timer's last site if @rearm (the timer core re-armed it), or
 * LWT_TSTAT_UNKNOWN if @site is NULL (its stack trace is missing).  Count
 * the expiries it held, and make it the timer's attribution.
 */
static int resolve(struct lwt_tstat *t, struct slot *s, const char *site,
		   size_t site_len, bool rearm)
{
	struct lwt_tstat_state *st = t->st;
	struct timer *tm = get_timer(st, s->hr, s->ptr, false);
	struct attr a = s->a;

	s->active = s->in_stack = false;
	if (rearm) {
		t->ft.rearms++;
		if (tm && tm->has_attr) {
			a.site = tm->attr.site;
			a.pid = tm->attr.pid;
			a.comm = tm->attr.comm;
		} else {
			a.site = a.callback;
		}
	} else {
		if (!site) {
			t->ft.no_stack++;
			site = LWT_TSTAT_UNKNOWN;
			site_len = strlen(site);
		}
		a.site = intern(st, site, site_len);
		if (!a.site)
			return -1;
	}
	if (s->count && add_count(t, &a, s->hr, s->ptr, s->count))
		return -1;
	if (tm) {
		if (!tm->has_attr || s->seq > tm->attr_seq) {
			tm->attr = a;
			tm->has_attr = true;
			tm->attr_seq = s->seq;
		}
		if (tm->pending && tm->pending_seq == s->seq)
			tm->pending = false;
	}
	return 0;
}

/* The arming waiting on @cpu, if any, has no stack trace. */
static int no_stack(struct lwt_tstat *t, long cpu)
{
	struct lwt_tstat_state *st = t->st;

	if ((size_t)cpu >= st->nslots || !st->slots[cpu].active)
		return 0;
	return resolve(t, &st->slots[cpu], NULL, 0, false);
}

/* The frames of a stack trace ended. */
static int end_stack(struct lwt_tstat *t)
{
	struct lwt_tstat_state *st = t->st;
	long cpu = st->stack_cpu;

	st->stack_cpu = -1;
	if (cpu < 0 || !st->slots[cpu].active)
		return 0;
	/* Every frame was the timer core or tracing. */
	return resolve(t, &st->slots[cpu], NULL, 0, false);
}

static int on_frame(struct lwt_tstat *t, const char *f)
{
	struct lwt_tstat_state *st = t->st;
	struct slot *s;
	size_t n;

	if (st->stack_cpu < 0)
		return 0;
	s = &st->slots[st->stack_cpu];
	switch (frame(f, &n)) {
	case FRAME_SKIP:
		return 0;
	case FRAME_REARM:
		st->stack_cpu = -1;
		return resolve(t, s, NULL, 0, true);
	default:
		st->stack_cpu = -1;
		return resolve(t, s, f, n, false);
	}
}

enum ev { EV_TIMER_START, EV_TIMER_EXPIRE, EV_HRTIMER_START, EV_HRTIMER_EXPIRE, EV_NR };

static const char *const ev_names[EV_NR] = {
	[EV_TIMER_START] = "timer_start",
	[EV_TIMER_EXPIRE] = "timer_expire_entry",
	[EV_HRTIMER_START] = "hrtimer_start",
	[EV_HRTIMER_EXPIRE] = "hrtimer_expire_entry",
};

static int on_start(struct lwt_tstat *t, const struct pfx *x, bool hr,
		    const char *body, const char *file, unsigned long lineno,
		    struct lwt_err *err)
{
	struct lwt_tstat_state *st = t->st;
	struct slot *s;
	struct timer *tm;
	const char *fn, *fl;
	size_t fn_len, fl_len;
	uint64_t ptr;
	char comm[64];

	if (take_ptr(body, hr ? "hrtimer" : "timer", &ptr, file, lineno, err))
		return -1;
	fn = field(body, "function", &fn_len);
	if (!fn || !fn_len)
		return lwt_errf(err, file, lineno, "timer event without function=");
	/* %ps adds " [module]"; the module prints the bare symbol */
	if (strcspn(fn, " ") < fn_len)
		fn_len = strcspn(fn, " ");
	if (no_stack(t, x->cpu))
		return lwt_errf(err, file, lineno, "out of memory");
	s = get_slot(st, x->cpu);
	tm = get_timer(st, hr, ptr, true);
	if (!s || !tm)
		return lwt_errf(err, file, lineno, "out of memory");
	*s = (struct slot){ .active = true, .hr = hr, .ptr = ptr, .seq = ++st->seq };
	s->a.pid = x->pid;
	/* ftrace names the idle tasks <idle>; the kernel, swapper/N. */
	if (x->pid == 0 && x->comm_len == 6 && starts(x->comm, "<idle>")) {
		snprintf(comm, sizeof(comm), "swapper/%ld", x->cpu);
	} else {
		/* as the module prints a comm: control characters as '?' */
		size_t i, n = x->comm_len < sizeof(comm) ? x->comm_len : sizeof(comm) - 1;

		for (i = 0; i < n; i++)
			comm[i] = (unsigned char)x->comm[i] < 0x20 || x->comm[i] == 0x7f ?
				  '?' : x->comm[i];
		comm[n] = '\0';
	}
	s->a.comm = intern(st, comm, strlen(comm));
	s->a.callback = intern(st, fn, fn_len);
	if (!hr && (fl = field(body, "flags", &fl_len))) {
		/* __print_flags(): "M|D|P|I" letters, and 0x... for the rest */
		const char *p = fl, *e = fl + fl_len;

		while (p < e) {
			size_t n = strcspn(p, "|");

			if (n > (size_t)(e - p))
				n = e - p;
			if (n == 1 && *p == 'D')
				s->a.deferrable = true;
			p += n + 1;
		}
	}
	if (!s->a.comm || !s->a.callback)
		return lwt_errf(err, file, lineno, "out of memory");
	tm->pending = true;
	tm->pending_cpu = x->cpu;
	tm->pending_seq = s->seq;
	t->ft.armings++;
	return 0;
}

static int on_expire(struct lwt_tstat *t, bool hr, const char *body,
		     const char *file, unsigned long lineno, struct lwt_err *err)
{
	struct lwt_tstat_state *st = t->st;
	struct timer *tm;
	uint64_t ptr;

	if (take_ptr(body, hr ? "hrtimer" : "timer", &ptr, file, lineno, err))
		return -1;
	tm = get_timer(st, hr, ptr, false);
	if (!tm) {
		t->ft.early++;
		return 0;
	}
	if (tm->pending) {
		struct slot *s = &st->slots[tm->pending_cpu];

		if (s->active && s->seq == tm->pending_seq) {
			s->count++;
			return 0;
		}
		tm->pending = false;
	}
	if (!tm->has_attr) {
		t->ft.early++;
		return 0;
	}
	if (add_count(t, &tm->attr, hr, ptr, 1))
		return lwt_errf(err, file, lineno, "out of memory");
	return 0;
}

static int ftrace_line(struct lwt_tstat *t, const char *line, const char *file,
		       unsigned long lineno, struct lwt_err *err)
{
	struct lwt_tstat_state *st = t->st;
	const char *p = line;
	struct pfx x;
	unsigned long long a, b;
	int e, n = 0;

	while (*p == ' ')
		p++;
	if (starts(p, "=> ")) {
		if (on_frame(t, p + 3))
			return lwt_errf(err, file, lineno, "out of memory");
		return 0;
	}
	if (end_stack(t))
		return lwt_errf(err, file, lineno, "out of memory");
	if (*p == '#') {
		if (sscanf(p, "# entries-in-buffer/entries-written: %llu/%llu%n",
			   &a, &b, &n) == 2 && n && b > a)
			t->ft.overwritten += b - a;
		return 0;
	}
	if (sscanf(p, "CPU:%llu [LOST %llu EVENTS]%n", &a, &b, &n) == 2 && n) {
		t->ft.lost += b;
		if (a < CPU_LIMIT && no_stack(t, a))
			return lwt_errf(err, file, lineno, "out of memory");
		return 0;
	}
	if (!parse_prefix(line, &x)) {
		for (e = 0; e < EV_NR; e++) {
			char pat[40];

			snprintf(pat, sizeof(pat), ": %s: ", ev_names[e]);
			if (strstr(line, pat))
				return lwt_errf(err, file, lineno,
						"%s event without 'comm-pid [cpu] ... timestamp:' before it",
						ev_names[e]);
		}
		return 0;
	}
	if (!st->has_ts || x.ts < st->ts_first)
		st->ts_first = x.ts;
	if (!st->has_ts || x.ts > st->ts_last)
		st->ts_last = x.ts;
	st->has_ts = true;
	if (!x.ts_frac)
		t->ft.counter_clock = true;
	if (starts(x.rest, "<stack trace>")) {
		struct slot *s = (size_t)x.cpu < st->nslots ? &st->slots[x.cpu] : NULL;

		if (s && s->active && !s->in_stack && s->a.pid == x.pid) {
			s->in_stack = true;
			st->stack_cpu = x.cpu;
		} else if (no_stack(t, x.cpu)) {
			return lwt_errf(err, file, lineno, "out of memory");
		}
		return 0;
	}
	if (no_stack(t, x.cpu))
		return lwt_errf(err, file, lineno, "out of memory");
	for (e = 0; e < EV_NR; e++) {
		size_t l = strlen(ev_names[e]);

		if (!strncmp(x.rest, ev_names[e], l) && x.rest[l] == ':' &&
		    (x.rest[l + 1] == ' ' || !x.rest[l + 1] || x.rest[l + 1] == '\n'))
			break;
	}
	if (e == EV_NR)
		return 0;
	t->ft.events++;
	p = x.rest + strlen(ev_names[e]) + 1;
	switch (e) {
	case EV_TIMER_START:
		return on_start(t, &x, false, p, file, lineno, err);
	case EV_HRTIMER_START:
		return on_start(t, &x, true, p, file, lineno, err);
	case EV_TIMER_EXPIRE:
		return on_expire(t, false, p, file, lineno, err);
	default:
		return on_expire(t, true, p, file, lineno, err);
	}
}

/* ---- the public functions --------------------------------------------- */

void lwt_tstat_init(struct lwt_tstat *t)
{
	memset(t, 0, sizeof(*t));
}

void lwt_tstat_free(struct lwt_tstat *t)
{
	struct lwt_tstat_state *st = t->st;
	size_t i;

	if (st) {
		for (i = 0; i < st->strs_cap; i++)
			free(st->strs[i]);
		free(st->strs);
		free(st->rowidx);
		free(st->timers);
		free(st->pairs);
		free(st->slots);
		free(st);
	}
	free(t->rows);
	memset(t, 0, sizeof(*t));
}

int lwt_tstat_parse_line(struct lwt_tstat *t, const char *line,
			 const char *file, unsigned long lineno,
			 struct lwt_err *err)
{
	size_t len = rtrim_len(line, strlen(line));
	const char *v;

	if (!t->st) {
		t->st = calloc(1, sizeof(*t->st));
		if (!t->st)
			return lwt_errf(err, file, lineno, "out of memory");
		t->st->stack_cpu = -1;
	}
	if (t->input == LWT_TSTAT_IN_NONE) {
		if (!len)
			return 0;
		if (!starts(line, VERSION_TAG)) {
			t->input = LWT_TSTAT_IN_FTRACE;
		} else {
			v = line + strlen(VERSION_TAG);
			if (len - (v - line) == strlen(LWT_TSTAT_VERSION) &&
			    starts(v, LWT_TSTAT_VERSION))
				t->input = LWT_TSTAT_IN_V03;
			else if (len - (v - line) == 4 && starts(v, "v0.2"))
				t->input = LWT_TSTAT_IN_V02;
			else
				return lwt_errf(err, file, lineno,
						"timer_stats version '%.*s': this tool reads v0.2 and "
						LWT_TSTAT_VERSION, (int)(len - (v - line)), v);
			t->st->stage = ST_PERIOD;
			return 0;
		}
	}
	if (t->input == LWT_TSTAT_IN_FTRACE)
		return ftrace_line(t, line, file, lineno, err);
	if (!len)
		return 0;
	{
		/* a NUL-terminated copy without the newline */
		char buf[1024], *c = len < sizeof(buf) ? buf : malloc(len + 1);
		int ret;

		if (!c)
			return lwt_errf(err, file, lineno, "out of memory");
		memcpy(c, line, len);
		c[len] = '\0';
		ret = stat_line(t, c, len, file, lineno, err);
		if (c != buf)
			free(c);
		return ret;
	}
}

int lwt_tstat_finish(struct lwt_tstat *t, const char *file, unsigned long lineno,
		     struct lwt_err *err)
{
	struct lwt_tstat_state *st = t->st;
	size_t i;

	if (t->input == LWT_TSTAT_IN_NONE)
		return lwt_errf(err, file, 0, "empty input");
	if (t->input == LWT_TSTAT_IN_FTRACE) {
		if (end_stack(t))
			return lwt_errf(err, file, 0, "out of memory");
		for (i = 0; i < st->nslots; i++)
			if (no_stack(t, i))
				return lwt_errf(err, file, 0, "out of memory");
		if (!t->ft.events)
			return lwt_errf(err, file, 0,
					"neither a timer_stats file (no 'Timer Stats Version:' "
					"line) nor ftrace text with timer:timer_start, "
					"timer_expire_entry, hrtimer_start or "
					"hrtimer_expire_entry events");
		t->period_ns = t->ft.counter_clock ? 0 : st->ts_last - st->ts_first;
		return 0;
	}
	if (st->stage < ST_HEADER)
		return lwt_errf(err, file, lineno, "no 'Sample period:' line: the file is cut short");
	if (!st->has_total)
		return lwt_errf(err, file, lineno,
				"no 'N total events' line: the file is cut short");
	{
		uint64_t total = lwt_tstat_total(t);
		long ri, rf;
		bool rate = kernel_rate(total, t->period_ns, &ri, &rf);

		if (total != st->total)
			return lwt_errf(err, file, st->total_line,
					"the total, %" PRIu64 " events, is not the sum of the entries, %" PRIu64,
					st->total, total);
		if (rate != st->has_rate || (rate && (ri != st->rate_int || rf != st->rate_frac)))
			return lwt_errf(err, file, st->total_line,
					"the rate does not follow from the total and the sample period");
	}
	return 0;
}

static int tstat_line(void *t, const char *line, const char *file,
		      unsigned long lineno, struct lwt_err *err)
{
	return lwt_tstat_parse_line(t, line, file, lineno, err);
}

int lwt_tstat_read(struct lwt_tstat *t, FILE *in, const char *file,
		   struct lwt_err *err)
{
	unsigned long lines;

	if (lwt_read_lines(in, file, tstat_line, t, &lines, err))
		return -1;
	return lwt_tstat_finish(t, file, lines, err);
}

void lwt_tstat_filter(struct lwt_tstat *t, long pid, const regex_t *comm)
{
	size_t i, n = 0;

	for (i = 0; i < t->nrows; i++) {
		struct lwt_tstat_row *r = &t->rows[i];

		if (pid >= 0 && r->pid != pid)
			continue;
		if (comm && regexec(comm, r->comm, 0, NULL, 0))
			continue;
		t->rows[n++] = *r;
	}
	t->nrows = n;
	/* The row index is stale now: nothing is added after a filter. */
	if (t->st && t->st->rowidx)
		memset(t->st->rowidx, 0, t->st->rowidx_cap * sizeof(*t->st->rowidx));
	if (t->st)
		t->st->stage = ST_DONE;
}

static int cmp_rest(const struct lwt_tstat_row *a, const struct lwt_tstat_row *b)
{
	int c;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	if (a->pid != b->pid)
		return a->pid < b->pid ? -1 : 1;
	if ((c = strcmp(a->comm, b->comm)))
		return c;
	if ((c = strcmp(a->site, b->site)))
		return c;
	if ((c = strcmp(a->callback, b->callback)))
		return c;
	return a->deferrable - b->deferrable;
}

static int cmp_rows(const void *pa, const void *pb, void *ctx)
{
	const struct lwt_tstat_row *a = pa, *b = pb;
	enum lwt_tstat_sort by = *(enum lwt_tstat_sort *)ctx;
	int c;

	if (by == LWT_TSTAT_SORT_PID && a->pid != b->pid)
		return a->pid < b->pid ? -1 : 1;
	if (by == LWT_TSTAT_SORT_SITE && (c = strcmp(a->site, b->site)))
		return c;
	return cmp_rest(a, b);
}

void lwt_tstat_sort(struct lwt_tstat *t, enum lwt_tstat_sort by)
{
	if (t->nrows > 1)
		qsort_r(t->rows, t->nrows, sizeof(*t->rows), cmp_rows, &by);
	if (t->st && t->st->rowidx)
		memset(t->st->rowidx, 0, t->st->rowidx_cap * sizeof(*t->st->rowidx));
}

uint64_t lwt_tstat_total(const struct lwt_tstat *t)
{
	uint64_t sum = 0;
	size_t i;

	for (i = 0; i < t->nrows; i++)
		sum += t->rows[i].count;
	return sum;
}

static void write_text(FILE *out, const struct lwt_tstat *t, size_t n)
{
	uint64_t total = lwt_tstat_total(t);
	long ri, rf;
	size_t i;

	fprintf(out, VERSION_TAG "%s\n",
		t->input == LWT_TSTAT_IN_V02 ? "v0.2" : LWT_TSTAT_VERSION);
	fprintf(out, PERIOD_TAG "%" PRIu64 ".%03" PRIu64 " s\n",
		t->period_ns / 1000000000, t->period_ns % 1000000000 / 1000000);
	if (t->overflow)
		fprintf(out, OVERFLOW_TAG "%ld entries\n", t->overflow);
	if (t->input != LWT_TSTAT_IN_V02)
		fprintf(out, COLLECTION_TAG "%s\n", t->active ? "active" : "inactive");
	for (i = 0; i < n; i++) {
		const struct lwt_tstat_row *r = &t->rows[i];

		if (r->deferrable)
			fprintf(out, "%4" PRIu64 "D, %5ld %-16s ", r->count, r->pid, r->comm);
		else
			fprintf(out, " %4" PRIu64 ", %5ld %-16s ", r->count, r->pid, r->comm);
		fprintf(out, "%s (%s)\n", r->site, r->callback);
	}
	if (kernel_rate(total, t->period_ns, &ri, &rf))
		fprintf(out, "%" PRIu64 TOTAL_TAG ", %ld.%03ld" RATE_TAG "\n", total, ri, rf);
	else
		fprintf(out, "%" PRIu64 TOTAL_TAG "\n", total);
}

static void write_csv(FILE *out, const struct lwt_tstat *t, size_t n)
{
	size_t i;

	fputs("count,deferrable,pid,comm,site,callback,timers,rate\n", out);
	for (i = 0; i < n; i++) {
		const struct lwt_tstat_row *r = &t->rows[i];

		fprintf(out, "%" PRIu64 ",%d,%ld,", r->count, r->deferrable, r->pid);
		lwt_csv_str(out, r->comm);
		fputc(',', out);
		lwt_csv_str(out, r->site);
		fputc(',', out);
		lwt_csv_str(out, r->callback);
		fprintf(out, ",%" PRIu64 ",", r->timers);
		if (t->period_ns)
			fprintf(out, "%.3f", r->count * 1e9 / t->period_ns);
		fputc('\n', out);
	}
}

static void write_json(FILE *out, const struct lwt_tstat *t, size_t n)
{
	static const char *const inputs[] = {
		[LWT_TSTAT_IN_NONE] = "none", [LWT_TSTAT_IN_V02] = "v0.2",
		[LWT_TSTAT_IN_V03] = "v0.3", [LWT_TSTAT_IN_FTRACE] = "ftrace",
	};
	uint64_t total = lwt_tstat_total(t);
	long ri, rf;
	size_t i;

	fprintf(out, "{\"input\": \"%s\", \"period_ns\": %" PRIu64 ", \"overflow\": %ld, ",
		inputs[t->input], t->period_ns, t->overflow);
	if (t->input == LWT_TSTAT_IN_V02)
		fputs("\"collection\": null, ", out);
	else
		fprintf(out, "\"collection\": \"%s\", ", t->active ? "active" : "inactive");
	fprintf(out, "\"total\": %" PRIu64 ", \"events_per_sec\": ", total);
	if (kernel_rate(total, t->period_ns, &ri, &rf))
		fprintf(out, "%ld.%03ld", ri, rf);
	else
		fputs("null", out);
	if (t->input == LWT_TSTAT_IN_FTRACE)
		fprintf(out, ",\n \"ftrace\": {\"events\": %" PRIu64 ", \"armings\": %" PRIu64
			", \"no_stack\": %" PRIu64 ", \"rearms\": %" PRIu64
			", \"armed_before\": %" PRIu64 ", \"lost\": %" PRIu64
			", \"overwritten\": %" PRIu64 ", \"counter_clock\": %s}",
			t->ft.events, t->ft.armings, t->ft.no_stack, t->ft.rearms,
			t->ft.early, t->ft.lost, t->ft.overwritten,
			t->ft.counter_clock ? "true" : "false");
	fputs(",\n \"rows\": [", out);
	for (i = 0; i < n; i++) {
		const struct lwt_tstat_row *r = &t->rows[i];

		fprintf(out, "%s\n  {\"count\": %" PRIu64 ", \"deferrable\": %s, \"pid\": %ld, \"comm\": ",
			i ? "," : "", r->count, r->deferrable ? "true" : "false", r->pid);
		lwt_json_str(out, r->comm);
		fputs(", \"site\": ", out);
		lwt_json_str(out, r->site);
		fputs(", \"callback\": ", out);
		lwt_json_str(out, r->callback);
		fprintf(out, ", \"timers\": %" PRIu64 ", \"rate\": ", r->timers);
		if (t->period_ns)
			fprintf(out, "%.3f}", r->count * 1e9 / t->period_ns);
		else
			fputs("null}", out);
	}
	fputs(n ? "\n ]}\n" : "]}\n", out);
}

void lwt_tstat_write(FILE *out, const struct lwt_tstat *t,
		     enum lwt_tstat_format fmt, size_t top)
{
	size_t n = top && top < t->nrows ? top : t->nrows;

	if (fmt == LWT_TSTAT_CSV)
		write_csv(out, t, n);
	else if (fmt == LWT_TSTAT_JSON)
		write_json(out, t, n);
	else
		write_text(out, t, n);
}
