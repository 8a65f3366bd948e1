/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * lwtrace: record format and event numbering shared by the module and the
 * userland tools.
 *
 * The per-CPU buffers of migration_trace hold a stream of variable-length
 * records, each starting with struct lwt_rec_hdr.  Every record is a
 * multiple of 8 bytes and has no implicit padding, so the layout is the
 * same for every compiler and for 32- and 64-bit userland.
 *
 * The text files in debugfs number events the way the original Sony
 * facility did: causes of migration are 1..LWT_CAUSE_MAX, and the other
 * event locations (copy_process, set_task_comm, task_list, mark) follow.
 * The numbers are listed in each trace header ("# cause N name",
 * "# loc N name"), so tools must take names from the header and never
 * hard-code the numbers.
 */
#ifndef _UAPI_LWTRACE_H
#define _UAPI_LWTRACE_H

#include <linux/types.h>

/* Version of the migration_trace/trace text format. */
#define LWT_MT_VERSION		"1.0.0"
/* Version of the migration_stat/stat text format. */
#define LWT_MSTAT_VERSION	"1.0.0"

#define LWT_COMM_LEN		16

/*
 * Causes of migration: the function that called set_task_cpu().  Where a
 * modern caller is the same thing as one of the original seven call sites,
 * it keeps the original name so that old scripts still work.
 *
 * LWT_CAUSE(ID, "name")
 */
#define LWT_CAUSES(LWT_CAUSE)						\
	LWT_CAUSE(MIGRATE_TASK,		"__migrate_task")		\
	LWT_CAUSE(PULL_TASK,		"pull_task")			\
	LWT_CAUSE(PULL_RT_TASK,		"pull_rt_task")			\
	LWT_CAUSE(PUSH_RT_TASK,		"push_rt_task")			\
	LWT_CAUSE(TRY_TO_WAKE_UP,	"try_to_wake_up")		\
	LWT_CAUSE(SCHED_TTWU_PENDING,	"sched_ttwu_pending")		\
	LWT_CAUSE(ACTIVE_BALANCE,	"active_load_balance")		\
	LWT_CAUSE(PUSH_CPU_STOP,	"push_cpu_stop")		\
	LWT_CAUSE(PUSH_DL_TASK,		"push_dl_task")			\
	LWT_CAUSE(PULL_DL_TASK,		"pull_dl_task")			\
	LWT_CAUSE(DL_OFFLINE,		"dl_task_offline_migration")	\
	LWT_CAUSE(MIGRATE_SWAP,		"__migrate_swap_task")		\
	LWT_CAUSE(STEAL_COOKIE,		"try_steal_cookie")		\
	LWT_CAUSE(SCX,			"sched_ext")			\
	LWT_CAUSE(UNKNOWN,		"unknown")

/* Event locations, numbered as in the original ("LOC_NUM"). */
enum lwt_loc {
	LWT_LOC_RESERVED = 0,
#define LWT_CAUSE_ENUM(id, name) LWT_CAUSE_##id,
	LWT_CAUSES(LWT_CAUSE_ENUM)
#undef LWT_CAUSE_ENUM
	LWT_LOC_COPY_PROCESS,
	LWT_LOC_SET_TASK_COMM,
	LWT_LOC_TASK_LIST,
	LWT_LOC_MARK,
	LWT_LOC_NR,
};

#define LWT_CAUSE_MIN		LWT_CAUSE_MIGRATE_TASK
#define LWT_CAUSE_MAX		(LWT_LOC_COPY_PROCESS - 1)
#define LWT_LOC_MAX		(LWT_LOC_NR - 1)

/* Name of every location, indexed by enum lwt_loc. */
#define LWT_LOC_NAMES {							\
	[LWT_LOC_RESERVED] = "reserved",				\
	LWT_CAUSES(LWT_CAUSE_NAME_INIT)					\
	[LWT_LOC_COPY_PROCESS] = "copy_process",			\
	[LWT_LOC_SET_TASK_COMM] = "set_task_comm",			\
	[LWT_LOC_TASK_LIST] = "task_list",				\
	[LWT_LOC_MARK] = "mark",					\
}
#define LWT_CAUSE_NAME_INIT(id, name) [LWT_CAUSE_##id] = name,

/* Binary record types in the per-CPU buffers. */
enum lwt_rec_type {
	LWT_REC_START = 1,	/* struct lwt_rec_start: trace start on a CPU */
	LWT_REC_MIGRATE,	/* struct lwt_rec_migrate */
	LWT_REC_COMM,		/* struct lwt_rec_comm: copy_process, set_task_comm, task_list */
	LWT_REC_MARK,		/* struct lwt_rec_mark */
};

struct lwt_rec_hdr {
	__u64	ts;		/* local_clock() nanoseconds */
	__u32	pid;		/* task the event is about */
	__u16	type;		/* enum lwt_rec_type */
	__u16	len;		/* whole record, bytes, multiple of 8 */
};

struct lwt_rec_start {
	struct lwt_rec_hdr hdr;
	__s64	tv_sec;		/* wall clock at the same instant as hdr.ts */
	__s64	tv_usec;
};

struct lwt_rec_migrate {
	struct lwt_rec_hdr hdr;
	__u32	orig_cpu;
	__u32	dest_cpu;
	__u32	cause;		/* enum lwt_loc, LWT_CAUSE_MIN..LWT_CAUSE_MAX */
	__u32	__pad;		/* zero */
};

struct lwt_rec_comm {
	struct lwt_rec_hdr hdr;
	char	comm[LWT_COMM_LEN];	/* NUL-terminated */
	__u32	loc;		/* LWT_LOC_COPY_PROCESS..LWT_LOC_TASK_LIST */
	__u32	__pad;		/* zero */
};

struct lwt_rec_mark {
	struct lwt_rec_hdr hdr;
	__u64	mark;
};

#endif /* _UAPI_LWTRACE_H */
