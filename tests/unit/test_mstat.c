// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/mstat.h"
#include "suites.h"

#define D DATADIR "/mstat/"

static struct lwt_err err;

static int read_file(struct lwt_mstat *s, const char *path)
{
	FILE *in = fopen(path, "r");
	int ret;

	ck_assert_msg(in != NULL, "cannot open %s", path);
	lwt_mstat_init(s);
	ret = lwt_mstat_read(s, in, "in", &err);
	fclose(in);
	return ret;
}

static int read_text(struct lwt_mstat *s, const char *text)
{
	FILE *in = fmemopen((void *)text, strlen(text), "r");
	int ret;

	lwt_mstat_init(s);
	ret = lwt_mstat_read(s, in, "in", &err);
	fclose(in);
	return ret;
}

START_TEST(module_stat_file)
{
	struct lwt_mstat s;

	ck_assert_int_eq(read_file(&s, D "stat.txt"), 0);
	ck_assert_str_eq(s.version, "1.0.0");
	ck_assert_int_eq(s.period_msec, 500);
	ck_assert_int_eq(s.ts_field, 1);
	ck_assert_int_eq(s.min_field, 2);
	ck_assert_int_eq(s.max_field, 17);
	ck_assert_int_eq(s.nr_cpus, -1);
	ck_assert_str_eq(s.field[17], "migrate");
	ck_assert_str_eq(s.field[6], "try_to_wake_up");
	ck_assert_uint_eq(s.nrows, 3);
	ck_assert_double_eq_tol(s.rows[1].ts, 0.5, 1e-9);
	ck_assert_double_eq_tol(lwt_mstat_rate(&s, 0, 17), 30.0, 1e-9);
	/* The last row lasted 250 ms (# last_period_msec). */
	ck_assert_double_eq_tol(lwt_mstat_rate(&s, 2, 17), 48.0, 1e-9);
	lwt_mstat_free(&s);
}
END_TEST

START_TEST(period_output_multiword_fields)
{
	struct lwt_mstat s;

	ck_assert_int_eq(read_file(&s, D "period.txt"), 0);
	ck_assert_int_eq(s.nr_cpus, 2);
	ck_assert_int_eq(lwt_mstat_field_num(&s, "from cpu: 0 to cpu: 1"), 4);
	ck_assert_int_eq(lwt_mstat_field_num(&s, "from cpu: 1 to cpu: 0"), 5);
	/* The original compared only the first word: "from" matched field 3. */
	ck_assert_int_eq(lwt_mstat_field_num(&s, "from"), -1);
	ck_assert_int_eq(lwt_mstat_field_num(&s, "migrate"), 2);
	ck_assert_double_eq_tol(lwt_mstat_rate(&s, 1, 5), 2.0, 1e-9);
	lwt_mstat_free(&s);
}
END_TEST

#define HDR "# version 1.0.0\n# period_msec 1000\n# ts_field 1\n# field 2 a\n# field 3 b\n"

START_TEST(malformed_input_names_the_line)
{
	static const struct {
		const char *text, *err;
	} bad[] = {
		{ "# version 2.0.0\n", "in:1: format version" },
		{ HDR "0.000 1 2 3\n", "in:6: more values than the 3 fields" },
		{ HDR "0.000 1\n", "in:6: 2 values, the header has 3 fields" },
		{ HDR "0.000 1 x\n", "in:6: field 3: 'x' is not a number" },
		{ HDR "1.000 1 2\n0.000 1 2\n", "in:7: timestamp 0.000 before" },
		{ "# version 1.0.0\n0.000 1 2\n", "in:2: data before the ts_field" },
		{ HDR "# field 2 again\n", "in:6: field 2 named twice" },
		{ "# version 1.0.0\n# period_msec 0\n", "in:2: bad period_msec" },
		{ "# version 1.0.0\n# field x y\n", "in:2: bad field tag" },
		{ "# version 1.0.0\n# ts_field 1\n# field 2 a\n", "missing header: period_msec" },
		{ "# period_msec 1000\n", "missing header: version" },
	};
	struct lwt_mstat s;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(read_text(&s, bad[i].text) == -1, "accepted: %s", bad[i].text);
		ck_assert_msg(strstr(err.msg, bad[i].err), "'%s' lacks '%s'", err.msg, bad[i].err);
		lwt_mstat_free(&s);
	}
}
END_TEST

START_TEST(unknown_tags_and_comments_are_ignored)
{
	struct lwt_mstat s;

	ck_assert_int_eq(read_text(&s, "#\n# start_clock 0x1\n# whatever else\n" HDR "\n0.000 1 2\n"), 0);
	ck_assert_uint_eq(s.nrows, 1);
	lwt_mstat_free(&s);
}
END_TEST

/*
 * migrate_stats writes "# nr_cpus 0" for a trace without the tag, as the
 * original did; the original read it back, and so must this.
 */
START_TEST(nr_cpus_zero_is_read_back)
{
	struct lwt_mstat s;

	ck_assert_int_eq(read_text(&s, "# nr_cpus 0\n" HDR "0.000 1 2\n"), 0);
	ck_assert_int_eq(s.nr_cpus, 0);
	lwt_mstat_free(&s);
	ck_assert_int_eq(read_text(&s, "# nr_cpus -1\n" HDR), -1);
	ck_assert_msg(strstr(err.msg, "in:1: bad nr_cpus"), "%s", err.msg);
	lwt_mstat_free(&s);
}
END_TEST

Suite *mstat_suite(void)
{
	Suite *s = suite_create("mstat");
	TCase *tc = tcase_create("read");

	tcase_add_test(tc, module_stat_file);
	tcase_add_test(tc, period_output_multiword_fields);
	tcase_add_test(tc, malformed_input_names_the_line);
	tcase_add_test(tc, unknown_tags_and_comments_are_ignored);
	tcase_add_test(tc, nr_cpus_zero_is_read_back);
	suite_add_tcase(s, tc);
	return s;
}
