// SPDX-License-Identifier: GPL-2.0
/*
 * migrate_stats: reports from a migration_trace trace file.  A C rebuild
 * of Sony's scripts/migrate_stats (100811a): the same options and output,
 * on unsorted input too, much faster.  Documentation/migrate_stats.rst.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <uapi/lwtrace.h>
#include "lib/mig.h"
#include "lib/mtrace.h"
#include "lib/opt.h"

static const char *tool = "migrate_stats";

enum {
	OPT_BEGIN_MARK, OPT_BEGIN_SEC, OPT_BEGIN_TS, OPT_CAUSE, OPT_CAUSE_EXC,
	OPT_CHROME, OPT_COMM, OPT_COMM_EXC, OPT_CONSISTENCY, OPT_CPU_EVENT,
	OPT_CPU_EVENT_EXC, OPT_CPU_FROM, OPT_CPU_FROM_EXC, OPT_CPU_TO,
	OPT_CPU_TO_EXC, OPT_END_MARK, OPT_END_SEC, OPT_END_TS, OPT_FORMAT,
	OPT_HEADER_VERSION, OPT_HELP, OPT_HELP_FORMAT, OPT_MARK, OPT_MARK_DECIMAL,
	OPT_MAX_CPU, OPT_MIGRATE, OPT_PERIOD, OPT_PERIOD_ALL, OPT_PERIOD_CAUSE,
	OPT_PERIOD_CPU, OPT_PERIOD_CPU_PAIR, OPT_PERIOD_HUMAN, OPT_PID,
	OPT_PID_EXC, OPT_PS, OPT_STATS, OPT_SUMMARY_PID, OPT_TS_ABS, OPT_TS_DATE,
	OPT_TS_GMT, OPT_TS_LOC, OPT_TS_REL, OPT_VERSION,
};

static const struct lwt_opt opts[] = {
	{ "begin_mark", "MARK", "ignore events before mark event MARK occurs", OPT_BEGIN_MARK },
	{ "begin_sec", "SEC", "ignore events before SEC seconds", OPT_BEGIN_SEC },
	{ "begin_ts", "0xABS", "ignore events before absolute timestamp 0xABS", OPT_BEGIN_TS },
	{ "cause", "CAUSE", "include migrate events resulting from CAUSE", OPT_CAUSE },
	{ "cause_exclude", "CAUSE", "exclude migrate events resulting from CAUSE", OPT_CAUSE_EXC },
	{ "chrome-trace", "OUT", "write migrations and marks to OUT as Chrome/Perfetto JSON", OPT_CHROME },
	{ "comm", "COMM", "include migrate events for processes named COMM", OPT_COMM },
	{ "comm_exclude", "COMM", "exclude migrate events for processes named COMM", OPT_COMM_EXC },
	{ "consistency", NULL, "print information about consistency of trace", OPT_CONSISTENCY },
	{ "cpu_event", "CPU", "include migrate events created on CPU", OPT_CPU_EVENT },
	{ "cpu_event_exclude", "CPU", "exclude migrate events created on CPU", OPT_CPU_EVENT_EXC },
	{ "cpu_from", "CPU", "include migrate events migrating from CPU", OPT_CPU_FROM },
	{ "cpu_from_exclude", "CPU", "exclude migrate events migrating from CPU", OPT_CPU_FROM_EXC },
	{ "cpu_to", "CPU", "include migrate events migrating to CPU", OPT_CPU_TO },
	{ "cpu_to_exclude", "CPU", "exclude migrate events migrating to CPU", OPT_CPU_TO_EXC },
	{ "end_mark", "MARK", "ignore events after mark event MARK occurs", OPT_END_MARK },
	{ "end_sec", "SEC", "ignore events after SEC seconds", OPT_END_SEC },
	{ "end_ts", "0xABS", "ignore events after timestamp 0xABS", OPT_END_TS },
	{ "format", "FMT", "text (default), csv or json for --stats, --summary_pid, --period_*", OPT_FORMAT },
	{ "header_version", NULL, "print information header version", OPT_HEADER_VERSION },
	{ "help", NULL, "print program usage", OPT_HELP },
	{ "help_format", NULL, "print information about data created by this program", OPT_HELP_FORMAT },
	{ "mark", NULL, "print mark events, with marks in hex", OPT_MARK },
	{ "mark_decimal", NULL, "print mark events, with marks converted to decimal", OPT_MARK_DECIMAL },
	{ "max_cpu", "CPU", "maximum cpu number in the trace file", OPT_MAX_CPU },
	{ "migrate", NULL, "print migrate events", OPT_MIGRATE },
	{ "period", "MSEC", "print migrate stats for periods of MSEC milliseconds", OPT_PERIOD },
	{ "period_all", NULL, "print migrate period stats aggregate", OPT_PERIOD_ALL },
	{ "period_cause", NULL, "print migrate period stats for each cause", OPT_PERIOD_CAUSE },
	{ "period_cpu", NULL, "print migrate period stats for each from & to cpu", OPT_PERIOD_CPU },
	{ "period_cpu_pair", NULL, "print migrate period stats for each from/to cpu", OPT_PERIOD_CPU_PAIR },
	{ "period_human", NULL, "format migrate period stats in human friendly way", OPT_PERIOD_HUMAN },
	{ "pid", "PID", "include migrate events for process PID", OPT_PID },
	{ "pid_exclude", "PID", "exclude migrate events for process PID", OPT_PID_EXC },
	{ "ps", NULL, "print events that set or change process name", OPT_PS },
	{ "stats", NULL, "print migrate and cause statistics", OPT_STATS },
	{ "summary_pid", NULL, "print migrate count for each process", OPT_SUMMARY_PID },
	{ "ts_abs", NULL, "print timestamp as absolute hex", OPT_TS_ABS },
	{ "ts_date", NULL, "include the yyyy/mm/dd in -ts_gmt and -ts_loc", OPT_TS_DATE },
	{ "ts_gmt", NULL, "print timestamp as gmt h:m:s.n", OPT_TS_GMT },
	{ "ts_loc", NULL, "print timestamp as local h:m:s.n", OPT_TS_LOC },
	{ "ts_local", NULL, "the same as --ts_loc (the original's real name)", OPT_TS_LOC },
	{ "ts_rel", NULL, "print timestamp relative to window start", OPT_TS_REL },
	{ "version", NULL, "print program version and exit", OPT_VERSION },
	{ NULL },
};

struct args {
	struct lwt_mig_opts o;
	const char	*chrome;
	bool		help, help_format, version, header_version;
};

/*
 * A MARK or 0xABS value as the original read it: Perl's oct() when it
 * starts with 0 (0x hex, 0b binary, 0 octal), decimal otherwise.
 */
static int parse_u64(const char *s, uint64_t *v)
{
	int base = 10;
	char *end;

	if (s[0] == '0' && (s[1] == 'x' || s[1] == 'X'))
		base = 16;
	else if (s[0] == '0' && (s[1] == 'b' || s[1] == 'B'))
		base = 2, s += 2;
	else if (s[0] == '0')
		base = 8;
	if (!*s || *s == '-' || *s == '+' || *s == ' ')
		return -1;
	errno = 0;
	*v = strtoull(s, &end, base);
	return errno || *end ? -1 : 0;
}

static int num_opt(struct lwt_mig_numv *v, const char *name, const char *arg,
		   long max, struct lwt_err *err)
{
	long n;

	if (lwt_parse_dec(arg, 0, max, &n))
		return lwt_errf(err, NULL, 0, "--%s: '%s' is not a decimal number in 0..%ld",
				name, arg, max);
	return lwt_mig_numv_add(v, n, err);
}

static int on_opt(void *ctx, int id, const char *arg, struct lwt_err *err)
{
	struct args *a = ctx;
	struct lwt_mig_opts *o = &a->o;
	const char *name = NULL;
	long n;

	for (n = 0; opts[n].name; n++)
		if (opts[n].id == id) {
			name = opts[n].name;
			break;
		}

	switch (id) {
	case OPT_BEGIN_MARK:
	case OPT_END_MARK:
	case OPT_BEGIN_TS:
	case OPT_END_TS: {
		uint64_t v;

		if (parse_u64(arg, &v))
			return lwt_errf(err, NULL, 0, "--%s: '%s' is not a number (0x hex, 0 octal, 0b binary or decimal)",
					name, arg);
		if (id == OPT_BEGIN_MARK)
			o->has_begin_mark = true, o->begin_mark = v;
		else if (id == OPT_END_MARK)
			o->has_end_mark = true, o->end_mark = v;
		else if (id == OPT_BEGIN_TS)
			o->has_begin_ts = true, o->begin_ts = v;
		else
			o->has_end_ts = true, o->end_ts = v;
		break;
	}
	case OPT_BEGIN_SEC:
	case OPT_END_SEC:
		/* Negative too, as the original's "=i": before the trace's start. */
		if (lwt_parse_dec(arg, -1000L * 1000 * 1000, 1000L * 1000 * 1000, &n))
			return lwt_errf(err, NULL, 0, "--%s: '%s' is not a decimal number of seconds",
					name, arg);
		if (id == OPT_BEGIN_SEC)
			o->has_begin_sec = true, o->begin_sec = n;
		else
			o->has_end_sec = true, o->end_sec = n;
		break;
	case OPT_CAUSE:
	case OPT_CAUSE_EXC:
	case OPT_COMM:
	case OPT_COMM_EXC: {
		struct lwt_mig_strv *v = id == OPT_CAUSE ? &o->cause :
				     id == OPT_CAUSE_EXC ? &o->cause_exc :
				     id == OPT_COMM ? &o->comm : &o->comm_exc;

		return lwt_mig_strv_add(v, arg, err);
	}
	case OPT_CPU_EVENT:
		return num_opt(&o->cpu_event, name, arg, LWT_MT_CPU_LIMIT - 1, err);
	case OPT_CPU_EVENT_EXC:
		return num_opt(&o->cpu_event_exc, name, arg, LWT_MT_CPU_LIMIT - 1, err);
	case OPT_CPU_FROM:
		return num_opt(&o->cpu_from, name, arg, LWT_MT_CPU_LIMIT - 1, err);
	case OPT_CPU_FROM_EXC:
		return num_opt(&o->cpu_from_exc, name, arg, LWT_MT_CPU_LIMIT - 1, err);
	case OPT_CPU_TO:
		return num_opt(&o->cpu_to, name, arg, LWT_MT_CPU_LIMIT - 1, err);
	case OPT_CPU_TO_EXC:
		return num_opt(&o->cpu_to_exc, name, arg, LWT_MT_CPU_LIMIT - 1, err);
	case OPT_PID:
		return num_opt(&o->pid, name, arg, UINT32_MAX, err);
	case OPT_PID_EXC:
		return num_opt(&o->pid_exc, name, arg, UINT32_MAX, err);
	case OPT_MAX_CPU:
		if (lwt_parse_dec(arg, 0, LWT_MT_CPU_LIMIT - 1, &o->max_cpu))
			return lwt_errf(err, NULL, 0, "--max_cpu: '%s' is not a decimal cpu number (0..%d)",
					arg, LWT_MT_CPU_LIMIT - 1);
		break;
	case OPT_PERIOD:
		if (lwt_parse_dec(arg, 0, 1000L * 1000 * 1000, &o->period_msec))
			return lwt_errf(err, NULL, 0,
					"--period: '%s' is not a decimal number of milliseconds", arg);
		if (!o->period_msec)
			return lwt_errf(err, NULL, 0, "--period requires a non-zero argument");
		break;
	case OPT_FORMAT:
		if (!strcmp(arg, "text"))
			o->format = LWT_MIG_TEXT;
		else if (!strcmp(arg, "csv"))
			o->format = LWT_MIG_CSV;
		else if (!strcmp(arg, "json"))
			o->format = LWT_MIG_JSON;
		else
			return lwt_errf(err, NULL, 0, "--format: '%s' is not text, csv or json",
					arg);
		break;
	case OPT_CHROME:
		a->chrome = arg;
		break;
	case OPT_CONSISTENCY: o->consistency = true; break;
	case OPT_MARK: o->mark = true; break;
	case OPT_MARK_DECIMAL: o->mark = o->mark_decimal = true; break;
	case OPT_MIGRATE: o->migrate = true; break;
	case OPT_PERIOD_ALL: o->period_all = true; break;
	case OPT_PERIOD_CAUSE: o->period_cause = true; break;
	case OPT_PERIOD_CPU: o->period_cpu = true; break;
	case OPT_PERIOD_CPU_PAIR: o->period_cpu_pair = true; break;
	case OPT_PERIOD_HUMAN: o->period_human = true; break;
	case OPT_PS: o->ps = true; break;
	case OPT_STATS: o->stats = true; break;
	case OPT_SUMMARY_PID: o->summary_pid = true; break;
	case OPT_TS_ABS: o->ts_abs = true; break;
	case OPT_TS_DATE: o->ts_date = true; break;
	case OPT_TS_GMT: o->ts_gmt = true; break;
	case OPT_TS_LOC: o->ts_loc = true; break;
	case OPT_TS_REL: o->ts_rel = true; break;
	case OPT_HEADER_VERSION: a->header_version = true; break;
	case OPT_HELP: a->help = true; break;
	case OPT_HELP_FORMAT: a->help_format = true; break;
	case OPT_VERSION: a->version = true; break;
	}
	return 0;
}

static void usage(FILE *out)
{
	fprintf(out,
		"usage: %s [OPTION]... [FILE]...\n"
		"\n"
		"Reports from a migration_trace trace file\n"
		"(/sys/kernel/debug/migration_trace/trace), read from the FILEs as one\n"
		"trace, or from standard input.  The input need not be sorted: each\n"
		"CPU's events are merged by timestamp.  Options take one or two dashes.\n"
		"\n", tool);
	lwt_opt_help(out, opts);
	fputs("\n"
	      "Filters are and'ed: an event must satisfy all of them to be processed.\n"
	      "--cause, --comm, --cpu_event, --cpu_from, --cpu_to and --pid, and their\n"
	      "_exclude twins, may be given more than once; each adds a value to the\n"
	      "list.  An include and an exclude filter of the same item are not valid\n"
	      "together.  The pid filters do not apply to marks.\n"
	      "\n"
	      "--begin_sec and --end_sec count from the first " LWT_START_NAME " event.\n"
	      "--begin_mark and --end_mark must be exact matches; MARK, like 0xABS, is\n"
	      "hex with 0x, octal with 0, binary with 0b, decimal otherwise.  Of several\n"
	      "--begin_* the latest begins the window; of several --end_* the first\n"
	      "found ends it.\n"
	      "\n"
	      "--ts_gmt and --ts_loc print nanoseconds, as accurate as gettimeofday()\n"
	      "(1 usec); the extra digits order events within a usec.  --max_cpu\n"
	      "overrides the '# " LWT_TAG_NR_CPUS "' tag.  Only pids with migrate events are in\n"
	      "--summary_pid.\n"
	      "\n"
	      "--period_all, --period_cause, --period_cpu and --period_cpu_pair print\n"
	      "the format of migration_stat/stat, so migrate_extract reads them; other\n"
	      "reports in the same run make the output unreadable to it.  --ts_rel (the\n"
	      "default for --period_*) is the only timestamp option of that format.\n"
	      "--format csv|json applies to --stats, --summary_pid and --period_*.\n"
	      "\n"
	      "Exit status: 0 done, 1 bad input (named file:line) or I/O error,\n"
	      "2 usage error.\n", out);
}

static void usage_format(FILE *out)
{
	static const char ts[] =
		"  TS__                timestamp\n"
		"                        [ relative timestamp: %14.9f ]\n"
		"                        [ gmt timestamp: hh:mm:ss.nnnnnnnnn ]\n"
		"                        [ local timestamp: hh:mm:ss.nnnnnnnnn ]\n"
		"                        [ absolute timestamp: 0x%016x ]\n";
	static const char pts[] =
		"  TS__                start time of the beginning of the period\n"
		"                        [ relative timestamp: %0.3f (%8.3f if --period_human)]\n"
		"                        [ gmt timestamp: hh:mm:ss.nnnnnnnnn ]\n"
		"                        [ local timestamp: hh:mm:ss.nnnnnnnnn ]\n"
		"                        [ absolute timestamp: 0x%016x ]\n";

	fprintf(out, "\n--mark\n--mark_decimal\n\nTS__ C . . PID_ mark             MARKNUM___\n\n%s"
		"  C                   cpu the event occurred on\n"
		"  PID_                the process pid\n"
		"  MARKNUM___          value of the mark\n"
		"                        if --mark then hexadecimal, as in the trace\n"
		"                        if --mark_decimal then decimal\n", ts);
	fprintf(out, "\n\n--migrate\n\nTS__ C F T PID_ COMM____________ CAUSE_________\n\n%s"
		"  C                   cpu the event occurred on\n"
		"  F                   cpu the process moved from (old_cpu)\n"
		"  T                   cpu the process moved to (new_cpu)\n"
		"  PID_                the process pid\n"
		"  COMM____________    the process name, %%-16s\n"
		"  CAUSE_________      the event that caused the cpu of the process to change\n", ts);
	fprintf(out, "\n\n--ps (" LWT_LOC_COPY_PROCESS_NAME ", " LWT_LOC_SET_TASK_COMM_NAME ", "
		LWT_LOC_TASK_LIST_NAME ")\n\n"
		"TS__ C . . PID_ EVENT___________ COMM\n\n%s"
		"  C                   cpu the event occurred on\n"
		"  PID_                the process pid\n"
		"  EVENT___________    '" LWT_LOC_COPY_PROCESS_NAME "', '" LWT_LOC_SET_TASK_COMM_NAME
		"', or '" LWT_LOC_TASK_LIST_NAME "'\n"
		"  COMM                the process name\n", ts);
	fprintf(out, "\n\n--period_cause --period_all --period_cpu --period_cpu_pair\n\n"
		"TS__ [RATE per cause...] [RATE] [RATE from cpu..., RATE to cpu...] [RATE per from/to pair...]\n\n%s"
		"  --period_cause      migrates per second for each cause, in header order\n"
		"  --period_all        migrates per second\n"
		"  --period_cpu        migrates per second from cpu 0..max, then to cpu 0..max\n"
		"  --period_cpu_pair   migrates per second from cpu 0 to cpu 0, 0 to 1, ... max to max\n"
		"  Fields come in this order and are named by '# " LWT_TAG_FIELD " N NAME' header lines;\n"
		"  RATE is %%.2f (%%7.2f if --period_human).  A final partial period is not printed.\n", pts);
	fprintf(out, "\n\n--summary_pid\n\nPID__ COUNT__  RATE___  COMM____________\n\n"
		"  PID__               the process pid\n"
		"  COUNT__             the number of migrate events for PID__\n"
		"  RATE___             the rate of migrate events per second for PID__\n"
		"  COMM____________    the process name(s) (comma separated list)\n");
	fprintf(out, "\n\n--stats\n\n"
		"  DURATION:  end, begin (relative to the first " LWT_START_NAME " and absolute)\n"
		"             and the duration of the window in seconds\n"
		"  CAUSE:     count and rate per second of each cause, and the total\n"
		"  MIGRATE:   from-cpu x to-cpu matrices of counts and of rates per second,\n"
		"             with row and column totals\n");
	fprintf(out, "\n\n--format csv: one table per report, each with a header row, separated\n"
		"by a blank line (--stats gives three: duration, cause, from/to).\n"
		"--format json: one object with the keys period, duration, causes, total,\n"
		"migrate and summary_pid, for the reports asked for.\n\n");
}

#define PROGRESS_MIN	(100ULL << 20)

static bool progress_shown;

/* On a terminal, for inputs of about 100 MB or more. */
static void progress(void *ctx, const char *phase, uint64_t done,
		     uint64_t total)
{
	if (total ? total < PROGRESS_MIN : done < PROGRESS_MIN)
		return;
	progress_shown = true;
	if (total)
		fprintf(stderr, "\r%s: %s %3u%% of %llu MB", tool, phase,
			(unsigned int)(done * 100 / total),
			(unsigned long long)(total >> 20));
	else
		fprintf(stderr, "\r%s: %s %llu MB", tool, phase,
			(unsigned long long)(done >> 20));
}

static void progress_end(void)
{
	if (progress_shown)
		fputs("\r\033[K", stderr);
	progress_shown = false;
}

/* Reports other than --header_version. */
static bool other_reports(const struct args *a)
{
	const struct lwt_mig_opts *o = &a->o;

	return o->consistency || o->mark || o->mark_decimal || o->migrate ||
	       o->ps || o->stats || o->summary_pid || o->period_all ||
	       o->period_cause || o->period_cpu || o->period_cpu_pair ||
	       a->chrome;
}

/*
 * Whether the reader may skip its first pass and start the events again
 * (LWT_MT_AGAIN) if the input is not one run after all: see
 * lwt_mig_may_restart(); and not for --chrome (the file is opened before
 * the analysis starts) or --header_version (it needs the whole header).
 */
static bool may_restart(const struct args *a)
{
	return lwt_mig_may_restart(&a->o) && !a->chrome && !a->header_version;
}

static bool has_header(const struct lwt_mt_header *h)
{
	int loc;

	if (h->has_version || h->nr_cpus >= 0 || h->dropped >= 0)
		return true;
	for (loc = 0; loc < LWT_MT_LOC_LIMIT; loc++)
		if (h->name[loc])
			return true;
	return false;
}

static const char *input_name(int nfiles, char **files)
{
	if (!nfiles || (nfiles == 1 && !strcmp(files[0], "-")))
		return "standard input";
	return nfiles == 1 ? files[0] : "the input files";
}

static int run(struct args *a, int nfiles, char **files)
{
	struct lwt_mt_reader r = { 0 };
	struct lwt_mt_event ev;
	struct lwt_mig *m = NULL;
	struct lwt_err err;
	int rc, ret = 1;

	if (isatty(STDERR_FILENO))
		r.progress = progress;
	r.may_restart = may_restart(a) && !getenv("LWT_TWO_PASSES");
	if (lwt_mt_open(&r, (const char *const *)files, nfiles, &err)) {
		progress_end();
		fprintf(stderr, "%s: %s\n", tool, err.msg);
		goto out;
	}
	if (!r.nlines && !has_header(&r.hdr)) {
		fprintf(stderr, "%s: %s: empty, not a migration_trace trace\n", tool,
			input_name(nfiles, files));
		goto out;
	}
	/*
	 * As the original: the version alone if the trace has one; if not,
	 * the other reports, as if --header_version had not been given.
	 */
	if (a->header_version && r.hdr.has_version) {
		printf("%s\n", r.hdr.version);
		ret = 0;
		goto out;
	}
	if (a->header_version) {
		fprintf(stderr, "%s: %s%s: no '# %s' tag in the trace\n", tool,
			other_reports(a) ? "warning: " : "",
			input_name(nfiles, files), LWT_TAG_VERSION);
		if (!other_reports(a))
			goto out;
	}
	if (!r.nlines)
		fprintf(stderr, "%s: warning: %s: the trace has a header but no events\n",
			tool, input_name(nfiles, files));
	if (a->chrome) {
		a->o.chrome = fopen(a->chrome, "w");
		if (!a->o.chrome) {
			fprintf(stderr, "%s: %s: %s\n", tool, a->chrome, strerror(errno));
			goto out;
		}
	}
	if (lwt_mig_new(&m, &a->o, &r.hdr, stdout, &err)) {
		lwt_usage_error(stderr, tool, "%s", err.msg);
		ret = 2;
		goto out;
	}
	while ((rc = lwt_mt_next(&r, &ev, &err)) > 0) {
		if (rc == LWT_MT_AGAIN) {
			/* Not one run after all: the events start again. */
			lwt_mig_free(m);
			m = NULL;
			if (lwt_mig_new(&m, &a->o, &r.hdr, stdout, &err)) {
				rc = -1;
				break;
			}
			continue;
		}
		rc = lwt_mig_event(m, &ev, &err);
		if (rc)
			break;
	}
	progress_end();
	if (rc < 0 || lwt_mig_finish(m, &err)) {
		fprintf(stderr, "%s: %s\n", tool, err.msg);
		goto out;
	}
	if (r.hdr.dropped > 0)
		fprintf(stderr, "%s: warning: the trace says %lld events were dropped ('# %s'); counts are low\n",
			tool, r.hdr.dropped, LWT_TAG_DROPPED);
	ret = 0;
out:
	lwt_mig_free(m);
	lwt_mt_close(&r);
	if (a->o.chrome && fclose(a->o.chrome)) {
		fprintf(stderr, "%s: %s: %s\n", tool, a->chrome, strerror(errno));
		ret = 1;
	}
	return ret;
}

int main(int argc, char **argv)
{
	static char obuf[1 << 16];
	struct args a = { .o.max_cpu = -1 };
	struct lwt_err err;
	int first, ret;

	first = lwt_opt_parse_nocase(opts, argc, argv, on_opt, &a, &err);
	if (first < 0) {
		lwt_usage_error(stderr, tool, "%s", err.msg);
		ret = 2;
		goto out;
	}
	if (a.help || a.help_format) {
		if (a.help)
			usage(stdout);
		if (a.help_format)
			usage_format(stdout);
		ret = 0;
		goto out;
	}
	if (a.version) {
		printf("%s %s\n", tool, LWT_VERSION);
		ret = 0;
		goto out;
	}
	if (lwt_mig_check_opts(&a.o, &err)) {
		lwt_usage_error(stderr, tool, "%s", err.msg);
		ret = 2;
		goto out;
	}
	if (!a.header_version && !other_reports(&a)) {
		lwt_usage_error(stderr, tool,
				"nothing to do: give a report, such as --stats, --migrate, --summary_pid or --period MSEC --period_all");
		ret = 2;
		goto out;
	}
	setvbuf(stdout, obuf, _IOFBF, sizeof(obuf));
	ret = run(&a, argc - first, argv + first);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "%s: cannot write the output: %s\n", tool, strerror(errno));
		ret = 1;
	}
out:
	lwt_mig_opts_free(&a.o);
	return ret;
}
