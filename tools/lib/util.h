/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Small helpers shared by the tools' library: growable arrays, JSON, CSV.
 * Errors follow lwt.h.
 */
#ifndef LWT_UTIL_H
#define LWT_UTIL_H

#include <stddef.h>
#include <stdio.h>
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

#endif /* LWT_UTIL_H */
