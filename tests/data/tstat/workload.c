// SPDX-License-Identifier: GPL-2.0
/*
 * The workload of tests/data/tstat/real-6.18.trace (see record.sh): three
 * tasks, each arming one kind of user timer ten times, with comms that
 * have a space and a dash (which the ftrace line prefix must survive).
 *
 *   "lwt sleep-loop"  nanosleep(10 ms)           hrtimer_wakeup
 *   "lwt timerfd"     timerfd, 7 ms periodic     timerfd_tmrproc
 *   "lwt itimer"      setitimer(ITIMER_REAL, 8 ms periodic)  it_real_fn
 *
 * cc -O2 -pthread -o workload workload.c
 */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/time.h>
#include <sys/timerfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 10

static void *timerfd_loop(void *arg)
{
	struct itimerspec its = {
		.it_interval = { 0, 7000000 },
		.it_value = { 0, 7000000 },
	};
	uint64_t ticks, total = 0;
	int fd;

	prctl(PR_SET_NAME, "lwt timerfd");
	fd = timerfd_create(CLOCK_MONOTONIC, 0);
	if (fd < 0 || timerfd_settime(fd, 0, &its, NULL)) {
		perror("timerfd");
		exit(1);
	}
	while (total < ROUNDS) {
		if (read(fd, &ticks, sizeof(ticks)) != sizeof(ticks)) {
			perror("read timerfd");
			exit(1);
		}
		total += ticks;
	}
	close(fd);
	return NULL;
}

static volatile sig_atomic_t alarms;

static void on_alarm(int sig)
{
	alarms++;
}

static void itimer_loop(void)
{
	struct itimerval itv = {
		.it_interval = { 0, 8000 },
		.it_value = { 0, 8000 },
	};
	struct itimerval off = { 0 };
	sigset_t none;

	prctl(PR_SET_NAME, "lwt itimer");
	signal(SIGALRM, on_alarm);
	sigemptyset(&none);
	setitimer(ITIMER_REAL, &itv, NULL);
	while (alarms < ROUNDS)
		sigsuspend(&none);
	setitimer(ITIMER_REAL, &off, NULL);
}

int main(void)
{
	struct timespec ts = { 0, 10000000 };
	pthread_t t;
	pid_t child;
	int i;

	child = fork();
	if (child == 0) {
		itimer_loop();
		_exit(0);
	}
	prctl(PR_SET_NAME, "lwt sleep-loop");
	pthread_create(&t, NULL, timerfd_loop, NULL);
	for (i = 0; i < ROUNDS; i++)
		nanosleep(&ts, NULL);
	pthread_join(t, NULL);
	waitpid(child, NULL, 0);
	return 0;
}
