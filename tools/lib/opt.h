/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One option table per tool: getopt_long_only()'s table, the short help and
 * the long help are all built from it.  Options take one or two dashes
 * (-stats and --stats), as the original Perl tools did.
 */
#ifndef LWT_OPT_H
#define LWT_OPT_H

#include <stdio.h>

struct lwt_opt {
	const char	*name;	/* long name, without dashes */
	const char	*arg;	/* name of the argument, NULL for a flag */
	const char	*help;	/* one line */
	int		id;	/* passed to the callback */
};

/*
 * Return 0 to go on, or -1 after printing "<tool>: --opt: why" to stderr
 * (see lwt_usage_error()).
 */
typedef int (*lwt_opt_cb)(void *ctx, int id, const char *arg);

/**
 * lwt_opt_parse() - parse argv against @opts (terminated by a NULL name)
 *
 * Return: the index of the first operand, or -1 on a usage error, which
 * has been reported on stderr with a pointer to --help.
 */
int lwt_opt_parse(const char *tool, const struct lwt_opt *opts, int argc,
		  char **argv, lwt_opt_cb cb, void *ctx);

/* The option list for --help: "  --name ARG   help", aligned. */
void lwt_opt_help(FILE *out, const struct lwt_opt *opts);

/* Print "<tool>: <message>" and the --help pointer to stderr; return -1. */
int lwt_usage_error(const char *tool, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/*
 * Parse a whole decimal (or 0x hex) integer within [min, max].  Return 0,
 * or -1 if @s is not one.
 */
int lwt_parse_long(const char *s, long min, long max, long *out);

/*
 * Format "<file>:<line>: <message>" into @err (the library's way to report
 * bad input without exiting).  Return -1, for "return lwt_errf(...)".
 */
int lwt_errf(char *err, size_t size, const char *file, unsigned long line,
	     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

#endif /* LWT_OPT_H */
