#!/bin/sh
# callers.sh [KREL...]: check module/cause.c's cause table against the
# disassembly of each test kernel (tests/vm/callers.py).  Boots the kernel
# once with nokaslr to read its text symbols, since Debian's System.map is
# a stub.
TOP=$(cd "$(dirname "$0")/../.." && pwd)
OUT=$TOP/build/vm/callers
mkdir -p "$OUT"
fail=0
for k in ${*:-$("$TOP/tests/vm/kernels.sh")}; do
	rm -f "$OUT/$k.ksyms"
	initrd=$TOP/build/vm/$k.cpio.gz
	[ -f "$initrd" ] && [ -z "$(find "$TOP/tests/vm" "$TOP/module" -newer "$initrd" | head -1)" ] ||
		"$TOP/tests/vm/mkinitramfs.sh" "$k" "$initrd" || { fail=1; continue; }
	LWT_APPEND=nokaslr "$TOP/tests/vm/run.sh" "$k" ksyms "$OUT/$k.log" \
		-- -serial "file:$OUT/$k.ksyms" >/dev/null || { fail=1; continue; }
	python3 - "/boot/vmlinuz-$k" "$OUT/$k.vmlinux" <<-'PY' || { fail=1; continue; }
	import lzma, subprocess, sys
	d = open(sys.argv[1], "rb").read()
	for magic in (b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd"):
	    i = d.find(magic)
	    if i < 0:
	        continue
	    if magic[0] == 0xfd:
	        out = lzma.LZMADecompressor().decompress(d[i:])
	    else:
	        out = subprocess.run(["zstd", "-dcq"], input=d[i:], capture_output=True).stdout
	    if out[:4] == b"\x7fELF":
	        open(sys.argv[2], "wb").write(out)
	        sys.exit(0)
	sys.exit("callers.sh: cannot unpack %s" % sys.argv[1])
	PY
	echo "## $k: callers of set_task_cpu()"
	python3 "$TOP/tests/vm/callers.py" "$OUT/$k.vmlinux" "$OUT/$k.ksyms" \
		"$TOP/module/cause.c" || fail=1
	rm -f "$OUT/$k.vmlinux"
done
[ $fail = 0 ] && echo "callers: the cause table covers every caller" 
exit $fail
