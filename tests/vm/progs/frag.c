// SPDX-License-Identifier: GPL-2.0
/*
 * frag MB WRITERS HUGEPAGES: provoke memory compaction.  Touch MB MiB of
 * anonymous memory and free every other page, so that free memory is
 * fragmented; then WRITERS processes write 1 to
 * /proc/sys/vm/compact_memory at once (each compacts in its own context),
 * then ask for HUGEPAGES huge pages (direct compaction in this process),
 * and give them back.  Prints the pids that compacted, one per line.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

static void put(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY);

	if (fd < 0 || write(fd, val, strlen(val)) < 0)
		perror(path);
	if (fd >= 0)
		close(fd);
}

int main(int argc, char **argv)
{
	long mb, writers, i, page = sysconf(_SC_PAGESIZE);
	char *p, buf[32];
	size_t len;

	if (argc != 4) {
		fprintf(stderr, "usage: frag MB WRITERS HUGEPAGES\n");
		return 2;
	}
	mb = atol(argv[1]);
	writers = atol(argv[2]);
	len = (size_t)mb << 20;
	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED) {
		perror("mmap");
		return 1;
	}
	madvise(p, len, MADV_NOHUGEPAGE);
	memset(p, 1, len);
	for (i = 0; i < (long)(len / page); i += 2)
		madvise(p + i * page, page, MADV_DONTNEED);
	fflush(stdout);
	for (i = 0; i < writers; i++) {
		pid_t pid = fork();

		if (pid == 0) {
			put("/proc/sys/vm/compact_memory", "1");
			_exit(0);
		}
		printf("%d\n", pid);
	}
	while (wait(NULL) > 0)
		;
	printf("%d\n", getpid());
	fflush(stdout);
	put("/proc/sys/vm/nr_hugepages", argv[3]);
	put("/proc/sys/vm/nr_hugepages", "0");
	snprintf(buf, sizeof(buf), "%c", p[1]);	/* keep it alive until here */
	return buf[0] == 1 ? 0 : 1;
}
