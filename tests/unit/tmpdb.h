/* tmpdb.h — shared by the storage tests: a fresh temporary folder per test,
 * removed afterwards, and child processes that report through a pipe. */
#ifndef DIENHINH_TEST_TMPDB_H
#define DIENHINH_TEST_TMPDB_H

#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

typedef struct tmpdb {
	char root[64]; /* the mkdtemp folder */
	char db[96];   /* root/db: the environment (not created yet) */
} tmpdb;

static inline int tmpdb_rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static inline tmpdb *tmpdb_new(void)
{
	tmpdb *t = calloc(1, sizeof(*t));
	if (!t)
		abort();
	snprintf(t->root, sizeof(t->root), "/tmp/dh-test-XXXXXX");
	if (!mkdtemp(t->root)) {
		perror("mkdtemp");
		abort();
	}
	snprintf(t->db, sizeof(t->db), "%s/db", t->root);
	return t;
}

static inline void tmpdb_free(tmpdb *t)
{
	nftw(t->root, tmpdb_rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(t);
}

/* Runs FN(ARG) in a child process whose exit status is FN's result. The
 * child writes to *FD (the read end is returned in *FD when FD is given). */
typedef int (*child_fn)(void *arg, int out_fd);
static inline pid_t spawn(child_fn fn, void *arg, int *fd)
{
	int p[2] = {-1, -1};
	if (fd && pipe(p) != 0)
		abort();
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0)
		abort();
	if (pid == 0) {
		if (fd)
			close(p[0]);
		/* _exit: no cmocka, atexit or leak report in the child. */
		_exit(fn(arg, p[1]));
	}
	if (fd) {
		close(p[1]);
		*fd = p[0];
	}
	return pid;
}

static inline int wait_exit(pid_t pid)
{
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* Reads exactly N bytes unless the writer is gone: bytes read. */
static inline size_t read_full(int fd, void *buf, size_t n)
{
	size_t got = 0;
	while (got < n) {
		ssize_t r = read(fd, (char *)buf + got, n - got);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		got += (size_t)r;
	}
	return got;
}

#endif
