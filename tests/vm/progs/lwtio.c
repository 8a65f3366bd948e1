// SPDX-License-Identifier: GPL-2.0
/*
 * lwtio: exact reads and writes of control files, for the VM tests.
 *
 *   lwtio w FILE DATA      write DATA (no newline added) in one write(2)
 *   lwtio wn FILE N        write N bytes of '1' in one write(2)
 *   lwtio r FILE [BS]      copy FILE to stdout, BS bytes per read(2)
 *   lwtio w0 FILE A B      write A, a NUL byte and B in one write(2)
 *   lwtio wo FILE OFF DATA write DATA with pwrite(2) at offset OFF
 *   lwtio ws FILE D1 D2... write D1, D2, ... one write(2) each, on one
 *                          open file; prints one result per write
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

/* Each of @n writes on one open file: "OK" or the errno name, per write. */
static int do_writes(const char *file, char **data, int n)
{
	int fd = open(file, O_WRONLY), i, bad = 0;

	if (fd < 0) {
		printf("%s\n", ename(errno));
		return 1;
	}
	for (i = 0; i < n; i++) {
		ssize_t r = write(fd, data[i], strlen(data[i]));

		printf("%s%s", i ? " " : "", r < 0 ? ename(errno) : "OK");
		bad |= r < 0;
	}
	printf("\n");
	close(fd);
	return bad;
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
	if (argc == 5 && !strcmp(argv[1], "w0")) {
		size_t a = strlen(argv[3]), b = strlen(argv[4]);
		char *d = malloc(a + b + 1);

		memcpy(d, argv[3], a);
		d[a] = '\0';
		memcpy(d + a + 1, argv[4], b);
		return do_write(argv[2], d, a + b + 1);
	}
	if (argc == 5 && !strcmp(argv[1], "wo")) {
		int fd = open(argv[2], O_WRONLY);
		ssize_t n;

		if (fd < 0) {
			printf("%s\n", ename(errno));
			return 1;
		}
		n = pwrite(fd, argv[4], strlen(argv[4]), strtol(argv[3], NULL, 0));
		printf("%s\n", n < 0 ? ename(errno) : "OK");
		close(fd);
		return n < 0;
	}
	if (argc >= 4 && !strcmp(argv[1], "ws"))
		return do_writes(argv[2], argv + 3, argc - 3);
	if ((argc == 3 || argc == 4) && !strcmp(argv[1], "r"))
		return do_read(argv[2], argc == 4 ? strtoul(argv[3], NULL, 0) : 65536);
	fprintf(stderr, "usage: lwtio w FILE DATA | wn FILE N | w0 FILE A B | wo FILE OFF DATA | ws FILE D... | r FILE [BS]\n");
	return 2;
}
