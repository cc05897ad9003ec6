/* report_doc.c — what every document of the plan is made of
 * (report_internal.h): messages, the records a document loads, its text,
 * tables and names, the state's header and signature blocks, the
 * nominees by kind. The builders (report_council.c, report_office.c) and
 * the entry points (report.c) use these; these use none of them. */
#include "dienhinh/report.h"

#include "dienhinh/buf.h"
#include "dienhinh/date.h"
#include "dienhinh/doc.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/utf8.h"
#include "report_internal.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* --- messages -------------------------------------------------------------- */

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

/* --- money ------------------------------------------------------------------ */

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

const dh_candidate *rp_cand_row(rp_doc *d, uint64_t id, size_t n)
{
	const dh_candidate *c;
	rp_cand(d, id, &c);
	doc_row(d->doc, false);
	rp_cellf(d, "%zu", n);
	doc_cell(d->doc);
	rp_cand_name(d, c, id);
	return c;
}

void rp_item_note(rp_doc *d, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	rp_para(d, DOC_P_ITEM);
	rp_text(d, label);
	rp_text(d, text);
	rp_text(d, ".");
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
		const dh_candidate *c = rp_cand_row(d, ids[index[i]], i + 1);
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
