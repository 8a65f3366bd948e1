// SPDX-License-Identifier: GPL-2.0
/* migration_trace reader (lib/mtrace.c) and analysis (lib/mig.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "lib/mig.h"
#include "lib/mtrace.h"
#include "suites.h"

#define HDR "# version 1.0.0\n# nr_cpus 4\n# ts_field 1\n" \
	    "# cause 1 __migrate_task\n# cause 5 try_to_wake_up\n" \
	    "# loc 16 copy_process\n# loc 17 set_task_comm\n# loc 18 task_list\n" \
	    "# loc 19 mark\n"

static const char *const name = "t.trace";
static struct lwt_err err;

static int open_text_restart(struct lwt_mt_reader *r, const char *text,
			     bool may_restart)
{
	int fd = memfd_create("t", 0), ret;

	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	lseek(fd, 0, SEEK_SET);
	memset(r, 0, sizeof(*r));
	r->may_restart = may_restart;
	ret = lwt_mt_open_fds(r, &fd, &name, 1, &err);
	return ret;
}

static int open_text(struct lwt_mt_reader *r, const char *text)
{
	return open_text_restart(r, text, false);
}

/*
 * The timestamps of all events of @text, "," separated, or "error: ...",
 * in @buf.  With @may_restart, the reader may stream (lib/mtrace.h); an
 * LWT_MT_AGAIN starts the list again.  *@restarts and *@nr_cpus are the
 * reader's at the end, *@streamed whether it streamed at the start.
 */
static char *read_order(const char *text, bool may_restart, char *buf, size_t size,
			unsigned int *restarts, bool *streamed, long *nr_cpus)
{
	struct lwt_mt_reader r;
	struct lwt_mt_event ev;
	size_t n = 0;
	int rc;

	buf[0] = '\0';
	if (open_text_restart(&r, text, may_restart)) {
		snprintf(buf, size, "error: %s", err.msg);
		lwt_mt_close(&r);
		return buf;
	}
	*streamed = r.streaming;
	while ((rc = lwt_mt_next(&r, &ev, &err)) > 0) {
		if (rc == LWT_MT_AGAIN) {
			n = 0;
			buf[0] = '\0';
			continue;
		}
		n += snprintf(buf + n, size - n, "%s%llx", n ? "," : "",
			      (unsigned long long)ev.ts);
	}
	if (rc < 0)
		snprintf(buf, size, "error: %s", err.msg);
	*restarts = r.restarts;
	*nr_cpus = r.hdr.nr_cpus;
	lwt_mt_close(&r);
	return buf;
}

/* The events of @text as the two passes give them. */
static char *order(const char *text)
{
	static char buf[1 << 16];
	unsigned int restarts;
	bool streamed;
	long nr_cpus;

	return read_order(text, false, buf, sizeof(buf), &restarts, &streamed, &nr_cpus);
}

/* The error of one data line, without a position, or "ok". */
static char *parse_err(const char *line)
{
	struct lwt_mt_header h = { .nr_cpus = -1 };
	struct lwt_mt_event ev;
	char hdr[] = HDR, *l = strdup(line), *s, *save = NULL;

	for (s = strtok_r(hdr, "\n", &save); s; s = strtok_r(NULL, "\n", &save))
		ck_assert_int_eq(lwt_mt_header_line(&h, s, NULL, 0, &err), 0);
	err.msg[0] = '\0';
	if (!lwt_mt_parse_line(&h, l, &ev, NULL, 0, &err))
		strcpy(err.msg, "ok");
	free(l);
	lwt_mt_header_free(&h);
	return err.msg;
}

START_TEST(header_tags)
{
	struct lwt_mt_reader r;

	ck_assert_int_eq(open_text(&r, HDR "# dropped 3\n# dropped 4\n# probe_cost x\n#\n"
				   "# tracer: nop\n"), 0);
	ck_assert(r.hdr.has_version);
	ck_assert_str_eq(r.hdr.version, "1.0.0");
	ck_assert_int_eq(r.hdr.nr_cpus, 4);
	ck_assert_int_eq(r.hdr.dropped, 7);
	ck_assert_int_eq(r.hdr.kind[1], LWT_MT_LOC_CAUSE);
	ck_assert_str_eq(r.hdr.name[5], "try_to_wake_up");
	ck_assert_int_eq(r.hdr.kind[16], LWT_MT_LOC_COPY_PROCESS);
	ck_assert_int_eq(r.hdr.kind[17], LWT_MT_LOC_SET_TASK_COMM);
	ck_assert_int_eq(r.hdr.kind[18], LWT_MT_LOC_TASK_LIST);
	ck_assert_int_eq(r.hdr.kind[19], LWT_MT_LOC_MARK);
	ck_assert_int_eq(r.hdr.kind[2], LWT_MT_LOC_NONE);
	ck_assert_int_eq(r.nruns, 0);
	lwt_mt_close(&r);
}
END_TEST

START_TEST(header_errors)
{
	static const struct {
		const char *text, *err;
	} t[] = {
		{ "# version 2.1.0\n", "t.trace:1: format version 2.1.0: this tool reads 1.x.x" },
		{ "# version x\n", "t.trace:1: bad version" },
		{ "# version 1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0\n", "t.trace:1: bad version" },
		{ "# nr_cpus 0\n", "t.trace:1: bad nr_cpus" },
		{ "\n# cause 300 x\n", "t.trace:2: bad '# cause' number" },
		{ "# cause 3\n", "t.trace:1: '# cause 3' without a name" },
		{ "# cause 3 a\n# cause 3 b\n", "t.trace:2: location 3 is 'b' here but 'a' before" },
		{ "# cause 3 a\n# loc 3 a\n", "t.trace:2: location 3 is 'a' here but 'a' before" },
	};
	struct lwt_mt_reader r;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		ck_assert_int_eq(open_text(&r, t[i].text), -1);
		ck_assert_msg(!strncmp(err.msg, t[i].err, strlen(t[i].err)),
			      "%s: got '%s'", t[i].text, err.msg);
		lwt_mt_close(&r);
	}
	/* the same declaration twice (two files' headers) is fine */
	ck_assert_int_eq(open_text(&r, "# cause 3 a\n# cause 3 a\n"), 0);
	lwt_mt_close(&r);
}
END_TEST

START_TEST(line_kinds)
{
	struct lwt_mt_header h = { .nr_cpus = -1 };
	struct lwt_mt_event ev;
	char hdr[] = HDR, *s, *save = NULL;
	char start[] = "0x00000000000000ff 3 . . . start_sched_clock 1700000000 000042";
	char mig[] = "0x100 2 1 3 4242 5";
	char comm[] = "0x101 0 . . 77 17 : my prog: x ";
	char empty[] = "0x102 0 . . 78 18 :";
	char mark[] = "0x103 1 . . 9 19 0x0000abcd";
	char bad[] = "0x104 1 . . x 19 0x1";

	for (s = strtok_r(hdr, "\n", &save); s; s = strtok_r(NULL, "\n", &save))
		ck_assert_int_eq(lwt_mt_header_line(&h, s, NULL, 0, &err), 0);

	ck_assert_int_eq(lwt_mt_parse_line(&h, start, &ev, NULL, 0, &err), 0);
	ck_assert_int_eq(ev.kind, LWT_MT_EV_START);
	ck_assert_int_eq(ev.ts, 0xff);
	ck_assert_int_eq(ev.cpu, 3);
	ck_assert_int_eq(ev.sec, 1700000000);
	ck_assert_int_eq(ev.usec, 42);

	ck_assert_int_eq(lwt_mt_parse_line(&h, mig, &ev, NULL, 0, &err), 0);
	ck_assert_int_eq(ev.kind, LWT_MT_EV_MIGRATE);
	ck_assert_int_eq(ev.cpu, 2);
	ck_assert_int_eq(ev.from, 1);
	ck_assert_int_eq(ev.to, 3);
	ck_assert_int_eq(ev.pid, 4242);
	ck_assert_int_eq(ev.loc, 5);

	/* the comm is the rest of the line, spaces and colons too */
	ck_assert_int_eq(lwt_mt_parse_line(&h, comm, &ev, NULL, 0, &err), 0);
	ck_assert_int_eq(ev.kind, LWT_MT_EV_COMM);
	ck_assert_int_eq(ev.loc, 17);
	ck_assert_str_eq(ev.comm, "my prog: x ");
	ck_assert_int_eq(lwt_mt_parse_line(&h, empty, &ev, NULL, 0, &err), 0);
	ck_assert_str_eq(ev.comm, "");

	ck_assert_int_eq(lwt_mt_parse_line(&h, mark, &ev, NULL, 0, &err), 0);
	ck_assert_int_eq(ev.kind, LWT_MT_EV_MARK);
	ck_assert_int_eq(ev.mark, 0xabcd);
	ck_assert_str_eq(ev.mark_tok, "0x0000abcd");
	ck_assert_int_eq(ev.pid, 9);

	/* an error names the position the caller gives */
	ck_assert_int_eq(lwt_mt_parse_line(&h, bad, &ev, "f", 9, &err), -1);
	ck_assert_str_eq(err.msg, "f:9: bad pid");
	lwt_mt_header_free(&h);
}
END_TEST

START_TEST(malformed_lines)
{
	ck_assert_str_eq(parse_err("0x10 0 0 1 5 5"), "ok");
	ck_assert_str_eq(parse_err("zz 0 0 1 5 5"), "timestamp is not a hex number");
	ck_assert_str_eq(parse_err("0x10000000000000000 0 0 1 5 5"),
			 "timestamp is not a hex number");
	ck_assert_str_eq(parse_err("0x10 9999 0 1 5 5"), "bad cpu (0..8191)");
	ck_assert_str_eq(parse_err("0x10 0 0 1 5"), "bad migrate event: cause (1..255)");
	ck_assert_str_eq(parse_err("0x10 0 0 1 5 7"),
			 "cause 7 is not in the header ('# cause 7 NAME')");
	ck_assert_str_eq(parse_err("0x10 0 0 1 5 16"), "location 16 (copy_process) is not a cause");
	ck_assert_str_eq(parse_err("0x10 0 0 1 5 5 extra"), "unexpected 'extra' after the event");
	ck_assert_str_eq(parse_err("0x10 0 0 1 -5 5"), "bad migrate event: pid");
	ck_assert_str_eq(parse_err("0x10 0 . 1 5 5"), "bad event: '.' then a number");
	ck_assert_str_eq(parse_err("0x10 0 . . 5 16 bash"), "bad copy_process event: no ': COMM'");
	ck_assert_str_eq(parse_err("0x10 0 . . 5 19 mark"), "bad mark (want 0x<hex>)");
	ck_assert_str_eq(parse_err("0x10 0 . . 5 1 0x1"),
			 "location 1 (__migrate_task) is not an event this tool knows");
	ck_assert_str_eq(parse_err("0x10 0 . . . start_sched_clock 1 1000000"),
			 "bad start event (want '. . . start_sched_clock SEC USEC')");
	ck_assert_str_eq(parse_err("0x10 0 0 1 5 5\r"), "bad migrate event: cause (1..255)");
}
END_TEST

START_TEST(merge_per_cpu_dump)
{
	/* CPU 0's block, then CPU 1's, then CPU 3's: CPU 2 had no events */
	ck_assert_str_eq(order(HDR
		"0x10 0 . . . start_sched_clock 1 0\n"
		"0x13 0 0 1 5 5\n"
		"0x16 0 0 1 5 5\n"
		"0x11 1 . . . start_sched_clock 1 0\n"
		"0x14 1 0 1 5 5\n"
		"\n"
		"0x12 3 . . . start_sched_clock 1 0\n"
		"0x15 3 0 1 5 5\n"
		"0x17 3 0 1 5 5\n"), "10,11,12,13,14,15,16,17");
}
END_TEST

START_TEST(merge_one_cpu)
{
	ck_assert_str_eq(order(HDR "0x1 0 0 1 5 5\n0x2 0 0 1 5 5\n0x2 0 0 1 6 5\n0x9 0 0 1 5 5"),
			 "1,2,2,9");
	ck_assert_str_eq(order(HDR), "");
	ck_assert_str_eq(order(""), "");
}
END_TEST

START_TEST(merge_equal_timestamps)
{
	struct lwt_mt_reader r;
	struct lwt_mt_event ev;
	unsigned int cpus[4], pids[4], i = 0;

	/* Equal timestamps: in the order of the lines' bytes, as sort(1). */
	ck_assert_int_eq(open_text(&r, HDR
		"0x5 1 0 1 30 5\n"
		"0x5 1 0 1 40 5\n"
		"0x5 0 0 1 20 5\n"
		"0x5 0 0 1 10 5\n"), 0);
	ck_assert_int_eq(r.nruns, 3);
	while (lwt_mt_next(&r, &ev, &err) > 0 && i < 4) {
		cpus[i] = ev.cpu;
		pids[i++] = ev.pid;
	}
	lwt_mt_close(&r);
	ck_assert_int_eq(i, 4);
	ck_assert_int_eq(pids[0], 10);
	ck_assert_int_eq(pids[1], 20);
	ck_assert_int_eq(pids[2], 30);
	ck_assert_int_eq(pids[3], 40);
	ck_assert_int_eq(cpus[0], 0);
	ck_assert_int_eq(cpus[3], 1);
}
END_TEST

/* The single-run read (may_restart): the events of @text, as order(). */
static char *order_streamed(const char *text, unsigned int *restarts,
			    bool *streamed, long *nr_cpus)
{
	static char buf[1 << 16];

	return read_order(text, true, buf, sizeof(buf), restarts, streamed, nr_cpus);
}

/* @n events 0x1000.. in order, of one length, with @extra after line @at. */
static char *ordered_text(int n, int at, const char *extra)
{
	static char t[1 << 17];
	size_t len = snprintf(t, sizeof(t), "%s", HDR);
	int i;

	for (i = 0; i < n; i++) {
		len += snprintf(t + len, sizeof(t) - len, "0x%04x 0 0 1 %d 5\n",
				0x1000 + i, 1000 + i);
		if (i == at)
			len += snprintf(t + len, sizeof(t) - len, "%s", extra);
	}
	return t;
}

static void check_streamed(const char *text, bool streamed_want,
			   unsigned int restarts_want)
{
	unsigned int restarts;
	bool streamed;
	long nr_cpus;
	char *two = strdup(order(text));

	ck_assert_str_eq(order_streamed(text, &restarts, &streamed, &nr_cpus), two);
	ck_assert_int_eq(streamed, streamed_want);
	ck_assert_int_eq(restarts, restarts_want);
	free(two);
}

START_TEST(stream_one_run)
{
	unsigned int restarts;
	bool streamed;
	long nr_cpus;
	const char *t = ordered_text(1000, -1, "");

	/* In order: read once, as the two passes read it. */
	check_streamed(t, true, 0);
	/* Out of order where the sniff does not look (event 530 of 1000):
	 * streamed, then read again, with the same events in the end. */
	check_streamed(ordered_text(1000, 530, "0x1005 0 0 1 7 5\n"), true, 1);
	/* Equal timestamps out of sort(1)'s order: the same. */
	check_streamed(ordered_text(1000, 530, "0x1212 0 0 1 0999 5\n"), true, 1);
	/* A raw dump (a run per CPU): the sniff sees it, no restart. */
	{
		static char raw[1 << 17];
		size_t len = snprintf(raw, sizeof(raw), "%s", HDR);
		int cpu, i;

		for (cpu = 0; cpu < 4; cpu++)
			for (i = 0; i < 250; i++)
				len += snprintf(raw + len, sizeof(raw) - len,
						"0x%04x %d 0 1 %d 5\n", 0x1000 + 4 * i + cpu,
						cpu, 1000 + i);
		check_streamed(raw, false, 0);
	}
	/* A header line after the data: read again, the whole header known. */
	t = ordered_text(1000, 998, "# nr_cpus 8\n");
	ck_assert_str_eq(order_streamed(t, &restarts, &streamed, &nr_cpus), order(t));
	ck_assert(streamed);
	ck_assert_int_eq(restarts, 1);
	ck_assert_int_eq(nr_cpus, 8);
	/* The leading header only: no events, nothing to stream. */
	check_streamed(HDR, false, 0);
}
END_TEST

/* The same in the caller's thread alone. */
START_TEST(stream_one_thread)
{
	setenv("LWT_ONE_THREAD", "1", 1);
	check_streamed(ordered_text(1000, -1, ""), true, 0);
	check_streamed(ordered_text(1000, 530, "0x1005 0 0 1 7 5\n"), true, 1);
	check_streamed(ordered_text(1000, 998, "# nr_cpus 8\n"), true, 1);
	/* A mark's line is parsed in place (a NUL after its token); the
	 * order check must see it whole: "\t" sorts before " ". */
	check_streamed(HDR "0x10 1 . . 5 19 0xab \n0x10 1 . . 5 19 0xab\t\n", true, 1);
	unsetenv("LWT_ONE_THREAD");
}
END_TEST

START_TEST(stream_errors)
{
	unsigned int restarts;
	bool streamed;
	long nr_cpus;
	static char t[1 << 17];
	char *p;

	/* A bad line in the stream is named by its line. */
	ck_assert_str_eq(order_streamed(ordered_text(1000, 600, "0xzz 0 0 1 1 5\n"),
					&restarts, &streamed, &nr_cpus),
			 "error: t.trace:611: timestamp is not a hex number");
	/* So is a line too long; 611 = 9 header lines + 601 + 1. */
	snprintf(t, sizeof(t), "%s", ordered_text(1000, 600, "0x1300 0 0 1 1 5 "));
	p = strstr(t, "0x1300 0 0 1 1 5 ") + strlen("0x1300 0 0 1 1 5 ");
	memmove(p + 5000, p, strlen(p) + 1);
	memset(p, 'x', 5000);
	ck_assert_str_eq(order_streamed(t, &restarts, &streamed, &nr_cpus),
			 "error: t.trace:611: line longer than 4096 bytes");
	ck_assert_str_eq(order(t), "error: t.trace:611: line longer than 4096 bytes");
}
END_TEST

START_TEST(merge_error_names_line)
{
	/* a bad line in the second run is reported at its own line */
	ck_assert_str_eq(order(HDR "0x3 0 0 1 5 5\n0x4 0 0 1 5 5\n0x1 1 0 1 5 5\n0x2 1 0 1 x 5\n"),
			 "error: t.trace:13: bad migrate event: pid");
	ck_assert_str_eq(order(HDR "0x3 0 0 1 5 5\nnonsense\n"),
			 "error: t.trace:11: timestamp is not a hex number");
}
END_TEST

START_TEST(merge_too_many_runs)
{
	size_t cap = (LWT_MT_RUNS_MAX + 2) * 48, n = 0;
	char *text = malloc(cap);
	struct lwt_mt_reader r;
	int i;

	for (i = LWT_MT_RUNS_MAX + 1; i > 0; i--)
		n += snprintf(text + n, cap - n, "0x%x 0 . . . start_sched_clock 1 0\n", i);
	ck_assert_int_eq(open_text(&r, text), -1);
	ck_assert_msg(strstr(err.msg, "sort the input first"), "%s", err.msg);
	lwt_mt_close(&r);
	free(text);
}
END_TEST

/* Run the analysis over @text; return its output. */
static char *analyse(struct lwt_mig_opts *o, const char *text)
{
	static char *buf;
	size_t len;
	struct lwt_mt_reader r;
	struct lwt_mt_event ev;
	struct lwt_mig *m;
	FILE *out;
	int rc;

	free(buf);
	buf = NULL;
	out = open_memstream(&buf, &len);
	ck_assert_int_eq(open_text(&r, text), 0);
	ck_assert_msg(lwt_mig_new(&m, o, &r.hdr, out, &err) == 0, "%s", err.msg);
	while ((rc = lwt_mt_next(&r, &ev, &err)) > 0)
		if ((rc = lwt_mig_event(m, &ev, &err)))
			break;
	ck_assert_msg(rc >= 0, "%s", err.msg);
	ck_assert_msg(lwt_mig_finish(m, &err) == 0, "%s", err.msg);
	lwt_mig_free(m);
	lwt_mt_close(&r);
	fclose(out);
	return buf;
}

#define WINDOW_TRACE HDR \
	"0x100 0 . . . start_sched_clock 1 0\n" \
	"0x101 0 . . 7 18 : seven\n" \
	"0x110 0 0 1 7 5\n" \
	"0x120 0 . . 7 19 0x00000001\n" \
	"0x130 0 1 2 7 5\n" \
	"0x131 0 2 3 8 1\n" \
	"0x140 0 . . 7 19 0x00000002\n" \
	"0x150 0 3 0 7 5\n"

START_TEST(mig_windows)
{
	struct lwt_mig_opts o = { .max_cpu = -1, .migrate = true };

	ck_assert_str_eq(analyse(&o, WINDOW_TRACE),
			 "0 0 1    7 seven            try_to_wake_up\n"
			 "0 1 2    7 seven            try_to_wake_up\n"
			 "0 2 3    8                  __migrate_task\n"
			 "0 3 0    7 seven            try_to_wake_up\n");
	o.has_begin_mark = o.has_end_mark = true;
	o.begin_mark = 1;
	o.end_mark = 2;
	o.ts_rel = true;
	ck_assert_str_eq(analyse(&o, WINDOW_TRACE),
			 "   0.000000016 0 1 2    7 seven            try_to_wake_up\n"
			 "   0.000000017 0 2 3    8                  __migrate_task\n");
	ck_assert_int_eq(lwt_mig_numv_add(&o.pid, 8, &err), 0);
	o.mark = true;
	ck_assert_str_eq(analyse(&o, WINDOW_TRACE),
			 "   0.000000000 0 . .    7 mark             0x00000001\n"
			 "   0.000000017 0 2 3    8                  __migrate_task\n"
			 "   0.000000032 0 . .    7 mark             0x00000002\n");
	lwt_mig_opts_free(&o);
}
END_TEST

START_TEST(mig_period_rows)
{
	struct lwt_mig_opts o = { .max_cpu = -1, .period_msec = 1, .period_all = true };
	/* 1 ms periods from the start: 2 events, 0, 1, then a partial one */
	const char *text = HDR "0x0 0 . . . start_sched_clock 100 5\n"
		"0x10 0 0 1 7 5\n0xf4240 0 0 1 7 5\n"	/* at 1.000 ms: the first period's */
		"0x2625a0 0 0 1 7 5\n"			/* 2.5 ms */
		"0x3d0900 0 0 1 7 5\n";			/* 4 ms: not printed */

	ck_assert_str_eq(analyse(&o, text),
			 "# version 1.0.0\n# period_msec 1000\n# nr_cpus 4\n# ts_field 1\n"
			 "# field 2 migrate\n# gettimeofday 100 5\n"
			 "0.000  2000.00\n0.001  0.00\n0.002  1000.00\n");
	lwt_mig_opts_free(&o);
}
END_TEST

START_TEST(mig_bad_cause)
{
	struct lwt_mig_opts o = { .max_cpu = -1 };
	struct lwt_mt_header h = { .nr_cpus = -1 };
	struct lwt_mig *m = NULL;

	ck_assert_int_eq(lwt_mig_strv_add(&o.cause, "nope", &err), 0);
	ck_assert_int_eq(lwt_mt_header_line(&h, "# cause 5 try_to_wake_up", "h", 1, &err), 0);
	ck_assert_int_eq(lwt_mig_new(&m, &o, &h, stdout, &err), -1);
	ck_assert_ptr_null(m);
	ck_assert_str_eq(err.msg, "invalid --cause: nope (the trace's causes: try_to_wake_up)");
	lwt_mig_opts_free(&o);
	lwt_mt_header_free(&h);
}
END_TEST

Suite *mtrace_suite(void)
{
	Suite *s = suite_create("mtrace");
	TCase *tc = tcase_create("reader");

	tcase_add_test(tc, header_tags);
	tcase_add_test(tc, header_errors);
	tcase_add_test(tc, line_kinds);
	tcase_add_test(tc, malformed_lines);
	tcase_add_test(tc, merge_per_cpu_dump);
	tcase_add_test(tc, merge_one_cpu);
	tcase_add_test(tc, merge_equal_timestamps);
	tcase_add_test(tc, merge_error_names_line);
	tcase_add_test(tc, merge_too_many_runs);
	tcase_add_test(tc, stream_one_run);
	tcase_add_test(tc, stream_one_thread);
	tcase_add_test(tc, stream_errors);
	suite_add_tcase(s, tc);
	tc = tcase_create("analysis");
	tcase_add_test(tc, mig_windows);
	tcase_add_test(tc, mig_period_rows);
	tcase_add_test(tc, mig_bad_cause);
	suite_add_tcase(s, tc);
	return s;
}
