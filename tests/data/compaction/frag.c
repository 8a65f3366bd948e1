// SPDX-License-Identifier: GPL-2.0
/*
 * frag: fragment memory so that a compaction has pages to move.  Fault in
 * MB megabytes of anonymous 4 KiB pages (no THP), give back three pages of
 * every four, then wait for a signal, holding the rest.  Used by record.sh.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	size_t mb = argc > 1 ? strtoul(argv[1], NULL, 0) : 256;
	size_t len = mb << 20, pg = 4096, off;
	char *p = mmap(NULL, len, PROT_READ | PROT_WRITE,
		       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	madvise(p, len, MADV_NOHUGEPAGE);
	for (off = 0; off < len; off += pg)
		p[off] = 1;
	for (off = 0; off < len; off += pg)
		if ((off / pg) % 4)
			madvise(p + off, pg, MADV_DONTNEED);
	printf("ready\n");
	fflush(stdout);
	pause();
	return 0;
}
