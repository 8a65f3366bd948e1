// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <ctype.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "opt.h"

void lwt_usage_error(FILE *out, const char *tool, const char *fmt, ...)
{
	va_list ap;

	fprintf(out, "%s: ", tool);
	va_start(ap, fmt);
	vfprintf(out, fmt, ap);
	va_end(ap);
	fprintf(out, "\nTry '%s --help' for more information.\n", tool);
}

int lwt_opt_parse(const struct lwt_opt *opts, int argc, char **argv,
		  lwt_opt_cb cb, void *ctx, struct lwt_err *err)
{
	struct option *lo;
	int n, i, c, idx, ret = -1;

	for (n = 0; opts[n].name; n++)
		;
	lo = calloc(n + 1, sizeof(*lo));
	if (!lo)
		return lwt_errf(err, NULL, 0, "out of memory");
	for (i = 0; i < n; i++) {
		lo[i].name = opts[i].name;
		lo[i].has_arg = opts[i].arg ? required_argument : no_argument;
		lo[i].val = 0;
	}

	optind = 0;	/* 0, not 1: glibc then resets its state for a new argv */
	opterr = 0;
	for (;;) {
		idx = -1;
		c = getopt_long_only(argc, argv, ":", lo, &idx);
		if (c == -1)
			break;
		if (c != 0 || idx < 0) {
			const char *bad = argv[optind - 1];

			if (c == ':')
				lwt_errf(err, NULL, 0, "%s: missing argument", bad);
			else
				lwt_errf(err, NULL, 0, "unknown or ambiguous option '%s'", bad);
			goto out;
		}
		if (cb(ctx, opts[idx].id, optarg, err) < 0)
			goto out;
	}
	ret = optind;
out:
	free(lo);
	return ret;
}

/* The entry of @opts that @name (lower case, @len bytes) names: exact or a unique prefix. */
static const struct lwt_opt *opt_find(const struct lwt_opt *opts, const char *name,
				      size_t len)
{
	const struct lwt_opt *o, *found = NULL;

	for (o = opts; o->name; o++) {
		if (strncmp(o->name, name, len))
			continue;
		if (!o->name[len])
			return o;
		if (found)
			return NULL;
		found = o;
	}
	return found;
}

int lwt_opt_parse_nocase(const struct lwt_opt *opts, int argc, char **argv,
			 lwt_opt_cb cb, void *ctx, struct lwt_err *err)
{
	const struct lwt_opt *o;
	int i;

	for (i = 1; i < argc; i++) {
		char *w = argv[i], *p;

		if (w[0] != '-' || !w[1])
			continue;	/* an operand, or "-" */
		if (!strcmp(w, "--"))
			break;
		w += w[1] == '-' ? 2 : 1;
		for (p = w; *p && *p != '='; p++)
			*p = tolower((unsigned char)*p);
		o = opt_find(opts, w, p - w);
		if (o && o->arg && !*p)
			i++;		/* its argument: left as it is */
	}
	return lwt_opt_parse(opts, argc, argv, cb, ctx, err);
}

/* strtol() of the whole of @s in @base, within min..max. */
static int parse_in(const char *s, int base, long min, long max, long *out)
{
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtol(s, &end, base);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int lwt_parse_dec(const char *s, long min, long max, long *out)
{
	const char *d = s;

	if (!s)
		return -1;
	if (*d == '-' || *d == '+')
		d++;
	if (!isdigit((unsigned char)*d))
		return -1;
	return parse_in(s, 10, min, max, out);
}

void lwt_opt_help(FILE *out, const struct lwt_opt *opts)
{
	int w = 0, l;
	const struct lwt_opt *o;
	char buf[64];

	for (o = opts; o->name; o++) {
		l = snprintf(buf, sizeof(buf), "--%s%s%s", o->name,
			     o->arg ? " " : "", o->arg ? o->arg : "");
		if (l > w)
			w = l;
	}
	for (o = opts; o->name; o++) {
		snprintf(buf, sizeof(buf), "--%s%s%s", o->name,
			 o->arg ? " " : "", o->arg ? o->arg : "");
		fprintf(out, "  %-*s  %s\n", w, buf, o->help);
	}
}

int lwt_parse_long(const char *s, long min, long max, long *out)
{
	return parse_in(s, 0, min, max, out);
}
