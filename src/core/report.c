/* report.c — the plan's documents (report.h): names and options, and the
 * entry points that build a document and hand it to a writer. What the
 * builders share is report_doc.c (report_internal.h).
 *
 * Each document has two halves: a loading half that reads every record it
 * needs into memory (copies, so that no read transaction is open while the
 * next one starts) and may refuse, and a building half that only adds to
 * the dh_doc. The builders live in report_council.c and report_office.c. */
#include "dienhinh/report.h"

#include "dienhinh/buf.h"
#include "dienhinh/args.h"
#include "dienhinh/date.h"
#include "dienhinh/doc.h"
#include "dienhinh/doc_docx.h"
#include "dienhinh/doc_md.h"
#include "dienhinh/doc_pdf.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/utf8.h"
#include "report_internal.h"

#include <errno.h>
#include <pwd.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

/* --- names and options --------------------------------------------------- */

enum {
	OPT_YEAR = 1u << 0,
	OPT_SESSION = 1u << 1,
	OPT_DECISION = 1u << 2,
	OPT_KIND = 1u << 3,
	OPT_DEPARTMENT = 1u << 4,
};

static const struct {
	const char *name;
	const char *label;
	const char *usage;
	unsigned opts;
} report_table[DH_REPORT__COUNT] = {
    [DH_REPORT_MINUTES] = {"minutes", "Biên bản họp Hội đồng thi đua, khen thưởng",
                           "[--session ID] [--year NĂM]", OPT_SESSION | OPT_YEAR},
    [DH_REPORT_PROPOSAL] = {"proposal", "Tờ trình đề nghị công nhận", "[--session ID | --year NĂM]",
                            OPT_SESSION | OPT_YEAR},
    [DH_REPORT_REGISTRATIONS] = {"registrations", "Tổng hợp đăng ký theo đơn vị",
                                 "[--year NĂM] [--department ĐƠN_VỊ]", OPT_YEAR | OPT_DEPARTMENT},
    [DH_REPORT_DECISION] = {"decision", "Quyết định và danh sách kèm theo", "[--decision ID|SỐ] [--year NĂM]",
                            OPT_DECISION | OPT_YEAR},
    [DH_REPORT_REVIEW] = {"review", "Báo cáo sơ kết, tổng kết", "[--year NĂM] [--kind preliminary|final]",
                          OPT_YEAR | OPT_KIND},
    [DH_REPORT_BALLOT] = {"ballot", "Biên bản kiểm phiếu", "[--session ID] [--year NĂM]",
                          OPT_SESSION | OPT_YEAR},
};

const char *report_name(int kind)
{
	return kind >= 0 && kind < DH_REPORT__COUNT ? report_table[kind].name : "?";
}

const char *report_label(int kind)
{
	return kind >= 0 && kind < DH_REPORT__COUNT ? report_table[kind].label : "?";
}

const char *report_usage(int kind)
{
	return kind >= 0 && kind < DH_REPORT__COUNT ? report_table[kind].usage : "";
}

int report_from_name(const char *name)
{
	for (int k = 0; name && k < DH_REPORT__COUNT; k++)
		if (strcmp(report_table[k].name, name) == 0)
			return k;
	return -1;
}

void report_opts_init(dh_report_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->review_kind = -1;
}

/* A whole decimal number in [MIN, MAX]. */
static bool rp_number(const char *s, uint64_t min, uint64_t max, uint64_t *out)
{
	if (!s || !*s)
		return false;
	uint64_t v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9' || v > (UINT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (v < min || v > max)
		return false;
	*out = v;
	return true;
}

int report_parse_args(dh_ctx *ctx, int kind, int argc, char **argv, dh_report_opts *o)
{
	char q[64];
	report_opts_init(o);
	if (kind < 0 || kind >= DH_REPORT__COUNT)
		return rp_say(ctx, DH_EINVAL, "Không có văn bản này.");
	unsigned allowed = report_table[kind].opts;
	const char *name = report_table[kind].name;
	for (int i = 0; i < argc; i++) {
		const char *v = NULL;
		int r;
		uint64_t n;
		if ((allowed & OPT_YEAR) && (r = args_option(argc, argv, &i, "--year", &v))) {
			if (r < 0 || !rp_number(v, 2000, 2100, &n))
				return rp_say(ctx, DH_EINVAL,
				              "--year cần một năm từ 2000 đến 2100, không phải “%s”.",
				              r < 0 ? "" : rp_quote(v, q));
			o->year = (int)n;
		} else if ((allowed & OPT_SESSION) && (r = args_option(argc, argv, &i, "--session", &v))) {
			if (r < 0 || !rp_number(v, 1, UINT64_MAX / 2, &n))
				return rp_say(ctx, DH_EINVAL,
				              "--session cần mã số của một phiên họp (số nguyên dương), "
				              "không phải “%s”.",
				              r < 0 ? "" : rp_quote(v, q));
			o->session_id = n;
		} else if ((allowed & OPT_DECISION) && (r = args_option(argc, argv, &i, "--decision", &v))) {
			if (r < 0 || !*v)
				return rp_say(
				    ctx, DH_EINVAL,
				    "--decision cần mã số hoặc số của một quyết định (ví dụ 15/QĐ-TTr).");
			o->decision_id = 0;
			o->decision_number = NULL;
			if (!rp_number(v, 1, UINT64_MAX / 2, &o->decision_id))
				o->decision_number = v;
		} else if ((allowed & OPT_DEPARTMENT) &&
		           (r = args_option(argc, argv, &i, "--department", &v))) {
			if (r < 0 || !*v)
				return rp_say(ctx, DH_EINVAL,
				              "--department cần mã đơn vị trong cấu hình (ví dụ nv1).");
			o->department = v;
		} else if ((allowed & OPT_KIND) && (r = args_option(argc, argv, &i, "--kind", &v))) {
			if (r == 1 && strcmp(v, "preliminary") == 0)
				o->review_kind = DH_REVIEW_PRELIMINARY;
			else if (r == 1 && strcmp(v, "final") == 0)
				o->review_kind = DH_REVIEW_FINAL;
			else
				return rp_say(
				    ctx, DH_EINVAL,
				    "--kind là preliminary (sơ kết) hoặc final (tổng kết), không phải “%s”.",
				    r < 0 ? "" : rp_quote(v, q));
		} else {
			return rp_say(ctx, DH_EINVAL,
			              "report %s không nhận “%s”. Cách dùng: dienhinh report %s %s", name,
			              rp_quote(argv[i], q), name, report_table[kind].usage);
		}
	}
	return 0;
}

/* --- entry points ------------------------------------------------------------- */

int report_format_from_name(const char *name)
{
	static const char *const names[] = {"md", "docx", "pdf"};
	for (int i = 0; name && i < 3; i++)
		if (strcmp(names[i], name) == 0)
			return i;
	return -1;
}

const char *report_format_ext(int format)
{
	return format == DH_FORMAT_DOCX ? "docx" : format == DH_FORMAT_PDF ? "pdf" : "md";
}

int report_build(dh_ctx *ctx, int kind, const dh_report_opts *o, dh_doc **doc, char **stem)
{
	*doc = NULL;
	if (stem)
		*stem = NULL;
	ctx->message[0] = '\0';
	ctx->field[0] = '\0';
	if (kind < 0 || kind >= DH_REPORT__COUNT)
		return rp_say(ctx, DH_EINVAL, "Không có văn bản này.");
	if (!ctx->person) {
		char q[64];
		return rp_say(ctx, DH_EPERM,
		              "Chỉ người có tên trong cấu hình mới được lập văn bản; “%s” chỉ được tra cứu.",
		              rp_quote(ctx->login ? ctx->login : "?", q));
	}
	rp_doc d = {.ctx = ctx, .cfg = ctx->cfg, .year = o->year ? o->year : ctx->cfg->plan.year};
	if (!(d.doc = doc_new()))
		return DH_ENOMEM;
	const dh_documents *dc = &ctx->cfg->documents;
	if (dc->top_mm > 0) {
		d.doc->page.top_mm = dc->top_mm;
		d.doc->page.bottom_mm = dc->bottom_mm;
		d.doc->page.left_mm = dc->left_mm;
		d.doc->page.right_mm = dc->right_mm;
	}
	if (dc->font_pt > 0)
		d.doc->page.body_pt = dc->font_pt;
	int rc;
	switch (kind) {
	case DH_REPORT_MINUTES: rc = rp_minutes(&d, o); break;
	case DH_REPORT_BALLOT: rc = rp_ballot(&d, o); break;
	case DH_REPORT_PROPOSAL: rc = rp_proposal(&d, o); break;
	case DH_REPORT_REGISTRATIONS: rc = rp_registrations(&d, o); break;
	case DH_REPORT_DECISION: rc = rp_decision(&d, o); break;
	default: rc = rp_review(&d, o); break;
	}
	rp_vec_free(&d.cands, DH_R_CANDIDATE);
	if (!rc)
		rc = doc_error(d.doc);
	if (!rc && stem && !(*stem = strdup(d.stem)))
		rc = DH_ENOMEM;
	if (rc) {
		doc_free(d.doc);
		return rc;
	}
	*doc = d.doc;
	return 0;
}

int report_document(dh_ctx *ctx, int kind, const dh_report_opts *o, FILE *out)
{
	dh_doc *doc;
	int rc = report_build(ctx, kind, o, &doc, NULL);
	if (rc)
		return rc;
	/* The whole text first: a full disk never leaves half a document on
	 * standard output's file. */
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem) {
		doc_free(doc);
		return DH_ENOMEM;
	}
	rc = doc_md_write(doc, mem);
	if (fclose(mem) != 0 && !rc)
		rc = DH_ENOMEM;
	doc_free(doc);
	if (!rc && len && fwrite(buf, 1, len, out) != len)
		rc = rp_say(ctx, DH_EIO, "Không ghi được văn bản ra tệp.");
	if (!rc && (fflush(out) != 0 || ferror(out)))
		rc = rp_say(ctx, DH_EIO, "Không ghi được văn bản ra tệp.");
	free(buf);
	return rc;
}

/* The home folder: $HOME, else the password database's (a login shell
 * over SSH always has one, a cron job may not). */
static const char *rp_home(void)
{
	const char *home = getenv("HOME");
	if (home && *home)
		return home;
	const struct passwd *pw = getpwuid(getuid());
	return pw && pw->pw_dir && *pw->pw_dir ? pw->pw_dir : NULL;
}

/* FOLDER with a leading "~/" made the home folder, and made when missing
 * (its parents too); DH_ENOMEM, or DH_EIO with ctx->message. */
static int rp_folder(dh_ctx *ctx, const char *folder, char **out)
{
	*out = NULL;
	const char *home = folder[0] == '~' && (folder[1] == '/' || !folder[1]) ? rp_home() : NULL;
	char *path = NULL;
	if (home && asprintf(&path, "%s%s", home, folder + 1) < 0)
		path = NULL;
	else if (!home)
		path = strdup(folder);
	if (!path)
		return DH_ENOMEM;
	for (char *p = path + 1;; p++) {
		if (*p != '/' && *p)
			continue;
		char was = *p;
		*p = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST) {
			rp_say(ctx, DH_EIO, "Không tạo được thư mục %.120s: %s.", path, strerror(errno));
			free(path);
			return DH_EIO;
		}
		*p = was;
		if (!was)
			break;
	}
	*out = path;
	return 0;
}

int report_new_file(dh_ctx *ctx, const char *folder, const char *stem, const char *ext, char **path)
{
	char *dir = NULL, *name = NULL;
	*path = NULL;
	int rc = folder && *folder ? rp_folder(ctx, folder, &dir) : 0;
	/* A name of its own: a document exported before may have been edited
	 * in Word since, so it is never overwritten (-2, -3, ... instead). */
	for (int n = 1; !rc && n < 1000; n++) {
		char suffix[16] = "";
		if (n > 1)
			snprintf(suffix, sizeof(suffix), "-%d", n);
		free(name);
		if (asprintf(&name, "%s%s%s%s.%s", dir ? dir : "", dir ? "/" : "", stem, suffix, ext) < 0) {
			name = NULL;
			rc = DH_ENOMEM;
		} else if (access(name, F_OK) != 0) {
			*path = name;
			name = NULL;
			break;
		}
	}
	if (!rc && !*path)
		rc = rp_say(ctx, DH_EIO, "Thư mục %.120s đã có 999 bản của %.60s.%s.", dir ? dir : ".", stem,
		            ext);
	free(name);
	free(dir);
	return rc;
}

int report_save(dh_ctx *ctx, int kind, const dh_report_opts *o, int format, const char *path,
                const char *folder, char *written, size_t written_len)
{
	dh_doc *doc;
	char *stem = NULL, *name = NULL;
	if (written_len)
		written[0] = '\0';
	int rc = report_build(ctx, kind, o, &doc, &stem);
	if (rc)
		return rc;
	if (!path)
		rc = report_new_file(ctx, folder, stem, report_format_ext(format), &name);
	const char *target = path ? path : name;
	char why[sizeof(ctx->message)] = "";
	if (!rc) {
		if (format == DH_FORMAT_DOCX) {
			rc = doc_docx_write(doc, target, why, sizeof(why));
		} else if (format == DH_FORMAT_PDF) {
			rc = doc_pdf_write(doc, target, why, sizeof(why));
		} else {
			FILE *f = fopen(target, "we");
			rc = f ? doc_md_write(doc, f) : DH_EIO;
			if (f && fclose(f) != 0 && !rc)
				rc = DH_EIO;
			if (rc)
				snprintf(why, sizeof(why), "Không ghi được tệp %.120s: %s", target,
				         strerror(errno));
		}
		if (rc == DH_EIO)
			rp_say(ctx, DH_EIO, "%s.", why[0] ? why : "Không ghi được văn bản ra tệp");
	}
	if (!rc && written_len)
		snprintf(written, written_len, "%s", target);
	doc_free(doc);
	free(stem);
	free(name);
	return rc;
}

int report_write(dh_ctx *ctx, const char *name, int argc, char **argv, FILE *out)
{
	ctx->message[0] = '\0';
	ctx->field[0] = '\0';
	int kind = report_from_name(name);
	if (kind < 0) {
		char q[64];
		return rp_say(
		    ctx, DH_EINVAL,
		    "Không có văn bản “%s”: chọn minutes (biên bản họp), ballot (biên bản kiểm "
		    "phiếu), proposal (tờ trình), registrations (tổng hợp đăng ký), decision (quyết "
		    "định) hoặc review (báo cáo sơ kết, tổng kết).",
		    name ? rp_quote(name, q) : "");
	}
	dh_report_opts o;
	int rc = report_parse_args(ctx, kind, argc, argv, &o);
	if (rc)
		return rc;
	return report_document(ctx, kind, &o, out);
}
