# Run every test script of a suite as one KTAP subtest each.
# Suites are directories of t/; "none" runs nothing.
suite=$1
scripts=$(ls /lwt/t/"$suite"/*.sh 2>/dev/null)
n=$(echo "$scripts" | grep -c .)
echo "KTAP version 1"
echo "1..$n"
i=0
for s in $scripts; do
	i=$((i + 1))
	name=$(basename "$s" .sh)
	echo "    # Subtest: $name"
	( cd /tmp && sh "$s" ) 2>&1 | sed 's/^/    /'
	# sh's status is lost in the pipe: ktap_done leaves a file when
	# every planned test ran and passed, so a script that dies counts
	# as failed.
	if [ -e /tmp/.passed ]; then
		echo "ok $i $name"
	else
		echo "not ok $i $name"
	fi
	rm -f /tmp/.passed
done
