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
 * Every counted migration is in exactly one row.  When the table is full,
 * collection stops and the stat file says so.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/hrtimer.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/seq_file.h>
#include <linux/timekeeping.h>
#include <linux/vmalloc.h>
#include <uapi/lwtrace.h>
#include <trace/events/sched.h>

#include "cause.h"
#include "compat.h"
#include "debugfs.h"
#include "lwtrace.h"
#include "tp.h"

static struct lwt_uint_param ms_hours = { .val = 1, .min = 1, .max = 8760 };
module_param_cb(mstat_hours, &lwt_uint_range_ops, &ms_hours, 0444);
MODULE_PARM_DESC(mstat_hours, "migration_stat table size: hours at 1-second periods (1..8760, default 1)");

#define MS_NCAUSE	(LWT_CAUSE_MAX + 1)	/* indexed by cause; [0] unused */
#define MS_PERIOD_MAX_MSEC (24 * 3600 * 1000UL)

enum ms_state { MS_OFF, MS_ON, MS_FULL };

/* Migrations counted on this CPU since load, by cause. */
struct ms_counts {
	unsigned long n[MS_NCAUSE];
};
static DEFINE_PER_CPU(struct ms_counts, ms_counts);

static struct {
	struct mutex		lock;		/* serialises all control */
	int			state;		/* enum ms_state; read by the probe */
	bool			not_empty;
	bool			attached;
	bool			full;		/* the table filled and stopped it */
	u64			period_ns;
	u64			start_clock;	/* lwt_clock() at enable */
	u64			stop_clock;	/* at stop, or 0 */
	u64			last_ns;	/* length of a final partial row, or 0 */
	struct timespec64	start_tv;
	struct hrtimer		timer;
	unsigned long		sums[MS_NCAUSE];	/* counter sums at the last fold */
	u32			*table;		/* rows_max rows of MS_NCAUSE */
	unsigned long		rows_max;
	unsigned long		nrows;		/* rows written; store-release */
	struct dentry		*dir;
} ms = {
	.lock = __MUTEX_INITIALIZER(ms.lock),
	.period_ns = NSEC_PER_SEC,
};

static void ms_probe_migrate(void *data, struct task_struct *p, int dest_cpu)
{
	if (task_cpu(p) == dest_cpu || READ_ONCE(ms.state) != MS_ON)
		return;
	this_cpu_inc(ms_counts.n[lwt_migrate_cause(p)]);
}
LWT_CHECK_PROBE(sched_migrate_task, ms_probe_migrate);

static struct lwt_probe ms_probes[] = {
	LWT_PROBE(sched_migrate_task, ms_probe_migrate),
};

static void ms_sum(unsigned long *sum)
{
	int cpu, c;

	memset(sum, 0, sizeof(ms.sums));
	for_each_possible_cpu(cpu)
		for (c = LWT_CAUSE_MIN; c < MS_NCAUSE; c++)
			sum[c] += READ_ONCE(per_cpu(ms_counts, cpu).n[c]);
}

/* Append one row: what was counted since the last fold.  False if full. */
static bool ms_fold(void)
{
	unsigned long sum[MS_NCAUSE];
	u32 *row;
	int c;

	if (ms.nrows >= ms.rows_max)
		return false;
	row = ms.table + ms.nrows * MS_NCAUSE;
	ms_sum(sum);
	for (c = LWT_CAUSE_MIN; c < MS_NCAUSE; c++) {
		row[c] = sum[c] - ms.sums[c];
		ms.sums[c] = sum[c];
	}
	/* The row's contents before the count.  Pairs with ms_rows(). */
	smp_store_release(&ms.nrows, ms.nrows + 1);
	return true;
}

static unsigned long ms_rows(void)
{
	return smp_load_acquire(&ms.nrows);
}

static enum hrtimer_restart ms_timer_fn(struct hrtimer *t)
{
	u64 missed = hrtimer_forward_now(t, ns_to_ktime(ms.period_ns));

	/*
	 * One row per elapsed period, even if the timer ran late: the
	 * counts go into the first, the rows stay aligned with time.
	 */
	while (missed--) {
		if (!ms_fold() || ms.nrows == ms.rows_max) {
			ms.full = true;
			WRITE_ONCE(ms.state, MS_FULL);
			return HRTIMER_NORESTART;
		}
	}
	return HRTIMER_RESTART;
}

static void ms_stop_locked(void)
{
	u64 now;

	lockdep_assert_held(&ms.lock);
	if (ms.state == MS_OFF)
		return;
	WRITE_ONCE(ms.state, MS_OFF);
	now = lwt_clock();
	/* Waits for a running fold; none runs after this. */
	hrtimer_cancel(&ms.timer);
	if (ms.attached) {
		lwt_probes_unregister(ms_probes, ARRAY_SIZE(ms_probes), NULL);
		ms.attached = false;
	}
	tracepoint_synchronize_unregister();
	ms.stop_clock = now;
	/* The final partial period, so that every count is in a row. */
	ms.last_ns = now - ms.start_clock - (u64)ms.nrows * ms.period_ns;
	if (ms.last_ns && ms.last_ns < ms.period_ns && ms_fold())
		return;
	ms.last_ns = 0;
}

static int ms_start_locked(void)
{
	int ret;

	lockdep_assert_held(&ms.lock);
	if (ms.not_empty)
		return -EPERM;
	ret = lwt_probes_register(ms_probes, ARRAY_SIZE(ms_probes), NULL);
	if (ret)
		return ret;
	ms.attached = true;
	/* Empty (at load or after reset): nrows, stop_clock, last_ns, full are clear. */
	ms_sum(ms.sums);
	ms.not_empty = true;
	ktime_get_real_ts64(&ms.start_tv);
	ms.start_clock = lwt_clock();
	WRITE_ONCE(ms.state, MS_ON);
	hrtimer_start(&ms.timer, ns_to_ktime(ms.period_ns), HRTIMER_MODE_REL_SOFT);
	return 0;
}

/* ---- debugfs ---- */

static ssize_t ms_enable_read(struct file *file, char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	return lwt_read_ulong(ubuf, count, ppos, READ_ONCE(ms.state) == MS_ON);
}

static ssize_t ms_enable_write(struct file *file, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	unsigned long val;
	int ret;

	ret = lwt_parse_ulong(ubuf, count, 0, 1, &val);
	if (ret)
		return ret;
	mutex_lock(&ms.lock);
	if (val)
		ret = ms_start_locked();
	else
		ms_stop_locked();
	mutex_unlock(&ms.lock);
	return ret ? ret : count;
}

static ssize_t ms_period_read(struct file *file, char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	return lwt_read_ulong(ubuf, count, ppos,
			      div_u64(READ_ONCE(ms.period_ns), NSEC_PER_MSEC));
}

static ssize_t ms_period_write(struct file *file, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	unsigned long val;
	int ret;

	ret = lwt_parse_ulong(ubuf, count, 1, MS_PERIOD_MAX_MSEC, &val);
	if (ret)
		return ret;
	mutex_lock(&ms.lock);
	if (ms.not_empty)
		ret = -EPERM;
	else
		ms.period_ns = (u64)val * NSEC_PER_MSEC;
	mutex_unlock(&ms.lock);
	return ret ? ret : count;
}

static ssize_t ms_reset_write(struct file *file, const char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	unsigned long val;
	int ret;

	ret = lwt_parse_ulong(ubuf, count, 0, 0, &val);
	if (ret)
		return ret;
	mutex_lock(&ms.lock);
	ms_stop_locked();
	ms.not_empty = false;
	WRITE_ONCE(ms.nrows, 0);
	ms.stop_clock = 0;
	ms.last_ns = 0;
	ms.full = false;
	mutex_unlock(&ms.lock);
	return count;
}

static void ms_show_header(struct seq_file *m)
{
	int c;

	seq_printf(m, "# version %s\n", LWT_MSTAT_VERSION);
	seq_printf(m, "# period_msec %llu\n", div_u64(ms.period_ns, NSEC_PER_MSEC));
	seq_printf(m, "# gettimeofday %lld %ld\n", (long long)ms.start_tv.tv_sec,
		   ms.start_tv.tv_nsec / NSEC_PER_USEC);
	seq_puts(m, "# ts_field 1\n");
	for (c = LWT_CAUSE_MIN; c < MS_NCAUSE; c++)
		seq_printf(m, "# field %d %s\n", c + 1, lwt_loc_name[c]);
	seq_printf(m, "# field %d migrate\n", MS_NCAUSE + 1);
	seq_printf(m, "# start_clock 0x%016llx\n", ms.start_clock);
	if (ms.stop_clock)
		seq_printf(m, "# stop_clock 0x%016llx\n", ms.stop_clock);
	if (ms.last_ns)
		seq_printf(m, "# last_period_msec %llu.%06llu\n",
			   div_u64(ms.last_ns, NSEC_PER_MSEC),
			   ms.last_ns % NSEC_PER_MSEC);
	if (ms.full)
		seq_printf(m, "# table_full rows %lu\n", ms.rows_max);
}

/*
 * seq_file positions: 0 is the header, row i is at i + 1.  The cookie of
 * row i is i + 2, so that it never equals SEQ_START_TOKEN ((void *)1).
 */
static void *ms_seq_start(struct seq_file *m, loff_t *pos)
{
	if (*pos == 0)
		return SEQ_START_TOKEN;
	return *pos <= ms_rows() ? (void *)(unsigned long)(*pos + 1) : NULL;
}

static void *ms_seq_next(struct seq_file *m, void *v, loff_t *pos)
{
	++*pos;
	return ms_seq_start(m, pos);
}

static void ms_seq_stop(struct seq_file *m, void *v)
{
}

static int ms_seq_show(struct seq_file *m, void *v)
{
	unsigned long i, total = 0;
	const u32 *row;
	u64 ms_start;
	int c;

	if (v == SEQ_START_TOKEN) {
		if (ms.not_empty)
			ms_show_header(m);
		return 0;
	}
	i = (unsigned long)v - 2;
	row = ms.table + i * MS_NCAUSE;
	ms_start = div_u64((u64)i * ms.period_ns, NSEC_PER_MSEC);
	seq_printf(m, "%llu.%03llu", div_u64(ms_start, 1000), ms_start % 1000);
	for (c = LWT_CAUSE_MIN; c < MS_NCAUSE; c++) {
		seq_printf(m, " %u", row[c]);
		total += row[c];
	}
	seq_printf(m, " %lu\n", total);
	return 0;
}

static const struct seq_operations ms_seq_ops = {
	.start	= ms_seq_start,
	.next	= ms_seq_next,
	.stop	= ms_seq_stop,
	.show	= ms_seq_show,
};

static int ms_stat_open(struct inode *inode, struct file *file)
{
	return seq_open(file, &ms_seq_ops);
}

static const struct file_operations ms_enable_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.read	= ms_enable_read,
	.write	= ms_enable_write,
};

static const struct file_operations ms_period_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.read	= ms_period_read,
	.write	= ms_period_write,
};

static const struct file_operations ms_reset_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= ms_reset_write,
};

static const struct file_operations ms_stat_fops = {
	.owner		= THIS_MODULE,
	.open		= ms_stat_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= seq_release,
};

int lwt_ms_init(void)
{
	int ret;

	ret = lwt_probes_lookup(ms_probes, ARRAY_SIZE(ms_probes));
	if (ret)
		return ret;

	ms.rows_max = 3600UL * ms_hours.val;
	ms.table = vzalloc(array_size(ms.rows_max, MS_NCAUSE * sizeof(u32)));
	if (!ms.table)
		return -ENOMEM;
	lwt_hrtimer_setup(&ms.timer, ms_timer_fn, CLOCK_MONOTONIC,
			  HRTIMER_MODE_REL_SOFT);

	ms.dir = debugfs_create_dir("migration_stat", NULL);
	if (IS_ERR(ms.dir)) {
		ret = PTR_ERR(ms.dir);
		pr_err("cannot create debugfs migration_stat: %d\n", ret);
		goto err_free_table;
	}
	debugfs_create_file("enable", 0600, ms.dir, NULL, &ms_enable_fops);
	debugfs_create_file("period_msec", 0600, ms.dir, NULL, &ms_period_fops);
	debugfs_create_file("reset", 0200, ms.dir, NULL, &ms_reset_fops);
	debugfs_create_file("stat", 0400, ms.dir, NULL, &ms_stat_fops);
	return 0;

err_free_table:
	vfree(ms.table);
	return ret;
}

void lwt_ms_exit(void)
{
	debugfs_remove_recursive(ms.dir);

	mutex_lock(&ms.lock);
	ms_stop_locked();
	mutex_unlock(&ms.lock);

	vfree(ms.table);
}
