# SPDX-License-Identifier: GPL-2.0
#
# lwtrace: the user's entry point.
#
#   make                      the tools, then the module for the running kernel
#   make tools                the tools only (no kernel headers needed)
#   make KDIR=/path/to/build  module against other kernel headers
#   make KERNELRELEASE=6.12.117+deb12-amd64
#   make install              tools and man pages (PREFIX=/usr/local, DESTDIR=)
#   make dkms-install         the module through dkms; dkms-uninstall removes it
#   make check                unit tests, then the VM suite on both kernels
#   make check-debug          the VM suite on rt, cloud and a lockdep/KASAN kernel
#   make demo                 boot a VM, trace a workload, print the trace
#   make fuzz                 fuzz migrate_stats' parser (FUZZ_TIME=600 s)
#   make bench-tools          migrate_stats on 10M events vs sort and wc -l
#   make bench-kernel         cost per migration: ftrace vs the facilities, in the VM
#
KERNELRELEASE	?= $(shell uname -r)
KDIR		?= /lib/modules/$(KERNELRELEASE)/build
PREFIX		?= /usr/local
MANDIR		?= $(PREFIX)/share/man
DESTDIR		?=
TOOLS		:= migrate_stats migrate_extract tmigr_tree timer_stats compaction_times
RST2MAN		:= $(firstword $(foreach c,rst2man rst2man.py,$(shell command -v $(c) 2>/dev/null)))
CC		?= cc
VERSION		:= $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)

ifeq ($(V),1)
Q :=
else
Q := @
endif

export CC V Q

.PHONY: all module modules tools check check-debug unit vm-check dkms-check demo bench \
	fuzz bench-tools bench-kernel headers man \
	install uninstall modules_install dkms-install dkms-uninstall \
	dkms-uninstall-this clean deps

# The tools first: they need no kernel headers, so they are built even
# when the module cannot be.
all: tools
	$(Q)$(MAKE) --no-print-directory module

# Without headers, say which package has them instead of make's
# "No such file or directory" for the build directory.
headers:
	$(Q)if [ ! -f $(KDIR)/Makefile ]; then \
		echo "lwtrace: no kernel headers for $(KERNELRELEASE) in $(KDIR)," >&2; \
		echo "  so the module is not built (the tools are: make tools)." >&2; \
		echo "  Install them:  apt-get install linux-headers-$(KERNELRELEASE)" >&2; \
		echo "  or point at a kernel build tree:  make KDIR=/path/to/build" >&2; \
		echo "  or build for an installed kernel:  make KERNELRELEASE=<release>" >&2; \
		exit 2; \
	fi

module modules: headers
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tools:
	$(MAKE) -C tools

modules_install: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install

# Man pages from the tools' pages in Documentation/, when docutils'
# rst2man is there (Debian: python3-docutils).
man:
ifeq ($(RST2MAN),)
	@echo "lwtrace: rst2man not found (apt-get install python3-docutils): no man pages" >&2
else
	$(Q)mkdir -p build/man
	$(Q)for t in $(TOOLS); do \
		$(RST2MAN) Documentation/$$t.rst > build/man/$$t.1 || exit 1; \
	done
endif

install: tools man
	$(MAKE) -C tools install PREFIX=$(PREFIX) DESTDIR=$(DESTDIR)
	$(Q)if [ -d build/man ]; then \
		install -d $(DESTDIR)$(MANDIR)/man1 && \
		install -m 0644 $(TOOLS:%=build/man/%.1) $(DESTDIR)$(MANDIR)/man1/; \
	fi

uninstall:
	rm -f $(TOOLS:%=$(DESTDIR)$(PREFIX)/bin/%) $(TOOLS:%=$(DESTDIR)$(MANDIR)/man1/%.1)

# Idempotent: whatever an earlier attempt left in dkms or in
# /usr/src/lwtrace-$(VERSION) is removed first, then the sources are copied.
DKMS_SRC := Kbuild Makefile dkms.conf module include
dkms-install: dkms-uninstall-this
	mkdir -p /usr/src/lwtrace-$(VERSION)
	cp -r $(DKMS_SRC) /usr/src/lwtrace-$(VERSION)/
	dkms add lwtrace/$(VERSION)
	dkms build lwtrace/$(VERSION) -k $(KERNELRELEASE)
	dkms install lwtrace/$(VERSION) -k $(KERNELRELEASE)

dkms-uninstall-this:
	$(Q)if dkms status lwtrace/$(VERSION) 2>/dev/null | grep -q .; then \
		dkms remove lwtrace/$(VERSION) --all; \
	fi
	rm -rf /usr/src/lwtrace-$(VERSION)

# Every version: out of dkms, and /usr/src/lwtrace-*.
dkms-uninstall:
	$(Q)for v in $$(dkms status lwtrace 2>/dev/null | sed -n 's|^lwtrace/\([^,:]*\).*|\1|p' | sort -u); do \
		dkms remove lwtrace/$$v --all || exit 1; \
	done
	rm -rf /usr/src/lwtrace-*

# Installs what the tests need from Debian's packages (root).
deps:
	tests/vm/deps.sh

unit: tools
	$(MAKE) -C tests/unit check
	$(MAKE) -C tests/fuzz check

fuzz: deps
	$(MAKE) -C tests/fuzz fuzz

bench-tools: tools
	tests/bench/bench-tools.sh

bench-kernel: deps tools
	tests/bench/bench-kernel.sh

vm-check: deps tools
	tests/vm/run-all.sh
	tests/vm/callers.sh

dkms-check: deps
	tests/dkms.sh

check: deps
	$(MAKE) unit
	tests/build.sh
	tests/dkms.sh
	tests/vm/selftest.sh
	tests/vm/run-all.sh
	tests/vm/callers.sh

# The hardening matrix (Documentation/testing.rst): Debian's rt and cloud
# flavours, and a debug kernel built once from linux-source-6.12 with
# lockdep and KASAN (about 40 minutes on 2 cores, then cached).
check-debug: deps tools
	tests/vm/check-debug.sh

demo: deps tools
	tests/vm/demo.sh

clean:
	$(MAKE) -C tools clean
	$(MAKE) -C tests/unit clean
	$(MAKE) -C tests/fuzz clean
	rm -f tests/bench/mtgen
	rm -rf module/*.o module/*.ko module/*.mod module/*.mod.c module/.*.cmd \
		module/modules.order module/Module.symvers .*.cmd modules.order \
		Module.symvers build/
