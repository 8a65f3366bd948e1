/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cause attribution: which caller of set_task_cpu() moved a task, found
 * without patching the kernel.  See Documentation/design.rst, "Causes".
 */
#ifndef _LWTRACE_CAUSE_H
#define _LWTRACE_CAUSE_H

#include <linux/seq_file.h>

/*
 * The cause (enum lwt_loc) of the set_task_cpu() call we are in.
 * Context: a sched_migrate_task probe (interrupts disabled).
 */
unsigned int lwt_migrate_cause(void);

/* debugfs: the cached call sites, "CPU ADDRESS SYMBOL CAUSE" per line. */
int lwt_cause_sites_show(struct seq_file *m, void *unused);

#endif /* _LWTRACE_CAUSE_H */
