// SPDX-License-Identifier: GPL-2.0
/*
 * Drives migration_trace through include/linux/migrate_trace_lite.h, as
 * another module would: mt_trace_enable(1, restart), a mark, then stop.
 * The load fails with mt_trace_enable()'s error, so a test can see it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/migrate_trace_lite.h>

static int restart;
module_param(restart, int, 0444);
MODULE_PARM_DESC(restart, "allow_restart for mt_trace_enable()");

static int __init lwt_api_test_init(void)
{
	int ret = mt_trace_enable(1, restart);

	if (ret)
		return ret;
	mt_trace_mark(0xabc);
	return mt_trace_enable(0, 0);
}

static void __exit lwt_api_test_exit(void)
{
}

module_init(lwt_api_test_init);
module_exit(lwt_api_test_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lwtrace kernel API test");
