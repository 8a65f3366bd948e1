/* SPDX-License-Identifier: GPL-2.0 */
/* Small helpers shared by the tools' library: growable arrays, JSON, CSV. */
#ifndef LWT_UTIL_H
#define LWT_UTIL_H

#include <stddef.h>
#include <stdio.h>

/*
 * lwt_grow() - make the array *@v, of *@cap elements of @size bytes, hold
 * at least @n elements.  Return 0, or -1 (and *@v unchanged) when out of
 * memory.
 */
int lwt_grow(void *v, size_t *cap, size_t n, size_t size);

/* @s as a JSON string, quoted.  Bytes >= 0x80 are written as \u00XX. */
void lwt_json_str(FILE *out, const char *s);

/* @s as one CSV field (RFC 4180): quoted only when it must be. */
void lwt_csv_str(FILE *out, const char *s);

#endif /* LWT_UTIL_H */
