// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "lib/tmigr.h"
#include "suites.h"

#define D DATADIR "/tmigr/"

static struct lwt_err err;

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = NULL;
	size_t len = 0;
	FILE *m;
	int c;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	m = open_memstream(&buf, &len);
	while ((c = fgetc(f)) != EOF)
		fputc(c, m);
	fclose(m);
	fclose(f);
	return buf;
}

/* Parse @trace and draw every hierarchy as tmigr_tree does. */
static char *draw(const char *trace, long capacity, unsigned long *warnings)
{
	struct lwt_tmigr_forest f;
	struct lwt_tmigr_node **roots;
	char *buf = NULL;
	size_t len = 0, i, j, n;
	FILE *in = fopen(trace, "r"), *out;

	ck_assert_msg(in != NULL, "cannot open %s", trace);
	lwt_tmigr_init(&f, capacity, NULL);
	ck_assert_msg(lwt_tmigr_parse_stream(&f, in, trace, &err) == 0, "%s", err.msg);
	fclose(in);
	out = open_memstream(&buf, &len);
	for (i = 0; i < f.nhiers; i++) {
		fprintf(out, "Tree for capacity %ld\n", f.hiers[i].capacity);
		ck_assert_int_eq(lwt_tmigr_roots(&f, &f.hiers[i], &roots, &n, &err), 0);
		for (j = 0; j < n; j++)
			ck_assert_int_eq(lwt_tmigr_print_ascii(out, roots[j], &err), 0);
		free(roots);
	}
	fclose(out);
	if (warnings)
		*warnings = f.nwarnings;
	lwt_tmigr_free(&f);
	return buf;
}

static void golden(const char *trace, const char *expected, unsigned long want_warnings)
{
	unsigned long w;
	char *got = draw(trace, LWT_TMIGR_DEFAULT_CAPACITY, &w);
	char *want = slurp(expected);

	ck_assert_str_eq(got, want);
	ck_assert_uint_eq(w, want_warnings);
	free(got);
	free(want);
}

START_TEST(seed_example_2026_format)
{
	golden(D "seed8-2026.trace", D "seed8.out", 0);
}
END_TEST

START_TEST(seed_example_6_12_format_no_capacity)
{
	golden(D "seed8-6.12.trace", D "seed8.out", 0);
}
END_TEST

START_TEST(seed_example_6_9_childmask)
{
	golden(D "seed8-6.9.trace", D "seed8.out", 0);
}
END_TEST

START_TEST(numa_three_levels)
{
	golden(D "numa20-6.12.trace", D "numa20-6.12.out", 0);
}
END_TEST

START_TEST(one_tree_per_capacity)
{
	golden(D "capacity2-2026.trace", D "capacity2-2026.out", 0);
}
END_TEST

START_TEST(fields_found_by_name)
{
	golden(D "reordered.trace", D "dedup.out", 0);
}
END_TEST

START_TEST(duplicate_connect_warns_and_is_ignored)
{
	golden(D "duplicate.trace", D "dedup.out", 1);
}
END_TEST

START_TEST(incomplete_prints_every_root_and_warns)
{
	golden(D "incomplete.trace", D "incomplete.out", 1);
}
END_TEST

START_TEST(capacity_option_for_old_formats)
{
	char *got = draw(D "seed8-6.12.trace", 512, NULL);

	ck_assert_msg(strncmp(got, "Tree for capacity 512\n", 22) == 0, "%s", got);
	free(got);
	/* An event's own capacity= wins over the default. */
	got = draw(D "seed8-2026.trace", 512, NULL);
	ck_assert_msg(strncmp(got, "Tree for capacity 1024\n", 23) == 0, "%s", got);
	free(got);
}
END_TEST

static int parse_one(struct lwt_tmigr_forest *f, const char *line)
{
	lwt_tmigr_init(f, LWT_TMIGR_DEFAULT_CAPACITY, NULL);
	return lwt_tmigr_parse_line(f, line, "in", 7, &err);
}

START_TEST(hashed_pointers_are_an_error)
{
	struct lwt_tmigr_forest f;

	ck_assert_int_eq(parse_one(&f, "x-0 [000] ..... 0.051433: tmigr_connect_child_parent: "
			 "group=(____ptrval____) groupmask=1 parent=(____ptrval____) lvl=1 numa=0 num_children=1"), -1);
	ck_assert_msg(strstr(err.msg, "in:7: ") == err.msg, "%s", err.msg);
	ck_assert_msg(strstr(err.msg, "no_hash_pointers"), "%s", err.msg);
	lwt_tmigr_free(&f);
}
END_TEST

START_TEST(malformed_events_name_the_line)
{
	static const char *const bad[] = {
		"0.000001: tmigr_connect_cpu_parent: cpu=0 groupmask=1 lvl=0 numa=0 num_children=1",
		"0.000001: tmigr_connect_cpu_parent: cpu=x groupmask=1 parent=a lvl=0 numa=0 num_children=1",
		"0.000001: tmigr_connect_cpu_parent: cpu=0 groupmask=1 parent=a lvl=-3 numa=0 num_children=1",
		"0.000001: tmigr_connect_child_parent: groupmask=1 parent=a lvl=0 numa=0 num_children=1",
		"0.000001: tmigr_connect_cpu_parent: cpu=0 groupmask=1 parent=a lvl=0 numa=0 capacity=big num_children=1",
		"0.000001: tmigr_connect_cpu_parent: cpu=0 groupmask=1 parent=a lvl=0 numa=0",
	};
	struct lwt_tmigr_forest f;
	size_t i;

	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		ck_assert_msg(parse_one(&f, bad[i]) == -1, "accepted: %s", bad[i]);
		ck_assert_msg(strncmp(err.msg, "in:7: ", 6) == 0, "%s", err.msg);
		ck_assert_uint_eq(f.nevents, 0);
		lwt_tmigr_free(&f);
	}
}
END_TEST

START_TEST(other_lines_are_ignored)
{
	static const char *const other[] = {
		"# tracer: nop",
		"",
		"bash-1 [000] ..... 1.000000: sched_switch: prev_comm=x",
		"tmigr_connect_cpu_parent: cpu=0 groupmask=1 parent=a lvl=0 numa=0 num_children=1",
		"1.00000: tmigr_connect_cpu_parent: cpu=0 groupmask=1 parent=a lvl=0 numa=0 num_children=1",
		"1.000000: tmigr_connect_cpu_parent_x: cpu=0",
		"1.000000: tmigr_group_set: group=a lvl=0 numa=0",
	};
	struct lwt_tmigr_forest f;
	size_t i;

	for (i = 0; i < sizeof(other) / sizeof(other[0]); i++) {
		ck_assert_int_eq(parse_one(&f, other[i]), 0);
		ck_assert_msg(f.nevents == 0, "took: %s", other[i]);
		lwt_tmigr_free(&f);
	}
}
END_TEST

START_TEST(cycles_are_refused)
{
	struct lwt_tmigr_forest f;

	lwt_tmigr_init(&f, 1024, NULL);
	ck_assert_int_eq(lwt_tmigr_parse_line(&f, "0.000001: tmigr_connect_child_parent: group=a "
			 "groupmask=1 parent=b lvl=1 numa=0 num_children=1", "in", 1, &err), 0);
	ck_assert_int_eq(lwt_tmigr_parse_line(&f, "0.000002: tmigr_connect_child_parent: group=b "
			 "groupmask=1 parent=a lvl=1 numa=0 num_children=1", "in", 2, &err), -1);
	ck_assert_msg(strstr(err.msg, "cycle"), "%s", err.msg);
	lwt_tmigr_free(&f);
}
END_TEST

START_TEST(json_has_every_node)
{
	struct lwt_tmigr_forest f;
	FILE *in = fopen(D "numa20-6.12.trace", "r"), *out;
	char *buf = NULL;
	size_t len = 0;

	lwt_tmigr_init(&f, 1024, NULL);
	ck_assert_int_eq(lwt_tmigr_parse_stream(&f, in, "numa20", &err), 0);
	fclose(in);
	out = open_memstream(&buf, &len);
	ck_assert_int_eq(lwt_tmigr_print_json(out, &f, &err), 0);
	fclose(out);
	/* 20 CPUs + 4 lvl0 + 2 lvl1 + 1 root, one line each */
	ck_assert_ptr_nonnull(strstr(buf, "{\"name\": \"19\", \"cpu\": true, \"groupmask\": \"2\", "
				     "\"lvl\": -1, \"numa\": 1, \"num_children\": 0, \"parent\": \"ffff8f00000013c0\""));
	ck_assert_ptr_nonnull(strstr(buf, "\"roots\": [\"ffff8f0000001780\"]"));
	ck_assert_ptr_nonnull(strstr(buf, "{\"name\": \"ffff8f0000001780\", \"cpu\": false, \"groupmask\": null, "
				     "\"lvl\": 2, \"numa\": -1, \"num_children\": 2, \"parent\": null, "
				     "\"children\": [\"ffff8f0000001500\", \"ffff8f0000001640\"]}"));
	free(buf);
	lwt_tmigr_free(&f);
}
END_TEST

Suite *tmigr_suite(void)
{
	Suite *s = suite_create("tmigr");
	TCase *g = tcase_create("golden");
	TCase *b = tcase_create("bad input");

	tcase_add_test(g, seed_example_2026_format);
	tcase_add_test(g, seed_example_6_12_format_no_capacity);
	tcase_add_test(g, seed_example_6_9_childmask);
	tcase_add_test(g, numa_three_levels);
	tcase_add_test(g, one_tree_per_capacity);
	tcase_add_test(g, fields_found_by_name);
	tcase_add_test(g, capacity_option_for_old_formats);
	tcase_add_test(g, json_has_every_node);
	tcase_add_test(b, duplicate_connect_warns_and_is_ignored);
	tcase_add_test(b, incomplete_prints_every_root_and_warns);
	tcase_add_test(b, hashed_pointers_are_an_error);
	tcase_add_test(b, malformed_events_name_the_line);
	tcase_add_test(b, other_lines_are_ignored);
	tcase_add_test(b, cycles_are_refused);
	suite_add_tcase(s, g);
	suite_add_tcase(s, b);
	return s;
}
