// SPDX-License-Identifier: GPL-2.0
/*
 * migration_trace: a record of every real task migration, with its cause,
 * plus the process-name events needed to read it, in per-CPU buffers.
 *
 * debugfs: migration_trace/{enable,mark,reset,trace}, see
 * Documentation/debugfs.rst.
 *
 * State machine (mtr.state):
 *
 *   OFF --enable 1--> ON --a buffer fills--> FULL
 *    ^                 |                      |
 *    +----enable 0-----+----------------------+
 *
 * Probes are attached from "enable 1" until "enable 0" (or reset, or
 * unload).  In FULL they only count what they drop, so that the header can
 * report every event that was lost.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/debugfs.h>
#include <linux/mutex.h>
#include <linux/seq_file.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/uaccess.h>
#include <linux/migrate_trace_lite.h>
#include <trace/events/sched.h>
#include <trace/events/task.h>

#include "buffer.h"
#include "record.h"
#include "cause.h"
#include "compat.h"
#include "debugfs.h"
#include "lwtrace.h"
#include "tp.h"

static struct lwt_uint_param mt_buf_kb = { .val = 1024, .min = 1, .max = 1048576 };
module_param_cb(mt_buf_kb, &lwt_uint_range_ops, &mt_buf_kb, 0444);
MODULE_PARM_DESC(mt_buf_kb, "migration_trace buffer per CPU, KiB (1..1048576, default 1024)");

static bool mt_measure_cost;
module_param(mt_measure_cost, bool, 0644);
MODULE_PARM_DESC(mt_measure_cost, "time the migrate probe; the trace header reports it (default 0)");

enum mt_state { MT_OFF, MT_ON, MT_FULL };

/* Probe cost, when mt_measure_cost is set: nanoseconds per part. */
struct mt_cost {
	unsigned long events;
	unsigned long cause_ns;		/* lwt_migrate_cause() */
	unsigned long record_ns;	/* reserve, fill, commit */
	unsigned long by_state;		/* events whose cause needed no unwind */
	unsigned long by_state_ns;	/* their share of cause_ns */
	unsigned long clock_ns;		/* two clock reads back to back: the floor */
};
static DEFINE_PER_CPU(struct mt_cost, mt_cost);

/* Events lost, per location (cause, comm kind, mark); [0] counts start records. */
struct mt_drops {
	unsigned long n[LWT_LOC_NR];
};
static DEFINE_PER_CPU(struct mt_drops, mt_drops);

static struct {
	struct mutex		lock;		/* serialises all control */
	int			state;		/* enum mt_state; read by probes */
	int			full_cpu;	/* the CPU whose buffer filled, or -1 */
	bool			not_empty;	/* started since the last reset */
	bool			attached;	/* probes registered */
	unsigned int		readers;	/* open trace files */
	struct lwt_buffer	buf;
	struct dentry		*dir;
} mtr = {
	.lock = __MUTEX_INITIALIZER(mtr.lock),
	.full_cpu = -1,
};

/* ---- write path: preemption is disabled in all of it ---- */

static __always_inline void mt_drop(unsigned int loc)
{
	this_cpu_inc(mt_drops.n[loc]);
}

/* A probe found its CPU's buffer full: stop the trace, remember the CPU. */
static void mt_buffer_full(void)
{
	if (cmpxchg(&mtr.state, MT_ON, MT_FULL) == MT_ON)
		WRITE_ONCE(mtr.full_cpu, smp_processor_id());
}

/*
 * Reserve a record of @len bytes and fill its header.  Return NULL, having
 * counted the event as dropped where that applies, if it must not be
 * written.  On success, the caller fills the body and calls
 * lwt_buf_commit(*cbp, len).
 */
static __always_inline void *mt_reserve(struct lwt_cpu_buf **cbp,
					unsigned int len, unsigned int type,
					pid_t pid, unsigned int loc)
{
	struct lwt_rec_hdr *h;
	int state = READ_ONCE(mtr.state);

	if (state != MT_ON) {
		if (state == MT_FULL)
			mt_drop(loc);
		return NULL;
	}
	h = lwt_buf_reserve(&mtr.buf, cbp, len);
	if (IS_ERR(h)) {
		if (PTR_ERR(h) == -ENOSPC)
			mt_buffer_full();
		mt_drop(loc);
		return NULL;
	}
	h->ts = lwt_clock();
	h->pid = pid;
	h->type = type;
	h->len = len;
	return h;
}

/*
 * Comm events and marks are written from process context with interrupts
 * on.  They turn interrupts off for the few instructions of the write, so
 * that a migration in an interrupt (a wakeup from a timer) waits for them
 * instead of finding the guard taken and being dropped.
 */
static void mt_write_comm(unsigned int loc, pid_t pid, const char *comm)
{
	struct lwt_rec_comm *r;
	struct lwt_cpu_buf *cb;
	unsigned long flags;

	local_irq_save(flags);
	r = mt_reserve(&cb, sizeof(*r), LWT_REC_COMM, pid, loc);
	if (r) {
		strscpy_pad(r->comm, comm, sizeof(r->comm));
		r->loc = loc;
		r->__pad = 0;
		lwt_buf_commit(cb, sizeof(*r));
	}
	local_irq_restore(flags);
}

/*
 * sched_migrate_task fires in set_task_cpu() before it checks whether the
 * CPU changes: only a real move is a migration.
 */
static void mt_probe_migrate(void *data, struct task_struct *p, int dest_cpu)
{
	unsigned int orig_cpu = task_cpu(p);
	bool measure = READ_ONCE(mt_measure_cost);
	struct lwt_rec_migrate *r;
	struct lwt_cpu_buf *cb;
	unsigned int cause;
	u64 t0 = 0, t1 = 0;

	if (orig_cpu == dest_cpu || READ_ONCE(mtr.state) == MT_OFF)
		return;
	if (unlikely(measure))
		t0 = lwt_clock();
	cause = lwt_migrate_cause(p);
	if (unlikely(measure))
		t1 = lwt_clock();
	r = mt_reserve(&cb, sizeof(*r), LWT_REC_MIGRATE, p->pid, cause);
	if (r) {
		r->orig_cpu = orig_cpu;
		r->dest_cpu = dest_cpu;
		r->cause = cause;
		r->__pad = 0;
		lwt_buf_commit(cb, sizeof(*r));
	}
	if (unlikely(measure)) {
		u64 t2 = lwt_clock();

		this_cpu_inc(mt_cost.events);
		this_cpu_add(mt_cost.cause_ns, t1 - t0);
		this_cpu_add(mt_cost.record_ns, t2 - t1);
		if (lwt_cause_by_state(p)) {
			this_cpu_inc(mt_cost.by_state);
			this_cpu_add(mt_cost.by_state_ns, t1 - t0);
		}
		t2 = lwt_clock();
		this_cpu_add(mt_cost.clock_ns, lwt_clock() - t2);
	}
}
LWT_CHECK_PROBE(sched_migrate_task, mt_probe_migrate);

/* copy_process(): the new task, with the comm it inherited. */
static void mt_probe_newtask(void *data, struct task_struct *task,
			     unsigned long clone_flags)
{
	mt_write_comm(LWT_LOC_COPY_PROCESS, task->pid, task->comm);
}
LWT_CHECK_PROBE(task_newtask, mt_probe_newtask);

/* __set_task_comm(): fires before the copy, so take the new name. */
static void mt_probe_rename(void *data, struct task_struct *task,
			    const char *comm)
{
	mt_write_comm(LWT_LOC_SET_TASK_COMM, task->pid, comm);
}
LWT_CHECK_PROBE(task_rename, mt_probe_rename);

static struct lwt_probe mt_probes[] = {
	LWT_PROBE(sched_migrate_task, mt_probe_migrate),
	LWT_PROBE(task_newtask, mt_probe_newtask),
	LWT_PROBE(task_rename, mt_probe_rename),
};

void mt_trace_mark(unsigned long mark)
{
	struct lwt_rec_mark *r;
	struct lwt_cpu_buf *cb;
	unsigned long flags;

	local_irq_save(flags);	/* see mt_write_comm() */
	r = mt_reserve(&cb, sizeof(*r), LWT_REC_MARK, current->pid,
		       LWT_LOC_MARK);
	if (r) {
		r->mark = mark;
		lwt_buf_commit(cb, sizeof(*r));
	}
	local_irq_restore(flags);
}
EXPORT_SYMBOL_GPL(mt_trace_mark);

/*
 * IPI handler: the first record of each CPU's stream pairs its clock with
 * the wall clock.  Written before the state becomes ON, so it bypasses
 * mt_reserve().
 */
static void mt_start_cpu(void *unused)
{
	struct lwt_rec_start *r;
	struct lwt_cpu_buf *cb;
	struct timespec64 tv;

	r = lwt_buf_reserve(&mtr.buf, &cb, sizeof(*r));
	if (IS_ERR(r)) {
		mt_drop(LWT_LOC_RESERVED);
		return;
	}
	r->hdr.ts = lwt_clock();
	ktime_get_real_ts64(&tv);
	r->hdr.pid = 0;
	r->hdr.type = LWT_REC_START;
	r->hdr.len = sizeof(*r);
	r->tv_sec = tv.tv_sec;
	r->tv_usec = tv.tv_nsec / NSEC_PER_USEC;
	lwt_buf_commit(cb, sizeof(*r));
}

/* Every thread that exists at the start, so that each pid has a name. */
static void mt_log_tasks(void)
{
	struct task_struct *g, *p;

	rcu_read_lock();
	for_each_process_thread(g, p)
		mt_write_comm(LWT_LOC_TASK_LIST, p->pid, p->comm);
	rcu_read_unlock();
}

/* ---- control ---- */

static void mt_stop_locked(void)
{
	lockdep_assert_held(&mtr.lock);

	WRITE_ONCE(mtr.state, MT_OFF);
	if (mtr.attached) {
		lwt_probes_unregister(mt_probes, ARRAY_SIZE(mt_probes), NULL);
		mtr.attached = false;
	}
	/*
	 * Wait for every probe, and for every mt_trace_mark() caller (they
	 * run with preemption disabled, which synchronize_rcu() inside this
	 * waits for), so that the buffers are quiescent.
	 */
	tracepoint_synchronize_unregister();
}

static int mt_start_locked(int allow_restart)
{
	int ret;

	lockdep_assert_held(&mtr.lock);

	if (mtr.readers)
		return -EBUSY;
	if (mtr.not_empty && !allow_restart)
		return -EPERM;
	if (mtr.state == MT_ON)
		return 0;
	if (!mtr.attached) {
		ret = lwt_probes_register(mt_probes, ARRAY_SIZE(mt_probes), NULL);
		if (ret)
			return ret;
		mtr.attached = true;
	}
	on_each_cpu(mt_start_cpu, NULL, 1);
	mtr.not_empty = true;
	WRITE_ONCE(mtr.state, MT_ON);
	mt_log_tasks();
	return 0;
}

int mt_trace_enable(int enable, int allow_restart)
{
	int ret = 0;

	if (enable != 0 && enable != 1)
		return -EINVAL;

	mutex_lock(&mtr.lock);
	if (enable)
		ret = mt_start_locked(allow_restart);
	else if (mtr.state != MT_OFF)
		mt_stop_locked();
	mutex_unlock(&mtr.lock);
	return ret;
}
EXPORT_SYMBOL_GPL(mt_trace_enable);

static int mt_reset(void)
{
	int cpu;

	mutex_lock(&mtr.lock);
	if (mtr.readers) {
		mutex_unlock(&mtr.lock);
		return -EBUSY;
	}
	mt_stop_locked();
	lwt_buf_reset(&mtr.buf);
	for_each_possible_cpu(cpu) {
		memset(per_cpu_ptr(&mt_drops, cpu), 0, sizeof(struct mt_drops));
		memset(per_cpu_ptr(&mt_cost, cpu), 0, sizeof(struct mt_cost));
	}
	mtr.full_cpu = -1;
	mtr.not_empty = false;
	mutex_unlock(&mtr.lock);
	return 0;
}

/* ---- debugfs: enable, mark, reset ---- */

static ssize_t mt_enable_read(struct file *file, char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	return lwt_read_ulong(ubuf, count, ppos, READ_ONCE(mtr.state) == MT_ON);
}

static ssize_t mt_enable_write(struct file *file, const char __user *ubuf,
			       size_t count, loff_t *ppos)
{
	unsigned long val;
	int ret;

	ret = lwt_parse_ulong(ubuf, count, 0, 1, &val);
	if (ret)
		return ret;
	ret = mt_trace_enable(val, 0);
	return ret ? ret : count;
}

static ssize_t mt_mark_write(struct file *file, const char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	unsigned long val;
	int ret;

	ret = lwt_parse_ulong(ubuf, count, 0, ULONG_MAX, &val);
	if (ret)
		return ret;
	mt_trace_mark(val);
	return count;
}

static ssize_t mt_reset_write(struct file *file, const char __user *ubuf,
			      size_t count, loff_t *ppos)
{
	unsigned long val;
	int ret;

	ret = lwt_parse_ulong(ubuf, count, 0, 0, &val);
	if (ret)
		return ret;
	ret = mt_reset();
	return ret ? ret : count;
}

static const struct file_operations mt_enable_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.read	= mt_enable_read,
	.write	= mt_enable_write,
};

static const struct file_operations mt_mark_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= mt_mark_write,
};

static const struct file_operations mt_reset_fops = {
	.owner	= THIS_MODULE,
	.open	= simple_open,
	.write	= mt_reset_write,
};

/* ---- debugfs: trace ---- */

/*
 * An open trace file: the header, rendered at open, then one line per
 * record in time order.  Reads continue where the last one stopped, so any
 * read size gives the same bytes; the file is not seekable.
 */
struct mt_reader {
	struct mutex		lock;		/* one read() at a time */
	struct lwt_buf_iter	it;
	char			*hdr;
	size_t			hdr_len;
	bool			hdr_done;
	const char		*cur;		/* the text being copied out */
	size_t			len, off;
	char			line[96];
};

/* "# probe_cost ..." if the probe was timed (mt_measure_cost=1). */
static size_t mt_render_cost(char *buf, size_t size)
{
	struct mt_cost sum = { 0 };
	int cpu;

	for_each_possible_cpu(cpu) {
		sum.events += per_cpu(mt_cost, cpu).events;
		sum.cause_ns += per_cpu(mt_cost, cpu).cause_ns;
		sum.record_ns += per_cpu(mt_cost, cpu).record_ns;
		sum.by_state += per_cpu(mt_cost, cpu).by_state;
		sum.by_state_ns += per_cpu(mt_cost, cpu).by_state_ns;
		sum.clock_ns += per_cpu(mt_cost, cpu).clock_ns;
	}
	if (!sum.events)
		return 0;
	return scnprintf(buf, size,
			 "# probe_cost events %lu cause_ns %lu record_ns %lu by_state %lu by_state_ns %lu clock_ns %lu\n",
			 sum.events, sum.cause_ns, sum.record_ns, sum.by_state,
			 sum.by_state_ns, sum.clock_ns);
}

static size_t mt_render_header(char *buf, size_t size)
{
	unsigned long drops[LWT_LOC_NR] = { 0 };
	unsigned long total = 0;
	size_t n = 0;
	int cpu, k;

	for_each_possible_cpu(cpu)
		for (k = 0; k < LWT_LOC_NR; k++)
			drops[k] += per_cpu(mt_drops, cpu).n[k];

	n += scnprintf(buf + n, size - n, "# version %s\n", LWT_MT_VERSION);
	n += scnprintf(buf + n, size - n, "# nr_cpus %u\n", num_possible_cpus());
	n += scnprintf(buf + n, size - n, "# ts_field 1\n");
	for (k = LWT_CAUSE_MIN; k <= LWT_CAUSE_MAX; k++)
		n += scnprintf(buf + n, size - n, "# cause %u %s\n", k,
			       lwt_loc_name[k]);
	for (k = LWT_CAUSE_MAX + 1; k <= LWT_LOC_MAX; k++)
		n += scnprintf(buf + n, size - n, "# loc %u %s\n", k,
			       lwt_loc_name[k]);

	for (k = 0; k < LWT_LOC_NR; k++)
		total += drops[k];
	n += scnprintf(buf + n, size - n, "# dropped %lu\n", total);
	for (k = 0; k < LWT_LOC_NR; k++)
		if (drops[k])
			n += scnprintf(buf + n, size - n,
				       "# dropped_event %s %lu\n",
				       k ? lwt_loc_name[k] : "start_sched_clock",
				       drops[k]);
	if (mtr.full_cpu >= 0)
		n += scnprintf(buf + n, size - n, "# buffer_full cpu %d\n",
			       mtr.full_cpu);
	n += mt_render_cost(buf + n, size - n);
	return n;
}

/* A comm may hold any byte but NUL; keep each event on one line. */
static void mt_sanitize_comm(char *dst, const char *src)
{
	int i;

	for (i = 0; i < LWT_COMM_LEN - 1 && src[i]; i++)
		dst[i] = (src[i] < ' ' || src[i] == 0x7f) ? '?' : src[i];
	dst[i] = '\0';
}

/* The text line of one record, in the original format; 0 to skip it. */
static int mt_format(char *buf, size_t size, const struct lwt_rec_hdr *h,
		     int cpu)
{
	const struct lwt_rec_start *s = (const void *)h;
	const struct lwt_rec_migrate *m = (const void *)h;
	const struct lwt_rec_comm *c = (const void *)h;
	const struct lwt_rec_mark *k = (const void *)h;
	char comm[LWT_COMM_LEN];

	switch (h->type) {
	case LWT_REC_START:
		return scnprintf(buf, size,
				 "0x%016llx %u . . . start_sched_clock %lld %lld\n",
				 h->ts, cpu, s->tv_sec, s->tv_usec);
	case LWT_REC_MIGRATE:
		return scnprintf(buf, size, "0x%016llx %u %u %u %u %u\n",
				 h->ts, cpu, m->orig_cpu, m->dest_cpu, h->pid,
				 m->cause);
	case LWT_REC_COMM:
		mt_sanitize_comm(comm, c->comm);
		return scnprintf(buf, size, "0x%016llx %u . . %u %u : %s\n",
				 h->ts, cpu, h->pid, c->loc, comm);
	case LWT_REC_MARK:
		return scnprintf(buf, size, "0x%016llx %u . . %u %u 0x%08llx\n",
				 h->ts, cpu, h->pid, LWT_LOC_MARK, k->mark);
	}
	WARN_ONCE(1, "unknown record type %u\n", h->type);
	return 0;
}

/* Point r->cur at the next text to copy out; false at the end. */
static bool mt_reader_fill(struct mt_reader *r)
{
	const struct lwt_rec_hdr *h;
	int cpu, len;

	if (!r->hdr_done) {
		r->hdr_done = true;
		r->cur = r->hdr;
		r->len = r->hdr_len;
		r->off = 0;
		return true;
	}
	while ((h = lwt_buf_iter_next(&r->it, &cpu))) {
		len = mt_format(r->line, sizeof(r->line), h, cpu);
		if (len) {
			r->cur = r->line;
			r->len = len;
			r->off = 0;
			return true;
		}
	}
	return false;
}

static void mt_reader_free(struct mt_reader *r)
{
	lwt_buf_iter_destroy(&r->it);
	kfree(r->hdr);
	kfree(r);
}

static int mt_trace_open(struct inode *inode, struct file *file)
{
	struct mt_reader *r;
	int ret;

	r = kzalloc(sizeof(*r), GFP_KERNEL);
	if (!r)
		return -ENOMEM;
	mutex_init(&r->lock);
	r->hdr = kmalloc(PAGE_SIZE, GFP_KERNEL);
	if (!r->hdr) {
		ret = -ENOMEM;
		goto err_free;
	}

	mutex_lock(&mtr.lock);
	if (mtr.state == MT_ON) {
		ret = -EPERM;
		goto err_unlock;
	}
	/*
	 * In FULL, a probe on another CPU that saw ON just before the state
	 * changed may still be writing its record: wait for it before the
	 * heads are read.  In OFF, mt_stop_locked() has already waited.
	 */
	if (mtr.state == MT_FULL)
		synchronize_rcu();
	ret = lwt_buf_iter_init(&r->it, &mtr.buf);
	if (ret)
		goto err_unlock;
	r->hdr_len = mt_render_header(r->hdr, PAGE_SIZE);
	mtr.readers++;
	mutex_unlock(&mtr.lock);

	file->private_data = r;
	return nonseekable_open(inode, file);

err_unlock:
	mutex_unlock(&mtr.lock);
err_free:
	mt_reader_free(r);
	return ret;
}

static ssize_t mt_trace_read(struct file *file, char __user *ubuf,
			     size_t count, loff_t *ppos)
{
	struct mt_reader *r = file->private_data;
	size_t done = 0, n;

	mutex_lock(&r->lock);
	while (done < count) {
		if (r->off == r->len) {
			if (!mt_reader_fill(r))
				break;
			cond_resched();
		}
		n = min(r->len - r->off, count - done);
		if (copy_to_user(ubuf + done, r->cur + r->off, n)) {
			if (!done)
				done = -EFAULT;
			break;
		}
		r->off += n;
		done += n;
	}
	mutex_unlock(&r->lock);
	if ((ssize_t)done > 0)
		*ppos += done;
	return done;
}

static int mt_trace_release(struct inode *inode, struct file *file)
{
	mutex_lock(&mtr.lock);
	mtr.readers--;
	mutex_unlock(&mtr.lock);
	mt_reader_free(file->private_data);
	return 0;
}

static int mt_sites_open(struct inode *inode, struct file *file)
{
	return single_open(file, lwt_cause_sites_show, NULL);
}

static const struct file_operations mt_sites_fops = {
	.owner		= THIS_MODULE,
	.open		= mt_sites_open,
	.read		= seq_read,
	.llseek		= seq_lseek,
	.release	= single_release,
};

static const struct file_operations mt_trace_fops = {
	.owner		= THIS_MODULE,
	.open		= mt_trace_open,
	.read		= mt_trace_read,
	.release	= mt_trace_release,
};

/* ---- init / exit ---- */

int lwt_mt_init(void)
{
	int ret;

	ret = lwt_probes_lookup(mt_probes, ARRAY_SIZE(mt_probes));
	if (ret)
		return ret;

	ret = lwt_buf_alloc(&mtr.buf, (unsigned long)mt_buf_kb.val * 1024);
	if (ret)
		return ret;

	mtr.dir = debugfs_create_dir("migration_trace", NULL);
	if (IS_ERR(mtr.dir)) {
		ret = PTR_ERR(mtr.dir);
		pr_err("cannot create debugfs migration_trace: %d\n", ret);
		goto err_free_buf;
	}
	/* A file that fails to appear is not worth failing the load for. */
	debugfs_create_file("enable", 0600, mtr.dir, NULL, &mt_enable_fops);
	debugfs_create_file("mark", 0200, mtr.dir, NULL, &mt_mark_fops);
	debugfs_create_file("reset", 0200, mtr.dir, NULL, &mt_reset_fops);
	debugfs_create_file("trace", 0400, mtr.dir, NULL, &mt_trace_fops);
	debugfs_create_file("sites", 0400, mtr.dir, NULL, &mt_sites_fops);
	return 0;

err_free_buf:
	lwt_buf_free(&mtr.buf);
	return ret;
}

void lwt_mt_exit(void)
{
	/* No file operation runs after this returns, and none can start. */
	debugfs_remove_recursive(mtr.dir);

	mutex_lock(&mtr.lock);
	mt_stop_locked();
	mutex_unlock(&mtr.lock);

	lwt_buf_free(&mtr.buf);
}
