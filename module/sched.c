// SPDX-License-Identifier: GPL-2.0
/*
 * sched_migrate_task: the one probe on it, shared by migration_trace and
 * migration_stat, so that each migration costs one cause lookup however
 * many facilities are on.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/percpu.h>
#include <trace/events/sched.h>
#include "cause.h"
#include "compat.h"
#include "facility.h"
#include "sched.h"

static bool mt_measure_cost;
module_param(mt_measure_cost, bool, 0644);
MODULE_PARM_DESC(mt_measure_cost, "time the migrate probe; the trace header reports it (default 0)");

/* Probe cost, when mt_measure_cost is set: nanoseconds per part. */
struct mt_cost {
	unsigned long events;
	unsigned long cause_ns;		/* lwt_migrate_cause() */
	unsigned long record_ns;	/* every facility's share */
	unsigned long by_state;		/* events whose cause needed no unwind */
	unsigned long by_state_ns;	/* their share of cause_ns */
	unsigned long clock_ns;		/* two clock reads back to back: the floor */
};
static DEFINE_PER_CPU(struct mt_cost, mt_cost);

static __always_inline void migrate_deliver(struct task_struct *p,
					    unsigned int orig_cpu, int dest_cpu,
					    unsigned int cause, u64 ts, int mt, int ms)
{
	if (mt != LWT_OFF)
		lwt_mt_migrate(p, orig_cpu, dest_cpu, cause, ts);
	if (ms != LWT_OFF)
		lwt_ms_migrate(cause, ms);
}

static noinline void migrate_measured(struct task_struct *p,
				      unsigned int orig_cpu, int dest_cpu,
				      u64 ts, int mt, int ms,
				      unsigned long *ra_slot)
{
	unsigned int cause;
	u64 t0, t1, t2;

	t0 = lwt_clock();
	cause = lwt_migrate_cause(p, ra_slot);
	t1 = lwt_clock();
	migrate_deliver(p, orig_cpu, dest_cpu, cause, ts, mt, ms);
	t2 = lwt_clock();

	this_cpu_inc(mt_cost.events);
	this_cpu_add(mt_cost.cause_ns, t1 - t0);
	this_cpu_add(mt_cost.record_ns, t2 - t1);
	if (lwt_cause_by_state(p)) {
		this_cpu_inc(mt_cost.by_state);
		this_cpu_add(mt_cost.by_state_ns, t1 - t0);
	}
	t2 = lwt_clock();
	this_cpu_add(mt_cost.clock_ns, lwt_clock() - t2);
}

/*
 * sched_migrate_task fires in set_task_cpu() before it checks whether the
 * CPU changes: only a real move is a migration.
 *
 * The trace's timestamp is read before migration_stat's state, so that an
 * event migration_stat counted has a timestamp before the stat's stop
 * clock, and one it did not count has one after it, but for the few
 * instructions between the two reads (facility.c takes the start and
 * stop clocks next to the state changes).
 */
static void lwt_probe_migrate(void *data, struct task_struct *p, int dest_cpu)
{
	unsigned int orig_cpu = task_cpu(p);
	int mt, ms;
	u64 ts = 0;

	if (orig_cpu == dest_cpu)
		return;
	mt = lwt_fac_state(&lwt_mt);
	if (mt != LWT_OFF)
		ts = lwt_clock();
	barrier();
	ms = lwt_fac_state(&lwt_ms);
	if (mt == LWT_OFF && ms == LWT_OFF)
		return;
	if (unlikely(READ_ONCE(mt_measure_cost))) {
		migrate_measured(p, orig_cpu, dest_cpu, ts, mt, ms, LWT_RA_SLOT());
		return;
	}
	migrate_deliver(p, orig_cpu, dest_cpu, lwt_migrate_cause(p, LWT_RA_SLOT()),
			ts, mt, ms);
}
LWT_TRACEPOINT(lwt_tp_sched_migrate_task, sched_migrate_task, lwt_probe_migrate);

size_t lwt_migrate_cost_render(char *buf, size_t size)
{
	struct mt_cost sum = { 0 };
	int cpu;

	for_each_possible_cpu(cpu) {
		const struct mt_cost *c = per_cpu_ptr(&mt_cost, cpu);

		sum.events += c->events;
		sum.cause_ns += c->cause_ns;
		sum.record_ns += c->record_ns;
		sum.by_state += c->by_state;
		sum.by_state_ns += c->by_state_ns;
		sum.clock_ns += c->clock_ns;
	}
	if (!sum.events)
		return 0;
	return scnprintf(buf, size,
			 "# " LWT_TAG_PROBE_COST " events %lu cause_ns %lu record_ns %lu by_state %lu by_state_ns %lu clock_ns %lu\n",
			 sum.events, sum.cause_ns, sum.record_ns, sum.by_state,
			 sum.by_state_ns, sum.clock_ns);
}

void lwt_migrate_cost_reset(void)
{
	int cpu;

	for_each_possible_cpu(cpu)
		memset(per_cpu_ptr(&mt_cost, cpu), 0, sizeof(struct mt_cost));
}
