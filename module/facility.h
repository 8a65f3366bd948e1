/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The facility framework: what every lwtrace facility (migration_trace,
 * migration_stat, ...) has in common, written once.
 *
 * A facility is a debugfs directory with an "enable" and a "reset" file,
 * its own control files (struct lwt_ctl), files that show what it
 * collected (struct lwt_view), the tracepoints it needs (struct lwt_tp)
 * and hooks for start, stop and reset.  The framework owns the state
 * machine, every control-file rule, and the reader pattern:
 *
 *   OFF --enable 1--> ON --full (lwt_fac_full())--> FULL
 *    ^                 |                              |
 *    +-----enable 0----+---------- enable 0 ----------+
 *
 *  - Transitions out of ON are cmpxchg()s, so a probe or timer that finds
 *    the facility full can never undo a stop.  Control is serialised by
 *    the facility's mutex.
 *  - enable 1: EBUSY while a view is open, EPERM unless the facility is
 *    empty (never started since load or the last reset); or, for a
 *    facility that restart_clears, empty it and start.
 *  - enable 0: always succeeds.
 *  - reset 0: stop and empty; EBUSY while a view is open.
 *  - Every write is parsed by lwt_parse_ulong(): exactly "N" or "N\n",
 *    in one write(2) at offset 0.  Anything else is EINVAL and changes
 *    nothing.
 *  - A view takes its snapshot at open, under the mutex, and keeps the
 *    facility from being reset or restarted until it is closed.  Its
 *    reads continue where the last stopped, so any read size gives the
 *    same bytes.
 *
 * Documentation/design.rst, "Facilities", says how to add one.
 */
#ifndef _LWTRACE_FACILITY_H
#define _LWTRACE_FACILITY_H

#include <linux/fs.h>
#include <linux/ktime.h>
#include <linux/moduleparam.h>
#include <linux/mutex.h>
#include <linux/types.h>
#include <uapi/lwtrace.h>
#include "tp.h"

struct proc_dir_entry;

enum lwt_state { LWT_OFF, LWT_ON, LWT_FULL };

struct lwt_facility;

/* A control file besides enable and reset: one number per write. */
struct lwt_ctl {
	const char	*name;
	umode_t		mode;
	unsigned long	min, max;
	/* Called with the facility's mutex held.  Return 0 or -errno. */
	int		(*set)(struct lwt_facility *f, unsigned long val);
	/* For a readable file; called without the mutex. */
	unsigned long	(*get)(struct lwt_facility *f);
};

/* A file that shows what the facility collected. */
struct lwt_view {
	const char	*name;
	umode_t		mode;
	size_t		size;		/* of the per-open state */
	bool		stopped_only;	/* open refused (EPERM) while ON */
	/*
	 * open() copies all it shows: an open view does not hold off
	 * enable or reset.
	 */
	bool		copies;
	/* Take the snapshot into @state (zeroed).  With the mutex held. */
	int		(*open)(struct lwt_facility *f, void *state);
	/*
	 * Optional: render the header into @buf (PAGE_SIZE), right after
	 * open(), with the mutex held; it is read before any next() text.
	 */
	size_t		(*header)(struct lwt_facility *f, void *state,
				  char *buf, size_t size);
	/* The next text to copy out and its length; NULL at the end. */
	const char	*(*next)(void *state, size_t *len);
	void		(*release)(void *state);
};

#define LWT_FILES_MAX	8

/* What a debugfs file of a facility points at. */
struct lwt_file {
	struct lwt_facility	*f;
	const struct lwt_ctl	*ctl;
	const struct lwt_view	*view;
};

struct lwt_facility {
	/* Declared by the facility. */
	const char		*name;		/* debugfs directory */
	/*
	 * One file at the debugfs root instead, as the original timer_stats:
	 * reading it reads views[0], writing it writes enable.
	 */
	bool			single;
	/* A single file that is also /proc/NAME while *proc is true at load. */
	const bool		*proc;
	/*
	 * enable 1 starts a new collection, emptying the old one, instead of
	 * EPERM; while on, it does nothing.
	 */
	bool			restart_clears;
	struct lwt_tp *const	*tps;		/* attached while not OFF */
	unsigned int		ntps;
	const struct lwt_ctl	*ctls;
	unsigned int		nctls;
	const struct lwt_view	*views;
	unsigned int		nviews;
	/* At load and unload: allocate and free. */
	int			(*init)(struct lwt_facility *f);
	void			(*exit)(struct lwt_facility *f);
	/* Probes attached, state still OFF: prepare. */
	int			(*start)(struct lwt_facility *f);
	/* State is ON. */
	void			(*started)(struct lwt_facility *f);
	/* Before the stop clocks are read and the state goes OFF. */
	void			(*stopping)(struct lwt_facility *f);
	/* State is OFF and no probe runs any more. */
	void			(*stop)(struct lwt_facility *f);
	/* Stopped, no view open: empty it. */
	void			(*reset)(struct lwt_facility *f);

	/* The framework's. */
	struct mutex		lock;
	int			state;		/* enum lwt_state */
	bool			not_empty;	/* started since load or reset */
	unsigned int		readers;	/* open views */
	u64			start_clock;	/* lwt_clock() just before ON */
	u64			stop_clock;	/* just before OFF, or 0 */
	ktime_t			start_mono;	/* ktime_get() just before ON */
	ktime_t			stop_mono;	/* as the state went OFF */
	struct timespec64	start_tv;	/* wall clock at the start */
	struct dentry		*dir;		/* or the single file */
	struct proc_dir_entry	*pde;		/* /proc/NAME, or NULL */
	struct lwt_file		files[LWT_FILES_MAX];
};

/* The facilities, in the order they are set up (main.c). */
extern struct lwt_facility lwt_mt;	/* migration.c */
extern struct lwt_facility lwt_ms;	/* stat.c */
extern struct lwt_facility lwt_ts;	/* timer.c */
extern struct lwt_facility lwt_ct;	/* compaction.c */

int lwt_fac_init(struct lwt_facility *f);
void lwt_fac_exit(struct lwt_facility *f);

/* Start (@on 1) or stop (0); see above.  Takes the mutex. */
int lwt_fac_enable(struct lwt_facility *f, int on, bool allow_restart);

/* From a probe or timer: ON becomes FULL.  True if this call did it. */
static inline bool lwt_fac_full(struct lwt_facility *f)
{
	return cmpxchg(&f->state, LWT_ON, LWT_FULL) == LWT_ON;
}

/* The facility's state, as a probe reads it. */
static __always_inline int lwt_fac_state(const struct lwt_facility *f)
{
	return READ_ONCE(f->state);
}

/*
 * Parse a number written to a control file: exactly "N" or "N\n", where N
 * is decimal, 0x hex or 0 octal (as the original's strict_strtoul(, 0)),
 * in [@min, @max], in one write at offset 0.  Return 0 or -EINVAL.
 */
int lwt_parse_ulong(const char __user *ubuf, size_t count, loff_t pos,
		    unsigned long min, unsigned long max, unsigned long *val);

/*
 * Check that @bytes of memory for @what fit in half of what is available,
 * and say clearly if not.  Return 0 or -ENOMEM.
 */
int lwt_mem_check(const char *what, u64 bytes);
/* Large allocations that fail, rather than warn or wake the OOM killer. */
#define LWT_GFP_BIG	(GFP_KERNEL | __GFP_NORETRY | __GFP_NOWARN)

/* An unsigned int module parameter that refuses values out of [min, max]. */
struct lwt_uint_param {
	unsigned int val;
	unsigned int min;
	unsigned int max;
};
extern const struct kernel_param_ops lwt_uint_range_ops;

/* Name of every event location (enum lwt_loc), for the text files. */
extern const char *const lwt_loc_name[LWT_LOC_NR];

/*
 * Copy comm @src (at most LWT_COMM_LEN - 1 bytes) into @dst, control
 * characters as '?', UTF-8 kept: what every text file prints.
 */
void lwt_sanitize_comm(char *dst, const char *src);

#endif /* _LWTRACE_FACILITY_H */
