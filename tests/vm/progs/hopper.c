// SPDX-License-Identifier: GPL-2.0
/*
 * hopper: a workload of known tasks that migrate.
 *
 *   hopper THREADS HOPS [PIDFILE]
 *
 * Starts THREADS threads and one forked child (renamed "hopchild").  Each
 * of them pins itself to CPU 0, 1, ... in turn with sched_setaffinity(),
 * HOPS times, so every hop is a real migration.  The pid of every task is
 * written to PIDFILE (default stdout), one per line.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

static int hops, ncpus;
static FILE *pidf;
static pthread_mutex_t pidf_lock = PTHREAD_MUTEX_INITIALIZER;

static void note_pid(void)
{
	pthread_mutex_lock(&pidf_lock);
	fprintf(pidf, "%ld\n", (long)syscall(SYS_gettid));
	fflush(pidf);
	pthread_mutex_unlock(&pidf_lock);
}

static void hop(int start)
{
	volatile unsigned long spin;
	cpu_set_t set;
	int i;

	for (i = 0; i < hops; i++) {
		CPU_ZERO(&set);
		CPU_SET((start + i) % ncpus, &set);
		if (sched_setaffinity(0, sizeof(set), &set))
			perror("sched_setaffinity");
		for (spin = 0; spin < 20000; spin++)
			;
		usleep(100);
	}
}

static void *thread_fn(void *arg)
{
	note_pid();
	hop((int)(long)arg);
	return NULL;
}

int main(int argc, char **argv)
{
	int nthreads, i;
	pthread_t *t;
	pid_t child;

	if (argc < 3) {
		fprintf(stderr, "usage: hopper THREADS HOPS [PIDFILE]\n");
		return 2;
	}
	nthreads = atoi(argv[1]);
	hops = atoi(argv[2]);
	ncpus = sysconf(_SC_NPROCESSORS_ONLN);
	pidf = argc > 3 ? fopen(argv[3], "w") : stdout;
	if (!pidf) {
		perror(argv[3]);
		return 1;
	}
	note_pid();

	child = fork();
	if (child == 0) {
		prctl(PR_SET_NAME, "hopchild");
		note_pid();
		hop(1);
		_exit(0);
	}

	t = calloc(nthreads, sizeof(*t));
	for (i = 0; i < nthreads; i++)
		pthread_create(&t[i], NULL, thread_fn, (void *)(long)i);
	hop(2);
	for (i = 0; i < nthreads; i++)
		pthread_join(t[i], NULL);
	waitpid(child, NULL, 0);
	return 0;
}
