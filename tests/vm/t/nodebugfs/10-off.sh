# Booted with debugfs=off (issue #16): every lwtrace file lives in
# debugfs, so the load fails with EPERM and a message that says why,
# not a module that loads and shows nothing.
. /lwt/ktap.sh
ktap_plan 4
check "booted with debugfs=off" grep -q 'debugfs=off' /proc/cmdline
dmesg -c > /dev/null
insmod /lwt/lwtrace.ko 2> insmod.err; rc=$?
diag "insmod: $(cat insmod.err)"
expect "insmod fails" "$rc" 1
check "with EPERM" grep -q 'Operation not permitted' insmod.err
msg=$(dmesg | grep 'lwtrace:')
diag "$msg"
check "and lwtrace says debugfs is off" sh -c 'printf "%s\n" "$1" | grep -q "debugfs is off (debugfs=off)"' - "$msg"
ktap_done
