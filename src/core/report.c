/* report.c — the plan's documents (report.h): names and options, what the
 * builders share (report_internal.h), and the entry points that build a
 * document and hand it to a writer.
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

int rp_say(dh_ctx *ctx, int err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ctx->message, sizeof(ctx->message), fmt, ap);
	va_end(ap);
	return err;
}

/* What the user typed, fit to quote in a message: at most 60 bytes (whole
 * characters), control characters as '?'. */
const char *rp_quote(const char *s, char buf[64])
{
	size_t n = 0;
	for (; s && s[n] && n < 60; n++)
		buf[n] = (unsigned char)s[n] < 0x20 || s[n] == 0x7f ? '?' : s[n];
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80) /* do not cut a character */
		n--;
	buf[n] = '\0';
	return buf;
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

const char *report_money(int64_t vnd, char buf[32])
{
	char digits[24];
	uint64_t mag = vnd < 0 ? (uint64_t)0 - (uint64_t)vnd : (uint64_t)vnd;
	int n = snprintf(digits, sizeof(digits), "%" PRIu64, mag);
	char *p = buf;
	if (vnd < 0)
		*p++ = '-';
	for (int i = 0; i < n; i++) {
		if (i && (n - i) % 3 == 0)
			*p++ = '.';
		*p++ = digits[i];
	}
	*p = '\0';
	return buf;
}

/* --- loading ----------------------------------------------------------------- */

int rp_push(rp_vec *l, void *rec)
{
	int rc = buf_reserve(&l->v, &l->cap, l->n + 1, sizeof(*l->v));
	if (rc)
		return rc;
	l->v[l->n++] = rec;
	return 0;
}

static int rp_by_offset(const void *a, const void *b, void *offset)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	int kx, ky;
	memcpy(&kx, x + *(const size_t *)offset, sizeof kx);
	memcpy(&ky, y + *(const size_t *)offset, sizeof ky);
	if (kx != ky)
		return kx < ky ? -1 : 1;
	uint64_t ix = ((const dh_meta *)(const void *)x)->id, iy = ((const dh_meta *)(const void *)y)->id;
	return ix < iy ? -1 : ix > iy;
}

/* qsort_r must not be given the NULL of an empty vector. */
void rp_sort_by(rp_vec *l, size_t offset)
{
	if (l->n > 1)
		qsort_r(l->v, l->n, sizeof(*l->v), rp_by_offset, &offset);
}

void rp_vec_free(rp_vec *l, dh_rtype type)
{
	for (size_t i = 0; i < l->n; i++)
		record_free(type, l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

typedef struct rp_collect_job {
	rp_vec *out;
	dh_rtype type;
	rp_keep_fn keep;
	const void *arg;
} rp_collect_job;

static int rp_collect_cb(const void *rec, void *p)
{
	rp_collect_job *j = p;
	if (j->keep && !j->keep(rec, j->arg))
		return 0;
	void *copy = record_dup(j->type, rec);
	if (!copy)
		return DH_ENOMEM;
	int rc = rp_push(j->out, copy);
	if (rc)
		record_free(j->type, copy);
	return rc;
}

int rp_collect(dh_store *st, dh_rtype type, rp_keep_fn keep, const void *arg, rp_vec *out)
{
	rp_collect_job j = {out, type, keep, arg};
	return repo_each(st, type, rp_collect_cb, &j);
}

int rp_collect_children(dh_store *st, dh_rtype type, uint64_t parent, rp_keep_fn keep, const void *arg,
                        rp_vec *out)
{
	rp_collect_job j = {out, type, keep, arg};
	return repo_children(st, type, parent, rp_collect_cb, &j);
}

bool rp_live(const void *rec, const void *arg)
{
	(void)arg;
	return !((const dh_meta *)rec)->deleted;
}

bool rp_of_year(const void *rec, const void *arg)
{
	const rp_year *y = arg;
	int year;
	memcpy(&year, (const char *)rec + y->offset, sizeof year);
	return !((const dh_meta *)rec)->deleted && year == y->year;
}

bool rp_activity_in_year(const void *rec, const void *arg)
{
	const dh_activity *a = rec;
	return !a->meta.deleted && a->date / 10000 == *(const int *)arg;
}

bool rp_candidate_honoured(const void *rec, const void *arg)
{
	const dh_candidate *c = rec;
	return !c->meta.deleted && c->year == *(const int *)arg &&
	       (c->stage == DH_STAGE_RECOGNISED || c->stage == DH_STAGE_AWARDED);
}

/* Candidate ID (read on first use); *OUT NULL when it does not exist.
 * D->cands stays sorted by id: a proposal or a review meets thousands. */
int rp_cand(rp_doc *d, uint64_t id, const dh_candidate **out)
{
	*out = NULL;
	size_t lo = 0, hi = d->cands.v ? d->cands.n : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint64_t at = ((const dh_candidate *)d->cands.v[mid])->meta.id;
		if (at == id) {
			*out = d->cands.v[mid];
			return 0;
		}
		if (at < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	void *rec = NULL;
	int rc = repo_get(d->ctx->store, DH_R_CANDIDATE, id, &rec);
	if (rc == DH_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	if ((rc = rp_push(&d->cands, rec))) {
		record_free(DH_R_CANDIDATE, rec);
		return rc;
	}
	memmove(&d->cands.v[lo + 1], &d->cands.v[lo], (d->cands.n - 1 - lo) * sizeof(*d->cands.v));
	d->cands.v[lo] = rec;
	*out = rec;
	return 0;
}

/* --- building helpers ---------------------------------------------------- */

void rp_text(rp_doc *d, const char *s)
{
	doc_run(d->doc, 0, s);
}

void rp_bold(rp_doc *d, const char *s)
{
	doc_run(d->doc, DOC_BOLD, s);
}

void rp_printf(rp_doc *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	doc_vrunf(d->doc, 0, fmt, ap);
	va_end(ap);
}

void rp_boldf(rp_doc *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	doc_vrunf(d->doc, DOC_BOLD, fmt, ap);
	va_end(ap);
}

void rp_para(rp_doc *d, dh_para_kind kind)
{
	doc_para(d->doc, kind);
}

void rp_line(rp_doc *d, dh_para_kind kind, unsigned style, const char *s)
{
	if (s && !rp_blank(s, strlen(s)))
		doc_line(d->doc, kind, style, s);
}

bool rp_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r' && s[i] != '\n')
			return false;
	return true;
}

void rp_cell(rp_doc *d, const char *s)
{
	doc_cell_text(d->doc, 0, s);
}

void rp_cell_or(rp_doc *d, const char *s, const char *dash)
{
	doc_cell_text(d->doc, 0, s && *s && !rp_blank(s, strlen(s)) ? s : dash);
}

void rp_figures(rp_doc *d, const rp_figure *f, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		rp_text(d, f[i].before);
		rp_boldf(d, "%d", f[i].n);
	}
}

void rp_cellf(rp_doc *d, const char *fmt, ...)
{
	doc_cell(d->doc);
	va_list ap;
	va_start(ap, fmt);
	doc_vrunf(d->doc, 0, fmt, ap);
	va_end(ap);
}

void rp_cand_name(rp_doc *d, const dh_candidate *c, uint64_t id)
{
	if (c)
		rp_text(d, c->name && *c->name ? c->name : "(không tên)");
	else
		rp_printf(d, "(hồ sơ #%" PRIu64 " không còn)", id);
}

const char *rp_date_words(int ymd, char buf[48])
{
	if (!date_valid(ymd))
		snprintf(buf, 48, "ngày … tháng … năm …");
	else
		snprintf(buf, 48, "ngày %02d tháng %02d năm %d", ymd % 100, ymd / 100 % 100, ymd / 10000);
	return buf;
}

const char *rp_date(int ymd, char buf[11])
{
	if (!date_valid(ymd)) {
		snprintf(buf, 11, "—");
		return buf;
	}
	return date_vn(ymd, buf);
}

/* The place of the date line: config's `organization.place`, else the
 * province of "Thanh tra tỉnh Hà Tĩnh" ("Hà Tĩnh"); NULL when neither says. */
static const char *rp_place(const dh_config *cfg)
{
	static const char *const prefixes[] = {"Thanh tra tỉnh ", "Thanh tra thành phố ", "Thanh tra Tỉnh ",
	                                       "Thanh tra Thành phố "};
	if (cfg->organization.place && *cfg->organization.place)
		return cfg->organization.place;
	const char *name = cfg->organization.name;
	for (size_t i = 0; name && i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		size_t n = strlen(prefixes[i]);
		if (strncmp(name, prefixes[i], n) == 0 && name[n])
			return name + n;
	}
	return NULL;
}

const char *rp_place_date(const dh_config *cfg, int ymd, char buf[160])
{
	char words[48];
	const char *place = rp_place(cfg);
	rp_date_words(ymd, words);
	if (place)
		snprintf(buf, 160, "%s, %s", place, words);
	else
		snprintf(buf, 160, "N%s", words + 1); /* "Ngày …": the line starts with it */
	return buf;
}

/* The head's title as it signs: config's `organization.title`, else the
 * chief's position, else "Chánh Thanh tra". */
static const char *rp_head_title(const dh_config *cfg)
{
	if (cfg->organization.title && *cfg->organization.title)
		return cfg->organization.title;
	const dh_person *chief = rp_person_with(cfg, DH_ROLE_CHIEF);
	return chief && chief->position && *chief->position ? chief->position : "Chánh Thanh tra";
}

const char *rp_head_of(const dh_config *cfg, char buf[200])
{
	const char *name = cfg->organization.name;
	if (name && strncmp(name, "Thanh tra", 9) == 0 && strcmp(rp_head_title(cfg), "Chánh Thanh tra") == 0)
		snprintf(buf, 200, "Chánh %s", name);
	else
		snprintf(buf, 200, "%s", rp_head_title(cfg));
	return buf;
}

const char *rp_person_name(const dh_config *cfg, const char *login)
{
	const dh_person *p = login ? config_person(cfg, login) : NULL;
	return p ? p->name : login;
}

const char *rp_dept_name(const dh_config *cfg, const char *id)
{
	const dh_department *dep = id ? config_department(cfg, id) : NULL;
	return dep ? dep->name : id;
}

const char *rp_member_with(const dh_config *cfg, unsigned role)
{
	for (size_t i = 0; i < cfg->council.n_members; i++)
		if (cfg->council.members[i].role == role)
			return cfg->council.members[i].login;
	return NULL;
}

const dh_person *rp_person_with(const dh_config *cfg, unsigned role)
{
	for (size_t i = 0; i < cfg->n_people; i++)
		if (cfg->people[i].roles & role)
			return &cfg->people[i];
	return NULL;
}

/* The ký hiệu of document kind CODE ("QĐ-TTr"). */
static const char *rp_code(const dh_config *cfg, int code)
{
	const char *c = code >= 0 && code < DH_DOC_CODES ? cfg->documents.codes[code] : NULL;
	return c && *c ? c : NULL;
}

void rp_header(rp_doc *d, const char *parent, const char *issuer, const char *number, int code, int date)
{
	char num[160], place_date[160];
	const char *kh = rp_code(d->cfg, code);
	if (number && *number)
		/* NĐ 30: a number below 10 is written with its leading 0 ("Số: 05/QĐ-TTr"). */
		snprintf(num, sizeof(num), "%s%s",
		         number[0] >= '1' && number[0] <= '9' && number[1] == '/' ? "0" : "", number);
	else if (kh)
		snprintf(num, sizeof(num), "……/%s", kh); /* the văn thư numbers it when issuing */
	else
		num[0] = '\0';
	doc_set_header(d->doc, parent, issuer, num[0] ? num : NULL,
	               date ? rp_place_date(d->cfg, date, place_date) : NULL);
}

void rp_org_header(rp_doc *d, const char *number, int code, int date)
{
	const dh_config *cfg = d->cfg;
	const char *parent = cfg->organization.parent_short && *cfg->organization.parent_short
	                         ? cfg->organization.parent_short
	                         : cfg->organization.parent;
	rp_header(d, parent, cfg->organization.name, number, code, date);
}

void rp_sign_with_recipients(rp_doc *d, const dh_doc_signer *signer, int code)
{
	const dh_config *cfg = d->cfg;
	size_t n = code >= 0 && code < DH_DOC_CODES ? cfg->documents.n_recipients[code] : 0;
	if (n) {
		doc_sign(d->doc, NULL, signer, (const char *const *)cfg->documents.recipients[code], n);
		return;
	}
	static const char *const keep[] = {"Lưu: VT, TĐKT"};
	doc_sign(d->doc, NULL, signer, keep, 1);
}

void rp_sign_for_org(rp_doc *d, const char *login, int code)
{
	const dh_config *cfg = d->cfg;
	const dh_person *p = login ? config_person(cfg, login) : NULL;
	if (!p)
		p = rp_person_with(cfg, DH_ROLE_CHIEF);
	char *head = doc_upper(rp_head_title(cfg));
	char *own = p && p->position ? doc_upper(p->position) : NULL;
	dh_doc_signer s = {.title = head, .name = p ? p->name : NULL};
	char authority[200];
	if (p && !(p->roles & DH_ROLE_CHIEF) && own && head && strcmp(own, head) != 0) {
		/* A deputy signs for the head: "KT. CHÁNH THANH TRA / PHÓ CHÁNH THANH TRA". */
		snprintf(authority, sizeof(authority), "KT. %s", head);
		s.authority = authority;
		s.title = own;
	}
	rp_sign_with_recipients(d, &s, code);
	free(head);
	free(own);
}

const char *const rp_roman[10] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};

void rp_kind_counts(rp_doc *d, const int n[DH_CANDIDATE_KINDS])
{
	static const char *const words[] = {"cá nhân", "tập thể", "mô hình"};
	bool any = false;
	for (int k = 0; k < DH_CANDIDATE_KINDS; k++) {
		if (!n[k])
			continue;
		rp_printf(d, "%s%d %s", any ? ", " : "", n[k], words[k]);
		any = true;
	}
	if (!any)
		rp_text(d, "không có hồ sơ nào");
}

/* One table of candidates of one kind: IDS[INDEX[0..N)], read already. */
static void rp_cand_table(rp_doc *d, int kind, const uint64_t *ids, const size_t *index, size_t n,
                          const char *note_head, rp_note_fn note, void *arg)
{
	bool person = kind == DH_KIND_INDIVIDUAL;
	dh_doc_col cols[6];
	size_t nc = 0;
	cols[nc++] = (dh_doc_col){"STT", 5, DOC_CENTRE};
	cols[nc++] = (dh_doc_col){kind == DH_KIND_INDIVIDUAL   ? "Họ và tên"
	                          : kind == DH_KIND_COLLECTIVE ? "Tên tập thể"
	                                                       : "Tên mô hình",
	                          14, DOC_LEFT};
	if (person)
		cols[nc++] = (dh_doc_col){"Chức vụ", 10, DOC_LEFT};
	cols[nc++] = (dh_doc_col){"Đơn vị", 12, DOC_LEFT};
	cols[nc++] =
	    (dh_doc_col){kind == DH_KIND_MODEL ? "Nội dung mô hình" : "Thành tích, sáng kiến", 18, DOC_LEFT};
	if (note_head)
		cols[nc++] = (dh_doc_col){note_head, 9, DOC_LEFT};
	doc_table(d->doc, cols, nc);
	for (size_t i = 0; i < n; i++) {
		const dh_candidate *c;
		rp_cand(d, ids[index[i]], &c);
		doc_row(d->doc, false);
		rp_cellf(d, "%zu", i + 1);
		doc_cell(d->doc);
		rp_cand_name(d, c, ids[index[i]]);
		if (person)
			rp_cell_or(d, c ? c->position : NULL, "");
		rp_cell_or(d, c ? rp_dept_name(d->cfg, c->department) : NULL, "");
		rp_cell_or(d, c ? c->title : NULL, "");
		if (note_head) {
			doc_cell(d->doc);
			note(d, index[i], arg);
		}
	}
}

int rp_by_kind(rp_doc *d, const uint64_t *ids, size_t n, const char *note_head, rp_note_fn note, void *arg)
{
	static const char *const heads[] = {"Cá nhân", "Tập thể", "Mô hình"};
	size_t *index = calloc(n ? n : 1, sizeof(*index));
	if (!index)
		return DH_ENOMEM;
	int section = 0;
	for (int k = 0; k < DH_CANDIDATE_KINDS; k++) {
		size_t m = 0;
		for (size_t i = 0; i < n; i++) {
			const dh_candidate *c;
			rp_cand(d, ids[i], &c);
			int kind =
			    c && c->kind >= 0 && c->kind < DH_CANDIDATE_KINDS ? c->kind : DH_KIND_INDIVIDUAL;
			if (kind == k)
				index[m++] = i;
		}
		if (!m)
			continue;
		rp_para(d, DOC_P_HEAD1);
		rp_printf(d, "%s. %s (%zu)", rp_roman[section++], heads[k], m);
		rp_cand_table(d, k, ids, index, m, note_head, note, arg);
	}
	free(index);
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
