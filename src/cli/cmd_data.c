/* cmd_data.c — the subcommands that fill the store and read it out: demo,
 * import, export, search, stats. */
#include "cli_internal.h"

#include "dienhinh/args.h"
#include "dienhinh/demo.h"
#include "dienhinh/doc_file.h"
#include "dienhinh/error.h"
#include "dienhinh/export.h"
#include "dienhinh/export_xlsx.h"
#include "dienhinh/import.h"
#include "dienhinh/import_xlsx.h"
#include "dienhinh/lookup.h"
#include "dienhinh/plan_year.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/stats.h"
#include "dienhinh/utf8.h"

#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>
#include <time.h>

int cmd_demo(const cli_globals *g, int argc, char **argv)
{
	dh_demo_opts opts = {.records = 200, .seed = 1};
	for (int i = 1; i < argc; i++) {
		const char *v;
		long long n;
		int r;
		if ((r = args_option(argc, argv, &i, "--records", &v))) {
			if (r < 0 || !cli_parse_num(v, 1, DEMO_MAX_RECORDS, &n))
				return cli_usage_error(
				    "--records cần một số từ 1 đến 10000000, không phải “%s”.",
				    r < 0 ? "" : v);
			opts.records = (size_t)n;
		} else if ((r = args_option(argc, argv, &i, "--seed", &v))) {
			if (r < 0 || !cli_parse_num(v, 0, LLONG_MAX, &n))
				return cli_usage_error("--seed cần một số nguyên không âm, không phải “%s”.",
				                       r < 0 ? "" : v);
			opts.seed = (uint64_t)n;
		} else {
			return cli_bad_option(g, argv[i]);
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

int cmd_import(const cli_globals *g, int argc, char **argv)
{
	const char *file = NULL, *sheet = NULL;
	for (int i = 1; i < argc; i++) {
		int r = args_option(argc, argv, &i, "--sheet", &sheet);
		if (r < 0)
			return cli_cmd_usage(g);
		if (r > 0)
			continue;
		if (argv[i][0] == '-' && argv[i][1])
			return cli_bad_option(g, argv[i]);
		if (file)
			return cli_usage_error("import nhận đúng một tệp (thừa “%s”).", argv[i]);
		file = argv[i];
	}
	if (!file)
		return cli_cmd_usage(g);
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

int cmd_export(const cli_globals *g, int argc, char **argv)
{
	const char *format = "csv", *output = NULL;
	for (int i = 1; i < argc; i++) {
		int r = args_option(argc, argv, &i, "--format", &format);
		if (r == 0)
			r = args_option(argc, argv, &i, "-o", &output);
		if (r < 0)
			return cli_cmd_usage(g);
		if (r == 0)
			return cli_bad_option(g, argv[i]);
	}
	bool jsonl = strcmp(format, "jsonl") == 0, xlsx = strcmp(format, "xlsx") == 0;
	if (!jsonl && !xlsx && strcmp(format, "csv") != 0)
		return cli_usage_error("định dạng xuất không hợp lệ: “%s” (csv, jsonl hoặc xlsx).", format);
	if (xlsx && (!output || strcmp(output, "-") == 0))
		return cli_usage_error(
		    "xuất dạng xlsx cần -o TỆP.xlsx (bảng tính không in ra màn hình được).");
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
		rc = xlsx    ? export_xlsx(env.store, output, why, sizeof(why))
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

int cmd_search(const cli_globals *g, int argc, char **argv)
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
		if (!words_only && (r = args_option(argc, argv, &i, "--format", &format))) {
			if (r < 0)
				code = cli_cmd_usage(g);
		} else if (!words_only && strcmp(argv[i], "--recognised") == 0) {
			recognised = true;
		} else if (!words_only && argv[i][0] == '-' && argv[i][1]) {
			code = cli_bad_option(g, argv[i]);
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
		code = cli_cmd_usage(g);
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

int cmd_stats(const cli_globals *g, int argc, char **argv)
{
	const char *format = "text";
	long long year = 0;
	for (int i = 1; i < argc; i++) {
		const char *v;
		int r;
		if ((r = args_option(argc, argv, &i, "--format", &format))) {
			if (r < 0)
				return cli_cmd_usage(g);
		} else if ((r = args_option(argc, argv, &i, "--year", &v))) {
			if (r < 0 || !cli_parse_num(v, 1900, 2999, &year))
				return cli_usage_error("--year cần một năm (ví dụ 2021), không phải “%s”.",
				                       r < 0 ? "" : v);
		} else {
			return cli_bad_option(g, argv[i]);
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
