/* SPDX-License-Identifier: GPL-2.0 */
/*
 * sched_migrate_task: one probe for every facility that counts migrations.
 * It finds the cause once per event and hands it to each facility that is
 * on (sched.c).
 */
#ifndef _LWTRACE_SCHED_H
#define _LWTRACE_SCHED_H

#include <linux/percpu.h>
#include <linux/sched.h>
#include <uapi/lwtrace.h>
#include "facility.h"
#include "tp.h"

extern struct lwt_tp lwt_tp_sched_migrate_task;

/* Migrations counted on each CPU since load, by cause; [0]: dropped. */
struct lwt_ms_counts {
	unsigned long n[LWT_CAUSE_MAX + 1];
};
DECLARE_PER_CPU(struct lwt_ms_counts, lwt_ms_counts);

/* The consumers, called from the probe with interrupts disabled. */
void lwt_mt_migrate(struct task_struct *p, unsigned int orig_cpu,
		    unsigned int dest_cpu, unsigned int cause, u64 ts);

/* migration_stat's: an increment; @state is as the probe read it, ON or FULL */
static __always_inline void lwt_ms_migrate(unsigned int cause, int state)
{
	if (likely(state == LWT_ON))
		this_cpu_inc(lwt_ms_counts.n[cause]);
	else
		this_cpu_inc(lwt_ms_counts.n[0]);	/* FULL */
}

/* "# probe_cost ..." for the trace header, if mt_measure_cost was set. */
size_t lwt_migrate_cost_render(char *buf, size_t size);
void lwt_migrate_cost_reset(void);

#endif /* _LWTRACE_SCHED_H */
