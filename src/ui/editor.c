/* editor.c — the $VISUAL / $EDITOR round trip for long text (calcurse's
 * way): a mkstemp file, curses handed back with endwin, `sh -c`, and a
 * full repaint after. No store transaction is open meanwhile, and the
 * store keeps its file descriptors close-on-exec, so the editor holds
 * nothing of the database. */
#include "dienhinh/ui_app.h"

#include "dienhinh/error.h"
#include "dienhinh/utf8.h"
#include "ui_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

static int write_all(int fd, const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		s += w;
		n -= (size_t)w;
	}
	return 0;
}

/* The whole file as a string; NULL when unreadable or over LIMIT bytes. */
static char *read_file(const char *path, size_t limit)
{
	FILE *fp = fopen(path, "rb");
	if (!fp)
		return NULL;
	struct stat sb;
	char *buf = NULL;
	if (fstat(fileno(fp), &sb) == 0 && sb.st_size >= 0 && (size_t)sb.st_size <= limit) {
		size_t size = (size_t)sb.st_size;
		buf = malloc(size + 1);
		if (buf && fread(buf, 1, size, fp) != size) {
			free(buf);
			buf = NULL;
		}
		if (buf)
			buf[size] = '\0';
	}
	fclose(fp);
	return buf;
}

/* An executable PROG on $PATH (or PROG itself when it names a path). */
static bool on_path(const char *prog)
{
	if (strchr(prog, '/'))
		return access(prog, X_OK) == 0;
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/local/bin:/usr/bin:/bin";
	char dir[PATH_MAX];
	while (*path) {
		size_t n = strcspn(path, ":");
		if (n > 0 && n + strlen(prog) + 2 < sizeof(dir)) {
			snprintf(dir, sizeof(dir), "%.*s/%s", (int)n, path, prog);
			if (access(dir, X_OK) == 0)
				return true;
		}
		path += n;
		if (*path == ':')
			path++;
	}
	return false;
}

/* Debian's order (editor(1), sensible-editor): $VISUAL, $EDITOR, then
 * sensible-editor, then nano, which a clerk can use without learning
 * vi, and vi last. */
const char *ui_editor_command(void)
{
	const char *editor = getenv("VISUAL");
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (editor && *editor)
		return editor;
	static const char *const fallbacks[] = {"sensible-editor", "nano", "vi"};
	for (size_t i = 0; i < sizeof(fallbacks) / sizeof(fallbacks[0]); i++)
		if (on_path(fallbacks[i]))
			return fallbacks[i];
	return "vi";
}

static int run_editor(const char *path)
{
	const char *editor = ui_editor_command();
	char script[1024];
	/* The editor setting may carry its own arguments ("vim -u NONE"),
	 * hence sh; the file name travels as "$1", never through the shell. */
	snprintf(script, sizeof(script), "%s \"$1\"", editor);
	pid_t pid = fork();
	if (pid < 0)
		return -1;
	if (pid == 0) {
		signal(SIGHUP, SIG_DFL);
		signal(SIGTERM, SIG_DFL);
		signal(SIGPIPE, SIG_DFL);
		execl("/bin/sh", "sh", "-c", script, "sh", path, (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

int ui_external_edit(ui_app *app, const char *text, char **out, const char **why)
{
	*out = NULL;
	*why = NULL;
	const char *tmpdir = getenv("TMPDIR");
	char path[512];
	snprintf(path, sizeof(path), "%s/dienhinh-XXXXXX.txt", tmpdir && *tmpdir ? tmpdir : "/tmp");
	int fd = mkstemps(path, 4);
	if (fd < 0) {
		ui_error(app, "Không tạo được tệp tạm để soạn thảo.");
		return DH_EIO;
	}
	fchmod(fd, 0600);
	int rc = write_all(fd, text, strlen(text));
	if (rc == 0 && *text && text[strlen(text) - 1] != '\n')
		rc = write_all(fd, "\n", 1);
	close(fd);
	if (rc) {
		unlink(path);
		ui_error(app, "Không ghi được tệp tạm để soạn thảo.");
		return DH_EIO;
	}

	def_prog_mode();
	endwin();
	int status = run_editor(path);
	reset_prog_mode();
	ui_redraw_all(app);

	if (status != 0) {
		unlink(path);
		ui_error(app, "Trình soạn thảo kết thúc với lỗi (%d); nội dung giữ như cũ.", status);
		return DH_EIO;
	}
	char *raw = read_file(path, 1u << 20);
	unlink(path);
	if (!raw) {
		ui_error(app, "Không đọc lại được tệp đã soạn.");
		return DH_EIO;
	}
	/* Editors end the file with a newline: it is not part of the text. */
	size_t n = strlen(raw);
	while (n && (raw[n - 1] == '\n' || raw[n - 1] == '\r'))
		raw[--n] = '\0';
	/* A BOM some editors put first belongs to the file, not the text. */
	size_t bom = strncmp(raw, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	char *clean = utf8_clean(raw + bom, true, why);
	free(raw);
	if (!clean)
		return DH_EINVAL;
	*out = clean;
	return 0;
}
