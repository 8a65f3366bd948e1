#!/usr/bin/env python3
# callers.py VMLINUX KSYMS CAUSE_C: every function that calls
# set_task_cpu() in this kernel, directly or through tail calls, must be a
# name in module/cause.c's cause table.  KSYMS is the kernel's text symbols
# (/proc/kallsyms of a nokaslr boot of the same kernel).  Prints the callers;
# exits 1 naming any the table misses.
import bisect
import re
import subprocess
import sys

vmlinux, ksyms, cause_c = sys.argv[1:4]
syms = []
for line in open(ksyms, errors="replace"):
    f = line.split()
    if len(f) >= 3 and re.fullmatch(r"[0-9a-f]{16}", f[0]):
        syms.append((int(f[0], 16), f[2]))
syms.sort()
addrs = [a for a, _ in syms]
by_name = {}
for a, n in syms:
    by_name.setdefault(n, a)
if "set_task_cpu" not in by_name:
    sys.exit("callers.py: no set_task_cpu in %s" % ksyms)

# One pass over the disassembly: every call/jmp, as (function, kind, target).
out = subprocess.run(["objdump", "-d", "--no-show-raw-insn",
                      "--start-address=%#x" % addrs[0],
                      "--stop-address=%#x" % addrs[-1], vmlinux],
                     capture_output=True, text=True, check=True).stdout
branch = re.compile(r"^\s*([0-9a-f]+):\s+(call|jmp)\s+(?:0x)?([0-9a-f]+)\s*$")
edges = {}
for line in out.splitlines():
    m = branch.match(line)
    if m:
        src = syms[bisect.bisect_right(addrs, int(m.group(1), 16)) - 1][1]
        edges.setdefault(int(m.group(3), 16), set()).add((src, m.group(2)))

def base(name):
    return re.split(r"[. ]", name)[0]

# Callers that return to set_task_cpu's caller; a tail call (jmp) hands the
# frame to its own callers, which are then the ones seen in a stack.
seen, found, todo = set(), set(), ["set_task_cpu"]
while todo:
    fn = todo.pop()
    for src, kind in edges.get(by_name[fn], ()):
        if kind == "jmp" and src == fn:
            continue
        if src in seen:
            continue
        seen.add(src)
        found.add(base(src))
        if kind == "jmp":
            todo.append(src)

table = set(re.findall(r'^\s*\{ "([A-Za-z0-9_]+)",', open(cause_c).read(), re.M))
missing = sorted(found - table)
for n in sorted(found):
    print("%s %s" % ("ok     " if n in table else "MISSING", n))
if missing:
    sys.exit("callers.py: set_task_cpu() callers missing from %s: %s" %
             (cause_c, " ".join(missing)))
