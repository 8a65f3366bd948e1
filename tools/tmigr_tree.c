// SPDX-License-Identifier: GPL-2.0
/*
 * tmigr_tree: draw the timer migration hierarchy from the
 * tmigr_connect_cpu_parent and tmigr_connect_child_parent boot events.
 * A C rebuild of scripts/timer_migration_tree.py, with byte-identical
 * output.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <tracefs.h>
#include "lib/opt.h"
#include "lib/tmigr.h"

static const char *tool = "tmigr_tree";

#define BOOT_HINT \
	"The tmigr_connect_* events fire only at boot (and when a CPU comes\n" \
	"up for the first time).  Boot with\n" \
	"    trace_event=tmigr_connect_cpu_parent,tmigr_connect_child_parent\n" \
	"    no_hash_pointers\n" \
	"on the kernel command line (without no_hash_pointers, the trace may\n" \
	"print every group as (____ptrval____), and no tree can be drawn),\n" \
	"then run tmigr_tree again, or\n" \
	"    tmigr_tree < /sys/kernel/tracing/trace\n"

enum { OPT_CAPACITY, OPT_FORMAT, OPT_LIVE, OPT_HELP, OPT_VERSION };

static const struct lwt_opt opts[] = {
	{ "capacity", "N", "capacity of events that carry none (default 1024)", OPT_CAPACITY },
	{ "format", "FMT", "ascii (default) or json", OPT_FORMAT },
	{ "live", NULL, "read the running kernel's trace through libtracefs", OPT_LIVE },
	{ "help", NULL, "print this help and exit", OPT_HELP },
	{ "version", NULL, "print the version and exit", OPT_VERSION },
	{ NULL },
};

struct args {
	long	capacity;
	bool	json;
	bool	live;
	bool	help;
	bool	version;
};

static int on_opt(void *ctx, int id, const char *arg, struct lwt_err *err)
{
	struct args *a = ctx;

	switch (id) {
	case OPT_CAPACITY:
		if (lwt_parse_long(arg, 0, 1L << 30, &a->capacity))
			return lwt_errf(err, NULL, 0, "--capacity: '%s' is not a capacity (0..%ld)",
					arg, 1L << 30);
		break;
	case OPT_FORMAT:
		if (!strcmp(arg, "json"))
			a->json = true;
		else if (!strcmp(arg, "ascii"))
			a->json = false;
		else
			return lwt_errf(err, NULL, 0, "--format: '%s' is not ascii or json", arg);
		break;
	case OPT_LIVE:
		a->live = true;
		break;
	case OPT_HELP:
		a->help = true;
		break;
	case OPT_VERSION:
		a->version = true;
		break;
	}
	return 0;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: %s [OPTION]... [FILE]...\n"
		"\n"
		"Draw the timer migration (tmigr) hierarchy from ftrace text holding\n"
		"tmigr_connect_cpu_parent and tmigr_connect_child_parent events, read\n"
		"from the FILEs, or from standard input.  With no FILE and standard\n"
		"input a terminal, or with --live, read the running kernel's trace.\n"
		"\n", tool);
	lwt_opt_help(out, opts);
	fprintf(out, "\n%s", BOOT_HINT);
}

/* The running kernel's trace, through libtracefs. */
static int read_live(struct lwt_tmigr_forest *f, struct lwt_err *err)
{
	char *text;
	FILE *in;
	int size, ret, e;

	if (!tracefs_tracing_dir())
		return lwt_errf(err, NULL, 0,
				"tracefs is not mounted (mount -t tracefs nodev /sys/kernel/tracing)");
	text = tracefs_instance_file_read(NULL, "trace", &size);
	if (!text) {
		e = errno;
		return lwt_errf(err, NULL, 0, "cannot read %s/trace: %s",
				tracefs_tracing_dir(), strerror(e));
	}
	in = fmemopen(text, size, "r");
	if (!in) {
		e = errno;
		free(text);
		return lwt_errf(err, NULL, 0, "%s", strerror(e));
	}
	ret = lwt_tmigr_parse_stream(f, in, "trace", err);
	fclose(in);
	free(text);
	return ret;
}

static int read_files(struct lwt_tmigr_forest *f, int n, char **files,
		      struct lwt_err *err)
{
	int i, ret;
	FILE *in;

	if (n == 0)
		return lwt_tmigr_parse_stream(f, stdin, "<stdin>", err);
	for (i = 0; i < n; i++) {
		in = stdin;
		if (strcmp(files[i], "-") && lwt_open_input(files[i], &in, err))
			return -1;
		ret = lwt_tmigr_parse_stream(f, in, files[i], err);
		if (in != stdin)
			fclose(in);
		if (ret)
			return ret;
	}
	return 0;
}

static int print_ascii(struct lwt_tmigr_forest *f, struct lwt_err *err)
{
	struct lwt_tmigr_node **roots;
	size_t i, j, n;

	for (i = 0; i < f->nhiers; i++) {
		printf("Tree for capacity %ld\n", f->hiers[i].capacity);
		if (lwt_tmigr_roots(f, &f->hiers[i], &roots, &n, err))
			return -1;
		for (j = 0; j < n; j++)
			if (lwt_tmigr_print_ascii(stdout, roots[j], err)) {
				free(roots);
				return -1;
			}
		free(roots);
	}
	return 0;
}

int main(int argc, char **argv)
{
	struct args a = { .capacity = LWT_TMIGR_DEFAULT_CAPACITY };
	struct lwt_tmigr_forest f;
	struct lwt_err err;
	int first, ret;

	first = lwt_opt_parse(opts, argc, argv, on_opt, &a, &err);
	if (first < 0) {
		lwt_usage_error(stderr, tool, "%s", err.msg);
		return 2;
	}
	if (a.help) {
		usage(stdout);
		return 0;
	}
	if (a.version) {
		printf("%s %s\n", tool, LWT_VERSION);
		return 0;
	}
	if (a.live && first < argc) {
		lwt_usage_error(stderr, tool, "--live takes no FILE");
		return 2;
	}

	lwt_tmigr_init(&f, a.capacity, stderr);
	if (a.live || (first == argc && isatty(STDIN_FILENO)))
		ret = read_live(&f, &err);
	else
		ret = read_files(&f, argc - first, argv + first, &err);
	if (ret) {
		fprintf(stderr, "%s: %s\n", tool, err.msg);
		lwt_tmigr_free(&f);
		return 1;
	}
	if (f.nevents == 0) {
		fprintf(stderr, "%s: no tmigr_connect_cpu_parent or tmigr_connect_child_parent events found.\n%s",
			tool, BOOT_HINT);
		lwt_tmigr_free(&f);
		return 1;
	}
	ret = a.json ? lwt_tmigr_print_json(stdout, &f, &err) : print_ascii(&f, &err);
	lwt_tmigr_free(&f);
	if (ret) {
		fprintf(stderr, "%s: %s\n", tool, err.msg);
		return 1;
	}
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "%s: cannot write the output: %s\n", tool, strerror(errno));
		return 1;
	}
	return 0;
}
