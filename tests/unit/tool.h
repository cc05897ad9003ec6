/* tool.h — shared by the document tests: what a command-line tool
 * (unzip, xmllint, pdfinfo, pdftotext) prints about a file we wrote, read
 * back the way a reviewer would. */
#ifndef DIENHINH_TEST_TOOL_H
#define DIENHINH_TEST_TOOL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>

/* The standard output of the shell command FMT... (with 2>&1 if wanted),
 * or NULL when it could not be run; *STATUS gets pclose()'s status. The
 * caller frees it. */
static inline char *tool_voutput(int *status, const char *fmt, va_list ap)
    __attribute__((format(printf, 2, 0)));
static inline char *tool_output(int *status, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static inline char *tool_voutput(int *status, const char *fmt, va_list ap)
{
	char cmd[1024];
	vsnprintf(cmd, sizeof(cmd), fmt, ap);
	*status = -1;
	FILE *p = popen(cmd, "r");
	if (!p)
		return NULL;
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	if (!out) {
		pclose(p);
		return NULL;
	}
	char chunk[8192];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), p)) > 0)
		fwrite(chunk, 1, n, out);
	*status = pclose(p);
	if (fclose(out) != 0) {
		free(buf);
		return NULL;
	}
	if (*status != 0)
		fprintf(stderr, "%s\n%s: exit status %d\n", buf, cmd, *status);
	return buf;
}

static inline char *tool_output(int *status, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *out = tool_voutput(status, fmt, ap);
	va_end(ap);
	return out;
}

#endif
