/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lwtrace per-CPU record buffers.  The write-path contract is described in
 * Documentation/design.rst; in short:
 *
 *  - Each CPU writes only its own buffer, with preemption disabled (a
 *    tracepoint probe, an IPI, or an explicit preempt_disable()).
 *  - lwt_buf_reserve() takes the CPU's nesting guard.  An interrupt that
 *    arrives while the guard is held gets -EBUSY and must count its event
 *    as dropped: it never touches the half-written record.
 *  - lwt_buf_commit() publishes the record with a store-release of the
 *    head and drops the guard.
 *  - Readers run only after the writers have been stopped and waited for
 *    (tracepoint_synchronize_unregister() or synchronize_rcu()), and read
 *    each head with a load-acquire.
 */
#ifndef _LWTRACE_BUFFER_H
#define _LWTRACE_BUFFER_H

#include <linux/percpu.h>
#include <linux/err.h>
#include <asm/local.h>
#include "record.h"

struct lwt_cpu_buf {
	char		*data;
	/* Bytes committed.  Written only by the owning CPU under the guard. */
	unsigned long	head;
	/* Nesting guard: 1 while a record is being written on this CPU. */
	local_t		nesting;
};

struct lwt_buffer {
	unsigned long			size;	/* bytes per CPU */
	struct lwt_cpu_buf __percpu	*cpu;
};

int lwt_buf_alloc(struct lwt_buffer *b, unsigned long size);
void lwt_buf_free(struct lwt_buffer *b);
/* Only with every writer stopped and waited for. */
void lwt_buf_reset(struct lwt_buffer *b);

/**
 * lwt_buf_reserve() - reserve @len bytes in this CPU's buffer
 *
 * Context: preemption disabled.
 * Return: where to write the record, ERR_PTR(-EBUSY) if this CPU is already
 * writing a record (we interrupted it), ERR_PTR(-ENOSPC) if the buffer is
 * full.  On success the caller must call lwt_buf_commit() with the same
 * @len, without enabling preemption in between.
 */
static __always_inline void *lwt_buf_reserve(struct lwt_buffer *b,
					     struct lwt_cpu_buf **cbp,
					     unsigned int len)
{
	struct lwt_cpu_buf *cb = this_cpu_ptr(b->cpu);

	/*
	 * local_inc_return() is a single instruction with respect to
	 * interrupts on this CPU, so exactly one context sees 1.
	 */
	if (unlikely(local_inc_return(&cb->nesting) != 1)) {
		local_dec(&cb->nesting);
		return ERR_PTR(-EBUSY);
	}
	/* Keep the compiler from reading head before the guard is taken. */
	barrier();
	if (unlikely(cb->head + len > b->size)) {
		barrier();
		local_dec(&cb->nesting);
		return ERR_PTR(-ENOSPC);
	}
	*cbp = cb;
	return cb->data + cb->head;
}

static __always_inline void lwt_buf_commit(struct lwt_cpu_buf *cb,
					   unsigned int len)
{
	/*
	 * Order the record's bytes before the new head.  Pairs with the
	 * smp_load_acquire() in lwt_buf_head().
	 */
	smp_store_release(&cb->head, cb->head + len);
	/* The guard is released only after the head is published. */
	barrier();
	local_dec(&cb->nesting);
}

static inline unsigned long lwt_buf_head(struct lwt_buffer *b, int cpu)
{
	return smp_load_acquire(&per_cpu_ptr(b->cpu, cpu)->head);
}

static inline const char *lwt_buf_data(struct lwt_buffer *b, int cpu)
{
	return per_cpu_ptr(b->cpu, cpu)->data;
}

/*
 * Reader: merges the per-CPU streams in timestamp order.  Each CPU's
 * stream is already in order, so this is a k-way merge over at most
 * nr_cpu_ids cursors.  Ties go to the lower CPU number, which is also the
 * order sort(1) gives to the text lines.
 */
struct lwt_buf_iter {
	struct lwt_buffer	*b;
	unsigned long		*pos;	/* per-CPU read offset */
	unsigned long		*end;	/* per-CPU head, snapshot at init */
};

int lwt_buf_iter_init(struct lwt_buf_iter *it, struct lwt_buffer *b);
void lwt_buf_iter_destroy(struct lwt_buf_iter *it);
/* Return the next record in time order and its CPU, or NULL at the end. */
const struct lwt_rec_hdr *lwt_buf_iter_next(struct lwt_buf_iter *it, int *cpu);

#endif /* _LWTRACE_BUFFER_H */
