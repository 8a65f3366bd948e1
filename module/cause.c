// SPDX-License-Identifier: GPL-2.0
/*
 * Cause attribution for sched_migrate_task.
 *
 * The tracepoint does not say who called set_task_cpu().  Three ways to
 * find out, cheapest first (Documentation/design.rst, "Causes"):
 *
 *  1. By task state.  try_to_wake_up() sets the task to TASK_WAKING before
 *     it picks a CPU, and no other caller moves a task in that state.
 *  2. By learned path.  Between the probe and the caller of set_task_cpu()
 *     there are a fixed few frames (set_task_cpu(), maybe
 *     __traceiter_sched_migrate_task()), each of fixed size.  Keyed by the
 *     probe's own return address, a per-CPU table remembers where, above
 *     the probe's return-address slot, each of those frames keeps its
 *     return address and what it must be.  If every one still holds its
 *     value, the frames are the same, and the caller's return address is
 *     read from its slot and looked up among the known call sites: a few
 *     loads and compares.  Anything else falls back to 3.
 *  3. By unwind.  The ORC unwinder walks the stack from the probe's caller;
 *     each return address maps to a cause through a per-CPU cache of call
 *     sites, resolved once by name with sprint_symbol_no_offset().  The
 *     walk also records where each return address was, which teaches 2.
 *
 * The innermost frame that names a cause wins.  A few callers are shared
 * helpers that more than one cause goes through (detach_task() serves both
 * periodic and active balancing): they are "weak", giving their cause only
 * if no outer frame names a more specific one.  Path 2 answers only when
 * the frame it reads names a cause that is not weak, and the frames inside
 * it are exactly those of the unwind it learned from: it then gives what
 * the unwind would.  cause_check=1 checks 1 and 2 against 3 on every event.
 *
 * The caches live as long as the module: kernel text does not move.  No
 * unexported symbol is looked up by name.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hash.h>
#include <linux/kallsyms.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <uapi/lwtrace.h>
#include "cause.h"
#include "facility.h"

/*
 * Frames kept, from the probe's caller: __traceiter_sched_migrate_task()
 * (only when more than one probe is attached, such as ftrace's),
 * set_task_cpu(), its caller, and the caller's caller for a weak caller.
 * In the Debian 6.1 and 6.12 builds every caller of set_task_cpu() is
 * itself a cause (the table below, checked against their disassembly); the
 * outer frames are for builds that inline differently.
 */
#define MT_CAUSE_DEPTH	4
/* Learned paths per CPU: one per way the probe is called, usually 1 or 2. */
#define MT_PATHS	4
/* How far above the probe a learned slot may be, in words. */
#define MT_PATH_REACH	512
#define MT_SITES_BITS	7
#define MT_SITES	(1 << MT_SITES_BITS)

struct cause_name {
	const char	*name;
	unsigned int	cause;
	bool		weak;
};

/*
 * Every function that calls set_task_cpu(), or inlines a caller, in
 * 6.1..6.12.  Compiler suffixes (".part.0", ".isra.0", ...) are ignored.
 */
static const struct cause_name cause_names[] = {
	/* kernel/sched/core.c */
	{ "try_to_wake_up",			LWT_CAUSE_TRY_TO_WAKE_UP },
	{ "sched_ttwu_pending",			LWT_CAUSE_SCHED_TTWU_PENDING },
	{ "move_queued_task",			LWT_CAUSE_MIGRATE_TASK },
	{ "__migrate_task",			LWT_CAUSE_MIGRATE_TASK },
	{ "migration_cpu_stop",			LWT_CAUSE_MIGRATE_TASK },
	{ "affine_move_task",			LWT_CAUSE_MIGRATE_TASK },
	{ "__set_cpus_allowed_ptr_locked",	LWT_CAUSE_MIGRATE_TASK },
	{ "__balance_push_cpu_stop",		LWT_CAUSE_MIGRATE_TASK },
	{ "push_cpu_stop",			LWT_CAUSE_PUSH_CPU_STOP },
	{ "__migrate_swap_task",		LWT_CAUSE_MIGRATE_SWAP },
	{ "migrate_swap_stop",			LWT_CAUSE_MIGRATE_SWAP },
	{ "try_steal_cookie",			LWT_CAUSE_STEAL_COOKIE },
	{ "steal_cookie_task",			LWT_CAUSE_STEAL_COOKIE },
	/* kernel/sched/fair.c: detach_task() serves both balancers */
	{ "detach_task",			LWT_CAUSE_PULL_TASK, true },
	{ "detach_tasks",			LWT_CAUSE_PULL_TASK },
	{ "load_balance",			LWT_CAUSE_PULL_TASK },
	{ "sched_balance_rq",			LWT_CAUSE_PULL_TASK },	/* v6.10 name of load_balance */
	{ "detach_one_task",			LWT_CAUSE_ACTIVE_BALANCE },
	{ "active_load_balance_cpu_stop",	LWT_CAUSE_ACTIVE_BALANCE },
	/* kernel/sched/rt.c */
	{ "push_rt_task",			LWT_CAUSE_PUSH_RT_TASK },
	{ "push_rt_tasks",			LWT_CAUSE_PUSH_RT_TASK },
	{ "rto_push_irq_work_func",		LWT_CAUSE_PUSH_RT_TASK },
	{ "pull_rt_task",			LWT_CAUSE_PULL_RT_TASK },
	/* kernel/sched/deadline.c */
	{ "push_dl_task",			LWT_CAUSE_PUSH_DL_TASK },
	{ "push_dl_tasks",			LWT_CAUSE_PUSH_DL_TASK },
	{ "pull_dl_task",			LWT_CAUSE_PULL_DL_TASK },
	{ "dl_task_offline_migration",		LWT_CAUSE_DL_OFFLINE },
	{ "dl_task_timer",			LWT_CAUSE_DL_OFFLINE },	/* inlines it */
	/* kernel/sched/ext.c (6.12+) */
	{ "move_remote_task_to_local_dsq",	LWT_CAUSE_SCX },
	{ "move_task_between_dsqs",		LWT_CAUSE_SCX },
	{ "consume_remote_task",		LWT_CAUSE_SCX },
	{ "dispatch_to_local_dsq",		LWT_CAUSE_SCX },
};

struct mt_site {
	unsigned long	addr;	/* return address; 0: free slot */
	u8		cause;	/* 0: not a cause, keep walking */
	bool		weak;
};

struct mt_sites {
	struct mt_site	s[MT_SITES];
	char		sym[KSYM_SYMBOL_LEN];	/* scratch for one lookup */
};

/*
 * A learned path: the probe's return address @key, the slots (word offsets
 * above the probe's return-address slot) of the frames up to the one that
 * named the cause, and the return addresses all but the last must hold.
 */
struct mt_path {
	unsigned long	key;			/* 0: free */
	unsigned int	n;			/* slots; the last is looked up */
	unsigned int	off[MT_CAUSE_DEPTH];
	unsigned long	ra[MT_CAUSE_DEPTH];
};

struct mt_paths {
	struct mt_path	p[MT_PATHS];
	unsigned int	next;			/* to replace when full */
};
static DEFINE_PER_CPU(struct mt_paths, mt_paths);

/*
 * Per CPU, so that no atomics are needed: sched_migrate_task always fires
 * with interrupts disabled (set_task_cpu() runs under p->pi_lock or the
 * runqueue lock), so nothing else on this CPU uses the cache meanwhile.
 */
static DEFINE_PER_CPU(struct mt_sites, mt_sites);

/*
 * cause_check=1 unwinds wakeups too and counts where the unwind names
 * another cause than the task state did: the test of the shortcut.
 */
static bool cause_check;
module_param(cause_check, bool, 0644);
MODULE_PARM_DESC(cause_check, "also unwind where the task state or a learned path named the cause, and count disagreements (migration_trace/sites; default 0)");

struct cause_stats {
	unsigned long	by_state;	/* named by task state */
	unsigned long	by_path;	/* named by a learned path */
	unsigned long	unwound;	/* named by unwind */
	unsigned long	checked;	/* by_state and by_path ones unwound too */
	unsigned long	mismatch;	/* ... that the unwind named otherwise */
};
static DEFINE_PER_CPU(struct cause_stats, cause_stats);

/* The last stack that named no cause, per CPU, for the sites file. */
struct unknown_stack {
	unsigned long	entries[MT_CAUSE_DEPTH];
	unsigned int	n;
};
static DEFINE_PER_CPU(struct unknown_stack, unknown_stack);

static void resolve(struct mt_sites *t, struct mt_site *s, unsigned long addr)
{
	size_t len;
	unsigned int i;

	sprint_symbol_no_offset(t->sym, addr);
	len = strcspn(t->sym, " .");	/* drop ".part.0", " [module]" */
	s->cause = 0;
	s->weak = false;
	for (i = 0; i < ARRAY_SIZE(cause_names); i++) {
		if (strlen(cause_names[i].name) == len &&
		    !strncmp(cause_names[i].name, t->sym, len)) {
			s->cause = cause_names[i].cause;
			s->weak = cause_names[i].weak;
			break;
		}
	}
}

static __always_inline struct mt_site *site_slot(struct mt_sites *t,
						 unsigned long addr)
{
	unsigned int h = hash_long(addr, MT_SITES_BITS), i;
	struct mt_site *s;

	for (i = 0; i < MT_SITES; i++) {
		s = &t->s[(h + i) & (MT_SITES - 1)];
		if (s->addr == addr || !s->addr)
			return s;
	}
	return NULL;
}

static const struct mt_site *site(unsigned long addr, struct mt_site *spill)
{
	struct mt_sites *t = this_cpu_ptr(&mt_sites);
	struct mt_site *s = site_slot(t, addr);

	if (s && s->addr == addr)
		return s;
	if (!s) {
		/* Full: still correct, only slower. */
		resolve(t, spill, addr);
		return spill;
	}
	resolve(t, s, addr);
	/*
	 * The cause before the address that makes the entry valid, for the
	 * sites file on another CPU.  Pairs with the smp_load_acquire() in
	 * cause_view_site().
	 */
	smp_store_release(&s->addr, addr);
	return s;
}

/* Learn the path of an unwind that named a cause at frame @d. */
static void path_learn(unsigned long *ra_slot, const unsigned long *ra,
		       unsigned long *const *slot, unsigned int d)
{
	struct mt_paths *t = this_cpu_ptr(&mt_paths);
	struct mt_path *p = NULL;
	unsigned int i;

	for (i = 0; i <= d; i++) {
		if (!slot[i] || slot[i] < ra_slot || slot[i] - ra_slot >= MT_PATH_REACH)
			return;
	}
	/* The first frame is the probe's caller, its slot the probe's own. */
	if (slot[0] != ra_slot || ra[0] != *ra_slot)
		return;
	for (i = 0; i < MT_PATHS && !p; i++)
		if (t->p[i].key == ra[0] || !t->p[i].key)
			p = &t->p[i];
	if (!p) {
		p = &t->p[t->next];
		t->next = (t->next + 1) % MT_PATHS;
	}
	p->key = ra[0];
	p->n = d + 1;
	for (i = 0; i <= d; i++) {
		p->off[i] = slot[i] - ra_slot;
		p->ra[i] = ra[i];
	}
}

/*
 * The cause by unwind, from the probe's caller, whose return address is at
 * @ra_slot.  Teaches the path of this call if the cause is not weak.
 */
static noinline unsigned int unwind_cause(unsigned long *ra_slot)
{
	unsigned long ra[MT_CAUSE_DEPTH];
	unsigned long *slot[MT_CAUSE_DEPTH];
	unsigned int n = 0, i, weak = 0;
	struct lwt_unwind u;
	struct mt_site spill;

	for (lwt_unwind_start(&u, ra_slot); !lwt_unwind_done(&u) && n < MT_CAUSE_DEPTH;
	     lwt_unwind_next(&u)) {
		ra[n] = lwt_unwind_ra(&u);
		if (!ra[n])
			break;
		slot[n++] = lwt_unwind_ra_slot(&u);
	}
	for (i = 0; i < n; i++) {
		const struct mt_site *s = site(ra[i], &spill);

		if (!s->cause)
			continue;
		if (!s->weak) {
			if (!weak)
				path_learn(ra_slot, ra, slot, i);
			return s->cause;
		}
		if (!weak)
			weak = s->cause;
	}
	if (weak)
		return weak;
	memcpy(this_cpu_ptr(unknown_stack.entries), ra, n * sizeof(ra[0]));
	this_cpu_write(unknown_stack.n, n);
	return LWT_CAUSE_UNKNOWN;
}

/* The cause by learned path, or 0. */
static __always_inline unsigned int path_cause(unsigned long *ra_slot)
{
	struct mt_paths *t = this_cpu_ptr(&mt_paths);
	unsigned long key = *ra_slot;
	const struct mt_path *p;
	const struct mt_site *s;
	unsigned int i, last;

	for (i = 0; i < MT_PATHS; i++) {
		p = &t->p[i];
		if (p->key == key)
			break;
	}
	if (i == MT_PATHS)
		return 0;
	/*
	 * Each slot is the return-address slot of a frame whose function and
	 * call site the previous one fixed, so every load is inside the
	 * stack, and equal values mean the same frames as when learned.
	 */
	last = p->n - 1;
	for (i = 1; i < last; i++)
		if (ra_slot[p->off[i]] != p->ra[i])
			return 0;
	s = site_slot(this_cpu_ptr(&mt_sites), ra_slot[p->off[last]]);
	if (!s || !s->addr || !s->cause || s->weak)
		return 0;
	return s->cause;
}

/* The cause an unwind gives, counted against @cause (cause_check=1). */
static noinline void cause_check_one(unsigned long *ra_slot, unsigned int cause)
{
	this_cpu_inc(cause_stats.checked);
	if (unwind_cause(ra_slot) != cause)
		this_cpu_inc(cause_stats.mismatch);
}

unsigned int lwt_migrate_cause(struct task_struct *p, unsigned long *ra_slot)
{
	unsigned int cause;

	if (lwt_cause_by_state(p)) {
		this_cpu_inc(cause_stats.by_state);
		cause = LWT_CAUSE_TRY_TO_WAKE_UP;
	} else {
		cause = path_cause(ra_slot);
		if (!cause) {
			this_cpu_inc(cause_stats.unwound);
			return unwind_cause(ra_slot);
		}
		this_cpu_inc(cause_stats.by_path);
	}
	if (unlikely(READ_ONCE(cause_check)))
		cause_check_one(ra_slot, cause);
	return cause;
}

/*
 * The sites file: the counters as they were at open, the last stacks that
 * named no cause, then the call sites resolved so far, by symbol only.
 */
struct cause_view {
	int			cpu;		/* of the next line */
	bool			sites;		/* past the unknown stacks */
	unsigned int		i;		/* next site */
	char			line[2 * KSYM_SYMBOL_LEN + 64];
};
static_assert(sizeof(struct cause_view) <= LWT_CAUSE_VIEW_SIZE);

int lwt_cause_view_open(struct lwt_facility *f, void *state)
{
	((struct cause_view *)state)->cpu = -1;
	return 0;
}

size_t lwt_cause_view_header(struct lwt_facility *f, void *state,
			     char *buf, size_t size)
{
	struct cause_stats sum = { 0 };
	int cpu;

	for_each_possible_cpu(cpu) {
		const struct cause_stats *st = per_cpu_ptr(&cause_stats, cpu);

		sum.by_state += READ_ONCE(st->by_state);
		sum.by_path += READ_ONCE(st->by_path);
		sum.unwound += READ_ONCE(st->unwound);
		sum.checked += READ_ONCE(st->checked);
		sum.mismatch += READ_ONCE(st->mismatch);
	}
	return scnprintf(buf, size,
			 "# by_state %lu by_path %lu unwound %lu checked %lu mismatch %lu\n",
			 sum.by_state, sum.by_path, sum.unwound, sum.checked,
			 sum.mismatch);
}

static size_t cause_view_unknown(struct cause_view *v, int cpu)
{
	const struct unknown_stack *u = per_cpu_ptr(&unknown_stack, cpu);
	unsigned int n = min_t(unsigned int, READ_ONCE(u->n), MT_CAUSE_DEPTH);
	size_t len;
	unsigned int i;

	if (!n)
		return 0;
	len = scnprintf(v->line, sizeof(v->line), "# unknown cpu %d:", cpu);
	for (i = 0; i < n; i++)
		len += scnprintf(v->line + len, sizeof(v->line) - len, " %pS",
				 (void *)READ_ONCE(u->entries[i]));
	len += scnprintf(v->line + len, sizeof(v->line) - len, "\n");
	return len;
}

static size_t cause_view_site(struct cause_view *v, int cpu, unsigned int i)
{
	const struct mt_site *s = &per_cpu(mt_sites, cpu).s[i];
	unsigned long addr = smp_load_acquire(&s->addr);
	unsigned int c;

	if (!addr)
		return 0;
	c = s->cause;
	return scnprintf(v->line, sizeof(v->line), "%d %pS %s%s\n", cpu,
			 (void *)addr, c < LWT_LOC_NR && c ? lwt_loc_name[c] : "-",
			 c && s->weak ? " (weak)" : "");
}

const char *lwt_cause_view_next(void *state, size_t *len)
{
	struct cause_view *v = state;

	while (!v->sites) {
		v->cpu = cpumask_next(v->cpu, cpu_possible_mask);
		if (v->cpu >= nr_cpu_ids) {
			v->sites = true;
			v->cpu = cpumask_first(cpu_possible_mask);
			break;
		}
		*len = cause_view_unknown(v, v->cpu);
		if (*len)
			return v->line;
	}
	while (v->cpu < nr_cpu_ids) {
		while (v->i < MT_SITES) {
			*len = cause_view_site(v, v->cpu, v->i++);
			if (*len)
				return v->line;
		}
		v->i = 0;
		v->cpu = cpumask_next(v->cpu, cpu_possible_mask);
	}
	return NULL;
}
