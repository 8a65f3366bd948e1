// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for migrate_stats' reader and analysis: the input is a
 * trace file; its first byte picks the reports.  Bad input must give an
 * error that says why (tools/lib/lwt.h), never a crash, a leak or
 * undefined behaviour (ASan, UBSan).
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include "lib/mig.h"
#include "lib/mtrace.h"

static FILE *sink;

/* A failure must come with its why: a non-empty string. */
static void said_why(const struct lwt_err *err)
{
	if (!err->msg[0] || !memchr(err->msg, '\0', sizeof(err->msg)))
		abort();
}

/*
 * Read and analyse the trace in @fd, the reports to @out.  Return the
 * error, or "" if none.
 */
static const char *analyse(int fd, const struct lwt_mig_opts *o,
			   bool may_restart, FILE *out)
{
	static const char *const name = "fuzz";
	static struct lwt_err err;
	struct lwt_mt_reader r = { .may_restart = may_restart };
	struct lwt_mt_event ev;
	struct lwt_mig *m = NULL;
	int rc;

	err.msg[0] = '\0';
	lseek(fd, 0, SEEK_SET);
	if (lwt_mt_open_fds(&r, &fd, &name, 1, &err) ||
	    lwt_mig_new(&m, o, &r.hdr, out, &err)) {
		said_why(&err);
		goto out;
	}
	while ((rc = lwt_mt_next(&r, &ev, &err)) > 0) {
		if (rc == LWT_MT_AGAIN) {
			lwt_mig_free(m);
			m = NULL;
			if (lwt_mig_new(&m, o, &r.hdr, out, &err))
				abort();	/* it took the first header */
			continue;
		}
		if ((rc = lwt_mig_event(m, &ev, &err)))
			break;
	}
	if (rc < 0) {
		said_why(&err);
		goto out;
	}
	if (lwt_mig_finish(m, &err))
		said_why(&err);
out:
	lwt_mig_free(m);
	lwt_mt_close(&r);
	return err.msg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lwt_mig_opts o = { .max_cpu = -1 };
	struct lwt_err err;
	uint8_t sel = size ? data[0] : 0;
	int fd;

	if (!sink)
		sink = fopen("/dev/null", "w");
	fd = memfd_create("trace", 0);
	if (fd < 0 || write(fd, data, size) != (ssize_t)size) {
		if (fd >= 0)
			close(fd);
		return 0;
	}

	o.stats = sel & 1;
	o.summary_pid = sel & 2;
	o.migrate = o.ps = o.mark = o.consistency = sel & 4;
	o.ts_rel = o.ts_gmt = o.ts_abs = sel & 8;
	if (sel & 16) {
		o.period_msec = 1 + (sel >> 6);
		o.period_all = o.period_cause = o.period_cpu = o.period_cpu_pair = true;
	}
	if (sel & 32) {
		o.has_begin_mark = o.has_end_mark = true;
		o.begin_mark = 1;
		o.end_mark = 3;
		lwt_mig_numv_add(&o.pid_exc, 1003, &err);
	}
	o.format = (sel & 4) ? LWT_MIG_TEXT : (sel >> 6) % 3;
	o.chrome = (sel & 128) ? sink : NULL;

	if (!lwt_mig_may_restart(&o)) {
		analyse(fd, &o, false, sink);
	} else {
		/* Reports at the end only: the single-run read (may_restart)
		 * must give the two passes' reports, or their error. */
		char *a = NULL, *b = NULL, ea[LWT_ERR_MAX];
		size_t al = 0, bl = 0;
		FILE *fa = open_memstream(&a, &al), *fb = open_memstream(&b, &bl);

		if (!fa || !fb)
			abort();
		snprintf(ea, sizeof(ea), "%s", analyse(fd, &o, false, fa));
		if (strcmp(ea, analyse(fd, &o, true, fb)))
			abort();
		fclose(fa);
		fclose(fb);
		if (!*ea && (al != bl || memcmp(a, b, al)))
			abort();
		free(a);
		free(b);
	}
	close(fd);
	lwt_mig_opts_free(&o);
	return 0;
}
