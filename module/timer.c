// SPDX-License-Identifier: GPL-2.0
/*
 * timer_stats: who arms the timers that expire, as /proc/timer_stats did
 * from 2.6.21 to 4.10 (kernel/time/timer_stats.c, Ingo Molnar and Thomas
 * Gleixner), in its v0.3 format, without patching the kernel and safe
 * across pid namespaces.
 *
 * debugfs: timer_stats, one file: write 1 to start a new sample period, 0
 * to stop; read the statistics.  See Documentation/timer_stats.rst.
 *
 * One count per expiry (callback run) of a timer_list timer or an hrtimer,
 * keyed as the original: (timer, start site, callback, pid).  The start
 * site is the function that called the timer API, found once per arming
 * by the walker (walk.h) and kept with the pid in a "who" entry; an
 * expiry finds its timer's last arming in the armed table, and counts in
 * the entry of (timer, who, callback), which it makes on first use.
 *
 * Lock-free, and nothing is allocated in a probe: the three tables are
 * sized at load by ts_entries and claimed with cmpxchg().  Entries are
 * never freed while collecting, only by the next start.  The arming of
 * one timer is serialised by its timer base's lock, and so are its
 * expiries, so only one CPU at a time writes the armed slot's who (arming)
 * or its chain of entries (expiry).  Two CPUs that make the same who at
 * once (the idle tasks share pid 0) make two: the reader merges entries
 * with equal keys.  What finds no room is counted in Overflow.
 *
 * A timer on the arming task's stack (nanosleep's, schedule_timeout()'s)
 * is a new object every call, at a new address with randomize_kstack_offset:
 * keyed by address, each sleep would be an entry of its own and fill the
 * table.  Its entries are keyed with timer 0 instead and chained from its
 * who, and its armed slot is freed (a tombstone) when it expires or is
 * cancelled.  That is the one departure from the original's key.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hash.h>
#include <linux/kallsyms.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pid.h>
#include <linux/pid_namespace.h>
#include <linux/slab.h>
#include <linux/sched/task_stack.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <trace/events/timer.h>
#include <uapi/lwtrace.h>
#include "compat.h"
#include "facility.h"
#include "walk.h"

static struct lwt_uint_param ts_entries = { .val = 1024, .min = 1, .max = 1 << 20 };
module_param_cb(ts_entries, &lwt_uint_range_ops, &ts_entries, 0444);
MODULE_PARM_DESC(ts_entries, "timer_stats table size: entries (1..1048576, default 1024 as the original)");
static bool ts_proc;
module_param(ts_proc, bool, 0444);
MODULE_PARM_DESC(ts_proc, "timer_stats: also as /proc/timer_stats, for the tools that read it there (default 0)");

/* Probes of the armed table, and of the who table, before giving up. */
#define TS_PROBES	64

/* Walker classes. */
enum { TS_CORE, TS_SITE, TS_REARM };

/* Who armed a timer: the start site and the task. */
struct ts_who {
	unsigned long	claimed;	/* cmpxchg() 0 -> 1 */
	unsigned long	site;		/* return address in the start function */
	struct pid	*pid;		/* a reference */
	char		comm[TASK_COMM_LEN];
	unsigned int	ready;		/* store-release when the above are set */
	unsigned int	head;		/* entries of its on-stack timers */
};

/* A timer seen armed: its last arming, and its chain of entries. */
struct ts_armed {
	unsigned long	timer;		/* cmpxchg() 0 or TS_TOMB -> timer */
	unsigned int	who;		/* index + 1; 0: none */
	unsigned int	head;		/* index + 1 of the newest entry */
	bool		on_stack;	/* on the arming task's stack */
};
/* An armed slot freed: lookups go past it, inserts may reuse it. */
#define TS_TOMB		1UL

/* What is counted: expiries of (timer, who, callback). */
struct ts_entry {
	unsigned long	timer;
	void		*func;
	unsigned int	who;		/* index + 1 */
	unsigned int	next;		/* index + 1 of the timer's older entry */
	bool		deferrable;
	unsigned long	count;		/* store-release 1 when the above are set */
};

static struct {
	struct ts_who		*who;
	struct ts_armed		*armed;
	struct ts_entry		*entries;
	unsigned int		nwho, narmed, nentries;	/* nwho, narmed: 2^n */
	atomic_t		used;		/* entries handed out */
	atomic_long_t		overflow;
} ts;

static const char *const ts_core[] = {
#define X(name) name,
	LWT_TIMER_CORE(X)
};
static const char *const ts_rearm[] = {
	LWT_TIMER_REARM(X)
#undef X
};

static unsigned int ts_classify(const char *name, size_t len, bool *weak)
{
	if (lwt_name_in(name, len, ts_core, ARRAY_SIZE(ts_core)))
		return TS_CORE;
	if (lwt_name_in(name, len, ts_rearm, ARRAY_SIZE(ts_rearm)))
		return TS_REARM;
	return TS_SITE;
}

/*
 * From the probe: the probe's caller, __traceiter_*() when more than one
 * probe is attached, then up to five timer-core frames (do_nanosleep() <-
 * hrtimer_sleeper_start_expires() <- hrtimer_start_range_ns() <-
 * __hrtimer_start_range_ns() <- enqueue_hrtimer() is the longest).
 */
static struct lwt_walker ts_walker = LWT_WALKER_INIT(ts_classify, 8);

/* Claim @a, empty or a tombstone (@old), for @timer. */
static bool armed_claim(struct ts_armed *a, unsigned long old,
			unsigned long timer)
{
	if (cmpxchg(&a->timer, old, timer) != old)
		return false;
	a->who = 0;
	a->head = 0;
	return true;
}

/*
 * The armed slot of @timer, or with @insert a new one.  Only one CPU at a
 * time arms a given timer, so no two insert the same one.
 */
static struct ts_armed *armed_get(unsigned long timer, bool insert)
{
	unsigned int h = hash_long(timer, ilog2(ts.narmed)), i;
	struct ts_armed *tomb = NULL;

	for (i = 0; i < TS_PROBES; i++) {
		struct ts_armed *a = &ts.armed[(h + i) & (ts.narmed - 1)];
		unsigned long t = READ_ONCE(a->timer);

		if (t == timer)
			return a;
		if (t == TS_TOMB && !tomb)
			tomb = a;
		if (t)
			continue;
		/* An empty slot ends the probe sequence. */
		if (!insert)
			return NULL;
		if (tomb && armed_claim(tomb, TS_TOMB, timer))
			return tomb;
		if (armed_claim(a, 0, timer))
			return a;
	}
	if (insert && tomb && armed_claim(tomb, TS_TOMB, timer))
		return tomb;
	return NULL;
}

/* The who of (@site, the current task), made if new; 0 if no room. */
static unsigned int who_get(unsigned long site)
{
	struct pid *pid = task_pid(current);
	unsigned int h, i;

	if (unlikely(!pid))		/* released, on its way out */
		return 0;
	h = hash_long(site ^ (unsigned long)pid, ilog2(ts.nwho));
	for (i = 0; i < TS_PROBES; i++) {
		unsigned int idx = (h + i) & (ts.nwho - 1);
		struct ts_who *w = &ts.who[idx];

		if (READ_ONCE(w->claimed)) {
			/* One being made now may be ours: then we make two. */
			if (smp_load_acquire(&w->ready) &&
			    w->site == site && w->pid == pid)
				return idx + 1;
			continue;
		}
		if (cmpxchg(&w->claimed, 0, 1))
			continue;
		w->site = site;
		w->pid = get_pid(pid);
		memcpy(w->comm, current->comm, sizeof(w->comm));
		smp_store_release(&w->ready, 1);
		return idx + 1;
	}
	return 0;
}

static __always_inline bool ts_on(void)
{
	return lwt_fac_state(&lwt_ts) == LWT_ON;
}

/*
 * An arming of @timer, calling back @func: find its start site from the
 * probe's return-address slot @ra_slot.  Interrupts are disabled (the
 * timer base's lock is held).
 */
static void ts_arm(unsigned long timer, void *func, unsigned long *ra_slot)
{
	struct lwt_walk_res r;
	struct ts_armed *a;
	unsigned long site;
	unsigned int who;

	r.class = lwt_walk_path(&ts_walker, ra_slot, &r.ra);
	if (!r.class)
		lwt_walk_unwind(&ts_walker, ra_slot, &r);
	a = armed_get(timer, true);
	if (unlikely(!a)) {
		atomic_long_inc(&ts.overflow);
		return;
	}
	a->on_stack = object_is_on_stack((void *)timer);
	switch (r.class) {
	case TS_SITE:
		site = r.ra;
		break;
	case TS_REARM:
		/* The callback asked for more: keep the last arming. */
		if (READ_ONCE(a->who))
			return;
		site = (unsigned long)func;
		break;
	default:
		site = 0;	/* deeper than the walker looks */
		break;
	}
	who = READ_ONCE(a->who);
	if (who) {
		const struct ts_who *w = &ts.who[who - 1];

		if (w->site == site && w->pid == task_pid(current))
			return;
	}
	/* No room: its expiries count in Overflow. */
	WRITE_ONCE(a->who, who_get(site));
}

/* An expiry: count it in the entry of (timer, last arming, @func). */
static void ts_expire(unsigned long timer, void *func, bool deferrable)
{
	struct ts_armed *a = armed_get(timer, false);
	unsigned int who, i, *head;
	struct ts_entry *e;

	/* Not armed since collection began: not counted, as the original. */
	if (!a)
		return;
	who = READ_ONCE(a->who);
	if (unlikely(!who)) {
		atomic_long_inc(&ts.overflow);
		return;
	}
	if (a->on_stack) {
		head = &ts.who[who - 1].head;
		timer = 0;
		/* Its last expiry: free the slot. */
		WRITE_ONCE(a->timer, TS_TOMB);
	} else {
		head = &a->head;
	}
	for (i = READ_ONCE(*head); i; i = e->next) {
		e = &ts.entries[i - 1];
		if (e->who == who && e->func == func) {
			/* Only this CPU counts this timer now (see the top). */
			WRITE_ONCE(e->count, e->count + 1);
			return;
		}
	}
	if (atomic_read(&ts.used) >= ts.nentries) {
		atomic_long_inc(&ts.overflow);
		return;
	}
	i = atomic_inc_return(&ts.used);
	if (unlikely(i > ts.nentries)) {
		atomic_long_inc(&ts.overflow);
		return;
	}
	e = &ts.entries[i - 1];
	e->timer = timer;
	e->func = func;
	e->who = who;
	e->deferrable = deferrable;
	e->next = READ_ONCE(*head);
	/* The entry before its count, which readers check first. */
	smp_store_release(&e->count, 1);
	WRITE_ONCE(*head, i);
}

/*
 * A timer on a stack that its task cancels will not expire: free its
 * slot.  Only in task context: timer_cancel also fires as an expiring
 * timer is detached, in the softirq, right before its expiry.
 */
static void ts_cancel(unsigned long timer)
{
	struct ts_armed *a;

	if (!in_task())
		return;
	a = armed_get(timer, false);
	if (a && a->on_stack)
		WRITE_ONCE(a->timer, TS_TOMB);
}

static void ts_probe_timer_start(void *data, LWT_TIMER_START_PROTO)
{
	if (ts_on())
		ts_arm((unsigned long)timer, timer->function, LWT_RA_SLOT());
}

static void ts_probe_hrtimer_start(void *data, LWT_HRTIMER_START_PROTO)
{
	if (ts_on())
		ts_arm((unsigned long)hrtimer, lwt_hrtimer_function(hrtimer),
		       LWT_RA_SLOT());
}

static void ts_probe_timer_expire(void *data, struct timer_list *timer,
				  unsigned long baseclk)
{
	if (ts_on())
		ts_expire((unsigned long)timer, timer->function,
			  READ_ONCE(timer->flags) & TIMER_DEFERRABLE);
}

static void ts_probe_hrtimer_expire(void *data, struct hrtimer *hrtimer,
				    ktime_t *now)
{
	if (ts_on())
		ts_expire((unsigned long)hrtimer, lwt_hrtimer_function(hrtimer),
			  false);
}

static void ts_probe_timer_cancel(void *data, struct timer_list *timer)
{
	if (ts_on())
		ts_cancel((unsigned long)timer);
}

static void ts_probe_hrtimer_cancel(void *data, struct hrtimer *hrtimer)
{
	if (ts_on())
		ts_cancel((unsigned long)hrtimer);
}

static LWT_TRACEPOINT(ts_tp_timer_start, timer_start, ts_probe_timer_start);
static LWT_TRACEPOINT(ts_tp_hrtimer_start, hrtimer_start, ts_probe_hrtimer_start);
static LWT_TRACEPOINT(ts_tp_timer_expire, timer_expire_entry, ts_probe_timer_expire);
static LWT_TRACEPOINT(ts_tp_hrtimer_expire, hrtimer_expire_entry,
		      ts_probe_hrtimer_expire);

static LWT_TRACEPOINT(ts_tp_timer_cancel, timer_cancel, ts_probe_timer_cancel);
static LWT_TRACEPOINT(ts_tp_hrtimer_cancel, hrtimer_cancel, ts_probe_hrtimer_cancel);

static struct lwt_tp *const ts_tps[] = {
	&ts_tp_timer_start, &ts_tp_hrtimer_start,
	&ts_tp_timer_expire, &ts_tp_hrtimer_expire,
	&ts_tp_timer_cancel, &ts_tp_hrtimer_cancel,
};

/* ---- the file ---- */

/* An entry as the reader sees it: copied at open. */
struct ts_line {
	unsigned long	timer;
	unsigned long	site;
	void		*func;
	pid_t		pid;		/* as the reader's namespace numbers it */
	bool		deferrable;
	unsigned int	order;		/* of the first entry merged into it */
	unsigned long	count;
	char		comm[TASK_COMM_LEN];
};

struct ts_view {
	struct ts_line	*lines;
	unsigned int	n, i;
	unsigned long	events;
	u64		period_ns;
	bool		footer_done;
	char		buf[2 * KSYM_SYMBOL_LEN + 64];
};

/* The pid of @pid in @ns, or -1 if its task is not visible there. */
static pid_t ts_pid_in(struct pid *pid, struct pid_namespace *ns)
{
	if (!pid || ns->level > pid->level || pid->numbers[ns->level].ns != ns)
		return -1;
	return pid->numbers[ns->level].nr;
}

static bool ts_same_key(const struct ts_line *x, const struct ts_line *y)
{
	return x->timer == y->timer && x->site == y->site &&
	       x->func == y->func && x->pid == y->pid;
}

static int ts_key_cmp(const void *a, const void *b)
{
	const struct ts_line *x = a, *y = b;

	if (x->timer != y->timer)
		return x->timer < y->timer ? -1 : 1;
	if (x->site != y->site)
		return x->site < y->site ? -1 : 1;
	if (x->func != y->func)
		return x->func < y->func ? -1 : 1;
	if (x->pid != y->pid)
		return x->pid < y->pid ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static int ts_order_cmp(const void *a, const void *b)
{
	const struct ts_line *x = a, *y = b;

	return x->order < y->order ? -1 : x->order > y->order;
}

static int ts_view_open(struct lwt_facility *f, void *state)
{
	struct pid_namespace *ns = task_active_pid_ns(current);
	unsigned int used = min_t(unsigned int, atomic_read(&ts.used),
				  ts.nentries);
	struct ts_view *v = state;
	unsigned int i, n = 0;

	v->period_ns = ktime_to_ns(ktime_sub(f->state == LWT_OFF ?
					     f->stop_mono : ktime_get(),
					     f->start_mono));
	if (!f->not_empty)
		v->period_ns = 0;
	v->lines = kvcalloc(max(used, 1U), sizeof(*v->lines), GFP_KERNEL);
	if (!v->lines)
		return -ENOMEM;
	for (i = 0; i < used; i++) {
		const struct ts_entry *e = &ts.entries[i];
		unsigned long count = smp_load_acquire(&e->count);
		const struct ts_who *w;
		struct ts_line *l = &v->lines[n];

		if (!count)		/* being made */
			continue;
		w = &ts.who[e->who - 1];
		l->pid = ts_pid_in(w->pid, ns);
		if (l->pid < 0)
			continue;
		l->timer = e->timer;
		l->site = w->site;
		l->func = e->func;
		l->deferrable = e->deferrable;
		l->order = i;
		l->count = READ_ONCE(e->count);
		memcpy(l->comm, w->comm, sizeof(l->comm));
		l->comm[sizeof(l->comm) - 1] = '\0';
		n++;
	}
	/* Merge the entries of equal keys that racing CPUs made. */
	sort(v->lines, n, sizeof(*v->lines), ts_key_cmp, NULL);
	for (i = 0; i < n; i++) {
		struct ts_line *l = &v->lines[v->n];

		if (v->n && ts_same_key(l - 1, &v->lines[i])) {
			(l - 1)->count += v->lines[i].count;
			continue;
		}
		*l = v->lines[i];
		v->n++;
	}
	/* Then in table order, as the original printed them. */
	sort(v->lines, v->n, sizeof(*v->lines), ts_order_cmp, NULL);
	for (i = 0; i < v->n; i++)
		v->events += v->lines[i].count;
	return 0;
}

static void ts_view_release(void *state)
{
	kvfree(((struct ts_view *)state)->lines);
}

static size_t ts_view_header(struct lwt_facility *f, void *state,
			     char *buf, size_t size)
{
	struct ts_view *v = state;
	u64 sec = div_u64(v->period_ns, NSEC_PER_SEC);
	u32 ms = div_u64(v->period_ns - sec * NSEC_PER_SEC, NSEC_PER_MSEC);
	long overflow = atomic_long_read(&ts.overflow);
	size_t len;

	len = scnprintf(buf, size, "Timer Stats Version: %s\nSample period: %llu.%03u s\n",
			LWT_TSTAT_VERSION, sec, ms);
	if (overflow)
		len += scnprintf(buf + len, size - len, "Overflow: %ld entries\n",
				 overflow);
	len += scnprintf(buf + len, size - len, "Collection: %s\n",
			 f->state == LWT_OFF ? "inactive" : "active");
	return len;
}

/* The bare symbol of @addr, as the original's lookup_symbol_name(). */
static size_t ts_sym(char *buf, size_t size, unsigned long addr)
{
	char sym[KSYM_SYMBOL_LEN];

	if (!addr)
		return scnprintf(buf, size, "<unknown>");
	sprint_symbol_no_offset(sym, addr);
	if (!strncmp(sym, "0x", 2))	/* no symbol: never a raw address */
		return scnprintf(buf, size, "<%p>", (void *)addr);
	sym[strcspn(sym, " ")] = '\0';	/* drop " [module]" */
	return scnprintf(buf, size, "%s", sym);
}

static const char *ts_view_next(void *state, size_t *len)
{
	struct ts_view *v = state;
	const struct ts_line *l;
	size_t n, size = sizeof(v->buf);
	char comm[LWT_COMM_LEN];

	if (v->i == v->n) {
		u64 ms = div_u64(v->period_ns, NSEC_PER_MSEC);

		if (v->footer_done)
			return NULL;
		v->footer_done = true;
		if (v->events && v->period_ns >= NSEC_PER_SEC)
			*len = scnprintf(v->buf, size,
					 "%lu total events, %llu.%03llu events/sec\n",
					 v->events, div64_u64(v->events * 1000ULL, ms),
					 div64_u64(v->events * 1000000ULL, ms) % 1000);
		else
			*len = scnprintf(v->buf, size, "%lu total events\n",
					 v->events);
		return v->buf;
	}
	l = &v->lines[v->i++];
	lwt_sanitize_comm(comm, l->comm);
	n = scnprintf(v->buf, size, l->deferrable ? "%4luD, %5d %-16s " :
		      " %4lu, %5d %-16s ", l->count, l->pid, comm);
	n += ts_sym(v->buf + n, size - n, l->site);
	n += scnprintf(v->buf + n, size - n, " (");
	n += ts_sym(v->buf + n, size - n, (unsigned long)l->func);
	n += scnprintf(v->buf + n, size - n, ")\n");
	*len = n;
	return v->buf;
}

static const struct lwt_view ts_views[] = {
	{
		.name = "timer_stats", .size = sizeof(struct ts_view),
		.copies = true,
		.open = ts_view_open, .header = ts_view_header,
		.next = ts_view_next, .release = ts_view_release,
	},
};

/* ---- the facility ---- */

static void ts_reset(struct lwt_facility *f)
{
	unsigned int i;

	for (i = 0; i < ts.nwho; i++)
		if (ts.who[i].ready)
			put_pid(ts.who[i].pid);
	memset(ts.who, 0, ts.nwho * sizeof(*ts.who));
	memset(ts.armed, 0, ts.narmed * sizeof(*ts.armed));
	memset(ts.entries, 0, ts.nentries * sizeof(*ts.entries));
	atomic_set(&ts.used, 0);
	atomic_long_set(&ts.overflow, 0);
}

static void ts_exit(struct lwt_facility *f)
{
	if (ts.who)
		ts_reset(f);
	kvfree(ts.entries);
	kvfree(ts.armed);
	kvfree(ts.who);
	ts.entries = NULL;
	ts.armed = NULL;
	ts.who = NULL;
	lwt_walker_put(&ts_walker);
}

static int ts_init(struct lwt_facility *f)
{
	u64 bytes;
	int ret;

	ts.nentries = ts_entries.val;
	/*
	 * Half full at most, so that probe sequences stay short; a small
	 * table of entries still has room for every arming task.
	 */
	ts.nwho = roundup_pow_of_two(max(2 * ts.nentries, 4096U));
	/* Timers are armed that never expire: room for many more. */
	ts.narmed = roundup_pow_of_two(max(8 * ts.nentries, 16384U));
	bytes = (u64)ts.nwho * sizeof(*ts.who) +
		(u64)ts.narmed * sizeof(*ts.armed) +
		(u64)ts.nentries * sizeof(*ts.entries);
	if (lwt_mem_check("timer_stats (ts_entries)", bytes))
		return -ENOMEM;
	ret = lwt_walker_get(&ts_walker);
	if (ret)
		return ret;
	ts.who = kvcalloc(ts.nwho, sizeof(*ts.who), LWT_GFP_BIG);
	ts.armed = kvcalloc(ts.narmed, sizeof(*ts.armed), LWT_GFP_BIG);
	ts.entries = kvcalloc(ts.nentries, sizeof(*ts.entries), LWT_GFP_BIG);
	if (!ts.who || !ts.armed || !ts.entries) {
		pr_err("timer_stats (ts_entries %u): cannot allocate its tables\n",
		       ts_entries.val);
		ts_exit(f);
		return -ENOMEM;
	}
	return 0;
}

struct lwt_facility lwt_ts = {
	.name		= "timer_stats",
	.single		= true,
	.proc		= &ts_proc,
	.restart_clears	= true,
	.tps		= ts_tps,
	.ntps		= ARRAY_SIZE(ts_tps),
	.views		= ts_views,
	.nviews		= ARRAY_SIZE(ts_views),
	.init		= ts_init,
	.exit		= ts_exit,
	.reset		= ts_reset,
};
