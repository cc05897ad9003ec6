/* cli.c — what every subcommand needs (cli_internal.h): messages and exit
 * codes, the config, who is at the keyboard, and the store opened the
 * same way each time, a set-group-id run included (priv.h, DESIGN.md §11). */
#include "cli_internal.h"

#include "dienhinh/error.h"
#include "dienhinh/plan_year.h"
#include "dienhinh/priv.h"
#include "dienhinh/repo.h"
#include "dienhinh/snapshot.h"

#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("dienhinh: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nGõ “dienhinh --help” để xem cách dùng.\n", stderr);
	return EX_USAGE;
}

int cli_cmd_usage(const cli_globals *g)
{
	fprintf(stderr, "Cách dùng: dienhinh [tùy chọn chung] %s\n", g->cmd->usage);
	return EX_USAGE;
}

/* An option a subcommand does not know: say so, and whether it is a global
 * one that belongs before the subcommand. */
int cli_bad_option(const cli_globals *g, const char *opt)
{
	const char *cmd = g->cmd->name;
	if (strcmp(opt, "-c") == 0 || strcmp(opt, "-d") == 0 || strncmp(opt, "--as", 4) == 0)
		fprintf(stderr,
		        "dienhinh %s: tùy chọn chung %s phải đặt trước tên lệnh (dienhinh %s ... %s ...)\n",
		        cmd, opt, opt, cmd);
	else
		fprintf(stderr, "dienhinh %s: tùy chọn không hợp lệ: %s\n", cmd, opt);
	return cli_cmd_usage(g);
}

bool cli_parse_num(const char *s, long long min, long long max, long long *out)
{
	if (!s || !*s)
		return false;
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < min || v > max)
		return false;
	*out = v;
	return true;
}

/* No config file at all: where it was looked for, and the example that
 * `make install` put beside the binary (PREFIX/share/dienhinh). */
static void cli_config_hint(const char *path)
{
	if (strcmp(path, config_system_path()) == 0)
		fprintf(stderr,
		        "dienhinh: chưa có tệp cấu hình. Chương trình tìm lần lượt: -c TỆP, biến "
		        "DIENHINH_CONFIG,\n  ./config/dienhinh.yaml, %s.\n",
		        path);
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return;
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	if (!slash)
		return;
	*slash = '\0';
	char example[PATH_MAX + 64];
	snprintf(example, sizeof(example), "%s/../share/dienhinh/dienhinh.yaml.example", exe);
	char real[PATH_MAX];
	if (!realpath(example, real))
		return;
	fprintf(stderr,
	        "  Tệp mẫu: %s — chép thành %s, sửa cho cơ quan mình,\n"
	        "  rồi kiểm tra bằng: dienhinh check-config %s\n",
	        real, path, path);
}

/* Load the config at PATH; on failure print why and return 78. */
int cli_load_config(const char *path, dh_config **out)
{
	dh_diag diag = {0};
	int rc = config_load(path, out, &diag);
	if (rc) {
		diag_print(&diag, stderr);
		if (diag.n == 0)
			fprintf(stderr, "%s: %s\n", path, dh_strerror(rc));
		if (access(path, F_OK) != 0)
			cli_config_hint(path);
		diag_free(&diag);
		*out = NULL;
		return EX_CONFIG;
	}
	diag_free(&diag);
	return 0;
}

/* --- a set-group-id run (priv.h, DESIGN.md §11) ------------------------ */

/* What a privileged run refuses, said the same way each time: exit 77. */
static int cli_refuse(const char *what, const char *why)
{
	fprintf(stderr,
	        "dienhinh: không được dùng %s khi chương trình chạy với quyền mượn (setuid/setgid)%s\n", what,
	        why);
	return EX_NOPERM;
}

static bool cli_same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	if (strcmp(a, b) == 0)
		return true;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* The program was started with a borrowed group (or user), which priv_init
 * has already put aside: whoever runs it could do what their own rights do
 * not allow, so nothing of theirs may choose who they are (--as), which data
 * (-d), which config (-c, ./config, $DIENHINH_CONFIG) or what day it is
 * ($DIENHINH_TODAY, and every other DIENHINH_* variable). Then the
 * environment is made clean and the installed config is the config. */
int cli_privileged_start(cli_globals *g)
{
	const char *sys = config_system_path();
	char why[PATH_MAX + 128];
	if (g->as)
		return cli_refuse("--as", ".");
	if (g->datadir) {
		snprintf(why, sizeof(why), ": dữ liệu là storage.path trong %s.", sys);
		return cli_refuse("-d", why);
	}
	if (g->config && !cli_same_file(g->config, sys)) {
		snprintf(why, sizeof(why), ": chỉ dùng tệp cấu hình đã cài, %s.", sys);
		return cli_refuse("-c", why);
	}
	char name[128], what[160];
	if (priv_env_override(name, sizeof(name))) {
		snprintf(what, sizeof(what), "biến môi trường %s", name);
		return cli_refuse(what, ".");
	}
	if (priv_reset_env(getpwuid(getuid())) != 0) {
		fputs("dienhinh: hết bộ nhớ.\n", stderr);
		return EX_OSERR;
	}
	g->config = sys;
	return 0;
}

/* In a privileged run the data files must be there already, made by root
 * (`make install` leaves them empty): one the program created would belong
 * to the user who happened to run it first, who could then read and write
 * it without the program. Checked with the group raised (the folder is
 * 2770); 0 or the exit code, having said why. */
static int cli_check_data_files(const char *dir)
{
	static const char *const names[] = {"data.mdb", "lock.mdb"};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char file[PATH_MAX];
		struct stat sb;
		snprintf(file, sizeof(file), "%s/%s", dir, names[i]);
		if (stat(file, &sb) != 0) {
			if (errno != ENOENT)
				continue; /* store_open says what is wrong */
			fprintf(stderr,
			        "dienhinh: thiếu %s: quản trị viên tạo lại bằng “make install” (tệp rỗng "
			        "của root, nhóm của chương trình, quyền 0660).\n",
			        file);
			return EX_CONFIG;
		}
		if (sb.st_uid == getuid() && getuid() != 0) {
			fprintf(stderr,
			        "dienhinh: %s thuộc về chính người dùng này, không phải root: quản trị viên "
			        "sửa bằng “chown root %s/*”.\n",
			        file, dir);
			return EX_CONFIG;
		}
	}
	return 0;
}

/* Who is at the keyboard: the real user (never $USER), or --as. */
static int cli_identity(const cli_globals *g, char *buf, size_t size)
{
	if (g->as) {
		if (priv_active())
			return cli_refuse("--as", ".");
		if (!*g->as) {
			fputs("dienhinh: --as cần một tên đăng nhập.\n", stderr);
			return EX_USAGE;
		}
		snprintf(buf, size, "%s", g->as);
		return 0;
	}
	struct passwd *pw = getpwuid(getuid());
	if (pw && pw->pw_name)
		snprintf(buf, size, "%s", pw->pw_name);
	else
		snprintf(buf, size, "uid%u", (unsigned)getuid());
	return 0;
}

void cli_close(cli_env *env)
{
	if (env->store)
		store_close(env->store);
	config_free(env->cfg);
	memset(env, 0, sizeof(*env));
}

/* The plan of this year kept with the data (plan_year.h): a past year
 * reads with its own deadlines and rules. At every writable open, and
 * after the demo or an import filled an empty store. */
void cli_keep_plan(cli_env *env)
{
	int rc = plan_year_keep(env->store, env->cfg, env->login, NULL);
	if (rc)
		fprintf(stderr,
		        "dienhinh: chưa lưu được kế hoạch năm %d vào cơ sở dữ liệu (%s): lần mở sau sẽ thử "
		        "lại.\n",
		        env->cfg->plan.year, dh_strerror(rc));
}

/* Config, identity and store for a subcommand; returns 0 or the exit code
 * (having said why). */
int cli_open(const cli_globals *g, cli_env *env, bool read_only)
{
	memset(env, 0, sizeof(*env));
	int code = cli_identity(g, env->login, sizeof(env->login));
	if (code)
		return code;
	const char *path = config_find(g->config);
	if ((code = cli_load_config(path, &env->cfg)))
		return code;
	const char *dir = g->datadir ? g->datadir : env->cfg->storage_path;
	if (!dir || !*dir) {
		fprintf(stderr,
		        "dienhinh: chưa có thư mục dữ liệu: dùng -d hoặc khai báo storage.path trong %s\n",
		        path);
		cli_close(env);
		return EX_CONFIG;
	}
	if (priv_active() && dir[0] != '/') {
		fprintf(stderr,
		        "dienhinh: storage.path trong %s phải là đường dẫn tuyệt đối (như /var/lib/dienhinh) "
		        "khi chương trình chạy với quyền mượn.\n",
		        path);
		cli_close(env);
		return EX_CONFIG;
	}
	/* The borrowed group for exactly as long as opening the environment
	 * takes; LMDB keeps its descriptors after the drop. */
	if (priv_raise() != 0) {
		fprintf(stderr, "dienhinh: không lấy lại được quyền nhóm: %s\n", strerror(errno));
		cli_close(env);
		return EX_OSERR;
	}
	dh_store_opts opts = {.read_only = read_only, .max_readers = (unsigned)env->cfg->storage_max_readers};
	int rc = 0;
	if (priv_active())
		code = cli_check_data_files(dir);
	/* repo_open: a database of an older schema is brought up to date
	 * (the audit chain) at its first writable open, by this login. */
	if (!code)
		rc = repo_open(&env->store, dir, &opts, env->login);
	if (priv_drop() != 0) {
		fprintf(stderr, "dienhinh: không bỏ được quyền nhóm: %s\n", strerror(errno));
		cli_close(env);
		return EX_OSERR;
	}
	if (code) {
		cli_close(env);
		return code;
	}
	if (rc == DH_ENOTFOUND && read_only) {
		/* Reading never creates: a mistyped -d should not look empty. */
		fprintf(
		    stderr,
		    "dienhinh: chưa có cơ sở dữ liệu ở %s (tạo bằng import hoặc demo, hoặc kiểm tra -d)\n",
		    dir);
		env->store = NULL;
		cli_close(env);
		return EX_IOERR;
	}
	if (rc) {
		const char *why = store_last_error();
		fprintf(stderr, "dienhinh: không mở được cơ sở dữ liệu %s: %s%s%s\n", dir, dh_strerror(rc),
		        why && *why ? " — " : "", why ? why : "");
		env->store = NULL;
		cli_close(env);
		return dh_exit_code(rc);
	}
	/* Sessions stored before they kept their own rules are given them
	 * from this config, once (snapshot.h). */
	if (!read_only && (rc = snapshot_migrate(env->store, env->cfg, env->login, NULL)))
		fprintf(stderr,
		        "dienhinh: chưa lưu được quy định của các phiên họp đã có (%s): chúng vẫn đọc theo "
		        "cấu hình đang dùng, lần mở sau sẽ thử lại.\n",
		        dh_strerror(rc));
	if (!read_only)
		cli_keep_plan(env);
	wf_ctx_init(&env->ctx, env->cfg, env->store, env->login);
	return 0;
}

/* Say why RC happened (the context's message when it has one) and return
 * its exit code. */
int cli_fail(cli_env *env, const char *cmd, int rc)
{
	const char *why = rc == DH_EIO || rc == DH_ECORRUPT ? store_last_error() : NULL;
	if (env->ctx.message[0])
		fprintf(stderr, "dienhinh %s: %s\n", cmd, env->ctx.message);
	else if (why && *why) /* a full disk says so, not only "I/O error" */
		fprintf(stderr, "dienhinh %s: %s — %s\n", cmd, dh_strerror(rc), why);
	else
		fprintf(stderr, "dienhinh %s: %s\n", cmd, dh_strerror(rc));
	return dh_exit_code(rc);
}

/* Finish writing standard output: a write error (disk full) is an I/O
 * failure, not a success. */
int cli_flush_stdout(int code)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "dienhinh: không ghi được ra đầu ra chuẩn: %s\n", strerror(errno));
		return code ? code : EX_IOERR;
	}
	return code;
}

/* 12.345: counts on the terminal are grouped the Vietnamese way. */
const char *cli_count(size_t n, char *buf, size_t size)
{
	char digits[32];
	int len = snprintf(digits, sizeof(digits), "%zu", n);
	size_t o = 0;
	for (int i = 0; i < len && o + 2 < size; i++) {
		if (i > 0 && (len - i) % 3 == 0)
			buf[o++] = '.';
		buf[o++] = digits[i];
	}
	buf[o] = '\0';
	return buf;
}
