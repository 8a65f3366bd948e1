# Booted without no_hash_pointers, the boot events print every group as
# (____ptrval____): tmigr_tree must refuse to draw a wrong tree and say to
# boot with no_hash_pointers.
. /lwt/ktap.sh
ktap_plan 3

why=
[ -d $TR/events/timer_migration ] || why="kernel $(uname -r) has no timer migration hierarchy (6.9+)"
grep -q no_hash_pointers /proc/cmdline && why="booted with no_hash_pointers (10-topology covers it)"
if [ -n "$why" ]; then
	skip "hashed 1" "$why"; skip "hashed 2" "$why"; skip "hashed 3" "$why"
	ktap_done
	exit
fi
cat $TR/trace > trace.txt
check "the boot events carry hashed pointers" grep -q 'parent=(____ptrval____)' trace.txt
tmigr_tree --live > out.txt 2> err.txt
expect "tmigr_tree exits 1" "$?" 1
check "and says to boot with no_hash_pointers" grep -q 'Boot with no_hash_pointers' err.txt
ktap_done
