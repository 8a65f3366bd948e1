// SPDX-License-Identifier: GPL-2.0
/*
 * mtgen: a synthetic migration_trace trace in the module's format, for
 * benchmarks and tests.  By default it is laid out as a raw per-CPU dump
 * (each CPU's events in turn, every CPU's stream in time order), which is
 * what the original facility wrote; --sorted writes it in time order.
 *
 * The same seed gives the same trace.  Each CPU's block is written by
 * running the same generator again and keeping that CPU's events, so
 * memory does not grow with the number of events.
 *
 *   mtgen [-n EVENTS] [-c CPUS] [-t TASKS] [-s SEED] [-g GAP_NS] [--sorted]
 *         [--ties]
 */
#include <getopt.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uapi/lwtrace.h>

static const char *const loc_name[] = LWT_LOC_NAMES;

static const char *const names[] = {
	"bash", "kworker/0:1", "stress-ng", "make", "cc1", "ld", "sshd",
	"systemd", "rcu_sched", "hopper", "my prog", "jbd2/sda1-8",
};
#define NNAMES (sizeof(names) / sizeof(names[0]))

struct gen {
	uint64_t	rng, ts;
	unsigned int	ncpu, ntasks, next_pid;
	uint64_t	mark, gap;
	bool		ties;
};

static uint64_t rnd(struct gen *g)
{
	g->rng ^= g->rng >> 12;
	g->rng ^= g->rng << 25;
	g->rng ^= g->rng >> 27;
	return g->rng * 2685821657736338717ULL;
}

static void tick(struct gen *g)
{
	/* With --ties, one event in 8 has the timestamp of the one before. */
	if (!g->ties || rnd(g) % 8)
		g->ts += 1 + rnd(g) % g->gap;
}

/* One event; print it if it happened on @want (or on every CPU if -1). */
static void event(struct gen *g, FILE *out, int want)
{
	uint64_t r = rnd(g) % 1000;
	unsigned int cpu = rnd(g) % g->ncpu, pid;

	tick(g);
	if (r < 4) {
		/* a fork, then sometimes an exec */
		const char *parent = names[rnd(g) % NNAMES];
		const char *exec = names[rnd(g) % NNAMES];

		pid = g->next_pid++;
		g->ntasks++;
		if (want < 0 || (int)cpu == want)
			fprintf(out, "0x%016" PRIx64 " %u . . %u %d : %s\n", g->ts, cpu,
				pid, LWT_LOC_COPY_PROCESS, parent);
		if (r < 2) {
			tick(g);
			if (want < 0 || (int)cpu == want)
				fprintf(out, "0x%016" PRIx64 " %u . . %u %d : %s\n", g->ts,
					cpu, pid, LWT_LOC_SET_TASK_COMM, exec);
		}
	} else if (r < 6) {
		pid = 1000 + (unsigned int)(rnd(g) % g->ntasks);
		if (want < 0 || (int)cpu == want)
			fprintf(out, "0x%016" PRIx64 " %u . . %u %d 0x%08" PRIx64 "\n",
				g->ts, cpu, pid, LWT_LOC_MARK, g->mark);
		g->mark++;
	} else {
		unsigned int from = rnd(g) % g->ncpu;
		unsigned int to = g->ncpu > 1 ?
			(from + 1 + rnd(g) % (g->ncpu - 1)) % g->ncpu : from;
		/* mostly wakeups and balancing, as on a real machine */
		static const int causes[] = {
			LWT_CAUSE_TRY_TO_WAKE_UP, LWT_CAUSE_TRY_TO_WAKE_UP,
			LWT_CAUSE_TRY_TO_WAKE_UP, LWT_CAUSE_PULL_TASK,
			LWT_CAUSE_PULL_TASK, LWT_CAUSE_MIGRATE_TASK,
			LWT_CAUSE_PUSH_RT_TASK, LWT_CAUSE_PULL_RT_TASK,
			LWT_CAUSE_SCHED_TTWU_PENDING, LWT_CAUSE_ACTIVE_BALANCE,
			LWT_CAUSE_PUSH_DL_TASK, LWT_CAUSE_MIGRATE_SWAP,
		};
		int cause = causes[rnd(g) % (sizeof(causes) / sizeof(causes[0]))];

		pid = 1000 + (unsigned int)(rnd(g) % g->ntasks);
		if (want < 0 || (int)cpu == want)
			fprintf(out, "0x%016" PRIx64 " %u %u %u %u %d\n", g->ts, cpu,
				from, to, pid, cause);
	}
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "sorted", no_argument, NULL, 'S' },
		{ "ties", no_argument, NULL, 'T' },
		{ NULL, 0, NULL, 0 },
	};
	unsigned long long n = 1000000, i, seed = 1, gap = 3000;
	unsigned int ncpu = 8, ntasks = 200, c, k;
	bool sorted = false, ties = false;
	static char buf[1 << 20];
	int opt;

	while ((opt = getopt_long(argc, argv, "n:c:t:s:g:", lo, NULL)) != -1) {
		switch (opt) {
		case 'n': n = strtoull(optarg, NULL, 0); break;
		case 'c': ncpu = strtoul(optarg, NULL, 0); break;
		case 't': ntasks = strtoul(optarg, NULL, 0); break;
		case 's': seed = strtoull(optarg, NULL, 0); break;
		case 'g': gap = strtoull(optarg, NULL, 0); break;
		case 'S': sorted = true; break;
		case 'T': ties = true; break;
		default:
			fprintf(stderr, "usage: mtgen [-n EVENTS] [-c CPUS] [-t TASKS] [-s SEED] [-g GAP_NS] [--sorted] [--ties]\n");
			return 2;
		}
	}
	if (!ncpu || ncpu > 4096 || !ntasks || !gap) {
		fprintf(stderr, "mtgen: CPUS must be 1..4096, TASKS and GAP_NS > 0\n");
		return 2;
	}
	setvbuf(stdout, buf, _IOFBF, sizeof(buf));

	printf("# version %s\n# nr_cpus %u\n# ts_field 1\n", LWT_MT_VERSION, ncpu);
	for (k = LWT_CAUSE_MIN; k <= LWT_CAUSE_MAX; k++)
		printf("# cause %u %s\n", k, loc_name[k]);
	for (k = LWT_CAUSE_MAX + 1; k <= LWT_LOC_MAX; k++)
		printf("# loc %u %s\n", k, loc_name[k]);
	printf("# dropped 0\n");

	for (c = 0; c < (sorted ? 1 : ncpu); c++) {
		struct gen g = { .rng = seed * 0x9E3779B97F4A7C15ULL | 1,
				 .ts = 0x2540be400ULL, .ncpu = ncpu,
				 .ntasks = ntasks, .next_pid = 1000 + ntasks,
				 .mark = 1, .gap = gap, .ties = ties };
		unsigned int cc;

		/* start_sched_clock on each CPU, 1.5 us apart */
		for (cc = 0; cc < ncpu; cc++)
			if (sorted || cc == c)
				printf("0x%016" PRIx64 " %u . . . start_sched_clock %u %06u\n",
				       (uint64_t)(g.ts + cc * 1500ULL), cc, 1763778000u + (123456u + cc * 2) / 1000000,
				       (123456u + cc * 2) % 1000000);
		g.ts += ncpu * 1500ULL;
		/* the task list, written where enable ran: CPU 0 */
		for (k = 0; k < ntasks; k++) {
			g.ts += 100;
			if (sorted || c == 0)
				printf("0x%016" PRIx64 " 0 . . %u %d : %s\n", g.ts, 1000 + k,
				       LWT_LOC_TASK_LIST, names[k % NNAMES]);
		}
		for (i = 0; i < n; i++)
			event(&g, stdout, sorted ? -1 : (int)c);
	}
	return fflush(stdout) ? 1 : 0;
}
