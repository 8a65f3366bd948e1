// SPDX-License-Identifier: GPL-2.0
/*
 * timers MODE N: a workload of timers with known expiries, for the
 * timer_stats tests.  Prints its pid, then runs:
 *   nanosleep N   N nanosleep()s of 1 ms: N expiries of an hrtimer
 *                 (hrtimer_wakeup), armed from do_nanosleep
 *   itimer N      setitimer(ITIMER_REAL) every 2 ms until N SIGALRMs
 *                 (it_real_fn)
 *   timerfd N     a 2 ms periodic timerfd, read until it has expired N
 *                 times (timerfd_tmrproc)
 *   spin S        burn a CPU for S seconds
 *   bench N       one thread per CPU, pinned, each N nanosleep()s of 1 us;
 *                 prints "NS EXPIRIES" (wall time, timers that expired)
 *                 instead of its pid, for make bench-kernel
 * Exits 0 once done.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	alarms++;
}

static long bench_n;

static void *bench_thread(void *arg)
{
	struct timespec ts = { 0, 1000 };
	cpu_set_t set;
	long i;

	CPU_ZERO(&set);
	CPU_SET((long)arg, &set);
	sched_setaffinity(0, sizeof(set), &set);
	for (i = 0; i < bench_n; i++)
		nanosleep(&ts, NULL);
	return NULL;
}

static int bench(long n)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN), i;
	struct timespec t0, t1;
	pthread_t th[256];

	if (cpus > 256)
		cpus = 256;
	bench_n = n;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (i = 0; i < cpus; i++)
		pthread_create(&th[i], NULL, bench_thread, (void *)i);
	for (i = 0; i < cpus; i++)
		pthread_join(th[i], NULL);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%lld %ld\n", (t1.tv_sec - t0.tv_sec) * 1000000000LL +
	       (t1.tv_nsec - t0.tv_nsec), cpus * n);
	return 0;
}

int main(int argc, char **argv)
{
	const char *mode;
	long n, i;

	if (argc != 3) {
		fprintf(stderr, "usage: timers nanosleep|itimer|timerfd|spin N\n");
		return 2;
	}
	mode = argv[1];
	n = atol(argv[2]);
	if (!strcmp(mode, "bench"))
		return bench(n);
	printf("%d\n", getpid());
	fflush(stdout);
	if (!strcmp(mode, "nanosleep")) {
		struct timespec ts = { 0, 1000000 };

		for (i = 0; i < n; i++)
			nanosleep(&ts, NULL);
	} else if (!strcmp(mode, "itimer")) {
		struct itimerval it = { { 0, 2000 }, { 0, 2000 } };
		struct itimerval off = { { 0, 0 }, { 0, 0 } };
		struct sigaction sa;

		memset(&sa, 0, sizeof(sa));
		sa.sa_handler = on_alarm;
		sigaction(SIGALRM, &sa, NULL);
		setitimer(ITIMER_REAL, &it, NULL);
		while (alarms < n)
			pause();
		setitimer(ITIMER_REAL, &off, NULL);
	} else if (!strcmp(mode, "timerfd")) {
		struct itimerspec its = { { 0, 2000000 }, { 0, 2000000 } };
		int fd = timerfd_create(CLOCK_MONOTONIC, 0);
		uint64_t exp, total = 0;

		if (fd < 0 || timerfd_settime(fd, 0, &its, NULL)) {
			perror("timerfd");
			return 1;
		}
		while ((long)total < n) {
			if (read(fd, &exp, sizeof(exp)) != sizeof(exp)) {
				perror("read");
				return 1;
			}
			total += exp;
		}
		close(fd);
	} else if (!strcmp(mode, "spin")) {
		time_t end = time(NULL) + n;

		while (time(NULL) < end)
			;
	} else {
		fprintf(stderr, "timers: unknown mode %s\n", mode);
		return 2;
	}
	return 0;
}
