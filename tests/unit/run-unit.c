// SPDX-License-Identifier: GPL-2.0
/* One runner for every Check suite; fails if any test fails. */
#include <stdlib.h>
#include "suites.h"

int main(void)
{
	SRunner *sr = srunner_create(opt_suite());
	int failed;

	srunner_add_suite(sr, tmigr_suite());
	srunner_add_suite(sr, mstat_suite());
	srunner_add_suite(sr, mtrace_suite());
	srunner_add_suite(sr, tstat_suite());
	srunner_add_suite(sr, compaction_suite());
	srunner_run_all(sr, CK_NORMAL);
	failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
