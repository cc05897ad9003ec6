/* cmd_admin.c — the administrator's subcommands: check-config, new-year,
 * backup, verify. */
#include "cli_internal.h"

#include "dienhinh/args.h"
#include "dienhinh/backup.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/new_year.h"
#include "dienhinh/priv.h"
#include "dienhinh/verify.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sysexits.h>

/* --- subcommands -------------------------------------------------------- */

/* `new-year YEAR`: the next plan year's config beside this one
 * (new_year.h), checked, with what to edit. */
int cmd_new_year(const cli_globals *g, int argc, char **argv)
{
	if (priv_drop() != 0) { /* a file beside the config: no data, no group */
		fprintf(stderr, "dienhinh: không bỏ được quyền nhóm: %s\n", strerror(errno));
		return EX_OSERR;
	}
	long long year = 0;
	if (argc != 2 || (argv[1][0] == '-' && argv[1][1]))
		return argc == 2 ? cli_bad_option(g, argv[1]) : cli_cmd_usage(g);
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
		fprintf(stderr,
		        "dienhinh new-year: đã ghi %s nhưng tệp có lỗi ở trên: sửa rồi chạy "
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

int cmd_check_config(const cli_globals *g, int argc, char **argv)
{
	const char *file = NULL;
	if (priv_drop() != 0) { /* no data here: the group is not needed at all */
		fprintf(stderr, "dienhinh: không bỏ được quyền nhóm: %s\n", strerror(errno));
		return EX_OSERR;
	}
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1])
			return cli_bad_option(g, argv[i]);
		if (file)
			return cli_cmd_usage(g);
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

int cmd_backup(const cli_globals *g, int argc, char **argv)
{
	const char *dest = NULL;
	long long keep = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		int r;
		if ((r = args_option(argc, argv, &i, "--keep", &v))) {
			if (r < 0 || !cli_parse_num(v, 1, 10000, &keep))
				return cli_usage_error(
				    "--keep cần số bản sao giữ lại, từ 1 đến 10000, không phải "
				    "“%s”.",
				    r < 0 ? "" : v);
		} else if (argv[i][0] == '-' && argv[i][1]) {
			return cli_bad_option(g, argv[i]);
		} else if (dest) {
			return cli_cmd_usage(g);
		} else {
			dest = argv[i];
		}
	}
	if (!dest)
		return cli_cmd_usage(g);
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

int cmd_verify(const cli_globals *g, int argc, char **argv)
{
	if (argc > 1)
		return argv[1][0] == '-' && argv[1][1] ? cli_bad_option(g, argv[1]) : cli_cmd_usage(g);
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
