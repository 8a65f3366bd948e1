// SPDX-License-Identifier: GPL-2.0
/* The library's error convention: see lwt.h. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "lwt.h"

int lwt_errf(struct lwt_err *err, const char *file, unsigned long line,
	     const char *fmt, ...)
{
	size_t size = sizeof(err->msg);
	va_list ap;
	int n = 0;

	if (!err)
		return -1;
	if (file && line)
		n = snprintf(err->msg, size, "%s:%lu: ", file, line);
	else if (file)
		n = snprintf(err->msg, size, "%s: ", file);
	if (n < 0 || (size_t)n >= size)
		return -1;
	va_start(ap, fmt);
	vsnprintf(err->msg + n, size - n, fmt, ap);
	va_end(ap);
	return -1;
}

int lwt_read_lines(FILE *in, const char *file, lwt_line_fn fn, void *ctx,
		   unsigned long *lines, struct lwt_err *err)
{
	unsigned long lineno = 0;
	char *line = NULL;
	size_t cap = 0;
	int ret = 0;

	while (getline(&line, &cap, in) >= 0) {
		ret = fn(ctx, line, file, ++lineno, err);
		if (ret)
			break;
	}
	if (!ret && ferror(in))
		ret = lwt_errf(err, file, 0, "read error: %s", strerror(errno));
	free(line);
	if (lines)
		*lines = lineno;
	return ret;
}

int lwt_open_input(const char *path, FILE **in, struct lwt_err *err)
{
	struct stat sb;
	FILE *f = fopen(path, "r");

	if (!f)
		return lwt_errf(err, path, 0, "%s", strerror(errno));
	if (!fstat(fileno(f), &sb) && S_ISDIR(sb.st_mode)) {
		fclose(f);
		return lwt_errf(err, path, 0, "%s", strerror(EISDIR));
	}
	*in = f;
	return 0;
}
