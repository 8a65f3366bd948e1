// SPDX-License-Identifier: GPL-2.0
/* The library's error convention: see lwt.h. */
#include <stdarg.h>
#include <stdio.h>
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
