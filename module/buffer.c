// SPDX-License-Identifier: GPL-2.0
/*
 * lwtrace per-CPU record buffers: allocation and the merging reader.
 * The lock-free write path is inline in buffer.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/topology.h>
#include "buffer.h"
#include "facility.h"

/*
 * Buffers exist for every possible CPU, so that a CPU brought online during
 * a trace has one.  Each is allocated on its CPU's own NUMA node, once, at
 * load, so that a request too big fails without waking the OOM killer: the
 * write path never allocates.
 */
int lwt_buf_alloc(struct lwt_buffer *b, unsigned long size)
{
	int cpu;

	b->size = size;
	b->cpu = alloc_percpu(struct lwt_cpu_buf);
	if (!b->cpu)
		return -ENOMEM;

	for_each_possible_cpu(cpu) {
		struct lwt_cpu_buf *cb = per_cpu_ptr(b->cpu, cpu);

		cb->data = kvmalloc_node(size, LWT_GFP_BIG, cpu_to_node(cpu));
		if (!cb->data) {
			pr_err("mt_buf_kb: cannot allocate %lu KiB for CPU %d\n",
			       size / 1024, cpu);
			lwt_buf_free(b);
			return -ENOMEM;
		}
		local_set(&cb->nesting, 0);
		cb->head = 0;
	}
	return 0;
}

void lwt_buf_free(struct lwt_buffer *b)
{
	int cpu;

	if (!b->cpu)
		return;
	for_each_possible_cpu(cpu)
		kvfree(per_cpu_ptr(b->cpu, cpu)->data);
	free_percpu(b->cpu);
	b->cpu = NULL;
}

void lwt_buf_reset(struct lwt_buffer *b)
{
	int cpu;

	for_each_possible_cpu(cpu)
		WRITE_ONCE(per_cpu_ptr(b->cpu, cpu)->head, 0);
}

int lwt_buf_iter_init(struct lwt_buf_iter *it, struct lwt_buffer *b)
{
	int cpu;

	it->b = b;
	it->pos = kcalloc(nr_cpu_ids, sizeof(*it->pos), GFP_KERNEL);
	it->end = kcalloc(nr_cpu_ids, sizeof(*it->end), GFP_KERNEL);
	if (!it->pos || !it->end) {
		lwt_buf_iter_destroy(it);
		return -ENOMEM;
	}
	for_each_possible_cpu(cpu)
		it->end[cpu] = lwt_buf_head(b, cpu);
	return 0;
}

void lwt_buf_iter_destroy(struct lwt_buf_iter *it)
{
	kfree(it->pos);
	kfree(it->end);
	it->pos = NULL;
	it->end = NULL;
}

/* The record at this CPU's cursor, or NULL if there is none (or it is bad). */
static const struct lwt_rec_hdr *iter_peek(struct lwt_buf_iter *it, int cpu)
{
	const struct lwt_rec_hdr *h;
	unsigned long pos = it->pos[cpu];

	if (pos + sizeof(*h) > it->end[cpu])
		return NULL;
	h = (const void *)(lwt_buf_data(it->b, cpu) + pos);
	/* The writer never commits such a record; refuse to loop on one. */
	if (WARN_ON_ONCE(h->len < sizeof(*h) || h->len % 8 ||
			 pos + h->len > it->end[cpu])) {
		it->pos[cpu] = it->end[cpu];
		return NULL;
	}
	return h;
}

const struct lwt_rec_hdr *lwt_buf_iter_next(struct lwt_buf_iter *it, int *cpu)
{
	const struct lwt_rec_hdr *best = NULL;
	int c, best_cpu = -1;

	for_each_possible_cpu(c) {
		const struct lwt_rec_hdr *h = iter_peek(it, c);

		if (h && (!best || h->ts < best->ts)) {
			best = h;
			best_cpu = c;
		}
	}
	if (best) {
		it->pos[best_cpu] += best->len;
		*cpu = best_cpu;
	}
	return best;
}
