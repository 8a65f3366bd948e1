// SPDX-License-Identifier: GPL-2.0
/*
 * compaction_times: the time tasks spent in memory compaction, and what the
 * compactions did.  A C rebuild of perf's compaction-times script, with
 * byte-identical output, from perf.data (through perf script), perf script
 * or ftrace text, or the lwtrace module's compaction files.
 * Documentation/compaction_times.rst.
 */
#include <errno.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "lib/compaction.h"
#include "lib/opt.h"

extern char **environ;

static const char *tool = "compaction_times";

#define SYNOPSIS \
	"[-h] [-u] [-p|-pv] [-t | [-m] [-fs] [-ms]] [-i FILE] [--format FMT]\n" \
	"       [pid|pid-range|comm-regex]"

/* The fields perf script prints for compaction_times, in this order. */
#define PERF_FIELDS	"trace:comm,tid,time,event,trace"

enum {
	OPT_H, OPT_P, OPT_PV, OPT_T, OPT_M, OPT_FS, OPT_MS, OPT_U, OPT_INPUT,
	OPT_FORMAT, OPT_VERSION,
};

static const struct lwt_opt opts[] = {
	{ "h", NULL, "display this help", OPT_H },
	{ "p", NULL, "display by process", OPT_P },
	{ "pv", NULL, "display by process (verbose)", OPT_PV },
	{ "t", NULL, "display stall times only", OPT_T },
	{ "m", NULL, "display stats for migration", OPT_M },
	{ "fs", NULL, "display stats for free scanner", OPT_FS },
	{ "ms", NULL, "display stats for migration scanner", OPT_MS },
	{ "u", NULL, "display results in microseconds (default nanoseconds)", OPT_U },
	{ "i", "FILE", "input: perf.data, perf script or ftrace text, a module file or directory", OPT_INPUT },
	{ "input", "FILE", "the same as -i (default perf.data; - is standard input)", OPT_INPUT },
	{ "format", "FMT", "text (default: the original's), csv or json", OPT_FORMAT },
	{ "help", NULL, "display this help", OPT_H },
	{ "version", NULL, "print the version and exit", OPT_VERSION },
	{ NULL },
};

enum format { FMT_TEXT, FMT_CSV, FMT_JSON };

struct args {
	enum lwt_ct_proc proc;
	unsigned int	disp;
	bool		us;
	const char	*input;
	enum format	format;
	bool		help, version;
};

/* Marks an operand that looked like an option: "-N", an open pid range. */
#define MARK	'\x01'

static int on_opt(void *ctx, int id, const char *arg, struct lwt_err *err)
{
	struct args *a = ctx;

	switch (id) {
	case OPT_H: a->help = true; break;
	case OPT_VERSION: a->version = true; break;
	case OPT_P: a->proc = LWT_CT_PROC; break;
	case OPT_PV: a->proc = LWT_CT_PROC_VERBOSE; break;
	case OPT_U: a->us = true; break;
	case OPT_T: lwt_ct_set_type(&a->disp, LWT_CT_DISP_TIME); break;
	case OPT_M: lwt_ct_set_type(&a->disp, LWT_CT_DISP_MIG); break;
	case OPT_FS: lwt_ct_set_type(&a->disp, LWT_CT_DISP_ISOLFREE); break;
	case OPT_MS: lwt_ct_set_type(&a->disp, LWT_CT_DISP_ISOLMIG); break;
	case OPT_INPUT:
		a->input = arg[0] == MARK ? arg + 1 : arg;
		break;
	case OPT_FORMAT:
		if (!strcmp(arg, "text"))
			a->format = FMT_TEXT;
		else if (!strcmp(arg, "csv"))
			a->format = FMT_CSV;
		else if (!strcmp(arg, "json"))
			a->format = FMT_JSON;
		else
			return lwt_errf(err, NULL, 0, "--format: '%s' is not text, csv or json", arg);
		break;
	}
	return 0;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: %s " SYNOPSIS "\n"
		"\n"
		"Report the time tasks spent in memory compaction, and the pages it\n"
		"moved and scanned, as perf's compaction-times script does, from:\n"
		"  perf.data           recorded with the compaction events (read with perf)\n"
		"  perf script text    the same, as 'perf script --ns' prints it\n"
		"  ftrace text         /sys/kernel/tracing/trace, compaction events enabled\n"
		"  compaction/records  the lwtrace module's file, or its directory\n"
		"  compaction/tasks    the module's per-task file (not with -pv)\n"
		"The kind is told from the content.  Options take one or two dashes.\n"
		"\n", tool);
	lwt_opt_help(out, opts);
	fputs("\n"
	      "The filter, the last argument that is not an option: a pid, a pid range\n"
	      "N-M, N- or -M, or an extended regular expression searched for in the comm.\n"
	      "A task is filtered by its pid and the comm of its first compaction.\n"
	      "-t, -m, -fs and -ms: the first replaces the default (all), later ones add.\n"
	      "\n"
	      "Record with:\n"
	      "  perf record -e compaction:mm_compaction_begin -e compaction:mm_compaction_end \\\n"
	      "    -e compaction:mm_compaction_migratepages \\\n"
	      "    -e compaction:mm_compaction_isolate_migratepages \\\n"
	      "    -e compaction:mm_compaction_isolate_freepages -a COMMAND\n"
	      "\n"
	      "Exit status: 0 done, 1 bad or unreadable input, 2 usage error.\n", out);
}

static void free_marked(int argc, char **v)
{
	int i;

	for (i = argc + 1; i < 2 * argc + 1; i++)
		free(v[i]);
	free(v);
}

/*
 * "-200" is an open pid range, as for the 2026 port (argparse), not an
 * option: mark such operands so that getopt leaves them alone.  Not the
 * argument of an option that takes one.  The copies made are at the end
 * of the array, after its NULL, where getopt's permutation does not go.
 */
static char **mark_ranges(int argc, char **argv)
{
	char **v = calloc(2 * argc + 1, sizeof(*v));
	const char *prev, *name;
	int i;

	if (!v)
		return NULL;
	for (i = 0; i < argc; i++) {
		v[i] = argv[i];
		if (i == 0 || argv[i][0] != '-' || !argv[i][1] ||
		    strspn(argv[i] + 1, "0123456789") != strlen(argv[i] + 1))
			continue;
		prev = argv[i - 1];
		name = prev + (prev[1] == '-' ? 2 : 1);
		if (prev[0] == '-' && *name && !strchr(name, '=') &&
		    (!strncmp("input", name, strlen(name)) ||
		     !strncmp("format", name, strlen(name))))
			continue;
		if (asprintf(&v[argc + 1 + i], "%c%s", MARK, argv[i]) < 0) {
			v[argc + 1 + i] = NULL;
			free_marked(argc, v);
			return NULL;
		}
		v[i] = v[argc + 1 + i];
	}
	return v;
}

/* Run perf script on a perf.data file; its output is the input. */
static FILE *perf_script(const char *file, pid_t *pid, struct lwt_err *err)
{
	const char *perf = getenv("PERF") ? getenv("PERF") : "perf";
	char *const argv[] = {
		(char *)perf, "script", "-i", (char *)file, "--ns", "-F",
		PERF_FIELDS, NULL,
	};
	posix_spawn_file_actions_t fa;
	int fds[2], rc;
	FILE *in;

	if (pipe(fds))
		return lwt_errf(err, NULL, 0, "pipe: %s", strerror(errno)), NULL;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, fds[1], STDOUT_FILENO);
	posix_spawn_file_actions_addclose(&fa, fds[0]);
	posix_spawn_file_actions_addclose(&fa, fds[1]);
	rc = posix_spawnp(pid, perf, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	close(fds[1]);
	if (rc) {
		close(fds[0]);
		lwt_errf(err, file, 0,
			 "a perf.data file, and %s cannot be run (%s): install perf (linux-perf), or give 'perf script --ns' text",
			 perf, strerror(rc));
		return NULL;
	}
	in = fdopen(fds[0], "r");
	if (!in) {
		lwt_errf(err, NULL, 0, "%s", strerror(errno));
		close(fds[0]);
		waitpid(*pid, NULL, 0);
	}
	return in;
}

static int perf_done(pid_t pid, const char *file, struct lwt_err *err)
{
	int status;

	if (waitpid(pid, &status, 0) < 0)
		return lwt_errf(err, NULL, 0, "waitpid: %s", strerror(errno));
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		return lwt_errf(err, file, 0, "perf script failed (exit %d)",
				WEXITSTATUS(status));
	return lwt_errf(err, file, 0, "perf script was killed by signal %d",
			WTERMSIG(status));
}

static bool is_perf_data(const char *line, ssize_t len)
{
	return len >= 8 && (!memcmp(line, "PERFILE2", 8) || !memcmp(line, "PERFFILE", 8));
}

/*
 * Read the input into @ct.  @name is set to what errors and warnings call
 * the input.  Return: 0, or -1 with @err set.
 */
static int read_input(struct lwt_ct *ct, const char *input, char **name,
		      struct lwt_err *err)
{
	FILE *in = stdin;
	char *line = NULL, *path = NULL, *perf_name = NULL;
	size_t cap = 0;
	ssize_t len;
	unsigned long lineno = 0;
	pid_t perf = 0;
	struct stat st;
	int rc = 0;

	if (strcmp(input, "-")) {
		if (stat(input, &st) == 0 && S_ISDIR(st.st_mode)) {
			if (asprintf(&path, "%s/records", input) < 0)
				return lwt_errf(err, NULL, 0, "out of memory");
			if (access(path, F_OK))
				rc = lwt_errf(err, input, 0,
					      "%s, and not the module's compaction directory (no records file)",
					      strerror(EISDIR));
		} else {
			path = strdup(input);
			if (!path)
				return lwt_errf(err, NULL, 0, "out of memory");
		}
		*name = path;
		if (rc)
			return rc;
		if (lwt_open_input(path, &in, err))
			return -1;
	} else {
		*name = strdup("<stdin>");
		if (!*name)
			return lwt_errf(err, NULL, 0, "out of memory");
	}

	len = getline(&line, &cap, in);
	if (len > 0 && is_perf_data(line, len)) {
		if (in == stdin) {
			rc = lwt_errf(err, *name, 0,
				      "perf.data on standard input: name the file with -i");
			goto out;
		}
		fclose(in);
		in = perf_script(path, &perf, err);
		if (!in) {
			rc = -1;
			goto out;
		}
		if (asprintf(&perf_name, "%s (perf script)", path) < 0) {
			rc = lwt_errf(err, NULL, 0, "out of memory");
			goto out;
		}
		len = getline(&line, &cap, in);
	}
	for (; len >= 0; len = getline(&line, &cap, in)) {
		rc = lwt_ct_parse_line(ct, line, perf_name ? perf_name : *name, ++lineno, err);
		if (rc)
			break;
	}
	if (!rc && ferror(in))
		rc = lwt_errf(err, *name, 0, "%s", strerror(errno));
out:
	free(line);
	if (in && in != stdin)
		fclose(in);
	if (perf && perf_done(perf, path, rc ? NULL : err) && !rc)
		rc = -1;
	free(perf_name);
	return rc;
}

static void warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void warn(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: warning: ", tool);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

/* Say on stderr where the numbers may be incomplete or coarse. */
static void warnings(const struct lwt_ct *ct, const char *name)
{
	const struct lwt_ct_loss *l = &ct->loss;

	if (ct->kind == LWT_CT_UNKNOWN) {
		fprintf(stderr, "%s: %s: no compaction events%s\n", tool, name,
			ct->nlines ? "" : " (the input is empty)");
		return;
	}
	if ((ct->kind == LWT_CT_FTRACE || ct->kind == LWT_CT_PERF) && !ct->nevents)
		fprintf(stderr, "%s: %s: no compaction events (were the compaction events enabled?)\n",
			tool, name);
	if (l->dropped > 0)
		warn("%s: the module dropped %lld events ('# dropped'): the counts are low",
		     name, l->dropped);
	if (l->unmatched > 0)
		warn("%s: %lld events came with no compaction begun ('# unmatched'): they are not counted",
		     name, l->unmatched);
	if (l->table_full > 0)
		warn("%s: the module's task table was full %lld times ('# table_full'): tasks are missing",
		     name, l->table_full);
	if (l->lost)
		warn("%s: the trace lost %llu events: the counts are low", name, l->lost);
	if (l->overwritten)
		warn("%s: the trace buffer overwrote %llu events: the counts are low",
		     name, l->overwritten);
	else if (l->buffer_started)
		warn("%s: a CPU's trace buffer wrapped: its earlier events are lost", name);
	if (ct->ts_raw)
		warn("%s: timestamps without decimals (a counter trace_clock?): times are in its units",
		     name);
	else if (ct->kind == LWT_CT_PERF && ct->ts_digits < 9)
		warn("%s: timestamps to 1e-%d s: use 'perf script --ns' for exact times",
		     name, ct->ts_digits);
}

/* Everything but the parsing of the command line. */
static int report(const struct args *a, const char *farg)
{
	struct lwt_ct_filter filter;
	struct lwt_ct ct;
	struct lwt_err err;
	char *name = NULL;
	int ret = 1;

	if (lwt_ct_filter_init(&filter, farg, &err)) {
		fprintf(stderr, "%s: %s\nusage: %s " SYNOPSIS "\n", tool, err.msg, tool);
		return 2;
	}
	lwt_ct_init(&ct, a->proc, &filter, stderr);
	if (read_input(&ct, a->input, &name, &err) || lwt_ct_finish(&ct, &err)) {
		fprintf(stderr, "%s: %s\n", tool, err.msg);
		goto out;
	}
	if (ct.kind == LWT_CT_TASKS && a->proc == LWT_CT_PROC_VERBOSE) {
		lwt_usage_error(stderr, tool,
				"-pv needs one line per compaction, and %s is a compaction/tasks file: give compaction/records",
				name);
		ret = 2;
		goto out;
	}
	if (a->format == FMT_CSV)
		lwt_ct_print_csv(stdout, &ct);
	else if (a->format == FMT_JSON)
		lwt_ct_print_json(stdout, &ct);
	else
		lwt_ct_print_text(stdout, &ct, a->disp, a->us);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "%s: cannot write the output: %s\n", tool, strerror(errno));
		goto out;
	}
	warnings(&ct, name);
	ret = 0;
out:
	lwt_ct_free(&ct);
	lwt_ct_filter_free(&filter);
	free(name);
	return ret;
}

int main(int argc, char **argv)
{
	struct args a = { .disp = LWT_CT_DISP_ALL, .input = "perf.data" };
	struct lwt_err err;
	const char *farg = NULL;
	char **av;
	int first, ret;

	av = mark_ranges(argc, argv);
	if (!av) {
		fprintf(stderr, "%s: out of memory\n", tool);
		return 1;
	}
	first = lwt_opt_parse(opts, argc, av, on_opt, &a, &err);
	if (first < 0) {
		lwt_usage_error(stderr, tool, "%s", err.msg);
		ret = 2;
	} else if (a.help) {
		usage(stdout);
		ret = 0;
	} else if (a.version) {
		printf("%s %s\n", tool, LWT_VERSION);
		ret = 0;
	} else {
		/* the last operand, as in the original; "-N" unmarked */
		if (first < argc)
			farg = av[argc - 1][0] == MARK ? av[argc - 1] + 1 : av[argc - 1];
		ret = report(&a, farg);
	}
	free_marked(argc, av);
	return ret;
}
