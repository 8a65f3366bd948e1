/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The timer migration (tmigr) hierarchy, rebuilt from the
 * tmigr_connect_cpu_parent and tmigr_connect_child_parent trace events,
 * and drawn the way scripts/timer_migration_tree.py draws it with ete3.
 *
 * Nothing here exits or prints to stdout: errors come back as -1 with a
 * message in tmigr_forest.err naming the file and line; warnings go to
 * tmigr_forest.warn (if set) and are counted.
 */
#ifndef LWT_TMIGR_H
#define LWT_TMIGR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define TMIGR_DEFAULT_CAPACITY 1024

struct tmigr_node {
	char			*name;		/* CPU number or group pointer, as printed */
	bool			is_cpu;
	char			*groupmask;	/* this node's bit in its parent, as printed */
	int			lvl;		/* -1 for a CPU */
	int			numa;
	bool			has_numa;
	int			num_children;	/* as the kernel reported it */
	struct tmigr_node	*parent;
	struct tmigr_node	**children;	/* in connect order */
	size_t			nchildren, children_cap;
	unsigned long		line;		/* first line that named the node */
};

/* One hierarchy: the nodes of one capacity, in order of first appearance. */
struct tmigr_hier {
	long			capacity;
	struct tmigr_node	**nodes;
	size_t			nnodes, nodes_cap;
};

struct tmigr_forest {
	struct tmigr_hier	*hiers;		/* in order of first appearance */
	size_t			nhiers;
	long			default_capacity; /* for events without capacity= */
	FILE			*warn;		/* warnings, or NULL */
	unsigned long		nwarnings;
	unsigned long		nevents;
	char			err[512];
};

void tmigr_init(struct tmigr_forest *f, long default_capacity, FILE *warn);
void tmigr_free(struct tmigr_forest *f);

/*
 * Feed one line of ftrace text output.  Lines that are not tmigr connect
 * events are ignored.  Return 0, or -1 with f->err set for a malformed
 * event or hashed-too-early pointers.
 */
int tmigr_parse_line(struct tmigr_forest *f, const char *line,
		     const char *file, unsigned long lineno);
/* Feed a whole stream; same return convention. */
int tmigr_parse_stream(struct tmigr_forest *f, FILE *in, const char *file);

/*
 * The roots of a hierarchy, in order of first appearance: normally one.
 * Return the count; *roots is malloc()ed.  Warns about each extra root
 * (a parent that was never connected).
 */
size_t tmigr_roots(struct tmigr_forest *f, const struct tmigr_hier *h,
		   struct tmigr_node ***roots);

/*
 * Draw the tree under @root as ete3's
 * Tree.get_ascii(show_internal=True, attributes=["name", "numa", "lvl"])
 * does for the seed script, including its leading newline, followed by a
 * newline (as print() adds).  Return 0 or -1 on allocation failure.
 */
int tmigr_print_ascii(FILE *out, const struct tmigr_node *root);

/* The whole forest as JSON, one node per line.  Return 0 or -1. */
int tmigr_print_json(FILE *out, struct tmigr_forest *f);

#endif /* LWT_TMIGR_H */
