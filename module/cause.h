/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Cause attribution: which caller of set_task_cpu() moved a task, found
 * without patching the kernel.  See Documentation/design.rst, "Causes".
 */
#ifndef _LWTRACE_CAUSE_H
#define _LWTRACE_CAUSE_H

#include <linux/kallsyms.h>
#include <linux/sched.h>
#include <uapi/lwtrace.h>
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

struct lwt_cause_stats {
	unsigned long	by_state;	/* named by task state */
	unsigned long	by_path;	/* named by a learned path */
	unsigned long	unwound;	/* named by unwind */
	unsigned long	checked;	/* by_state and by_path ones unwound too */
	unsigned long	mismatch;	/* ... that the unwind named otherwise */
};
DECLARE_PER_CPU(struct lwt_cause_stats, lwt_cause_stats);
extern struct lwt_walker lwt_cause_walker;
extern bool lwt_cause_check;

/* The slow halves of lwt_migrate_cause(), out of line. */
unsigned int __cold lwt_cause_unwind(unsigned long *ra_slot);
void __cold lwt_cause_check_one(unsigned long *ra_slot, unsigned int cause);

/*
 * The cause (enum lwt_loc) of the set_task_cpu(@p, ...) call we are in.
 * @ra_slot: where the probe's return address is stored, the probe's
 * __builtin_frame_address(0) + 1 (LWT_RA_SLOT()).  Inlined in the probe:
 * by task state or by a learned path, it is a few loads and compares.
 * Context: a sched_migrate_task probe (interrupts disabled).
 */
static __always_inline unsigned int lwt_migrate_cause(struct task_struct *p,
						      unsigned long *ra_slot)
{
	unsigned int cause;
	unsigned long ra;

	if (lwt_cause_by_state(p)) {
		this_cpu_inc(lwt_cause_stats.by_state);
		cause = LWT_CAUSE_TRY_TO_WAKE_UP;
	} else {
		cause = lwt_walk_path(&lwt_cause_walker, ra_slot, &ra);
		if (unlikely(!cause))
			return lwt_cause_unwind(ra_slot);
		this_cpu_inc(lwt_cause_stats.by_path);
	}
	if (unlikely(READ_ONCE(lwt_cause_check)))
		lwt_cause_check_one(ra_slot, cause);
	return cause;
}

/*
 * The sites file, a view of migration_trace: "# by_state N by_path N
 * unwound N checked N mismatch N", the last stacks that named no cause,
 * then the cached call sites, "CPU SYMBOL+OFF/SIZE CAUSE" per line.
 */
#define LWT_CAUSE_VIEW_SIZE	(2 * KSYM_SYMBOL_LEN + 128)
int lwt_cause_view_open(struct lwt_facility *f, void *state);
size_t lwt_cause_view_header(struct lwt_facility *f, void *state,
			     char *buf, size_t size);
const char *lwt_cause_view_next(void *state, size_t *len);

#endif /* _LWTRACE_CAUSE_H */
