#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Write NAME.records and NAME.tasks, in the lwtrace module's formats, for
the compactions in "perf script --ns" text read from stdin: what the module
would have written had it seen the same events.  Used by expected.sh, so
that the module-file inputs have expected outputs from the original too.

A compaction is a begin of a task, the events of that task, and its end.
The comm is the task's at the begin.  Events of a task with no compaction
begun are "unmatched"; compactions begun and not ended are "pending".
"""
import re
import sys

LINE = re.compile(r"^\s*(.*?)\s+(\d+)\s+(?:\[\d+\]\s+)?(\d+)\.(\d{9}):\s+"
                  r"compaction:(\w+):\s*(.*)$")
COUNTS = ["moved", "failed", "fs_scanned", "fs_isolated", "ms_scanned",
          "ms_isolated", "ff_scanned", "ff_isolated"]
ADDS = {
    "mm_compaction_migratepages": ("nr_migrated", "nr_failed", "moved", "failed"),
    "mm_compaction_isolate_freepages": ("nr_scanned", "nr_taken", "fs_scanned", "fs_isolated"),
    "mm_compaction_isolate_migratepages": ("nr_scanned", "nr_taken", "ms_scanned", "ms_isolated"),
    "mm_compaction_fast_isolate_freepages": ("nr_scanned", "nr_taken", "ff_scanned", "ff_isolated"),
}


def main():
    name = sys.argv[1]
    pending = {}
    records = []
    tasks = {}
    unmatched = 0
    for line in sys.stdin:
        m = LINE.match(line.rstrip("\n"))
        if not m:
            continue
        comm, pid, secs, nsecs, ev, args = m.groups()
        pid = int(pid)
        ns = int(secs) * 1000000000 + int(nsecs)
        kv = dict(re.findall(r"(\w+)=([^ ,]+)", args))
        if ev == "mm_compaction_begin":
            pending[pid] = dict(begin_ns=ns, pid=pid, comm=comm,
                                zone_start=kv["zone_start"], zone_end=kv["zone_end"],
                                mode=kv["mode"], **{c: 0 for c in COUNTS})
            tasks.setdefault(pid, dict(pid=pid, comm=comm, compactions=0, stall_ns=0,
                                       **{c: 0 for c in COUNTS}))
        elif ev in ADDS or ev == "mm_compaction_end":
            p = pending.get(pid)
            if p is None:
                unmatched += 1
                continue
            if ev == "mm_compaction_end":
                p["end_ns"] = ns
                p["status"] = kv["status"]
                records.append(p)
                del pending[pid]
                t = tasks[pid]
                t["compactions"] += 1
                t["stall_ns"] += ns - p["begin_ns"]
                for c in COUNTS:
                    t[c] += p[c]
            else:
                a, b, ca, cb = ADDS[ev]
                p[ca] += int(kv[a])
                p[cb] += int(kv[b])

    head = ["# version 1.0.0", "# clock perf"]
    with open(name + ".records", "w") as f:
        fields = ["begin_ns", "end_ns", "pid", "zone_start", "zone_end", "mode",
                  "status"] + COUNTS
        f.write("\n".join(head + ["# dropped 0", "# unmatched %d" % unmatched,
                                  "# pending %d" % len(pending),
                                  "# fields " + " ".join(fields + ["comm"])]) + "\n")
        for r in records:
            f.write(" ".join(str(r[k]) for k in fields) + " : " + r["comm"] + "\n")
    with open(name + ".tasks", "w") as f:
        fields = ["pid", "compactions", "stall_ns"] + COUNTS
        f.write("\n".join(head + ["# table_full 0", "# unmatched %d" % unmatched,
                                  "# pending %d" % len(pending),
                                  "# fields " + " ".join(fields + ["comm"])]) + "\n")
        for t in tasks.values():
            if t["compactions"]:
                f.write(" ".join(str(t[k]) for k in fields) + " : " + t["comm"] + "\n")


main()
