// SPDX-License-Identifier: GPL-2.0
/*
 * Cause attribution for sched_migrate_task.
 *
 * The tracepoint does not say who called set_task_cpu().  The probe takes a
 * short stack trace (stack_trace_save(), the ORC unwinder on x86) and maps
 * each return address to a cause through a per-CPU cache.  A return address
 * seen for the first time on a CPU is resolved once, by name, with
 * sprint_symbol_no_offset() (lock-free kallsyms lookup), and cached; every
 * later event from that call site costs only the unwind and a hash lookup.
 * The caches live as long as the module: kernel text does not move, and
 * both migration_trace and migration_stat use them.
 * No unexported symbol is looked up by name.
 *
 * The innermost frame that names a cause wins.  A few callers are shared
 * helpers that more than one cause goes through (detach_task() serves both
 * periodic and active balancing): they are "weak", giving their cause only
 * if no outer frame names a more specific one.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hash.h>
#include <linux/kallsyms.h>
#include <linux/percpu.h>
#include <linux/stacktrace.h>
#include <linux/string.h>
#include <uapi/lwtrace.h>
#include "cause.h"
#include "lwtrace.h"

/*
 * Frames kept: set_task_cpu(), possibly __traceiter_sched_migrate_task()
 * (when another probe, such as ftrace's, is attached), the caller, and two
 * more for a weak caller's own caller.  The unwind is most of the cost, so
 * keep it short.
 */
#define MT_CAUSE_DEPTH	6
/* Frames skipped: lwt_migrate_cause() and the probe. */
#define MT_CAUSE_SKIP	2
#define MT_SITES_BITS	7
#define MT_SITES	(1 << MT_SITES_BITS)

struct cause_name {
	const char	*name;
	unsigned int	cause;
	bool		weak;
};

/* Every function that calls set_task_cpu(), or inlines a caller, in 6.1..6.12. */
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
 * Per CPU, so that no atomics are needed: sched_migrate_task always fires
 * with interrupts disabled (set_task_cpu() runs under p->pi_lock or the
 * runqueue lock), so nothing else on this CPU uses the cache meanwhile.
 */
static DEFINE_PER_CPU(struct mt_sites, mt_sites);

static void resolve(struct mt_sites *t, struct mt_site *s, unsigned long addr)
{
	size_t len;
	unsigned int i;

	sprint_symbol_no_offset(t->sym, addr);
	len = strcspn(t->sym, " ");	/* drop " [module]" */
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

static const struct mt_site *site(unsigned long addr, struct mt_site *spill)
{
	struct mt_sites *t = this_cpu_ptr(&mt_sites);
	unsigned int h = hash_long(addr, MT_SITES_BITS), i;
	struct mt_site *s;

	for (i = 0; i < MT_SITES; i++) {
		s = &t->s[(h + i) & (MT_SITES - 1)];
		if (s->addr == addr)
			return s;
		if (!s->addr) {
			resolve(t, s, addr);
			s->addr = addr;
			return s;
		}
	}
	/* Full: still correct, only slower. */
	resolve(t, spill, addr);
	return spill;
}

unsigned int lwt_migrate_cause(void)
{
	unsigned long entries[MT_CAUSE_DEPTH];
	unsigned int n, i, weak = 0;
	struct mt_site spill;

	n = stack_trace_save(entries, MT_CAUSE_DEPTH, MT_CAUSE_SKIP);
	for (i = 0; i < n; i++) {
		const struct mt_site *s = site(entries[i], &spill);

		if (!s->cause)
			continue;
		if (!s->weak)
			return s->cause;
		if (!weak)
			weak = s->cause;
	}
	return weak ? weak : LWT_CAUSE_UNKNOWN;
}

int lwt_cause_sites_show(struct seq_file *m, void *unused)
{
	unsigned long addr;
	unsigned int i, c;
	int cpu;

	for_each_possible_cpu(cpu) {
		for (i = 0; i < MT_SITES; i++) {
			const struct mt_site *s = &per_cpu(mt_sites, cpu).s[i];

			addr = READ_ONCE(s->addr);
			if (!addr)
				continue;
			c = READ_ONCE(s->cause);
			seq_printf(m, "%d %px %pS %s%s\n", cpu, (void *)addr,
				   (void *)addr, c < LWT_LOC_NR && c ? lwt_loc_name[c] : "-",
				   c && s->weak ? " (weak)" : "");
		}
	}
	return 0;
}
