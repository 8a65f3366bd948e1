/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Attaching probes to tracepoints that are not exported to modules.
 *
 * The tracepoints are found by name with for_each_kernel_tracepoint() and
 * attached with tracepoint_probe_register().  Neither checks the probe's
 * type, so every probe is also checked at compile time against the
 * kernel's own TP_PROTO, from <trace/events/...h>, with LWT_CHECK_PROBE().
 */
#ifndef _LWTRACE_TP_H
#define _LWTRACE_TP_H

#include <linux/tracepoint.h>
#include <linux/build_bug.h>

struct lwt_probe {
	const char		*name;	/* tracepoint name */
	void			*func;	/* probe, type-checked by LWT_CHECK_PROBE */
	struct tracepoint	*tp;	/* found by lwt_probes_lookup() */
};

/*
 * Fail the build unless @probe has exactly the type that the kernel's
 * register_trace_<@tpname>() takes.  register_trace_*() is only named
 * inside typeof(), so no reference to the unexported tracepoint is made.
 */
#define LWT_CHECK_PROBE(tpname, probe)					\
	static_assert(__same_type(&register_trace_##tpname,		\
				  int (*)(typeof(&(probe)), void *)),	\
		      #probe " does not match TP_PROTO of " #tpname)

#define LWT_PROBE(tpname, probe) { .name = #tpname, .func = (void *)(probe) }

int lwt_probes_lookup(struct lwt_probe *probes, unsigned int n);
int lwt_probes_register(struct lwt_probe *probes, unsigned int n, void *data);
/* The caller must tracepoint_synchronize_unregister() before freeing @data. */
void lwt_probes_unregister(struct lwt_probe *probes, unsigned int n, void *data);

#endif /* _LWTRACE_TP_H */
