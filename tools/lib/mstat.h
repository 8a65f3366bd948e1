/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reader of migration_stat/stat files and of migrate_stats --period_*
 * output (the same format): header tags, then one row per period.
 * Errors follow lwt.h.
 */
#ifndef LWT_MSTAT_H
#define LWT_MSTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "lwt.h"

struct lwt_mstat_row {
	double	ts;		/* period start, seconds since the start */
	double	*v;		/* v[k]: data field k (1-based, as in the header); v[ts_field] unused */
};

struct lwt_mstat {
	char		version[32];
	long		period_msec;	/* -1: no tag */
	long		nr_cpus;	/* -1: no tag */
	long		ts_field;	/* -1: no tag */
	long long	gtod_sec;
	long		gtod_usec;
	bool		has_gtod;
	double		last_period_msec;	/* length of a final partial row, 0: none */
	bool		table_full;
	char		**field;	/* field[k]: name of field k, or NULL */
	long		nfield;		/* highest field number + 1 */
	long		min_field, max_field;
	struct lwt_mstat_row *rows;
	size_t		nrows, rows_cap;
};

/**
 * lwt_mstat_init() - make @s an empty stat file, ready for lwt_mstat_read()
 * @s: the stat file
 */
void lwt_mstat_init(struct lwt_mstat *s);

/**
 * lwt_mstat_free() - free what @s holds, and make it empty again
 * @s: the stat file
 */
void lwt_mstat_free(struct lwt_mstat *s);

/**
 * lwt_mstat_read() - read a whole stat file
 * @s: an empty stat file (lwt_mstat_init())
 * @in: the text
 * @file: its name, for errors
 * @err: the error, if any
 *
 * Every line is checked: the header's tags, then rows of as many numbers
 * as the header has fields, in time order.
 *
 * Return: 0, or -1 with @err set ("file:line: why").  Call lwt_mstat_free()
 * in both cases.
 */
int lwt_mstat_read(struct lwt_mstat *s, FILE *in, const char *file,
		   struct lwt_err *err);

/**
 * lwt_mstat_field_num() - look a field up by name
 * @s: the stat file
 * @name: the field's whole name
 *
 * Return: the field's number, or -1 if no field has that name.
 */
long lwt_mstat_field_num(const struct lwt_mstat *s, const char *name);

/**
 * lwt_mstat_rate() - rate per second of one value
 * @s: the stat file
 * @i: the row
 * @k: the field
 *
 * Return: the value over its period (the last row's may be shorter, see
 * last_period_msec), per second.
 */
double lwt_mstat_rate(const struct lwt_mstat *s, size_t i, long k);

#endif /* LWT_MSTAT_H */
