/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lwtrace tools library (tools/lib): what all of it shares.
 *
 * Names.  Every public function, type, constant and macro starts with
 * lwt_ or LWT_.  The format of the module's files comes from
 * <uapi/lwtrace.h>; nothing here spells it out again.
 *
 * Errors.  One convention for every public function:
 *
 *  - A function that can fail returns int: -1 on failure; on success 0, or
 *    the documented non-negative value (1 for "one more event", an index).
 *    What it makes comes back through a pointer argument.
 *  - Its last argument is a struct lwt_err * that the caller owns.  On
 *    failure, and only then, it holds one line, without a newline:
 *    "file:line: why" for bad input, "file: why" for a file that cannot be
 *    read, "why" where no file is involved (out of memory, bad options).
 *    The caller adds its own name and prints it, or not.
 *  - Two helpers fail in one way only, which their callers say better
 *    with their own words and position: lwt_grow() (out of memory) and
 *    lwt_parse_long() (not a number in range).  They return -1 and take
 *    no struct lwt_err.
 *  - Functions that cannot fail (init, free, lookups that answer -1 for
 *    "none") return void or their answer and take no struct lwt_err.
 *
 * Output.  The library never exits, and never writes to stdout or stderr
 * on its own: it writes only to the FILE streams a caller hands it (the
 * reports, help text, and a warning sink where one exists, see
 * lwt_tmigr_init()).  Write errors on those streams are the caller's to
 * see, with ferror(), fflush() or fclose().
 */
#ifndef LWT_LWT_H
#define LWT_LWT_H

#define LWT_ERR_MAX	1024

/* Why a library call failed: see the convention above. */
struct lwt_err {
	char	msg[LWT_ERR_MAX];
};

/**
 * lwt_errf() - report a failure
 * @err: where to write it, or NULL to say nothing
 * @file: name of the input it is about, or NULL if none
 * @line: 1-based line in @file, or 0 if the failure is not at a line
 * @fmt: printf() format of the why, then its arguments
 *
 * Write "file:line: why", "file: why" or "why" into @err->msg, cut to
 * LWT_ERR_MAX bytes.
 *
 * Return: -1, for "return lwt_errf(...);".
 */
int lwt_errf(struct lwt_err *err, const char *file, unsigned long line,
	     const char *fmt, ...) __attribute__((format(printf, 4, 5)));

#include <stdio.h>

/* Called by lwt_read_lines() for each line: 0 to go on, -1 to stop. */
typedef int (*lwt_line_fn)(void *ctx, const char *line, const char *file,
			   unsigned long lineno, struct lwt_err *err);

/**
 * lwt_read_lines() - feed a stream to a line parser, line by line
 * @in: the stream
 * @file: its name, for errors
 * @fn: called with each line (newline kept) and its 1-based number
 * @ctx: passed to @fn
 * @lines: if not NULL, set to the number of lines read
 * @err: @fn's error, or "file: read error: why"
 *
 * Return: 0, or -1 when @fn fails or the stream cannot be read.
 */
int lwt_read_lines(FILE *in, const char *file, lwt_line_fn fn, void *ctx,
		   unsigned long *lines, struct lwt_err *err);

/**
 * lwt_open_input() - open an input file to read, as every tool does
 * @path: the file's name
 * @in: the stream, set only on success
 * @err: "path: why": strerror()'s words, "Is a directory" for a directory
 *
 * Return: 0, or -1 with @err set.
 */
int lwt_open_input(const char *path, FILE **in, struct lwt_err *err);

#endif /* LWT_LWT_H */
