/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Who called the code a tracepoint fired in: the innermost frame on the
 * stack whose function a facility cares about, found without an unwind on
 * most events.  Used for the causes of migration (cause.c) and the start
 * sites of timers (timer.c).  See Documentation/design.rst, "Causes".
 *
 * A walker classifies functions by name: class 0 means "look past it",
 * any other class is an answer.  A "weak" class answers only if no outer
 * frame (within the walker's depth) gives one that is not weak.
 *
 * Three ways to the answer, cheapest first:
 *  1. By learned path.  Between the probe and the answering frame there
 *     are a fixed few frames, each of fixed size.  Keyed by the probe's
 *     own return address, a per-CPU table remembers where, above the
 *     probe's return-address slot, each of those frames keeps its return
 *     address and what it must be.  If every one still holds its value,
 *     the frames are the same, and the answering frame's return address is
 *     read from its slot and compared with the few the path has met, each
 *     with its class: a few loads and compares, inlined in the probe.  An
 *     address the path has not met yet is looked up among the known call
 *     sites, out of line, and remembered.
 *  2. By unwind.  The ORC unwinder walks the stack from the probe's
 *     caller; each return address maps to a class through a per-CPU cache
 *     of call sites, resolved once by name with sprint_symbol_no_offset().
 *     The walk also records where each return address was, which teaches 1.
 *
 * Context: the probe runs with interrupts disabled, so the per-CPU tables
 * need no atomics.  The caches live as long as the module.  A cached
 * address in module text can outlive its module; what it caches is only
 * the class, which depends on the name alone, and the classes of both
 * walkers here are kernel functions, so module text classifies alike
 * (0 for causes, "not timer core" for timers) whatever is loaded there.
 */
#ifndef _LWTRACE_WALK_H
#define _LWTRACE_WALK_H

#include <linux/build_bug.h>
#include <linux/kallsyms.h>
#include <linux/percpu.h>
#include <linux/types.h>

#define LWT_WALK_DEPTH	8	/* frames kept, from the probe's caller */
#define LWT_WALK_PATHS	8	/* learned paths per CPU */
#define LWT_WALK_HITS	4	/* answers remembered per path */
#define LWT_WALK_SITES_BITS 7
#define LWT_WALK_SITES	(1 << LWT_WALK_SITES_BITS)

struct lwt_walk_site {
	unsigned long	addr;	/* return address; 0: free slot */
	u8		class;	/* 0: look past it */
	bool		weak;
};

struct lwt_walk_path {
	unsigned long	key;			/* probe's return address; 0: free */
	unsigned int	n;			/* slots; the last is looked up */
	unsigned int	off[LWT_WALK_DEPTH];
	unsigned long	ra[LWT_WALK_DEPTH];	/* [n - 1] unused: see hit */
	/*
	 * Return addresses met in the last slot, and their classes; class 0:
	 * the path gives no answer there (weak, or looking past it).  A
	 * class depends on the address alone, so an entry never goes stale.
	 */
	unsigned long	hit[LWT_WALK_HITS];
	u8		hit_class[LWT_WALK_HITS];
	u8		hit_next;		/* entry to replace when full */
};

struct lwt_walk_cpu {
	/* First: the probe's fast path (lwt_walk_path()) reads only these. */
	struct lwt_walk_path	p[LWT_WALK_PATHS];
	unsigned int		next;		/* path to replace when full */
	struct lwt_walk_site	s[LWT_WALK_SITES];
	/* The last stack that gave no answer, for the facility to show. */
	unsigned long		unknown[LWT_WALK_DEPTH];
	unsigned int		nunknown;
	char			sym[KSYM_SYMBOL_LEN];	/* scratch */
};

struct lwt_walker {
	/* Class of function @name (@len bytes, no suffix); set *@weak. */
	unsigned int		(*classify)(const char *name, size_t len,
					    bool *weak);
	unsigned int		depth;		/* <= LWT_WALK_DEPTH */
	/*
	 * From lwt_walker_get() to the last lwt_walker_put(): dynamic, since
	 * a module's static per-CPU data comes from a reserve of 8 KiB that
	 * every loaded module shares.
	 */
	struct lwt_walk_cpu __percpu *cpu;
	unsigned int		users;
};

/* The initializer of a walker. */
#define LWT_WALKER_INIT(classify_fn, max_depth) {			\
	.classify = classify_fn,					\
	.depth = (max_depth) +						\
		 BUILD_BUG_ON_ZERO((max_depth) > LWT_WALK_DEPTH),	\
}

/*
 * A facility that walks with @w takes its tables in its init and drops
 * them in its exit, after its probes are gone.  Module init and exit only.
 */
int lwt_walker_get(struct lwt_walker *w);
void lwt_walker_put(struct lwt_walker *w);

/* What a walk found. */
struct lwt_walk_res {
	unsigned int	class;		/* 0: nothing found */
	unsigned long	ra;		/* return address in the answering frame */
};

/*
 * In the probe itself: where its return address is.  The probe then has a
 * frame pointer, so the address is exact.
 */
#define LWT_RA_SLOT()	((unsigned long *)__builtin_frame_address(0) + 1)

/* lwt_walk_path()'s slow half: path @p of @c meets @addr in its last slot. */
unsigned int lwt_walk_path_site(struct lwt_walk_cpu *c, struct lwt_walk_path *p,
				 unsigned long addr);

/*
 * By learned path: the class, with *@ra the answering frame's return
 * address, or 0 (then unwind).  Inlined: on a path met before, a load and
 * a compare per frame, and one per address the path remembers.
 */
static __always_inline unsigned int lwt_walk_path(struct lwt_walker *w,
						  unsigned long *ra_slot,
						  unsigned long *ra)
{
	struct lwt_walk_cpu *c = this_cpu_ptr(w->cpu);
	unsigned long key = *ra_slot, addr;
	unsigned int i, j, k, last, class;

	for (i = 0; i < LWT_WALK_PATHS; i++) {
		struct lwt_walk_path *p = &c->p[i];

		if (p->key != key)
			continue;
		/*
		 * Each slot is the return-address slot of a frame whose
		 * function and call site the previous one fixed, so every
		 * load is inside the stack, and equal values mean the same
		 * frames as when learned.
		 */
		last = p->n - 1;
		for (j = 1; j < last; j++)
			if (ra_slot[p->off[j]] != p->ra[j])
				break;
		if (j < last)
			continue;
		addr = ra_slot[p->off[last]];
		for (k = 0; k < LWT_WALK_HITS; k++)
			if (p->hit[k] == addr)
				break;
		class = likely(k < LWT_WALK_HITS) ? p->hit_class[k] :
			lwt_walk_path_site(c, p, addr);
		if (class) {
			*ra = addr;
			return class;
		}
	}
	return 0;
}

/* By unwind, teaching the path.  res->class 0 if no frame answered. */
void lwt_walk_unwind(struct lwt_walker *w, unsigned long *ra_slot,
		     struct lwt_walk_res *res);

/* Look up a name in a table of names, ignoring compiler suffixes. */
bool lwt_name_in(const char *name, size_t len, const char *const *names,
		 unsigned int n);

/*
 * For a view: site @i of @cpu's cache (false if free), and @cpu's last
 * stack that gave no answer (its length).
 */
bool lwt_walk_site_get(struct lwt_walker *w, int cpu, unsigned int i,
		       unsigned long *addr, unsigned int *class, bool *weak);
unsigned int lwt_walk_unknown(struct lwt_walker *w, int cpu,
			      unsigned long *stack);

#endif /* _LWTRACE_WALK_H */
