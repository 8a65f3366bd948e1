// SPDX-License-Identifier: GPL-2.0
/*
 * migrate_stats analysis.  The order of the checks in lwt_mig_event() is the
 * original's, because the reports depend on it: a pid filter drops comm
 * events too, a mark can end the window before it began, --ps prints comm
 * events outside the window, and ts_rel is 0 until the first migrate event
 * in the window.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uapi/lwtrace.h>
#include "mig.h"
#include "util.h"

#define NSEC_PER_SEC	1000000000LL

struct task {
	uint32_t	pid;
	bool		used;
	uint64_t	count;		/* migrate events */
	char		**comms;	/* every name it had, in order */
	size_t		ncomms, comms_cap;
};

struct lwt_mig {
	const struct lwt_mig_opts *o;
	const struct lwt_mt_header *h;
	FILE		*out;

	bool		cause_in[LWT_MT_LOC_LIMIT], cause_ex[LWT_MT_LOC_LIMIT];
	bool		need_tasks;
	bool		any_filter;	/* other than pid */

	/* window, as it evolves */
	bool		has_begin_ts, has_end_ts;
	uint64_t	begin_ts, end_ts;
	bool		before_begin_mark;
	bool		has_begin_mark_ts, has_end_mark_ts;
	uint64_t	begin_mark_ts, end_mark_ts;

	/* start_sched_clock lines */
	bool		has_start;
	uint64_t	first_start_ts, last_start_ts;
	long long	gtod_sec, gtod_usec;
	int64_t		gtod_ts;	/* clock at gtod_sec.000000 */
	double		first_start_time, last_start_time;

	bool		has_final;
	uint64_t	final_ts;	/* of the last line read */
	bool		started;	/* a migrate event was in the window */
	uint64_t	start_ts;	/* window start */

	/* totals */
	uint64_t	nmigrate;
	uint64_t	cause_count[LWT_MT_LOC_LIMIT];
	uint64_t	*pair;		/* pair[from * npair + to] */
	unsigned int	npair;
	long		max_from, max_to;	/* highest seen, -1: none */
	struct task	*tasks;		/* open addressing on pid */
	size_t		ntasks, tasks_cap;

	/* --period */
	bool		period, period_ts_default, first_period;
	long		max_cpu;
	long		nr_cpus;	/* of the header: 0 if the trace has no tag */
	uint64_t	period_nsec, period_begin_ts, period_end_ts;
	uint64_t	p_all, p_cause[LWT_MT_LOC_LIMIT];
	uint64_t	*p_pair;	/* (max_cpu + 1)^2 */
	bool		json_rows;	/* a row was printed (JSON commas) */

	/* --chrome-trace */
	bool		chrome_any;
	uint8_t		chrome_named[LWT_MT_CPU_LIMIT / 8];
};

/*
 * @ts moved by @ns, which may be negative, held within 0..2^64-1: a
 * window or period end past the clock's range is the end of the range,
 * not a time near 0.
 */
static uint64_t ts_add(uint64_t ts, int64_t ns)
{
	uint64_t d = ns < 0 ? -(uint64_t)ns : (uint64_t)ns;

	if (ns < 0)
		return d > ts ? 0 : ts - d;
	return d > UINT64_MAX - ts ? UINT64_MAX : ts + d;
}

int lwt_mig_strv_add(struct lwt_mig_strv *v, const char *s, struct lwt_err *err)
{
	if (lwt_grow(&v->v, &v->cap, v->n + 1, sizeof(*v->v)))
		return lwt_errf(err, NULL, 0, "out of memory");
	v->v[v->n++] = s;
	return 0;
}

int lwt_mig_numv_add(struct lwt_mig_numv *v, long n, struct lwt_err *err)
{
	if (lwt_grow(&v->v, &v->cap, v->n + 1, sizeof(*v->v)))
		return lwt_errf(err, NULL, 0, "out of memory");
	v->v[v->n++] = n;
	return 0;
}

void lwt_mig_opts_free(struct lwt_mig_opts *o)
{
	struct lwt_mig_strv *s[] = { &o->cause, &o->cause_exc, &o->comm, &o->comm_exc };
	struct lwt_mig_numv *n[] = { &o->cpu_event, &o->cpu_event_exc, &o->cpu_from,
				 &o->cpu_from_exc, &o->cpu_to, &o->cpu_to_exc,
				 &o->pid, &o->pid_exc };
	size_t i;

	for (i = 0; i < sizeof(s) / sizeof(s[0]); i++)
		free(s[i]->v);
	for (i = 0; i < sizeof(n) / sizeof(n[0]); i++)
		free(n[i]->v);
}

static bool num_in(const struct lwt_mig_numv *v, long x)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (v->v[i] == x)
			return true;
	return false;
}

static bool str_in(const struct lwt_mig_strv *v, const char *s)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (!strcmp(v->v[i], s))
			return true;
	return false;
}

int lwt_mig_check_opts(const struct lwt_mig_opts *o, struct lwt_err *err)
{
	static const char *const pairs[] = { "cause", "comm", "cpu_event",
					     "cpu_from", "cpu_to", "pid" };
	bool both[] = {
		o->cause.n && o->cause_exc.n, o->comm.n && o->comm_exc.n,
		o->cpu_event.n && o->cpu_event_exc.n,
		o->cpu_from.n && o->cpu_from_exc.n,
		o->cpu_to.n && o->cpu_to_exc.n, o->pid.n && o->pid_exc.n,
	};
	const struct {
		bool set;
		const char *name;
	} per[] = {
		{ o->period_all, "period_all" },
		{ o->period_cause, "period_cause" },
		{ o->period_cpu, "period_cpu" },
		{ o->period_cpu_pair, "period_cpu_pair" },
	};
	size_t i;

	for (i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++)
		if (both[i])
			return lwt_errf(err, NULL, 0,
					"--%s and --%s_exclude together are not valid",
					pairs[i], pairs[i]);
	for (i = 0; i < sizeof(per) / sizeof(per[0]); i++)
		if (per[i].set && !o->period_msec)
			return lwt_errf(err, NULL, 0, "--%s requires --period", per[i].name);
	if (o->format != LWT_MIG_TEXT &&
	    (o->migrate || o->mark || o->ps || o->consistency))
		return lwt_errf(err, NULL, 0,
				"--format csv|json is for --stats, --summary_pid and --period_*; --migrate, --mark, --ps and --consistency print text only");
	return 0;
}

/* ---- tasks ---- */

static struct task *task_get(struct lwt_mig *m, uint32_t pid)
{
	size_t mask, i;

	if (2 * (m->ntasks + 1) > m->tasks_cap) {
		size_t cap = m->tasks_cap ? 2 * m->tasks_cap : 1024, k;
		struct task *t = calloc(cap, sizeof(*t));

		if (!t)
			return NULL;
		for (k = 0; k < m->tasks_cap; k++) {
			struct task *o = &m->tasks[k];

			if (!o->used)
				continue;
			for (i = (o->pid * 2654435761u) & (cap - 1); t[i].used;
			     i = (i + 1) & (cap - 1))
				;
			t[i] = *o;
		}
		free(m->tasks);
		m->tasks = t;
		m->tasks_cap = cap;
	}
	mask = m->tasks_cap - 1;
	for (i = (pid * 2654435761u) & mask; m->tasks[i].used; i = (i + 1) & mask)
		if (m->tasks[i].pid == pid)
			return &m->tasks[i];
	m->tasks[i].used = true;
	m->tasks[i].pid = pid;
	m->ntasks++;
	return &m->tasks[i];
}

static struct task *task_find(const struct lwt_mig *m, uint32_t pid)
{
	size_t mask = m->tasks_cap - 1, i;

	if (!m->tasks_cap)
		return NULL;
	for (i = (pid * 2654435761u) & mask; m->tasks[i].used; i = (i + 1) & mask)
		if (m->tasks[i].pid == pid)
			return &m->tasks[i];
	return NULL;
}

static const char *task_comm(const struct lwt_mig *m, uint32_t pid)
{
	const struct task *t = task_find(m, pid);

	return t && t->ncomms ? t->comms[t->ncomms - 1] : "";
}

/* ---- output helpers ---- */

static void print_ts(struct lwt_mig *m, uint64_t ts, int width, int prec,
		     bool rel)
{
	const struct lwt_mig_opts *o = m->o;

	if (rel) {
		double r = m->started ?
			(double)(int64_t)(ts - m->start_ts) / 1e9 : 0.0;

		fprintf(m->out, "%*.*f ", width, prec, r);
	}
	if (o->ts_gmt || o->ts_loc) {
		int64_t d = (int64_t)ts - m->gtod_ts;
		int64_t q = d / NSEC_PER_SEC, ns = d % NSEC_PER_SEC;
		if (ns < 0) {
			ns += NSEC_PER_SEC;
			q--;
		}
		lwt_print_tod(m->out, (time_t)(m->gtod_sec + q), ns, 9, o->ts_gmt,
			      o->ts_loc, o->ts_date);
	}
	if (o->ts_abs)
		fprintf(m->out, "0x%016" PRIx64 " ", ts);
}

static void event_ts(struct lwt_mig *m, uint64_t ts)
{
	print_ts(m, ts, 14, 9, m->o->ts_rel);
}

static void chrome_track(struct lwt_mig *m, unsigned int cpu)
{
	if (m->chrome_named[cpu / 8] & (1u << (cpu % 8)))
		return;
	m->chrome_named[cpu / 8] |= 1u << (cpu % 8);
	fprintf(m->o->chrome,
		",\n{\"name\":\"thread_name\",\"ph\":\"M\",\"pid\":0,\"tid\":%u,\"args\":{\"name\":\"CPU %u\"}}"
		",\n{\"name\":\"thread_sort_index\",\"ph\":\"M\",\"pid\":0,\"tid\":%u,\"args\":{\"sort_index\":%u}}",
		cpu, cpu, cpu, cpu);
}

static void chrome_ts(FILE *f, uint64_t ts)
{
	fprintf(f, "\"ts\":%" PRIu64 ".%03u", ts / 1000, (unsigned int)(ts % 1000));
}

static void chrome_migrate(struct lwt_mig *m, const struct lwt_mt_event *ev)
{
	FILE *f = m->o->chrome;
	const char *comm = task_comm(m, ev->pid);
	char name[64];

	chrome_track(m, ev->from);
	chrome_track(m, ev->to);
	snprintf(name, sizeof(name), "%s:%u", *comm ? comm : "pid", ev->pid);
	fputs(",\n{\"name\":", f);
	lwt_json_str(f, name);
	fputs(",\"cat\":", f);
	lwt_json_str(f, m->h->name[ev->loc]);
	fputs(",\"ph\":\"i\",\"s\":\"t\",", f);
	chrome_ts(f, ev->ts);
	fprintf(f, ",\"pid\":0,\"tid\":%u,\"args\":{\"pid\":%u,\"comm\":",
		ev->to, ev->pid);
	lwt_json_str(f, comm);
	fputs(",\"cause\":", f);
	lwt_json_str(f, m->h->name[ev->loc]);
	fprintf(f, ",\"from\":%u,\"to\":%u,\"cpu\":%u}}", ev->from, ev->to,
		ev->cpu);
}

static void chrome_mark(struct lwt_mig *m, const struct lwt_mt_event *ev)
{
	FILE *f = m->o->chrome;

	chrome_track(m, ev->cpu);
	fprintf(f, ",\n{\"name\":\"%s %s\",\"cat\":\"%s\",\"ph\":\"i\",\"s\":\"g\",",
		LWT_LOC_MARK_NAME, ev->mark_tok, LWT_LOC_MARK_NAME);
	chrome_ts(f, ev->ts);
	fprintf(f, ",\"pid\":0,\"tid\":%u,\"args\":{\"mark\":%" PRIu64 ",\"pid\":%u}}",
		ev->cpu, ev->mark, ev->pid);
}

/* ---- --period ---- */

static bool is_cause(const struct lwt_mig *m, int loc)
{
	return m->h->kind[loc] == LWT_MT_LOC_CAUSE;
}

static void period_field(struct lwt_mig *m, int *k, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void period_field(struct lwt_mig *m, int *k, const char *fmt, ...)
{
	char name[96];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(name, sizeof(name), fmt, ap);
	va_end(ap);
	switch (m->o->format) {
	case LWT_MIG_TEXT:
		fprintf(m->out, "# %s %d %s\n", LWT_TAG_FIELD, ++*k, name);
		break;
	case LWT_MIG_CSV:
		fputc(',', m->out);
		lwt_csv_str(m->out, name);
		break;
	case LWT_MIG_JSON:
		fputc(',', m->out);
		lwt_json_str(m->out, name);
		break;
	}
}

static void period_header(struct lwt_mig *m)
{
	const struct lwt_mig_opts *o = m->o;
	int k = 1, loc;
	long f, t;

	switch (o->format) {
	case LWT_MIG_TEXT:
		/* Rows are rates per second: a period of 1000 ms to migrate_extract. */
		fprintf(m->out, "# %s %s\n# %s %d\n# %s %ld\n# %s 1\n",
			LWT_TAG_VERSION, LWT_MSTAT_VERSION, LWT_TAG_PERIOD_MSEC, 1000,
			LWT_TAG_NR_CPUS, m->nr_cpus, LWT_TAG_TS_FIELD);
		break;
	case LWT_MIG_CSV:
		fputs("ts", m->out);
		break;
	case LWT_MIG_JSON:
		fprintf(m->out, "\"period\":{\"period_msec\":%ld,\"nr_cpus\":%ld,\"fields\":[\"ts\"",
			o->period_msec, m->nr_cpus);
		break;
	}
	if (o->period_cause)
		for (loc = 1; loc < LWT_MT_LOC_LIMIT; loc++)
			if (is_cause(m, loc))
				period_field(m, &k, "%s", m->h->name[loc]);
	if (o->period_all)
		period_field(m, &k, "%s", LWT_MSTAT_TOTAL_NAME);
	if (o->period_cpu) {
		for (f = 0; f <= m->max_cpu; f++)
			period_field(m, &k, "from cpu: %ld", f);
		for (t = 0; t <= m->max_cpu; t++)
			period_field(m, &k, "to cpu: %ld", t);
	}
	if (o->period_cpu_pair)
		for (f = 0; f <= m->max_cpu; f++)
			for (t = 0; t <= m->max_cpu; t++)
				period_field(m, &k, "from cpu: %ld to cpu: %ld", f, t);
	if (o->format == LWT_MIG_CSV)
		fputc('\n', m->out);
	else if (o->format == LWT_MIG_JSON)
		fputs("],\"rows\":[", m->out);
}

static void period_value(struct lwt_mig *m, uint64_t count)
{
	double rate = (1000.0 * (double)count) / (double)m->o->period_msec;

	if (m->o->format != LWT_MIG_TEXT)
		fprintf(m->out, ",%.6f", rate);
	else if (m->o->period_human)
		fprintf(m->out, " %7.2f", rate);
	else
		fprintf(m->out, " %.2f", rate);
}

static void period_row(struct lwt_mig *m)
{
	const struct lwt_mig_opts *o = m->o;
	long n = m->max_cpu + 1, f, t;
	int loc;

	if (o->format == LWT_MIG_TEXT) {
		print_ts(m, m->period_begin_ts, o->period_human ? 8 : 0, 3,
			 o->ts_rel || m->period_ts_default);
	} else {
		double r = (double)(int64_t)(m->period_begin_ts - m->start_ts) / 1e9;

		if (o->format == LWT_MIG_JSON)
			fputs(m->json_rows ? ",\n[" : "\n[", m->out);
		fprintf(m->out, "%.3f", r);
		m->json_rows = true;
	}
	if (o->period_cause)
		for (loc = 1; loc < LWT_MT_LOC_LIMIT; loc++)
			if (is_cause(m, loc))
				period_value(m, m->p_cause[loc]);
	if (o->period_all)
		period_value(m, m->p_all);
	if (o->period_cpu) {
		for (f = 0; f < n; f++) {
			uint64_t sum = 0;

			for (t = 0; t < n; t++)
				sum += m->p_pair[f * n + t];
			period_value(m, sum);
		}
		for (t = 0; t < n; t++) {
			uint64_t sum = 0;

			for (f = 0; f < n; f++)
				sum += m->p_pair[f * n + t];
			period_value(m, sum);
		}
	}
	if (o->period_cpu_pair)
		for (f = 0; f < n * n; f++)
			period_value(m, m->p_pair[f]);
	fputs(o->format == LWT_MIG_JSON ? "]" : "\n", m->out);

	m->period_begin_ts = m->period_end_ts;
	m->period_end_ts = ts_add(m->period_end_ts, m->period_nsec);
	m->p_all = 0;
	memset(m->p_cause, 0, sizeof(m->p_cause));
	memset(m->p_pair, 0, n * n * sizeof(*m->p_pair));
}

static void period_event(struct lwt_mig *m, const struct lwt_mt_event *ev)
{
	long n = m->max_cpu + 1;

	if (!m->started)
		goto count;	/* before every start line */
	if (!m->first_period) {
		int64_t d = (int64_t)(m->period_begin_ts - m->first_start_ts);
		long long sec = m->gtod_sec + d / NSEC_PER_SEC;
		long long nsec = m->gtod_usec * 1000 + d % NSEC_PER_SEC;

		m->first_period = true;
		if (nsec >= NSEC_PER_SEC) {
			sec++;
			nsec -= NSEC_PER_SEC;
		}
		if (m->o->format == LWT_MIG_TEXT)
			fprintf(m->out, "# %s %lld %lld\n", LWT_TAG_GETTIMEOFDAY, sec,
				nsec / 1000);
	}
	/* An event at the very end of a period belongs to it. */
	while (ev->ts > m->period_end_ts)
		period_row(m);
count:
	m->p_all++;
	m->p_cause[ev->loc]++;
	if (ev->from < n && ev->to < n)
		m->p_pair[ev->from * n + ev->to]++;
}

/* ---- events ---- */

static int pair_count(struct lwt_mig *m, unsigned int from, unsigned int to,
		      struct lwt_err *err)
{
	unsigned int need = (from > to ? from : to) + 1;

	if (need > m->npair) {
		unsigned int n = m->npair ? m->npair : 8, f;
		uint64_t *p;

		while (n < need)
			n *= 2;
		p = calloc((size_t)n * n, sizeof(*p));
		if (!p)
			return lwt_errf(err, NULL, 0, "out of memory");
		for (f = 0; f < m->npair; f++)
			memcpy(p + (size_t)f * n, m->pair + (size_t)f * m->npair,
			       m->npair * sizeof(*p));
		free(m->pair);
		m->pair = p;
		m->npair = n;
	}
	m->pair[(size_t)from * m->npair + to]++;
	if ((long)from > m->max_from)
		m->max_from = from;
	if ((long)to > m->max_to)
		m->max_to = to;
	return 0;
}

static void start_event(struct lwt_mig *m, const struct lwt_mt_event *ev)
{
	const struct lwt_mig_opts *o = m->o;
	double time = (double)ev->sec + (double)ev->usec / 1000000.0;

	if (!m->has_start) {
		m->has_start = true;
		m->first_start_ts = ev->ts;
		m->gtod_sec = ev->sec;
		m->gtod_usec = ev->usec;
		m->gtod_ts = (int64_t)ev->ts - ev->usec * 1000;
		if (o->has_begin_sec) {
			uint64_t b = ts_add(ev->ts, o->begin_sec * NSEC_PER_SEC);

			if (!m->has_begin_ts || b > m->begin_ts)
				m->begin_ts = b;
			m->has_begin_ts = true;
		}
		if (o->has_end_sec) {
			uint64_t e = ts_add(ev->ts, o->end_sec * NSEC_PER_SEC);

			if (!m->has_end_ts || e < m->end_ts)
				m->end_ts = e;
			m->has_end_ts = true;
		}
		m->first_start_time = m->last_start_time = time;
		m->last_start_ts = ev->ts;
	}
	if (ev->ts > m->last_start_ts)
		m->last_start_ts = ev->ts;
	if (time < m->first_start_time)
		m->first_start_time = time;
	if (time > m->last_start_time)
		m->last_start_time = time;

	if (o->consistency) {
		time_t t = (time_t)ev->sec;
		struct tm tm;
		char when[64];

		localtime_r(&t, &tm);
		strftime(when, sizeof(when), "%a %b %e %H:%M:%S %Y", &tm);
		event_ts(m, ev->ts);
		fprintf(m->out, "cpu %u  start time: %lld.%06lld (epoch) %s (local)\n",
			ev->cpu, ev->sec, ev->usec, when);
	}
}

static int comm_event(struct lwt_mig *m, const struct lwt_mt_event *ev,
		      struct lwt_err *err)
{
	if (m->need_tasks) {
		struct task *t = task_get(m, ev->pid);
		char *c = strdup(ev->comm);

		if (!t || !c ||
		    lwt_grow(&t->comms, &t->comms_cap, t->ncomms + 1, sizeof(*t->comms))) {
			free(c);
			return lwt_errf(err, NULL, 0, "out of memory");
		}
		t->comms[t->ncomms++] = c;
	}
	if (m->o->ps) {
		event_ts(m, ev->ts);
		fprintf(m->out, "%u . . %4u %-16s %s\n", ev->cpu, ev->pid,
			m->h->name[ev->loc], ev->comm);
	}
	return 0;
}

static bool before_window(const struct lwt_mig *m, uint64_t ts)
{
	return (m->o->has_begin_mark && m->before_begin_mark) ||
	       (m->has_begin_ts && ts < m->begin_ts);
}

static int mark_event(struct lwt_mig *m, const struct lwt_mt_event *ev)
{
	const struct lwt_mig_opts *o = m->o;

	if (!m->has_begin_mark_ts && o->has_begin_mark && ev->mark == o->begin_mark) {
		m->before_begin_mark = false;
		m->has_begin_mark_ts = true;
		m->begin_mark_ts = ev->ts;
	}
	if (o->has_end_mark && ev->mark == o->end_mark) {
		m->has_end_mark_ts = true;
		m->end_mark_ts = ev->ts;
	}
	if (before_window(m, ev->ts) && !m->has_end_mark_ts)
		return 0;
	if (o->mark) {
		event_ts(m, ev->ts);
		if (o->mark_decimal)
			fprintf(m->out, "%u . . %4u %-16s %" PRIu64 "\n", ev->cpu,
				ev->pid, LWT_LOC_MARK_NAME, ev->mark);
		else
			fprintf(m->out, "%u . . %4u %-16s %s\n", ev->cpu, ev->pid,
				LWT_LOC_MARK_NAME, ev->mark_tok);
	}
	if (o->chrome)
		chrome_mark(m, ev);
	return m->has_end_mark_ts;
}

static bool filtered(const struct lwt_mig *m, const struct lwt_mt_event *ev)
{
	const struct lwt_mig_opts *o = m->o;

	if ((o->cause.n && !m->cause_in[ev->loc]) ||
	    (o->cause_exc.n && m->cause_ex[ev->loc]))
		return true;
	if (o->comm.n || o->comm_exc.n) {
		const char *c = task_comm(m, ev->pid);

		if ((o->comm.n && !str_in(&o->comm, c)) ||
		    (o->comm_exc.n && str_in(&o->comm_exc, c)))
			return true;
	}
	return (o->cpu_event.n && !num_in(&o->cpu_event, ev->cpu)) ||
	       (o->cpu_event_exc.n && num_in(&o->cpu_event_exc, ev->cpu)) ||
	       (o->cpu_from.n && !num_in(&o->cpu_from, ev->from)) ||
	       (o->cpu_from_exc.n && num_in(&o->cpu_from_exc, ev->from)) ||
	       (o->cpu_to.n && !num_in(&o->cpu_to, ev->to)) ||
	       (o->cpu_to_exc.n && num_in(&o->cpu_to_exc, ev->to));
}

/*
 * Where the window begins: the trace's start, or the begin mark or
 * timestamp if later.  The original took it at the window's first
 * migrate event.
 */
static uint64_t window_start(const struct lwt_mig *m)
{
	uint64_t start = m->has_start ? m->first_start_ts : 0;

	if (m->o->has_begin_mark && m->has_begin_mark_ts && start < m->begin_mark_ts)
		start = m->begin_mark_ts;
	if (m->has_begin_ts && start < m->begin_ts)
		start = m->begin_ts;
	return start;
}

static int migrate_event(struct lwt_mig *m, const struct lwt_mt_event *ev,
			 struct lwt_err *err)
{
	const struct lwt_mig_opts *o = m->o;

	if (m->any_filter && filtered(m, ev))
		return 0;
	if (m->has_end_ts && ev->ts > m->end_ts)
		return 1;
	if (before_window(m, ev->ts))
		return 0;

	/*
	 * The window starts at its first migrate event after a
	 * start_sched_clock line.  One before every start line is counted,
	 * with a ts_rel of 0 and in the first period, as the original did:
	 * its window began at the start line too, not at time 0.
	 */
	if (!m->started && m->has_start) {
		m->started = true;
		m->start_ts = window_start(m);
		m->period_begin_ts = m->start_ts;
		m->period_end_ts = ts_add(m->start_ts, m->period_nsec);
	}

	m->nmigrate++;
	m->cause_count[ev->loc]++;
	if (pair_count(m, ev->from, ev->to, err))
		return -1;
	if (o->summary_pid) {
		struct task *t = task_get(m, ev->pid);

		if (!t)
			return lwt_errf(err, NULL, 0, "out of memory");
		t->count++;
	}
	if (o->migrate) {
		event_ts(m, ev->ts);
		fprintf(m->out, "%u %u %u %4u %-16s %s\n", ev->cpu, ev->from,
			ev->to, ev->pid, task_comm(m, ev->pid),
			m->h->name[ev->loc]);
	}
	if (o->chrome)
		chrome_migrate(m, ev);
	if (m->period)
		period_event(m, ev);
	return 0;
}

int lwt_mig_event(struct lwt_mig *m, const struct lwt_mt_event *ev,
		  struct lwt_err *err)
{
	const struct lwt_mig_opts *o = m->o;

	m->has_final = true;
	m->final_ts = ev->ts;

	if (ev->kind == LWT_MT_EV_START) {
		start_event(m, ev);
		return 0;
	}
	/*
	 * The pid filter applies to comm events too.  The original meant to
	 * let marks through ("allow marks even though pid is filtered") but
	 * its test never matched; here it does.
	 */
	if (ev->kind != LWT_MT_EV_MARK &&
	    ((o->pid.n && !num_in(&o->pid, ev->pid)) ||
	     (o->pid_exc.n && num_in(&o->pid_exc, ev->pid))))
		return 0;

	switch (ev->kind) {
	case LWT_MT_EV_COMM:
		return comm_event(m, ev, err);
	case LWT_MT_EV_MARK:
		return mark_event(m, ev);
	case LWT_MT_EV_MIGRATE:
		return migrate_event(m, ev, err);
	default:
		return 0;
	}
}

/* ---- the end ---- */

static double duration(const struct lwt_mig *m, uint64_t final)
{
	double d = (double)(int64_t)(final - m->start_ts) / 1e9;

	return d == 0.0 ? 1.0 : d;
}

/* Migrations from @f to @t in the window. */
static uint64_t pair_get(const struct lwt_mig *m, long f, long t)
{
	return f < (long)m->npair && t < (long)m->npair ?
		m->pair[f * m->npair + t] : 0;
}

static int stats_text(struct lwt_mig *m, uint64_t final, double dur, long dim,
		      struct lwt_err *err)
{
	FILE *out = m->out;
	uint64_t total = 0, all;
	uint64_t *col;
	long f, t;
	int loc, pass;

	fprintf(out, "\n\nDURATION:\n\n");
	fprintf(out, "            %20s       ts (absolute)\n", "relative to start");
	fprintf(out, "            %20s  ------------------\n", "--------------------");
	fprintf(out, "  end:      %20.9f  0x%016" PRIx64 "\n",
		(double)(int64_t)(final - m->first_start_ts) / 1e9, final);
	fprintf(out, "  begin:    %20.9f  0x%016" PRIx64 "\n",
		(double)(int64_t)(m->start_ts - m->first_start_ts) / 1e9, m->start_ts);
	fprintf(out, "\n  duration: %20.9f seconds\n",
		final == m->start_ts ? 0.0 : dur);

	fprintf(out, "\n\nCAUSE:\n\n");
	fprintf(out, "  %-14s  %7s  %7s\n", "", "count", "per sec");
	fprintf(out, "  %-14s  -------  -------\n\n", "");
	for (loc = 1; loc < LWT_MT_LOC_LIMIT; loc++) {
		if (!is_cause(m, loc))
			continue;
		fprintf(out, "  %-14s  %7" PRIu64 "  %7.2f\n", m->h->name[loc],
			m->cause_count[loc], (double)m->cause_count[loc] / dur);
		total += m->cause_count[loc];
	}
	fprintf(out, "  %-14s  -------  -------\n", "");
	fprintf(out, "  %-14s  %7" PRIu64 "  %7.2f\n", "total", total,
		(double)total / dur);

	col = calloc(dim + 1, sizeof(*col));
	if (!col)
		return lwt_errf(err, NULL, 0, "out of memory");
	fprintf(out, "\n\nMIGRATE (row: cpu_from,  column: cpu_to):\n");
	for (pass = 0; pass < 2; pass++) {
		fprintf(out, pass ? "\n  ==========  per second  ===============\n" :
				    "\n  ==========  count       ===============\n");
		fprintf(out, "\n         to --> ");
		for (t = 0; t < dim; t++)
			fprintf(out, "%6ld: ", t);
		fprintf(out, "          all:\n  from          ");
		for (t = 0; t < dim; t++)
			fprintf(out, "%7s ", "-------");
		fprintf(out, "       -------\n   |\n   v\n");
		for (t = 0; t < dim; t++)
			col[t] = 0;
		all = 0;
		for (f = 0; f < dim; f++) {
			uint64_t row = 0;

			fprintf(out, "  %3ld:          ", f);
			for (t = 0; t < dim; t++) {
				uint64_t c = pair_get(m, f, t);

				row += c;
				col[t] += c;
				if (pass)
					fprintf(out, "%7.2f ", (double)c / dur);
				else
					fprintf(out, "%7" PRIu64 " ", c);
			}
			all += row;
			if (pass)
				fprintf(out, "  --> %7.2f\n", (double)row / dur);
			else
				fprintf(out, "  --> %7" PRIu64 "\n", row);
		}
		fprintf(out, "                ");
		for (t = 0; t < dim; t++)
			fprintf(out, "------- ");
		fprintf(out, "       -------\n  all:          ");
		for (t = 0; t < dim; t++) {
			if (pass)
				fprintf(out, "%7.2f ", (double)col[t] / dur);
			else
				fprintf(out, "%7" PRIu64 " ", col[t]);
		}
		if (pass)
			fprintf(out, "  --> %7.2f\n", (double)all / dur);
		else
			fprintf(out, "  --> %7" PRIu64 "\n", all);
	}
	free(col);
	return 0;
}

static void stats_data(struct lwt_mig *m, uint64_t final, double dur, long dim)
{
	FILE *out = m->out;
	bool csv = m->o->format == LWT_MIG_CSV;
	uint64_t total = 0;
	long f, t;
	int loc, n = 0;

	if (csv)
		fprintf(out, "begin_ts,end_ts,begin_sec,end_sec,duration_sec\n");
	else
		fprintf(out, "\"duration\":{\"begin_ts\":");
	fprintf(out, csv ? "%" PRIu64 ",%" PRIu64 ",%.9f,%.9f,%.9f\n" :
		"%" PRIu64 ",\"end_ts\":%" PRIu64 ",\"begin_sec\":%.9f,\"end_sec\":%.9f,\"seconds\":%.9f},\n",
		m->start_ts, final,
		(double)(int64_t)(m->start_ts - m->first_start_ts) / 1e9,
		(double)(int64_t)(final - m->first_start_ts) / 1e9,
		final == m->start_ts ? 0.0 : dur);

	fputs(csv ? "\ncause,count,per_sec\n" : "\"causes\":[", out);
	for (loc = 1; loc < LWT_MT_LOC_LIMIT; loc++) {
		if (!is_cause(m, loc))
			continue;
		total += m->cause_count[loc];
		if (csv) {
			lwt_csv_str(out, m->h->name[loc]);
		} else {
			fputs(n++ ? ",\n{\"cause\":" : "\n{\"cause\":", out);
			lwt_json_str(out, m->h->name[loc]);
		}
		fprintf(out, csv ? ",%" PRIu64 ",%.6f\n" : ",\"count\":%" PRIu64 ",\"per_sec\":%.6f}",
			m->cause_count[loc], (double)m->cause_count[loc] / dur);
	}
	fprintf(out, csv ? "total,%" PRIu64 ",%.6f\n" :
		"],\n\"total\":{\"count\":%" PRIu64 ",\"per_sec\":%.6f},\n",
		total, (double)total / dur);

	fputs(csv ? "\nfrom,to,count,per_sec\n" : "\"migrate\":[", out);
	n = 0;
	for (f = 0; f < dim; f++)
		for (t = 0; t < dim; t++) {
			uint64_t c = pair_get(m, f, t);

			if (!csv)
				fputs(n++ ? ",\n" : "\n", out);
			fprintf(out, csv ? "%ld,%ld,%" PRIu64 ",%.6f\n" :
				"{\"from\":%ld,\"to\":%ld,\"count\":%" PRIu64 ",\"per_sec\":%.6f}",
				f, t, c, (double)c / dur);
		}
	if (!csv)
		fputs("]", out);
}

static int cmp_task(const void *a, const void *b)
{
	const struct task *x = *(const struct task *const *)a;
	const struct task *y = *(const struct task *const *)b;

	return x->pid < y->pid ? -1 : x->pid > y->pid;
}

static int summary_pid(struct lwt_mig *m, double dur, struct lwt_err *err)
{
	const struct lwt_mig_opts *o = m->o;
	FILE *out = m->out;
	struct task **v;
	size_t i, k, n = 0;

	v = calloc(m->ntasks + 1, sizeof(*v));
	if (!v)
		return lwt_errf(err, NULL, 0, "out of memory");
	for (i = 0; i < m->tasks_cap; i++)
		if (m->tasks[i].used && m->tasks[i].count)
			v[n++] = &m->tasks[i];
	qsort(v, n, sizeof(*v), cmp_task);

	if (o->format == LWT_MIG_TEXT)
		fputs("\n\nMIGRATE count:\n\n  pid   count    rate   comm\n-----  ------  -------  ----\n\n", out);
	else if (o->format == LWT_MIG_CSV)
		fputs("pid,count,rate,comm\n", out);
	else
		fputs("\"summary_pid\":[", out);
	for (i = 0; i < n; i++) {
		struct task *t = v[i];
		double rate = (double)t->count / dur;
		char *names = NULL;
		size_t len = 0;
		FILE *s = open_memstream(&names, &len);
		int w = 0;

		if (!s) {
			free(v);
			return lwt_errf(err, NULL, 0, "out of memory");
		}
		for (k = 0; k < t->ncomms; k++) {
			if (str_in(&o->comm_exc, t->comms[k]))
				continue;
			if (o->format == LWT_MIG_JSON) {
				fputs(w++ ? "," : "", s);
				lwt_json_str(s, t->comms[k]);
			} else {
				fprintf(s, "%s%s", w++ ? ", " : "", t->comms[k]);
			}
		}
		if (fclose(s)) {
			free(names);
			free(v);
			return lwt_errf(err, NULL, 0, "out of memory");
		}
		if (o->format == LWT_MIG_TEXT) {
			fprintf(out, "%5u  %6" PRIu64 "  %7.2f  %s\n", t->pid,
				t->count, rate, names ? names : "");
		} else if (o->format == LWT_MIG_CSV) {
			fprintf(out, "%u,%" PRIu64 ",%.6f,", t->pid, t->count, rate);
			lwt_csv_str(out, names ? names : "");
			fputc('\n', out);
		} else {
			fprintf(out, "%s{\"pid\":%u,\"count\":%" PRIu64 ",\"rate\":%.6f,\"comm\":[%s]}",
				i ? ",\n" : "\n", t->pid, t->count, rate,
				names ? names : "");
		}
		free(names);
	}
	if (o->format == LWT_MIG_JSON)
		fputs("]", out);
	free(v);
	return 0;
}

int lwt_mig_finish(struct lwt_mig *m, struct lwt_err *err)
{
	const struct lwt_mig_opts *o = m->o;
	FILE *out = m->out;
	uint64_t final = m->has_final ? m->final_ts : 0;
	bool json = o->format == LWT_MIG_JSON, sep = false;
	double dur;
	long dim;

	if (m->has_end_mark_ts && final > m->end_mark_ts)
		final = m->end_mark_ts;
	if (m->has_end_ts && final > m->end_ts)
		final = m->end_ts;
	/*
	 * With no migrate event in the window, the original measured from
	 * time 0; measure from where the window would have begun.
	 */
	if (!m->started) {
		m->start_ts = window_start(m);
		if (final < m->start_ts)
			final = m->start_ts;
	}
	dur = duration(m, final);

	if (json && !m->period)
		fputc('{', out);
	if (m->period && json) {
		fputs("]}", out);
		sep = true;
	}
	if (o->consistency) {
		fprintf(out, "\n\nCONSISTENCY CHECKS:\n\n");
		fprintf(out, "  range of start do_gettimeofday(): %1.6f    seconds\n",
			m->last_start_time - m->first_start_time);
		fprintf(out, "  range of start sched_clock():     %1.9f seconds\n",
			(double)(m->last_start_ts - m->first_start_ts) / 1e9);
	}
	if (o->stats) {
		if (m->max_cpu >= 0) {
			dim = m->max_cpu + 1;
		} else {
			dim = (m->max_from > m->max_to ? m->max_from : m->max_to) + 1;
			if (dim < 1)
				dim = 1;
		}
		if (o->format == LWT_MIG_TEXT) {
			if (stats_text(m, final, dur, dim, err))
				return -1;
		} else {
			if (json)
				fputs(sep ? ",\n" : "", out);
			else if (m->period)
				fputc('\n', out);
			stats_data(m, final, dur, dim);
			sep = true;
		}
	}
	if (o->summary_pid) {
		if (json)
			fputs(sep ? ",\n" : "", out);
		else if (o->format == LWT_MIG_CSV && (m->period || o->stats))
			fputc('\n', out);
		if (summary_pid(m, dur, err))
			return -1;
	}
	if (json)
		fputs("}\n", out);
	if (o->chrome)
		fputs("\n]}\n", o->chrome);
	return 0;
}

uint64_t lwt_mig_count(const struct lwt_mig *m)
{
	return m->nmigrate;
}

int lwt_mig_new(struct lwt_mig **mp, const struct lwt_mig_opts *o,
		const struct lwt_mt_header *h, FILE *out, struct lwt_err *err)
{
	struct lwt_mig *m = calloc(1, sizeof(*m));
	size_t i;
	int loc;

	if (!m)
		return lwt_errf(err, NULL, 0, "out of memory");
	m->o = o;
	m->h = h;
	m->out = out;
	m->max_from = m->max_to = -1;
	m->before_begin_mark = true;
	m->has_begin_ts = o->has_begin_ts;
	m->begin_ts = o->begin_ts;
	m->has_end_ts = o->has_end_ts;
	m->end_ts = o->end_ts;
	m->any_filter = o->cause.n || o->cause_exc.n || o->comm.n ||
			o->comm_exc.n || o->cpu_event.n || o->cpu_event_exc.n ||
			o->cpu_from.n || o->cpu_from_exc.n || o->cpu_to.n ||
			o->cpu_to_exc.n;
	m->need_tasks = o->summary_pid || o->migrate || o->comm.n ||
			o->comm_exc.n || o->chrome;

	for (i = 0; i < o->cause.n + o->cause_exc.n; i++) {
		bool exc = i >= o->cause.n;
		const char *name = exc ? o->cause_exc.v[i - o->cause.n] : o->cause.v[i];
		bool found = false;

		for (loc = 1; loc < LWT_MT_LOC_LIMIT; loc++)
			if (is_cause(m, loc) && !strcmp(h->name[loc], name)) {
				(exc ? m->cause_ex : m->cause_in)[loc] = true;
				found = true;
			}
		if (!found) {
			char list[LWT_ERR_MAX] = "";
			size_t n = 0;

			for (loc = 1; loc < LWT_MT_LOC_LIMIT && n < sizeof(list); loc++)
				if (is_cause(m, loc))
					n += snprintf(list + n, sizeof(list) - n, " %s",
						      h->name[loc]);
			free(m);
			return lwt_errf(err, NULL, 0,
					"invalid --cause%s: %s (the trace's causes:%s)",
					exc ? "_exclude" : "", name, list);
		}
	}

	m->max_cpu = o->max_cpu >= 0 ? o->max_cpu : h->nr_cpus - 1;
	/*
	 * The original printed its $nr_cpus, set only by the tag: "0" for a
	 * trace without one, even with --max_cpu; and migrate_extract read
	 * it back.
	 */
	m->nr_cpus = h->nr_cpus < 0 ? 0 : m->max_cpu + 1;
	m->period = o->period_all || o->period_cause || o->period_cpu ||
		    o->period_cpu_pair;
	if (m->period) {
		size_t n = m->max_cpu + 1;

		if (m->max_cpu < 0 && (o->period_cpu || o->period_cpu_pair)) {
			free(m);
			return lwt_errf(err, NULL, 0,
					"--period_cpu and --period_cpu_pair need '# %s' in the trace, or --max_cpu",
					LWT_TAG_NR_CPUS);
		}
		m->period_nsec = (uint64_t)o->period_msec * 1000000;
		m->period_ts_default = !o->ts_abs && !o->ts_gmt && !o->ts_loc &&
				       !o->ts_rel;
		m->p_pair = calloc(n * n + 1, sizeof(*m->p_pair));
		if (!m->p_pair) {
			free(m);
			return lwt_errf(err, NULL, 0, "out of memory");
		}
	}
	if (m->period) {
		/* For the other reports, '{' waits for lwt_mig_finish(). */
		if (o->format == LWT_MIG_JSON)
			fputc('{', out);
		period_header(m);
	}
	if (o->chrome)
		fputs("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n"
		      "{\"name\":\"process_name\",\"ph\":\"M\",\"pid\":0,\"tid\":0,\"args\":{\"name\":\"CPUs\"}}",
		      o->chrome);
	*mp = m;
	return 0;
}

bool lwt_mig_may_restart(const struct lwt_mig_opts *o)
{
	return !(o->consistency || o->mark || o->mark_decimal || o->migrate ||
		 o->ps || o->period_all || o->period_cause || o->period_cpu ||
		 o->period_cpu_pair || o->chrome || o->cause.n || o->cause_exc.n ||
		 o->has_end_mark || o->has_end_ts || o->has_end_sec);
}

void lwt_mig_free(struct lwt_mig *m)
{
	size_t i, k;

	if (!m)
		return;
	for (i = 0; i < m->tasks_cap; i++) {
		for (k = 0; k < m->tasks[i].ncomms; k++)
			free(m->tasks[i].comms[k]);
		free(m->tasks[i].comms);
	}
	free(m->tasks);
	free(m->pair);
	free(m->p_pair);
	free(m);
}
