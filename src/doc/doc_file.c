/* doc_file.c — write aside, flush, rename (doc_file.h). */
#include "dienhinh/doc_file.h"

#include "dienhinh/error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void doc_file_why(char *why, size_t why_len, const char *what, const char *path, int err)
{
	if (!why || !why_len)
		return;
	const char *reason = err == ENOENT   ? "không có thư mục này"
	                     : err == EACCES ? "không có quyền ghi"
	                     : err == ENOSPC ? "hết chỗ trên đĩa"
	                     : err == EROFS  ? "ổ đĩa chỉ đọc"
	                                     : strerror(err);
	snprintf(why, why_len, "%s %s: %s", what, path, reason);
}

int doc_file_begin(dh_doc_file *f, const char *path, char *why, size_t why_len)
{
	f->path = strdup(path);
	f->tmp = NULL;
	if (!f->path || asprintf(&f->tmp, "%s.tmp-XXXXXX", path) < 0) {
		free(f->path);
		f->path = NULL;
		f->tmp = NULL;
		return DH_ENOMEM;
	}
	int fd = mkostemp(f->tmp, O_CLOEXEC);
	if (fd < 0) {
		doc_file_why(why, why_len, "Không ghi được tệp", path, errno);
		free(f->path);
		free(f->tmp);
		f->path = f->tmp = NULL;
		return DH_EIO;
	}
	/* mkstemp makes 0600; a document is for sharing, so the usual mode. */
	mode_t mask = umask(0);
	umask(mask);
	if (fchmod(fd, 0644 & ~mask) != 0) {
		/* not fatal: the file is still the user's own */
	}
	close(fd);
	return 0;
}

static int doc_file_fsync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return -1;
	int rc = fsync(fd);
	int saved = errno;
	close(fd);
	errno = saved;
	return rc;
}

int doc_file_commit(dh_doc_file *f, char *why, size_t why_len)
{
	int rc = 0;
	if (doc_file_fsync_path(f->tmp, O_RDONLY) != 0 || rename(f->tmp, f->path) != 0) {
		doc_file_why(why, why_len, "Không ghi được tệp", f->path, errno);
		unlink(f->tmp);
		rc = DH_EIO;
	} else {
		char *dir = strdup(f->path);
		char *slash = dir ? strrchr(dir, '/') : NULL;
		if (dir) {
			if (slash == dir)
				slash[1] = '\0';
			else if (slash)
				*slash = '\0';
			doc_file_fsync_path(slash ? dir : ".", O_RDONLY | O_DIRECTORY);
		}
		free(dir);
	}
	free(f->path);
	free(f->tmp);
	f->path = f->tmp = NULL;
	return rc;
}

void doc_file_abort(dh_doc_file *f)
{
	if (f->tmp)
		unlink(f->tmp);
	free(f->path);
	free(f->tmp);
	f->path = f->tmp = NULL;
}
