// SPDX-License-Identifier: GPL-2.0
/*
 * RT kthreads that spend most of their time in migrate_disable(), for the
 * push_cpu_stop cause test (tests/vm/t/causes).  A migrate_disable()d task
 * cannot be pushed; when an RT push or pull finds one queued behind a
 * higher-priority running task, the scheduler pushes the running task
 * away instead, through push_cpu_stop().  Nothing in user space can hold
 * migrate_disable(), so this module does.
 *
 * Load: nr kthreads "lwt_migdis/N" at SCHED_FIFO 1, each looping over
 * "migrate_disable(), spin 20 ms (rescheduling when asked),
 * migrate_enable(), sleep 1 ms" for ms milliseconds, then sleeping until
 * the module is removed.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/preempt.h>
#include <linux/sched.h>
#include <linux/slab.h>

static unsigned int nr = 4;
module_param(nr, uint, 0444);
MODULE_PARM_DESC(nr, "kthreads (1..64, default 4)");
static unsigned int ms = 3000;
module_param(ms, uint, 0444);
MODULE_PARM_DESC(ms, "how long they run, milliseconds (default 3000)");

static struct task_struct **threads;

static int migdis_fn(void *unused)
{
	unsigned long end = jiffies + msecs_to_jiffies(ms), chunk;

	sched_set_fifo_low(current);
	while (!kthread_should_stop() && time_before(jiffies, end)) {
		chunk = jiffies + msecs_to_jiffies(20);
		migrate_disable();
		while (time_before(jiffies, chunk) && !kthread_should_stop())
			cond_resched();
		migrate_enable();
		usleep_range(1000, 2000);
	}
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
	return 0;
}

static void migdis_stop(unsigned int n)
{
	while (n--)
		kthread_stop(threads[n]);
	kfree(threads);
}

static int __init migdis_init(void)
{
	unsigned int i;

	if (!nr || nr > 64)
		return -EINVAL;
	threads = kcalloc(nr, sizeof(*threads), GFP_KERNEL);
	if (!threads)
		return -ENOMEM;
	for (i = 0; i < nr; i++) {
		threads[i] = kthread_run(migdis_fn, NULL, "lwt_migdis/%u", i);
		if (IS_ERR(threads[i])) {
			int ret = PTR_ERR(threads[i]);

			migdis_stop(i);
			return ret;
		}
	}
	return 0;
}

static void __exit migdis_exit(void)
{
	migdis_stop(nr);
}

module_init(migdis_init);
module_exit(migdis_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lwtrace test: RT kthreads in migrate_disable()");
