/* SPDX-License-Identifier: GPL-2.0 */
#ifndef LWT_TEST_SUITES_H
#define LWT_TEST_SUITES_H
#include <check.h>

Suite *opt_suite(void);
Suite *tmigr_suite(void);
Suite *mstat_suite(void);
Suite *mtrace_suite(void);
Suite *tstat_suite(void);
Suite *compaction_suite(void);

#endif
