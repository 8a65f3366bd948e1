# SPDX-License-Identifier: GPL-2.0
#
# lwtrace: the user's entry point.
#
#   make                      module for the running kernel, and the tools
#   make KDIR=/path/to/build  module against other kernel headers
#   make KERNELRELEASE=6.12.117+deb12-amd64
#   make check                unit tests, then the VM suite on both kernels
#   make demo                 boot a VM, trace a workload, print the trace
#   make fuzz                 fuzz migrate_stats' parser (FUZZ_TIME=600 s)
#   make bench-tools          migrate_stats on 10M events vs sort and wc -l
#   make bench-kernel         cost per migration: ftrace vs the facilities, in the VM
#
KERNELRELEASE	?= $(shell uname -r)
KDIR		?= /lib/modules/$(KERNELRELEASE)/build
PREFIX		?= /usr/local
CC		?= cc
VERSION		:= $(shell sed -n 's/^PACKAGE_VERSION="\(.*\)"/\1/p' dkms.conf)

ifeq ($(V),1)
Q :=
else
Q := @
endif

export CC V Q

.PHONY: all module modules tools check unit vm-check dkms-check demo bench \
	fuzz bench-tools bench-kernel \
	install modules_install dkms-install clean deps

all: module tools

module modules:
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tools:
	$(MAKE) -C tools

modules_install: module
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules_install

install: tools
	$(MAKE) -C tools install PREFIX=$(PREFIX)

dkms-install:
	dkms add $(CURDIR)
	dkms build lwtrace/$(VERSION)
	dkms install lwtrace/$(VERSION)

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
