// SPDX-License-Identifier: GPL-2.0
/*
 * The stack walker shared by cause attribution and timer start sites:
 * learned paths, an unwind that teaches them, and a per-CPU cache of call
 * sites.  See walk.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hash.h>
#include <linux/string.h>
#include "compat.h"
#include "walk.h"

/* How far above the probe a learned slot may be, in words. */
#define LWT_PATH_REACH	512

bool lwt_name_in(const char *name, size_t len, const char *const *names,
		 unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		if (strlen(names[i]) == len && !strncmp(names[i], name, len))
			return true;
	return false;
}

int lwt_walker_get(struct lwt_walker *w)
{
	if (!w->users) {
		w->cpu = alloc_percpu(struct lwt_walk_cpu);
		if (!w->cpu)
			return -ENOMEM;
	}
	w->users++;
	return 0;
}

void lwt_walker_put(struct lwt_walker *w)
{
	if (--w->users)
		return;
	free_percpu(w->cpu);
	w->cpu = NULL;
}

static void resolve(struct lwt_walker *w, struct lwt_walk_cpu *c,
		    struct lwt_walk_site *s, unsigned long addr)
{
	size_t len;

	sprint_symbol_no_offset(c->sym, addr);
	len = strcspn(c->sym, " .");	/* drop ".part.0", " [module]" */
	s->weak = false;
	s->class = w->classify(c->sym, len, &s->weak);
}

static __always_inline struct lwt_walk_site *site_slot(struct lwt_walk_cpu *c,
						       unsigned long addr)
{
	unsigned int h = hash_long(addr, LWT_WALK_SITES_BITS), i;
	struct lwt_walk_site *s;

	for (i = 0; i < LWT_WALK_SITES; i++) {
		s = &c->s[(h + i) & (LWT_WALK_SITES - 1)];
		if (s->addr == addr || !s->addr)
			return s;
	}
	return NULL;
}

static const struct lwt_walk_site *site(struct lwt_walker *w,
					struct lwt_walk_cpu *c,
					unsigned long addr,
					struct lwt_walk_site *spill)
{
	struct lwt_walk_site *s = site_slot(c, addr);

	if (s && s->addr == addr)
		return s;
	if (!s) {
		/* Full: still correct, only slower. */
		resolve(w, c, spill, addr);
		return spill;
	}
	resolve(w, c, s, addr);
	/*
	 * The class before the address that makes the entry valid, for a
	 * view on another CPU.  Pairs with lwt_walk_site_get().
	 */
	smp_store_release(&s->addr, addr);
	return s;
}

/* Is @p the path of frames 0..@d at @slot, holding @ra? */
static bool path_same(const struct lwt_walk_path *p, unsigned long *ra_slot,
		      const unsigned long *ra, unsigned long *const *slot,
		      unsigned int d)
{
	unsigned int i;

	if (p->key != ra[0] || p->n != d + 1)
		return false;
	for (i = 0; i <= d; i++)
		if (p->off[i] != slot[i] - ra_slot || (i < d && p->ra[i] != ra[i]))
			return false;
	return true;
}

/* Learn the path of an unwind that found its answer at frame @d. */
static void path_learn(struct lwt_walk_cpu *c, unsigned long *ra_slot,
		       const unsigned long *ra, unsigned long *const *slot,
		       unsigned int d)
{
	struct lwt_walk_path *p = NULL;
	bool same = false;
	unsigned int i;

	for (i = 0; i <= d; i++) {
		if (!slot[i] || slot[i] < ra_slot ||
		    slot[i] - ra_slot >= LWT_PATH_REACH)
			return;
	}
	/* The first frame is the probe's caller, its slot the probe's own. */
	if (slot[0] != ra_slot || ra[0] != *ra_slot)
		return;
	/* A key may have several paths: one probe, several callers. */
	for (i = 0; i < LWT_WALK_PATHS && !p; i++) {
		if (!c->p[i].key)
			p = &c->p[i];
		else if (path_same(&c->p[i], ra_slot, ra, slot, d))
			p = &c->p[i], same = true;
	}
	if (!p) {
		p = &c->p[c->next];
		c->next = (c->next + 1) % LWT_WALK_PATHS;
	}
	/* The answers it met stay true; a new path starts with none. */
	if (!same)
		memset(p, 0, sizeof(*p));
	p->key = ra[0];
	p->n = d + 1;
	for (i = 0; i <= d; i++) {
		p->off[i] = slot[i] - ra_slot;
		p->ra[i] = ra[i];
	}
}

void lwt_walk_unwind(struct lwt_walker *w, unsigned long *ra_slot,
		     struct lwt_walk_res *res)
{
	struct lwt_walk_cpu *c = this_cpu_ptr(w->cpu);
	unsigned long ra[LWT_WALK_DEPTH];
	unsigned long *slot[LWT_WALK_DEPTH];
	unsigned int n = 0, i;
	struct lwt_walk_site spill;
	struct lwt_unwind u;

	res->class = 0;
	res->ra = 0;
	for (lwt_unwind_start(&u, ra_slot);
	     !lwt_unwind_done(&u) && n < w->depth; lwt_unwind_next(&u)) {
		ra[n] = lwt_unwind_ra(&u);
		if (!ra[n])
			break;
		slot[n++] = lwt_unwind_ra_slot(&u);
	}
	for (i = 0; i < n; i++) {
		const struct lwt_walk_site *s = site(w, c, ra[i], &spill);

		if (!s->class)
			continue;
		if (!s->weak) {
			if (!res->class)
				path_learn(c, ra_slot, ra, slot, i);
			res->class = s->class;
			res->ra = ra[i];
			return;
		}
		if (!res->class) {
			res->class = s->class;
			res->ra = ra[i];
		}
	}
	if (res->class)
		return;
	memcpy(c->unknown, ra, n * sizeof(ra[0]));
	c->nunknown = n;
}

unsigned int lwt_walk_path_site(struct lwt_walk_cpu *c, struct lwt_walk_path *p,
				 unsigned long addr)
{
	const struct lwt_walk_site *s = site_slot(c, addr);
	unsigned int class;

	/* Not resolved yet: the unwind will, and the next event remembers. */
	if (!s || !s->addr)
		return 0;
	class = s->weak ? 0 : s->class;
	p->hit[p->hit_next] = addr;
	p->hit_class[p->hit_next] = class;
	p->hit_next = (p->hit_next + 1) % LWT_WALK_HITS;
	return class;
}

bool lwt_walk_site_get(struct lwt_walker *w, int cpu, unsigned int i,
		       unsigned long *addr, unsigned int *class, bool *weak)
{
	const struct lwt_walk_site *s = &per_cpu_ptr(w->cpu, cpu)->s[i];

	/* Pairs with the smp_store_release() in site(). */
	*addr = smp_load_acquire(&s->addr);
	if (!*addr)
		return false;
	*class = s->class;
	*weak = s->weak;
	return true;
}

unsigned int lwt_walk_unknown(struct lwt_walker *w, int cpu,
			      unsigned long *stack)
{
	const struct lwt_walk_cpu *c = per_cpu_ptr(w->cpu, cpu);
	unsigned int n = min_t(unsigned int, READ_ONCE(c->nunknown),
			       LWT_WALK_DEPTH), i;

	for (i = 0; i < n; i++)
		stack[i] = READ_ONCE(c->unknown[i]);
	return n;
}
