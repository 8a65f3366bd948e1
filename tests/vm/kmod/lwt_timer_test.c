// SPDX-License-Identifier: GPL-2.0
/*
 * A deferrable kernel timer with a known number of expiries, for the
 * timer_stats tests (tests/vm/t/tstat).
 *
 * Load: a kthread "lwt_tt" arms a deferrable timer_list timer (callback
 * lwt_tt_expire) one jiffy ahead, n times, each time waiting for it to
 * expire.  It spins meanwhile, so that the CPU stays busy and its tick
 * runs the deferrable timer.  Then it sleeps until the module is removed.
 * Reads /sys/module/lwt_timer_test/parameters/done: 1 when finished.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/completion.h>
#include <linux/err.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/timer.h>

static unsigned int n = 50;
module_param(n, uint, 0444);
MODULE_PARM_DESC(n, "expiries (default 50)");
static bool done;
module_param(done, bool, 0444);
MODULE_PARM_DESC(done, "1 once all n have expired");

static struct timer_list tt_timer;
static struct task_struct *tt_thread;
static atomic_t tt_expired;

static void lwt_tt_expire(struct timer_list *t)
{
	atomic_inc(&tt_expired);
}

static noinline int lwt_tt_thread(void *unused)
{
	unsigned int i;

	for (i = 0; i < n && !kthread_should_stop(); i++) {
		mod_timer(&tt_timer, jiffies + 1);
		while (atomic_read(&tt_expired) <= i && !kthread_should_stop())
			cond_resched();
	}
	WRITE_ONCE(done, true);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(HZ);
	return 0;
}

static int __init tt_init(void)
{
	timer_setup(&tt_timer, lwt_tt_expire, TIMER_DEFERRABLE);
	tt_thread = kthread_run(lwt_tt_thread, NULL, "lwt_tt");
	return PTR_ERR_OR_ZERO(tt_thread);
}

static void __exit tt_exit(void)
{
	kthread_stop(tt_thread);
	del_timer_sync(&tt_timer);
}

module_init(tt_init);
module_exit(tt_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lwtrace test: a deferrable timer with a known number of expiries");
