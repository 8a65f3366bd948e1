# Load-time sizes: a request bigger than half the memory available fails
# at once with a clear message, without the OOM killer or a warning.
. /lwt/ktap.sh
ktap_plan 8

diag "$(grep MemAvailable /proc/meminfo), $(nproc) CPUs"
dmesg -c >/dev/null
# 256 MiB a CPU on 4 CPUs: 1 GiB in a 1 GiB VM.
check "mt_buf_kb=262144 is refused" sh -c '! insmod /lwt/lwtrace.ko mt_buf_kb=262144'
check "and says why" sh -c "dmesg | grep -q 'lwtrace: mt_buf_kb needs 1024 MiB'"
check "mt_buf_kb=1048576 is refused" sh -c '! insmod /lwt/lwtrace.ko mt_buf_kb=1048576'
# 8760 hours of 1-second rows of 128 bytes: 3.8 GiB.
check "mstat_hours=8760 is refused" sh -c '! insmod /lwt/lwtrace.ko mstat_hours=8760'
check "and says why" sh -c "dmesg | grep -q 'lwtrace: mstat_hours needs 3850 MiB'"
check "no process was killed for memory" sh -c "! dmesg | grep -qiE 'out of memory|oom-kill|invoked oom'"
check "a size that fits loads" insmod /lwt/lwtrace.ko mt_buf_kb=16384 mstat_hours=24
check "rmmod" rmmod lwtrace
ktap_done
