/* SPDX-License-Identifier: GPL-2.0 */
/* lwtrace: declarations shared by the module's files. */
#ifndef _LWTRACE_LWTRACE_H
#define _LWTRACE_LWTRACE_H

#include <linux/moduleparam.h>
#include <uapi/lwtrace.h>

/* Name of every event location (enum lwt_loc), for the text files. */
extern const char *const lwt_loc_name[LWT_LOC_NR];

/* An unsigned int module parameter that refuses values out of [min, max]. */
struct lwt_uint_param {
	unsigned int val;
	unsigned int min;
	unsigned int max;
};
extern const struct kernel_param_ops lwt_uint_range_ops;

/* migration_trace: migration.c */
int lwt_mt_init(void);
void lwt_mt_exit(void);

/* migration_stat: stat.c */
int lwt_ms_init(void);
void lwt_ms_exit(void);

#endif /* _LWTRACE_LWTRACE_H */
