// SPDX-License-Identifier: GPL-2.0
/*
 * timer_stats: the report of /proc/timer_stats (Linux 2.6.21 to 4.10),
 * from the module's debugfs file or from an ftrace dump of the timer
 * events.  Documentation/timer_stats.rst.
 */
#include <errno.h>
#include <inttypes.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <uapi/lwtrace.h>
#include "lib/opt.h"
#include "lib/tstat.h"

static const char *tool = "timer_stats";

#define DEBUGFS_FILE	"/sys/kernel/debug/timer_stats"
#define PROC_FILE	"/proc/timer_stats"

#define FTRACE_HINT \
	"To record an ftrace dump with start sites:\n" \
	"    cd /sys/kernel/tracing\n" \
	"    echo 1 > events/timer/timer_start/enable\n" \
	"    echo 1 > events/timer/timer_expire_entry/enable\n" \
	"    echo 1 > events/timer/hrtimer_start/enable\n" \
	"    echo 1 > events/timer/hrtimer_expire_entry/enable\n" \
	"    echo stacktrace > events/timer/timer_start/trigger\n" \
	"    echo stacktrace > events/timer/hrtimer_start/trigger\n" \
	"    (run the workload)\n" \
	"    timer_stats trace\n"

enum { OPT_SORT, OPT_TOP, OPT_FORMAT, OPT_PID, OPT_COMM, OPT_HELP, OPT_VERSION };

static const struct lwt_opt opts[] = {
	{ "sort", "KEY", "count (default, descending), rate (the same order), pid or site", OPT_SORT },
	{ "top", "N", "print only the first N entries", OPT_TOP },
	{ "format", "FMT", "text (default, the timer_stats format), csv or json", OPT_FORMAT },
	{ "pid", "PID", "only the timers armed by PID", OPT_PID },
	{ "comm", "REGEX", "only the timers armed by tasks whose name matches REGEX (ERE)", OPT_COMM },
	{ "help", NULL, "print this help and exit", OPT_HELP },
	{ "version", NULL, "print the version and exit", OPT_VERSION },
	{ NULL },
};

struct args {
	enum lwt_tstat_sort	sort;
	enum lwt_tstat_format	format;
	long			top;
	long			pid;
	const char		*comm;
	regex_t			comm_re;
	bool			has_re;
	bool			help, version;
};

static int on_opt(void *ctx, int id, const char *arg, struct lwt_err *err)
{
	struct args *a = ctx;
	char why[256];
	int rc;

	switch (id) {
	case OPT_SORT:
		if (!strcmp(arg, "count") || !strcmp(arg, "rate"))
			a->sort = LWT_TSTAT_SORT_COUNT;
		else if (!strcmp(arg, "pid"))
			a->sort = LWT_TSTAT_SORT_PID;
		else if (!strcmp(arg, "site"))
			a->sort = LWT_TSTAT_SORT_SITE;
		else
			return lwt_errf(err, NULL, 0, "--sort: '%s' is not count, rate, pid or site",
					arg);
		break;
	case OPT_TOP:
		if (lwt_parse_long(arg, 1, 1L << 30, &a->top))
			return lwt_errf(err, NULL, 0, "--top: '%s' is not a number of entries (1..%ld)",
					arg, 1L << 30);
		break;
	case OPT_FORMAT:
		if (!strcmp(arg, "text"))
			a->format = LWT_TSTAT_TEXT;
		else if (!strcmp(arg, "csv"))
			a->format = LWT_TSTAT_CSV;
		else if (!strcmp(arg, "json"))
			a->format = LWT_TSTAT_JSON;
		else
			return lwt_errf(err, NULL, 0, "--format: '%s' is not text, csv or json", arg);
		break;
	case OPT_PID:
		if (lwt_parse_long(arg, 0, 1L << 30, &a->pid))
			return lwt_errf(err, NULL, 0, "--pid: '%s' is not a pid", arg);
		break;
	case OPT_COMM:
		if (a->has_re) {
			regfree(&a->comm_re);
			a->has_re = false;
		}
		rc = regcomp(&a->comm_re, arg, REG_EXTENDED | REG_NOSUB);
		if (rc) {
			regerror(rc, &a->comm_re, why, sizeof(why));
			return lwt_errf(err, NULL, 0, "--comm: '%s' is not a regular expression: %s",
					arg, why);
		}
		a->has_re = true;
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
		"usage: %s [OPTION]... [FILE]\n"
		"\n"
		"Which timers fire how often, by the task that armed them, the function\n"
		"that armed them (the start site) and their callback: the report of\n"
		"/proc/timer_stats.  FILE is the timer_stats file (" LWT_TSTAT_VERSION " or v0.2) or an\n"
		"ftrace dump of the timer events; '-' is standard input.  Without FILE,\n"
		DEBUGFS_FILE " (the lwtrace module), or else " PROC_FILE ".\n"
		"\n", tool);
	lwt_opt_help(out, opts);
	fputs("\n"
	      "Entries that show the same (D, pid, comm, site, callback) are summed.\n"
	      "The total line counts every entry that passes --pid and --comm, also\n"
	      "those after --top.  Options take one or two dashes.\n"
	      "\n"
	      FTRACE_HINT
	      "\n"
	      "Exit status: 0 done, 1 bad input (named file:line) or I/O error,\n"
	      "2 usage error.\n", out);
}

/* A name for the input, and the stream. */
static FILE *open_input(const char *path, const char **name, struct lwt_err *err)
{
	FILE *in;

	if (!path) {
		path = DEBUGFS_FILE;
		if (access(path, R_OK) && !access(PROC_FILE, R_OK))
			path = PROC_FILE;
		else if (access(path, R_OK)) {
			lwt_errf(err, NULL, 0,
				 "no FILE, and neither " DEBUGFS_FILE " (load lwtrace, "
				 "mount debugfs) nor " PROC_FILE " can be read");
			return NULL;
		}
	}
	if (!strcmp(path, "-")) {
		*name = "<stdin>";
		return stdin;
	}
	*name = path;
	if (lwt_open_input(path, &in, err))
		return NULL;
	return in;
}

static void warnings(const struct lwt_tstat *t, const char *name)
{
	const struct lwt_tstat_ftrace *f = &t->ft;

	if (t->overflow)
		fprintf(stderr, "%s: warning: %s: the kernel's table was full: %ld timer "
			"events were not counted ('Overflow')\n", tool, name, t->overflow);
	if (t->input != LWT_TSTAT_IN_FTRACE)
		return;
	if (f->early)
		fprintf(stderr, "%s: %" PRIu64 " expiries of timers armed before the trace "
			"began were not counted\n", tool, f->early);
	if (f->armings && f->no_stack == f->armings)
		fprintf(stderr, "%s: warning: %s: no timer start event has a stack trace, so "
			"every start site is " LWT_TSTAT_UNKNOWN ".\n" FTRACE_HINT, tool, name);
	else if (f->no_stack)
		fprintf(stderr, "%s: warning: %s: %" PRIu64 " of %" PRIu64 " timer start events "
			"have no stack trace: their start site is " LWT_TSTAT_UNKNOWN "\n",
			tool, name, f->no_stack, f->armings);
	if (f->lost)
		fprintf(stderr, "%s: warning: %s: the trace lost %" PRIu64 " events ([LOST]): "
			"counts are low\n", tool, name, f->lost);
	if (f->overwritten)
		fprintf(stderr, "%s: warning: %s: the ring buffer overwrote its first %" PRIu64
			" events (entries-written > entries-in-buffer)\n", tool, name,
			f->overwritten);
	if (f->counter_clock)
		fprintf(stderr, "%s: warning: %s: the timestamps are not seconds (trace_clock "
			"counter or x86-tsc?): no sample period, no rates\n", tool, name);
}

static int run(struct args *a, const char *path)
{
	struct lwt_tstat t;
	struct lwt_err err;
	const char *name = NULL;
	FILE *in;
	int ret;

	in = open_input(path, &name, &err);
	if (!in) {
		fprintf(stderr, "%s: %s\n", tool, err.msg);
		return 1;
	}
	lwt_tstat_init(&t);
	ret = lwt_tstat_read(&t, in, name, &err);
	if (in != stdin)
		fclose(in);
	if (ret) {
		fprintf(stderr, "%s: %s\n", tool, err.msg);
		lwt_tstat_free(&t);
		return 1;
	}
	warnings(&t, name);
	lwt_tstat_filter(&t, a->pid, a->has_re ? &a->comm_re : NULL);
	lwt_tstat_sort(&t, a->sort);
	lwt_tstat_write(stdout, &t, a->format, a->top);
	lwt_tstat_free(&t);
	return 0;
}

int main(int argc, char **argv)
{
	struct args a = { .pid = -1 };
	struct lwt_err err;
	int first, ret;

	first = lwt_opt_parse(opts, argc, argv, on_opt, &a, &err);
	if (first < 0) {
		lwt_usage_error(stderr, tool, "%s", err.msg);
		ret = 2;
		goto out;
	}
	if (a.help) {
		usage(stdout);
		ret = 0;
		goto out;
	}
	if (a.version) {
		printf("%s %s (reads timer_stats %s and v0.2, and ftrace text)\n", tool,
		       LWT_VERSION, LWT_TSTAT_VERSION);
		ret = 0;
		goto out;
	}
	if (argc - first > 1) {
		lwt_usage_error(stderr, tool, "one FILE at most, not %d", argc - first);
		ret = 2;
		goto out;
	}
	ret = run(&a, first < argc ? argv[first] : NULL);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "%s: cannot write the output: %s\n", tool, strerror(errno));
		ret = 1;
	}
out:
	if (a.has_re)
		regfree(&a.comm_re);
	return ret;
}
