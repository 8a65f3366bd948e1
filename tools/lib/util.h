/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers shared by the tools' library: growable arrays, JSON, CSV.
 * Errors follow lwt.h.
 */
#ifndef LWT_UTIL_H
#define LWT_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <time.h>
#include "lwt.h"

/**
 * lwt_grow() - make room in a growable array
 * @v: address of the array pointer
 * @cap: its capacity in elements, updated
 * @n: the number of elements it must hold
 * @size: the size of one element
 *
 * Return: 0, or -1 when out of memory (the caller says so, see lwt.h), with
 * *@v and *@cap unchanged.
 */
int lwt_grow(void *v, size_t *cap, size_t n, size_t size);

/**
 * lwt_json_str() - write a JSON string
 * @out: where to write
 * @s: the text
 *
 * @s quoted and escaped; bytes below 0x20 and from 0x7f are written as
 * \u00XX.
 */
void lwt_json_str(FILE *out, const char *s);

/**
 * lwt_csv_str() - write one CSV field (RFC 4180)
 * @out: where to write
 * @s: the text
 *
 * @s quoted only when it must be.
 */
void lwt_csv_str(FILE *out, const char *s);

/**
 * lwt_print_tod() - write a time of day, as the original tools did
 * @out: where to write
 * @sec: seconds since the epoch
 * @frac: the fraction of the second, as @digits decimal digits
 * @digits: how many digits @frac has (3 for ms, 9 for ns)
 * @gmt: write the GMT time
 * @loc: write the local time (after the GMT one, if both)
 * @date: precede each with "yyyy/mm/dd "
 *
 * "hh:mm:ss.fff " (with a trailing space) for each of @gmt and @loc.
 */
void lwt_print_tod(FILE *out, time_t sec, long long frac, int digits, bool gmt,
		   bool loc, bool date);

#endif /* LWT_UTIL_H */
