// SPDX-License-Identifier: GPL-2.0
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/mutex.h>
#include <linux/string.h>
#include <linux/tracepoint.h>
#include "tp.h"

/* Serialises attach and detach across facilities. */
static DEFINE_MUTEX(lwt_tp_lock);

struct lookup {
	struct lwt_tp *const	*tps;
	unsigned int		n;
};

static void lookup_one(struct tracepoint *tp, void *priv)
{
	struct lookup *l = priv;
	unsigned int i;

	for (i = 0; i < l->n; i++)
		if (!l->tps[i]->tp && !strcmp(tp->name, l->tps[i]->name))
			l->tps[i]->tp = tp;
}

/**
 * lwt_tp_lookup() - find the tracepoints of @tps by name
 * @tps: tracepoints to look up; each one's .tp is set
 * @n: number of entries
 *
 * Return: 0, or -ENOENT if this kernel lacks one of them.
 */
int lwt_tp_lookup(struct lwt_tp *const *tps, unsigned int n)
{
	struct lookup l = { .tps = tps, .n = n };
	unsigned int i;

	for_each_kernel_tracepoint(lookup_one, &l);
	for (i = 0; i < n; i++) {
		if (!tps[i]->tp) {
			pr_err("tracepoint %s not found\n", tps[i]->name);
			return -ENOENT;
		}
	}
	return 0;
}

static void put_locked(struct lwt_tp *const *tps, unsigned int n)
{
	while (n--) {
		if (--tps[n]->users)
			continue;
		WARN_ON_ONCE(tracepoint_probe_unregister(tps[n]->tp,
							 tps[n]->probe, NULL));
	}
}

int lwt_tp_get(struct lwt_tp *const *tps, unsigned int n)
{
	unsigned int i;
	int ret = 0;

	mutex_lock(&lwt_tp_lock);
	for (i = 0; i < n; i++) {
		if (!tps[i]->users) {
			ret = tracepoint_probe_register(tps[i]->tp,
							tps[i]->probe, NULL);
			if (ret) {
				pr_err("cannot attach to %s: %d\n",
				       tps[i]->name, ret);
				put_locked(tps, i);
				break;
			}
		}
		tps[i]->users++;
	}
	mutex_unlock(&lwt_tp_lock);
	return ret;
}

void lwt_tp_put(struct lwt_tp *const *tps, unsigned int n)
{
	mutex_lock(&lwt_tp_lock);
	put_locked(tps, n);
	mutex_unlock(&lwt_tp_lock);
}
