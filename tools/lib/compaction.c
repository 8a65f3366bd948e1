// SPDX-License-Identifier: GPL-2.0
/*
 * compaction_times' analysis: see compaction.h.  The comments name the
 * original's functions (compaction-times.py) where this follows them.
 */
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <uapi/lwtrace.h>
#include "compaction.h"
#include "util.h"

#define MAX_COLS	128	/* columns of a module file, comm excluded */

static const struct {
	const char		*name;
	enum lwt_ct_evtype	type;
	const char		*a, *b;		/* the two fields it counts */
} events[] = {
	{ "mm_compaction_begin", LWT_CT_EV_BEGIN, NULL, NULL },
	{ "mm_compaction_end", LWT_CT_EV_END, NULL, NULL },
	{ "mm_compaction_migratepages", LWT_CT_EV_MIGRATE, "nr_migrated", "nr_failed" },
	{ "mm_compaction_isolate_freepages", LWT_CT_EV_ISOL_FREE, "nr_scanned", "nr_taken" },
	{ "mm_compaction_isolate_migratepages", LWT_CT_EV_ISOL_MIG, "nr_scanned", "nr_taken" },
	{ "mm_compaction_fast_isolate_freepages", LWT_CT_EV_FAST_ISOL_FREE, "nr_scanned", "nr_taken" },
};

#define NEVENTS	(sizeof(events) / sizeof(events[0]))

static const char *const col_names[LWT_CT_NCOLS] = {
	[LWT_CT_COL_BEGIN_NS] = "begin_ns",
	[LWT_CT_COL_END_NS] = "end_ns",
	[LWT_CT_COL_PID] = "pid",
	[LWT_CT_COL_COMPACTIONS] = "compactions",
	[LWT_CT_COL_STALL_NS] = "stall_ns",
	[LWT_CT_COL_MOVED] = "moved",
	[LWT_CT_COL_FAILED] = "failed",
	[LWT_CT_COL_FS_SCANNED] = "fs_scanned",
	[LWT_CT_COL_FS_ISOLATED] = "fs_isolated",
	[LWT_CT_COL_MS_SCANNED] = "ms_scanned",
	[LWT_CT_COL_MS_ISOLATED] = "ms_isolated",
	[LWT_CT_COL_FF_SCANNED] = "ff_scanned",
	[LWT_CT_COL_FF_ISOLATED] = "ff_isolated",
};

/* ---- display options, time ---- */

void lwt_ct_set_type(unsigned int *disp, unsigned int t)
{
	*disp = *disp == LWT_CT_DISP_ALL ? t : *disp | t;
}

int64_t lwt_ct_round_us(int64_t ns)
{
	int64_t q = ns / 1000, r = ns % 1000;

	if (r < 0) {		/* floor division, so that 0 <= r < 1000 */
		q--;
		r += 1000;
	}
	if (r > 500 || (r == 500 && (q & 1)))
		q++;
	return q;
}

/* ---- the filter ---- */

/*
 * The original's pid_regex, "^(\d*)-(\d*)$|^(\d*)$", by hand: @low and
 * @high are set to the digits of each side, or "" for a bare number.
 * Python's $ also matches before a final newline.
 */
static bool pid_arg(const char *arg, char *low, char *high, size_t size,
		    bool *range)
{
	size_t n = strlen(arg), d1, d2;

	if (n && arg[n - 1] == '\n')
		n--;
	d1 = strspn(arg, "0123456789");
	if (d1 > n)
		d1 = n;
	if (d1 == n) {
		if (n == 0 || n >= size)	/* "" is no pid: it is a regex */
			return false;
		memcpy(low, arg, n);
		low[n] = '\0';
		*range = false;
		return true;
	}
	if (arg[d1] != '-')
		return false;
	d2 = strspn(arg + d1 + 1, "0123456789");
	if (d1 + 1 + d2 != n || d1 >= size || d2 >= size)
		return false;
	memcpy(low, arg, d1);
	low[d1] = '\0';
	memcpy(high, arg + d1 + 1, d2);
	high[d2] = '\0';
	*range = true;
	return true;
}

/* A decimal bound, as Python's int(): "" is 0; too large saturates. */
static unsigned long long bound(const char *s)
{
	unsigned long long v;

	if (!*s)
		return 0;
	errno = 0;
	v = strtoull(s, NULL, 10);
	return errno ? ULLONG_MAX : v;
}

/* \d and \D, outside brackets, as Python means them; the rest as is. */
static char *python_classes(const char *re)
{
	size_t n = strlen(re);
	char *out = malloc(n * 3 + 1), *o = out;
	bool bracket = false;

	if (!out)
		return NULL;
	for (; *re; re++) {
		if (bracket) {
			if (*re == ']' && o[-1] != '[' && !(o[-1] == '^' && o[-2] == '['))
				bracket = false;
			*o++ = *re;
		} else if (re[0] == '\\' && (re[1] == 'd' || re[1] == 'D')) {
			o = stpcpy(o, re[1] == 'd' ? "[0-9]" : "[^0-9]");
			re++;
		} else if (re[0] == '\\' && re[1]) {
			*o++ = *re++;
			*o++ = *re;
		} else {
			if (*re == '[')
				bracket = true;
			*o++ = *re;
		}
	}
	*o = '\0';
	return out;
}

int lwt_ct_filter_init(struct lwt_ct_filter *f, const char *arg,
		       struct lwt_err *err)
{
	char low[32], high[32], why[256], *re;
	bool range;
	int rc;

	memset(f, 0, sizeof(*f));
	f->kind = LWT_CT_FILTER_NONE;
	if (!arg)
		return 0;
	if (pid_arg(arg, low, high, sizeof(low), &range)) {
		/* pid_filter(): a bare pid N is the range N-N */
		f->kind = LWT_CT_FILTER_PID;
		f->low = bound(low);
		f->high = range ? bound(high) : f->low;
		return 0;
	}
	re = python_classes(arg);
	if (!re)
		return lwt_errf(err, NULL, 0, "out of memory");
	rc = regcomp(&f->re, re, REG_EXTENDED);
	free(re);
	if (rc) {
		regerror(rc, &f->re, why, sizeof(why));
		return lwt_errf(err, NULL, 0, "invalid regex '%s': %s", arg, why);
	}
	f->kind = LWT_CT_FILTER_COMM;
	return 0;
}

bool lwt_ct_filter_skip(const struct lwt_ct_filter *f, long pid,
			const char *comm)
{
	regmatch_t m;
	unsigned long long p = pid < 0 ? 0 : (unsigned long long)pid;

	if (!f)
		return false;
	switch (f->kind) {
	case LWT_CT_FILTER_PID:		/* pid_filter.filter() */
		return !(p >= f->low && (f->high == 0 || p <= f->high));
	case LWT_CT_FILTER_COMM:	/* comm_filter.filter() */
		return regexec(&f->re, comm, 1, &m, 0) != 0 || m.rm_so == m.rm_eo;
	default:
		return false;
	}
}

void lwt_ct_filter_free(struct lwt_ct_filter *f)
{
	if (f->kind == LWT_CT_FILTER_COMM)
		regfree(&f->re);
	f->kind = LWT_CT_FILTER_NONE;
}

/* ---- tasks ---- */

void lwt_ct_init(struct lwt_ct *ct, enum lwt_ct_proc proc,
		 const struct lwt_ct_filter *filter, FILE *warn)
{
	int i;

	memset(ct, 0, sizeof(*ct));
	ct->proc = proc;
	ct->filter = filter;
	ct->warn = warn;
	ct->ts_digits = 9;
	ct->loss.dropped = ct->loss.unmatched = -1;
	ct->loss.pending = ct->loss.table_full = -1;
	for (i = 0; i < LWT_CT_NCOLS; i++)
		ct->col[i] = -1;
}

void lwt_ct_free(struct lwt_ct *ct)
{
	size_t i;

	for (i = 0; i < ct->ntasks; i++) {
		free(ct->tasks[i]->comm);
		free(ct->tasks[i]->comps);
		free(ct->tasks[i]);
	}
	free(ct->tasks);
	free(ct->hash);
	ct->tasks = NULL;
	ct->hash = NULL;
	ct->ntasks = ct->tasks_cap = ct->hash_size = 0;
}

static size_t hash_pid(long pid, size_t size)
{
	return ((uint64_t)pid * 0x9e3779b97f4a7c15ULL >> 17) & (size - 1);
}

static struct lwt_ct_task *find_task(const struct lwt_ct *ct, long pid)
{
	size_t h;

	if (!ct->hash_size)
		return NULL;
	for (h = hash_pid(pid, ct->hash_size); ct->hash[h] >= 0;
	     h = (h + 1) & (ct->hash_size - 1))
		if (ct->tasks[ct->hash[h]]->pid == pid)
			return ct->tasks[ct->hash[h]];
	return NULL;
}

static void hash_insert(long *hash, size_t size, long pid, long idx)
{
	size_t h;

	for (h = hash_pid(pid, size); hash[h] >= 0; h = (h + 1) & (size - 1))
		;
	hash[h] = idx;
}

static int rehash(struct lwt_ct *ct, size_t size)
{
	long *hash = malloc(size * sizeof(*hash));
	size_t i;

	if (!hash)
		return -1;
	for (i = 0; i < size; i++)
		hash[i] = -1;
	for (i = 0; i < ct->ntasks; i++)
		hash_insert(hash, size, ct->tasks[i]->pid, i);
	free(ct->hash);
	ct->hash = hash;
	ct->hash_size = size;
	return 0;
}

/* A new task, last in the order; chead.__init__(). */
static struct lwt_ct_task *new_task(struct lwt_ct *ct, long pid,
				    const char *comm, struct lwt_err *err)
{
	struct lwt_ct_task *t = calloc(1, sizeof(*t));

	if (!t || !(t->comm = strdup(comm)) ||
	    lwt_grow(&ct->tasks, &ct->tasks_cap, ct->ntasks + 1, sizeof(*ct->tasks)) ||
	    ((ct->ntasks + 1) * 2 > ct->hash_size &&
	     rehash(ct, ct->hash_size ? ct->hash_size * 2 : 64))) {
		if (t)
			free(t->comm);
		free(t);
		lwt_errf(err, NULL, 0, "out of memory");
		return NULL;
	}
	t->pid = pid;
	hash_insert(ct->hash, ct->hash_size, pid, ct->ntasks);
	ct->tasks[ct->ntasks++] = t;
	return t;
}

static void counts_add(struct lwt_ct_counts *d, const struct lwt_ct_counts *s)
{
	d->stall_ns += s->stall_ns;
	d->compactions += s->compactions;
	d->moved += s->moved;
	d->failed += s->failed;
	d->fs_scanned += s->fs_scanned;
	d->fs_isolated += s->fs_isolated;
	d->ms_scanned += s->ms_scanned;
	d->ms_isolated += s->ms_isolated;
	d->ff_scanned += s->ff_scanned;
	d->ff_isolated += s->ff_isolated;
}

static int add_comp(struct lwt_ct_task *t, const struct lwt_ct_comp *c,
		    struct lwt_err *err)
{
	if (lwt_grow(&t->comps, &t->comps_cap, t->ncomps + 1, sizeof(*t->comps)))
		return lwt_errf(err, NULL, 0, "out of memory");
	t->comps[t->ncomps++] = *c;
	return 0;
}

/* ---- trace events: the original's handlers ---- */

int lwt_ct_event(struct lwt_ct *ct, const struct lwt_ct_event *ev,
		 struct lwt_err *err)
{
	struct lwt_ct_task *t = find_task(ct, ev->pid);
	struct lwt_ct_counts *c;

	ct->nevents++;
	if (ev->type == LWT_CT_EV_FAST_ISOL_FREE)
		ct->ff_counted = true;
	if (ev->ts_digits < 0)
		ct->ts_raw = true;
	else if (ev->ts_digits < ct->ts_digits)
		ct->ts_digits = ev->ts_digits;

	if (ev->type == LWT_CT_EV_BEGIN) {
		/* chead.create_pending(): the filter is asked once per pid */
		if (!t) {
			t = new_task(ct, ev->pid, ev->comm, err);
			if (!t)
				return -1;
			t->filtered = lwt_ct_filter_skip(ct->filter, ev->pid, ev->comm);
		}
		if (!t->filtered) {
			/* a begin on an open compaction starts it again */
			t->pending = true;
			memset(&t->cur, 0, sizeof(t->cur));
			t->cur.begin_ns = ev->ts_ns;
			t->cur.seq = ct->seq++;
		}
		return 0;
	}

	/*
	 * chead.increment_pending() and complete_pending().  The original
	 * raises KeyError (and perf aborts) on a pid it never saw begin; the
	 * 2026 port ignores it silently; here it is missing its start too.
	 * fast_isolate_freepages has no handler in the original: no message.
	 */
	if (t && t->filtered)
		return 0;
	if (!t || !t->pending) {
		if (ev->type == LWT_CT_EV_FAST_ISOL_FREE)
			return 0;
		ct->loss.missing_begin++;
		if (ct->warn)
			fprintf(ct->warn, "missing start compaction event for pid %ld\n",
				ev->pid);
		return 0;
	}
	c = &t->cur.c;
	switch (ev->type) {
	case LWT_CT_EV_MIGRATE:
		c->moved += ev->a;
		c->failed += ev->b;
		break;
	case LWT_CT_EV_ISOL_FREE:
		c->fs_scanned += ev->a;
		c->fs_isolated += ev->b;
		break;
	case LWT_CT_EV_ISOL_MIG:
		c->ms_scanned += ev->a;
		c->ms_isolated += ev->b;
		break;
	case LWT_CT_EV_FAST_ISOL_FREE:
		c->ff_scanned += ev->a;
		c->ff_isolated += ev->b;
		break;
	case LWT_CT_EV_END:
		/* chead.make_complete() */
		t->cur.end_ns = ev->ts_ns;
		c->stall_ns = (int64_t)(ev->ts_ns - t->cur.begin_ns);
		c->compactions = 1;
		t->pending = false;
		counts_add(&ct->total, c);
		counts_add(&t->sum, c);
		if (ct->proc == LWT_CT_PROC_VERBOSE)
			return add_comp(t, &t->cur, err);
		break;
	case LWT_CT_EV_BEGIN:
		break;
	}
	return 0;
}

/* ---- trace lines ---- */

static bool is_digits(const char *s, const char *e)
{
	if (s >= e)
		return false;
	for (; s < e; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

/* [s, e) without the spaces at its end; returns the new e. */
static const char *rtrim(const char *s, const char *e)
{
	while (e > s && isspace((unsigned char)e[-1]))
		e--;
	return e;
}

/* The last token of [s, e), which has no space at its end. */
static const char *last_token(const char *s, const char *e)
{
	while (e > s && !isspace((unsigned char)e[-1]))
		e--;
	return e;
}

/* "SECS.FRACTION" or "NUMBER" in [s, e). */
static bool parse_ts(const char *s, const char *e, uint64_t *ns, int *digits)
{
	const char *dot = memchr(s, '.', e - s);
	uint64_t secs = 0, frac = 0;
	int d;

	if (!dot) {
		if (!is_digits(s, e) || e - s > 19)
			return false;
		*ns = strtoull(s, NULL, 10);
		*digits = -1;	/* a clock that does not count seconds */
		return true;
	}
	d = e - dot - 1;
	if (!is_digits(s, dot) || !is_digits(dot + 1, e) || d > 9 || dot - s > 10)
		return false;
	secs = strtoull(s, NULL, 10);
	frac = strtoull(dot + 1, NULL, 10);
	for (*digits = d; d < 9; d++)
		frac *= 10;
	*ns = secs * 1000000000ULL + frac;
	return true;
}

static bool parse_pid(const char *s, const char *e, long *pid)
{
	if (!is_digits(s, e) || e - s > 10)
		return false;
	*pid = strtol(s, NULL, 10);
	return *pid <= INT32_MAX;
}

static void set_comm(struct lwt_ct_event *ev, const char *s, const char *e)
{
	size_t n;

	while (s < e && isspace((unsigned char)*s))
		s++;
	n = e - s;
	if (n >= sizeof(ev->comm))
		n = sizeof(ev->comm) - 1;
	memcpy(ev->comm, s, n);
	ev->comm[n] = '\0';
}

/* "COMM-PID [(TGID)] [CPU] [FLAGS] TS" in [s, e). */
static bool ftrace_context(const char *s, const char *e, struct lwt_ct_event *ev)
{
	const char *t, *dash;

	e = rtrim(s, e);
	t = last_token(s, e);
	if (!parse_ts(t, e, &ev->ts_ns, &ev->ts_digits))
		return false;
	e = rtrim(s, t);
	t = last_token(s, e);
	if (t == e || *t != '[') {		/* the irqs-off/... flags */
		e = rtrim(s, t);
		t = last_token(s, e);
	}
	if (e - t < 3 || *t != '[' || e[-1] != ']' || !is_digits(t + 1, e - 1))
		return false;
	e = rtrim(s, t);
	if (e > s && e[-1] == ')') {		/* options/record-tgid */
		for (t = e - 1; t > s && t[-1] != '('; t--)
			;
		if (t == s)
			return false;
		e = rtrim(s, t - 1);
	}
	for (dash = e; dash > s && dash[-1] != '-'; dash--)
		;
	if (dash == s || !parse_pid(dash, e, &ev->pid))
		return false;
	set_comm(ev, s, dash - 1);
	return true;
}

/* "COMM [PID/]TID [[CPU]] TS" in [s, e). */
static bool perf_context(const char *s, const char *e, struct lwt_ct_event *ev)
{
	const char *t, *slash;

	e = rtrim(s, e);
	t = last_token(s, e);
	if (!parse_ts(t, e, &ev->ts_ns, &ev->ts_digits))
		return false;
	e = rtrim(s, t);
	t = last_token(s, e);
	if (e - t >= 3 && *t == '[' && e[-1] == ']' && is_digits(t + 1, e - 1)) {
		e = rtrim(s, t);
		t = last_token(s, e);
	}
	slash = memchr(t, '/', e - t);
	if (slash && !is_digits(t, slash))
		return false;
	if (!parse_pid(slash ? slash + 1 : t, e, &ev->pid))
		return false;
	set_comm(ev, s, rtrim(s, t));
	return true;
}

/* The value of "KEY=N" in the event's arguments. */
static bool arg_u64(const char *args, const char *key, uint64_t *v)
{
	size_t n = strlen(key);
	const char *p;
	char *end;

	for (p = strstr(args, key); p; p = strstr(p + 1, key)) {
		if ((p == args || p[-1] == ' ' || p[-1] == ',' || p[-1] == '(') &&
		    p[n] == '=' && isdigit((unsigned char)p[n + 1])) {
			errno = 0;
			*v = strtoull(p + n + 1, &end, 10);
			return !errno;
		}
	}
	return false;
}

/*
 * Find the event of a line: the first ": " whose left side reads as the
 * line's context is where the event name starts.  The comm may hold ": "
 * too, but then its left side has no timestamp at its end.
 */
static int parse_event(const char *line, bool perf, struct lwt_ct_event *ev,
		       const char *file, unsigned long lineno,
		       struct lwt_err *err)
{
	const char *p, *name, *colon, *args;
	size_t i, n;

	for (p = strstr(line, ": "); p; p = strstr(p + 1, ": ")) {
		if (perf ? perf_context(line, p, ev) : ftrace_context(line, p, ev))
			break;
	}
	if (!p)
		return 0;
	for (name = p + 2; *name == ' '; name++)
		;
	if (perf) {
		if (strncmp(name, "compaction:", 11))
			return 0;
		name += 11;
	}
	colon = strchr(name, ':');
	n = colon ? (size_t)(colon - name) : strlen(name);
	for (i = 0; i < NEVENTS; i++)
		if (strlen(events[i].name) == n && !strncmp(name, events[i].name, n))
			break;
	if (i == NEVENTS)
		return 0;
	ev->type = events[i].type;
	ev->a = ev->b = 0;
	if (!events[i].a)
		return 1;
	args = colon ? colon + 1 : "";
	while (*args == ' ')
		args++;
	if (!arg_u64(args, events[i].a, &ev->a))
		return lwt_errf(err, file, lineno, "%s event without %s=N",
				events[i].name, events[i].a);
	if (!arg_u64(args, events[i].b, &ev->b))
		return lwt_errf(err, file, lineno, "%s event without %s=N",
				events[i].name, events[i].b);
	return 1;
}

int lwt_ct_parse_ftrace(const char *line, struct lwt_ct_event *ev,
			const char *file, unsigned long lineno,
			struct lwt_err *err)
{
	return parse_event(line, false, ev, file, lineno, err);
}

int lwt_ct_parse_perf(const char *line, struct lwt_ct_event *ev,
		      const char *file, unsigned long lineno,
		      struct lwt_err *err)
{
	return parse_event(line, true, ev, file, lineno, err);
}

/* A counted compaction event named in a line that did not read as one. */
static const char *names_event(const char *line, bool perf)
{
	const char *p;
	size_t i, n;

	for (i = 0; i < NEVENTS; i++) {
		n = strlen(events[i].name);
		for (p = strstr(line, events[i].name); p; p = strstr(p + 1, events[i].name)) {
			if (p[n] != ':')
				continue;
			if (perf ? p - line >= 11 && !strncmp(p - 11, "compaction:", 11) :
			    p - line >= 2 && !strncmp(p - 2, ": ", 2))
				return events[i].name;
		}
	}
	return NULL;
}

static int trace_line(struct lwt_ct *ct, const char *line, const char *file,
		      unsigned long lineno, struct lwt_err *err)
{
	bool perf = ct->kind == LWT_CT_PERF;
	struct lwt_ct_event ev;
	unsigned long long a, b;
	const char *name;
	int rc;

	if (!perf && line[0] == '#') {
		if (sscanf(line, "# entries-in-buffer/entries-written: %llu/%llu", &a, &b) == 2 &&
		    b > a)
			ct->loss.overwritten += b - a;
		else if (!strncmp(line, "##### CPU ", 10) && strstr(line, "buffer started"))
			ct->loss.buffer_started++;
		return 0;
	}
	if (!perf && sscanf(line, "CPU:%*u [LOST %llu EVENTS]", &a) == 1) {
		ct->loss.lost += a;
		return 0;
	}
	if (perf && line[0] == '#')
		return 0;
	rc = parse_event(line, perf, &ev, file, lineno, err);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		name = names_event(line, perf);
		if (name)
			return lwt_errf(err, file, lineno, "cannot read this %s line as %s",
					name, perf ? "perf script text" : "ftrace text");
		return 0;
	}
	return lwt_ct_event(ct, &ev, err);
}

/* ---- the module's files ---- */

static int module_tag(struct lwt_ct *ct, const char *line, const char *file,
		      unsigned long lineno, struct lwt_err *err)
{
	static const struct {
		const char	*tag;
		size_t		off;
	} counts[] = {
		{ LWT_TAG_DROPPED, offsetof(struct lwt_ct_loss, dropped) },
		{ LWT_TAG_UNMATCHED, offsetof(struct lwt_ct_loss, unmatched) },
		{ LWT_TAG_PENDING, offsetof(struct lwt_ct_loss, pending) },
		{ LWT_TAG_TABLE_FULL, offsetof(struct lwt_ct_loss, table_full) },
	};
	const char *tag = line + 1, *val;
	size_t n, i;
	char *end;

	while (*tag == ' ')
		tag++;
	n = strcspn(tag, " \t");
	val = tag + n;
	while (*val == ' ' || *val == '\t')
		val++;

	if (n == strlen(LWT_TAG_VERSION) && !strncmp(tag, LWT_TAG_VERSION, n)) {
		if (strtol(val, &end, 10) != 1 || end == val ||
		    (*end != '.' && *end != '\0' && *end != ' '))
			return lwt_errf(err, file, lineno,
					"format version %s: this tool reads %c.x.x",
					val, LWT_CT_VERSION[0]);
		ct->has_version = true;
		return 0;
	}
	if (n == strlen(LWT_TAG_CLOCK) && !strncmp(tag, LWT_TAG_CLOCK, n)) {
		snprintf(ct->clock, sizeof(ct->clock), "%.*s", (int)strcspn(val, " \t"), val);
		return 0;
	}
	for (i = 0; i < sizeof(counts) / sizeof(counts[0]); i++) {
		long long *v = (long long *)((char *)&ct->loss + counts[i].off);

		if (n != strlen(counts[i].tag) || strncmp(tag, counts[i].tag, n))
			continue;
		errno = 0;
		*v = strtoll(val, &end, 10);
		if (end == val || errno || *v < 0 || (*end && *end != ' ' && *end != '\t'))
			return lwt_errf(err, file, lineno, "'# %s %s': not a count",
					counts[i].tag, val);
		return 0;
	}
	if (n == strlen(LWT_TAG_FIELDS) && !strncmp(tag, LWT_TAG_FIELDS, n)) {
		static const enum lwt_ct_col records[] = {
			LWT_CT_COL_BEGIN_NS, LWT_CT_COL_END_NS, LWT_CT_COL_PID,
			LWT_CT_COL_MOVED, LWT_CT_COL_FAILED,
			LWT_CT_COL_FS_SCANNED, LWT_CT_COL_FS_ISOLATED,
			LWT_CT_COL_MS_SCANNED, LWT_CT_COL_MS_ISOLATED,
		};
		static const enum lwt_ct_col tasks[] = {
			LWT_CT_COL_PID, LWT_CT_COL_COMPACTIONS, LWT_CT_COL_STALL_NS,
			LWT_CT_COL_MOVED, LWT_CT_COL_FAILED,
			LWT_CT_COL_FS_SCANNED, LWT_CT_COL_FS_ISOLATED,
			LWT_CT_COL_MS_SCANNED, LWT_CT_COL_MS_ISOLATED,
		};
		const enum lwt_ct_col *need;
		size_t nneed, k, col = 0;
		const char *p = val, *last = NULL;

		if (ct->kind != LWT_CT_UNKNOWN)
			return lwt_errf(err, file, lineno, "a second '# %s' line",
					LWT_TAG_FIELDS);
		while (*p) {
			n = strcspn(p, " \t");
			last = p;
			for (k = 0; k < LWT_CT_NCOLS; k++)
				if (strlen(col_names[k]) == n && !strncmp(p, col_names[k], n) &&
				    ct->col[k] < 0)
					ct->col[k] = col;
			col++;
			p += n;
			while (*p == ' ' || *p == '\t')
				p++;
		}
		if (!last || strncmp(last, "comm", 4) || (last[4] && !isspace((unsigned char)last[4])))
			return lwt_errf(err, file, lineno,
					"the last of '# %s' is not comm", LWT_TAG_FIELDS);
		ct->ncols = col - 1;
		if (ct->ncols > MAX_COLS)
			return lwt_errf(err, file, lineno, "more than %d columns", MAX_COLS);
		if (ct->col[LWT_CT_COL_BEGIN_NS] >= 0) {
			ct->kind = LWT_CT_RECORDS;
			need = records;
			nneed = sizeof(records) / sizeof(records[0]);
		} else if (ct->col[LWT_CT_COL_COMPACTIONS] >= 0) {
			ct->kind = LWT_CT_TASKS;
			need = tasks;
			nneed = sizeof(tasks) / sizeof(tasks[0]);
		} else {
			return lwt_errf(err, file, lineno,
					"'# %s' has neither begin_ns (records) nor compactions (tasks)",
					LWT_TAG_FIELDS);
		}
		for (k = 0; k < nneed; k++)
			if (ct->col[need[k]] < 0 || (size_t)ct->col[need[k]] >= ct->ncols)
				return lwt_errf(err, file, lineno, "'# %s' has no column %s",
						LWT_TAG_FIELDS, col_names[need[k]]);
		ct->ff_counted = ct->col[LWT_CT_COL_FF_SCANNED] >= 0 &&
				 ct->col[LWT_CT_COL_FF_ISOLATED] >= 0 &&
				 (size_t)ct->col[LWT_CT_COL_FF_SCANNED] < ct->ncols &&
				 (size_t)ct->col[LWT_CT_COL_FF_ISOLATED] < ct->ncols;
		return 0;
	}
	return 0;	/* a tag of a later minor version, or a comment */
}

static bool col_u64(const char *const *tok, const int *col, enum lwt_ct_col c,
		    uint64_t *v)
{
	const char *s;
	char *end;

	if (col[c] < 0)
		return true;
	s = tok[col[c]];
	if (!isdigit((unsigned char)*s))
		return false;
	errno = 0;
	*v = strtoull(s, &end, 10);
	return !errno && (*end == ' ' || *end == '\t' || *end == '\0');
}

static int module_row(struct lwt_ct *ct, const char *line, const char *file,
		      unsigned long lineno, struct lwt_err *err)
{
	const char *tok[MAX_COLS], *p, *sep = strstr(line, " : ");
	struct lwt_ct_task *t;
	struct lwt_ct_comp c;
	uint64_t pid = 0;
	size_t n = 0;
	int k;
	static const enum lwt_ct_col counts[] = {
		LWT_CT_COL_MOVED, LWT_CT_COL_FAILED, LWT_CT_COL_FS_SCANNED,
		LWT_CT_COL_FS_ISOLATED, LWT_CT_COL_MS_SCANNED, LWT_CT_COL_MS_ISOLATED,
		LWT_CT_COL_FF_SCANNED, LWT_CT_COL_FF_ISOLATED,
	};
	uint64_t *dst[] = {
		&c.c.moved, &c.c.failed, &c.c.fs_scanned, &c.c.fs_isolated,
		&c.c.ms_scanned, &c.c.ms_isolated, &c.c.ff_scanned, &c.c.ff_isolated,
	};

	if (ct->kind == LWT_CT_UNKNOWN)
		return lwt_errf(err, file, lineno, "a row before the '# %s' line",
				LWT_TAG_FIELDS);
	if (!sep)
		return lwt_errf(err, file, lineno, "no ' : ' before the comm");
	for (p = line; p < sep; ) {
		while (p < sep && (*p == ' ' || *p == '\t'))
			p++;
		if (p == sep)
			break;
		if (n == MAX_COLS)
			return lwt_errf(err, file, lineno, "more than %d columns", MAX_COLS);
		tok[n++] = p;
		while (p < sep && *p != ' ' && *p != '\t')
			p++;
	}
	if (n != ct->ncols)
		return lwt_errf(err, file, lineno, "%zu columns before the comm, not the %zu of '# %s'",
				n, ct->ncols, LWT_TAG_FIELDS);
	memset(&c, 0, sizeof(c));
	for (k = 0; k < (int)(sizeof(counts) / sizeof(counts[0])); k++)
		if (!col_u64(tok, ct->col, counts[k], dst[k]))
			return lwt_errf(err, file, lineno, "%s: not a count", col_names[counts[k]]);
	if (!col_u64(tok, ct->col, LWT_CT_COL_PID, &pid) || pid > INT32_MAX)
		return lwt_errf(err, file, lineno, "pid: not a pid");
	ct->nevents++;
	c.seq = ct->seq++;

	if (ct->kind == LWT_CT_TASKS) {
		char *end;

		if (!col_u64(tok, ct->col, LWT_CT_COL_COMPACTIONS, &c.c.compactions))
			return lwt_errf(err, file, lineno, "compactions: not a count");
		errno = 0;
		c.c.stall_ns = strtoll(tok[ct->col[LWT_CT_COL_STALL_NS]], &end, 10);
		if (errno || end == tok[ct->col[LWT_CT_COL_STALL_NS]] ||
		    (*end != ' ' && *end != '\t' && *end != '\0'))
			return lwt_errf(err, file, lineno, "stall_ns: not a number of ns");
		t = find_task(ct, pid);
		if (!t && !(t = new_task(ct, pid, sep + 3, err)))
			return -1;
		counts_add(&t->sum, &c.c);
		return 0;
	}

	if (!col_u64(tok, ct->col, LWT_CT_COL_BEGIN_NS, &c.begin_ns))
		return lwt_errf(err, file, lineno, "begin_ns: not a time in ns");
	if (!col_u64(tok, ct->col, LWT_CT_COL_END_NS, &c.end_ns))
		return lwt_errf(err, file, lineno, "end_ns: not a time in ns");
	c.c.stall_ns = (int64_t)(c.end_ns - c.begin_ns);
	c.c.compactions = 1;
	t = find_task(ct, pid);
	if (!t) {
		t = new_task(ct, pid, sep + 3, err);
		if (!t)
			return -1;
		t->first_begin = c.begin_ns;
		t->first_seq = c.seq;
	} else if (c.begin_ns < t->first_begin) {
		char *comm = strdup(sep + 3);

		if (!comm)
			return lwt_errf(err, NULL, 0, "out of memory");
		free(t->comm);
		t->comm = comm;
		t->first_begin = c.begin_ns;
		t->first_seq = c.seq;
	}
	counts_add(&t->sum, &c.c);
	if (ct->proc == LWT_CT_PROC_VERBOSE)
		return add_comp(t, &c, err);
	return 0;
}

static int module_line(struct lwt_ct *ct, const char *line, const char *file,
		       unsigned long lineno, struct lwt_err *err)
{
	if (line[0] == '#')
		return module_tag(ct, line, file, lineno, err);
	return module_row(ct, line, file, lineno, err);
}

/* ---- input ---- */

static bool blank(const char *s)
{
	for (; *s; s++)
		if (!isspace((unsigned char)*s))
			return false;
	return true;
}

/* The kind of the first line that tells. */
static enum lwt_ct_kind detect(const char *line)
{
	struct lwt_ct_event ev;
	const char *p;

	if (!strncmp(line, "# tracer:", 9))
		return LWT_CT_FTRACE;
	if (line[0] == '#')
		return LWT_CT_UNKNOWN;
	for (p = strstr(line, ": "); p; p = strstr(p + 1, ": ")) {
		if (perf_context(line, p, &ev))
			return LWT_CT_PERF;
		if (ftrace_context(line, p, &ev))
			return LWT_CT_FTRACE;
	}
	return LWT_CT_UNKNOWN;
}

int lwt_ct_parse_line(struct lwt_ct *ct, const char *line, const char *file,
		      unsigned long lineno, struct lwt_err *err)
{
	size_t n = strlen(line);
	char buf[4096], *copy = NULL;
	const char *l = line;
	int rc;

	ct->nlines++;
	if (n && (line[n - 1] == '\n' || line[n - 1] == '\r')) {
		while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
			n--;
		if (n < sizeof(buf)) {
			memcpy(buf, line, n);
			buf[n] = '\0';
			l = buf;
		} else {
			copy = strndup(line, n);
			if (!copy)
				return lwt_errf(err, NULL, 0, "out of memory");
			l = copy;
		}
	}
	if (blank(l)) {
		rc = 0;
	} else if (ct->module || ct->kind == LWT_CT_RECORDS || ct->kind == LWT_CT_TASKS) {
		rc = module_line(ct, l, file, lineno, err);
	} else if (ct->kind == LWT_CT_FTRACE || ct->kind == LWT_CT_PERF) {
		rc = trace_line(ct, l, file, lineno, err);
	} else if (!strncmp(l, "# " LWT_TAG_VERSION " ", strlen(LWT_TAG_VERSION) + 3) ||
		   !strncmp(l, "# " LWT_TAG_FIELDS " ", strlen(LWT_TAG_FIELDS) + 3)) {
		ct->module = true;
		rc = module_line(ct, l, file, lineno, err);
	} else {
		ct->kind = detect(l);
		if (ct->kind != LWT_CT_UNKNOWN)
			rc = trace_line(ct, l, file, lineno, err);
		else if (l[0] == '#')
			rc = 0;
		else
			rc = lwt_errf(err, file, lineno,
				      "not ftrace or perf script text of compaction events, nor an lwtrace compaction file");
	}
	free(copy);
	return rc;
}

static int ct_line(void *ct, const char *line, const char *file,
		   unsigned long lineno, struct lwt_err *err)
{
	return lwt_ct_parse_line(ct, line, file, lineno, err);
}

int lwt_ct_parse_stream(struct lwt_ct *ct, FILE *in, const char *file,
			struct lwt_err *err)
{
	return lwt_read_lines(in, file, ct_line, ct, NULL, err);
}

static int cmp_first(const void *a, const void *b)
{
	const struct lwt_ct_task *x = *(const struct lwt_ct_task *const *)a;
	const struct lwt_ct_task *y = *(const struct lwt_ct_task *const *)b;

	if (x->first_begin != y->first_begin)
		return x->first_begin < y->first_begin ? -1 : 1;
	return x->first_seq < y->first_seq ? -1 : x->first_seq > y->first_seq;
}

static int cmp_comp(const void *a, const void *b)
{
	const struct lwt_ct_comp *x = a, *y = b;

	if (x->begin_ns != y->begin_ns)
		return x->begin_ns < y->begin_ns ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

int lwt_ct_finish(struct lwt_ct *ct, struct lwt_err *err)
{
	struct lwt_ct_task *t;
	size_t i;

	if (ct->finished)
		return 0;
	ct->finished = true;
	if (ct->kind == LWT_CT_RECORDS)
		qsort(ct->tasks, ct->ntasks, sizeof(*ct->tasks), cmp_first);
	for (i = 0; i < ct->ntasks; i++) {
		t = ct->tasks[i];
		if (ct->kind == LWT_CT_RECORDS || ct->kind == LWT_CT_TASKS) {
			t->filtered = lwt_ct_filter_skip(ct->filter, t->pid, t->comm);
			if (!t->filtered)
				counts_add(&ct->total, &t->sum);
			if (t->ncomps > 1)
				qsort(t->comps, t->ncomps, sizeof(*t->comps), cmp_comp);
		} else if (t->pending) {
			ct->loss.open_at_end++;
		}
	}
	/* the hash indexes the old order */
	free(ct->hash);
	ct->hash = NULL;
	ct->hash_size = 0;
	return 0;
}

const char *lwt_ct_kind_name(enum lwt_ct_kind kind)
{
	switch (kind) {
	case LWT_CT_FTRACE: return "ftrace";
	case LWT_CT_PERF: return "perf script";
	case LWT_CT_RECORDS: return "records";
	case LWT_CT_TASKS: return "tasks";
	default: return "unknown";
	}
}

/* ---- output ---- */

/* cnode.__str__() */
static void print_cnode(FILE *out, const struct lwt_ct_counts *c,
			unsigned int disp, bool us)
{
	bool prev = false;

	if (us)
		fprintf(out, "%" PRId64 "us ", lwt_ct_round_us(c->stall_ns));
	else
		fprintf(out, "%" PRId64 "ns ", c->stall_ns);
	if (disp & LWT_CT_DISP_MIG) {
		fprintf(out, "migration: moved=%" PRIu64 " failed=%" PRIu64,
			c->moved, c->failed);
		prev = true;
	}
	if (disp & LWT_CT_DISP_ISOLFREE) {
		fprintf(out, "%sfree_scanner: scanned=%" PRIu64 " isolated=%" PRIu64,
			prev ? " " : "", c->fs_scanned, c->fs_isolated);
		prev = true;
	}
	if (disp & LWT_CT_DISP_ISOLMIG)
		fprintf(out, "%smigration_scanner: scanned=%" PRIu64 " isolated=%" PRIu64,
			prev ? " " : "", c->ms_scanned, c->ms_isolated);
	fputc('\n', out);
}

/* trace_end(), chead.display() and chead.enumerate() */
void lwt_ct_print_text(FILE *out, const struct lwt_ct *ct, unsigned int disp,
		       bool us)
{
	const struct lwt_ct_task *t;
	size_t i, j;

	fputs("total: ", out);
	print_cnode(out, &ct->total, disp, us);
	if (ct->proc == LWT_CT_PROC_DFL)
		return;
	for (i = 0; i < ct->ntasks; i++) {
		t = ct->tasks[i];
		if (t->filtered)
			continue;
		fprintf(out, "%ld[%s]: ", t->pid, t->comm);
		print_cnode(out, &t->sum, disp, us);
		if (ct->proc != LWT_CT_PROC_VERBOSE)
			continue;
		for (j = 0; j < t->ncomps; j++) {
			fprintf(out, "%ld[%s].%zu: ", t->pid, t->comm, j + 1);
			print_cnode(out, &t->comps[j].c, disp, us);
		}
	}
}

static void csv_row(FILE *out, const struct lwt_ct *ct, const char *row,
		    const struct lwt_ct_task *t, size_t n,
		    const struct lwt_ct_comp *comp, const struct lwt_ct_counts *c)
{
	fprintf(out, "%s,", row);
	if (t) {
		fprintf(out, "%ld,", t->pid);
		lwt_csv_str(out, t->comm);
	} else {
		fputc(',', out);
	}
	if (comp)
		fprintf(out, ",%zu,%" PRIu64 ",%" PRIu64, n, comp->begin_ns, comp->end_ns);
	else
		fputs(",,,", out);
	fprintf(out, ",%" PRId64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64 ",%" PRIu64
		",%" PRIu64 ",%" PRIu64 ",%" PRIu64,
		c->stall_ns, c->compactions, c->moved, c->failed, c->fs_scanned,
		c->fs_isolated, c->ms_scanned, c->ms_isolated);
	if (ct->ff_counted)
		fprintf(out, ",%" PRIu64 ",%" PRIu64 "\n", c->ff_scanned, c->ff_isolated);
	else
		fputs(",,\n", out);
}

void lwt_ct_print_csv(FILE *out, const struct lwt_ct *ct)
{
	const struct lwt_ct_task *t;
	size_t i, j;

	fputs("row,pid,comm,n,begin_ns,end_ns,stall_ns,compactions,moved,failed,"
	      "fs_scanned,fs_isolated,ms_scanned,ms_isolated,ff_scanned,ff_isolated\n",
	      out);
	csv_row(out, ct, "total", NULL, 0, NULL, &ct->total);
	if (ct->proc == LWT_CT_PROC_DFL)
		return;
	for (i = 0; i < ct->ntasks; i++) {
		t = ct->tasks[i];
		if (t->filtered)
			continue;
		csv_row(out, ct, "task", t, 0, NULL, &t->sum);
		if (ct->proc == LWT_CT_PROC_VERBOSE)
			for (j = 0; j < t->ncomps; j++)
				csv_row(out, ct, "compaction", t, j + 1, &t->comps[j],
					&t->comps[j].c);
	}
}

static void json_counts(FILE *out, const struct lwt_ct *ct,
			const struct lwt_ct_counts *c, bool compactions)
{
	fprintf(out, "\"stall_ns\": %" PRId64, c->stall_ns);
	if (compactions)
		fprintf(out, ", \"compactions\": %" PRIu64, c->compactions);
	fprintf(out, ", \"moved\": %" PRIu64 ", \"failed\": %" PRIu64
		", \"fs_scanned\": %" PRIu64 ", \"fs_isolated\": %" PRIu64
		", \"ms_scanned\": %" PRIu64 ", \"ms_isolated\": %" PRIu64,
		c->moved, c->failed, c->fs_scanned, c->fs_isolated,
		c->ms_scanned, c->ms_isolated);
	if (ct->ff_counted)
		fprintf(out, ", \"ff_scanned\": %" PRIu64 ", \"ff_isolated\": %" PRIu64,
			c->ff_scanned, c->ff_isolated);
	else
		fputs(", \"ff_scanned\": null, \"ff_isolated\": null", out);
}

static void json_ll(FILE *out, const char *key, long long v, bool comma)
{
	if (v < 0)
		fprintf(out, "\"%s\": null%s", key, comma ? ", " : "");
	else
		fprintf(out, "\"%s\": %lld%s", key, v, comma ? ", " : "");
}

void lwt_ct_print_json(FILE *out, const struct lwt_ct *ct)
{
	const struct lwt_ct_task *t;
	bool module = ct->kind == LWT_CT_RECORDS || ct->kind == LWT_CT_TASKS;
	size_t i, j;
	int res = 1;

	for (i = ct->ts_digits; i < 9; i++)
		res *= 10;
	fputs("{\n  \"source\": ", out);
	lwt_json_str(out, lwt_ct_kind_name(ct->kind));
	fputs(",\n  \"clock\": ", out);
	if (ct->clock[0])
		lwt_json_str(out, ct->clock);
	else
		fputs("null", out);
	fprintf(out, ",\n  \"ts_resolution_ns\": %d,\n  \"ff_counted\": %s,\n  \"loss\": {",
		module ? 1 : res, ct->ff_counted ? "true" : "false");
	json_ll(out, "dropped", ct->loss.dropped, true);
	json_ll(out, "unmatched", ct->loss.unmatched, true);
	json_ll(out, "pending", ct->loss.pending, true);
	json_ll(out, "table_full", ct->loss.table_full, true);
	fprintf(out, "\"missing_begin\": %lu, \"open_at_end\": %lu, \"lost\": %llu, "
		"\"overwritten\": %llu, \"buffer_started\": %lu},\n  \"total\": {",
		ct->loss.missing_begin, ct->loss.open_at_end, ct->loss.lost,
		ct->loss.overwritten, ct->loss.buffer_started);
	json_counts(out, ct, &ct->total, true);
	fputs("}", out);
	if (ct->proc != LWT_CT_PROC_DFL) {
		bool first = true;

		fputs(",\n  \"tasks\": [", out);
		for (i = 0; i < ct->ntasks; i++) {
			t = ct->tasks[i];
			if (t->filtered)
				continue;
			fprintf(out, "%s\n    {\"pid\": %ld, \"comm\": ", first ? "" : ",", t->pid);
			first = false;
			lwt_json_str(out, t->comm);
			fputs(", ", out);
			json_counts(out, ct, &t->sum, true);
			if (ct->proc == LWT_CT_PROC_VERBOSE) {
				fputs(", \"compactions_list\": [", out);
				for (j = 0; j < t->ncomps; j++) {
					fprintf(out, "%s\n      {\"begin_ns\": %" PRIu64
						", \"end_ns\": %" PRIu64 ", ", j ? "," : "",
						t->comps[j].begin_ns, t->comps[j].end_ns);
					json_counts(out, ct, &t->comps[j].c, false);
					fputs("}", out);
				}
				fputs(t->ncomps ? "\n    ]" : "]", out);
			}
			fputs("}", out);
		}
		fputs(first ? "]" : "\n  ]", out);
	}
	fputs("\n}\n", out);
}
