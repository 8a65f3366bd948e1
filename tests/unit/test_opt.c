// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <string.h>
#include "lib/opt.h"
#include "suites.h"

struct seen {
	int	flag;
	char	val[32];
	int	calls;
};

static const struct lwt_opt opts[] = {
	{ "stats", NULL, "a flag", 1 },
	{ "period", "MSEC", "takes a value", 2 },
	{ "period_all", NULL, "prefix of nothing", 3 },
	{ NULL },
};

static int cb(void *ctx, int id, const char *arg)
{
	struct seen *s = ctx;

	s->calls++;
	if (id == 1)
		s->flag = 1;
	if (id == 2)
		snprintf(s->val, sizeof(s->val), "%s", arg);
	return 0;
}

static int parse(struct seen *s, int argc, char **argv)
{
	memset(s, 0, sizeof(*s));
	return lwt_opt_parse("t", opts, argc, argv, cb, s);
}

START_TEST(one_and_two_dashes)
{
	char *a1[] = { "t", "-stats", "-period", "5", "file", NULL };
	char *a2[] = { "t", "--stats", "--period=7", "file", NULL };
	struct seen s;

	ck_assert_int_eq(parse(&s, 5, a1), 4);
	ck_assert_int_eq(s.flag, 1);
	ck_assert_str_eq(s.val, "5");
	ck_assert_int_eq(parse(&s, 4, a2), 3);
	ck_assert_str_eq(s.val, "7");
}
END_TEST

START_TEST(usage_errors)
{
	char *unknown[] = { "t", "--nope", NULL };
	char *missing[] = { "t", "--period", NULL };
	struct seen s;

	ck_assert_int_eq(parse(&s, 2, unknown), -1);
	ck_assert_int_eq(parse(&s, 2, missing), -1);
	ck_assert_int_eq(s.calls, 0);
}
END_TEST

START_TEST(parse_long)
{
	long v;

	ck_assert_int_eq(lwt_parse_long("42", 0, 100, &v), 0);
	ck_assert_int_eq(v, 42);
	ck_assert_int_eq(lwt_parse_long("0x10", 0, 100, &v), 0);
	ck_assert_int_eq(v, 16);
	ck_assert_int_eq(lwt_parse_long("101", 0, 100, &v), -1);
	ck_assert_int_eq(lwt_parse_long("-1", 0, 100, &v), -1);
	ck_assert_int_eq(lwt_parse_long("4x", 0, 100, &v), -1);
	ck_assert_int_eq(lwt_parse_long("", 0, 100, &v), -1);
	ck_assert_int_eq(lwt_parse_long("99999999999999999999", 0, 100, &v), -1);
}
END_TEST

Suite *opt_suite(void)
{
	Suite *s = suite_create("opt");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, one_and_two_dashes);
	tcase_add_test(tc, usage_errors);
	tcase_add_test(tc, parse_long);
	suite_add_tcase(s, tc);
	return s;
}
