// SPDX-License-Identifier: GPL-2.0
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/string.h>
#include <linux/tracepoint.h>
#include "tp.h"

struct lookup {
	struct lwt_probe	*probes;
	unsigned int		n;
};

static void lookup_one(struct tracepoint *tp, void *priv)
{
	struct lookup *l = priv;
	unsigned int i;

	for (i = 0; i < l->n; i++)
		if (!l->probes[i].tp && !strcmp(tp->name, l->probes[i].name))
			l->probes[i].tp = tp;
}

/**
 * lwt_probes_lookup() - find the tracepoints of @probes by name
 * @probes: table to fill in; each entry's .tp is set
 * @n: number of entries
 *
 * Return: 0, or -ENOENT if this kernel lacks one of them.
 */
int lwt_probes_lookup(struct lwt_probe *probes, unsigned int n)
{
	struct lookup l = { .probes = probes, .n = n };
	unsigned int i;

	for_each_kernel_tracepoint(lookup_one, &l);
	for (i = 0; i < n; i++) {
		if (!probes[i].tp) {
			pr_err("tracepoint %s not found\n", probes[i].name);
			return -ENOENT;
		}
	}
	return 0;
}

/**
 * lwt_probes_register() - attach all of @probes, or none
 * @probes: table filled in by lwt_probes_lookup()
 * @n: number of entries
 * @data: first argument passed to each probe
 *
 * Return: 0 or the error of the attach that failed.
 */
int lwt_probes_register(struct lwt_probe *probes, unsigned int n, void *data)
{
	unsigned int i;
	int ret;

	for (i = 0; i < n; i++) {
		ret = tracepoint_probe_register(probes[i].tp, probes[i].func,
						data);
		if (ret) {
			pr_err("cannot attach to %s: %d\n", probes[i].name, ret);
			lwt_probes_unregister(probes, i, data);
			return ret;
		}
	}
	return 0;
}

void lwt_probes_unregister(struct lwt_probe *probes, unsigned int n, void *data)
{
	while (n--)
		WARN_ON_ONCE(tracepoint_probe_unregister(probes[n].tp,
							 probes[n].func, data));
}
