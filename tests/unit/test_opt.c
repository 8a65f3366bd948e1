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

static struct lwt_err err;

static int cb(void *ctx, int id, const char *arg, struct lwt_err *e)
{
	struct seen *s = ctx;

	s->calls++;
	if (id == 1)
		s->flag = 1;
	if (id == 2) {
		if (!strcmp(arg, "bad"))
			return lwt_errf(e, NULL, 0, "--period: '%s' is bad", arg);
		snprintf(s->val, sizeof(s->val), "%s", arg);
	}
	return 0;
}

static int parse(struct seen *s, int argc, char **argv)
{
	memset(s, 0, sizeof(*s));
	memset(&err, 0, sizeof(err));
	return lwt_opt_parse(opts, argc, argv, cb, s, &err);
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
	char *refused[] = { "t", "--stats", "--period", "bad", "--stats", NULL };
	struct seen s;

	ck_assert_int_eq(parse(&s, 2, unknown), -1);
	ck_assert_str_eq(err.msg, "unknown or ambiguous option '--nope'");
	ck_assert_int_eq(parse(&s, 2, missing), -1);
	ck_assert_str_eq(err.msg, "--period: missing argument");
	ck_assert_int_eq(s.calls, 0);
	/* the callback's error stops the parse, and is the parse's */
	ck_assert_int_eq(parse(&s, 5, refused), -1);
	ck_assert_str_eq(err.msg, "--period: 'bad' is bad");
	ck_assert_int_eq(s.calls, 2);
}
END_TEST

START_TEST(error_convention)
{
	struct lwt_err e;
	char name[2 * LWT_ERR_MAX];

	ck_assert_int_eq(lwt_errf(&e, "f", 3, "bad %s", "x"), -1);
	ck_assert_str_eq(e.msg, "f:3: bad x");
	ck_assert_int_eq(lwt_errf(&e, "f", 0, "%s", "No such file"), -1);
	ck_assert_str_eq(e.msg, "f: No such file");
	ck_assert_int_eq(lwt_errf(&e, NULL, 7, "out of memory"), -1);
	ck_assert_str_eq(e.msg, "out of memory");
	ck_assert_int_eq(lwt_errf(NULL, "f", 1, "nowhere"), -1);
	/* a long message is cut, and still a string */
	memset(name, 'n', sizeof(name) - 1);
	name[sizeof(name) - 1] = '\0';
	ck_assert_int_eq(lwt_errf(&e, name, 1, "x"), -1);
	ck_assert_uint_eq(strlen(e.msg), LWT_ERR_MAX - 1);
	ck_assert_int_eq(lwt_errf(&e, "f", 1, "%s", name), -1);
	ck_assert_uint_eq(strlen(e.msg), LWT_ERR_MAX - 1);
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

/* Getopt::Long's "=i", as the original tools read their numbers. */
START_TEST(parse_dec)
{
	static const struct {
		const char *s;
		long min, max;
		int rc;
		long v;
	} t[] = {
		{ "0100", 0, 1000, 0, 100 },	/* a leading 0 is not octal */
		{ "010", 0, 1000, 0, 10 },
		{ "-5", -10, 10, 0, -5 },
		{ "+7", -10, 10, 0, 7 },
		{ "-5", 0, 10, -1, 0 },
		{ "0x10", 0, 1000, -1, 0 },	/* nor is 0x hex */
		{ " 5", 0, 10, -1, 0 },
		{ "5 ", 0, 10, -1, 0 },
		{ "-", 0, 10, -1, 0 },
		{ "", 0, 10, -1, 0 },
		{ "99999999999999999999", 0, 10, -1, 0 },
	};
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		long v = 12345;

		ck_assert_int_eq(lwt_parse_dec(t[i].s, t[i].min, t[i].max, &v), t[i].rc);
		ck_assert_int_eq(v, t[i].rc ? 12345 : t[i].v);
	}
}
END_TEST

/* Getopt::Long ignores the case of option names, never of their values. */
START_TEST(names_in_any_case)
{
	char w1[] = "-STATS", w2[] = "--Period", w3[] = "ABC", w4[] = "--PERIOD=XY";
	char w5[] = "FILE", w6[] = "--", w7[] = "--STATS";
	char *a[] = { "t", w1, w2, w3, w4, w5, w6, w7, NULL };
	struct seen s;

	memset(&s, 0, sizeof(s));
	memset(&err, 0, sizeof(err));
	ck_assert_int_eq(lwt_opt_parse_nocase(opts, 8, a, cb, &s, &err), 6);
	ck_assert_int_eq(s.flag, 1);
	ck_assert_str_eq(s.val, "XY");
	ck_assert_int_eq(s.calls, 3);
	ck_assert_str_eq(w3, "ABC");
	ck_assert_str_eq(w5, "FILE");
	ck_assert_str_eq(w7, "--STATS");	/* after "--": an operand */
	/* the case-sensitive parse still refuses them */
	{
		char x1[] = "--STATS";
		char *b[] = { "t", x1, NULL };

		ck_assert_int_eq(parse(&s, 2, b), -1);
	}
}
END_TEST

Suite *opt_suite(void)
{
	Suite *s = suite_create("opt");
	TCase *tc = tcase_create("parse");

	tcase_add_test(tc, one_and_two_dashes);
	tcase_add_test(tc, usage_errors);
	tcase_add_test(tc, parse_long);
	tcase_add_test(tc, parse_dec);
	tcase_add_test(tc, names_in_any_case);
	tcase_add_test(tc, error_convention);
	suite_add_tcase(s, tc);
	return s;
}
