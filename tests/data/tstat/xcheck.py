#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""A second, independent reading of an ftrace dump by timer_stats' rules,
written apart from tools/lib/tstat.c to check it on real traces.

    xcheck.py LWTRACE_H TRACE

prints one line per row, "count,D,pid,comm,site,callback" (D is 1 for
deferrable), sorted, then "# armed_before N" and "# no_stack N".

Rules (Documentation/timer_stats.rst): a start event's stack trace is the
next entry of the same CPU and pid; the start site is the first frame,
from the innermost, that is neither the tracing machinery nor in
LWT_TIMER_CORE (compiler suffixes ignored); a first such frame in
LWT_TIMER_REARM keeps the timer's last site, pid and comm, or names the
callback if it has none.  A missing stack gives <unknown>.  An expiry
counts in the row of its timer's latest arming, once that arming has its
site; expiries of timers never armed count as armed before the trace.
"""
import re
import sys
from collections import Counter


def names(header, macro):
    text = open(header).read()
    body = re.search(r"#define %s\(X\)(.*?)\n\n" % macro, text, re.S).group(1)
    return set(re.findall(r'X\("([^"]+)"\)', body))


CORE = names(sys.argv[1], "LWT_TIMER_CORE")
REARM = names(sys.argv[1], "LWT_TIMER_REARM")
TRACING = ("trace_event_raw_event_", "perf_trace_", "__bpf_trace_",
           "__traceiter_", "__probestub_")
PREFIX = re.compile(r"^\s*(.+)-(\d+)\s+(?:\(\s*[-\d]+\)\s+)?\[(\d+)\]\s+"
                    r"(?:\S+\s+)?\d+(?:\.\d+)?: (.*)$")
EVENT = re.compile(r"^(timer_start|timer_expire_entry|hrtimer_start|"
                   r"hrtimer_expire_entry): (.*)$")


def bare(frame):
    name = re.split(r"[ +]", frame.strip())[0]
    while True:
        m = re.match(r"^(.*)\.(part|isra|constprop)\.\d+$", name)
        if not m:
            return name
        name = m.group(1)


def display(frame):
    return re.split(r"[ +]", frame.strip())[0]


rows = Counter()
last = {}          # timer -> (site, pid, comm, deferrable, callback, seq)
pending = {}       # cpu -> dict(timer, pid, comm, cb, D, seq, held)
timer_pending = {}  # timer -> seq of its arming still waiting
early = 0
no_stack = 0
seq = 0
stack = None       # cpu whose frames are being read


def settle(cpu, site, rearm=False):
    global no_stack
    p = pending.pop(cpu)
    timer = p["timer"]
    if rearm:
        if timer in last:
            site, pid, comm = last[timer][0], last[timer][1], last[timer][2]
        else:
            site, pid, comm = p["cb"], p["pid"], p["comm"]
    else:
        if site is None:
            site = "<unknown>"
            no_stack += 1
        pid, comm = p["pid"], p["comm"]
    a = (site, pid, comm, p["D"], p["cb"], p["seq"])
    if p["held"]:
        rows[a[:5]] += p["held"]
    if timer not in last or last[timer][5] < p["seq"]:
        last[timer] = a
    if timer_pending.get(timer) == p["seq"]:
        del timer_pending[timer]


def kv(body, key):
    m = re.search(r"(?:^| )%s=(.*?)(?= [A-Za-z_][A-Za-z0-9_]*=|$)" % key, body)
    return m.group(1).strip() if m else None


for line in open(sys.argv[2]):
    line = line.rstrip("\n")
    if line.lstrip().startswith("=> "):
        if stack is not None:
            f = line.lstrip()[3:]
            b = bare(f)
            if b.startswith(TRACING) or b in CORE:
                continue
            settle(stack, display(f) if b not in REARM else None, b in REARM)
            stack = None
        continue
    if stack is not None:
        settle(stack, None)
        stack = None
    m = PREFIX.match(line)
    if not m:
        continue
    comm, pid, cpu, rest = m.group(1), int(m.group(2)), int(m.group(3)), m.group(4)
    if rest.startswith("<stack trace>") and cpu in pending \
            and pending[cpu]["pid"] == pid:
        stack = cpu
        continue
    if cpu in pending:
        settle(cpu, None)
    e = EVENT.match(rest)
    if not e:
        continue
    ev, body = e.groups()
    hr = ev.startswith("hr")
    timer = ("hr" if hr else "t", kv(body, "hrtimer" if hr else "timer"))
    if ev.endswith("_start"):
        seq += 1
        if pid == 0 and comm == "<idle>":
            comm = "swapper/%d" % cpu
        flags = kv(body, "flags") or ""
        pending[cpu] = dict(timer=timer, pid=pid, comm=comm, cb=kv(body, "function").split(" ")[0],
                            D=not hr and "D" in flags.split("|"), seq=seq, held=0)
        timer_pending[timer] = seq
    elif timer in timer_pending:
        for p in pending.values():
            if p["seq"] == timer_pending[timer]:
                p["held"] += 1
    elif timer in last:
        rows[last[timer][:5]] += 1
    else:
        early += 1
if stack is not None:
    settle(stack, None)
for cpu in list(pending):
    settle(cpu, None)

for (site, pid, comm, d, cb), n in sorted(rows.items()):
    print("%d,%d,%d,%s,%s,%s" % (n, d, pid, comm, site, cb))
print("# armed_before %d" % early)
print("# no_stack %d" % no_stack)
