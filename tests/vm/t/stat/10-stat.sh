# migration_stat: file semantics, bad input, agreement with
# migration_trace on the same run, row spacing, a full table.
. /lwt/ktap.sh
ktap_plan 31

check "insmod" insmod /lwt/lwtrace.ko mt_buf_kb=8192
expect "mstat_hours default" "$(cat /sys/module/lwtrace/parameters/mstat_hours)" 1
expect "file modes" "$(cd $MS && stat -c '%n %a' enable period_msec reset stat | tr '\n' ' ')" \
	"enable 600 period_msec 600 reset 200 stat 400 "
expect "period_msec default" "$(cat $MS/period_msec)" 1000
expect "enable reads 0" "$(cat $MS/enable)" 0
expect "stat empty before the first collection" "$(cat $MS/stat | wc -c)" 0

for bad in junk "" 2 -1 "1x" " 1" 0x; do
	r=$(wr $MS/enable "$bad"); [ "$r" = EINVAL ] || { diag "enable '$bad': $r"; b1=1; }
done
expect "bad enable writes: EINVAL" "${b1:-0}" 0
for bad in 0 junk "" -5 "10x" 86400001 99999999999999999999 " 5"; do
	r=$(wr $MS/period_msec "$bad"); [ "$r" = EINVAL ] || { diag "period_msec '$bad': $r"; b2=1; }
done
expect "bad period_msec writes: EINVAL" "${b2:-0}" 0
expect "huge period_msec write: EINVAL" "$(lwtio wn $MS/period_msec 5000)" EINVAL
expect "period_msec unchanged" "$(cat $MS/period_msec)" 1000
for bad in 1 junk ""; do
	r=$(wr $MS/reset "$bad"); [ "$r" = EINVAL ] || { diag "reset '$bad': $r"; b3=1; }
done
expect "bad reset writes: EINVAL" "${b3:-0}" 0
expect "still nothing collected" "$(cat $MS/enable)$(cat $MS/stat | wc -c)" 00

# One run, both facilities: the trace frames the stat collection.
expect "period_msec 200" "$(wr $MS/period_msec 200)" OK
wr $MT/enable 1 >/dev/null
expect "stat enable" "$(wr $MS/enable 1)" OK
expect "enable reads 1 while collecting" "$(cat $MS/enable)" 1
hopper 2 20 /dev/null
causes wake 4 700 /dev/null
check "stat readable while collecting" sh -c "lwtio r $MS/stat > live.txt && grep -q '^# version' live.txt"
expect "enable 1 again refused" "$(wr $MS/enable 1)" EPERM
expect "period_msec refused while not empty" "$(wr $MS/period_msec 100)" EPERM
expect "stat disable" "$(wr $MS/enable 0)" OK
wr $MT/enable 0 >/dev/null
lwtio r $MS/stat > st.txt
lwtio r $MT/trace > tr.txt
lwtio r $MS/stat 1 > st1.txt
check "read 1 byte at a time equals one read" cmp -s st.txt st1.txt

# Per-cause sums of the stat rows against the trace's migrations between
# the collection's start and stop clocks.
awk '$1 == "#" && $2 == "field" { f[$3] = $4 }
     $1 !~ /^#/ { for (i = 2; i <= NF; i++) s[i] += $i }
     END { for (i in f) if (f[i] != "migrate") print f[i], s[i] + 0 }' st.txt | sort > stat.sums
trace_cause_sums tr.txt st.txt > trace.sums
diag "stat:  $(awk '$2 { printf "%s=%s ", $1, $2 }' stat.sums)"
diag "trace: $(awk '$2 { printf "%s=%s ", $1, $2 }' trace.sums)"
check "the workload migrated" test "$(awk '{ s += $2 } END { print s }' stat.sums)" -ge 50
check "column sums equal the trace's counts per cause" cmp -s stat.sums trace.sums
expect "migrate is the sum of the causes on every row" \
	"$(awk '$1 !~ /^#/ { s = 0; for (i = 2; i < NF; i++) s += $i; if (s != $NF) bad++ } END { print bad + 0 }' st.txt)" 0
expect "rows 0.200 s apart" \
	"$(awk '$1 !~ /^#/ { if (n++ && sprintf("%.3f", $1 - p) != "0.200") bad++; p = $1 } END { print bad + 0 }' st.txt)" 0
check "the final partial period is reported" grep -q '^# last_period_msec ' st.txt
expect "migrate_extract reads the module's file" \
	"$(migrate_extract --field_num migrate st.txt) $(migrate_extract --extract 17 st.txt | wc -l)" \
	"$(grep -c '^# field' st.txt | awk '{ print $1 + 1 }') $(grep -vc '^#' st.txt)"
check "migrate_extract draws it" sh -c 'migrate_extract --svg st.svg st.txt && grep -c "<polyline" st.svg | grep -qx 16'

# A full table: 1 hour of rows at 1 ms periods fills in 3.6 s.
wr $MS/reset 0 >/dev/null
wr $MS/period_msec 1 >/dev/null
wr $MS/enable 1 >/dev/null
sleep 5
expect "a full table stops collection" "$(cat $MS/enable)" 0
lwtio r $MS/stat > full.txt
expect "the file says the table is full" "$(grep '^# table_full' full.txt)" "# table_full rows 3600"
expect "and holds every row" "$(grep -vc '^#' full.txt)" 3600
check "rmmod" rmmod lwtrace
ktap_done
