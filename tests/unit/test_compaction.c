// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/compaction.h"
#include "suites.h"

static struct lwt_err err;

/* Feed @text to a new state; return its text report (-p/-pv per @proc). */
static char *report(const char *text, enum lwt_ct_proc proc, const char *farg,
		    unsigned int disp, bool us, char **warnings, struct lwt_ct *keep)
{
	struct lwt_ct_filter f;
	struct lwt_ct ct;
	char *out = NULL, *wbuf = NULL;
	size_t olen = 0, wlen = 0;
	FILE *o = open_memstream(&out, &olen), *w = open_memstream(&wbuf, &wlen);
	FILE *in = fmemopen((void *)text, strlen(text), "r");

	ck_assert_int_eq(lwt_ct_filter_init(&f, farg, &err), 0);
	lwt_ct_init(&ct, proc, &f, w);
	ck_assert_msg(lwt_ct_parse_stream(&ct, in, "t", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(lwt_ct_finish(&ct, &err), 0);
	lwt_ct_print_text(o, &ct, disp, us);
	fclose(o);
	fclose(w);
	fclose(in);
	if (keep) {
		*keep = ct;
		keep->filter = NULL;
	} else {
		lwt_ct_free(&ct);
	}
	lwt_ct_filter_free(&f);
	if (warnings)
		*warnings = wbuf;
	else
		free(wbuf);
	return out;
}

/* The parse error of @text, "" if none. */
static const char *parse_error(const char *text)
{
	struct lwt_ct ct;
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	int rc;

	lwt_ct_init(&ct, LWT_CT_PROC_VERBOSE, NULL, NULL);
	rc = lwt_ct_parse_stream(&ct, in, "f", &err);
	fclose(in);
	lwt_ct_free(&ct);
	return rc ? err.msg : "";
}

START_TEST(set_type_like_the_original)
{
	unsigned int d;

	d = LWT_CT_DISP_ALL;
	lwt_ct_set_type(&d, LWT_CT_DISP_TIME);
	ck_assert_uint_eq(d, 0);			/* -t */
	lwt_ct_set_type(&d, LWT_CT_DISP_MIG);
	ck_assert_uint_eq(d, 1);			/* -t -m */
	d = LWT_CT_DISP_ALL;
	lwt_ct_set_type(&d, LWT_CT_DISP_MIG);
	lwt_ct_set_type(&d, LWT_CT_DISP_TIME);
	ck_assert_uint_eq(d, 1);			/* -m -t */
	lwt_ct_set_type(&d, LWT_CT_DISP_ISOLFREE);
	ck_assert_uint_eq(d, 3);			/* -m -t -fs */
	lwt_ct_set_type(&d, LWT_CT_DISP_ISOLMIG);
	ck_assert_uint_eq(d, 7);			/* all again... */
	lwt_ct_set_type(&d, LWT_CT_DISP_TIME);
	ck_assert_uint_eq(d, 0);			/* ...so -t replaces them */
}
END_TEST

START_TEST(round_half_even_on_ns)
{
	static const struct { int64_t ns, us; } t[] = {
		{ 0, 0 }, { 499, 0 }, { 500, 0 }, { 501, 1 }, { 1499, 1 },
		{ 1500, 2 }, { 2500, 2 }, { 3500, 4 }, { 22641995, 22642 },
		{ 999999500, 1000000 }, { 999998500, 999998 },
		{ -1, 0 }, { -500, 0 }, { -501, -1 }, { -1500, -2 }, { -2500, -2 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++)
		ck_assert_msg(lwt_ct_round_us(t[i].ns) == t[i].us, "%lld -> %lld, not %lld",
			      (long long)t[i].ns, (long long)lwt_ct_round_us(t[i].ns),
			      (long long)t[i].us);
}
END_TEST

/* skip(FILTER, PID, COMM) */
static bool skip(const char *arg, long pid, const char *comm)
{
	struct lwt_ct_filter f;
	bool r;

	ck_assert_msg(lwt_ct_filter_init(&f, arg, &err) == 0, "%s", err.msg);
	r = lwt_ct_filter_skip(&f, pid, comm);
	lwt_ct_filter_free(&f);
	return r;
}

START_TEST(filter_pids)
{
	ck_assert(!skip(NULL, 5, "a"));
	ck_assert(!skip("42", 42, "a"));
	ck_assert(skip("42", 43, "a"));
	ck_assert(skip("42", 41, "a"));
	ck_assert(!skip("10-20", 10, "a"));
	ck_assert(!skip("10-20", 20, "a"));
	ck_assert(skip("10-20", 21, "a"));
	ck_assert(skip("10-20", 9, "a"));
	ck_assert(!skip("-20", 0, "a"));		/* open below */
	ck_assert(skip("-20", 21, "a"));
	ck_assert(!skip("10-", 999999, "a"));		/* open above */
	ck_assert(skip("10-", 9, "a"));
	ck_assert(!skip("-", 7, "a"));			/* both open */
	ck_assert(!skip("0", 7, "a"));			/* high 0: no bound */
	ck_assert(!skip("0-0", 7, "a"));
	ck_assert(skip("20-10", 15, "a"));		/* empty */
	ck_assert(!skip("007", 7, "a"));
	ck_assert(!skip("12\n", 12, "a"));		/* Python's $ */
	ck_assert(skip("99999999999999999999999", 7, "a"));	/* saturates */
}
END_TEST

START_TEST(filter_comm_regex)
{
	struct lwt_ct_filter f;

	ck_assert(!skip("ba.h$", 1, "bash"));
	ck_assert(skip("ba.h$", 1, "bashx"));
	ck_assert(!skip("sh", 1, "bash"));		/* search, not match */
	ck_assert(skip("xyz", 1, "bash"));
	ck_assert(skip("x*", 1, "bash"));		/* an empty first match */
	ck_assert(skip("", 1, "bash"));
	ck_assert(!skip("a*", 1, "aaa"));
	ck_assert(!skip("^job \\[1\\]: a-2", 1, "job [1]: a-2 b"));
	ck_assert(!skip("python\\d", 1, "python3"));	/* \d as in Python */
	ck_assert(skip("python\\D", 1, "python3"));
	ck_assert(!skip("[\\d]", 1, "d"));		/* not in brackets */
	ck_assert(!skip("1-2x", 1, "1-2x"));		/* not a pid range */
	ck_assert_int_eq(lwt_ct_filter_init(&f, "(", &err), -1);
	ck_assert_msg(!strncmp(err.msg, "invalid regex '(': ", 19), "%s", err.msg);
}
END_TEST

START_TEST(ftrace_lines)
{
	struct lwt_ct_event ev;

	ck_assert_int_eq(lwt_ct_parse_ftrace(
		"            bash-1855    [001] .....  3212.835603: mm_compaction_begin: zone_start=0x1 migrate_pfn=0x1 free_pfn=0xe00 zone_end=0x1000, mode=sync",
		&ev, "f", 1, &err), 1);
	ck_assert_int_eq(ev.type, LWT_CT_EV_BEGIN);
	ck_assert_int_eq(ev.pid, 1855);
	ck_assert_str_eq(ev.comm, "bash");
	ck_assert_uint_eq(ev.ts_ns, 3212835603000ULL);
	ck_assert_int_eq(ev.ts_digits, 6);

	/* a comm with spaces, brackets, a colon and a dash */
	ck_assert_int_eq(lwt_ct_parse_ftrace(
		"  job [1]: a-2 b-31777   [000] .....  3124.084602: mm_compaction_isolate_migratepages: range=(0x1 ~ 0x200) nr_scanned=511 nr_taken=7",
		&ev, "f", 1, &err), 1);
	ck_assert_int_eq(ev.type, LWT_CT_EV_ISOL_MIG);
	ck_assert_str_eq(ev.comm, "job [1]: a-2 b");
	ck_assert_int_eq(ev.pid, 31777);
	ck_assert_uint_eq(ev.a, 511);
	ck_assert_uint_eq(ev.b, 7);

	/* record-tgid, no irq-info flags, <...> */
	ck_assert_int_eq(lwt_ct_parse_ftrace(
		"           <...>-12      (     10) [003]   5.000001: mm_compaction_migratepages: nr_migrated=3 nr_failed=1",
		&ev, "f", 1, &err), 1);
	ck_assert_str_eq(ev.comm, "<...>");
	ck_assert_int_eq(ev.pid, 12);
	ck_assert_uint_eq(ev.a, 3);
	ck_assert_uint_eq(ev.b, 1);

	ck_assert_int_eq(lwt_ct_parse_ftrace(
		"  kcompactd0-40 [000] d..1. 9.5: mm_compaction_fast_isolate_freepages: range=(0x1 ~ 0x2) nr_scanned=9 nr_taken=8",
		&ev, "f", 1, &err), 1);
	ck_assert_int_eq(ev.type, LWT_CT_EV_FAST_ISOL_FREE);
	ck_assert_uint_eq(ev.ts_ns, 9500000000ULL);

	/* other events and lines: not counted, not errors */
	ck_assert_int_eq(lwt_ct_parse_ftrace(
		"  bash-1 [000] ..... 1.000001: mm_compaction_suitable: node=0 zone=DMA order=9 ret=skipped",
		&ev, "f", 1, &err), 0);
	ck_assert_int_eq(lwt_ct_parse_ftrace(
		"  bash-1 [000] ..... 1.000001: sched_switch: prev_comm=bash",
		&ev, "f", 1, &err), 0);
	ck_assert_int_eq(lwt_ct_parse_ftrace("# tracer: nop", &ev, "f", 1, &err), 0);

	/* a counted event without its numbers */
	ck_assert_int_eq(lwt_ct_parse_ftrace(
		"  bash-1 [000] ..... 1.000001: mm_compaction_migratepages: nr_migrated=1",
		&ev, "x.trace", 7, &err), -1);
	ck_assert_str_eq(err.msg, "x.trace:7: mm_compaction_migratepages event without nr_failed=N");
}
END_TEST

START_TEST(perf_lines)
{
	struct lwt_ct_event ev;

	ck_assert_int_eq(lwt_ct_parse_perf(
		"              sh 28133 [000]  2952.480243:                compaction:mm_compaction_begin: zone_start=0x1 migrate_pfn=0x1 free_pfn=0xe00 zone_end=0x1000, mode=sync",
		&ev, "f", 1, &err), 1);
	ck_assert_int_eq(ev.type, LWT_CT_EV_BEGIN);
	ck_assert_int_eq(ev.pid, 28133);
	ck_assert_str_eq(ev.comm, "sh");
	ck_assert_uint_eq(ev.ts_ns, 2952480243000ULL);
	ck_assert_int_eq(ev.ts_digits, 6);

	/* --ns, pid/tid (the tid counts), a comm with spaces, no cpu */
	ck_assert_int_eq(lwt_ct_parse_perf(
		"  job [1]: a-2 b  1821/1823  3209.811451217:   compaction:mm_compaction_isolate_freepages: range=(0x1 ~ 0x200) nr_scanned=511 nr_taken=2",
		&ev, "f", 1, &err), 1);
	ck_assert_str_eq(ev.comm, "job [1]: a-2 b");
	ck_assert_int_eq(ev.pid, 1823);
	ck_assert_uint_eq(ev.ts_ns, 3209811451217ULL);
	ck_assert_int_eq(ev.ts_digits, 9);
	ck_assert_int_eq(ev.type, LWT_CT_EV_ISOL_FREE);
	ck_assert_uint_eq(ev.a, 511);
	ck_assert_uint_eq(ev.b, 2);

	ck_assert_int_eq(lwt_ct_parse_perf(
		"         python3  1823 [001]  3209.8: compaction:mm_compaction_end: zone_start=0x1 migrate_pfn=0xe00 free_pfn=0xe00 zone_end=0x1000, mode=sync status=complete",
		&ev, "f", 1, &err), 1);
	ck_assert_int_eq(ev.type, LWT_CT_EV_END);

	ck_assert_int_eq(lwt_ct_parse_perf(
		"         python3  1823 [001]  3209.8: sched:sched_switch: prev_comm=python3",
		&ev, "f", 1, &err), 0);
	ck_assert_int_eq(lwt_ct_parse_perf(
		"  sh 7 [000] 1.000001: compaction:mm_compaction_migratepages: nr_failed=1",
		&ev, "s.txt", 2, &err), -1);
	ck_assert_str_eq(err.msg, "s.txt:2: mm_compaction_migratepages event without nr_migrated=N");
}
END_TEST

#define FT(pid, ts, ev) "  bash-" #pid " [000] ..... " ts ": " ev "\n"
#define BEGIN		"mm_compaction_begin: zone_start=0x1 migrate_pfn=0x1 free_pfn=0xe00 zone_end=0x1000, mode=sync"
#define END		"mm_compaction_end: zone_start=0x1 migrate_pfn=0x1 free_pfn=0xe00 zone_end=0x1000, mode=sync status=complete"
#define MIG(a, b)	"mm_compaction_migratepages: nr_migrated=" #a " nr_failed=" #b
#define FREE(a, b)	"mm_compaction_isolate_freepages: range=(0x1 ~ 0x2) nr_scanned=" #a " nr_taken=" #b
#define MSCAN(a, b)	"mm_compaction_isolate_migratepages: range=(0x1 ~ 0x2) nr_scanned=" #a " nr_taken=" #b
#define FAST(a, b)	"mm_compaction_fast_isolate_freepages: range=(0x1 ~ 0x2) nr_scanned=" #a " nr_taken=" #b

START_TEST(matching_like_the_original)
{
	static const char trace[] =
		"# tracer: nop\n"
		FT(7, "1.000010", MIG(1, 1))		/* pid never begun */
		FT(5, "1.000020", BEGIN)
		FT(5, "1.000030", MIG(3, 1))
		FT(5, "1.000031", FREE(10, 4))
		FT(5, "1.000032", MSCAN(20, 5))
		FT(5, "1.000033", FAST(99, 98))		/* not shown in text */
		FT(5, "1.001520", END)
		FT(5, "1.001600", MIG(1, 1))		/* none open */
		FT(5, "1.001700", END)			/* none open */
		FT(5, "1.001800", FAST(1, 1))		/* no message: no handler */
		FT(6, "1.002000", BEGIN)
		FT(6, "1.002100", BEGIN)		/* starts it again */
		FT(6, "1.004600", END)
		FT(8, "1.005000", BEGIN);		/* never ends */
	struct lwt_ct ct;
	char *w, *out = report(trace, LWT_CT_PROC_VERBOSE, NULL, LWT_CT_DISP_ALL, false, &w, &ct);

	ck_assert_str_eq(out,
		"total: 4000000ns migration: moved=3 failed=1 free_scanner: scanned=10 isolated=4 migration_scanner: scanned=20 isolated=5\n"
		"5[bash]: 1500000ns migration: moved=3 failed=1 free_scanner: scanned=10 isolated=4 migration_scanner: scanned=20 isolated=5\n"
		"5[bash].1: 1500000ns migration: moved=3 failed=1 free_scanner: scanned=10 isolated=4 migration_scanner: scanned=20 isolated=5\n"
		"6[bash]: 2500000ns migration: moved=0 failed=0 free_scanner: scanned=0 isolated=0 migration_scanner: scanned=0 isolated=0\n"
		"6[bash].1: 2500000ns migration: moved=0 failed=0 free_scanner: scanned=0 isolated=0 migration_scanner: scanned=0 isolated=0\n"
		"8[bash]: 0ns migration: moved=0 failed=0 free_scanner: scanned=0 isolated=0 migration_scanner: scanned=0 isolated=0\n");
	ck_assert_str_eq(w,
		"missing start compaction event for pid 7\n"
		"missing start compaction event for pid 5\n"
		"missing start compaction event for pid 5\n");
	ck_assert_uint_eq(ct.loss.missing_begin, 3);
	ck_assert_uint_eq(ct.loss.open_at_end, 1);
	ck_assert(ct.ff_counted);
	ck_assert_uint_eq(ct.total.ff_scanned, 99);
	ck_assert_int_eq(ct.kind, LWT_CT_FTRACE);
	ck_assert_int_eq(ct.ts_digits, 6);
	lwt_ct_free(&ct);
	free(out);
	free(w);
}
END_TEST

START_TEST(filtered_tasks_are_silent)
{
	static const char trace[] =
		FT(5, "1.000020", BEGIN)
		FT(5, "1.000030", MIG(3, 1))
		FT(5, "1.001520", END)
		FT(5, "1.001600", END)			/* filtered: no message */
		FT(9, "1.002000", BEGIN)
		FT(9, "1.003000", END);
	char *w, *out = report(trace, LWT_CT_PROC, "9", LWT_CT_DISP_TIME, true, &w, NULL);

	ck_assert_str_eq(out, "total: 1000us \n9[bash]: 1000us \n");
	ck_assert_str_eq(w, "");
	free(out);
	free(w);
}
END_TEST

START_TEST(display_bits)
{
	static const char trace[] =
		FT(5, "1.000020", BEGIN)
		FT(5, "1.000030", MIG(3, 1))
		FT(5, "1.000031", FREE(10, 4))
		FT(5, "1.000032", MSCAN(20, 5))
		FT(5, "1.001520", END);
	char *out;

	out = report(trace, LWT_CT_PROC_DFL, NULL, LWT_CT_DISP_MIG | LWT_CT_DISP_ISOLMIG, false, NULL, NULL);
	ck_assert_str_eq(out, "total: 1500000ns migration: moved=3 failed=1 migration_scanner: scanned=20 isolated=5\n");
	free(out);
	out = report(trace, LWT_CT_PROC_DFL, NULL, LWT_CT_DISP_ISOLFREE, true, NULL, NULL);
	ck_assert_str_eq(out, "total: 1500us free_scanner: scanned=10 isolated=4\n");
	free(out);
}
END_TEST

#define REC_HDR								\
	"# version 1.0.0\n# clock sched_clock\n# dropped 2\n# unmatched 0\n# pending 1\n" \
	"# fields begin_ns end_ns pid zone_start zone_end mode status moved failed "	\
	"fs_scanned fs_isolated ms_scanned ms_isolated ff_scanned ff_isolated extra comm\n"

START_TEST(records_in_end_order)
{
	/* end order; pid 20 began first; pid 10's first comm was "old name" */
	static const char recs[] = REC_HDR
		"300 400 10 0x1 0x2 sync complete 1 0 0 0 0 0 5 5 x : new name\n"
		"100 500 20 0x1 0x2 async success 2 0 0 0 0 0 0 0 y : kcompactd0\n"
		"200 600 10 0x1 0x2 sync complete 4 0 0 0 0 0 0 0 z : old name\n";
	struct lwt_ct ct;
	char *out = report(recs, LWT_CT_PROC_VERBOSE, NULL, LWT_CT_DISP_MIG, false, NULL, &ct);

	ck_assert_str_eq(out,
		"total: 900ns migration: moved=7 failed=0\n"
		"20[kcompactd0]: 400ns migration: moved=2 failed=0\n"
		"20[kcompactd0].1: 400ns migration: moved=2 failed=0\n"
		"10[old name]: 500ns migration: moved=5 failed=0\n"
		"10[old name].1: 400ns migration: moved=4 failed=0\n"
		"10[old name].2: 100ns migration: moved=1 failed=0\n");
	ck_assert_int_eq(ct.kind, LWT_CT_RECORDS);
	ck_assert_str_eq(ct.clock, "sched_clock");
	ck_assert_int_eq(ct.loss.dropped, 2);
	ck_assert_int_eq(ct.loss.pending, 1);
	ck_assert_int_eq(ct.loss.table_full, -1);
	ck_assert(ct.ff_counted);
	ck_assert_uint_eq(ct.total.ff_scanned, 5);
	lwt_ct_free(&ct);
	free(out);

	/* the filter sees the comm of the first compaction */
	out = report(recs, LWT_CT_PROC, "^old", LWT_CT_DISP_TIME, false, NULL, NULL);
	ck_assert_str_eq(out, "total: 500ns \n10[old name]: 500ns \n");
	free(out);
	out = report(recs, LWT_CT_PROC, "new", LWT_CT_DISP_TIME, false, NULL, NULL);
	ck_assert_str_eq(out, "total: 0ns \n");
	free(out);
}
END_TEST

START_TEST(tasks_file)
{
	static const char tasks[] =
		"# version 1.3.0\n# table_full 0\n# unknown_tag 7\n"
		"# fields pid compactions stall_ns moved failed fs_scanned fs_isolated ms_scanned ms_isolated comm\n"
		"42 3 104530 12 0 512 32 64 12 : bash\n"
		"7 1 -5 0 1 0 0 0 0 : a : b\n";
	struct lwt_ct ct;
	char *out = report(tasks, LWT_CT_PROC, NULL, LWT_CT_DISP_ALL, false, NULL, &ct);

	ck_assert_str_eq(out,
		"total: 104525ns migration: moved=12 failed=1 free_scanner: scanned=512 isolated=32 migration_scanner: scanned=64 isolated=12\n"
		"42[bash]: 104530ns migration: moved=12 failed=0 free_scanner: scanned=512 isolated=32 migration_scanner: scanned=64 isolated=12\n"
		"7[a : b]: -5ns migration: moved=0 failed=1 free_scanner: scanned=0 isolated=0 migration_scanner: scanned=0 isolated=0\n");
	ck_assert_int_eq(ct.kind, LWT_CT_TASKS);
	ck_assert(!ct.ff_counted);
	ck_assert_uint_eq(ct.total.compactions, 4);
	lwt_ct_free(&ct);
	free(out);
}
END_TEST

START_TEST(module_errors)
{
	ck_assert_str_eq(parse_error("# version 2.0.0\n"),
			 "f:1: format version 2.0.0: this tool reads 1.x.x");
	ck_assert_str_eq(parse_error("# version 1.0.0\n1 2 3 : x\n"),
			 "f:2: a row before the '# fields' line");
	ck_assert_str_eq(parse_error("# version 1.0.0\n# fields begin_ns end_ns pid comm\n"),
			 "f:2: '# fields' has no column moved");
	ck_assert_str_eq(parse_error("# version 1.0.0\n# fields pid moved comm\n"),
			 "f:2: '# fields' has neither begin_ns (records) nor compactions (tasks)");
	ck_assert_str_eq(parse_error("# version 1.0.0\n# fields pid compactions stall_ns moved failed fs_scanned fs_isolated ms_scanned ms_isolated\n"),
			 "f:2: the last of '# fields' is not comm");
	ck_assert_str_eq(parse_error(REC_HDR "1 2 3 : x\n"),
			 "f:7: 3 columns before the comm, not the 16 of '# fields'");
	ck_assert_str_eq(parse_error(REC_HDR "1 2 3 0x1 0x2 sync ok 1 0 0 0 0 0 5 5 x\n"),
			 "f:7: no ' : ' before the comm");
	ck_assert_str_eq(parse_error(REC_HDR "1 2 3 0x1 0x2 sync ok 1 -3 0 0 0 0 5 5 x : c\n"),
			 "f:7: failed: not a count");
	ck_assert_str_eq(parse_error(REC_HDR "1 2 x 0x1 0x2 sync ok 1 0 0 0 0 0 5 5 x : c\n"),
			 "f:7: pid: not a pid");
	ck_assert_str_eq(parse_error(REC_HDR "z 2 3 0x1 0x2 sync ok 1 0 0 0 0 0 5 5 x : c\n"),
			 "f:7: begin_ns: not a time in ns");
	ck_assert_str_eq(parse_error("# version 1.0.0\n# dropped many\n"),
			 "f:2: '# dropped many': not a count");
	ck_assert_str_eq(parse_error("hello\n"),
			 "f:1: not ftrace or perf script text of compaction events, nor an lwtrace compaction file");
	ck_assert_str_eq(parse_error("\n# a comment\n" FT(5, "1.000020", BEGIN)), "");
}
END_TEST

START_TEST(kinds_from_content)
{
	struct lwt_ct ct;
	char *out;

	out = report("\n  sh 5 [000] 1.000001: compaction:mm_compaction_begin: x\n"
		     "  sh 5 [000] 1.000004: compaction:mm_compaction_end: x\n",
		     LWT_CT_PROC_DFL, NULL, LWT_CT_DISP_TIME, false, NULL, &ct);
	ck_assert_int_eq(ct.kind, LWT_CT_PERF);
	ck_assert_str_eq(out, "total: 3000ns \n");
	lwt_ct_free(&ct);
	free(out);
	out = report("", LWT_CT_PROC_DFL, NULL, LWT_CT_DISP_TIME, false, NULL, &ct);
	ck_assert_int_eq(ct.kind, LWT_CT_UNKNOWN);
	ck_assert_str_eq(out, "total: 0ns \n");
	lwt_ct_free(&ct);
	free(out);
	out = report("# tracer: nop\n# entries-in-buffer/entries-written: 10/15   #P:2\n"
		     "CPU:1 [LOST 4 EVENTS]\n##### CPU 1 buffer started ####\n",
		     LWT_CT_PROC_DFL, NULL, LWT_CT_DISP_TIME, false, NULL, &ct);
	ck_assert_int_eq(ct.kind, LWT_CT_FTRACE);
	ck_assert_uint_eq(ct.loss.overwritten, 5);
	ck_assert_uint_eq(ct.loss.lost, 4);
	ck_assert_uint_eq(ct.loss.buffer_started, 1);
	lwt_ct_free(&ct);
	free(out);
}
END_TEST

START_TEST(csv_and_json)
{
	static const char recs[] = REC_HDR
		"100 500 20 0x1 0x2 async success 2 0 0 0 0 0 1 1 y : a,\"b\"\n";
	struct lwt_ct ct;
	char *out = NULL, *text;
	size_t len = 0;
	FILE *o;

	text = report(recs, LWT_CT_PROC_VERBOSE, NULL, LWT_CT_DISP_ALL, false, NULL, &ct);
	free(text);
	o = open_memstream(&out, &len);
	lwt_ct_print_csv(o, &ct);
	fclose(o);
	ck_assert_str_eq(out,
		"row,pid,comm,n,begin_ns,end_ns,stall_ns,compactions,moved,failed,fs_scanned,fs_isolated,ms_scanned,ms_isolated,ff_scanned,ff_isolated\n"
		"total,,,,,,400,1,2,0,0,0,0,0,1,1\n"
		"task,20,\"a,\"\"b\"\"\",,,,400,1,2,0,0,0,0,0,1,1\n"
		"compaction,20,\"a,\"\"b\"\"\",1,100,500,400,1,2,0,0,0,0,0,1,1\n");
	free(out);
	o = open_memstream(&out, &len);
	lwt_ct_print_json(o, &ct);
	fclose(o);
	ck_assert_ptr_nonnull(strstr(out, "\"source\": \"records\""));
	ck_assert_ptr_nonnull(strstr(out, "\"comm\": \"a,\\\"b\\\"\""));
	ck_assert_ptr_nonnull(strstr(out, "\"dropped\": 2, \"unmatched\": 0, \"pending\": 1, \"table_full\": null"));
	ck_assert_ptr_nonnull(strstr(out, "{\"begin_ns\": 100, \"end_ns\": 500, \"stall_ns\": 400"));
	free(out);
	lwt_ct_free(&ct);
}
END_TEST

Suite *compaction_suite(void)
{
	Suite *s = suite_create("compaction");
	TCase *tc = tcase_create("core");

	tcase_add_test(tc, set_type_like_the_original);
	tcase_add_test(tc, round_half_even_on_ns);
	tcase_add_test(tc, filter_pids);
	tcase_add_test(tc, filter_comm_regex);
	tcase_add_test(tc, ftrace_lines);
	tcase_add_test(tc, perf_lines);
	tcase_add_test(tc, matching_like_the_original);
	tcase_add_test(tc, filtered_tasks_are_silent);
	tcase_add_test(tc, display_bits);
	tcase_add_test(tc, records_in_end_order);
	tcase_add_test(tc, tasks_file);
	tcase_add_test(tc, module_errors);
	tcase_add_test(tc, kinds_from_content);
	tcase_add_test(tc, csv_and_json);
	suite_add_tcase(s, tc);
	return s;
}
