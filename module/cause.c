// SPDX-License-Identifier: GPL-2.0
/*
 * Cause attribution for sched_migrate_task.
 *
 * The tracepoint does not say who called set_task_cpu().  Three ways to
 * find out, cheapest first (Documentation/design.rst, "Causes"):
 *
 *  1. By task state.  try_to_wake_up() sets the task to TASK_WAKING before
 *     it picks a CPU, and no other caller moves a task in that state.
 *  2. By learned path, then 3. by unwind: the walker of walk.h, whose
 *     classes are the causes, keyed by the name of each caller of
 *     set_task_cpu().
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

#include <linux/kallsyms.h>
#include <linux/moduleparam.h>
#include <linux/percpu.h>
#include <linux/string.h>
#include <linux/slab.h>
#include <uapi/lwtrace.h>
#include "cause.h"
#include "facility.h"
#include "walk.h"

/*
 * Frames kept, from the probe's caller: __traceiter_sched_migrate_task()
 * (only when more than one probe is attached, such as ftrace's),
 * set_task_cpu(), its caller, and the caller's caller for a weak caller.
 * In the Debian 6.1 and 6.12 builds every caller of set_task_cpu() is
 * itself a cause (the table below, checked against their disassembly); the
 * outer frames are for builds that inline differently.
 */
#define MT_CAUSE_DEPTH	4

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

/*
 * cause_check=1 unwinds wakeups too and counts where the unwind names
 * another cause than the task state did: the test of the shortcut.
 */
bool lwt_cause_check;
module_param_named(cause_check, lwt_cause_check, bool, 0644);
MODULE_PARM_DESC(cause_check, "also unwind where the task state or a learned path named the cause, and count disagreements (migration_trace/sites; default 0)");

DEFINE_PER_CPU(struct lwt_cause_stats, lwt_cause_stats);

static unsigned int cause_classify(const char *name, size_t len, bool *weak)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(cause_names); i++) {
		if (strlen(cause_names[i].name) == len &&
		    !strncmp(cause_names[i].name, name, len)) {
			*weak = cause_names[i].weak;
			return cause_names[i].cause;
		}
	}
	return 0;
}

/* A cause is kept in a byte (struct lwt_walk_site, lwt_walk_path). */
static_assert(LWT_LOC_NR <= U8_MAX);

struct lwt_walker lwt_cause_walker = LWT_WALKER_INIT(cause_classify,
						     MT_CAUSE_DEPTH);

static unsigned int unwind_cause(unsigned long *ra_slot)
{
	struct lwt_walk_res res;

	lwt_walk_unwind(&lwt_cause_walker, ra_slot, &res);
	return res.class ?: LWT_CAUSE_UNKNOWN;
}

noinline unsigned int lwt_cause_unwind(unsigned long *ra_slot)
{
	this_cpu_inc(lwt_cause_stats.unwound);
	return unwind_cause(ra_slot);
}

/* The cause an unwind gives, counted against @cause (cause_check=1). */
noinline void lwt_cause_check_one(unsigned long *ra_slot, unsigned int cause)
{
	this_cpu_inc(lwt_cause_stats.checked);
	if (unwind_cause(ra_slot) != cause)
		this_cpu_inc(lwt_cause_stats.mismatch);
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
	struct lwt_cause_stats sum = { 0 };
	int cpu;

	for_each_possible_cpu(cpu) {
		const struct lwt_cause_stats *st = per_cpu_ptr(&lwt_cause_stats, cpu);

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
	unsigned long stack[LWT_WALK_DEPTH];
	unsigned int n = lwt_walk_unknown(&lwt_cause_walker, cpu, stack), i;
	size_t len;

	if (!n)
		return 0;
	len = scnprintf(v->line, sizeof(v->line), "# unknown cpu %d:", cpu);
	for (i = 0; i < n; i++)
		len += scnprintf(v->line + len, sizeof(v->line) - len, " %pS",
				 (void *)stack[i]);
	len += scnprintf(v->line + len, sizeof(v->line) - len, "\n");
	return len;
}

static size_t cause_view_site(struct cause_view *v, int cpu, unsigned int i)
{
	unsigned long addr;
	unsigned int c;
	bool weak;

	if (!lwt_walk_site_get(&lwt_cause_walker, cpu, i, &addr, &c, &weak))
		return 0;
	return scnprintf(v->line, sizeof(v->line), "%d %pS %s%s\n", cpu,
			 (void *)addr, c < LWT_LOC_NR && c ? lwt_loc_name[c] : "-",
			 c && weak ? " (weak)" : "");
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
		while (v->i < LWT_WALK_SITES) {
			*len = cause_view_site(v, v->cpu, v->i++);
			if (*len)
				return v->line;
		}
		v->i = 0;
		v->cpu = cpumask_next(v->cpu, cpu_possible_mask);
	}
	return NULL;
}
