// SPDX-License-Identifier: GPL-2.0
/*
 * lwtio: exact reads and writes of control files, for the VM tests.
 *
 *   lwtio w FILE DATA      write DATA (no newline added) in one write(2)
 *   lwtio wn FILE N        write N bytes of '1' in one write(2)
 *   lwtio r FILE [BS]      copy FILE to stdout, BS bytes per read(2)
 *
 * Prints "OK" or the errno name (EINVAL, EPERM, ...) on stdout for w/wn,
 * and on stderr for r, so that a test can assert the exact error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *ename(int e)
{
	switch (e) {
	case EINVAL: return "EINVAL";
	case EPERM: return "EPERM";
	case EBUSY: return "EBUSY";
	case ENOENT: return "ENOENT";
	case EACCES: return "EACCES";
	case EFAULT: return "EFAULT";
	case ESPIPE: return "ESPIPE";
	case ENOMEM: return "ENOMEM";
	}
	return strerror(e);
}

static int do_write(const char *file, const char *data, size_t len)
{
	int fd = open(file, O_WRONLY);
	ssize_t n;

	if (fd < 0) {
		printf("%s\n", ename(errno));
		return 1;
	}
	n = write(fd, data, len);
	if (n < 0)
		printf("%s\n", ename(errno));
	else if ((size_t)n != len)
		printf("SHORT %zd\n", n);
	else
		printf("OK\n");
	close(fd);
	return n < 0;
}

static int do_read(const char *file, size_t bs)
{
	char *buf = malloc(bs);
	int fd = open(file, O_RDONLY);
	ssize_t n;

	if (fd < 0 || !buf) {
		fprintf(stderr, "%s\n", ename(errno));
		return 1;
	}
	while ((n = read(fd, buf, bs)) > 0)
		if (fwrite(buf, 1, n, stdout) != (size_t)n)
			return 1;
	if (n < 0) {
		fprintf(stderr, "%s\n", ename(errno));
		return 1;
	}
	close(fd);
	free(buf);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "w"))
		return do_write(argv[2], argv[3], strlen(argv[3]));
	if (argc == 4 && !strcmp(argv[1], "wn")) {
		size_t n = strtoul(argv[3], NULL, 0);
		char *d = malloc(n + 1);

		memset(d, '1', n);
		return do_write(argv[2], d, n);
	}
	if ((argc == 3 || argc == 4) && !strcmp(argv[1], "r"))
		return do_read(argv[2], argc == 4 ? strtoul(argv[3], NULL, 0) : 65536);
	fprintf(stderr, "usage: lwtio w FILE DATA | wn FILE N | r FILE [BS]\n");
	return 2;
}
