// SPDX-License-Identifier: GPL-2.0
/*
 * lwtrace: light-weight tracing of task migration, after the Light Weight
 * Migration Trace Facility (Frank Rowand, Sony, 2010).
 *
 * Each facility is set up from the table below, in order, and taken down
 * in the reverse order.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include <linux/security.h>
#include "facility.h"

static struct lwt_facility *const lwt_facilities[] = {
	&lwt_mt,
	&lwt_ms,
	&lwt_ts,
	&lwt_ct,
};

static int __init lwtrace_init(void)
{
	unsigned int i;
	int ret;

	/*
	 * Under lockdown (integrity or confidentiality) debugfs refuses to
	 * open a file for writing, or any file that has a write bit: every
	 * control file.  A module that loaded (signed) could start nothing
	 * but through the in-kernel API, so say so.
	 */
	if (security_locked_down(LOCKDOWN_DEBUGFS))
		pr_warn("the kernel is locked down: debugfs refuses lwtrace's control files, so only the in-kernel API can start a facility\n");
	for (i = 0; i < ARRAY_SIZE(lwt_facilities); i++) {
		ret = lwt_fac_init(lwt_facilities[i]);
		if (ret)
			goto err_exit;
	}
	return 0;

err_exit:
	while (i--)
		lwt_fac_exit(lwt_facilities[i]);
	return ret;
}

static void __exit lwtrace_exit(void)
{
	unsigned int i = ARRAY_SIZE(lwt_facilities);

	while (i--)
		lwt_fac_exit(lwt_facilities[i]);
}

module_init(lwtrace_init);
module_exit(lwtrace_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lwtrace developers");
MODULE_DESCRIPTION("Light-weight tracing of task migration, timers and compaction");
