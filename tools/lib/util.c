// SPDX-License-Identifier: GPL-2.0
#include <stdlib.h>
#include <string.h>
#include "util.h"

int lwt_grow(void *v, size_t *cap, size_t n, size_t size)
{
	void **p = v;
	size_t c = *cap ? *cap : 8;
	void *q;

	if (n <= *cap)
		return 0;
	while (c < n)
		c *= 2;
	q = realloc(*p, c * size);
	if (!q)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

void lwt_json_str(FILE *out, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;

	fputc('"', out);
	for (; *u; u++) {
		if (*u == '"' || *u == '\\')
			fprintf(out, "\\%c", *u);
		else if (*u < 0x20 || *u >= 0x7f)
			fprintf(out, "\\u%04x", *u);
		else
			fputc(*u, out);
	}
	fputc('"', out);
}

void lwt_csv_str(FILE *out, const char *s)
{
	if (!s[strcspn(s, ",\"\r\n")] && s[0] != ' ' && (!*s || s[strlen(s) - 1] != ' ')) {
		fputs(s, out);
		return;
	}
	fputc('"', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

void lwt_print_tod(FILE *out, time_t sec, long long frac, int digits, bool gmt,
		   bool loc, bool date)
{
	struct tm tm;
	int pass;

	for (pass = 0; pass < 2; pass++) {
		if (!(pass ? loc : gmt))
			continue;
		if (pass)
			localtime_r(&sec, &tm);
		else
			gmtime_r(&sec, &tm);
		if (date)
			fprintf(out, "%04d/%02d/%02d ", tm.tm_year + 1900, tm.tm_mon + 1,
				tm.tm_mday);
		fprintf(out, "%02d:%02d:%02d.%0*lld ", tm.tm_hour, tm.tm_min, tm.tm_sec,
			digits, frac);
	}
}
