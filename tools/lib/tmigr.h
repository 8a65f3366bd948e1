/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The timer migration (tmigr) hierarchy, rebuilt from the
 * tmigr_connect_cpu_parent and tmigr_connect_child_parent trace events,
 * and drawn the way scripts/timer_migration_tree.py draws it with ete3.
 *
 * Errors follow lwt.h.  Warnings (a hierarchy that does not hold
 * together) are counted, and written to the caller's sink if it gave one.
 */
#ifndef LWT_TMIGR_H
#define LWT_TMIGR_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include "lwt.h"

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
};

/**
 * lwt_tmigr_init() - make @f an empty forest
 * @f: the forest
 * @default_capacity: the capacity of events that carry none (before 2026)
 * @warn: where warnings go, one line each, or NULL to only count them
 */
void lwt_tmigr_init(struct lwt_tmigr_forest *f, long default_capacity,
		    FILE *warn);

/**
 * lwt_tmigr_free() - free what @f holds, and make it empty
 * @f: the forest
 */
void lwt_tmigr_free(struct lwt_tmigr_forest *f);

/**
 * lwt_tmigr_parse_line() - feed one line of ftrace text output
 * @f: the forest
 * @line: the line; lines that are not tmigr connect events are ignored
 * @file: its file's name, for errors and warnings
 * @lineno: its number in @file
 * @err: the error, if any
 *
 * Return: 0, or -1 with @err set: a malformed event, a connect that would
 * make a cycle, or pointers hashed before the kernel could hash them.
 */
int lwt_tmigr_parse_line(struct lwt_tmigr_forest *f, const char *line,
			 const char *file, unsigned long lineno,
			 struct lwt_err *err);

/**
 * lwt_tmigr_parse_stream() - feed a whole stream, line by line
 * @f: the forest
 * @in: the text
 * @file: its name, for errors and warnings
 * @err: the error, if any
 *
 * Return: 0, or -1 with @err set, at the first bad line.
 */
int lwt_tmigr_parse_stream(struct lwt_tmigr_forest *f, FILE *in,
			   const char *file, struct lwt_err *err);

/**
 * lwt_tmigr_roots() - the roots of a hierarchy
 * @f: the forest, for its warnings
 * @h: the hierarchy
 * @roots: set to a malloc()ed array of the roots; free() it
 * @nroots: set to their number
 * @err: the error, if any
 *
 * Normally one.  The root the seed script would draw comes first; each
 * other root (a parent that was never connected) is warned about.
 *
 * Return: 0, or -1 with @err set (out of memory).
 */
int lwt_tmigr_roots(struct lwt_tmigr_forest *f, const struct lwt_tmigr_hier *h,
		    struct lwt_tmigr_node ***roots, size_t *nroots,
		    struct lwt_err *err);

/**
 * lwt_tmigr_print_ascii() - draw a tree as the seed script does
 * @out: where to write
 * @root: the tree's root
 * @err: the error, if any
 *
 * Write what ete3's
 * Tree.get_ascii(show_internal=True, attributes=["name", "numa", "lvl"])
 * returns for the seed script, with its leading newline, then a newline
 * (as print() adds).
 *
 * Return: 0, or -1 with @err set (out of memory).
 */
int lwt_tmigr_print_ascii(FILE *out, const struct lwt_tmigr_node *root,
			  struct lwt_err *err);

/**
 * lwt_tmigr_print_json() - write the whole forest as JSON
 * @out: where to write
 * @f: the forest
 * @err: the error, if any
 *
 * One object per hierarchy, one line per node.
 *
 * Return: 0, or -1 with @err set (out of memory).
 */
int lwt_tmigr_print_json(FILE *out, struct lwt_tmigr_forest *f,
			 struct lwt_err *err);

#endif /* LWT_TMIGR_H */
