/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The timer migration (tmigr) hierarchy, rebuilt from the
 * tmigr_connect_cpu_parent and tmigr_connect_child_parent trace events,
 * and drawn the way scripts/timer_migration_tree.py draws it with ete3.
 *
 * Nothing here exits or prints to stdout: errors come back as -1 with a
 * message in lwt_tmigr_forest.err naming the file and line; warnings go to
 * lwt_tmigr_forest.warn (if set) and are counted.
 */
#ifndef LWT_TMIGR_H
#define LWT_TMIGR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define LWT_TMIGR_DEFAULT_CAPACITY 1024

struct lwt_tmigr_node {
	char			*name;		/* CPU number or group pointer, as printed */
	bool			is_cpu;
	char			*groupmask;	/* this node's bit in its parent, as printed */
	int			lvl;		/* -1 for a CPU */
	int			numa;
	bool			has_numa;
	int			num_children;	/* as the kernel reported it */
	struct lwt_tmigr_node	*parent;
	struct lwt_tmigr_node	**children;	/* in connect order */
	size_t			nchildren, children_cap;
	unsigned long		line;		/* first line that named the node */
};

/* One hierarchy: the nodes of one capacity, in order of first appearance. */
struct lwt_tmigr_hier {
	long			capacity;
	struct lwt_tmigr_node	**nodes;
	size_t			nnodes, nodes_cap;
};

struct lwt_tmigr_forest {
	struct lwt_tmigr_hier	*hiers;		/* in order of first appearance */
	size_t			nhiers;
	long			default_capacity; /* for events without capacity= */
	FILE			*warn;		/* warnings, or NULL */
	unsigned long		nwarnings;
	unsigned long		nevents;
	char			err[512];
};

void lwt_tmigr_init(struct lwt_tmigr_forest *f, long default_capacity, FILE *warn);
void lwt_tmigr_free(struct lwt_tmigr_forest *f);

/*
 * Feed one line of ftrace text output.  Lines that are not tmigr connect
 * events are ignored.  Return 0, or -1 with f->err set for a malformed
 * event or hashed-too-early pointers.
 */
int lwt_tmigr_parse_line(struct lwt_tmigr_forest *f, const char *line,
			 const char *file, unsigned long lineno);
/* Feed a whole stream; same return convention. */
int lwt_tmigr_parse_stream(struct lwt_tmigr_forest *f, FILE *in, const char *file);

/*
 * The roots of a hierarchy, in order of first appearance: normally one.
 * Return the count; *roots is malloc()ed.  Warns about each extra root
 * (a parent that was never connected).
 */
size_t lwt_tmigr_roots(struct lwt_tmigr_forest *f, const struct lwt_tmigr_hier *h,
		       struct lwt_tmigr_node ***roots);

/*
 * Draw the tree under @root as ete3's
 * Tree.get_ascii(show_internal=True, attributes=["name", "numa", "lvl"])
 * does for the seed script, including its leading newline, followed by a
 * newline (as print() adds).  Return 0 or -1 on allocation failure.
 */
int lwt_tmigr_print_ascii(FILE *out, const struct lwt_tmigr_node *root);

/* The whole forest as JSON, one node per line.  Return 0 or -1. */
int lwt_tmigr_print_json(FILE *out, struct lwt_tmigr_forest *f);

#endif /* LWT_TMIGR_H */
