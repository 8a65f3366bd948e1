# migration_trace: every debugfs file's semantics, good and bad input,
# with the state checked after each bad write.
. /lwt/ktap.sh
ktap_plan 48

check "insmod" insmod /lwt/lwtrace.ko
expect "mt_buf_kb default" "$(cat /sys/module/lwtrace/parameters/mt_buf_kb)" 1024
expect "file modes" "$(cd $MT && stat -c '%n %a' enable mark reset trace | tr '\n' ' ')" \
	"enable 600 mark 200 reset 200 trace 400 "
expect "enable reads 0 at load" "$(cat $MT/enable)" 0

lwtio r $MT/trace > empty.txt
expect "empty trace is header only" "$(body empty.txt | wc -l)" 0
expect "header: version" "$(hdr_val empty.txt version)" 1.0.0
# CPU ids run up to nr_cpu_ids - 1: the last possible CPU, plus one.
expect "header: nr_cpus" "$(hdr_val empty.txt nr_cpus)" \
	"$(($(sed 's/.*[-,]//' /sys/devices/system/cpu/possible) + 1))"
expect "header: ts_field" "$(hdr_val empty.txt ts_field)" 1
expect "header: dropped" "$(hdr_val empty.txt dropped)" 0
# Causes are numbered 1..C and the other locations follow without a gap.
expect "header: cause and loc numbering" \
	"$(awk '$2 == "cause" || $2 == "loc" { printf "%s ", $3 }' empty.txt)" \
	"$(seq -s ' ' 1 $(grep -cE '^# (cause|loc) ' empty.txt)) "
expect "header: loc names" \
	"$(awk '$2 == "loc" { printf "%s ", $4 }' empty.txt)" \
	"copy_process set_task_comm task_list mark "

# Bad writes to enable: each is refused and nothing changes.
for bad in "junk" "" "2" "-1" "1x" " 1" "1 1" "0x" "99999999999999999999999"; do
	r=$(wr $MT/enable "$bad")
	[ "$r" = EINVAL ] || { echo "# enable '$bad': $r"; badw=1; }
done
expect "bad writes to enable give EINVAL" "${badw:-0}" 0
expect "huge write to enable gives EINVAL" "$(lwtio wn $MT/enable 4096)" EINVAL
expect "still disabled after bad writes" "$(cat $MT/enable)" 0
lwtio r $MT/trace > t.txt
check "still empty after bad writes" cmp -s empty.txt t.txt

# Marks while stopped are ignored, as in the original.
expect "mark while stopped" "$(wr $MT/mark 5)" OK
lwtio r $MT/trace > t.txt
check "mark while stopped is not recorded" cmp -s empty.txt t.txt

expect "enable 1" "$(wr $MT/enable "1
")" OK
expect "enable reads 1 while tracing" "$(cat $MT/enable)" 1
expect "trace refused while tracing" "$(lwtio r $MT/trace 2>&1 >/dev/null)" EPERM
expect "enable 1 again refused (not empty)" "$(wr $MT/enable 1)" EPERM
expect "reset while tracing: bad value" "$(wr $MT/reset 1)" EINVAL
expect "still tracing after bad reset" "$(cat $MT/enable)" 1

# Marks: decimal, hex, octal, in order; bad ones refused.
for m in 1 2 0x10 010 4294967295 18446744073709551615; do wr $MT/mark "$m" >/dev/null; done
for bad in "" "x" "-1" "18446744073709551616" "5 5" "0x"; do
	r=$(wr $MT/mark "$bad")
	[ "$r" = EINVAL ] || { echo "# mark '$bad': $r"; badm=1; }
done
expect "bad marks give EINVAL" "${badm:-0}" 0
expect "huge mark write gives EINVAL" "$(lwtio wn $MT/mark 100000)" EINVAL

# A renamed child of a fork: copy_process and set_task_comm events.
hopper 0 2 pids.txt >/dev/null
# A UTF-8 name is kept (0x80 and up), a control character becomes '?'.
sh -c 'printf "h\303\251llo\001" > /proc/self/comm; echo $$ > utf8.pid'

expect "enable 0" "$(wr $MT/enable 0)" OK
expect "enable reads 0 after stop" "$(cat $MT/enable)" 0
expect "enable 0 again is harmless" "$(wr $MT/enable 0)" OK

lwtio r $MT/trace > full.txt
MARK=$(loc_num full.txt mark)
expect "marks recorded in order" \
	"$(awk -v m=$MARK '$3 == "." && $6 == m { printf "%s ", $7 }' full.txt)" \
	"0x00000001 0x00000002 0x00000010 0x00000008 0xffffffff 0xffffffffffffffff "
expect "one start_sched_clock per online CPU" \
	"$(grep -c ' start_sched_clock ' full.txt)" "$(nproc)"
TL=$(loc_num full.txt task_list)
check "task_list has init (pid 1)" grep -qE "^0x[0-9a-f]{16} [0-9]+ \. \. 1 $TL : init\$" full.txt
CP=$(loc_num full.txt copy_process)
SC=$(loc_num full.txt set_task_comm)
child=$(sed -n 2p pids.txt)
check "copy_process of the forked child" grep -qE " \. \. $child $CP : hopper\$" full.txt
check "set_task_comm of the renamed child" grep -qE " \. \. $child $SC : hopchild\$" full.txt
expect "a UTF-8 comm is kept, a control character is '?'" \
	"$(awk -v p=$(cat utf8.pid) -v sc=$SC '$5 == p && $6 == sc { print $8 }' full.txt | tail -n 1)" \
	"$(printf 'h\303\251llo?')"
# Every line well formed, timestamps merged in order across CPUs.
bad=$(body full.txt | grep -cvE '^0x[0-9a-f]{16} [0-9]+ (\. \. \. start_sched_clock -?[0-9]+ [0-9]+|\. \. [0-9]+ [0-9]+ (: .*|0x[0-9a-f]{8,16})|[0-9]+ [0-9]+ [0-9]+ [0-9]+)$')
expect "every line matches the format" "$bad" 0
body full.txt | cut -c1-18 > ts.txt
sort ts.txt > ts-sorted.txt
check "timestamps in order across CPUs" cmp -s ts.txt ts-sorted.txt
body full.txt | sort | cut -c1-18 > ts-sort1.txt
check "same order as sort(1) of the whole file" cmp -s ts.txt ts-sort1.txt
expect "trace has events" "$(wc -l < ts.txt)" "$(wc -l < ts.txt | awk '$1 > 50 { print }')"
expect "migrate lines carry a listed cause" \
	"$(awk '$2 == "cause" { c[$3] = 1 } $1 ~ /^0x/ && $3 != "." && !($6 in c) { n++ } END { print n + 0 }' full.txt)" 0
lwtio r $MT/trace 1 > bs1.txt
check "read 1 byte at a time equals one read" cmp -s full.txt bs1.txt
lwtio r $MT/trace 7 > bs7.txt
check "read 7 bytes at a time equals one read" cmp -s full.txt bs7.txt

expect "enable 1 on a non-empty trace refused" "$(wr $MT/enable 1)" EPERM
expect "enable still 0 after refusal" "$(cat $MT/enable)" 0
for bad in "1" "junk" "" "-0x1"; do
	r=$(wr $MT/reset "$bad")
	[ "$r" = EINVAL ] || { echo "# reset '$bad': $r"; badr=1; }
done
lwtio r $MT/trace > t.txt
expect "bad resets refused and trace unchanged" "${badr:-0}$(cmp -s full.txt t.txt && echo same)" 0same
expect "reset 0" "$(wr $MT/reset 0)" OK
lwtio r $MT/trace > t.txt
check "reset empties the trace" cmp -s empty.txt t.txt
expect "enable 1 after reset" "$(wr $MT/enable 1)" OK
wr $MT/reset 0 >/dev/null
check "rmmod" rmmod lwtrace
ktap_done
