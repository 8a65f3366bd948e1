/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Every kernel-version difference lwtrace cares about lives here.  Prefer
 * feature tests to version numbers: Debian backports trace-event changes
 * into its stable kernels (see Documentation/design.rst).
 *
 * Features detected by Kbuild from the headers being built against are
 * passed in as LWT_HAVE_* macros (module/Kbuild).
 */
#ifndef _LWTRACE_COMPAT_H
#define _LWTRACE_COMPAT_H

#include <linux/version.h>
#include <linux/sched.h>
#include <linux/hrtimer.h>
#include <linux/timer.h>
#include <linux/sched/clock.h>

/*
 * The oldest kernel lwtrace is built and tested against is 6.1: it needs
 * task_struct::__state (v5.14, commit 2f064a59a11f "sched: Change
 * task_struct::state"), tracepoint_synchronize_unregister() waiting for
 * faultable probes (v6.0) and the sched_migrate_task probe running under
 * the runqueue or pi lock.  tests/build.sh checks that an older version
 * code stops the build here; LWT_KERNEL_VERSION_CODE exists for that test.
 */
#ifndef LWT_KERNEL_VERSION_CODE
#define LWT_KERNEL_VERSION_CODE LINUX_VERSION_CODE
#endif
#if LWT_KERNEL_VERSION_CODE < KERNEL_VERSION(6, 1, 0)
#error "lwtrace needs Linux 6.1 or later"
#endif

/*
 * The clock of every record: sched_clock(), which is what ftrace's default
 * "local" trace clock reads (trace_clock_local() in
 * kernel/trace/trace_clock.c), so that lwtrace and ftrace timestamps of
 * the same event agree.  local_clock() is not it: it adds
 * __sched_clock_offset once sched_clock is marked stable (v6.12: a
 * constant), or filters it per CPU while unstable (v6.1 under TCG).
 * Callers have preemption disabled or accept a CPU switch, as ftrace's do.
 */
static __always_inline u64 lwt_clock(void)
{
	return sched_clock();
}

/* The state of a task, as set_current_state() and try_to_wake_up() set it. */
static __always_inline unsigned int lwt_task_state(const struct task_struct *p)
{
	return READ_ONCE(p->__state);
}

/*
 * hrtimer_setup() (v6.13, commit 908a1d775422 "hrtimers: Introduce
 * hrtimer_setup() to replace hrtimer_init()") sets the callback too;
 * hrtimer_init() is gone in later kernels.  Detected from the headers.
 */
static inline void lwt_hrtimer_setup(struct hrtimer *t,
				     enum hrtimer_restart (*fn)(struct hrtimer *),
				     clockid_t clock, enum hrtimer_mode mode)
{
#ifdef LWT_HAVE_HRTIMER_SETUP
	hrtimer_setup(t, fn, clock, mode);
#else /* !LWT_HAVE_HRTIMER_SETUP */
	hrtimer_init(t, clock, mode);
	t->function = fn;
#endif /* LWT_HAVE_HRTIMER_SETUP */
}

/*
 * Timer tracepoints whose prototypes changed (Documentation/design.rst,
 * "Compatibility"); each is detected from <trace/events/timer.h>, and a
 * probe that does not match fails the build (LWT_TRACEPOINT()).
 *
 * timer_start lost expires and flags for bucket_expiry in v6.8 (commit
 * dbcdcb62b59d "tracing/timers: Enhance timer_start tracepoint").
 */
#ifdef LWT_HAVE_TIMER_START_BUCKET
#define LWT_TIMER_START_PROTO	struct timer_list *timer, unsigned long bucket_expiry
#else
#define LWT_TIMER_START_PROTO	struct timer_list *timer, unsigned long expires, \
				unsigned int flags
#endif
/*
 * hrtimer_start gained was_armed in 2026 ("hrtimer: Reduce trace noise in
 * hrtimer_start()"), backported to stable: Debian 6.1.176 and 6.12.94
 * have it, 6.1.170 does not.
 */
#ifdef LWT_HAVE_HRTIMER_START_WAS_ARMED
#define LWT_HRTIMER_START_PROTO	struct hrtimer *hrtimer, enum hrtimer_mode mode, \
				bool was_armed
#else
#define LWT_HRTIMER_START_PROTO	struct hrtimer *hrtimer, enum hrtimer_mode mode
#endif

/* An hrtimer's callback: __private since v6.15 (commit 04257da0c99c). */
static __always_inline void *lwt_hrtimer_function(const struct hrtimer *t)
{
#ifdef LWT_HAVE_HRTIMER_PRIVATE_FUNCTION
	return (void *)READ_ONCE(ACCESS_PRIVATE(t, function));
#else
	return (void *)READ_ONCE(t->function);
#endif
}

/*
 * The stack unwinder, for cause attribution (cause.c).  The fast path
 * needs to know where each frame's return address is stored, which x86's
 * ORC unwinder tells (state.sp, as unwind_get_return_address_ptr(), which
 * is not exported, computes it).  Every Debian amd64 kernel uses ORC.
 */
#if defined(CONFIG_X86) && defined(CONFIG_UNWINDER_ORC)
#include <asm/unwind.h>

struct lwt_unwind {
	struct unwind_state s;
};

/* Start at the first frame whose stack pointer is above @first. */
static __always_inline void lwt_unwind_start(struct lwt_unwind *u,
					     unsigned long *first)
{
	unwind_start(&u->s, current, NULL, first);
}

static __always_inline bool lwt_unwind_done(struct lwt_unwind *u)
{
	return unwind_done(&u->s);
}

static __always_inline void lwt_unwind_next(struct lwt_unwind *u)
{
	unwind_next_frame(&u->s);
}

/* The frame's return address (its ip), 0 if unknown. */
static __always_inline unsigned long lwt_unwind_ra(struct lwt_unwind *u)
{
	return unwind_get_return_address(&u->s);
}

/* Where that address is stored; NULL for an interrupt or exception frame. */
static __always_inline unsigned long *lwt_unwind_ra_slot(struct lwt_unwind *u)
{
	return u->s.regs ? NULL : (unsigned long *)u->s.sp - 1;
}
#else /* !(CONFIG_X86 && CONFIG_UNWINDER_ORC) */
#error "lwtrace needs x86 with the ORC unwinder (CONFIG_UNWINDER_ORC=y)"
#endif /* CONFIG_X86 && CONFIG_UNWINDER_ORC */

#endif /* _LWTRACE_COMPAT_H */
