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

#include <linux/sched/clock.h>

/*
 * The clock of every record.  local_clock() is what ftrace's default
 * "local" clock uses, so lwtrace and ftrace timestamps are comparable.
 * v6.1: static inline around the exported sched_clock_cpu();
 * v6.3+ (commit 776f22913b8e "sched/clock: Make local_clock() noinstr"):
 * an exported function.  Both are callable from a module.
 */
static __always_inline u64 lwt_clock(void)
{
	return local_clock();
}

/*
 * hrtimer_setup() (v6.13, commit 908a1d775422 "hrtimers: Introduce
 * hrtimer_setup() to replace hrtimer_init()") sets the callback too;
 * hrtimer_init() is gone in later kernels.  Detected from the headers.
 */
#include <linux/hrtimer.h>
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

#endif /* _LWTRACE_COMPAT_H */
