/* ui_pty — the full-screen app measured the way a person meets it: in a
 * pseudo-terminal of 80x24, from start to the last byte of the first full
 * screen, next to a bare ncurses program that only fills the screen; then
 * keystroke to redraw in the candidate list and in the form; then the
 * session's private memory.
 *
 *   ui_pty APP DATADIR [RUNS]     (APP run as: APP -d DATADIR --as tdkt)
 *   ui_pty --bare                 the floor: initscr, fill, refresh, wait
 *
 * A screen is complete when the key line's last word has arrived: curses
 * sends rows top to bottom, and the key line is the bottom row. The
 * overview's is complete with its counts when, besides, a line that only
 * the counts make ("… chưa có ghi nhận bồi dưỡng", what waits for tdkt in
 * the demo) is there: its counts are the store's counters, on the first
 * frame. */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define OUT_MAX (1 << 20)

typedef struct child {
	pid_t pid;
	int fd;
	char *out;
	size_t len;
	double last_byte; /* ms since start of the measure */
} child;

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int bare_main(void)
{
	setlocale(LC_ALL, "");
	initscr();
	noecho();
	for (int y = 0; y < LINES - 1; y++)
		for (int x = 0; x < COLS; x++)
			mvaddch(y, x, (chtype)('a' + (x + y) % 26));
	mvaddstr(LINES - 1, 0, "?/F1 Trợ giúp q Thoát");
	refresh();
	getch();
	endwin();
	return 0;
}

static int spawn(child *c, char *const argv[])
{
	struct winsize ws = {.ws_row = 24, .ws_col = 80};
	memset(c, 0, sizeof(*c));
	c->out = malloc(OUT_MAX);
	c->pid = forkpty(&c->fd, NULL, NULL, &ws);
	if (c->pid < 0)
		return -1;
	if (c->pid == 0) {
		setenv("TERM", "xterm", 1);
		setenv("LC_ALL", "C.UTF-8", 1);
		execv(argv[0], argv);
		_exit(127);
	}
	return 0;
}

/* Read until MARKER has arrived after offset FROM (then until the output
 * is quiet for QUIET ms); the time of the marker's arrival, or -1. */
static double wait_for(child *c, size_t from, const char *marker, double t0, int quiet)
{
	double found = -1;
	for (;;) {
		struct pollfd p = {.fd = c->fd, .events = POLLIN};
		int timeout = found >= 0 ? quiet : 10000;
		int r = poll(&p, 1, timeout);
		if (r <= 0)
			break;
		if (c->len + 4096 >= OUT_MAX)
			c->len = from = 0; /* keep the tail only */
		ssize_t n = read(c->fd, c->out + c->len, 4096);
		if (n <= 0)
			break;
		c->len += (size_t)n;
		c->out[c->len] = '\0';
		c->last_byte = now_ms() - t0;
		if (found < 0 && memmem(c->out + from, c->len - from, marker, strlen(marker)))
			found = c->last_byte;
		if (found >= 0 && quiet == 0)
			break;
	}
	return found;
}

static void finish(child *c)
{
	kill(c->pid, SIGTERM);
	waitpid(c->pid, NULL, 0);
	close(c->fd);
	free(c->out);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, (size_t)n, sizeof(*v), cmp_double);
	return n ? v[n / 2] : 0;
}

static long smaps_kb(pid_t pid, const char *field)
{
	char path[64], line[256];
	snprintf(path, sizeof(path), "/proc/%d/smaps_rollup", (int)pid);
	FILE *fp = fopen(path, "r");
	long kb = -1;
	size_t n = strlen(field);
	while (fp && fgets(line, sizeof(line), fp))
		if (strncmp(line, field, n) == 0 && line[n] == ':')
			kb = atol(line + n + 1);
	if (fp)
		fclose(fp);
	return kb;
}

/* What only the overview's counts write. */
#define COUNTS_MARK "chưa có ghi nhận bồi dưỡng"

/* Time to the first full screen (and, when COUNTS, to the first with
 * COUNTS_MARK on it too), RUNS times: the median. */
static double first_screen(char *const argv[], int runs, bool counts)
{
	double *t = calloc((size_t)runs, sizeof(*t));
	for (int i = 0; i < runs; i++) {
		child c;
		double t0 = now_ms();
		spawn(&c, argv);
		t[i] = wait_for(&c, 0, "Thoát", t0, 0);
		if (counts && t[i] >= 0 && !memmem(c.out, c.len, COUNTS_MARK, strlen(COUNTS_MARK))) {
			double w = wait_for(&c, 0, COUNTS_MARK, t0, 0);
			t[i] = w > t[i] ? w : t[i];
		}
		finish(&c);
	}
	double m = median(t, runs);
	free(t);
	return m;
}

/* Keystroke to the end of the redraw it causes, median of N. */
static double keystrokes(child *c, const char *key, int n)
{
	double *t = calloc((size_t)n, sizeof(*t));
	int k = 0;
	for (int i = 0; i < n; i++) {
		size_t from = c->len;
		double t0 = now_ms();
		if (write(c->fd, key, strlen(key)) < 0)
			break;
		/* Any output, then quiet for 30 ms: the redraw is complete. */
		if (wait_for(c, from, "", t0, 30) < 0 || c->len == from)
			continue;
		t[k++] = c->last_byte;
	}
	double m = median(t, k);
	free(t);
	return m;
}

int main(int argc, char **argv)
{
	if (argc > 1 && strcmp(argv[1], "--bare") == 0)
		return bare_main();
	if (argc < 3) {
		fprintf(stderr, "usage: ui_pty APP DATADIR [RUNS] | ui_pty --bare\n");
		return 64;
	}
	int runs = argc > 3 ? atoi(argv[3]) : 20;
	char self[4096];
	ssize_t sl = readlink("/proc/self/exe", self, sizeof(self) - 1);
	if (sl < 0)
		return 1;
	self[sl] = '\0';
	char *bare_argv[] = {self, "--bare", NULL};
	char *app_argv[] = {argv[1], "-d", argv[2], "--as", "tdkt", NULL};

	/* In turn, so that the load of a shared machine falls on both. */
	double bare = 0, app = 0;
	for (int round = 0; round < 3; round++) {
		double b = first_screen(bare_argv, runs, false), a = first_screen(app_argv, runs, true);
		bare += b / 3;
		app += a / 3;
	}
	printf("first full screen, 80x24 pty (mean of 3 medians of %d, in turn):\n", runs);
	printf("  bare ncurses fill   %7.2f ms\n", bare);
	printf("  dienhinh, with its counts %7.2f ms  (%.2fx the floor)\n", app, bare > 0 ? app / bare : 0);

	/* A key right after the first screen: the help page opens, then
	 * closes. */
	child busy;
	spawn(&busy, app_argv);
	wait_for(&busy, 0, "Thoát", now_ms(), 0);
	double during[10];
	int nd = 0;
	for (int i = 0; i < 10; i++) {
		size_t from = busy.len;
		double k0 = now_ms();
		if (write(busy.fd, "?", 1) < 0)
			break;
		double t = wait_for(&busy, from, "Việc làm được ở đây", k0, 0);
		if (t >= 0)
			during[nd++] = t;
		if (write(busy.fd, "q", 1) < 0)
			break;
		wait_for(&busy, busy.len, "Thời hạn", now_ms(), 0);
	}
	finish(&busy);
	printf("  a key after it      %7.2f ms  (help page drawn, median of %d)\n", median(during, nd), nd);

	child c;
	double t0 = now_ms();
	spawn(&c, app_argv);
	wait_for(&c, 0, "Thoát", t0, 0);
	long priv_first = smaps_kb(c.pid, "Private_Dirty");
	long anon_first = smaps_kb(c.pid, "Anonymous");
	double counted = memmem(c.out, c.len, COUNTS_MARK, strlen(COUNTS_MARK)) ? c.last_byte
	                                                                       : wait_for(&c, 0, COUNTS_MARK, t0, 0);
	if (memmem(c.out, c.len, "Khôi phục bản nháp", strlen("Khôi phục bản nháp"))) {
		fprintf(stderr, "ui_pty: a draft was waiting for tdkt; dropping it\n");
		if (write(c.fd, "k", 1) < 0)
			return 1;
	}
	if (write(c.fd, "2", 1) < 0)
		return 1;
	wait_for(&c, c.len, "Sắp xếp", now_ms(), 50);
	double list_key = keystrokes(&c, "j", 60);
	if (write(c.fd, "a", 1) < 0)
		return 1;
	wait_for(&c, c.len, "Lưu", now_ms(), 50);
	double form_key = keystrokes(&c, "x", 60);
	long priv = smaps_kb(c.pid, "Private_Dirty");
	long anon = smaps_kb(c.pid, "Anonymous");
	long rss = smaps_kb(c.pid, "Rss");
	/* Leave the form without saving, so no draft waits at the next start. */
	if (write(c.fd, "\033", 1) < 0 || wait_for(&c, c.len, "Bỏ các thay đổi", now_ms(), 0) < 0 ||
	    write(c.fd, "c", 1) < 0)
		fprintf(stderr, "ui_pty: could not close the form\n");
	wait_for(&c, c.len, "Sắp xếp", now_ms(), 50);
	finish(&c);
	printf("  overview with its counts %7.2f ms (one start)\n", counted);
	printf("keystroke to redraw (median of 60, output end):\n");
	printf("  list, j             %7.2f ms\n", list_key);
	printf("  form, typing        %7.2f ms\n", form_key);
	printf("memory of one session:\n");
	printf("  at first screen     private dirty %ld kB, anonymous %ld kB\n", priv_first, anon_first);
	printf("  after list and form private dirty %ld kB, anonymous %ld kB, rss %ld kB (rss counts the "
	       "shared map)\n",
	       priv, anon, rss);
	return 0;
}
