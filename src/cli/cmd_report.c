/* cmd_report.c — the documents of the plan (report, report certificate)
 * and the projector view of a council session (present). */
#include "cli_internal.h"

#include "dienhinh/args.h"
#include "dienhinh/certificate.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/report.h"
#include "dienhinh/ui.h"

#include <errno.h>
#include <limits.h>
#include <locale.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

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

int cmd_report(const cli_globals *g, int argc, char **argv)
{
	if (argc < 2)
		return cli_cmd_usage(g);
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
		int r = args_option(argc, argv, &i, "--format", &v);
		const char **slot = &format_name;
		if (!r) {
			r = args_option(argc, argv, &i, "-o", &v);
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

/* The projector view of a council session: read-only, any login that may
 * look up; without a number, the latest open session of the plan year. */
int cmd_present(const cli_globals *g, int argc, char **argv)
{
	uint64_t id = 0;
	if (argc > 2)
		return cli_cmd_usage(g);
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
