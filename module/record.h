/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Binary records of migration_trace's per-CPU buffers.  Private to the
 * module: the tools read the text files, whose contract is
 * include/uapi/lwtrace.h.
 *
 * Each buffer holds a stream of variable-length records, each starting
 * with struct lwt_rec_hdr.  Every record is a multiple of 8 bytes and has
 * no implicit padding.
 */
#ifndef _LWTRACE_RECORD_H
#define _LWTRACE_RECORD_H

#include <linux/build_bug.h>
#include <linux/types.h>
#include <uapi/lwtrace.h>

enum lwt_rec_type {
	LWT_REC_START = 1,	/* struct lwt_rec_start: trace start on a CPU */
	LWT_REC_MIGRATE,	/* struct lwt_rec_migrate */
	LWT_REC_COMM,		/* struct lwt_rec_comm: copy_process, set_task_comm, task_list */
	LWT_REC_MARK,		/* struct lwt_rec_mark */
};

struct lwt_rec_hdr {
	u64	ts;		/* lwt_clock() nanoseconds */
	u32	pid;		/* task the event is about */
	u16	type;		/* enum lwt_rec_type */
	u16	len;		/* whole record, bytes, multiple of 8 */
};

struct lwt_rec_start {
	struct lwt_rec_hdr hdr;
	s64	tv_sec;		/* wall clock at the same instant as hdr.ts */
	s64	tv_usec;
};

struct lwt_rec_migrate {
	struct lwt_rec_hdr hdr;
	u32	orig_cpu;
	u32	dest_cpu;
	u32	cause;		/* enum lwt_loc, LWT_CAUSE_MIN..LWT_CAUSE_MAX */
	u32	__pad;		/* zero */
};

struct lwt_rec_comm {
	struct lwt_rec_hdr hdr;
	char	comm[LWT_COMM_LEN];	/* NUL-terminated */
	u32	loc;		/* LWT_LOC_COPY_PROCESS..LWT_LOC_TASK_LIST */
	u32	__pad;		/* zero */
};

struct lwt_rec_mark {
	struct lwt_rec_hdr hdr;
	u64	mark;
};

static_assert(sizeof(struct lwt_rec_hdr) == 16);
static_assert(sizeof(struct lwt_rec_start) % 8 == 0);
static_assert(sizeof(struct lwt_rec_migrate) % 8 == 0);
static_assert(sizeof(struct lwt_rec_comm) % 8 == 0);
static_assert(sizeof(struct lwt_rec_mark) % 8 == 0);

#endif /* _LWTRACE_RECORD_H */
