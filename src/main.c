/* main.c — the command line (DESIGN.md §6): global options, then either the
 * full-screen app or one subcommand.
 *
 *   dienhinh [-c CONFIG] [-d DATADIR] [--as LOGIN] [SUBCOMMAND ...]
 *
 * Exit codes follow sysexits(3): 0 ok, 1 nothing found, 64 usage, 65 bad
 * input data, 74 I/O, 77 not permitted, 78 bad config. */
#include "dienhinh/backup.h"
#include "dienhinh/certificate.h"
#include "dienhinh/config.h"
#include "dienhinh/date.h"
#include "dienhinh/demo.h"
#include "dienhinh/error.h"
#include "dienhinh/doc_file.h"
#include "dienhinh/export.h"
#include "dienhinh/export_xlsx.h"
#include "dienhinh/import.h"
#include "dienhinh/import_xlsx.h"
#include "dienhinh/lookup.h"
#include "dienhinh/new_year.h"
#include "dienhinh/plan_year.h"
#include "dienhinh/priv.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/snapshot.h"
#include "dienhinh/report.h"
#include "dienhinh/stats.h"
#include "dienhinh/store.h"
#include "dienhinh/ui.h"
#include "dienhinh/utf8.h"
#include "dienhinh/verify.h"
#include "dienhinh/workflow.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <locale.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <time.h>
#include <unistd.h>

/* What the global options said. */
typedef struct cli_globals {
	const char *config;  /* -c */
	const char *datadir; /* -d */
	const char *as;      /* --as */
} cli_globals;

/* Everything a subcommand that reads or writes data needs, set up by
 * cli_open() and released by cli_close(). */
typedef struct cli_env {
	dh_config *cfg;
	dh_store *store;
	char login[256];
	dh_ctx ctx;
} cli_env;

typedef int (*cli_cmd_fn)(const cli_globals *g, int argc, char **argv);

typedef struct cli_cmd {
	const char *name;
	cli_cmd_fn fn;
	const char *usage;
} cli_cmd;

static int cmd_check_config(const cli_globals *g, int argc, char **argv);
static int cmd_demo(const cli_globals *g, int argc, char **argv);
static int cmd_import(const cli_globals *g, int argc, char **argv);
static int cmd_export(const cli_globals *g, int argc, char **argv);
static int cmd_search(const cli_globals *g, int argc, char **argv);
static int cmd_stats(const cli_globals *g, int argc, char **argv);
static int cmd_report(const cli_globals *g, int argc, char **argv);
static int cmd_backup(const cli_globals *g, int argc, char **argv);
static int cmd_verify(const cli_globals *g, int argc, char **argv);
static int cmd_present(const cli_globals *g, int argc, char **argv);
static int cmd_new_year(const cli_globals *g, int argc, char **argv);

static const cli_cmd cli_cmds[] = {
    {"check-config", cmd_check_config, "check-config [TỆP]"},
    {"demo", cmd_demo, "demo [--records N] [--seed S]"},
    {"import", cmd_import, "import TỆP.csv|TỆP.xlsx [--sheet TRANG]"},
    {"export", cmd_export, "export [--format csv|jsonl|xlsx] [-o TỆP]"},
    {"search", cmd_search, "search [--format text|tsv|json] [--recognised] TỪ_KHÓA..."},
    {"stats", cmd_stats, "stats [--year NĂM] [--format text|tsv]"},
    {"report", cmd_report,
     "report minutes|ballot|proposal|registrations|decision|review [--format docx|pdf|md] [-o TỆP] [...]"},
    {"verify", cmd_verify, "verify"},
    {"backup", cmd_backup, "backup THƯ_MỤC_ĐÍCH | backup --keep N THƯ_MỤC"},
    {"present", cmd_present, "present [SỐ_PHIÊN_HỌP]"},
    {"new-year", cmd_new_year, "new-year NĂM"},
};

static void cli_help(FILE *out)
{
	fputs(
	    "dienhinh — quản lý xây dựng, bồi dưỡng và nhân rộng điển hình tiên tiến\n"
	    "\n"
	    "Cách dùng:\n"
	    "  dienhinh [-c CẤU_HÌNH] [-d THƯ_MỤC_DỮ_LIỆU] [--as TÊN_ĐĂNG_NHẬP]   mở giao diện toàn màn "
	    "hình\n"
	    "  dienhinh [tùy chọn chung] LỆNH [...]\n"
	    "\n"
	    "Lệnh:\n"
	    "  check-config [TỆP]                   kiểm tra tệp cấu hình, in bản tóm tắt\n"
	    "  demo [--records N] [--seed S]        tạo dữ liệu mẫu vào cơ sở dữ liệu trống\n"
	    "  import TỆP.csv|TỆP.xlsx [--sheet TRANG]\n"
	    "                                       nhập hồ sơ từ bảng tính (tất cả hoặc không gì cả)\n"
	    "  export [--format csv|jsonl|xlsx] [-o TỆP]\n"
	    "                                       xuất mọi hồ sơ ra đầu ra chuẩn hoặc TỆP (xlsx: cần -o)\n"
	    "  search [--format text|tsv|json] [--recognised] TỪ_KHÓA...\n"
	    "                                       tra cứu như màn hình 7\n"
	    "  stats [--year NĂM] [--format text|tsv]\n"
	    "                                       số liệu sơ kết, tổng kết của một năm\n"
	    "  report LOẠI [--format docx|pdf|md] [-o TỆP] [...]\n"
	    "                                       văn bản của kế hoạch theo thể thức Nghị định 30/2020:\n"
	    "                                       minutes (biên bản họp), ballot (biên bản kiểm phiếu),\n"
	    "                                       proposal (tờ trình), registrations (tổng hợp đăng ký),\n"
	    "                                       decision (quyết định), review (báo cáo sơ kết/tổng "
	    "kết);\n"
	    "  report certificate [--decision ID|SỐ] [--only ID...] [--blank] [-o TỆP.pdf]\n"
	    "                                       Giấy khen của một quyết định, mỗi người một trang, in "
	    "lên phôi\n"
	    "                                       không có -o: docx/pdf ghi vào thư mục hiện tại, md ra "
	    "màn hình\n"
	    "  verify                               kiểm tra chuỗi băm của nhật ký và mọi hồ sơ: có gì bị "
	    "sửa\n"
	    "                                       ngoài chương trình không (0: không, 65: có)\n"
	    "  present [SỐ_PHIÊN_HỌP]               màn hình trình chiếu phiên họp Hội đồng (chỉ xem)\n"
	    "  backup THƯ_MỤC_ĐÍCH                  sao lưu nhất quán, nén gọn, khi người khác vẫn làm "
	    "việc:\n"
	    "                                       ghi riêng, ghi hẳn xuống đĩa, kiểm tra rồi mới đặt vào "
	    "chỗ\n"
	    "  backup --keep N THƯ_MỤC              mỗi lần một thư mục có ngày giờ "
	    "(dienhinh-2021-11-05T1830),\n"
	    "                                       giữ N bản mới nhất (cho cron hoặc systemd timer)\n"
	    "  --help | --version\n"
	    "\n"
	    "Tùy chọn chung (đặt trước LỆNH):\n"
	    "  -c CẤU_HÌNH        tệp cấu hình (mặc định: $DIENHINH_CONFIG, ./config/dienhinh.yaml,\n"
	    "                     /etc/dienhinh/dienhinh.yaml)\n"
	    "  -d THƯ_MỤC         thư mục cơ sở dữ liệu (mặc định: storage.path trong cấu hình)\n"
	    "  --as TÊN           chạy với tư cách người dùng khác (để dùng thử, kiểm thử;\n"
	    "                     bị từ chối khi chương trình chạy với quyền mượn)\n"
	    "\n"
	    "Mã thoát: 0 thành công, 1 không tìm thấy, 64 sai cú pháp, 65 dữ liệu vào sai,\n"
	    "74 lỗi đọc/ghi, 77 không có quyền, 78 cấu hình sai.\n",
	    out);
}

static int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int cli_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("dienhinh: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nGõ “dienhinh --help” để xem cách dùng.\n", stderr);
	return EX_USAGE;
}

static int cli_cmd_usage(const char *cmd)
{
	for (size_t i = 0; i < sizeof(cli_cmds) / sizeof(cli_cmds[0]); i++)
		if (strcmp(cli_cmds[i].name, cmd) == 0)
			fprintf(stderr, "Cách dùng: dienhinh [tùy chọn chung] %s\n", cli_cmds[i].usage);
	return EX_USAGE;
}

/* "--name VALUE" or "--name=VALUE" at ARGV[*I]: 1 and *VALUE (advancing *I
 * past a separate value), 0 when ARGV[*I] is another option, -1 when the
 * value is missing. */
static int cli_opt(int argc, char **argv, int *i, const char *name, const char **value)
{
	const char *a = argv[*i];
	size_t n = strlen(name);
	if (strncmp(a, name, n) != 0)
		return 0;
	if (a[n] == '=') {
		*value = a + n + 1;
		return 1;
	}
	if (a[n] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*value = argv[++*i];
	return 1;
}

/* An option a subcommand does not know: say so, and whether it is a global
 * one that belongs before the subcommand. */
static int cli_bad_option(const char *cmd, const char *opt)
{
	if (strcmp(opt, "-c") == 0 || strcmp(opt, "-d") == 0 || strncmp(opt, "--as", 4) == 0)
		fprintf(stderr,
		        "dienhinh %s: tùy chọn chung %s phải đặt trước tên lệnh (dienhinh %s ... %s ...)\n",
		        cmd, opt, opt, cmd);
	else
		fprintf(stderr, "dienhinh %s: tùy chọn không hợp lệ: %s\n", cmd, opt);
	return cli_cmd_usage(cmd);
}

static bool cli_parse_num(const char *s, long long min, long long max, long long *out)
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
static int cli_load_config(const char *path, dh_config **out)
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
static int cli_privileged_start(cli_globals *g)
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

static void cli_close(cli_env *env)
{
	if (env->store)
		store_close(env->store);
	config_free(env->cfg);
	memset(env, 0, sizeof(*env));
}

/* The plan of this year kept with the data (plan_year.h): a past year
 * reads with its own deadlines and rules. At every writable open, and
 * after the demo or an import filled an empty store. */
static void cli_keep_plan(cli_env *env)
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
static int cli_open(const cli_globals *g, cli_env *env, bool read_only)
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
static int cli_fail(cli_env *env, const char *cmd, int rc)
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
static int cli_flush_stdout(int code)
{
	if (fflush(stdout) != 0 || ferror(stdout)) {
		fprintf(stderr, "dienhinh: không ghi được ra đầu ra chuẩn: %s\n", strerror(errno));
		return code ? code : EX_IOERR;
	}
	return code;
}

/* --- subcommands -------------------------------------------------------- */

/* `new-year YEAR`: the next plan year's config beside this one
 * (new_year.h), checked, with what to edit. */
static int cmd_new_year(const cli_globals *g, int argc, char **argv)
{
	if (priv_drop() != 0) { /* a file beside the config: no data, no group */
		fprintf(stderr, "dienhinh: không bỏ được quyền nhóm: %s\n", strerror(errno));
		return EX_OSERR;
	}
	long long year = 0;
	if (argc != 2 || (argv[1][0] == '-' && argv[1][1]))
		return argc == 2 ? cli_bad_option(argv[0], argv[1]) : cli_cmd_usage(argv[0]);
	if (!cli_parse_num(argv[1], 1900, 2999, &year))
		return cli_usage_error("new-year cần một năm (ví dụ 2022), không phải “%s”.", argv[1]);
	const char *path = config_find(g->config);
	dh_config *cfg = NULL;
	int code = cli_load_config(path, &cfg);
	if (code)
		return code;
	char out[4096], msg[600];
	dh_config *next = NULL;
	dh_diag diag = {0};
	int rc = new_year_write(cfg, (int)year, out, sizeof(out), &next, &diag, msg, sizeof(msg));
	if (rc == DH_ECONFIG) {
		diag_print(&diag, stderr);
		fprintf(stderr, "dienhinh new-year: đã ghi %s nhưng tệp có lỗi ở trên: sửa rồi chạy "
		                "dienhinh check-config %s.\n",
		        out, out);
		code = EX_CONFIG;
	} else if (rc) {
		fprintf(stderr, "dienhinh new-year: %s\n", msg[0] ? msg : dh_strerror(rc));
		code = rc == DH_EINVAL ? EX_USAGE : rc == DH_ECONFLICT ? EX_CANTCREAT : dh_exit_code(rc);
	} else {
		new_year_print_todo(next, out, stdout);
	}
	diag_free(&diag);
	config_free(next);
	config_free(cfg);
	return cli_flush_stdout(code);
}

static int cmd_check_config(const cli_globals *g, int argc, char **argv)
{
	const char *file = NULL;
	if (priv_drop() != 0) { /* no data here: the group is not needed at all */
		fprintf(stderr, "dienhinh: không bỏ được quyền nhóm: %s\n", strerror(errno));
		return EX_OSERR;
	}
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1])
			return cli_bad_option(argv[0], argv[i]);
		if (file)
			return cli_cmd_usage(argv[0]);
		file = argv[i];
	}
	const char *path = file ? file : config_find(g->config);
	dh_config *cfg = NULL;
	int code = cli_load_config(path, &cfg);
	if (code)
		return code;
	config_print_summary(cfg, stdout, date_today());
	config_free(cfg);
	return cli_flush_stdout(0);
}

/* 12.345: counts on the terminal are grouped the Vietnamese way. */
static const char *cli_count(size_t n, char *buf, size_t size)
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

static int cmd_demo(const cli_globals *g, int argc, char **argv)
{
	dh_demo_opts opts = {.records = 200, .seed = 1};
	for (int i = 1; i < argc; i++) {
		const char *v;
		long long n;
		int r;
		if ((r = cli_opt(argc, argv, &i, "--records", &v))) {
			if (r < 0 || !cli_parse_num(v, 1, DEMO_MAX_RECORDS, &n))
				return cli_usage_error(
				    "--records cần một số từ 1 đến 10000000, không phải “%s”.",
				    r < 0 ? "" : v);
			opts.records = (size_t)n;
		} else if ((r = cli_opt(argc, argv, &i, "--seed", &v))) {
			if (r < 0 || !cli_parse_num(v, 0, LLONG_MAX, &n))
				return cli_usage_error("--seed cần một số nguyên không âm, không phải “%s”.",
				                       r < 0 ? "" : v);
			opts.seed = (uint64_t)n;
		} else {
			return cli_bad_option(argv[0], argv[i]);
		}
	}
	cli_env env;
	int code = cli_open(g, &env, false);
	if (code)
		return code;
	dh_demo_result res = {0};
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = demo_generate(&env.ctx, &opts, &res);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (rc) {
		code = cli_fail(&env, argv[0], rc);
		cli_close(&env);
		return code;
	}
	double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
	char n1[32], n2[32], took[48] = "";
	if (secs >= 0.1) {
		snprintf(took, sizeof(took), " trong %.1f giây", secs);
		char *dot = strchr(took, '.');
		if (dot)
			*dot = ','; /* 1,5 giây */
	}
	printf("Đã tạo %s hồ sơ mẫu (%s bản ghi)%s.\n", cli_count(res.candidates, n1, sizeof(n1)),
	       cli_count(res.records, n2, sizeof(n2)), took);
	cli_keep_plan(&env);
	cli_close(&env);
	return cli_flush_stdout(0);
}

static int cmd_import(const cli_globals *g, int argc, char **argv)
{
	const char *file = NULL, *sheet = NULL;
	for (int i = 1; i < argc; i++) {
		int r = cli_opt(argc, argv, &i, "--sheet", &sheet);
		if (r < 0)
			return cli_cmd_usage(argv[0]);
		if (r > 0)
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			return cli_bad_option(argv[0], argv[i]);
		if (file)
			return cli_usage_error("import nhận đúng một tệp (thừa “%s”).", argv[i]);
		file = argv[i];
	}
	if (!file)
		return cli_cmd_usage(argv[0]);
	cli_env env;
	int code = cli_open(g, &env, false);
	if (code)
		return code;
	dh_import_result res = {0};
	int rc = sheet ? import_workbook_file(&env.ctx, file, sheet, stderr, &res)
	               : import_file(&env.ctx, file, stderr, &res);
	char *escaped = utf8_escape(file); /* as import_file names it */
	const char *shown = escaped ? escaped : "?";
	if (rc == DH_EINVAL) {
		fprintf(stderr, "dienhinh import: %s có %zu lỗi; không nhập hồ sơ nào.\n", shown, res.errors);
		code = EX_DATAERR;
	} else if (rc == DH_EIO && res.rows == 0) {
		code = EX_IOERR; /* import_file said which file */
	} else if (rc) {
		code = cli_fail(&env, argv[0], rc);
	} else {
		char n1[32];
		printf("Đã nhập %s hồ sơ từ %s.\n", cli_count(res.written, n1, sizeof(n1)), shown);
		cli_keep_plan(&env);
	}
	free(escaped);
	cli_close(&env);
	return cli_flush_stdout(code);
}

static int cmd_export(const cli_globals *g, int argc, char **argv)
{
	const char *format = "csv", *output = NULL;
	for (int i = 1; i < argc; i++) {
		int r = cli_opt(argc, argv, &i, "--format", &format);
		if (r == 0)
			r = cli_opt(argc, argv, &i, "-o", &output);
		if (r < 0)
			return cli_cmd_usage(argv[0]);
		if (r == 0)
			return cli_bad_option(argv[0], argv[i]);
	}
	bool jsonl = strcmp(format, "jsonl") == 0, xlsx = strcmp(format, "xlsx") == 0;
	if (!jsonl && !xlsx && strcmp(format, "csv") != 0)
		return cli_usage_error("định dạng xuất không hợp lệ: “%s” (csv, jsonl hoặc xlsx).", format);
	if (xlsx && (!output || strcmp(output, "-") == 0))
		return cli_usage_error("xuất dạng xlsx cần -o TỆP.xlsx (bảng tính không in ra màn hình được).");
	cli_env env;
	int code = cli_open(g, &env, true);
	if (code)
		return code;
	int rc = wf_check(&env.ctx, DH_ACT_EXPORT);
	char why[512] = "";
	if (!rc && !xlsx && output && strcmp(output, "-") != 0) {
		/* Text formats to a file: written aside and renamed, as a workbook is. */
		FILE *out = NULL;
		dh_doc_file f;
		rc = doc_file_begin(&f, output, why, sizeof(why));
		if (!rc && !(out = fopen(f.tmp, "we"))) {
			doc_file_abort(&f);
			rc = DH_EIO;
			snprintf(why, sizeof(why), "Không ghi được tệp %s: %s", output, strerror(errno));
		}
		if (!rc) {
			rc = jsonl ? export_jsonl(env.store, out) : export_csv(env.store, out);
			if (fclose(out) != 0 && !rc)
				rc = DH_EIO;
			if (rc)
				doc_file_abort(&f);
			else
				rc = doc_file_commit(&f, why, sizeof(why));
		}
	} else if (!rc) {
		rc = xlsx ? export_xlsx(env.store, output, why, sizeof(why))
		     : jsonl ? export_jsonl(env.store, stdout)
		             : export_csv(env.store, stdout);
	}
	if (rc && why[0]) {
		fprintf(stderr, "dienhinh %s: %s\n", argv[0], why);
		code = EX_CANTCREAT;
	} else {
		code = rc ? cli_fail(&env, argv[0], rc) : 0;
	}
	if (!code && output && strcmp(output, "-") != 0)
		fprintf(stderr, "Đã xuất ra %s.\n", output);
	cli_close(&env);
	return cli_flush_stdout(code);
}

/* One hit, as --format asks. */
static void search_print(const char *format, const dh_config *cfg, const dh_candidate *c, size_t index)
{
	if (strcmp(format, "tsv") == 0) {
		printf("%" PRIu64 "\t%d\t%s\t%s\t%s\t%s\n", c->meta.id, c->year, kind_name(c->kind),
		       c->name ? c->name : "", c->department ? c->department : "", stage_name(c->stage));
	} else if (strcmp(format, "json") == 0) {
		char *json = record_to_json(DH_R_CANDIDATE, c);
		printf("%s%s", index ? ",\n" : "[\n", json ? json : "null");
		free(json);
	} else {
		const dh_department *d = c->department ? config_department(cfg, c->department) : NULL;
		printf("%6" PRIu64 "  %d  %s: %s\n", c->meta.id, c->year, kind_label(c->kind),
		       c->name ? c->name : "");
		printf("%6s  %s · %s", "", d ? d->name : (c->department ? c->department : ""),
		       stage_label(c->stage));
		if (c->title && *c->title)
			printf(" · %s", c->title);
		putchar('\n');
	}
}

static int cmd_search(const cli_globals *g, int argc, char **argv)
{
	const char *format = "text";
	bool recognised = false, words_only = false;
	int code = 0;
	/* The query is the remaining words joined by spaces. */
	size_t qlen = 1;
	for (int i = 1; i < argc; i++)
		qlen += strlen(argv[i]) + 1;
	char *query = calloc(1, qlen);
	if (!query)
		return EX_OSERR;
	size_t used = 0;
	for (int i = 1; i < argc; i++) {
		int r;
		if (!words_only && strcmp(argv[i], "--") == 0) {
			words_only = true;
			continue;
		}
		if (!words_only && (r = cli_opt(argc, argv, &i, "--format", &format))) {
			if (r < 0)
				code = cli_cmd_usage(argv[0]);
		} else if (!words_only && strcmp(argv[i], "--recognised") == 0) {
			recognised = true;
		} else if (!words_only && argv[i][0] == '-' && argv[i][1]) {
			code = cli_bad_option(argv[0], argv[i]);
		} else {
			/* qlen counted every word and a space, so this always fits. */
			int w = snprintf(query + used, qlen - used, "%s%s", used ? " " : "", argv[i]);
			if (w > 0)
				used += (size_t)w;
		}
		if (code)
			break;
	}
	if (!code && strcmp(format, "text") != 0 && strcmp(format, "tsv") != 0 && strcmp(format, "json") != 0)
		code = cli_usage_error("định dạng không hợp lệ: “%s” (text, tsv hoặc json).", format);
	if (!code && !query[strspn(query, " \t")])
		code = cli_cmd_usage(argv[0]);
	if (code) {
		free(query);
		return code;
	}

	cli_env env;
	if ((code = cli_open(g, &env, true))) {
		free(query);
		return code;
	}
	dh_lookup_opts lo = {.recognised_only = recognised, .cfg = env.cfg};
	dh_hit *hits = NULL;
	size_t n = 0;
	int rc = lookup_search(env.store, query, &lo, &hits, &n);
	if (rc) {
		code = cli_fail(&env, argv[0], rc);
	} else {
		size_t shown = 0;
		for (size_t i = 0; i < n; i++) {
			void *rec = NULL;
			rc = repo_get(env.store, DH_R_CANDIDATE, hits[i].id, &rec);
			if (rc == DH_ENOTFOUND)
				continue;
			if (rc) {
				code = cli_fail(&env, argv[0], rc);
				break;
			}
			search_print(format, env.cfg, rec, shown++);
			record_free(DH_R_CANDIDATE, rec);
		}
		if (!code && strcmp(format, "json") == 0)
			fputs(shown ? "\n]\n" : "[]\n", stdout);
		else if (!code && strcmp(format, "text") == 0 && shown)
			printf("%s kết quả.\n", cli_count(shown, (char[32]){0}, 32));
		else if (!code && strcmp(format, "text") == 0)
			puts("Không tìm thấy hồ sơ nào.");
		if (!code && shown == 0)
			code = 1;
	}
	free(hits);
	free(query);
	cli_close(&env);
	return cli_flush_stdout(code);
}

static int cmd_stats(const cli_globals *g, int argc, char **argv)
{
	const char *format = "text";
	long long year = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		int r;
		if ((r = cli_opt(argc, argv, &i, "--format", &format))) {
			if (r < 0)
				return cli_cmd_usage(argv[0]);
		} else if ((r = cli_opt(argc, argv, &i, "--year", &v))) {
			if (r < 0 || !cli_parse_num(v, 1900, 2999, &year))
				return cli_usage_error("--year cần một năm (ví dụ 2021), không phải “%s”.",
				                       r < 0 ? "" : v);
		} else {
			return cli_bad_option(argv[0], argv[i]);
		}
	}
	bool tsv = strcmp(format, "tsv") == 0;
	if (!tsv && strcmp(format, "text") != 0)
		return cli_usage_error("định dạng không hợp lệ: “%s” (text hoặc tsv).", format);
	cli_env env;
	int code = cli_open(g, &env, true);
	if (code)
		return code;
	/* A past year is counted under its own plan (departments, criteria)
	 * and, as text, shows that plan's title and deadlines. */
	int y = year ? (int)year : env.cfg->plan.year;
	dh_config *plan = NULL;
	int prc = y == env.cfg->plan.year ? DH_ENOTFOUND : plan_year_open(env.store, y, &plan);
	if (y != env.cfg->plan.year && !tsv) {
		if (plan)
			plan_year_print(plan, stdout);
		else
			printf("Chưa lưu kế hoạch năm %d trong cơ sở dữ liệu%s: số liệu đếm theo danh sách "
			       "phòng của cấu hình đang dùng.\n\n",
			       y, prc == DH_ECONFIG ? " (bản đã lưu không còn đọc được)" : "");
	}
	dh_stats s;
	int rc = stats_compute(env.store, plan ? plan : env.cfg, y, &s); /* names borrowed from it */
	if (rc) {
		code = cli_fail(&env, argv[0], rc);
	} else {
		if (tsv)
			stats_print_tsv(&s, stdout);
		else
			stats_print_text(&s, stdout);
		stats_free(&s);
	}
	config_free(plan);
	cli_close(&env);
	return cli_flush_stdout(code);
}

/* "--name VALUE" or "--name=VALUE" at ARGV[*I] (advancing *I past a
 * separate value): 1 with *VALUE, 0 when it is not that option, -1 when
 * the value is missing. */
static int cli_opt_value(int argc, char **argv, int *i, const char *name, const char **value)
{
	size_t n = strlen(name);
	if (strncmp(argv[*i], name, n) != 0)
		return 0;
	if (argv[*i][n] == '=') {
		*value = argv[*i] + n + 1;
		return 1;
	}
	if (argv[*i][n] != '\0')
		return 0;
	if (*i + 1 >= argc)
		return -1;
	*value = argv[++*i];
	return 1;
}

/* The format a file name's extension says, or -1. */
static int cli_format_of_path(const char *path)
{
	const char *dot = strrchr(path, '.');
	return dot && !strchr(dot, '/') ? report_format_from_name(dot + 1) : -1;
}

/* `report certificate`: the Giấy khen of an award decision, one page each,
 * as PDF only (it is printed onto pre-printed blanks). REST are the words
 * after the document's name without --format and -o. */
static int cli_report_certificate(const cli_globals *g, int format, const char *out_path, int n_rest,
                                  char **rest)
{
	dh_ctx words = {0};
	dh_cert_opts opts;
	if (format >= 0 && format != DH_FORMAT_PDF)
		return cli_usage_error("Giấy khen chỉ in ra PDF (--format pdf), để in lên phôi.");
	if (certificate_parse_args(&words, n_rest, rest, &opts)) {
		certificate_opts_free(&opts);
		return cli_usage_error("%s", words.message);
	}
	cli_env env;
	int code = cli_open(g, &env, true);
	if (code) {
		certificate_opts_free(&opts);
		return code;
	}
	char *name = out_path ? NULL : certificate_default_name(&env.ctx, &opts);
	int pages = 0, rc = out_path || name
	                        ? certificate_write(&env.ctx, &opts, out_path ? out_path : name, &pages)
	                        : DH_ENOMEM;
	if (rc == DH_EINVAL) {
		fprintf(stderr, "dienhinh report: %s\n", env.ctx.message);
		code = EX_DATAERR;
	} else if (rc) {
		code = cli_fail(&env, "report", rc);
	} else {
		printf("%s\n", out_path ? out_path : name);
	}
	free(name);
	certificate_opts_free(&opts);
	cli_close(&env);
	return cli_flush_stdout(code);
}

static int cmd_report(const cli_globals *g, int argc, char **argv)
{
	if (argc < 2)
		return cli_cmd_usage(argv[0]);
	/* The words first: a usage error needs no config and no database. */
	dh_ctx words = {0};
	dh_report_opts opts;
	bool certificate = strcmp(argv[1], "certificate") == 0;
	int kind = report_from_name(argv[1]);
	if (kind < 0 && !certificate)
		return cli_usage_error(
		    "không có văn bản “%s” (minutes, ballot, proposal, registrations, decision, "
		    "review hoặc certificate).",
		    argv[1]);
	/* --format and -o belong to every document; the rest to the kind. */
	const char *format_name = NULL, *out_path = NULL;
	char **rest = calloc((size_t)argc, sizeof(*rest));
	int n_rest = 0;
	if (!rest)
		return EX_OSERR;
	for (int i = 2; i < argc; i++) {
		const char *v = NULL;
		int r = cli_opt_value(argc, argv, &i, "--format", &v);
		const char **slot = &format_name;
		if (!r) {
			r = cli_opt_value(argc, argv, &i, "-o", &v);
			slot = &out_path;
		}
		if (r < 0) {
			free(rest);
			return cli_usage_error("%s cần một giá trị.", argv[i]);
		}
		if (r > 0)
			*slot = v;
		else
			rest[n_rest++] = argv[i];
	}
	int format = format_name ? report_format_from_name(format_name) : -1;
	if (format_name && format < 0) {
		free(rest);
		return cli_usage_error("định dạng không hợp lệ: “%s” (docx, pdf hoặc md).", format_name);
	}
	if (certificate) {
		int code = cli_report_certificate(g,
		                                  format >= 0 ? format
		                                  : out_path  ? cli_format_of_path(out_path)
		                                              : -1,
		                                  out_path, n_rest, rest);
		free(rest);
		return code;
	}
	if (format < 0)
		format = out_path && cli_format_of_path(out_path) >= 0 ? cli_format_of_path(out_path)
		                                                       : DH_FORMAT_MD;
	int rc = report_parse_args(&words, kind, n_rest, rest, &opts);
	free(rest);
	if (rc)
		return cli_usage_error("%s", words.message);
	cli_env env;
	int code = cli_open(g, &env, true);
	if (code)
		return code;
	char written[PATH_MAX + 64];
	bool to_file = format != DH_FORMAT_MD || out_path;
	if (to_file)
		rc = report_save(&env.ctx, kind, &opts, format, out_path, NULL, written, sizeof(written));
	else
		rc = report_document(&env.ctx, kind, &opts, stdout);
	if (rc == DH_EINVAL) {
		fprintf(stderr, "dienhinh report: %s\n", env.ctx.message);
		code = EX_USAGE;
	} else if (rc) {
		code = cli_fail(&env, argv[0], rc);
	} else {
		/* Which session or decision a document without options is about. */
		if (env.ctx.message[0])
			fprintf(stderr, "dienhinh report: %s\n", env.ctx.message);
		if (to_file)
			printf("%s\n", written); /* the file's name, for a script to pick up */
	}
	cli_close(&env);
	return cli_flush_stdout(code);
}

static int cmd_backup(const cli_globals *g, int argc, char **argv)
{
	const char *dest = NULL;
	long long keep = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		int r;
		if ((r = cli_opt(argc, argv, &i, "--keep", &v))) {
			if (r < 0 || !cli_parse_num(v, 1, 10000, &keep))
				return cli_usage_error(
				    "--keep cần số bản sao giữ lại, từ 1 đến 10000, không phải "
				    "“%s”.",
				    r < 0 ? "" : v);
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_bad_option(argv[0], argv[i]);
		} else if (dest) {
			return cli_cmd_usage(argv[0]);
		} else {
			dest = argv[i];
		}
	}
	if (!dest)
		return cli_cmd_usage(argv[0]);
	cli_env env;
	int code = cli_open(g, &env, true);
	if (code)
		return code;
	/* A backup is the whole data set: the same people who may export. */
	int rc = wf_check(&env.ctx, DH_ACT_EXPORT);
	dh_backup_report rep;
	if (rc) {
		code = cli_fail(&env, argv[0], rc);
	} else if ((rc = backup_run(env.store, dest, (unsigned)keep, &rep))) {
		const char *why = rep.message[0] ? rep.message : store_last_error();
		fprintf(stderr, "dienhinh backup: không sao lưu được vào %s: %s; không để lại bản sao nào.\n",
		        dest, why && *why ? why : dh_strerror(rc));
		code = EX_IOERR; /* whatever the cause, the copy could not be written */
	} else {
		char n1[32], n2[32], hex[2 * DH_HASH_LEN + 1];
		for (size_t i = 0; i < DH_HASH_LEN; i++)
			snprintf(hex + 2 * i, 3, "%02x", rep.head[i]);
		printf("Đã sao lưu vào %s: %s bản ghi, %s mục nhật ký, đã kiểm tra.\n", rep.folder,
		       cli_count((size_t)rep.records, n1, sizeof(n1)),
		       cli_count((size_t)rep.entries, n2, sizeof(n2)));
		printf("Mã băm của mục nhật ký cuối: %s\n", rep.entries ? hex : "(chưa có)");
		if (rep.removed)
			printf("Đã xóa %u bản sao cũ nhất (giữ %lld bản).\n", rep.removed, keep);
	}
	cli_close(&env);
	return cli_flush_stdout(code);
}

/* The projector view of a council session: read-only, any login that may
 * look up; without a number, the latest open session of the plan year. */
static int cmd_present(const cli_globals *g, int argc, char **argv)
{
	uint64_t id = 0;
	if (argc > 2)
		return cli_cmd_usage(argv[0]);
	if (argc == 2) {
		char *end = NULL;
		errno = 0;
		unsigned long long v = strtoull(argv[1], &end, 10);
		if (errno || !end || *end || argv[1][0] < '0' || argv[1][0] > '9' || v == 0)
			return cli_usage_error("số phiên họp không hợp lệ: %s", argv[1]);
		id = v;
	}
	setlocale(LC_ALL, "");
	cli_env env;
	int code = cli_open(g, &env, true);
	if (code)
		return code;
	void *rec = NULL;
	int rc = id ? repo_get(env.store, DH_R_SESSION, id, &rec) : 0;
	if (rc == DH_ENOTFOUND) {
		fprintf(stderr, "dienhinh present: không có phiên họp số %llu.\n", (unsigned long long)id);
		code = EX_DATAERR;
	} else if (rc) {
		code = cli_fail(&env, argv[0], rc);
	} else {
		code = ui_present(&env.ctx, id);
	}
	if (rec)
		record_free(DH_R_SESSION, rec);
	cli_close(&env);
	return code;
}

static int cmd_verify(const cli_globals *g, int argc, char **argv)
{
	if (argc > 1)
		return argv[1][0] == '-' && argv[1][1] ? cli_bad_option(argv[0], argv[1])
		                                       : cli_cmd_usage(argv[0]);
	cli_env env;
	int code = cli_open(g, &env, true);
	if (code)
		return code;
	dh_verify_result res;
	int rc = verify_run(env.store, &res);
	if (rc == DH_ECORRUPT && res.message[0]) {
		fprintf(stderr, "dienhinh verify: %s.\n", res.message);
		code = EX_DATAERR;
	} else if (rc == DH_EBUSY && res.message[0]) {
		fprintf(stderr, "dienhinh verify: %s.\n", res.message);
		code = EX_IOERR;
	} else if (rc) {
		const char *why = store_last_error();
		fprintf(stderr, "dienhinh verify: %s%s%s\n", dh_strerror(rc), why && *why ? " — " : "",
		        why ? why : "");
		code = rc == DH_ENOMEM ? EX_OSERR : EX_IOERR;
	} else {
		char n1[32], n2[32], hex[2 * DH_HASH_LEN + 1];
		printf("Đã kiểm tra %s mục nhật ký, %s bản ghi: không có gì bị sửa.\n",
		       cli_count((size_t)res.entries, n1, sizeof(n1)),
		       cli_count((size_t)res.records, n2, sizeof(n2)));
		for (int i = 0; i < DH_HASH_LEN; i++)
			snprintf(hex + 2 * i, 3, "%02x", res.head[i]);
		/* Written down or kept elsewhere, it shows later whether the
		 * log was rewritten from here back. */
		if (res.entries)
			printf("Mã băm của mục cuối (số %llu): %s\n", (unsigned long long)res.entries, hex);
		if (res.counters)
			printf("Số đếm của số liệu: %s số, khớp với hồ sơ.\n",
			       cli_count((size_t)res.counters, n1, sizeof(n1)));
	}
	cli_close(&env);
	return cli_flush_stdout(code);
}

/* The full-screen app. */
static int cli_app(const cli_globals *g)
{
	setlocale(LC_ALL, "");
	cli_env env;
	int code = cli_open(g, &env, false);
	if (code)
		return code;
	code = ui_run(&env.ctx);
	cli_close(&env);
	return code;
}

int main(int argc, char **argv)
{
	/* A borrowed group is put aside before anything else happens. */
	if (priv_init() != 0) {
		fprintf(stderr, "dienhinh: không bỏ được quyền nhóm: %s\n", strerror(errno));
		return EX_OSERR;
	}
	cli_globals g = {0};
	int i = 1;
	for (; i < argc; i++) {
		const char *a = argv[i], *v;
		int r;
		if (a[0] != '-' || a[1] == '\0')
			break;
		if (strcmp(a, "--") == 0) {
			i++;
			break;
		}
		if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
			cli_help(stdout);
			return cli_flush_stdout(0);
		}
		if (strcmp(a, "-V") == 0 || strcmp(a, "--version") == 0) {
			printf("dienhinh %s\n", DH_VERSION);
			return cli_flush_stdout(0);
		}
		if (strcmp(a, "-c") == 0 || strcmp(a, "-d") == 0) {
			if (i + 1 >= argc)
				return cli_usage_error("tùy chọn %s cần một giá trị.", a);
			if (a[1] == 'c')
				g.config = argv[++i];
			else
				g.datadir = argv[++i];
		} else if (a[1] == 'c' || a[1] == 'd') { /* -cFILE, -dDIR */
			if (a[1] == 'c')
				g.config = a + 2;
			else
				g.datadir = a + 2;
		} else if ((r = cli_opt(argc, argv, &i, "--as", &v))) {
			if (r < 0)
				return cli_usage_error("tùy chọn %s cần một tên đăng nhập.", a);
			g.as = v;
		} else {
			return cli_usage_error("tùy chọn không hợp lệ: %s", a);
		}
	}
	if (priv_active()) {
		int code = cli_privileged_start(&g);
		if (code)
			return code;
	}
	if (i >= argc)
		return cli_app(&g);
	const char *cmd = argv[i];
	for (size_t k = 0; k < sizeof(cli_cmds) / sizeof(cli_cmds[0]); k++)
		if (strcmp(cli_cmds[k].name, cmd) == 0)
			return cli_cmds[k].fn(&g, argc - i, argv + i);
	if (strcmp(cmd, "help") == 0) {
		cli_help(stdout);
		return cli_flush_stdout(0);
	}
	return cli_usage_error("không có lệnh “%s”.", cmd);
}
