// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "opt.h"

int lwt_usage_error(const char *tool, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", tool);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nTry '%s --help' for more information.\n", tool);
	return -1;
}

int lwt_opt_parse(const char *tool, const struct lwt_opt *opts, int argc,
		  char **argv, lwt_opt_cb cb, void *ctx)
{
	struct option *lo;
	int n, i, c, idx, ret = -1;

	for (n = 0; opts[n].name; n++)
		;
	lo = calloc(n + 1, sizeof(*lo));
	if (!lo)
		return lwt_usage_error(tool, "out of memory");
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
				lwt_usage_error(tool, "%s: missing argument", bad);
			else
				lwt_usage_error(tool, "unknown or ambiguous option '%s'", bad);
			goto out;
		}
		if (cb(ctx, opts[idx].id, optarg) < 0)
			goto out;
	}
	ret = optind;
out:
	free(lo);
	return ret;
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
	char *end;
	long v;

	if (!s || !*s)
		return -1;
	errno = 0;
	v = strtol(s, &end, 0);
	if (errno || *end || v < min || v > max)
		return -1;
	*out = v;
	return 0;
}

int lwt_errf(char *err, size_t size, const char *file, unsigned long line,
	     const char *fmt, ...)
{
	va_list ap;
	int n = snprintf(err, size, "%s:%lu: ", file, line);

	if (n < 0 || (size_t)n >= size)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err + n, size - n, fmt, ap);
	va_end(ap);
	return -1;
}
