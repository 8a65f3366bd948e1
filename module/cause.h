/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cause attribution: which caller of set_task_cpu() moved a task, found
 * without patching the kernel.  See Documentation/design.rst, "Causes".
 */
#ifndef _LWTRACE_CAUSE_H
#define _LWTRACE_CAUSE_H

#include <linux/sched.h>
#include <linux/seq_file.h>

/*
 * A task set_task_cpu() is moving in this state is being woken:
 * try_to_wake_up() sets it before it picks a CPU, and no other caller
 * moves a task in it (see cause.c).  Needs no unwind.
 */
static inline bool lwt_cause_by_state(const struct task_struct *p)
{
	return READ_ONCE(p->__state) == TASK_WAKING;
}

/*
 * The cause (enum lwt_loc) of the set_task_cpu(@p, ...) call we are in.
 * Context: a sched_migrate_task probe (interrupts disabled).
 */
unsigned int lwt_migrate_cause(struct task_struct *p);

/*
 * debugfs: "# by_state N unwound N checked N mismatch N", then the cached
 * call sites, "CPU ADDRESS SYMBOL CAUSE" per line.
 */
int lwt_cause_sites_show(struct seq_file *m, void *unused);

#endif /* _LWTRACE_CAUSE_H */
