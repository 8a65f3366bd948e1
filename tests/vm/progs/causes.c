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
 *   dl    N SCHED_DEADLINE tasks started on CPU 0, each busy 4 ms of every
 *         10: with more tasks than CPUs some runqueue is often overloaded,
 *         and a CPU whose task has finished its job pulls from it
 *         (push_dl_task, pull_dl_task).
 *   pair  N CPU hogs, in rounds: each is pinned to CPU 0 or CPU 1 (SMT
 *         siblings in the causes VM), then all are allowed everywhere.
 *         Each hog is its CPU's only task, so only active balancing can
 *         spread them (active_load_balance).
 *   hotplug  N CPU hogs, while the last CPU goes offline and back, again
 *         and again: the hogs are pushed off the dying CPU (__migrate_task).
 *   dlhotplug  hotplug, and each round starts a SCHED_DEADLINE task on
 *         the last CPU that uses up its runtime at once and is throttled
 *         when the CPU goes: its timer moves it (dl_task_offline_migration).
 *         This crashes Debian's 6.1 and 6.12 kernels, with or without
 *         lwtrace, in about a third of the runs (divide error in
 *         inactive_task_timer()): see Documentation/design.rst.
 *   numa  N processes, half running on node 0 with their memory bound to
 *         node 1, half the other way round, every CPU busy: NUMA
 *         balancing swaps them (__migrate_swap_task).
 *   core  Exit 0 if the kernel has core scheduling (prctl PR_SCHED_CORE),
 *         3 if not.
 *   pushstop  N SCHED_FIFO 50 tasks and N SCHED_FIFO 10 tasks that run
 *         and sleep in short bursts, beside the migrate_disable()d
 *         SCHED_FIFO 1 kthreads of lwt_migdis_test.ko: an RT push that
 *         finds one of those pushes the running task away instead
 *         (push_cpu_stop).
 *
 * Every task's pid goes to PIDFILE.  Runs about MSEC milliseconds.  Exits
 * 3 if the kernel refuses what the mode needs (SCHED_DEADLINE, two NUMA
 * nodes), 2 on a usage error.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static FILE *pidf;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static pthread_cond_t done_cond = PTHREAD_COND_INITIALIZER;
static unsigned long generation;
static int done_count;
static volatile int stop;
static volatile int refused;
static long msec;
static int nthreads;

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

static int last_cpu(void)
{
	return sysconf(_SC_NPROCESSORS_CONF) - 1;
}

/* Allow CPU only, or every CPU if CPU < 0. */
static void pin(int cpu)
{
	cpu_set_t set;
	int i;

	CPU_ZERO(&set);
	for (i = 0; i <= last_cpu(); i++)
		if (cpu < 0 || i == cpu)
			CPU_SET(i, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static void set_fifo(int prio)
{
	struct sched_param sp = { .sched_priority = prio };

	if (pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp))
		fprintf(stderr, "SCHED_FIFO: %s\n", strerror(errno));
}

struct sched_attr {
	uint32_t size, sched_policy;
	uint64_t sched_flags;
	int32_t sched_nice;
	uint32_t sched_priority;
	uint64_t sched_runtime, sched_deadline, sched_period;
};

/* SCHED_DEADLINE with RUNTIME of every PERIOD (ns); 0 or -1 (refused) */
static int set_deadline(uint64_t runtime, uint64_t period)
{
	struct sched_attr a = {
		.size = sizeof(a), .sched_policy = 6 /* SCHED_DEADLINE */,
		.sched_runtime = runtime, .sched_deadline = period,
		.sched_period = period,
	};

	pin(-1);	/* SCHED_DEADLINE needs the full root-domain affinity */
	if (syscall(SYS_sched_setattr, 0, &a, 0)) {
		fprintf(stderr, "SCHED_DEADLINE: %s\n", strerror(errno));
		refused = 1;
		return -1;
	}
	return 0;
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

static void wake_round(void)
{
	uint64_t end = now_ns() + 20000000;
	struct timespec ts;

	pthread_mutex_lock(&lock);
	done_count = 0;
	generation++;
	pthread_cond_broadcast(&cond);
	while (done_count < nthreads && now_ns() < end) {
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
	note_pid();
	set_fifo(10 + (int)(long)arg);
	pin(-1);
	while (!stop) {
		spin_ns(500000);
		usleep(300 + 100 * (long)arg);
	}
	return NULL;
}

static void *dl_task(void *arg)
{
	note_pid();
	if (set_deadline(5000000, 10000000))
		return NULL;
	while (!stop) {
		spin_ns(4000000);
		sched_yield();	/* end of this period's job */
	}
	return NULL;
}

/* pair: rounds of "pinned to CPU 0 or 1, then allowed everywhere" */
static volatile int pair_round, pair_pinned;

static void *pair_hog(void *arg)
{
	int seen = 0;

	note_pid();
	while (!stop) {
		if (pair_round != seen) {
			seen = pair_round;
			pin((int)(long)arg % 2);
			__atomic_add_fetch(&pair_pinned, 1, __ATOMIC_SEQ_CST);
			while (!stop && __atomic_load_n(&pair_pinned, __ATOMIC_SEQ_CST) <
					seen * nthreads)
				spin_ns(100000);
			spin_ns(20000000);
			pin(-1);
		}
		spin_ns(1000000);
	}
	return NULL;
}

static void pair_next(void)
{
	pair_round++;
	usleep(800000);
}

/* hotplug: a deadline task on the last CPU, throttled when it goes away */
static volatile int dl_round_stop;

static void *dl_on_last(void *arg)
{
	note_pid();
	pin(last_cpu());
	if (set_deadline(1000000, 100000000))
		return NULL;
	while (!dl_round_stop && !stop)
		spin_ns(1000000);
	return NULL;
}

static int cpu_online(int cpu, int on)
{
	char path[64];
	int fd, ok;

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/online", cpu);
	fd = open(path, O_WRONLY);
	if (fd < 0)
		return -1;
	ok = write(fd, on ? "1" : "0", 1) == 1;
	close(fd);
	return ok ? 0 : -1;
}

static void hotplug_round(void)
{
	usleep(300000);
	if (cpu_online(last_cpu(), 0))
		fprintf(stderr, "cpu%d offline: %s\n", last_cpu(), strerror(errno));
	usleep(700000);
	if (cpu_online(last_cpu(), 1))
		fprintf(stderr, "cpu%d online: %s\n", last_cpu(), strerror(errno));
}

static void dlhotplug_round(void)
{
	pthread_t dl;

	dl_round_stop = 0;
	pthread_create(&dl, NULL, dl_on_last, NULL);
	hotplug_round();
	dl_round_stop = 1;
	pthread_join(dl, NULL);
}

#ifndef PR_SCHED_CORE
#define PR_SCHED_CORE		62
#endif
#define PR_SCHED_CORE_GET	0

static int core_sched(void)
{
	unsigned long cookie;

	if (syscall(SYS_prctl, PR_SCHED_CORE, PR_SCHED_CORE_GET, 0, 0 /* PIDTYPE_PID */,
		    &cookie) == 0)
		return 0;
	fprintf(stderr, "PR_SCHED_CORE: %s\n", strerror(errno));
	return 3;
}

/* pushstop: RT tasks around migrate_disable()d RT kthreads */
static void *pushstop_task(void *arg)
{
	int high = (long)arg % 2;

	note_pid();
	set_fifo(high ? 50 : 10);
	pin(-1);
	while (!stop) {
		spin_ns(high ? 300000 : 500000);
		usleep(high ? 200 : 700);
	}
	return NULL;
}

/* numa: processes running on one node, memory bound to the other */
#define MPOL_BIND		2
#define MPOL_F_NUMA_BALANCING	(1 << 13)

static int node_first_cpu(int node)
{
	char path[64];
	FILE *f;
	int cpu = -1;

	snprintf(path, sizeof(path), "/sys/devices/system/node/node%d/cpulist", node);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%d", &cpu) != 1)
		cpu = -1;
	fclose(f);
	return cpu;
}

static void numa_child(int home, int cpu, size_t bytes)
{
	unsigned long mask = 1ul << !home;
	uint64_t end = now_ns() + msec * 1000000ull;
	volatile char *mem;
	size_t i;

	pin(cpu);
	/* MPOL_F_NUMA_BALANCING: scanned, and no page moves to a CPU off node */
	if (syscall(SYS_set_mempolicy, MPOL_BIND | MPOL_F_NUMA_BALANCING, &mask,
		    sizeof(mask) * 8)) {
		fprintf(stderr, "set_mempolicy: %s\n", strerror(errno));
		_exit(3);
	}
	mem = malloc(bytes);
	if (!mem)
		_exit(1);
	for (i = 0; i < bytes; i += 4096)
		mem[i] = 1;
	pin(-1);
	while (now_ns() < end)
		for (i = 0; i < bytes; i += 4096)
			mem[i]++;
	_exit(0);
}

static int numa(int n)
{
	int first[2] = { node_first_cpu(0), node_first_cpu(1) };
	int i, st, rc = 0;
	pid_t pid;

	if (first[0] < 0 || first[1] < 0) {
		fprintf(stderr, "numa: needs two NUMA nodes\n");
		return 3;
	}
	for (i = 0; i < n; i++) {
		fflush(pidf);
		pid = fork();
		if (pid == 0)
			numa_child(i % 2, first[i % 2] + i / 2, 16 << 20);
		if (pid < 0)
			return 1;
		fprintf(pidf, "%d\n", (int)pid);
	}
	fflush(pidf);
	while (wait(&st) > 0)
		if (WIFEXITED(st) && WEXITSTATUS(st) > rc)
			rc = WEXITSTATUS(st);
	return rc;
}

static void idle_round(void)
{
	usleep(10000);
}

static const struct mode {
	const char	*name;
	void		*(*task)(void *);
	void		(*round)(void);	/* the main thread's work, looped */
	int		on_cpu0;	/* tasks start on CPU 0 */
} modes[] = {
	{ "wake",	sleeper,	wake_round,	0 },
	{ "hogs",	hog,		idle_round,	1 },
	{ "rt",		rt_task,	idle_round,	1 },
	{ "dl",		dl_task,	idle_round,	1 },
	{ "pair",	pair_hog,	pair_next,	0 },
	{ "hotplug",	hog,		hotplug_round,	0 },
	{ "dlhotplug",	hog,		dlhotplug_round, 0 },
	{ "pushstop",	pushstop_task,	idle_round,	0 },
	{ "numa" },
	{ "core" },
};

int main(int argc, char **argv)
{
	const struct mode *m = NULL;
	pthread_t *t;
	uint64_t end;
	size_t i;

	for (i = 0; argc == 5 && i < sizeof(modes) / sizeof(modes[0]); i++)
		if (!strcmp(argv[1], modes[i].name))
			m = &modes[i];
	if (!m) {
		fprintf(stderr, "usage: causes wake|hogs|rt|dl|pair|hotplug|dlhotplug|pushstop|numa|core N MSEC PIDFILE\n");
		return 2;
	}
	nthreads = atoi(argv[2]);
	msec = atol(argv[3]);
	pidf = fopen(argv[4], "w");
	if (!pidf || nthreads <= 0 || msec <= 0)
		return 2;
	if (!m->task)
		return !strcmp(m->name, "numa") ? numa(nthreads) : core_sched();

	/* Tasks created now start on CPU 0; they unpin themselves. */
	if (m->on_cpu0)
		pin(0);
	t = calloc(nthreads, sizeof(*t));
	for (i = 0; i < (size_t)nthreads; i++)
		pthread_create(&t[i], NULL, m->task, (void *)(long)i);
	pin(-1);

	end = now_ns() + msec * 1000000ull;
	while (now_ns() < end)
		m->round();
	pthread_mutex_lock(&lock);
	stop = 1;
	pthread_cond_broadcast(&cond);
	pthread_mutex_unlock(&lock);
	for (i = 0; i < (size_t)nthreads; i++)
		pthread_join(t[i], NULL);
	return refused ? 3 : 0;
}
