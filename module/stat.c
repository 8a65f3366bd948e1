// SPDX-License-Identifier: GPL-2.0
/*
 * migration_stat: per-period counts of migrations by cause, for hours or
 * days, in a statically sized table.
 *
 * debugfs: migration_stat/{enable,period_msec,reset,stat}, see
 * Documentation/debugfs.rst.
 *
 * The probe only increments a per-CPU counter for the cause.  The counters
 * are never reset while collecting, so no CPU ever writes another's: at
 * each period boundary an hrtimer (softirq) folds them into the next row
 * of the table as the difference of their sums from the previous fold.
 *
 * Row i covers [start + i * period, start + (i + 1) * period) of
 * CLOCK_MONOTONIC, the hrtimer's clock; the timer is armed at those
 * absolute times, and the stop measures the final partial row on the same
 * clock.  A late timer folds the rows it missed at once (the counts in the
 * first of them), so rows stay aligned with time.  Every counted migration
 * is in exactly one row; when the table fills, collection stops and what
 * the probes still saw is counted as dropped.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/hrtimer.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/vmalloc.h>
#include <uapi/lwtrace.h>

#include "cause.h"
#include "compat.h"
#include "facility.h"
#include "sched.h"

static struct lwt_uint_param ms_hours = { .val = 1, .min = 1, .max = 8760 };
module_param_cb(mstat_hours, &lwt_uint_range_ops, &ms_hours, 0444);
MODULE_PARM_DESC(mstat_hours, "migration_stat table size: hours at 1-second periods (1..8760, default 1)");
/* For tests: a table that fills in a few periods. */
static struct lwt_uint_param ms_rows = { .val = 0, .min = 0, .max = 3600 * 8760 };
module_param_cb(mstat_rows, &lwt_uint_range_ops, &ms_rows, 0444);
MODULE_PARM_DESC(mstat_rows, "migration_stat table size in rows, for tests (0..31536000, default 0: use mstat_hours)");
/* For tests: counts past 2^32 after a few migrations. */
static u64 ms_count_base;
module_param_named(mstat_count_base, ms_count_base, ullong, 0444);
MODULE_PARM_DESC(mstat_count_base, "test: every count of every migration_stat row starts at this value (default 0)");

#define MS_NCAUSE	(LWT_CAUSE_MAX + 1)	/* indexed by cause; [0] unused */
#define MS_PERIOD_MAX_MSEC (24 * 3600 * 1000UL)
/* One row of the table: 64-bit counts, so that no busy period wraps. */
#define MS_ROW_BYTES	(MS_NCAUSE * sizeof(u64))

DEFINE_PER_CPU(struct lwt_ms_counts, lwt_ms_counts);

static struct {
	u64			period_ns;
	u64			last_ns;	/* length of a final partial row, or 0 */
	u64			dropped;	/* counted after the table filled */
	bool			full;		/* the table filled and stopped it */
	struct hrtimer		timer;
	unsigned long		sums[MS_NCAUSE];	/* counter sums at the last fold */
	u64			*table;		/* rows_max rows of MS_NCAUSE */
	unsigned long		rows_max;
	unsigned long		nrows;		/* rows written; store-release */
} ms = {
	.period_ns = NSEC_PER_SEC,
};

static void ms_sum(unsigned long *sum)
{
	int cpu, c;

	memset(sum, 0, sizeof(ms.sums));
	for_each_possible_cpu(cpu)
		for (c = 0; c < MS_NCAUSE; c++)
			sum[c] += READ_ONCE(per_cpu(lwt_ms_counts, cpu).n[c]);
}

/*
 * Append one row: what was counted since the last fold.  The caller has
 * checked that there is room.  Runs in the timer or with the timer
 * cancelled, never both.
 */
static void ms_fold(void)
{
	unsigned long sum[MS_NCAUSE];
	u64 *row = ms.table + ms.nrows * MS_NCAUSE;
	int c;

	ms_sum(sum);
	for (c = LWT_CAUSE_MIN; c < MS_NCAUSE; c++) {
		row[c] = ms_count_base + sum[c] - ms.sums[c];
		ms.sums[c] = sum[c];
	}
	/* The row's contents before the count.  Pairs with ms_stat_open(). */
	smp_store_release(&ms.nrows, ms.nrows + 1);
}

/* Fold every row that ends by @now.  False once the table is full. */
static bool ms_advance(ktime_t now)
{
	u64 elapsed = ktime_to_ns(ktime_sub(now, lwt_ms.start_mono));
	u64 target = div64_u64(elapsed, ms.period_ns);

	while (ms.nrows < target && ms.nrows < ms.rows_max)
		ms_fold();
	return ms.nrows < ms.rows_max;
}

static ktime_t ms_row_end(unsigned long row)
{
	return ktime_add_ns(lwt_ms.start_mono, (u64)(row + 1) * ms.period_ns);
}

static enum hrtimer_restart ms_timer_fn(struct hrtimer *t)
{
	if (!ms_advance(hrtimer_cb_get_time(t))) {
		ms.full = true;
		lwt_fac_full(&lwt_ms);	/* unless a stop came first */
		return HRTIMER_NORESTART;
	}
	hrtimer_set_expires(t, ms_row_end(ms.nrows));
	return HRTIMER_RESTART;
}

static int ms_start(struct lwt_facility *f)
{
	/* Empty (at load or after reset): nrows, last_ns, dropped, full are clear. */
	ms_sum(ms.sums);
	return 0;
}

static void ms_started(struct lwt_facility *f)
{
	hrtimer_start(&ms.timer, ms_row_end(0), HRTIMER_MODE_ABS_SOFT);
}

/* First, so that no fold happens after the stop time is taken. */
static void ms_stopping(struct lwt_facility *f)
{
	hrtimer_cancel(&ms.timer);
}

/* The rows up to the stop, and the final partial one. */
static void ms_stop(struct lwt_facility *f)
{
	unsigned long sum[MS_NCAUSE];
	u64 elapsed;
	int c;

	if (ms_advance(f->stop_mono)) {
		elapsed = ktime_to_ns(ktime_sub(f->stop_mono, f->start_mono));
		ms.last_ns = elapsed - (u64)ms.nrows * ms.period_ns;
		if (ms.last_ns)
			ms_fold();
	} else {
		ms.full = true;
	}
	/*
	 * What the probes saw after the table filled: counted as dropped
	 * ([0]) in FULL, or counted before FULL but after the last fold.
	 */
	ms_sum(sum);
	ms.dropped = 0;
	for (c = 0; c < MS_NCAUSE; c++)
		ms.dropped += sum[c] - ms.sums[c];
}

static void ms_reset(struct lwt_facility *f)
{
	WRITE_ONCE(ms.nrows, 0);
	ms.last_ns = 0;
	ms.dropped = 0;
	ms.full = false;
}

static int ms_period_set(struct lwt_facility *f, unsigned long val)
{
	if (f->not_empty)
		return -EPERM;
	ms.period_ns = (u64)val * NSEC_PER_MSEC;
	return 0;
}

static unsigned long ms_period_get(struct lwt_facility *f)
{
	return div_u64(READ_ONCE(ms.period_ns), NSEC_PER_MSEC);
}

/* ---- the stat file ---- */

/*
 * An open stat file: the header and the number of rows, as they were at
 * open.  Rows below that count never change until a reset, and a reset
 * waits for the file to be closed, so the file shows one run.
 */
struct ms_reader {
	unsigned long	nrows, row;
	u64		period_ns;
	char		line[MS_NCAUSE * 21 + 32];
};

static size_t ms_stat_header(struct lwt_facility *f, void *state,
			     char *buf, size_t size)
{
	size_t n = 0;
	int c;

	if (!f->not_empty)
		return 0;
	n += scnprintf(buf + n, size - n, "# " LWT_TAG_VERSION " %s\n", LWT_MSTAT_VERSION);
	n += scnprintf(buf + n, size - n, "# " LWT_TAG_PERIOD_MSEC " %llu\n",
		       div_u64(ms.period_ns, NSEC_PER_MSEC));
	n += scnprintf(buf + n, size - n, "# " LWT_TAG_GETTIMEOFDAY " %lld %ld\n",
		       (long long)f->start_tv.tv_sec, f->start_tv.tv_nsec / NSEC_PER_USEC);
	n += scnprintf(buf + n, size - n, "# " LWT_TAG_TS_FIELD " 1\n");
	for (c = LWT_CAUSE_MIN; c < MS_NCAUSE; c++)
		n += scnprintf(buf + n, size - n, "# " LWT_TAG_FIELD " %d %s\n",
			       c + 1, lwt_loc_name[c]);
	n += scnprintf(buf + n, size - n, "# " LWT_TAG_FIELD " %d " LWT_MSTAT_TOTAL_NAME "\n",
		       MS_NCAUSE + 1);
	n += scnprintf(buf + n, size - n, "# " LWT_TAG_START_CLOCK " 0x%016llx\n",
		       f->start_clock);
	if (f->stop_clock)
		n += scnprintf(buf + n, size - n, "# " LWT_TAG_STOP_CLOCK " 0x%016llx\n",
			       f->stop_clock);
	if (ms.last_ns)
		n += scnprintf(buf + n, size - n, "# " LWT_TAG_LAST_PERIOD " %llu.%06llu\n",
			       div_u64(ms.last_ns, NSEC_PER_MSEC),
			       ms.last_ns % NSEC_PER_MSEC);
	if (ms.full)
		n += scnprintf(buf + n, size - n, "# " LWT_TAG_TABLE_FULL " rows %lu\n",
			       ms.rows_max);
	if (ms.dropped)
		n += scnprintf(buf + n, size - n, "# " LWT_TAG_DROPPED " %llu\n",
			       ms.dropped);
	return n;
}

static int ms_stat_open(struct lwt_facility *f, void *state)
{
	struct ms_reader *r = state;

	/* With the mutex: no start, stop or reset changes them now. */
	r->period_ns = ms.period_ns;
	/* The rows below it are complete.  Pairs with ms_fold(). */
	r->nrows = f->not_empty ? smp_load_acquire(&ms.nrows) : 0;
	return 0;
}

static const char *ms_stat_next(void *state, size_t *len)
{
	struct ms_reader *r = state;
	const u64 *row;
	u64 total = 0, msec;
	size_t n;
	int c;

	if (r->row >= r->nrows)
		return NULL;
	row = ms.table + r->row * MS_NCAUSE;
	msec = div_u64((u64)r->row * r->period_ns, NSEC_PER_MSEC);
	n = scnprintf(r->line, sizeof(r->line), "%llu.%03llu",
		      div_u64(msec, 1000), msec % 1000);
	for (c = LWT_CAUSE_MIN; c < MS_NCAUSE; c++) {
		n += scnprintf(r->line + n, sizeof(r->line) - n, " %llu", row[c]);
		total += row[c];
	}
	n += scnprintf(r->line + n, sizeof(r->line) - n, " %llu\n", total);
	r->row++;
	*len = n;
	return r->line;
}

/* ---- the facility ---- */

static int ms_init(struct lwt_facility *f)
{
	const char *param = ms_rows.val ? "mstat_rows" : "mstat_hours";
	u64 bytes;
	int ret;

	ms.rows_max = ms_rows.val ?: 3600UL * ms_hours.val;
	bytes = (u64)ms.rows_max * MS_ROW_BYTES;
	ret = lwt_mem_check(param, bytes);
	if (ret)
		return ret;
	/* vmalloc: kvmalloc refuses more than INT_MAX bytes. */
	ms.table = __vmalloc(bytes, LWT_GFP_BIG | __GFP_ZERO);
	if (!ms.table) {
		pr_err("%s: cannot allocate %llu MiB\n", param,
		       DIV_ROUND_UP_ULL(bytes, SZ_1M));
		return -ENOMEM;
	}
	ret = lwt_walker_get(&lwt_cause_walker);
	if (ret) {
		vfree(ms.table);
		return ret;
	}
	lwt_hrtimer_setup(&ms.timer, ms_timer_fn, CLOCK_MONOTONIC,
			  HRTIMER_MODE_ABS_SOFT);
	return 0;
}

static void ms_exit(struct lwt_facility *f)
{
	lwt_walker_put(&lwt_cause_walker);
	vfree(ms.table);
}

static struct lwt_tp *const ms_tps[] = {
	&lwt_tp_sched_migrate_task,
};

static const struct lwt_ctl ms_ctls[] = {
	{ .name = "period_msec", .mode = 0600, .min = 1,
	  .max = MS_PERIOD_MAX_MSEC, .set = ms_period_set, .get = ms_period_get },
};

static const struct lwt_view ms_views[] = {
	{ .name = "stat", .mode = 0400, .size = sizeof(struct ms_reader),
	  .open = ms_stat_open, .header = ms_stat_header, .next = ms_stat_next },
};

struct lwt_facility lwt_ms = {
	.name		= "migration_stat",
	.tps		= ms_tps,
	.ntps		= ARRAY_SIZE(ms_tps),
	.ctls		= ms_ctls,
	.nctls		= ARRAY_SIZE(ms_ctls),
	.views		= ms_views,
	.nviews		= ARRAY_SIZE(ms_views),
	.init		= ms_init,
	.exit		= ms_exit,
	.start		= ms_start,
	.started	= ms_started,
	.stopping	= ms_stopping,
	.stop		= ms_stop,
	.reset		= ms_reset,
};
