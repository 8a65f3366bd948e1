// SPDX-License-Identifier: GPL-2.0
/*
 * compaction: how long memory compaction stalled each task, and what it
 * moved and scanned, as perf's compaction-times script reports from a
 * perf.data file, but live and cheap.
 *
 * debugfs: compaction/{enable,reset,tasks,records}, see
 * Documentation/debugfs.rst.
 *
 * Every compaction event fires in the context of the task that compacts
 * (compact_zone()), which may sleep and resume on another CPU: so the
 * compaction in progress is kept per task, in a table keyed by pid that
 * only that task writes, and matched begin to end there.  The table and
 * the records are sized at load, claimed with cmpxchg() and an atomic
 * index; what finds no room is counted.
 *
 * nr_failed: v6.1's mm_compaction_migratepages passes the private struct
 * compact_control, so nr_failed = cc->nr_migratepages - nr_succeeded needs
 * the member's offset.  It is read, by name, from the running kernel's
 * BTF (/sys/kernel/btf/vmlinux) when the facility loads; without it the
 * facility refuses to start rather than guess (ct_cc_nr_migratepages_off
 * gives it by hand).  Later kernels pass nr_migratepages.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/btf.h>
#include <linux/compaction.h>
#include <linux/hash.h>
#include <linux/kernel_read_file.h>
#include <linux/log2.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/sort.h>
#include <linux/vmalloc.h>
/* Private to mm/ (mm/internal.h); the tracepoints pass a pointer. */
struct compact_control;
#include <trace/events/compaction.h>
#include <uapi/linux/btf.h>
#include <uapi/lwtrace.h>
#include "compat.h"
#include "facility.h"

static struct lwt_uint_param ct_ntasks = { .val = 4096, .min = 1, .max = 1 << 20 };
module_param_cb(ct_tasks, &lwt_uint_range_ops, &ct_ntasks, 0444);
MODULE_PARM_DESC(ct_tasks, "compaction: tasks kept (1..1048576, default 4096)");
static struct lwt_uint_param ct_nrecords = { .val = 16384, .min = 1, .max = 1 << 24 };
module_param_cb(ct_records, &lwt_uint_range_ops, &ct_nrecords, 0444);
MODULE_PARM_DESC(ct_records, "compaction: compactions recorded (1..16777216, default 16384)");
#ifndef LWT_HAVE_COMPACTION_NR_MIGRATEPAGES
static int ct_cc_off = -1;
module_param_named(ct_cc_nr_migratepages_off, ct_cc_off, int, 0444);
MODULE_PARM_DESC(ct_cc_nr_migratepages_off, "compaction: offset of nr_migratepages, an unsigned int, in struct compact_control (default -1: from the kernel's BTF)");
static unsigned int ct_cc_size = sizeof(unsigned int);	/* as 6.1's */
#endif

/* The scanners, in the order of the files' columns (fs_, ms_, ff_). */
enum { CT_FREE, CT_MIGRATE, CT_FAST_FREE, CT_SCANNERS };

struct ct_counts {
	u64	moved, failed;
	u64	scanned[CT_SCANNERS], isolated[CT_SCANNERS];
};

struct ct_task {
	pid_t		pid;		/* cmpxchg() 0 -> pid */
	unsigned int	order;		/* of its first compaction */
	char		comm[TASK_COMM_LEN];
	u64		compactions, stall_ns;
	struct ct_counts tot;
	/* The compaction in progress. */
	bool		pending;
	bool		sync;
	u64		begin_ns;
	unsigned long	zone_start, zone_end;
	struct ct_counts cur;
};

struct ct_record {
	u64		begin_ns, end_ns;
	unsigned long	zone_start, zone_end;
	pid_t		pid;
	bool		sync;
	int		status;
	struct ct_counts c;
	char		comm[TASK_COMM_LEN];
	unsigned int	valid;		/* store-release when filled */
};

static struct {
	struct ct_task		*tasks;
	struct ct_record	*records;
	unsigned int		ntasks, nrecords;	/* ntasks: 2^n slots */
	atomic_t		used;		/* tasks taken, up to ct_tasks */
	atomic_t		order;
	atomic_t		nrec;		/* records handed out */
	atomic_long_t		dropped;	/* records that found no room */
	atomic_long_t		table_full;	/* compactions of tasks that found none */
	atomic_long_t		unmatched;	/* events with no begin of their task */
} ct;

#define CT_PROBES	64

/*
 * The current task's slot; with @insert, made if new.  NULL if none.
 * Only the task itself inserts its pid, and slots are emptied only by a
 * reset, so an empty slot on the way means the pid is not further on.
 */
static struct ct_task *ct_task(bool insert)
{
	pid_t pid = current->pid;
	unsigned int h = hash_32(pid, ilog2(ct.ntasks)), i;
	bool reserved = false;

	for (i = 0; i < CT_PROBES; i++) {
		struct ct_task *t = &ct.tasks[(h + i) & (ct.ntasks - 1)];
		pid_t p = READ_ONCE(t->pid);

		if (p == pid)
			return t;
		if (p)
			continue;
		if (!insert)
			return NULL;
		/*
		 * Twice the slots: ct_tasks is the number kept, exactly.  A
		 * place is reserved once and kept while the task looks on
		 * past slots other tasks took first, so that a reservation
		 * is never counted for a task that then gets a slot anyway.
		 */
		if (!reserved) {
			if (!atomic_add_unless(&ct.used, 1, ct_ntasks.val))
				return NULL;
			reserved = true;
		}
		if (!cmpxchg(&t->pid, 0, pid)) {
			t->order = atomic_inc_return(&ct.order);
			memcpy(t->comm, current->comm, sizeof(t->comm));
			return t;
		}
	}
	if (reserved)
		atomic_dec(&ct.used);
	return NULL;
}

static __always_inline bool ct_on(void)
{
	return lwt_fac_state(&lwt_ct) == LWT_ON;
}

/* The current task's compaction in progress, or NULL (counted). */
static struct ct_counts *ct_cur(void)
{
	struct ct_task *t = ct_task(false);

	if (!t || !t->pending) {
		atomic_long_inc(&ct.unmatched);
		return NULL;
	}
	return &t->cur;
}

static void ct_probe_begin(void *data, struct compact_control *cc,
			   unsigned long zone_start, unsigned long zone_end,
			   bool sync)
{
	u64 now = lwt_clock();	/* first: the event's time, as ftrace's */
	struct ct_task *t;

	if (!ct_on())
		return;
	t = ct_task(true);
	if (!t) {
		atomic_long_inc(&ct.table_full);
		return;
	}
	if (t->pending)			/* never ended: cannot happen */
		atomic_long_inc(&ct.unmatched);
	memset(&t->cur, 0, sizeof(t->cur));
	t->zone_start = zone_start;
	t->zone_end = zone_end;
	t->sync = sync;
	t->begin_ns = now;
	WRITE_ONCE(t->pending, true);
}

static void ct_add(struct ct_counts *to, const struct ct_counts *c)
{
	unsigned int i;

	to->moved += c->moved;
	to->failed += c->failed;
	for (i = 0; i < CT_SCANNERS; i++) {
		to->scanned[i] += c->scanned[i];
		to->isolated[i] += c->isolated[i];
	}
}

static void ct_probe_end(void *data, struct compact_control *cc,
			 unsigned long zone_start, unsigned long zone_end,
			 bool sync, int status)
{
	u64 now = lwt_clock();
	struct ct_task *t;
	struct ct_record *r;
	unsigned int i;

	if (!ct_on())
		return;
	t = ct_task(false);
	if (!t || !t->pending) {
		atomic_long_inc(&ct.unmatched);
		return;
	}
	/* Tasks are read while collecting: one field at a time. */
	WRITE_ONCE(t->compactions, t->compactions + 1);
	WRITE_ONCE(t->stall_ns, t->stall_ns + now - t->begin_ns);
	ct_add(&t->tot, &t->cur);
	WRITE_ONCE(t->pending, false);

	i = atomic_inc_return(&ct.nrec);
	if (i > ct.nrecords) {
		atomic_long_inc(&ct.dropped);
		return;
	}
	r = &ct.records[i - 1];
	r->begin_ns = t->begin_ns;
	r->end_ns = now;
	r->zone_start = t->zone_start;
	r->zone_end = t->zone_end;
	r->pid = t->pid;
	r->sync = t->sync;
	r->status = status;
	r->c = t->cur;
	memcpy(r->comm, current->comm, sizeof(r->comm));
	smp_store_release(&r->valid, 1);
}

#ifdef LWT_HAVE_COMPACTION_NR_MIGRATEPAGES
static void ct_probe_migrate(void *data, unsigned int nr_migratepages,
			     unsigned int nr_succeeded)
#else
static void ct_probe_migrate(void *data, struct compact_control *cc,
			     unsigned int nr_succeeded)
#endif
{
	struct ct_counts *c;

	if (!ct_on())
		return;
	c = ct_cur();
	if (!c)
		return;
#ifndef LWT_HAVE_COMPACTION_NR_MIGRATEPAGES
	{
		/* Of the member's own type, as TP_fast_assign computes it. */
		const void *m = (const char *)cc + ct_cc_off;

		if (ct_cc_size == sizeof(unsigned int))
			c->failed += (unsigned int)(*(const unsigned int *)m - nr_succeeded);
		else
			c->failed += *(const unsigned long *)m - nr_succeeded;
#else
		c->failed += nr_migratepages - nr_succeeded;
#endif
		c->moved += nr_succeeded;
#ifndef LWT_HAVE_COMPACTION_NR_MIGRATEPAGES
	}
#endif
}

/* An isolate event of @scanner: what it scanned and took. */
static void ct_isolate(unsigned int scanner, unsigned long nr_scanned,
		       unsigned long nr_taken)
{
	struct ct_counts *c;

	if (ct_on() && (c = ct_cur())) {
		c->scanned[scanner] += nr_scanned;
		c->isolated[scanner] += nr_taken;
	}
}

static void ct_probe_isolate_migrate(void *data, unsigned long start_pfn,
				     unsigned long end_pfn,
				     unsigned long nr_scanned,
				     unsigned long nr_taken)
{
	ct_isolate(CT_MIGRATE, nr_scanned, nr_taken);
}

static void ct_probe_isolate_free(void *data, unsigned long start_pfn,
				  unsigned long end_pfn,
				  unsigned long nr_scanned,
				  unsigned long nr_taken)
{
	ct_isolate(CT_FREE, nr_scanned, nr_taken);
}

static LWT_TRACEPOINT(ct_tp_begin, mm_compaction_begin, ct_probe_begin);
static LWT_TRACEPOINT(ct_tp_end, mm_compaction_end, ct_probe_end);
static LWT_TRACEPOINT(ct_tp_migrate, mm_compaction_migratepages, ct_probe_migrate);
static LWT_TRACEPOINT(ct_tp_isolate_migrate, mm_compaction_isolate_migratepages,
		      ct_probe_isolate_migrate);
static LWT_TRACEPOINT(ct_tp_isolate_free, mm_compaction_isolate_freepages,
		      ct_probe_isolate_free);
#ifdef LWT_HAVE_COMPACTION_FAST_ISOLATE
static void ct_probe_fast_isolate(void *data, unsigned long start_pfn,
				  unsigned long end_pfn,
				  unsigned long nr_scanned,
				  unsigned long nr_taken)
{
	ct_isolate(CT_FAST_FREE, nr_scanned, nr_taken);
}
static LWT_TRACEPOINT(ct_tp_fast_isolate, mm_compaction_fast_isolate_freepages,
		      ct_probe_fast_isolate);
#endif

static struct lwt_tp *const ct_tps[] = {
	&ct_tp_begin, &ct_tp_end, &ct_tp_migrate,
	&ct_tp_isolate_migrate, &ct_tp_isolate_free,
#ifdef LWT_HAVE_COMPACTION_FAST_ISOLATE
	&ct_tp_fast_isolate,
#endif
};

/* ---- files ---- */

#define CT_COUNT_FIELDS "moved failed fs_scanned fs_isolated ms_scanned ms_isolated ff_scanned ff_isolated"

static const char *ct_status_name(int status)
{
	switch (status) {
	case COMPACT_NOT_SUITABLE_ZONE:	return "not_suitable_zone";
	case COMPACT_SKIPPED:		return "skipped";
	case COMPACT_DEFERRED:		return "deferred";
	case COMPACT_NO_SUITABLE_PAGE:	return "no_suitable_page";
	case COMPACT_CONTINUE:		return "continue";
	case COMPACT_COMPLETE:		return "complete";
	case COMPACT_PARTIAL_SKIPPED:	return "partial_skipped";
	case COMPACT_CONTENDED:		return "contended";
	case COMPACT_SUCCESS:		return "success";
	default:			return "unknown";
	}
}

struct ct_view {
	struct ct_task	*tasks;		/* tasks: the copy, in order */
	unsigned int	n, i;
	unsigned long	pending;
	char		line[512];
};

static size_t ct_counts_str(char *buf, size_t size, const struct ct_counts *c)
{
	size_t n = scnprintf(buf, size, "%llu %llu", c->moved, c->failed);
	unsigned int i;

	for (i = 0; i < CT_SCANNERS; i++)
		n += scnprintf(buf + n, size - n, " %llu %llu", c->scanned[i],
			       c->isolated[i]);
	return n;
}

/* " : comm\n", so that a line stays a line. */
static size_t ct_comm_str(char *buf, size_t size, const char *comm)
{
	char c[LWT_COMM_LEN];

	lwt_sanitize_comm(c, comm);
	return scnprintf(buf, size, " : %s\n", c);
}

static unsigned long ct_pending(void)
{
	unsigned long n = 0;
	unsigned int i;

	for (i = 0; i < ct.ntasks; i++)
		n += READ_ONCE(ct.tasks[i].pid) && READ_ONCE(ct.tasks[i].pending);
	return n;
}

/*
 * Both files say what the task table missed; records also what they had
 * no room for (@dropped, or -1 for tasks, where it loses nothing).
 */
static size_t ct_header(char *buf, size_t size, long dropped,
			unsigned long pending, const char *fields)
{
	size_t n = scnprintf(buf, size,
			     "# " LWT_TAG_VERSION " " LWT_CT_VERSION "\n"
			     "# " LWT_TAG_CLOCK " sched_clock\n"
			     "# " LWT_TAG_TABLE_FULL " %lu\n",
			     atomic_long_read(&ct.table_full));

	if (dropped >= 0)
		n += scnprintf(buf + n, size - n, "# " LWT_TAG_DROPPED " %ld\n",
			       dropped);
	return n + scnprintf(buf + n, size - n,
			     "# " LWT_TAG_UNMATCHED " %lu\n# " LWT_TAG_PENDING
			     " %lu\n# " LWT_TAG_FIELDS " %s\n",
			     atomic_long_read(&ct.unmatched), pending, fields);
}

static int ct_records_open(struct lwt_facility *f, void *state)
{
	struct ct_view *v = state;

	v->n = min_t(unsigned int, atomic_read(&ct.nrec), ct.nrecords);
	v->pending = ct_pending();
	return 0;
}

static size_t ct_records_header(struct lwt_facility *f, void *state,
				char *buf, size_t size)
{
	return ct_header(buf, size, atomic_long_read(&ct.dropped),
			 ((struct ct_view *)state)->pending,
			 "begin_ns end_ns pid zone_start zone_end mode status "
			 CT_COUNT_FIELDS " comm");
}

static const char *ct_records_next(void *state, size_t *len)
{
	struct ct_view *v = state;
	const struct ct_record *r;
	size_t n, size = sizeof(v->line);

	do {
		if (v->i >= v->n)
			return NULL;
		r = &ct.records[v->i++];
	} while (!smp_load_acquire(&r->valid));
	n = scnprintf(v->line, size, "%llu %llu %d 0x%lx 0x%lx %s %s ",
		      r->begin_ns, r->end_ns, r->pid, r->zone_start,
		      r->zone_end, r->sync ? "sync" : "async",
		      ct_status_name(r->status));
	n += ct_counts_str(v->line + n, size - n, &r->c);
	n += ct_comm_str(v->line + n, size - n, r->comm);
	*len = n;
	return v->line;
}

static int ct_order_cmp(const void *a, const void *b)
{
	const struct ct_task *x = a, *y = b;

	return x->order < y->order ? -1 : x->order > y->order;
}

static int ct_tasks_open(struct lwt_facility *f, void *state)
{
	struct ct_view *v = state;
	unsigned int i;

	v->tasks = kvmalloc_array(ct.ntasks, sizeof(*v->tasks), GFP_KERNEL);
	if (!v->tasks)
		return -ENOMEM;
	for (i = 0; i < ct.ntasks; i++) {
		const struct ct_task *t = &ct.tasks[i];

		if (!READ_ONCE(t->pid) || !READ_ONCE(t->compactions))
			continue;
		v->tasks[v->n++] = *t;
	}
	sort(v->tasks, v->n, sizeof(*v->tasks), ct_order_cmp, NULL);
	v->pending = ct_pending();
	return 0;
}

static void ct_tasks_release(void *state)
{
	kvfree(((struct ct_view *)state)->tasks);
}

static size_t ct_tasks_header(struct lwt_facility *f, void *state,
			      char *buf, size_t size)
{
	return ct_header(buf, size, -1, ((struct ct_view *)state)->pending,
			 "pid compactions stall_ns " CT_COUNT_FIELDS " comm");
}

static const char *ct_tasks_next(void *state, size_t *len)
{
	struct ct_view *v = state;
	const struct ct_task *t;
	size_t n, size = sizeof(v->line);

	if (v->i >= v->n)
		return NULL;
	t = &v->tasks[v->i++];
	n = scnprintf(v->line, size, "%d %llu %llu ", t->pid, t->compactions,
		      t->stall_ns);
	n += ct_counts_str(v->line + n, size - n, &t->tot);
	n += ct_comm_str(v->line + n, size - n, t->comm);
	*len = n;
	return v->line;
}

static const struct lwt_view ct_views[] = {
	{
		.name = "tasks", .mode = 0400, .size = sizeof(struct ct_view),
		.copies = true,
		.open = ct_tasks_open, .header = ct_tasks_header,
		.next = ct_tasks_next, .release = ct_tasks_release,
	}, {
		.name = "records", .mode = 0400, .size = sizeof(struct ct_view),
		.open = ct_records_open, .header = ct_records_header,
		.next = ct_records_next,
	},
};

/* ---- nr_migratepages from BTF (v6.1) ---- */

#ifndef LWT_HAVE_COMPACTION_NR_MIGRATEPAGES
/* Bytes after a struct btf_type of each kind, or -1 if unknown. */
static long btf_extra(const struct btf_type *t)
{
	unsigned int vlen = BTF_INFO_VLEN(t->info);

	switch (BTF_INFO_KIND(t->info)) {
	case BTF_KIND_INT:	return sizeof(u32);
	case BTF_KIND_ARRAY:	return sizeof(struct btf_array);
	case BTF_KIND_STRUCT:
	case BTF_KIND_UNION:	return vlen * sizeof(struct btf_member);
	case BTF_KIND_ENUM:	return vlen * sizeof(struct btf_enum);
	case BTF_KIND_FUNC_PROTO: return vlen * sizeof(struct btf_param);
	case BTF_KIND_VAR:	return sizeof(struct btf_var);
	case BTF_KIND_DATASEC:	return vlen * sizeof(struct btf_var_secinfo);
	case BTF_KIND_DECL_TAG:	return sizeof(struct btf_decl_tag);
	case BTF_KIND_ENUM64:	return vlen * sizeof(struct btf_enum64);
	case BTF_KIND_PTR: case BTF_KIND_FWD: case BTF_KIND_TYPEDEF:
	case BTF_KIND_VOLATILE: case BTF_KIND_CONST: case BTF_KIND_RESTRICT:
	case BTF_KIND_FUNC: case BTF_KIND_FLOAT: case BTF_KIND_TYPE_TAG:
		return 0;
	default:		return -1;
	}
}

struct ct_btf {
	const char	*types, *end, *strs;
	size_t		slen;
};

static const char *ct_btf_str(const struct ct_btf *b, u32 off)
{
	return off < b->slen ? b->strs + off : "";
}

/* Type @id (1-based), or NULL. */
static const struct btf_type *ct_btf_type(const struct ct_btf *b, u32 id)
{
	const char *p = b->types;
	u32 i;

	for (i = 1; p + sizeof(struct btf_type) <= b->end; i++) {
		const struct btf_type *t = (const void *)p;
		long extra = btf_extra(t);

		if (extra < 0 || p + sizeof(*t) + extra > b->end)
			return NULL;
		if (i == id)
			return t;
		p += sizeof(*t) + extra;
	}
	return NULL;
}

/*
 * Byte offset of member @mname of struct @sname in the BTF @data, and the
 * size of its integer type; -errno if there is no such member or it is
 * not a whole, byte-aligned integer.
 */
static int btf_member_offset(const void *data, size_t size, const char *sname,
			     const char *mname, unsigned int *isize)
{
	const struct btf_header *h = data;
	struct ct_btf b;
	const char *p;

	if (size < sizeof(*h) || h->magic != BTF_MAGIC ||
	    (u64)h->hdr_len + h->type_off + h->type_len > size ||
	    (u64)h->hdr_len + h->str_off + h->str_len > size)
		return -EINVAL;
	b.types = (const char *)data + h->hdr_len + h->type_off;
	b.end = b.types + h->type_len;
	b.strs = (const char *)data + h->hdr_len + h->str_off;
	b.slen = h->str_len;
	for (p = b.types; p + sizeof(struct btf_type) <= b.end;) {
		const struct btf_type *t = (const void *)p, *mt;
		long extra = btf_extra(t);
		const struct btf_member *m;
		unsigned int i, hops;

		if (extra < 0 || p + sizeof(*t) + extra > b.end)
			return -EINVAL;
		m = (const void *)(p + sizeof(*t));
		p += sizeof(*t) + extra;
		if (BTF_INFO_KIND(t->info) != BTF_KIND_STRUCT ||
		    strcmp(ct_btf_str(&b, t->name_off), sname))
			continue;
		for (i = 0; i < BTF_INFO_VLEN(t->info); i++, m++) {
			u32 bits = BTF_INFO_KFLAG(t->info) ?
				BTF_MEMBER_BIT_OFFSET(m->offset) : m->offset;

			if (strcmp(ct_btf_str(&b, m->name_off), mname))
				continue;
			/* Through typedefs and qualifiers to an integer. */
			mt = ct_btf_type(&b, m->type);
			for (hops = 0; mt && hops < 8; hops++) {
				unsigned int k = BTF_INFO_KIND(mt->info);

				if (k != BTF_KIND_TYPEDEF && k != BTF_KIND_CONST &&
				    k != BTF_KIND_VOLATILE && k != BTF_KIND_RESTRICT &&
				    k != BTF_KIND_TYPE_TAG)
					break;
				mt = ct_btf_type(&b, mt->type);
			}
			if (!mt || BTF_INFO_KIND(mt->info) != BTF_KIND_INT ||
			    (mt->size != 4 && mt->size != 8) || bits % 8 ||
			    bits / 8 + mt->size > t->size)
				return -EINVAL;
			*isize = mt->size;
			return bits / 8;
		}
		return -ENOENT;
	}
	return -ENOENT;
}

static int ct_cc_offset(void)
{
	void *buf = NULL;
	size_t fsize;
	ssize_t n;
	int off;

	if (ct_cc_off >= 0)
		return 0;
	n = kernel_read_file_from_path("/sys/kernel/btf/vmlinux", 0, &buf,
				       SZ_64M, &fsize, READING_UNKNOWN);
	if (n < 0) {
		pr_warn("compaction: cannot read /sys/kernel/btf/vmlinux (%zd): nr_failed needs ct_cc_nr_migratepages_off\n",
			n);
		return 0;	/* the facility refuses to start */
	}
	off = btf_member_offset(buf, n, "compact_control", "nr_migratepages",
				&ct_cc_size);
	vfree(buf);
	if (off < 0) {
		pr_warn("compaction: no compact_control.nr_migratepages in the kernel's BTF (%d)\n",
			off);
		return 0;
	}
	ct_cc_off = off;
	pr_info("compaction: compact_control.nr_migratepages at offset %d, %u bytes (BTF)\n",
		off, ct_cc_size);
	return 0;
}
#endif /* !LWT_HAVE_COMPACTION_NR_MIGRATEPAGES */

/* ---- the facility ---- */

static int ct_start(struct lwt_facility *f)
{
#ifndef LWT_HAVE_COMPACTION_NR_MIGRATEPAGES
	/* Never guess a private layout. */
	if (ct_cc_off < 0) {
		pr_err("compaction: the offset of compact_control.nr_migratepages is unknown; load with ct_cc_nr_migratepages_off=N\n");
		return -ENOENT;
	}
#endif
	return 0;
}

static void ct_reset(struct lwt_facility *f)
{
	memset(ct.tasks, 0, ct.ntasks * sizeof(*ct.tasks));
	memset(ct.records, 0, ct.nrecords * sizeof(*ct.records));
	atomic_set(&ct.used, 0);
	atomic_set(&ct.order, 0);
	atomic_set(&ct.nrec, 0);
	atomic_long_set(&ct.dropped, 0);
	atomic_long_set(&ct.table_full, 0);
	atomic_long_set(&ct.unmatched, 0);
}

static void ct_exit(struct lwt_facility *f)
{
	kvfree(ct.tasks);
	kvfree(ct.records);
	ct.tasks = NULL;
	ct.records = NULL;
}

static int ct_init(struct lwt_facility *f)
{
	ct.ntasks = roundup_pow_of_two(2 * ct_ntasks.val);
	ct.nrecords = ct_nrecords.val;
	if (lwt_mem_check("compaction (ct_tasks, ct_records)",
			  (u64)ct.ntasks * sizeof(*ct.tasks) +
			  (u64)ct.nrecords * sizeof(*ct.records)))
		return -ENOMEM;
	ct.tasks = kvcalloc(ct.ntasks, sizeof(*ct.tasks), LWT_GFP_BIG);
	ct.records = kvcalloc(ct.nrecords, sizeof(*ct.records), LWT_GFP_BIG);
	if (!ct.tasks || !ct.records) {
		pr_err("compaction (ct_tasks %u, ct_records %u): cannot allocate its tables\n",
		       ct_ntasks.val, ct_nrecords.val);
		ct_exit(f);
		return -ENOMEM;
	}
#ifndef LWT_HAVE_COMPACTION_NR_MIGRATEPAGES
	return ct_cc_offset();
#else
	return 0;
#endif
}

struct lwt_facility lwt_ct = {
	.name		= "compaction",
	.tps		= ct_tps,
	.ntps		= ARRAY_SIZE(ct_tps),
	.views		= ct_views,
	.nviews		= ARRAY_SIZE(ct_views),
	.init		= ct_init,
	.exit		= ct_exit,
	.start		= ct_start,
	.reset		= ct_reset,
};
