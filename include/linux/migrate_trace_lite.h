/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel API of the lwtrace migration_trace facility, for other GPL modules.
 *
 * Build your module with -I<lwtrace>/include and depend on lwtrace.ko; the
 * symbols are EXPORT_SYMBOL_GPL.
 */
#ifndef _LINUX_MIGRATE_TRACE_LITE_H
#define _LINUX_MIGRATE_TRACE_LITE_H

/**
 * mt_trace_enable() - start or stop the migration trace
 * @enable: 1 to start, 0 to stop
 * @allow_restart: if 0, a trace that is not empty cannot be started again.
 *	Analysis tools assume a continuous trace: do not allow a restart
 *	unless you understand what that does to them.
 *
 * Context: process context, may sleep.
 * Return: 0, -EPERM if the trace is not empty (or already running) and
 *	@allow_restart is 0, -EBUSY while the trace file is open,
 *	-EINVAL for any other @enable.
 */
int mt_trace_enable(int enable, int allow_restart);

/**
 * mt_trace_mark() - add a mark event to a running trace
 * @mark: an arbitrary value, printed in the trace
 *
 * Ignored if the trace is not running.  Counted as dropped if the trace
 * stopped because a buffer filled.
 *
 * Context: any context except NMI.
 */
void mt_trace_mark(unsigned long mark);

#endif /* _LINUX_MIGRATE_TRACE_LITE_H */
