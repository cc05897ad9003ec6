/* main.c — the command line (DESIGN.md §6): global options, then either the
 * full-screen app or one subcommand.
 *
 *   dienhinh [-c CONFIG] [-d DATADIR] [--as LOGIN] [SUBCOMMAND ...]
 *
 * Exit codes follow sysexits(3): 0 ok, 1 nothing found, 64 usage, 65 bad
 * input data, 74 I/O, 77 not permitted, 78 bad config. */
#include "cli/cli_internal.h"

#include "dienhinh/args.h"
#include "dienhinh/priv.h"
#include "dienhinh/ui.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

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
		} else if ((r = args_option(argc, argv, &i, "--as", &v))) {
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
		if (strcmp(cli_cmds[k].name, cmd) == 0) {
			g.cmd = &cli_cmds[k];
			return cli_cmds[k].fn(&g, argc - i, argv + i);
		}
	if (strcmp(cmd, "help") == 0) {
		cli_help(stdout);
		return cli_flush_stdout(0);
	}
	return cli_usage_error("không có lệnh “%s”.", cmd);
}
