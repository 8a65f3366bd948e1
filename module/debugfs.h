/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _LWTRACE_DEBUGFS_H
#define _LWTRACE_DEBUGFS_H

#include <linux/types.h>
#include <linux/fs.h>

/*
 * Parse a number written to a control file.  The whole write must be one
 * number (base 0: decimal, 0x hex, 0 octal) in [@min, @max] with at most
 * one trailing newline.  Empty, junk, negative, out-of-range or over-long
 * writes give -EINVAL, so that every bad write is rejected the same way.
 */
int lwt_parse_ulong(const char __user *ubuf, size_t count, unsigned long min,
		    unsigned long max, unsigned long *val);

/* Read helper for files that hold one unsigned number. */
ssize_t lwt_read_ulong(char __user *ubuf, size_t count, loff_t *ppos,
		       unsigned long val);

#endif /* _LWTRACE_DEBUGFS_H */
