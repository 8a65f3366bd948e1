// SPDX-License-Identifier: GPL-2.0
#include <linux/kernel.h>
#include <linux/uaccess.h>
#include "debugfs.h"

/* Longest accepted write: a 64-bit octal number, "0x" and a newline fit. */
#define LWT_NUM_MAX 32

int lwt_parse_ulong(const char __user *ubuf, size_t count, unsigned long min,
		    unsigned long max, unsigned long *val)
{
	char buf[LWT_NUM_MAX + 1];

	if (count == 0 || count > LWT_NUM_MAX)
		return -EINVAL;
	if (copy_from_user(buf, ubuf, count))
		return -EFAULT;
	buf[count] = '\0';
	/* kstrtoul() accepts one trailing newline and nothing else. */
	if (kstrtoul(buf, 0, val) || *val < min || *val > max)
		return -EINVAL;
	return 0;
}

ssize_t lwt_read_ulong(char __user *ubuf, size_t count, loff_t *ppos,
		       unsigned long val)
{
	char buf[24];
	int len = scnprintf(buf, sizeof(buf), "%lu\n", val);

	return simple_read_from_buffer(ubuf, count, ppos, buf, len);
}
