// SPDX-License-Identifier: GPL-2.0
/*
 * migration_trace: a record of every real task migration, with its cause,
 * plus the process-name events needed to read it, in per-CPU buffers.
 *
 * debugfs: migration_trace/{enable,mark,reset,trace,sites}, see
 * Documentation/debugfs.rst.  The state machine and the control rules are
 * the framework's (facility.h).  FULL: a buffer filled; the probes then
 * only count what they drop, so that the header reports every lost event.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/timekeeping.h>
#include <linux/migrate_trace_lite.h>
#include <trace/events/task.h>

#include "buffer.h"
#include "cause.h"
#include "compat.h"
#include "facility.h"
#include "record.h"
#include "sched.h"

static struct lwt_uint_param mt_buf_kb = { .val = 1024, .min = 1, .max = 1048576 };
module_param_cb(mt_buf_kb, &lwt_uint_range_ops, &mt_buf_kb, 0444);
MODULE_PARM_DESC(mt_buf_kb, "migration_trace buffer per CPU, KiB (1..1048576, default 1024)");

/* Events lost, per location (cause, comm kind, mark); [0] counts start records. */
struct mt_drops {
	unsigned long n[LWT_LOC_NR];
};
static DEFINE_PER_CPU(struct mt_drops, mt_drops);

static struct {
	int			full_cpu;	/* the CPU whose buffer filled, or -1 */
	struct lwt_buffer	buf;
} mtr = {
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
	if (lwt_fac_full(&lwt_mt))
		WRITE_ONCE(mtr.full_cpu, smp_processor_id());
}

/*
 * Reserve a record of @len bytes and fill its header, with timestamp @ts
 * or, if 0, now.  Return NULL, having
 * counted the event as dropped where that applies, if it must not be
 * written.  On success, the caller fills the body and calls
 * lwt_buf_commit(*cbp, len).
 */
static __always_inline void *mt_reserve(struct lwt_cpu_buf **cbp,
					unsigned int len, unsigned int type,
					pid_t pid, unsigned int loc, u64 ts)
{
	struct lwt_rec_hdr *h;
	int state = lwt_fac_state(&lwt_mt);

	if (state != LWT_ON) {
		if (state == LWT_FULL)
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
	h->ts = ts ? ts : lwt_clock();
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
	r = mt_reserve(&cb, sizeof(*r), LWT_REC_COMM, pid, loc, 0);
	if (r) {
		strscpy_pad(r->comm, comm, sizeof(r->comm));
		r->loc = loc;
		r->__pad = 0;
		lwt_buf_commit(cb, sizeof(*r));
	}
	local_irq_restore(flags);
}

/* From the sched_migrate_task probe (sched.c), interrupts disabled. */
void lwt_mt_migrate(struct task_struct *p, unsigned int orig_cpu,
		    unsigned int dest_cpu, unsigned int cause, u64 ts)
{
	struct lwt_rec_migrate *r;
	struct lwt_cpu_buf *cb;

	r = mt_reserve(&cb, sizeof(*r), LWT_REC_MIGRATE, p->pid, cause, ts);
	if (r) {
		r->orig_cpu = orig_cpu;
		r->dest_cpu = dest_cpu;
		r->cause = cause;
		r->__pad = 0;
		lwt_buf_commit(cb, sizeof(*r));
	}
}

/* copy_process(): the new task, with the comm it inherited. */
static void mt_probe_newtask(void *data, struct task_struct *task,
			     unsigned long clone_flags)
{
	mt_write_comm(LWT_LOC_COPY_PROCESS, task->pid, task->comm);
}
static LWT_TRACEPOINT(mt_tp_newtask, task_newtask, mt_probe_newtask);

/* __set_task_comm(): fires before the copy, so take the new name. */
static void mt_probe_rename(void *data, struct task_struct *task,
			    const char *comm)
{
	mt_write_comm(LWT_LOC_SET_TASK_COMM, task->pid, comm);
}
static LWT_TRACEPOINT(mt_tp_rename, task_rename, mt_probe_rename);

void mt_trace_mark(unsigned long mark)
{
	struct lwt_rec_mark *r;
	struct lwt_cpu_buf *cb;
	unsigned long flags;

	local_irq_save(flags);	/* see mt_write_comm() */
	r = mt_reserve(&cb, sizeof(*r), LWT_REC_MARK, current->pid,
		       LWT_LOC_MARK, 0);
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

/* ---- facility hooks ---- */

static int mt_start(struct lwt_facility *f)
{
	on_each_cpu(mt_start_cpu, NULL, 1);
	return 0;
}

/* Every thread that exists at the start, so that each pid has a name. */
static void mt_started(struct lwt_facility *f)
{
	struct task_struct *g, *p;

	rcu_read_lock();
	for_each_process_thread(g, p)
		mt_write_comm(LWT_LOC_TASK_LIST, p->pid, p->comm);
	rcu_read_unlock();
}

static void mt_reset(struct lwt_facility *f)
{
	int cpu;

	lwt_buf_reset(&mtr.buf);
	for_each_possible_cpu(cpu)
		memset(per_cpu_ptr(&mt_drops, cpu), 0, sizeof(struct mt_drops));
	lwt_migrate_cost_reset();
	mtr.full_cpu = -1;
}

int mt_trace_enable(int enable, int allow_restart)
{
	return lwt_fac_enable(&lwt_mt, enable, allow_restart);
}
EXPORT_SYMBOL_GPL(mt_trace_enable);

static int mt_mark_set(struct lwt_facility *f, unsigned long val)
{
	mt_trace_mark(val);
	return 0;
}

/* ---- the trace file ---- */

/*
 * An open trace file: the header, rendered at open, then one line per
 * record in time order, from the heads as they were at open.
 */
struct mt_reader {
	struct lwt_buf_iter	it;
	char			line[96];
};

static size_t mt_trace_header(struct lwt_facility *f, void *state,
			      char *buf, size_t size)
{
	unsigned long drops[LWT_LOC_NR] = { 0 };
	unsigned long total = 0;
	size_t n = 0;
	int cpu, k;

	for_each_possible_cpu(cpu)
		for (k = 0; k < LWT_LOC_NR; k++)
			drops[k] += per_cpu(mt_drops, cpu).n[k];

	n += scnprintf(buf + n, size - n, "# " LWT_TAG_VERSION " %s\n", LWT_MT_VERSION);
	/* CPU ids run up to nr_cpu_ids - 1, even where the possible mask has holes. */
	n += scnprintf(buf + n, size - n, "# " LWT_TAG_NR_CPUS " %u\n", nr_cpu_ids);
	n += scnprintf(buf + n, size - n, "# " LWT_TAG_TS_FIELD " 1\n");
	for (k = LWT_CAUSE_MIN; k <= LWT_CAUSE_MAX; k++)
		n += scnprintf(buf + n, size - n, "# " LWT_TAG_CAUSE " %u %s\n",
			       k, lwt_loc_name[k]);
	for (k = LWT_CAUSE_MAX + 1; k <= LWT_LOC_MAX; k++)
		n += scnprintf(buf + n, size - n, "# " LWT_TAG_LOC " %u %s\n",
			       k, lwt_loc_name[k]);

	for (k = 0; k < LWT_LOC_NR; k++)
		total += drops[k];
	n += scnprintf(buf + n, size - n, "# " LWT_TAG_DROPPED " %lu\n", total);
	for (k = 0; k < LWT_LOC_NR; k++)
		if (drops[k])
			n += scnprintf(buf + n, size - n,
				       "# " LWT_TAG_DROPPED_EVENT " %s %lu\n",
				       k ? lwt_loc_name[k] : LWT_START_NAME,
				       drops[k]);
	if (mtr.full_cpu >= 0)
		n += scnprintf(buf + n, size - n, "# " LWT_TAG_BUFFER_FULL " cpu %d\n",
			       mtr.full_cpu);
	n += lwt_migrate_cost_render(buf + n, size - n);
	return n;
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
				 "0x%016llx %u . . . " LWT_START_NAME " %lld %lld\n",
				 h->ts, cpu, s->tv_sec, s->tv_usec);
	case LWT_REC_MIGRATE:
		return scnprintf(buf, size, "0x%016llx %u %u %u %u %u\n",
				 h->ts, cpu, m->orig_cpu, m->dest_cpu, h->pid,
				 m->cause);
	case LWT_REC_COMM:
		lwt_sanitize_comm(comm, c->comm);
		return scnprintf(buf, size, "0x%016llx %u . . %u %u : %s\n",
				 h->ts, cpu, h->pid, c->loc, comm);
	case LWT_REC_MARK:
		return scnprintf(buf, size, "0x%016llx %u . . %u %u 0x%08llx\n",
				 h->ts, cpu, h->pid, LWT_LOC_MARK, k->mark);
	}
	WARN_ONCE(1, "unknown record type %u\n", h->type);
	return 0;
}

static int mt_trace_open(struct lwt_facility *f, void *state)
{
	struct mt_reader *r = state;

	/*
	 * In FULL, a probe on another CPU that saw ON just before the state
	 * changed may still be writing its record: wait for it before the
	 * heads are read.  In OFF, the stop has already waited.
	 */
	if (f->state == LWT_FULL)
		synchronize_rcu();
	return lwt_buf_iter_init(&r->it, &mtr.buf);
}

static const char *mt_trace_next(void *state, size_t *len)
{
	struct mt_reader *r = state;
	const struct lwt_rec_hdr *h;
	int cpu;

	while ((h = lwt_buf_iter_next(&r->it, &cpu))) {
		*len = mt_format(r->line, sizeof(r->line), h, cpu);
		if (*len)
			return r->line;
	}
	return NULL;
}

static void mt_trace_release(void *state)
{
	struct mt_reader *r = state;

	lwt_buf_iter_destroy(&r->it);
}

/* ---- the facility ---- */

static int mt_fac_init(struct lwt_facility *f)
{
	unsigned long size = (unsigned long)mt_buf_kb.val * 1024;
	int ret;

	ret = lwt_mem_check("mt_buf_kb", (u64)size * num_possible_cpus());
	if (ret)
		return ret;
	ret = lwt_walker_get(&lwt_cause_walker);
	if (ret)
		return ret;
	ret = lwt_buf_alloc(&mtr.buf, size);
	if (ret)
		lwt_walker_put(&lwt_cause_walker);
	return ret;
}

static void mt_fac_exit(struct lwt_facility *f)
{
	lwt_buf_free(&mtr.buf);
	lwt_walker_put(&lwt_cause_walker);
}

static struct lwt_tp *const mt_tps[] = {
	&lwt_tp_sched_migrate_task,
	&mt_tp_newtask,
	&mt_tp_rename,
};

static const struct lwt_ctl mt_ctls[] = {
	{ .name = "mark", .mode = 0200, .min = 0, .max = ULONG_MAX,
	  .set = mt_mark_set },
};

static const struct lwt_view mt_views[] = {
	{ .name = "trace", .mode = 0400, .size = sizeof(struct mt_reader),
	  .stopped_only = true, .open = mt_trace_open, .header = mt_trace_header,
	  .next = mt_trace_next, .release = mt_trace_release },
	{ .name = "sites", .mode = 0400, .size = LWT_CAUSE_VIEW_SIZE,
	  .open = lwt_cause_view_open, .header = lwt_cause_view_header,
	  .next = lwt_cause_view_next },
};

struct lwt_facility lwt_mt = {
	.name		= "migration_trace",
	.tps		= mt_tps,
	.ntps		= ARRAY_SIZE(mt_tps),
	.ctls		= mt_ctls,
	.nctls		= ARRAY_SIZE(mt_ctls),
	.views		= mt_views,
	.nviews		= ARRAY_SIZE(mt_views),
	.init		= mt_fac_init,
	.exit		= mt_fac_exit,
	.start		= mt_start,
	.started	= mt_started,
	.reset		= mt_reset,
};
