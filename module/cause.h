/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cause attribution: which caller of set_task_cpu() moved a task, found
 * without patching the kernel.  See Documentation/design.rst, "Causes".
 */
#ifndef _LWTRACE_CAUSE_H
#define _LWTRACE_CAUSE_H

#include <linux/kallsyms.h>
#include <linux/sched.h>
#include "compat.h"
#include "walk.h"

struct lwt_facility;

/*
 * A task set_task_cpu() is moving in this state is being woken:
 * try_to_wake_up() sets it before it picks a CPU, and no other caller
 * moves a task in it (see cause.c).  Needs no unwind.
 */
static inline bool lwt_cause_by_state(const struct task_struct *p)
{
	return lwt_task_state(p) == TASK_WAKING;
}

/*
 * The cause (enum lwt_loc) of the set_task_cpu(@p, ...) call we are in.
 * @ra_slot: where the probe's return address is stored, the probe's
 * __builtin_frame_address(0) + 1 (LWT_RA_SLOT()).
 * Context: a sched_migrate_task probe (interrupts disabled).
 */
unsigned int lwt_migrate_cause(struct task_struct *p, unsigned long *ra_slot);


/*
 * The sites file, a view of migration_trace: "# by_state N by_path N
 * unwound N checked N mismatch N", the last stacks that named no cause, then the
 * cached call sites, "CPU SYMBOL+OFF/SIZE CAUSE" per line.
 */
#define LWT_CAUSE_VIEW_SIZE	(2 * KSYM_SYMBOL_LEN + 128)
int lwt_cause_view_open(struct lwt_facility *f, void *state);
size_t lwt_cause_view_header(struct lwt_facility *f, void *state,
			     char *buf, size_t size);
const char *lwt_cause_view_next(void *state, size_t *len);

#endif /* _LWTRACE_CAUSE_H */
