// SPDX-License-Identifier: GPL-2.0
/*
 * migbench: a fixed amount of migration work of one kind, for
 * make bench-kernel.  Work is counted in loop iterations and rounds, never
 * in time, so that tracing overhead shows as a longer run.
 *
 *   migbench hop N      one thread moves itself round-robin over the
 *                       CPUs with sched_setaffinity(), N times
 *   migbench wake N     two unpinned threads per CPU meet at a barrier N
 *                       times, with a short spin between: the last one
 *                       wakes the others, whose CPUs are often busy
 *                       (wakeups)
 *   migbench balance N  one unpinned thread per CPU plus one, N rounds
 *                       each of a long spin and a short sleep: the CPUs
 *                       stay busy, so a waking thread finds no idle CPU
 *                       and stays, and a CPU whose thread sleeps pulls
 *                       a waiting one (new-idle load balancing)
 *   migbench rt N       one SCHED_FIFO thread per CPU plus one, N rounds
 *                       each of a spin and a short sleep (RT push/pull)
 *
 * Prints "NS MIGRATIONS": the elapsed CLOCK_MONOTONIC nanoseconds and
 * the real moves of its threads (se.nr_migrations, /proc/thread-self/sched).
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAXT 256

static long n_iter;
static long spin_n = 20000, sleep_us = 100;	/* balance, rt: argv[3], [4] */
static int ncpu;
static uint64_t migr[MAXT];

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static uint64_t nr_migrations(void)
{
	char line[256];
	uint64_t v = 0;
	FILE *f = fopen("/proc/thread-self/sched", "r");

	while (f && fgets(line, sizeof(line), f))
		if (!strncmp(line, "se.nr_migrations", 16))
			v = strtoull(strchr(line, ':') + 1, NULL, 10);
	if (f)
		fclose(f);
	return v;
}

static void spin(long n)
{
	volatile long i;

	for (i = 0; i < n; i++)
		;
}

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static void *hop(void *arg)
{
	uint64_t m0 = nr_migrations();
	long i;

	for (i = 0; i < n_iter; i++)
		pin((int)(i % ncpu));
	migr[0] = nr_migrations() - m0;
	return NULL;
}

static pthread_barrier_t barrier;

static void *wake(void *arg)
{
	uint64_t m0 = nr_migrations();
	long i;

	for (i = 0; i < n_iter; i++) {
		spin(5000);
		pthread_barrier_wait(&barrier);
	}
	migr[(long)arg] = nr_migrations() - m0;
	return NULL;
}

static void *balance(void *arg)
{
	uint64_t m0 = nr_migrations();
	long i;

	for (i = 0; i < n_iter; i++) {
		spin(spin_n);
		usleep(sleep_us);
	}
	migr[(long)arg] = nr_migrations() - m0;
	return NULL;
}

static void *rt(void *arg)
{
	struct sched_param sp = { .sched_priority = 10 + (int)(long)arg };
	uint64_t m0;
	long i;

	pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp);
	m0 = nr_migrations();
	for (i = 0; i < n_iter; i++) {
		spin(spin_n);
		usleep(sleep_us + sleep_us / 4 * (long)arg);
	}
	migr[(long)arg] = nr_migrations() - m0;
	return NULL;
}

int main(int argc, char **argv)
{
	void *(*fn)(void *) = NULL;
	pthread_t t[MAXT];
	uint64_t t0, sum = 0;
	long i, nt = 1;

	ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	if (argc >= 3 && argc <= 5) {
		n_iter = atol(argv[2]);
		if (argc >= 4)
			spin_n = atol(argv[3]);
		if (argc == 5)
			sleep_us = atol(argv[4]);
		if (!strcmp(argv[1], "hop"))
			fn = hop;
		else if (!strcmp(argv[1], "wake"))
			fn = wake, nt = 2 * ncpu;
		else if (!strcmp(argv[1], "balance"))
			fn = balance, nt = ncpu + 1;
		else if (!strcmp(argv[1], "rt"))
			fn = rt, nt = ncpu + 1;
	}
	if (!fn || n_iter <= 0 || nt > MAXT) {
		fprintf(stderr, "usage: migbench hop|wake|balance|rt N [SPIN [SLEEP_US]]\n");
		return 2;
	}
	pthread_barrier_init(&barrier, NULL, nt);
	t0 = now_ns();
	for (i = 0; i < nt; i++)
		pthread_create(&t[i], NULL, fn, (void *)i);
	for (i = 0; i < nt; i++) {
		pthread_join(t[i], NULL);
		sum += migr[i];
	}
	printf("%llu %llu\n", (unsigned long long)(now_ns() - t0),
	       (unsigned long long)sum);
	return 0;
}
