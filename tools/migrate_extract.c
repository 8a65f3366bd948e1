// SPDX-License-Identifier: GPL-2.0
/*
 * migrate_extract: tags and {timestamp, rate} pairs from a migration_stat
 * stat file or from migrate_stats --period_* output; --svg draws them.
 * A C rebuild of Sony's scripts/migrate_extract (100811c).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <uapi/lwtrace.h>
#include "lib/mstat.h"
#include "lib/opt.h"
#include "lib/util.h"

static const char *tool = "migrate_extract";

enum {
	OPT_BEGIN_GMT, OPT_BEGIN_LOC, OPT_BEGIN_MSEC, OPT_END_GMT, OPT_END_LOC,
	OPT_END_MSEC, OPT_EXTRACT, OPT_FIELD_NAME, OPT_FIELD_NUM, OPT_HEADER_VERSION,
	OPT_HELP, OPT_MAX_FIELD, OPT_MIN_FIELD, OPT_NR_CPUS, OPT_PERIOD_MSEC, OPT_SVG,
	OPT_TS_DATE, OPT_TS_FIELD, OPT_TS_GMT, OPT_TS_LOC, OPT_TS_REL, OPT_VERSION,
};

static const struct lwt_opt opts[] = {
	{ "begin_gmt", "TIME", "ignore periods before TIME (gmt timezone)", OPT_BEGIN_GMT },
	{ "begin_loc", "TIME", "ignore periods before TIME (local timezone)", OPT_BEGIN_LOC },
	{ "begin_msec", "MSEC", "ignore periods before MSEC msec", OPT_BEGIN_MSEC },
	{ "end_gmt", "TIME", "ignore periods after TIME (gmt timezone)", OPT_END_GMT },
	{ "end_loc", "TIME", "ignore periods after TIME (local timezone)", OPT_END_LOC },
	{ "end_msec", "MSEC", "ignore periods after MSEC msec", OPT_END_MSEC },
	{ "extract", "NUM", "extract {ts, value} pairs, in rate/second, of field NUM", OPT_EXTRACT },
	{ "field_name", "NUM", "print the name of field number NUM", OPT_FIELD_NAME },
	{ "field_num", "NAME", "print the number of the field named NAME (whole name)", OPT_FIELD_NUM },
	{ "header_version", NULL, "print the " LWT_TAG_VERSION " tag from the header", OPT_HEADER_VERSION },
	{ "help", NULL, "print program usage and exit", OPT_HELP },
	{ "max_field", NULL, "print the largest field NUM in the header field tags", OPT_MAX_FIELD },
	{ "min_field", NULL, "print the smallest field NUM in the header field tags", OPT_MIN_FIELD },
	{ "nr_cpus", NULL, "print the " LWT_TAG_NR_CPUS " tag from the header", OPT_NR_CPUS },
	{ "period_msec", NULL, "print the " LWT_TAG_PERIOD_MSEC " tag from the header", OPT_PERIOD_MSEC },
	{ "svg", "OUT", "draw the rate of each field (or of --extract NUM) into the SVG file OUT", OPT_SVG },
	{ "ts_date", NULL, "include the yyyy/mm/dd in -ts_gmt and -ts_loc", OPT_TS_DATE },
	{ "ts_field", NULL, "print the field NUM of the timestamp field", OPT_TS_FIELD },
	{ "ts_gmt", NULL, "print the period time as gmt hh:mm:ss.mmm", OPT_TS_GMT },
	{ "ts_loc", NULL, "print the period time as local hh:mm:ss.mmm", OPT_TS_LOC },
	{ "ts_rel", NULL, "print the period time as sec.msec relative to start", OPT_TS_REL },
	{ "version", NULL, "print program version and exit", OPT_VERSION },
	{ NULL },
};

struct args {
	int		query;		/* a header-query option id, or -1 */
	int		nqueries;
	long		query_num;
	const char	*query_name;
	long		extract;	/* 0: none */
	const char	*svg;
	bool		ts_gmt, ts_loc, ts_rel;	/* printed in this order */
	bool		ts_date;
	bool		help, version;
	long long	begin, end;	/* ms since the start, or since the epoch */
	bool		begin_abs, end_abs;
	bool		has_begin, has_end;
};

/* @n decimal digits at @s, as an int: 0 if they are not all there. */
static int digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + s[i] - '0';
	}
	*out = v;
	return 1;
}

/*
 * "yyyy/mm/dd hh:mm:ss.mmm", or any leading part of it that ends at a
 * field ("yyyy/mm/dd", "yyyy/mm/dd hh:mm", "... ss.5"), as milliseconds
 * since the epoch: the first instant it names.  The original compared
 * the text with each row's printed time, so a leading part meant the same.
 */
static int parse_time(const char *s, bool gmt, long long *out)
{
	static const char sep[] = "// ::";
	struct tm tm = { 0 };
	int v[6] = { 0, 1, 1, 0, 0, 0 };
	int width[6] = { 4, 2, 2, 2, 2, 2 };
	int i, ms = 0, scale = 100;
	time_t t;

	for (i = 0; i < 6; i++) {
		if (i && !*s && i >= 3)
			break;
		if (i && *s++ != sep[i - 1])
			return -1;
		if (!digits(s, width[i], &v[i]))
			return -1;
		s += width[i];
	}
	if (i == 6 && *s == '.') {
		for (s++; scale && *s >= '0' && *s <= '9'; s++, scale /= 10)
			ms += (*s - '0') * scale;
		if (scale == 100)
			return -1;
	}
	if (*s)
		return -1;
	tm.tm_year = v[0] - 1900;
	tm.tm_mon = v[1] - 1;
	tm.tm_mday = v[2];
	tm.tm_hour = v[3];
	tm.tm_min = v[4];
	tm.tm_sec = v[5];
	tm.tm_isdst = -1;
	t = gmt ? timegm(&tm) : mktime(&tm);
	if (t == (time_t)-1)
		return -1;
	*out = (long long)t * 1000 + ms;
	return 0;
}

static int query(struct args *a, int id)
{
	a->query = id;
	a->nqueries++;
	return 0;
}

static int on_opt(void *ctx, int id, const char *arg, struct lwt_err *err)
{
	struct args *a = ctx;
	long v;

	switch (id) {
	case OPT_BEGIN_GMT: case OPT_BEGIN_LOC: case OPT_END_GMT: case OPT_END_LOC: {
		bool begin = id == OPT_BEGIN_GMT || id == OPT_BEGIN_LOC;
		long long t;

		if (parse_time(arg, id == OPT_BEGIN_GMT || id == OPT_END_GMT, &t))
			return lwt_errf(err, NULL, 0, "--%s: '%s' is not yyyy/mm/dd[ hh[:mm[:ss[.mmm]]]]",
					opts[id].name, arg);
		if (begin) {
			a->begin = t;
			a->begin_abs = a->has_begin = true;
		} else {
			a->end = t;
			a->end_abs = a->has_end = true;
		}
		break;
	}
	case OPT_BEGIN_MSEC: case OPT_END_MSEC:
		if (lwt_parse_dec(arg, -(1L << 50), 1L << 50, &v))
			return lwt_errf(err, NULL, 0, "--%s: '%s' is not a decimal number of milliseconds",
					opts[id].name, arg);
		if (id == OPT_BEGIN_MSEC) {
			a->begin = v;
			a->begin_abs = false;
			a->has_begin = true;
		} else {
			a->end = v;
			a->end_abs = false;
			a->has_end = true;
		}
		break;
	case OPT_EXTRACT:
		if (lwt_parse_dec(arg, 1, 100000, &a->extract))
			return lwt_errf(err, NULL, 0, "--extract: '%s' is not a field number", arg);
		break;
	case OPT_FIELD_NAME:
		if (lwt_parse_dec(arg, 1, 100000, &a->query_num))
			return lwt_errf(err, NULL, 0, "--field_name: '%s' is not a field number",
					arg);
		return query(a, id);
	case OPT_FIELD_NUM:
		a->query_name = arg;
		return query(a, id);
	case OPT_HEADER_VERSION: case OPT_MAX_FIELD: case OPT_MIN_FIELD:
	case OPT_NR_CPUS: case OPT_PERIOD_MSEC: case OPT_TS_FIELD:
		return query(a, id);
	case OPT_SVG:
		a->svg = arg;
		break;
	case OPT_TS_DATE:
		a->ts_date = true;
		break;
	case OPT_TS_GMT:
		a->ts_gmt = true;
		break;
	case OPT_TS_LOC:
		a->ts_loc = true;
		break;
	case OPT_TS_REL:
		a->ts_rel = true;
		break;
	case OPT_HELP:
		a->help = true;
		break;
	case OPT_VERSION:
		a->version = true;
		break;
	}
	return 0;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: %s [OPTION]... [FILE]\n"
		"\n"
		"Process a migration_stat stat file (/sys/kernel/debug/migration_stat/stat)\n"
		"or the --period_* output of migrate_stats, from FILE or standard input.\n"
		"Options take one or two dashes.\n"
		"\n", tool);
	lwt_opt_help(out, opts);
	fprintf(out,
		"\n"
		"One header query (--field_name, --field_num, --header_version, --max_field,\n"
		"--min_field, --nr_cpus, --period_msec, --ts_field) may be given per run,\n"
		"and not with --extract.  --ts_gmt, --ts_loc and --ts_rel print each one\n"
		"given, in that order; --ts_rel is added unless exactly one is given.\n"
		"For --begin_gmt, --begin_loc, --end_gmt and --end_loc, TIME is given (in\n"
		"quotes) as yyyy/mm/dd hh:mm:ss.mmm, or a leading part of it (a date, or\n"
		"no milliseconds), which means its first millisecond.  Rows are compared at\n"
		"the millisecond they print: a printed time selects its row.\n"
		"\n"
		"Graph every field:\n"
		"  for f in $(seq $(%s --min_field stat) $(%s --max_field stat)); do\n"
		"      %s --extract $f stat > \"$(%s --field_name $f stat).dat\"\n"
		"  done\n"
		"or draw them all: %s --svg stat.svg stat\n", tool, tool, tool, tool, tool);
}

/* Answer a header query: 0 and the value on stdout, or 1. */
static int run_query(const struct args *a, const struct lwt_mstat *s)
{
	long k;

	switch (a->query) {
	case OPT_FIELD_NAME:
		if (a->query_num >= s->nfield || !s->field[a->query_num])
			break;
		printf("%s\n", s->field[a->query_num]);
		return 0;
	case OPT_FIELD_NUM:
		k = lwt_mstat_field_num(s, a->query_name);
		if (k < 0)
			break;
		printf("%ld\n", k);
		return 0;
	case OPT_HEADER_VERSION:
		printf("%s\n", s->version);
		return 0;
	case OPT_MAX_FIELD:
		printf("%ld\n", s->max_field);
		return 0;
	case OPT_MIN_FIELD:
		printf("%ld\n", s->min_field);
		return 0;
	case OPT_NR_CPUS:
		if (s->nr_cpus < 0)
			break;
		printf("%ld\n", s->nr_cpus);
		return 0;
	case OPT_PERIOD_MSEC:
		printf("%ld\n", s->period_msec);
		return 0;
	case OPT_TS_FIELD:
		printf("%ld\n", s->ts_field);
		return 0;
	}
	fprintf(stderr, "ERROR: item not found\n");
	return 1;
}

/* A row's time in whole milliseconds since the start, as printed (%.3f). */
static long long rel_msec(double rel)
{
	return llround(rel * 1000);
}

/*
 * A row's time of day in milliseconds since the epoch, as the original
 * printed it: the start's gettimeofday rounded to the millisecond first,
 * then the row's milliseconds added.
 */
static long long abs_msec(const struct lwt_mstat *s, double rel)
{
	return s->gtod_sec * 1000 + (s->gtod_usec + 500) / 1000 + rel_msec(rel);
}

/* In the window, to the millisecond that is printed. */
static bool in_window(const struct args *a, const struct lwt_mstat *s, double rel)
{
	if (a->has_begin &&
	    (a->begin_abs ? abs_msec(s, rel) : rel_msec(rel)) < a->begin)
		return false;
	if (a->has_end && (a->end_abs ? abs_msec(s, rel) : rel_msec(rel)) > a->end)
		return false;
	return true;
}

static void print_ts(const struct args *a, const struct lwt_mstat *s, double rel)
{
	long long ms = abs_msec(s, rel);

	lwt_print_tod(stdout, (time_t)(ms / 1000), ms % 1000, 3, a->ts_gmt, a->ts_loc,
		      a->ts_date);
	if (a->ts_rel)
		printf("%.3f", rel);
}

static void extract(const struct args *a, const struct lwt_mstat *s)
{
	size_t i;

	for (i = 0; i < s->nrows; i++) {
		if (!in_window(a, s, s->rows[i].ts))
			continue;
		print_ts(a, s, s->rows[i].ts);
		printf(" %.2f\n", lwt_mstat_rate(s, i, a->extract));
	}
}

/* A "nice" step (1, 2 or 5 times a power of ten) for about @n ticks. */
static double nice_step(double range, int n)
{
	double raw = range / n, p = pow(10, floor(log10(raw))), f = raw / p;

	return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
}

static void svg_text(FILE *o, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			fputs("&lt;", o);
		else if (*s == '>')
			fputs("&gt;", o);
		else if (*s == '&')
			fputs("&amp;", o);
		else
			fputc(*s, o);
	}
}

#define SVG_W 820
#define SVG_H 240
#define SVG_L 80
#define SVG_R 20
#define SVG_T 40
#define SVG_B 50

static void svg_chart(FILE *o, const struct args *a, const struct lwt_mstat *s, long k, int y0)
{
	double xmin = 0, xmax = 0, ymax = 0, v, step, t;
	int pw = SVG_W - SVG_L - SVG_R, ph = SVG_H - SVG_T - SVG_B;
	bool first = true;
	size_t i;

	for (i = 0; i < s->nrows; i++) {
		if (!in_window(a, s, s->rows[i].ts))
			continue;
		if (first)
			xmin = s->rows[i].ts;
		xmax = s->rows[i].ts;
		v = lwt_mstat_rate(s, i, k);
		if (v > ymax)
			ymax = v;
		first = false;
	}
	if (xmax <= xmin)
		xmax = xmin + s->period_msec / 1000.0;
	step = nice_step(ymax > 0 ? ymax : 1, 4);
	ymax = ceil((ymax > 0 ? ymax : 1) / step) * step;

	fprintf(o, "<g transform=\"translate(0,%d)\">\n", y0);
	fprintf(o, "<text x=\"%d\" y=\"24\" font-size=\"15\" font-weight=\"bold\">", SVG_L);
	svg_text(o, s->field[k]);
	fprintf(o, " (field %ld)</text>\n", k);
	fprintf(o, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>\n",
		SVG_L, SVG_T, pw, ph);
	for (t = 0; t <= ymax + step / 2; t += step) {
		int y = SVG_T + ph - (int)(t / ymax * ph);

		fprintf(o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#ddd\"/>"
			"<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%g</text>\n",
			SVG_L, y, SVG_L + pw, y, SVG_L - 6, y + 4, t);
	}
	step = nice_step(xmax - xmin, 6);
	for (t = ceil(xmin / step) * step; t <= xmax + 1e-9; t += step) {
		int x = SVG_L + (int)((t - xmin) / (xmax - xmin) * pw);

		fprintf(o, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#444\"/>"
			"<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"middle\">%g</text>\n",
			x, SVG_T + ph, x, SVG_T + ph + 5, x, SVG_T + ph + 18, t);
	}
	fprintf(o, "<text x=\"%d\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\">"
		"seconds since the start (period %ld ms)</text>\n",
		SVG_L + pw / 2, SVG_T + ph + 38, s->period_msec);
	fprintf(o, "<text x=\"16\" y=\"%d\" font-size=\"12\" text-anchor=\"middle\" "
		"transform=\"rotate(-90 16 %d)\">migrations per second</text>\n",
		SVG_T + ph / 2, SVG_T + ph / 2);
	fprintf(o, "<polyline fill=\"none\" stroke=\"#1f5fbf\" stroke-width=\"1.5\" points=\"");
	for (i = 0; i < s->nrows; i++) {
		if (!in_window(a, s, s->rows[i].ts))
			continue;
		fprintf(o, "%.1f,%.1f ",
			SVG_L + (s->rows[i].ts - xmin) / (xmax - xmin) * pw,
			SVG_T + ph - lwt_mstat_rate(s, i, k) / ymax * ph);
	}
	fprintf(o, "\"/>\n</g>\n");
}

static int write_svg(const struct args *a, const struct lwt_mstat *s)
{
	long k, lo = a->extract ? a->extract : s->min_field;
	long hi = a->extract ? a->extract : s->max_field;
	int n = 0, y = 0;
	FILE *o;

	for (k = lo; k <= hi; k++)
		if (k != s->ts_field && k < s->nfield && s->field[k])
			n++;
	o = fopen(a->svg, "w");
	if (!o) {
		fprintf(stderr, "%s: %s: %s\n", tool, a->svg, strerror(errno));
		return 1;
	}
	fprintf(o, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		"font-family=\"sans-serif\">\n<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n",
		SVG_W, n * SVG_H);
	for (k = lo; k <= hi; k++) {
		if (k == s->ts_field || k >= s->nfield || !s->field[k])
			continue;
		svg_chart(o, a, s, k, y);
		y += SVG_H;
	}
	fprintf(o, "</svg>\n");
	if (fclose(o)) {
		fprintf(stderr, "%s: %s: %s\n", tool, a->svg, strerror(errno));
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct args a = { .query = -1 };
	struct lwt_mstat s;
	struct lwt_err err;
	const char *name = "<stdin>";
	FILE *in = stdin;
	int first, ret;

	first = lwt_opt_parse_nocase(opts, argc, argv, on_opt, &a, &err);
	if (first < 0) {
		lwt_usage_error(stderr, tool, "%s", err.msg);
		return 2;
	}
	if (a.help) {
		usage(stdout);
		return 0;
	}
	if (a.version) {
		printf("%s %s\n", tool, LWT_VERSION);
		return 0;
	}
	/* As the original: each --ts_* asked for, or --ts_rel with it if not one. */
	if (a.ts_gmt + a.ts_loc + a.ts_rel != 1)
		a.ts_rel = true;
	if (a.nqueries > 1 || (a.nqueries && a.extract)) {
		lwt_usage_error(stderr, tool, "ERROR: more than one header item requested");
		return 2;
	}
	if (argc - first > 1) {
		lwt_usage_error(stderr, tool, "one FILE at a time");
		return 2;
	}
	if (!a.nqueries && !a.extract && !a.svg) {
		lwt_usage_error(stderr, tool, "nothing to do: give --extract NUM, --svg OUT or a header query");
		return 2;
	}
	if (first < argc && strcmp(argv[first], "-")) {
		name = argv[first];
		if (lwt_open_input(name, &in, &err)) {
			fprintf(stderr, "%s: %s\n", tool, err.msg);
			return 1;
		}
	}
	lwt_mstat_init(&s);
	ret = lwt_mstat_read(&s, in, name, &err);
	if (in != stdin)
		fclose(in);
	if (ret) {
		fprintf(stderr, "%s: %s\n", tool, err.msg);
		lwt_mstat_free(&s);
		return 1;
	}
	if (a.nqueries) {
		ret = run_query(&a, &s);
	} else if (a.extract && (a.extract < s.min_field || a.extract > s.max_field ||
				 a.extract == s.ts_field || !s.field[a.extract])) {
		fprintf(stderr, "ERROR: --extract field %s\n",
			a.extract < s.min_field ? "< minimum field" :
			a.extract > s.max_field ? "> maximum field" : "is not a data field");
		ret = 1;
	} else if (a.svg) {
		ret = write_svg(&a, &s);
	} else {
		extract(&a, &s);
		ret = 0;
	}
	lwt_mstat_free(&s);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "%s: cannot write the output: %s\n", tool, strerror(errno));
		return 1;
	}
	return ret;
}
