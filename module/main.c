// SPDX-License-Identifier: GPL-2.0
/*
 * lwtrace: light-weight tracing of task migration, after the Light Weight
 * Migration Trace Facility (Frank Rowand, Sony, 2010).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/kernel.h>
#include "lwtrace.h"

static int lwt_uint_range_set(const char *val, const struct kernel_param *kp)
{
	struct lwt_uint_param *p = kp->arg;
	unsigned int v;

	if (kstrtouint(val, 0, &v) || v < p->min || v > p->max) {
		pr_err("%s: '%s' is not in [%u, %u]\n", kp->name, val,
		       p->min, p->max);
		return -EINVAL;
	}
	p->val = v;
	return 0;
}

static int lwt_uint_range_get(char *buf, const struct kernel_param *kp)
{
	const struct lwt_uint_param *p = kp->arg;

	return sysfs_emit(buf, "%u\n", p->val);
}

const char *const lwt_loc_name[LWT_LOC_NR] = LWT_LOC_NAMES;

const struct kernel_param_ops lwt_uint_range_ops = {
	.set = lwt_uint_range_set,
	.get = lwt_uint_range_get,
};

static int __init lwtrace_init(void)
{
	int ret;

	ret = lwt_mt_init();
	if (ret)
		return ret;
	ret = lwt_ms_init();
	if (ret)
		goto err_mt_exit;
	return 0;

err_mt_exit:
	lwt_mt_exit();
	return ret;
}

static void __exit lwtrace_exit(void)
{
	lwt_ms_exit();
	lwt_mt_exit();
}

module_init(lwtrace_init);
module_exit(lwtrace_exit);

MODULE_LICENSE("GPL");
MODULE_AUTHOR("lwtrace developers");
MODULE_DESCRIPTION("Light-weight tracing of task migration, timers and compaction");
