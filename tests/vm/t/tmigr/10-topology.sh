# tmigr_tree on the running kernel's boot events, checked against the
# VM's CPU and NUMA topology (sysfs): every CPU exactly once, the kernel's
# grouping rule, numa labels.  Needs a kernel with tmigr (6.9+) booted with
# trace_event=tmigr_connect_cpu_parent,tmigr_connect_child_parent.
. /lwt/ktap.sh
ktap_plan 9

why=
[ -d $TR/events/timer_migration ] || why="kernel $(uname -r) has no timer migration hierarchy (6.9+)"
grep -q no_hash_pointers /proc/cmdline || why="needs no_hash_pointers (20-hashed covers the hashed case)"
if [ -n "$why" ]; then
	i=0
	while [ $i -lt 9 ]; do skip "tmigr $i" "$why"; i=$((i + 1)); done
	ktap_done
	exit
fi

ncpu=$(nproc)
nodes=$(ls -d /sys/devices/system/node/node[0-9]* | wc -l)
diag "$ncpu CPUs, $nodes NUMA nodes, cmdline: $(cat /proc/cmdline)"
cat $TR/trace > trace.txt
check "live read through libtracefs" sh -c 'tmigr_tree --live > live.txt'
check "ftrace dump on stdin" sh -c 'tmigr_tree < trace.txt > stdin.txt'
check "live and dump agree" cmp -s live.txt stdin.txt
cat live.txt | sed 's/^/# /'
check "json" sh -c 'tmigr_tree --format json trace.txt > tree.json'

# CPU -> node map from sysfs
for n in /sys/devices/system/node/node[0-9]*; do
	node=${n##*node}
	for c in $(ls -d $n/cpu[0-9]* 2>/dev/null); do echo "${c##*cpu} $node"; done
done > cpunode.txt

# One JSON node per line: name cpu lvl numa num_children parent nchildren
awk '/"name":/ {
	match($0, /"name": "[^"]*"/); name = substr($0, RSTART + 9, RLENGTH - 10)
	cpu = ($0 ~ /"cpu": true/)
	match($0, /"lvl": -?[0-9]+/); lvl = substr($0, RSTART + 7, RLENGTH - 7)
	match($0, /"numa": (-?[0-9]+|null)/); numa = substr($0, RSTART + 8, RLENGTH - 8)
	match($0, /"num_children": [0-9]+/); nc = substr($0, RSTART + 16, RLENGTH - 16)
	parent = "null"
	if (match($0, /"parent": "[^"]*"/)) parent = substr($0, RSTART + 11, RLENGTH - 12)
	match($0, /"children": \[[^]]*\]/); ch = substr($0, RSTART, RLENGTH)
	kids = gsub(/"[^"]*"/, "", ch) - 1
	print name, cpu, lvl, numa, nc, parent, kids
}' tree.json > nodes.txt

expect "every CPU exactly once" "$(awk '$2 == 1 { print $1 }' nodes.txt | sort -n | tr '\n' ' ')" \
	"$(seq -s ' ' 0 $((ncpu - 1))) "
expect "every CPU once in the ASCII tree" \
	"$(grep -oE '[-/\\][0-9]+, node -?[0-9]+, lvl:-1$' live.txt | sed 's/^.//; s/,.*//' | sort -n | tr '\n' ' ')" \
	"$(seq -s ' ' 0 $((ncpu - 1))) "
expect "one root" "$(awk '$6 == "null"' nodes.txt | wc -l)" 1

# The kernel's rule (kernel/time/timer_migration.c): groups of at most 8
# children, each group's children one level below it, num_children as
# counted, and the hierarchy stops growing at the first level with a
# single group.
bad=$(awk 'NR == FNR { lv[$1] = $3; next }
	$2 == 0 {
		if ($7 > 8 || $7 != $5) print "group " $1 ": " $7 " children, num_children " $5
		groups[$3]++
		if ($3 > top) top = $3
	}
	$6 != "null" && lv[$6] != $3 + 1 && !($2 == 1 && lv[$6] == 0) { print $1 " at lvl " $3 " under lvl " lv[$6] }
	END { for (l = 0; l < top; l++) if (groups[l] < 2) print "lvl " l " has " groups[l] " group(s) below the root" }' nodes.txt nodes.txt)
expect "groups follow the kernel's rule" "$bad" ""

# numa labels: a CPU's is its node; a group below the cross-node level has
# the node of its CPUs; with several nodes, groups at or above it have -1.
cpn=$(awk '{ n[$2]++ } END { for (k in n) if (n[k] > m) m = n[k]; print m }' cpunode.txt)
# order_base_2(x): the smallest l with 2^l >= x
lg() { awk -v x=$1 'BEGIN { l = 0; p = 1; while (p < x) { l++; p *= 2 }; print l }'; }
cross=$(( ($(lg $cpn) + 2) / 3 ))
bad=$(awk -v nodes=$nodes -v cross=$cross '
	FNR == 1 { pass++ }
	pass == 1 { node[$1] = $2; next }
	pass == 2 { if ($2 == 0) { lvl[$1] = $3; par[$1] = $6; gnuma[$1] = $4 }; next }
	$2 == 1 && $4 != node[$1] { print "cpu " $1 ": numa " $4 ", sysfs node " node[$1] }
	$2 == 1 { g = $6; while (g != "null") { if (lvl[g] < cross || nodes == 1) want[g] = node[$1]; g = par[g] } }
	END { for (g in lvl) {
		w = (g in want) ? want[g] : -1
		if (gnuma[g] != w) print "group " g " lvl " lvl[g] ": numa " gnuma[g] ", want " w } }' \
	cpunode.txt nodes.txt nodes.txt)
expect "numa labels match the topology" "$bad" ""
ktap_done
