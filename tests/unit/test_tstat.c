// SPDX-License-Identifier: GPL-2.0
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/tstat.h"
#include "suites.h"

#define D DATADIR "/tstat/"

static struct lwt_err err;

static int parse(struct lwt_tstat *t, const char *text)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	int ret;

	ck_assert_ptr_nonnull(in);
	lwt_tstat_init(t);
	ret = lwt_tstat_read(t, in, "in", &err);
	fclose(in);
	return ret;
}

static char *render(struct lwt_tstat *t, enum lwt_tstat_format fmt, size_t top)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	lwt_tstat_write(out, t, fmt, top);
	fclose(out);
	return buf;
}

/* @text parses, and its text report is @text again. */
static void round_trip(const char *text)
{
	struct lwt_tstat t;
	char *got;

	ck_assert_msg(parse(&t, text) == 0, "%s", err.msg);
	got = render(&t, LWT_TSTAT_TEXT, 0);
	ck_assert_str_eq(got, text);
	free(got);
	lwt_tstat_free(&t);
}

/* @text does not parse, and the error is @why. */
static void bad(const char *text, const char *why)
{
	struct lwt_tstat t;

	ck_assert_int_eq(parse(&t, text), -1);
	ck_assert_str_eq(err.msg, why);
	lwt_tstat_free(&t);
}

static const struct lwt_tstat_row *row(const struct lwt_tstat *t, const char *comm,
				       const char *site)
{
	size_t i;

	for (i = 0; i < t->nrows; i++)
		if (!strcmp(t->rows[i].comm, comm) && !strcmp(t->rows[i].site, site))
			return &t->rows[i];
	ck_abort_msg("no row %s %s", comm, site);
	return NULL;
}

/* The man page's sample of proc_timer_stats(5), v0.3. */
static const char man_page[] =
	"Timer Stats Version: v0.3\n"
	"Sample period: 1.764 s\n"
	"Collection: active\n"
	"  255,     0 swapper/3        hrtimer_start_range_ns (tick_sched_timer)\n"
	"   71,     0 swapper/1        hrtimer_start_range_ns (tick_sched_timer)\n"
	"    8,     0 swapper/0        hrtimer_start_range_ns (tick_sched_timer)\n"
	"    4,  1694 gnome-shell      mod_delayed_work_on (delayed_work_timer_fn)\n"
	"   17,     7 rcu_sched        rcu_gp_kthread (process_timeout)\n"
	"  640,     0 swapper/2        hrtimer_start_range_ns (tick_sched_timer)\n"
	"   1D,  2522 kworker/0:0      queue_delayed_work_on (delayed_work_timer_fn)\n"
	"   33,     0 swapper/2        hrtimer_start (tick_sched_timer)\n"
	"1029 total events, 583.333 events/sec\n";

START_TEST(v03_man_page_round_trip)
{
	struct lwt_tstat t;

	round_trip(man_page);
	ck_assert_int_eq(parse(&t, man_page), 0);
	ck_assert_int_eq(t.input, LWT_TSTAT_IN_V03);
	ck_assert_uint_eq(t.period_ns, 1764000000ULL);
	ck_assert(t.active);
	ck_assert_uint_eq(t.nrows, 8);
	ck_assert_uint_eq(lwt_tstat_total(&t), 1029);
	ck_assert(row(&t, "kworker/0:0", "queue_delayed_work_on")->deferrable);
	ck_assert_int_eq(row(&t, "kworker/0:0", "queue_delayed_work_on")->pid, 2522);
	ck_assert_str_eq(row(&t, "rcu_sched", "rcu_gp_kthread")->callback, "process_timeout");
	ck_assert(!row(&t, "swapper/3", "hrtimer_start_range_ns")->deferrable);
	lwt_tstat_free(&t);
}
END_TEST

START_TEST(v02_and_overflow_round_trip)
{
	round_trip("Timer Stats Version: v0.2\n"
		   "Sample period: 12.034 s\n"
		   "Overflow: 3 entries\n"
		   "   10,     1 swapper          queue_delayed_work_on (delayed_work_timer_fn)\n"
		   "  10D,     1 swapper          queue_delayed_work_on (delayed_work_timer_fn)\n"
		   "20 total events, 1.661 events/sec\n");
}
END_TEST

START_TEST(overflow_is_kept)
{
	struct lwt_tstat t;

	ck_assert_int_eq(parse(&t, "Timer Stats Version: v0.3\nSample period: 0.500 s\n"
			       "Overflow: 1234 entries\nCollection: inactive\n"
			       "0 total events\n"), 0);
	ck_assert_int_eq(t.overflow, 1234);
	ck_assert(!t.active);
	ck_assert_uint_eq(t.nrows, 0);
	lwt_tstat_free(&t);
}
END_TEST

START_TEST(comms_with_spaces_brackets_and_module_sites)
{
	static const char text[] =
		"Timer Stats Version: v0.3\n"
		"Sample period: 3.000 s\n"
		"Collection: inactive\n"
		"    7,  4242 Web Content      hrtimer_start_range_ns (hrtimer_wakeup)\n"
		"    2,  4243 a [b] c          nf_ct_fn [nf_conntrack] (gc_worker [nf_conntrack])\n"
		"    1, 12345678 fifteen-chars-x  do_nanosleep (hrtimer_wakeup)\n"
		"    1,     9                  <ffffffffc0123456> (<ffffffffc0654321>)\n"
		"11 total events, 3.666 events/sec\n";
	struct lwt_tstat t;
	const struct lwt_tstat_row *r;

	round_trip(text);
	ck_assert_int_eq(parse(&t, text), 0);
	r = row(&t, "Web Content", "hrtimer_start_range_ns");
	ck_assert_int_eq(r->count, 7);
	r = row(&t, "a [b] c", "nf_ct_fn [nf_conntrack]");
	ck_assert_str_eq(r->callback, "gc_worker [nf_conntrack]");
	ck_assert_int_eq(row(&t, "fifteen-chars-x", "do_nanosleep")->pid, 12345678);
	ck_assert_str_eq(row(&t, "", "<ffffffffc0123456>")->callback, "<ffffffffc0654321>");
	lwt_tstat_free(&t);
}
END_TEST

START_TEST(comm_not_in_its_16_columns)
{
	struct lwt_tstat t;

	/* Not from a kernel: one space after the comm, a longer comm. */
	ck_assert_int_eq(parse(&t, "Timer Stats Version: v0.3\nSample period: 1.000 s\n"
			       "Collection: inactive\n"
			       "    3, 100 bash schedule_timeout (process_timeout)\n"
			       "    4, 101 a-very-long-name-indeed fn [mod] (cb)\n"
			       "7 total events, 7.000 events/sec\n"), 0);
	ck_assert_int_eq(row(&t, "bash", "schedule_timeout")->count, 3);
	ck_assert_str_eq(row(&t, "a-very-long-name-indeed", "fn [mod]")->callback, "cb");
	lwt_tstat_free(&t);
}
END_TEST

/* The footer, as timer_stats.c computes it, for a sample period. */
static void footer(const char *period, unsigned long events, const char *want)
{
	char text[512], *got, *last;
	struct lwt_tstat t;

	snprintf(text, sizeof(text),
		 "Timer Stats Version: v0.3\nSample period: %s s\nCollection: active\n"
		 " %4lu,     1 init             do_nanosleep (hrtimer_wakeup)\n%s\n",
		 period, events, want);
	ck_assert_msg(parse(&t, text) == 0, "%s", err.msg);
	got = render(&t, LWT_TSTAT_TEXT, 0);
	last = strrchr(got, '\n');
	*last = '\0';
	last = strrchr(got, '\n') + 1;
	ck_assert_str_eq(last, want);
	free(got);
	lwt_tstat_free(&t);
}

START_TEST(events_per_sec_arithmetic)
{
	footer("1.764", 1029, "1029 total events, 583.333 events/sec");
	footer("2.000", 3, "3 total events, 1.500 events/sec");
	footer("1.000", 1, "1 total events, 1.000 events/sec");
	/* ms is the whole period: 1 event in 1.999 s is 0.500 events/sec. */
	footer("1.999", 1, "1 total events, 0.500 events/sec");
	footer("3.000", 1, "1 total events, 0.333 events/sec");
	footer("7.001", 1000000, "1000000 total events, 142836.737 events/sec");
	/* No rate under one second, as the kernel's "period.tv_sec" test. */
	footer("0.999", 50, "50 total events");
	footer("0.000", 5, "5 total events");
	footer("12.000", 0, "0 total events");
}
END_TEST

START_TEST(duplicate_entries_are_summed)
{
	struct lwt_tstat t;
	char *got;

	ck_assert_int_eq(parse(&t, "Timer Stats Version: v0.3\nSample period: 2.000 s\n"
			       "Collection: inactive\n"
			       "    3,   100 bash             schedule_timeout (process_timeout)\n"
			       "    5,   100 bash             schedule_timeout (process_timeout)\n"
			       "   1D,   100 bash             schedule_timeout (process_timeout)\n"
			       "    2,   101 bash             schedule_timeout (process_timeout)\n"
			       "11 total events, 5.500 events/sec\n"), 0);
	ck_assert_uint_eq(t.nrows, 3);
	ck_assert_uint_eq(t.rows[0].count, 8);
	ck_assert_uint_eq(t.rows[0].timers, 2);
	ck_assert(t.rows[1].deferrable);
	got = render(&t, LWT_TSTAT_TEXT, 0);
	ck_assert_str_eq(got, "Timer Stats Version: v0.3\nSample period: 2.000 s\n"
			 "Collection: inactive\n"
			 "    8,   100 bash             schedule_timeout (process_timeout)\n"
			 "   1D,   100 bash             schedule_timeout (process_timeout)\n"
			 "    2,   101 bash             schedule_timeout (process_timeout)\n"
			 "11 total events, 5.500 events/sec\n");
	free(got);
	lwt_tstat_free(&t);
}
END_TEST

START_TEST(bad_timer_stats_files)
{
	bad("", "in: empty input");
	bad("\n\n", "in: empty input");
	bad("Timer Stats Version: v0.4\n",
	    "in:1: timer_stats version 'v0.4': this tool reads v0.2 and v0.3");
	bad("Timer Stats Version: v0.3\nSample period: 1.7 s\n",
	    "in:2: expected 'Sample period: SEC.MSEC s'");
	bad("Timer Stats Version: v0.3\n", "in:1: no 'Sample period:' line: the file is cut short");
	bad("Timer Stats Version: v0.3\nSample period: 1.000 s\nCollection: maybe\n",
	    "in:3: expected 'Collection: active' or 'inactive'");
	bad("Timer Stats Version: v0.3\nSample period: 1.000 s\nOverflow: many entries\n",
	    "in:3: expected 'Overflow: N entries'");
	bad("Timer Stats Version: v0.3\nSample period: 1.000 s\nCollection: active\n"
	    "    3,   100 bash             schedule_timeout (process_timeout)\n",
	    "in:4: no 'N total events' line: the file is cut short");
	bad("Timer Stats Version: v0.3\nSample period: 1.000 s\nCollection: active\n"
	    "    3,   100 bash             schedule_timeout (process_timeout)\n"
	    "    x,   100 bash             schedule_timeout (process_timeout)\n",
	    "in:5: expected an entry: no count");
	bad("Timer Stats Version: v0.3\nSample period: 1.000 s\nCollection: active\n"
	    "    3;   100 bash             schedule_timeout (process_timeout)\n",
	    "in:4: expected an entry: no ',' after the count");
	bad("Timer Stats Version: v0.3\nSample period: 1.000 s\nCollection: active\n"
	    "    3,   bash             schedule_timeout (process_timeout)\n",
	    "in:4: entry without a pid");
	bad("Timer Stats Version: v0.3\nSample period: 1.000 s\nCollection: active\n"
	    "    3,   100 bash             schedule_timeout\n",
	    "in:4: entry without 'site (callback)' after the comm");
	bad("Timer Stats Version: v0.3\nSample period: 1.000 s\nCollection: active\n"
	    "    3,   100 bash             schedule_timeout (process_timeout)\n"
	    "4 total events, 4.000 events/sec\n",
	    "in:5: the total, 4 events, is not the sum of the entries, 3");
	bad("Timer Stats Version: v0.3\nSample period: 1.000 s\nCollection: active\n"
	    "    3,   100 bash             schedule_timeout (process_timeout)\n"
	    "3 total events, 3.001 events/sec\n",
	    "in:5: the rate does not follow from the total and the sample period");
	bad("Timer Stats Version: v0.3\nSample period: 1.000 s\nCollection: active\n"
	    "    3,   100 bash             schedule_timeout (process_timeout)\n"
	    "3 total events\n",
	    "in:5: the rate does not follow from the total and the sample period");
	bad("Timer Stats Version: v0.3\nSample period: 1.000 s\nCollection: active\n"
	    "3 total events, 3 events/sec\n",
	    "in:4: bad total line: expected ', N.NNN events/sec'");
	bad("Timer Stats Version: v0.3\nSample period: 1.000 s\nCollection: active\n"
	    "0 total events\n    3,   100 bash             schedule_timeout (process_timeout)\n",
	    "in:5: text after the total line");
}
END_TEST

/* ---- ftrace ----------------------------------------------------------- */

#define HDR "# tracer: nop\n#\n"
#define PFX(comm_pid, cpu, ts) comm_pid " [" cpu "] d..1. " ts ": "

/* Parse @text, an ftrace dump, and return the report's text lines. */
static char *ftrace(struct lwt_tstat *t, const char *text)
{
	ck_assert_msg(parse(t, text) == 0, "%s", err.msg);
	ck_assert_int_eq(t->input, LWT_TSTAT_IN_FTRACE);
	lwt_tstat_sort(t, LWT_TSTAT_SORT_COUNT);
	return render(t, LWT_TSTAT_TEXT, 0);
}

START_TEST(ftrace_start_sites_from_stack_traces)
{
	static const char text[] = HDR
		PFX("   my prog-w-12-345", "001", "100.000000")
		"timer_start: timer=00000000aaaa0001 function=process_timeout expires=4295616388 "
		"[timeout=1] bucket_expiry=4295616389 cpu=1 idx=5 flags=\n"
		PFX("   my prog-w-12-345", "001", "100.000010") "<stack trace>\n"
		" => trace_event_raw_event_timer_start+0x8c/0xd0\n"
		" => enqueue_timer+0x10/0x80\n"
		" => __mod_timer.part.0+0x1a/0x300\n"
		" => schedule_timeout.constprop.0+0x9a/0x140\n"
		" => rcu_gp_fqs_loop+0x30/0x300\n"
		"          <idle>-0       [001] ..s1.  100.004000: timer_expire_entry: "
		"timer=00000000aaaa0001 function=process_timeout now=4295616389 baseclk=4295616389\n"
		/* an hrtimer from a module, its start site without sym-offset */
		PFX("    kworker/0:1-50", "000", "100.500000")
		"hrtimer_start: hrtimer=00000000bbbb0001 function=foo_fn [foo] expires=1 "
		"softexpires=1 mode=REL was_armed=0\n"
		PFX("    kworker/0:1-50", "000", "100.500001") "<stack trace>\n"
		" => trace_event_raw_event_hrtimer_start\n"
		" => enqueue_hrtimer\n"
		" => hrtimer_start_range_ns\n"
		" => foo_arm.isra.0 [foo]\n"
		" => process_one_work\n"
		"          <idle>-0       [000] d.h1.  101.000000: hrtimer_expire_entry: "
		"hrtimer=00000000bbbb0001 function=foo_fn [foo] now=2\n"
		"          <idle>-0       [000] d.h1.  102.250000: hrtimer_expire_entry: "
		"hrtimer=00000000bbbb0001 function=foo_fn [foo] now=3\n";
	struct lwt_tstat t;
	char *got = ftrace(&t, text);

	ck_assert_str_eq(got,
		"Timer Stats Version: v0.3\n"
		"Sample period: 2.250 s\n"
		"Collection: inactive\n"
		"    2,    50 kworker/0:1      foo_arm.isra.0 (foo_fn)\n"
		"    1,   345 my prog-w-12     schedule_timeout.constprop.0 (process_timeout)\n"
		"3 total events, 1.333 events/sec\n");
	ck_assert_str_eq(t.rows[1].comm, "my prog-w-12");
	ck_assert_uint_eq(t.ft.events, 5);
	ck_assert_uint_eq(t.ft.armings, 2);
	ck_assert_uint_eq(t.ft.no_stack, 0);
	ck_assert_uint_eq(t.ft.early, 0);
	free(got);
	lwt_tstat_free(&t);
}
END_TEST

START_TEST(ftrace_rearm_keeps_the_first_site)
{
	static const char text[] =
		/* armed by do_nanosleep, then re-armed by the core twice */
		PFX("  sleeper-77", "002", "10.000000")
		"hrtimer_start: hrtimer=00000000cccc0001 function=hrtimer_wakeup expires=1 "
		"softexpires=1 mode=REL\n"
		PFX("  sleeper-77", "002", "10.000001") "<stack trace>\n"
		" => trace_event_raw_event_hrtimer_start\n"
		" => enqueue_hrtimer\n"
		" => hrtimer_start_range_ns\n"
		" => do_nanosleep\n"
		"     <idle>-0 [002] d.h1. 10.100000: hrtimer_expire_entry: "
		"hrtimer=00000000cccc0001 function=hrtimer_wakeup now=1\n"
		"     <idle>-0 [002] d.h2. 10.100001: hrtimer_start: "
		"hrtimer=00000000cccc0001 function=hrtimer_wakeup expires=2 softexpires=2 mode=ABS\n"
		"     <idle>-0 [002] d.h2. 10.100002: <stack trace>\n"
		" => trace_event_raw_event_hrtimer_start\n"
		" => enqueue_hrtimer\n"
		" => __hrtimer_run_queues\n"
		" => hrtimer_interrupt\n"
		"     <idle>-0 [002] d.h1. 10.200000: hrtimer_expire_entry: "
		"hrtimer=00000000cccc0001 function=hrtimer_wakeup now=2\n"
		/* a tick armed before the trace: first expiry not counted, the
		 * re-arm names the callback and the task of the re-arm */
		"     <idle>-0 [003] d.h1. 10.300000: hrtimer_expire_entry: "
		"hrtimer=00000000dddd0001 function=tick_nohz_handler now=3\n"
		"     <idle>-0 [003] d.h2. 10.300001: hrtimer_start: "
		"hrtimer=00000000dddd0001 function=tick_nohz_handler expires=4 softexpires=4 mode=ABS\n"
		"     <idle>-0 [003] d.h2. 10.300002: <stack trace>\n"
		" => trace_event_raw_event_hrtimer_start+0x1/0x2\n"
		" => enqueue_hrtimer+0x1/0x2\n"
		" => __hrtimer_run_queues+0x1/0x2\n"
		"     <idle>-0 [003] d.h1. 10.400000: hrtimer_expire_entry: "
		"hrtimer=00000000dddd0001 function=tick_nohz_handler now=4\n"
		"     <idle>-0 [003] d.h2. 10.400001: hrtimer_start: "
		"hrtimer=00000000dddd0001 function=tick_nohz_handler expires=5 softexpires=5 mode=ABS\n"
		"     <idle>-0 [003] d.h2. 10.400002: <stack trace>\n"
		" => enqueue_hrtimer\n"
		" => hrtimer_interrupt\n"
		"     <idle>-0 [003] d.h1. 11.400000: hrtimer_expire_entry: "
		"hrtimer=00000000dddd0001 function=tick_nohz_handler now=5\n";
	struct lwt_tstat t;
	char *got = ftrace(&t, text);

	ck_assert_str_eq(got,
		"Timer Stats Version: v0.3\n"
		"Sample period: 1.400 s\n"
		"Collection: inactive\n"
		"    2,     0 swapper/3        tick_nohz_handler (tick_nohz_handler)\n"
		"    2,    77 sleeper          do_nanosleep (hrtimer_wakeup)\n"
		"4 total events, 2.857 events/sec\n");
	ck_assert_uint_eq(t.ft.rearms, 3);
	ck_assert_uint_eq(t.ft.early, 1);
	free(got);
	lwt_tstat_free(&t);
}
END_TEST

START_TEST(ftrace_missing_stack_traces)
{
	static const char text[] =
		/* no stack at all: the next entry of CPU 0 is another event */
		"  a-1 [000] d..1. 5.000000: timer_start: timer=0000000000000001 "
		"function=f1 expires=1 [timeout=1] cpu=0 idx=1 flags=D|I\n"
		"  a-1 [000] d..1. 5.000001: timer_start: timer=0000000000000002 "
		"function=f2 expires=1 [timeout=1] cpu=0 idx=1 flags=I\n"
		/* CPU 1's lines come between f2 and its stack */
		"  b-2 [001] d..1. 5.000002: timer_expire_entry: timer=0000000000000001 "
		"function=f1 now=1 baseclk=1\n"
		"  a-1 [000] d..1. 5.000003: <stack trace>\n"
		" => __mod_timer\n"
		" => f2_user\n"
		/* a stack of another pid is not f3's */
		"  c-3 [001] d..1. 5.000004: timer_start: timer=0000000000000003 "
		"function=f3 expires=1 [timeout=1] cpu=1 idx=1 flags=\n"
		"  d-4 [001] d..1. 5.000005: <stack trace>\n"
		" => f3_user\n"
		"  a-1 [000] d..1. 5.000006: timer_expire_entry: timer=0000000000000002 "
		"function=f2 now=1 baseclk=1\n"
		"  a-1 [000] d..1. 5.000007: timer_expire_entry: timer=0000000000000003 "
		"function=f3 now=1 baseclk=1\n"
		/* only core frames */
		"  e-5 [002] d..1. 5.000008: timer_start: timer=0000000000000004 "
		"function=f4 expires=1 [timeout=1] cpu=2 idx=1 flags=\n"
		"  e-5 [002] d..1. 5.000009: <stack trace>\n"
		" => enqueue_timer\n"
		" => add_timer_on\n"
		"  e-5 [002] d..1. 5.000010: timer_expire_entry: timer=0000000000000004 "
		"function=f4 now=1 baseclk=1\n"
		/* the dump ends while f5 waits for its stack */
		"  f-6 [003] d..1. 5.000011: timer_start: timer=0000000000000005 "
		"function=f5 expires=1 [timeout=1] cpu=3 idx=1 flags=\n"
		"  f-6 [002] d..1. 5.000012: timer_expire_entry: timer=0000000000000005 "
		"function=f5 now=1 baseclk=1\n";
	struct lwt_tstat t;
	char *got = ftrace(&t, text);

	ck_assert_str_eq(got,
		"Timer Stats Version: v0.3\n"
		"Sample period: 0.000 s\n"
		"Collection: inactive\n"
		"   1D,     1 a                <unknown> (f1)\n"
		"    1,     1 a                f2_user (f2)\n"
		"    1,     3 c                <unknown> (f3)\n"
		"    1,     5 e                <unknown> (f4)\n"
		"    1,     6 f                <unknown> (f5)\n"
		"5 total events\n");
	ck_assert_uint_eq(t.ft.armings, 5);
	ck_assert_uint_eq(t.ft.no_stack, 4);
	ck_assert_uint_eq(t.period_ns, 12000);
	free(got);
	lwt_tstat_free(&t);
}
END_TEST

START_TEST(ftrace_prefix_variants)
{
	static const char text[] =
		/* record-tgid, no irq-info, a counter-less clock of 9 digits */
		"  x y-10 (    9) [000] 7.000000001: timer_start: timer=00000000000000aa "
		"function=fa expires=1 [timeout=1] cpu=0 idx=1 flags=\n"
		"  x y-10 (    9) [000] 7.000000002: <stack trace>\n"
		" => site_a+0x1/0x2\n"
		"  x y-10 (-------) [000] 8.000000003: timer_expire_entry: timer=00000000000000aa "
		"function=fa now=1 baseclk=1\n"
		/* a comm with " [1] " in it */
		"  z [1] w-11     [001] d..2. 8.5: timer_expire_entry: timer=00000000000000aa "
		"function=fa now=1 baseclk=1\n"
		/* lines that are not events are skipped */
		"CPU:1 [LOST 17 EVENTS]\n"
		"##### CPU 2 buffer started ####\n"
		"  q-12 [000] d..2. 8.6: sched_switch: prev_comm=q\n";
	struct lwt_tstat t;

	ck_assert_msg(parse(&t, text) == 0, "%s", err.msg);
	ck_assert_uint_eq(t.nrows, 1);
	ck_assert_str_eq(t.rows[0].comm, "x y");
	ck_assert_int_eq(t.rows[0].pid, 10);
	ck_assert_str_eq(t.rows[0].site, "site_a");
	ck_assert_uint_eq(t.rows[0].count, 2);
	ck_assert_uint_eq(t.rows[0].timers, 1);
	ck_assert_uint_eq(t.ft.lost, 17);
	ck_assert_uint_eq(t.period_ns, 1599999999);
	lwt_tstat_free(&t);
}
END_TEST

START_TEST(ftrace_lost_and_overwritten)
{
	static const char text[] =
		"# entries-in-buffer/entries-written: 100/250   #P:2\n"
		"  a-1 [000] d..1. 5.000000: hrtimer_start: hrtimer=0000000000000001 "
		"function=f1 expires=1 softexpires=1 mode=ABS\n"
		"CPU:0 [LOST 3 EVENTS]\n"
		"  a-1 [000] d..1. 5.000003: <stack trace>\n"
		" => site_after_lost\n"
		"  a-1 [001] d..1. 5.000004: hrtimer_expire_entry: hrtimer=0000000000000001 "
		"function=f1 now=1\n";
	struct lwt_tstat t;

	ck_assert_msg(parse(&t, text) == 0, "%s", err.msg);
	ck_assert_uint_eq(t.ft.lost, 3);
	ck_assert_uint_eq(t.ft.overwritten, 150);
	ck_assert_uint_eq(t.ft.no_stack, 1);
	ck_assert_str_eq(t.rows[0].site, LWT_TSTAT_UNKNOWN);
	lwt_tstat_free(&t);
}
END_TEST

START_TEST(ftrace_counter_clock_has_no_period)
{
	struct lwt_tstat t;
	char *got;

	ck_assert_int_eq(parse(&t,
		"  a-1 [000] d..1. 1000: hrtimer_start: hrtimer=0000000000000001 "
		"function=f1 expires=1 softexpires=1 mode=ABS\n"
		"  a-1 [000] d..1. 999999999999: hrtimer_expire_entry: hrtimer=0000000000000001 "
		"function=f1 now=1\n"), 0);
	ck_assert(t.ft.counter_clock);
	got = render(&t, LWT_TSTAT_TEXT, 0);
	ck_assert_ptr_nonnull(strstr(got, "Sample period: 0.000 s\n"));
	ck_assert_ptr_nonnull(strstr(got, "\n1 total events\n"));
	free(got);
	lwt_tstat_free(&t);
}
END_TEST

START_TEST(bad_ftrace)
{
	bad("  a-1 [000] d..1. 5.000000: timer_start: function=f1 expires=1\n",
	    "in:1: timer event without timer=");
	bad("  a-1 [000] d..1. 5.000000: timer_start: timer=00000000000000zz function=f1\n",
	    "in:1: timer=00000000000000zz is not a pointer");
	bad("  a-1 [000] d..1. 5.000000: hrtimer_start: hrtimer=0000000000000001 mode=ABS\n",
	    "in:1: timer event without function=");
	bad("  a-1 [000] d..1. 5.000000: hrtimer_start: hrtimer=(____ptrval____) function=f\n",
	    "in:1: pointers are printed as (____ptrval____): every timer looks the same; "
	    "the kernel's pointer hashing was not ready");
	bad("# tracer: nop\n  garbage 5.000000: hrtimer_expire_entry: hrtimer=1 function=f\n",
	    "in:2: hrtimer_expire_entry event without 'comm-pid [cpu] ... timestamp:' before it");
	bad("# tracer: nop\n#\n  a-1 [000] d..1. 5.000000: sched_switch: prev_comm=a\n",
	    "in: neither a timer_stats file (no 'Timer Stats Version:' line) nor ftrace "
	    "text with timer:timer_start, timer_expire_entry, hrtimer_start or "
	    "hrtimer_expire_entry events");
	bad("hello\n", "in: neither a timer_stats file (no 'Timer Stats Version:' line) nor "
	    "ftrace text with timer:timer_start, timer_expire_entry, hrtimer_start or "
	    "hrtimer_expire_entry events");
}
END_TEST

/* ---- reports ---------------------------------------------------------- */

static const char four[] =
	"Timer Stats Version: v0.3\n"
	"Sample period: 2.000 s\n"
	"Collection: inactive\n"
	"    5,   300 b, \"q\"           zz_site (cb1)\n"
	"    5,   100 a                aa_site (cb2)\n"
	"    9,   200 c                mm_site (cb3)\n"
	"   5D,   100 a                aa_site (cb2)\n"
	"24 total events, 12.000 events/sec\n";

static void order(struct lwt_tstat *t, const char *want)
{
	char got[64] = "";
	size_t i;

	for (i = 0; i < t->nrows; i++)
		snprintf(got + strlen(got), sizeof(got) - strlen(got), "%s%ld%s",
			 i ? " " : "", t->rows[i].pid, t->rows[i].deferrable ? "D" : "");
	ck_assert_str_eq(got, want);
}

START_TEST(sort_orders_are_total)
{
	struct lwt_tstat t;

	ck_assert_int_eq(parse(&t, four), 0);
	lwt_tstat_sort(&t, LWT_TSTAT_SORT_COUNT);
	order(&t, "200 100 100D 300");
	lwt_tstat_sort(&t, LWT_TSTAT_SORT_PID);
	order(&t, "100 100D 200 300");
	lwt_tstat_sort(&t, LWT_TSTAT_SORT_SITE);
	order(&t, "100 100D 200 300");
	lwt_tstat_free(&t);
}
END_TEST

START_TEST(filters_and_top)
{
	struct lwt_tstat t;
	regex_t re;
	char *got;

	ck_assert_int_eq(parse(&t, four), 0);
	lwt_tstat_filter(&t, 100, NULL);
	order(&t, "100 100D");
	lwt_tstat_free(&t);

	ck_assert_int_eq(parse(&t, four), 0);
	ck_assert_int_eq(regcomp(&re, "^[bc]", REG_EXTENDED | REG_NOSUB), 0);
	lwt_tstat_filter(&t, -1, &re);
	regfree(&re);
	lwt_tstat_sort(&t, LWT_TSTAT_SORT_COUNT);
	got = render(&t, LWT_TSTAT_TEXT, 1);
	/* --top cuts the list, not the total */
	ck_assert_str_eq(got, "Timer Stats Version: v0.3\nSample period: 2.000 s\n"
			 "Collection: inactive\n"
			 "    9,   200 c                mm_site (cb3)\n"
			 "14 total events, 7.000 events/sec\n");
	free(got);
	lwt_tstat_free(&t);
}
END_TEST

START_TEST(csv_and_json)
{
	struct lwt_tstat t;
	char *got;

	ck_assert_int_eq(parse(&t, four), 0);
	lwt_tstat_sort(&t, LWT_TSTAT_SORT_COUNT);
	got = render(&t, LWT_TSTAT_CSV, 0);
	ck_assert_str_eq(got,
		"count,deferrable,pid,comm,site,callback,timers,rate\n"
		"9,0,200,c,mm_site,cb3,1,4.500\n"
		"5,0,100,a,aa_site,cb2,1,2.500\n"
		"5,1,100,a,aa_site,cb2,1,2.500\n"
		"5,0,300,\"b, \"\"q\"\"\",zz_site,cb1,1,2.500\n");
	free(got);
	got = render(&t, LWT_TSTAT_JSON, 2);
	ck_assert_str_eq(got,
		"{\"input\": \"v0.3\", \"period_ns\": 2000000000, \"overflow\": 0, "
		"\"collection\": \"inactive\", \"total\": 24, \"events_per_sec\": 12.000,\n"
		" \"rows\": [\n"
		"  {\"count\": 9, \"deferrable\": false, \"pid\": 200, \"comm\": \"c\", "
		"\"site\": \"mm_site\", \"callback\": \"cb3\", \"timers\": 1, \"rate\": 4.500},\n"
		"  {\"count\": 5, \"deferrable\": false, \"pid\": 100, \"comm\": \"a\", "
		"\"site\": \"aa_site\", \"callback\": \"cb2\", \"timers\": 1, \"rate\": 2.500}\n"
		" ]}\n");
	free(got);
	lwt_tstat_free(&t);
}
END_TEST

/* ---- real traces ------------------------------------------------------ */

static void golden(const char *trace, const char *expected)
{
	struct lwt_tstat t;
	FILE *in = fopen(trace, "r");
	FILE *w = fopen(expected, "r");
	char *got, *want = NULL;
	size_t cap = 0;

	ck_assert_msg(in && w, "cannot open %s or %s", trace, expected);
	lwt_tstat_init(&t);
	ck_assert_msg(lwt_tstat_read(&t, in, trace, &err) == 0, "%s", err.msg);
	fclose(in);
	ck_assert(getdelim(&want, &cap, '\0', w) > 0);
	fclose(w);
	lwt_tstat_sort(&t, LWT_TSTAT_SORT_COUNT);
	got = render(&t, LWT_TSTAT_TEXT, 0);
	ck_assert_str_eq(got, want);
	free(got);
	free(want);
	lwt_tstat_free(&t);
}

START_TEST(real_6_18_workload)
{
	golden(D "real-6.18-workload.trace", D "real-6.18-workload.out");
}
END_TEST

START_TEST(real_6_18_cpu0_idle)
{
	golden(D "real-6.18-cpu0-idle.trace", D "real-6.18-cpu0-idle.out");
}
END_TEST

Suite *tstat_suite(void)
{
	Suite *s = suite_create("tstat");
	TCase *f = tcase_create("timer_stats file");
	TCase *ft = tcase_create("ftrace");
	TCase *r = tcase_create("reports");

	tcase_add_test(f, v03_man_page_round_trip);
	tcase_add_test(f, v02_and_overflow_round_trip);
	tcase_add_test(f, overflow_is_kept);
	tcase_add_test(f, comms_with_spaces_brackets_and_module_sites);
	tcase_add_test(f, comm_not_in_its_16_columns);
	tcase_add_test(f, events_per_sec_arithmetic);
	tcase_add_test(f, duplicate_entries_are_summed);
	tcase_add_test(f, bad_timer_stats_files);
	tcase_add_test(ft, ftrace_start_sites_from_stack_traces);
	tcase_add_test(ft, ftrace_rearm_keeps_the_first_site);
	tcase_add_test(ft, ftrace_missing_stack_traces);
	tcase_add_test(ft, ftrace_prefix_variants);
	tcase_add_test(ft, ftrace_lost_and_overwritten);
	tcase_add_test(ft, ftrace_counter_clock_has_no_period);
	tcase_add_test(ft, bad_ftrace);
	tcase_add_test(ft, real_6_18_workload);
	tcase_add_test(ft, real_6_18_cpu0_idle);
	tcase_add_test(r, sort_orders_are_total);
	tcase_add_test(r, filters_and_top);
	tcase_add_test(r, csv_and_json);
	suite_add_tcase(s, f);
	suite_add_tcase(s, ft);
	suite_add_tcase(s, r);
	return s;
}
