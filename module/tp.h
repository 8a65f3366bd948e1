/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tracepoints that are not exported to modules: one probe each, shared by
 * every facility that needs it.
 *
 * A tracepoint is found by name with for_each_kernel_tracepoint() and
 * attached with tracepoint_probe_register().  Neither checks the probe's
 * type, so LWT_TRACEPOINT(), the only way to declare one, also checks the
 * probe at compile time against the kernel's own TP_PROTO, from
 * <trace/events/...h>.
 *
 * A facility lists the tracepoints it needs.  The probe is attached when
 * the first facility that needs it starts and detached when the last one
 * stops; a probe that serves several facilities asks each whether it is on.
 */
#ifndef _LWTRACE_TP_H
#define _LWTRACE_TP_H

#include <linux/tracepoint.h>
#include <linux/build_bug.h>

struct lwt_tp {
	const char		*name;	/* tracepoint name */
	void			*probe;	/* type-checked by LWT_TRACEPOINT() */
	struct tracepoint	*tp;	/* found by lwt_tp_lookup() */
	unsigned int		users;	/* facilities that hold it attached */
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

/*
 * Define struct lwt_tp @var: tracepoint @tpname, attached to @fn.  May be
 * preceded by "static".
 */
#define LWT_TRACEPOINT(var, tpname, fn)					\
	struct lwt_tp var = { .name = #tpname, .probe = (void *)(fn) };	\
	LWT_CHECK_PROBE(tpname, fn)

int lwt_tp_lookup(struct lwt_tp *const *tps, unsigned int n);
/* Attach every tracepoint of @tps that no one holds yet: all, or none. */
int lwt_tp_get(struct lwt_tp *const *tps, unsigned int n);
/*
 * Detach those no one else holds.  The caller must
 * tracepoint_synchronize_unregister() before its probes' data goes away.
 */
void lwt_tp_put(struct lwt_tp *const *tps, unsigned int n);

#endif /* _LWTRACE_TP_H */
