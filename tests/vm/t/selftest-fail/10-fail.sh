# Harness self-test: a failing test must fail the run.
. /lwt/ktap.sh
ktap_plan 1
expect "this must fail" 1 2
ktap_done
