/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One option table per tool: getopt_long_only()'s table, the short help and
 * the long help are all built from it.  Options take one or two dashes
 * (-stats and --stats), as the original Perl tools did.  Errors follow
 * lwt.h; the tool prints them, with lwt_usage_error().
 */
#ifndef LWT_OPT_H
#define LWT_OPT_H

#include <stdio.h>
#include "lwt.h"

struct lwt_opt {
	const char	*name;	/* long name, without dashes */
	const char	*arg;	/* name of the argument, NULL for a flag */
	const char	*help;	/* one line */
	int		id;	/* passed to the callback */
};

/*
 * Called for each option: return 0 to go on, or -1 with @err set to
 * "--opt: why" to stop the parse.
 */
typedef int (*lwt_opt_cb)(void *ctx, int id, const char *arg,
			  struct lwt_err *err);

/**
 * lwt_opt_parse() - parse argv against an option table
 * @opts: the table, ended by an entry with a NULL name
 * @argc: number of arguments, as main() got them
 * @argv: the arguments
 * @cb: called for each option, in order
 * @ctx: passed to @cb
 * @err: the usage error, if any
 *
 * Return: the index in @argv of the first operand, or -1 with @err set
 * (an unknown or ambiguous option, a missing argument, or @cb's error).
 */
int lwt_opt_parse(const struct lwt_opt *opts, int argc, char **argv,
		  lwt_opt_cb cb, void *ctx, struct lwt_err *err);

/**
 * lwt_opt_parse_nocase() - lwt_opt_parse(), with option names in any case
 * @opts: the table, ended by an entry with a NULL name; its names in
 *        lower case
 * @argc: number of arguments, as main() got them
 * @argv: the arguments; the name part of each option word (before any
 *        '=') is lowered in place, never an option's argument or an operand
 * @cb: called for each option, in order
 * @ctx: passed to @cb
 * @err: the usage error, if any
 *
 * As Perl's Getopt::Long by default, which the original migrate_stats and
 * migrate_extract used: --STATS and --Stats are --stats.
 *
 * Return: as lwt_opt_parse().
 */
int lwt_opt_parse_nocase(const struct lwt_opt *opts, int argc, char **argv,
			 lwt_opt_cb cb, void *ctx, struct lwt_err *err);

/**
 * lwt_opt_help() - write the option list for --help
 * @out: where to write
 * @opts: the table
 *
 * One line per option, "  --name ARG   help", aligned.
 */
void lwt_opt_help(FILE *out, const struct lwt_opt *opts);

/**
 * lwt_usage_error() - write a usage error
 * @out: where to write (stderr, for a tool)
 * @tool: the tool's name
 * @fmt: printf() format of the message, then its arguments
 *
 * Write "<tool>: <message>" and a line that points to "<tool> --help".
 */
void lwt_usage_error(FILE *out, const char *tool, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/**
 * lwt_parse_long() - parse a whole integer in a range
 * @s: the text: decimal, or hex with 0x
 * @min: the smallest value allowed
 * @max: the largest value allowed
 * @out: the value, set only on success
 *
 * Return: 0, or -1 if @s is not such a number (the caller says why; see
 * lwt.h).
 */
int lwt_parse_long(const char *s, long min, long max, long *out);

/**
 * lwt_parse_dec() - parse a whole decimal integer in a range
 * @s: the text: an optional sign, then decimal digits; leading zeros are
 *     decimal ("010" is 10), and there is no 0x
 * @min: the smallest value allowed
 * @max: the largest value allowed
 * @out: the value, set only on success
 *
 * What Perl's Getopt::Long takes for an "=i" option, which the original
 * migrate_stats and migrate_extract used for their numbers.
 *
 * Return: 0, or -1 if @s is not such a number (the caller says why; see
 * lwt.h).
 */
int lwt_parse_dec(const char *s, long min, long max, long *out);

#endif /* LWT_OPT_H */
