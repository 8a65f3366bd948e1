/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * lwtrace: the contract between the module's debugfs text files and the
 * tools that read them.  Both include this header; nothing else is shared.
 *
 *  - the version of each text format ("# version" in the file's header);
 *  - the names of the header tags ("# TAG VALUE...");
 *  - the names of the event locations: causes of migration and the other
 *    events of migration_trace, and of migration_stat's columns.
 *
 * The files number causes and locations the way the original Sony facility
 * did: causes 1..LWT_CAUSE_MAX, then the other locations.  Each trace
 * header lists its numbering ("# cause N name", "# loc N name"), so a tool
 * takes numbers from the header and names from here, and never hard-codes
 * a number.
 *
 * The binary records in the module's per-CPU buffers are private to the
 * module (module/record.h): no tool reads them.
 */
#ifndef _UAPI_LWTRACE_H
#define _UAPI_LWTRACE_H

/* Versions of the text formats. */
#define LWT_MT_VERSION		"1.0.0"		/* migration_trace/trace */
#define LWT_MSTAT_VERSION	"1.0.0"		/* migration_stat/stat */
#define LWT_TSTAT_VERSION	"v0.3"		/* timer_stats, as the original */
#define LWT_CT_VERSION		"1.0.0"		/* compaction/records and tasks */

/* Longest comm, with its NUL (TASK_COMM_LEN). */
#define LWT_COMM_LEN		16

/* Header tags: a header line is "# TAG VALUE..." */
#define LWT_TAG_VERSION		"version"	/* format version */
#define LWT_TAG_NR_CPUS		"nr_cpus"	/* CPU ids are 0..N-1 */
#define LWT_TAG_TS_FIELD	"ts_field"	/* 1-based column of the timestamp */
#define LWT_TAG_CAUSE		"cause"		/* N NAME: a cause of migration */
#define LWT_TAG_LOC		"loc"		/* N NAME: another event location */
#define LWT_TAG_DROPPED		"dropped"	/* events lost, all kinds */
#define LWT_TAG_DROPPED_EVENT	"dropped_event"	/* NAME N: events lost of one kind */
#define LWT_TAG_BUFFER_FULL	"buffer_full"	/* cpu N: the buffer that filled */
#define LWT_TAG_PROBE_COST	"probe_cost"	/* mt_measure_cost=1 timings */
#define LWT_TAG_PERIOD_MSEC	"period_msec"	/* length of a stat row */
#define LWT_TAG_GETTIMEOFDAY	"gettimeofday"	/* SEC USEC: wall clock at the start */
#define LWT_TAG_FIELD		"field"		/* N NAME: a stat column */
#define LWT_TAG_START_CLOCK	"start_clock"	/* trace clock at the start */
#define LWT_TAG_STOP_CLOCK	"stop_clock"	/* trace clock at the stop */
#define LWT_TAG_LAST_PERIOD	"last_period_msec" /* length of a final partial row */
#define LWT_TAG_TABLE_FULL	"table_full"	/* rows N: the stat table filled */

/* The per-CPU first event of a trace: its clock against the wall clock. */
#define LWT_START_NAME		"start_sched_clock"
/* The last stat column: the sum of the causes. */
#define LWT_MSTAT_TOTAL_NAME	"migrate"

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

/* Names of the locations that are not causes. */
#define LWT_LOC_COPY_PROCESS_NAME	"copy_process"
#define LWT_LOC_SET_TASK_COMM_NAME	"set_task_comm"
#define LWT_LOC_TASK_LIST_NAME		"task_list"
#define LWT_LOC_MARK_NAME		"mark"

/* Name of every location, indexed by enum lwt_loc. */
#define LWT_CAUSE_NAME_INIT(id, name) [LWT_CAUSE_##id] = name,
#define LWT_LOC_NAMES {							\
	[LWT_LOC_RESERVED] = "reserved",				\
	LWT_CAUSES(LWT_CAUSE_NAME_INIT)					\
	[LWT_LOC_COPY_PROCESS] = LWT_LOC_COPY_PROCESS_NAME,		\
	[LWT_LOC_SET_TASK_COMM] = LWT_LOC_SET_TASK_COMM_NAME,		\
	[LWT_LOC_TASK_LIST] = LWT_LOC_TASK_LIST_NAME,			\
	[LWT_LOC_MARK] = LWT_LOC_MARK_NAME,				\
}

/*
 * timer_stats: the start site of a timer is the first function on the
 * arming stack that is not part of the timer core.  The module and the
 * tools (reading an ftrace stack trace) look past the same functions.
 * Compiler suffixes (".part.0", ".isra.0", ".constprop.0") are ignored.
 *
 * LWT_TIMER_CORE: the timer API and its internals, looked past.
 */
#define LWT_TIMER_CORE(X)						\
	X("__traceiter_timer_start")					\
	X("__traceiter_hrtimer_start")					\
	X("enqueue_timer")						\
	X("internal_add_timer")						\
	X("__mod_timer")						\
	X("mod_timer")							\
	X("mod_timer_pending")						\
	X("timer_reduce")						\
	X("add_timer")							\
	X("add_timer_on")						\
	X("add_timer_local")						\
	X("add_timer_global")						\
	X("enqueue_hrtimer")						\
	X("__hrtimer_start_range_ns")					\
	X("hrtimer_start_range_ns")					\
	X("hrtimer_start_expires")					\
	X("hrtimer_restart")						\
	X("hrtimer_sleeper_start_expires")

/*
 * LWT_TIMER_REARM: where the timer core runs callbacks.  An arming seen
 * from there is a callback re-arming its own timer: an hrtimer whose
 * callback returned HRTIMER_RESTART, or a callback that tail-calls
 * mod_timer() (tcp_orphan_update()), which leaves call_timer_fn() as the
 * caller.  It keeps the start site and pid of the timer's last arming; a
 * timer first seen there (armed before collection began) is attributed to
 * its callback, and to the task current at that re-arming.
 */
#define LWT_TIMER_REARM(X)						\
	X("__run_hrtimer")						\
	X("__hrtimer_run_queues")					\
	X("hrtimer_interrupt")						\
	X("hrtimer_run_queues")						\
	X("hrtimer_run_softirq")					\
	X("call_timer_fn")						\
	X("expire_timers")						\
	X("__run_timers")						\
	X("__run_timer_base")						\
	X("run_timer_base")						\
	X("run_timer_softirq")

/*
 * compaction/records and compaction/tasks: a header of "# TAG VALUE..."
 * lines, then one line per record.  "# fields NAME..." names the columns
 * in order; the last column is the comm, after " : ", to the end of the
 * line.
 */
#define LWT_TAG_FIELDS		"fields"	/* NAME...: the columns */
#define LWT_TAG_CLOCK		"clock"		/* NAME: clock of *_ns columns */
#define LWT_TAG_UNMATCHED	"unmatched"	/* events with no begin of their task */
#define LWT_TAG_PENDING		"pending"	/* compactions begun, not ended */

#endif /* _UAPI_LWTRACE_H */
