/* import_file.c — `dienhinh import FILE`: a workbook goes to the workbook
 * import (import_xlsx.h), anything else is read as CSV (import.h). Apart
 * from both, so that neither calls the other back. */
#include "dienhinh/import.h"

#include "dienhinh/error.h"
#include "dienhinh/import_xlsx.h"
#include "dienhinh/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int import_file(dh_ctx *ctx, const char *path, FILE *err, dh_import_result *res)
{
	memset(res, 0, sizeof(*res));
	bool std_in = strcmp(path, "-") == 0;
	int fd = std_in ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int saved = errno;
		char *shown = utf8_escape(path);
		fprintf(err, "%s: không đọc được tệp: %s\n", shown ? shown : "?", strerror(saved));
		free(shown);
		return DH_EIO;
	}
	/* A workbook, or a spreadsheet this cannot read (told which), by its
	 * first bytes or its name: read whole by the workbook import. */
	struct stat sb;
	char head[8];
	ssize_t got = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? pread(fd, head, sizeof(head), 0) : 0;
	if (import_workbook_suspect(std_in ? "(stdin)" : path, head, got > 0 ? (size_t)got : 0)) {
		if (!std_in)
			close(fd);
		return import_workbook_file(ctx, path, NULL, err, res);
	}
	int rc = import_fd(ctx, std_in ? "(stdin)" : path, fd, err, res);
	if (!std_in)
		close(fd);
	return rc;
}
