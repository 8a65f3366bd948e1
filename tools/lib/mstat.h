/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reader of migration_stat/stat files and of migrate_stats --period_*
 * output (the same format): header tags, then one row per period.
 * Nothing here exits; errors name file:line in mstat.err.
 */
#ifndef LWT_MSTAT_H
#define LWT_MSTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

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
	char		err[512];
};

void lwt_mstat_init(struct lwt_mstat *s);
void lwt_mstat_free(struct lwt_mstat *s);
/* Read a whole file.  Return 0, or -1 with s->err "file:line: why". */
int lwt_mstat_read(struct lwt_mstat *s, FILE *in, const char *file);
/* The number of the field named @name (whole name), or -1. */
long lwt_mstat_field_num(const struct lwt_mstat *s, const char *name);
/* Rate per second of field @k in row @i (the last row may be partial). */
double lwt_mstat_rate(const struct lwt_mstat *s, size_t i, long k);

#endif /* LWT_MSTAT_H */
