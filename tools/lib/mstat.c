// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <uapi/lwtrace.h>
#include "mstat.h"
#include "opt.h"
#include "util.h"

void lwt_mstat_init(struct lwt_mstat *s)
{
	memset(s, 0, sizeof(*s));
	s->period_msec = -1;
	s->nr_cpus = -1;
	s->ts_field = -1;
	s->min_field = -1;
	s->max_field = -1;
}

void lwt_mstat_free(struct lwt_mstat *s)
{
	size_t i;

	for (i = 0; i < (size_t)s->nfield; i++)
		free(s->field[i]);
	free(s->field);
	for (i = 0; i < s->nrows; i++)
		free(s->rows[i].v);
	free(s->rows);
	lwt_mstat_init(s);
}

static int header_line(struct lwt_mstat *s, char *l, const char *file, unsigned long ln,
		       struct lwt_err *err)
{
	char tag[32], *rest;
	long k;
	int n = 0;

	if (sscanf(l, "# %31s %n", tag, &n) < 1 || !n)
		return 0;		/* a bare comment */
	rest = l + n;
	if (!strcmp(tag, LWT_TAG_VERSION)) {
		char major[24];

		snprintf(major, sizeof(major), "%ld.", strtol(LWT_MSTAT_VERSION, NULL, 10));
		if (sscanf(rest, "%31s", s->version) != 1 ||
		    strncmp(s->version, major, strlen(major)))
			return lwt_errf(err, file, ln, "format version '%s' is not %sx",
					rest, major);
	} else if (!strcmp(tag, LWT_TAG_PERIOD_MSEC)) {
		if (lwt_parse_long(rest, 1, 86400000L, &s->period_msec))
			return lwt_errf(err, file, ln, "bad %s '%s'", tag, rest);
	} else if (!strcmp(tag, LWT_TAG_NR_CPUS)) {
		/* 0: a trace without the tag (migrate_stats, as the original) */
		if (lwt_parse_long(rest, 0, 1L << 22, &s->nr_cpus))
			return lwt_errf(err, file, ln, "bad %s '%s'", tag, rest);
	} else if (!strcmp(tag, LWT_TAG_TS_FIELD)) {
		if (lwt_parse_long(rest, 1, 100000, &s->ts_field))
			return lwt_errf(err, file, ln, "bad %s '%s'", tag, rest);
	} else if (!strcmp(tag, LWT_TAG_GETTIMEOFDAY)) {
		if (sscanf(rest, "%lld %ld", &s->gtod_sec, &s->gtod_usec) != 2)
			return lwt_errf(err, file, ln, "bad %s '%s'", tag, rest);
		s->has_gtod = true;
	} else if (!strcmp(tag, LWT_TAG_LAST_PERIOD)) {
		if (sscanf(rest, "%lf", &s->last_period_msec) != 1 || s->last_period_msec <= 0)
			return lwt_errf(err, file, ln, "bad %s '%s'", tag, rest);
	} else if (!strcmp(tag, LWT_TAG_TABLE_FULL)) {
		s->table_full = true;
	} else if (!strcmp(tag, LWT_TAG_FIELD)) {
		char num[24];

		n = 0;
		if (sscanf(rest, "%23s %n", num, &n) < 1 || !n || !rest[n] ||
		    lwt_parse_long(num, 1, 100000, &k))
			return lwt_errf(err, file, ln, "bad %s tag '# %s %s'", tag, tag, rest);
		if (k >= s->nfield) {
			char **f = realloc(s->field, (k + 1) * sizeof(*f));

			if (!f)
				return lwt_errf(err, file, ln, "out of memory");
			memset(f + s->nfield, 0, (k + 1 - s->nfield) * sizeof(*f));
			s->field = f;
			s->nfield = k + 1;
		}
		if (s->field[k])
			return lwt_errf(err, file, ln, "field %ld named twice", k);
		s->field[k] = strdup(rest + n);
		if (!s->field[k])
			return lwt_errf(err, file, ln, "out of memory");
		if (s->min_field < 0 || k < s->min_field)
			s->min_field = k;
		if (k > s->max_field)
			s->max_field = k;
	}
	/* Other tags (start_clock, stop_clock, ...) describe, not define. */
	return 0;
}

static int data_line(struct lwt_mstat *s, char *l, const char *file, unsigned long ln,
		     struct lwt_err *err)
{
	struct lwt_mstat_row *r;
	char *tok, *save = NULL, *end;
	long k = 0;

	if (s->ts_field < 0 || s->max_field < 0)
		return lwt_errf(err, file, ln, "data before the %s and %s tags",
				LWT_TAG_TS_FIELD, LWT_TAG_FIELD);
	if (lwt_grow(&s->rows, &s->rows_cap, s->nrows + 1, sizeof(*s->rows)))
		return lwt_errf(err, file, ln, "out of memory");
	r = &s->rows[s->nrows];
	r->v = calloc(s->max_field + 1, sizeof(double));
	if (!r->v)
		return lwt_errf(err, file, ln, "out of memory");
	for (tok = strtok_r(l, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		double v;

		k++;
		if (k > s->max_field) {
			free(r->v);
			return lwt_errf(err, file, ln,
					"more values than the %ld fields in the header",
					s->max_field);
		}
		errno = 0;
		v = strtod(tok, &end);
		if (errno || end == tok || *end) {
			free(r->v);
			return lwt_errf(err, file, ln, "field %ld: '%s' is not a number", k, tok);
		}
		if (k == s->ts_field)
			r->ts = v;
		else
			r->v[k] = v;
	}
	if (k != s->max_field) {
		free(r->v);
		return lwt_errf(err, file, ln, "%ld values, the header has %ld fields",
				k, s->max_field);
	}
	if (s->nrows && r->ts < s->rows[s->nrows - 1].ts) {
		free(r->v);
		return lwt_errf(err, file, ln, "timestamp %.3f before the previous row's", r->ts);
	}
	s->nrows++;
	return 0;
}

int lwt_mstat_read(struct lwt_mstat *s, FILE *in, const char *file,
		   struct lwt_err *err)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long ln = 0;
	int ret = 0;

	while (!ret && (len = getline(&line, &cap, in)) >= 0) {
		ln++;
		while (len && (line[len - 1] == '\n' || line[len - 1] == '\r'))
			line[--len] = '\0';
		if (!len)
			continue;
		ret = line[0] == '#' ? header_line(s, line, file, ln, err) :
				       data_line(s, line, file, ln, err);
	}
	free(line);
	if (ret)
		return ret;
	if (ferror(in))
		return lwt_errf(err, file, ln, "read error");
	if (!s->version[0])
		return lwt_errf(err, file, ln, "missing header: %s", LWT_TAG_VERSION);
	if (s->period_msec < 0)
		return lwt_errf(err, file, ln, "missing header: %s", LWT_TAG_PERIOD_MSEC);
	if (s->ts_field < 0)
		return lwt_errf(err, file, ln, "missing header: %s", LWT_TAG_TS_FIELD);
	if (s->max_field < 0)
		return lwt_errf(err, file, ln, "missing header: %s", LWT_TAG_FIELD);
	return 0;
}

long lwt_mstat_field_num(const struct lwt_mstat *s, const char *name)
{
	long k;

	for (k = 0; k < s->nfield; k++)
		if (s->field[k] && !strcmp(s->field[k], name))
			return k;
	return -1;
}

double lwt_mstat_rate(const struct lwt_mstat *s, size_t i, long k)
{
	double msec = s->period_msec;

	if (i + 1 == s->nrows && s->last_period_msec > 0)
		msec = s->last_period_msec;
	return s->rows[i].v[k] * 1000.0 / msec;
}
