// SPDX-License-Identifier: GPL-2.0
/*
 * The time spent in the other probes of sched_migrate_task, for make
 * bench-kernel (tests/vm/t/bench).  Two probes bracket the others: one
 * registered at a priority above the default, which runs first and reads
 * the clock, and one below it, which runs last and adds the time since.
 * ftrace's event and lwtrace's probes register at the default priority,
 * so they run in between.  With nothing in between, the sum is the floor
 * of the method: two probe calls and two clock reads.
 *
 * Read /sys/module/lwt_bench_probe/parameters/sum: "EVENTS NS" over all
 * CPUs; write anything to .../reset to zero it.  Under QEMU's -icount the
 * clock counts guest instructions, so the figure is exact; under plain
 * TCG it follows the host, but every event of a run is in it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/percpu.h>
#include <linux/sched.h>
#include <linux/sched/clock.h>
#include <linux/string.h>
#include <linux/tracepoint.h>

struct bracket {
	u64	t0;
	u64	ns;
	u64	events;
};

static DEFINE_PER_CPU(struct bracket, bracket);
static struct tracepoint *tp;

/* Called with the runqueue or pi lock held: interrupts are off. */
static void probe_first(void *data, struct task_struct *p, int dest_cpu)
{
	__this_cpu_write(bracket.t0, local_clock());
}

static void probe_last(void *data, struct task_struct *p, int dest_cpu)
{
	u64 t0 = __this_cpu_read(bracket.t0);

	if (!t0)
		return;		/* registered between the two */
	__this_cpu_add(bracket.ns, local_clock() - t0);
	__this_cpu_inc(bracket.events);
	__this_cpu_write(bracket.t0, 0);
}

static int sum_get(char *buf, const struct kernel_param *kp)
{
	u64 ns = 0, events = 0;
	int cpu;

	for_each_possible_cpu(cpu) {
		ns += per_cpu(bracket.ns, cpu);
		events += per_cpu(bracket.events, cpu);
	}
	return sysfs_emit(buf, "%llu %llu\n", events, ns);
}

static const struct kernel_param_ops sum_ops = { .get = sum_get };
module_param_cb(sum, &sum_ops, NULL, 0444);
MODULE_PARM_DESC(sum, "events bracketed, and nanoseconds between the brackets");

/* Between runs, with nothing migrating that matters: no atomicity. */
static int reset_set(const char *val, const struct kernel_param *kp)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		per_cpu(bracket.ns, cpu) = 0;
		per_cpu(bracket.events, cpu) = 0;
	}
	return 0;
}

static const struct kernel_param_ops reset_ops = { .set = reset_set };
module_param_cb(reset, &reset_ops, NULL, 0200);
MODULE_PARM_DESC(reset, "write anything to zero the sum");

static void find(struct tracepoint *t, void *priv)
{
	if (!strcmp(t->name, "sched_migrate_task"))
		tp = t;
}

static int __init lwt_bench_probe_init(void)
{
	int ret;

	for_each_kernel_tracepoint(find, NULL);
	if (!tp)
		return -ENOENT;
	ret = tracepoint_probe_register_prio(tp, probe_first, NULL,
					     TRACEPOINT_DEFAULT_PRIO + 1);
	if (ret)
		return ret;
	ret = tracepoint_probe_register_prio(tp, probe_last, NULL,
					     TRACEPOINT_DEFAULT_PRIO - 1);
	if (ret) {
		tracepoint_probe_unregister(tp, probe_first, NULL);
		tracepoint_synchronize_unregister();
	}
	return ret;
}

static void __exit lwt_bench_probe_exit(void)
{
	tracepoint_probe_unregister(tp, probe_last, NULL);
	tracepoint_probe_unregister(tp, probe_first, NULL);
	tracepoint_synchronize_unregister();
}

module_init(lwt_bench_probe_init);
module_exit(lwt_bench_probe_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("lwtrace benchmark: time in the other sched_migrate_task probes");
