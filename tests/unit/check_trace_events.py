#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Validate a JSON file against the Trace Event Format that Chrome's
about:tracing and the Perfetto UI import (the "JSON Object Format"):
https://docs.google.com/document/d/1CvAClvFfyA5R-PhYUmn5OOQtYMH4h6I0nSsKchNAySU

Prints the number of migration instants; exits 1 on the first violation."""
import json
import sys

PHASES = set("BEXiIPCbnesMtfONSTpFD") | {"(", ")"}
METADATA = {"process_name", "process_labels", "process_sort_index",
            "thread_name", "thread_sort_index"}


def fail(i, ev, why):
    print(f"{sys.argv[1]}: traceEvents[{i}]: {why}: {json.dumps(ev)[:200]}")
    sys.exit(1)


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    if not isinstance(doc, dict) or not isinstance(doc.get("traceEvents"), list):
        print("top level is not an object with a traceEvents array")
        sys.exit(1)
    if doc.get("displayTimeUnit", "ms") not in ("ms", "ns"):
        print("displayTimeUnit is not ms or ns")
        sys.exit(1)
    migrations = 0
    last_ts = {}
    named = set()
    for i, ev in enumerate(doc["traceEvents"]):
        if not isinstance(ev, dict):
            fail(i, ev, "not an object")
        ph = ev.get("ph")
        if ph not in PHASES:
            fail(i, ev, "bad ph")
        if not isinstance(ev.get("name"), str):
            fail(i, ev, "name is not a string")
        for k in ("pid", "tid"):
            if not isinstance(ev.get(k), int) or isinstance(ev.get(k), bool):
                fail(i, ev, f"{k} is not an integer")
        if "args" in ev and not isinstance(ev["args"], dict):
            fail(i, ev, "args is not an object")
        if "cat" in ev and not isinstance(ev["cat"], str):
            fail(i, ev, "cat is not a string")
        if ph == "M":
            if ev["name"] not in METADATA or "args" not in ev:
                fail(i, ev, "bad metadata event")
            if ev["name"] == "thread_name":
                named.add((ev["pid"], ev["tid"]))
            continue
        ts = ev.get("ts")
        if not isinstance(ts, (int, float)) or isinstance(ts, bool) or ts < 0:
            fail(i, ev, "ts is not a number of microseconds")
        if ph in "iI":
            if ev.get("s", "t") not in ("g", "p", "t"):
                fail(i, ev, "instant scope is not g, p or t")
        if ph == "X" and (not isinstance(ev.get("dur"), (int, float)) or ev["dur"] < 0):
            fail(i, ev, "complete event without dur")
        if ph in "stf" and "id" not in ev:
            fail(i, ev, "flow event without id")
        track = (ev["pid"], ev["tid"])
        if ts < last_ts.get(track, 0):
            fail(i, ev, "time goes back on its track")
        last_ts[track] = ts
        if ph == "i" and ev.get("cat") != "mark":
            a = ev.get("args", {})
            for k in ("pid", "comm", "cause", "from", "to"):
                if k not in a:
                    fail(i, ev, f"migration without args.{k}")
            if ev["tid"] != a["to"]:
                fail(i, ev, "migration not on its destination CPU's track")
            if track not in named:
                fail(i, ev, "track without a thread_name before it")
            migrations += 1
    print(migrations)


main()
