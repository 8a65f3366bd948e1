// SPDX-License-Identifier: GPL-2.0
/*
 * causes: workloads of known tasks that provoke each cause of migration.
 *
 *   causes MODE N MSEC PIDFILE
 *
 *   wake  N sleepers woken together by one thread, over and over: wakeup
 *         placement spreads them over idle CPUs (try_to_wake_up).
 *   hogs  N CPU hogs started on CPU 0, then allowed everywhere: the load
 *         balancer spreads them (pull_task, active_load_balance).
 *   rt    N SCHED_FIFO tasks of different priorities started on CPU 0
 *         that run and sleep in short bursts (push_rt_task, pull_rt_task).
 *   dl    N SCHED_DEADLINE tasks started on CPU 0 (push_dl_task,
 *         pull_dl_task); exits 3 if the kernel refuses SCHED_DEADLINE.
 *
 * Every task's pid goes to PIDFILE.  Runs about MSEC milliseconds.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static FILE *pidf;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t done_cond = PTHREAD_COND_INITIALIZER;
static unsigned long generation;
static int done_count;
static volatile int stop;
static long msec;

static void note_pid(void)
{
	pthread_mutex_lock(&lock);
	fprintf(pidf, "%ld\n", (long)syscall(SYS_gettid));
	fflush(pidf);
	pthread_mutex_unlock(&lock);
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

static void spin_ns(uint64_t ns)
{
	uint64_t end = now_ns() + ns;

	while (now_ns() < end)
		;
}

static void pin(int cpu)
{
	cpu_set_t set;
	int i, n = sysconf(_SC_NPROCESSORS_ONLN);

	CPU_ZERO(&set);
	for (i = 0; i < n; i++)
		if (cpu < 0 || i == cpu)
			CPU_SET(i, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

/* wake: sleepers on one condition variable */
static void *sleeper(void *arg)
{
	unsigned long seen = 0;

	note_pid();
	pthread_mutex_lock(&lock);
	while (!stop) {
		while (generation == seen && !stop)
			pthread_cond_wait(&cond, &lock);
		seen = generation;
		pthread_mutex_unlock(&lock);
		spin_ns(200000);
		pthread_mutex_lock(&lock);
		if (++done_count)
			pthread_cond_signal(&done_cond);
	}
	pthread_mutex_unlock(&lock);
	return NULL;
}

static void *hog(void *arg)
{
	note_pid();
	pin(-1);
	while (!stop)
		spin_ns(1000000);
	return NULL;
}

static void *rt_task(void *arg)
{
	struct sched_param sp = { .sched_priority = 10 + (int)(long)arg };

	note_pid();
	if (pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp))
		fprintf(stderr, "SCHED_FIFO: %s\n", strerror(errno));
	pin(-1);
	while (!stop) {
		spin_ns(500000);
		usleep(300 + 100 * (long)arg);
	}
	return NULL;
}

struct sched_attr {
	uint32_t size, sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime, sched_deadline, sched_period;
};

static volatile int dl_refused;

static void *dl_task(void *arg)
{
	struct sched_attr a = {
		.size = sizeof(a), .sched_policy = 6 /* SCHED_DEADLINE */,
		.sched_runtime = 2000000, .sched_deadline = 10000000,
		.sched_period = 10000000,
	};

	note_pid();
	pin(-1);	/* SCHED_DEADLINE needs the full root-domain affinity */
	if (syscall(SYS_sched_setattr, 0, &a, 0)) {
		fprintf(stderr, "SCHED_DEADLINE: %s\n", strerror(errno));
		dl_refused = 1;
		return NULL;
	}
	while (!stop) {
		spin_ns(1500000);
		sched_yield();	/* end of this period's job */
	}
	return NULL;
}

int main(int argc, char **argv)
{
	void *(*fn)(void *) = NULL;
	pthread_t *t;
	uint64_t end;
	int n, i;

	if (argc != 5) {
		fprintf(stderr, "usage: causes wake|hogs|rt|dl N MSEC PIDFILE\n");
		return 2;
	}
	n = atoi(argv[2]);
	msec = atol(argv[3]);
	pidf = fopen(argv[4], "w");
	if (!pidf || n <= 0)
		return 2;
	if (!strcmp(argv[1], "wake"))
		fn = sleeper;
	else if (!strcmp(argv[1], "hogs"))
		fn = hog;
	else if (!strcmp(argv[1], "rt"))
		fn = rt_task;
	else if (!strcmp(argv[1], "dl"))
		fn = dl_task;
	else
		return 2;

	/* Everything starts on CPU 0; the tasks unpin themselves. */
	if (fn != sleeper)
		pin(0);
	t = calloc(n, sizeof(*t));
	for (i = 0; i < n; i++)
		pthread_create(&t[i], NULL, fn, (void *)(long)i);
	if (fn != sleeper)
		pin(-1);

	end = now_ns() + msec * 1000000ull;
	while (now_ns() < end) {
		if (fn == sleeper) {
			pthread_mutex_lock(&lock);
			done_count = 0;
			generation++;
			pthread_cond_broadcast(&cond);
			while (done_count < n && now_ns() < end) {
				struct timespec ts;

				clock_gettime(CLOCK_REALTIME, &ts);
				ts.tv_nsec += 20000000;
				if (ts.tv_nsec >= 1000000000) {
					ts.tv_sec++;
					ts.tv_nsec -= 1000000000;
				}
				pthread_cond_timedwait(&done_cond, &lock, &ts);
			}
			pthread_mutex_unlock(&lock);
			usleep(2000);
		} else {
			usleep(10000);
		}
	}
	pthread_mutex_lock(&lock);
	stop = 1;
	pthread_cond_broadcast(&cond);
	pthread_mutex_unlock(&lock);
	for (i = 0; i < n; i++)
		pthread_join(t[i], NULL);
	return dl_refused ? 3 : 0;
}
