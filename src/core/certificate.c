/* certificate.c — the texts of the Giấy khen of an award decision
 * (certificate.h); doc_cert.c puts them on the page.
 *
 * Everything is read and every text made before the file is begun, so a
 * refusal leaves no file behind. */
#include "dienhinh/certificate.h"

#include "dienhinh/buf.h"
#include "dienhinh/date.h"
#include "dienhinh/doc.h"
#include "dienhinh/doc_cert.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/report.h"
#include "dienhinh/repo.h"
#include "dienhinh/snapshot.h"
#include "dienhinh/utf8.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

static int ce_say(dh_ctx *ctx, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int ce_say(dh_ctx *ctx, int err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ctx->message, sizeof(ctx->message), fmt, ap);
	va_end(ap);
	return err;
}

/* What the user typed, fit to quote: at most 60 bytes of whole
 * characters, control characters as '?'. */
static const char *ce_quote(const char *s, char buf[64])
{
	size_t n = 0;
	for (; s && s[n] && n < 60; n++)
		buf[n] = (unsigned char)s[n] < 0x20 || s[n] == 0x7f ? '?' : s[n];
	while (n > 0 && s && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	buf[n] = '\0';
	return buf;
}

/* A whole decimal number from 1 up. */
static bool ce_id(const char *s, uint64_t *out)
{
	if (!s || !*s)
		return false;
	uint64_t v = 0;
	for (const char *p = s; *p; p++) {
		if (*p < '0' || *p > '9' || v > (UINT64_MAX / 2 - 9) / 10)
			return false;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	*out = v;
	return v > 0;
}

/* ---- options ------------------------------------------------------------ */

void certificate_opts_init(dh_cert_opts *o)
{
	memset(o, 0, sizeof *o);
}

void certificate_opts_free(dh_cert_opts *o)
{
	free((void *)o->only);
	o->only = NULL;
	o->n_only = 0;
}

static int ce_push_only(dh_cert_opts *o, size_t *cap, uint64_t id)
{
	uint64_t *v = (uint64_t *)o->only;
	if (buf_reserve(&v, cap, o->n_only + 1, sizeof(*v)))
		return DH_ENOMEM;
	o->only = v;
	v[o->n_only++] = id;
	return 0;
}

static const char ce_usage[] = "dienhinh report certificate [--decision MÃ|SỐ] [--only MÃ...] [--blank]";

int certificate_parse_args(dh_ctx *ctx, int argc, char **argv, dh_cert_opts *o)
{
	char q[64];
	size_t cap = 0;
	certificate_opts_init(o);
	ctx->message[0] = '\0';
	for (int i = 0; i < argc; i++) {
		const char *a = argv[i];
		uint64_t id;
		if (strcmp(a, "--decision") == 0 || strncmp(a, "--decision=", 11) == 0) {
			const char *v = a[10] == '=' ? a + 11 : (i + 1 < argc ? argv[++i] : NULL);
			if (!v || !*v) {
				certificate_opts_free(o);
				return ce_say(
				    ctx, DH_EINVAL,
				    "--decision cần mã số hoặc số của một quyết định (ví dụ 12/QĐ-TTr).");
			}
			o->decision_id = 0;
			o->decision_number = NULL;
			if (!ce_id(v, &o->decision_id))
				o->decision_number = v;
		} else if (strcmp(a, "--only") == 0 || strncmp(a, "--only=", 7) == 0) {
			bool inline_value = a[6] == '=';
			size_t before = o->n_only;
			for (int j = inline_value ? i : i + 1; j < argc; j++) {
				const char *v = j == i ? a + 7 : argv[j];
				if (j != i && strncmp(v, "--", 2) == 0)
					break;
				if (!ce_id(v, &id)) {
					certificate_opts_free(o);
					return ce_say(
					    ctx, DH_EINVAL,
					    "--only cần mã số hồ sơ (số nguyên dương), không phải “%s”.",
					    ce_quote(v, q));
				}
				if (ce_push_only(o, &cap, id)) {
					certificate_opts_free(o);
					return ce_say(ctx, DH_ENOMEM, "Hết bộ nhớ.");
				}
				i = j;
				if (inline_value)
					break;
			}
			if (o->n_only == before) {
				certificate_opts_free(o);
				return ce_say(ctx, DH_EINVAL, "--only cần ít nhất một mã số hồ sơ.");
			}
		} else if (strcmp(a, "--blank") == 0) {
			o->blank = true;
		} else if (strcmp(a, "--format") == 0 || strncmp(a, "--format=", 9) == 0) {
			const char *v = a[8] == '=' ? a + 9 : (i + 1 < argc ? argv[++i] : NULL);
			if (!v || strcmp(v, "pdf") != 0) {
				certificate_opts_free(o);
				return ce_say(ctx, DH_EINVAL,
				              "Giấy khen chỉ in ra PDF (--format pdf), không phải “%s”.",
				              ce_quote(v ? v : "", q));
			}
		} else {
			certificate_opts_free(o);
			return ce_say(ctx, DH_EINVAL, "report certificate không nhận “%s”. Cách dùng: %s",
			              ce_quote(a, q), ce_usage);
		}
	}
	return 0;
}

/* ---- the decision ---------------------------------------------------------- */

typedef struct ce_find {
	const char *number; /* NFC; NULL: the latest award decision of YEAR */
	int year;
	dh_decision *best;
	int err;
} ce_find;

/* Whether A should be preferred to B (B may be NULL): one in force before a
 * revoked one, an award before a recognition (a number found), then the
 * later by date and id. */
static bool ce_better(const dh_decision *a, const dh_decision *b)
{
	if (!b)
		return true;
	if (a->revoked != b->revoked)
		return !a->revoked;
	if ((a->type == DH_DEC_AWARD) != (b->type == DH_DEC_AWARD))
		return a->type == DH_DEC_AWARD;
	if (a->date != b->date)
		return a->date > b->date;
	return a->meta.id > b->meta.id;
}

static int ce_find_cb(const void *rec, void *arg)
{
	const dh_decision *d = rec;
	ce_find *f = arg;
	if (d->meta.deleted)
		return 0;
	if (f->number) {
		if (!decision_number_same(d->number, f->number))
			return 0;
	} else if (d->type != DH_DEC_AWARD || d->year != f->year || d->revoked) {
		return 0;
	}
	if (!ce_better(d, f->best))
		return 0;
	dh_decision *copy = record_dup(DH_R_DECISION, d);
	if (!copy) {
		f->err = DH_ENOMEM;
		return 1;
	}
	if (f->best)
		record_free(DH_R_DECISION, f->best);
	f->best = copy;
	return 0;
}

/* The decision O names (or the plan year's latest award decision). */
static int ce_load_decision(dh_ctx *ctx, const dh_cert_opts *o, dh_decision **out)
{
	char q[64];
	*out = NULL;
	if (o->decision_id) {
		void *rec = NULL;
		int rc = repo_get(ctx->store, DH_R_DECISION, o->decision_id, &rec);
		if (rc == DH_ENOTFOUND || (!rc && ((dh_decision *)rec)->meta.deleted)) {
			record_free(DH_R_DECISION, rec);
			return ce_say(ctx, DH_ENOTFOUND, "Không có quyết định mang mã số %" PRIu64 ".",
			              o->decision_id);
		}
		if (rc)
			return ce_say(ctx, rc, "Không đọc được quyết định: %s", dh_strerror(rc));
		*out = rec;
		return 0;
	}
	ce_find f = {.year = ctx->cfg->plan.year};
	char *number = NULL;
	if (o->decision_number) {
		number = utf8_nfc(o->decision_number);
		if (!number)
			return ce_say(ctx, DH_EINVAL, "Số quyết định không phải văn bản UTF-8.");
		f.number = number;
	}
	int rc = repo_each(ctx->store, DH_R_DECISION, ce_find_cb, &f);
	if (!rc)
		rc = f.err;
	if (rc) {
		free(number);
		record_free(DH_R_DECISION, f.best);
		return ce_say(ctx, rc, "Không đọc được các quyết định: %s", dh_strerror(rc));
	}
	if (!f.best) {
		rc = number ? ce_say(ctx, DH_ENOTFOUND, "Không có quyết định số “%s”.", ce_quote(number, q))
		            : ce_say(ctx, DH_ENOTFOUND, "Chưa có quyết định tặng Giấy khen nào của năm %d.",
		                     f.year);
		free(number);
		return rc;
	}
	free(number);
	*out = f.best;
	return 0;
}

/* ---- texts ------------------------------------------------------------------- */

/* S after PREFIX, its first letter lowered unless it starts a word in
 * capitals ("UBND"): "Đã có thành tích xuất sắc: hoàn thành …". */
static char *ce_after(const char *prefix, const char *s)
{
	int32_t first = 0, second = 0;
	size_t len = strlen(s);
	int n1 = utf8_decode(s, len, &first);
	if (n1 > 0 && (size_t)n1 < len)
		(void)utf8_decode(s + n1, len - (size_t)n1, &second);
	char head[8] = "";
	if (n1 > 0 && !(utf8proc_isupper(second))) {
		int w = utf8_encode(utf8proc_tolower(first), head);
		head[w] = '\0';
		s += n1;
	}
	char *out = NULL;
	if (asprintf(&out, "%s%s%s", prefix, head, s) < 0)
		return NULL;
	return out;
}

static bool ce_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

/* "Hà Tĩnh": config's place, else what follows "tỉnh " or "thành phố " in
 * the organization's name, else the name. */
static const char *ce_place(const dh_config *cfg)
{
	if (cfg->organization.place)
		return cfg->organization.place;
	const char *name = cfg->organization.name ? cfg->organization.name : "";
	static const char *const marks[] = {"tỉnh ", "Tỉnh ", "thành phố ", "Thành phố "};
	for (size_t i = 0; i < sizeof marks / sizeof marks[0]; i++) {
		const char *at = strstr(name, marks[i]);
		if (at && at[strlen(marks[i])])
			return at + strlen(marks[i]);
	}
	return name;
}

static const dh_person *ce_person_with(const dh_config *cfg, unsigned role)
{
	for (size_t i = 0; i < cfg->n_people; i++)
		if (cfg->people[i].roles & role)
			return &cfg->people[i];
	return NULL;
}

/* The texts every page of the decision shares. */
typedef struct ce_common {
	char *decision;     /* "Quyết định số 12/QĐ-TTr ngày 30/11/2021" */
	char *place_date;   /* "Hà Tĩnh, ngày 30 tháng 11 năm 2021" */
	char *signer_title; /* "CHÁNH THANH TRA" or "KT. CHÁNH THANH TRA\nPHÓ CHÁNH THANH TRA" */
	const char *signer_name;
} ce_common;

static void ce_common_free(ce_common *c)
{
	free(c->decision);
	free(c->place_date);
	free(c->signer_title);
}

static int ce_common_make(const dh_config *cfg, const dh_decision *dec, ce_common *c)
{
	char date[11];
	const char *number = dec->number && *dec->number ? dec->number : "……";
	int d = dec->date;
	if (asprintf(&c->decision, "Quyết định số %s ngày %s", number, d ? date_vn(d, date) : "…/…/…") < 0)
		c->decision = NULL;
	if (d ? asprintf(&c->place_date, "%s, ngày %02d tháng %02d năm %d", ce_place(cfg), d % 100,
	                 d / 100 % 100, d / 10000) < 0
	      : asprintf(&c->place_date, "%s, ngày … tháng … năm …", ce_place(cfg)) < 0)
		c->place_date = NULL;

	const dh_person *chief = ce_person_with(cfg, DH_ROLE_CHIEF);
	const dh_person *signer = dec->signer ? config_person(cfg, dec->signer) : NULL;
	if (!signer)
		signer = chief;
	const char *head = cfg->organization.title    ? cfg->organization.title
	                   : chief && chief->position ? chief->position
	                                              : "Chánh Thanh tra";
	char *head_up = doc_upper(head);
	if (signer && (signer->roles & DH_ROLE_LEADER) && !(signer->roles & DH_ROLE_CHIEF)) {
		/* A deputy signs for the head: KT. (ký thay) over the deputy's own title. */
		char *own = NULL;
		if (signer->position)
			own = doc_upper(signer->position);
		else if (head_up && asprintf(&own, "PHÓ %s", head_up) < 0)
			own = NULL;
		if (!head_up || !own || asprintf(&c->signer_title, "KT. %s\n%s", head_up, own) < 0)
			c->signer_title = NULL;
		free(own);
		free(head_up);
	} else {
		c->signer_title = head_up;
	}
	c->signer_name = signer ? signer->name : NULL;
	return c->decision && c->place_date && c->signer_title ? 0 : DH_ENOMEM;
}

/* One certificate's own texts. */
typedef struct ce_texts {
	char *position, *unit, *achievement, *book;
} ce_texts;

static void ce_texts_free(ce_texts *t)
{
	free(t->position);
	free(t->unit);
	free(t->achievement);
	free(t->book);
}

static int ce_texts_make(const dh_config *cfg, const dh_candidate *c, size_t order, ce_texts *t)
{
	memset(t, 0, sizeof *t);
	const char *org = cfg->organization.name ? cfg->organization.name : "";
	const dh_department *dep = c->department ? config_department(cfg, c->department) : NULL;
	const char *dname = dep && dep->name ? dep->name : NULL;
	/* The leadership is not a unit of its own; a collective named after
	 * its department is that unit. */
	bool org_only = !dname || ce_starts_with(dname, "Ban lãnh đạo") ||
	                (c->kind == DH_KIND_COLLECTIVE && c->name && strstr(c->name, dname));
	int rc = org_only ? asprintf(&t->unit, "%s", org) : asprintf(&t->unit, "%s, %s", dname, org);
	if (rc < 0)
		t->unit = NULL;
	if (c->kind == DH_KIND_INDIVIDUAL && c->position && *c->position &&
	    !(t->position = strdup(c->position)))
		return DH_ENOMEM;

	const char *title = c->title && *c->title ? c->title : NULL;
	if (title && ce_starts_with(title, "Đã "))
		t->achievement = strdup(title);
	else if (title && c->kind == DH_KIND_MODEL) {
		char prefix[160];
		snprintf(prefix, sizeof prefix,
		         "Mô hình tiêu biểu, điển hình tiên tiến xuất sắc năm %d: ", c->year);
		t->achievement = ce_after(prefix, title);
	} else if (title)
		t->achievement = ce_after("Đã có thành tích xuất sắc: ", title);
	else
		t->achievement = ce_after("Đã có thành tích xuất sắc trong thực hiện ",
		                          cfg->plan.title ? cfg->plan.title : "kế hoạch năm");
	if (asprintf(&t->book, "Số sổ vàng: %zu", order) < 0)
		t->book = NULL;
	return t->unit && t->achievement && t->book ? 0 : DH_ENOMEM;
}

/* ---- writing ----------------------------------------------------------------- */

static bool ce_has(const uint64_t *v, size_t n, uint64_t id)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == id)
			return true;
	return false;
}

int certificate_write(dh_ctx *ctx, const dh_cert_opts *o, const char *path, int *pages)
{
	char q[64];
	if (pages)
		*pages = 0;
	ctx->message[0] = '\0';
	ctx->field[0] = '\0';
	if (!ctx->person)
		return ce_say(ctx, DH_EPERM,
		              "Chỉ người có tên trong cấu hình mới được in Giấy khen; “%s” chỉ được tra cứu.",
		              ce_quote(ctx->login ? ctx->login : "?", q));
	dh_decision *dec = NULL;
	int rc = ce_load_decision(ctx, o, &dec);
	if (rc || !dec)
		return rc ? rc : DH_ENOTFOUND;
	/* The signer, the names and the plan as the decision was made. */
	dh_held held;
	if ((rc = held_open_decision(&held, ctx->cfg, dec))) {
		record_free(DH_R_DECISION, dec);
		return rc;
	}
	const dh_config *cfg = &held.cfg;
	const char *number = dec->number && *dec->number ? ce_quote(dec->number, q) : "(chưa có số)";
	dh_candidate **cands = NULL;
	dh_cert_page *sheet = NULL;
	ce_texts *texts = NULL;
	ce_common common = {0};
	size_t n = 0;

	if (dec->type != DH_DEC_AWARD) {
		rc = ce_say(ctx, DH_ENOTFOUND,
		            "Quyết định số %s là quyết định công nhận, không phải quyết định tặng Giấy khen.",
		            number);
		goto done;
	}
	if (dec->revoked) {
		rc = ce_say(ctx, DH_EINVAL, "Quyết định số %s đã bị thu hồi: không in Giấy khen.", number);
		goto done;
	}
	if (dec->candidates.n == 0) {
		rc = ce_say(ctx, DH_EINVAL,
		            "Quyết định số %s chưa có tập thể, cá nhân, mô hình nào được khen: không có Giấy "
		            "khen để in.",
		            number);
		goto done;
	}
	for (size_t i = 0; i < o->n_only; i++) {
		if (!idlist_has(&dec->candidates, o->only[i])) {
			rc = ce_say(ctx, DH_ENOTFOUND,
			            "Hồ sơ mã số %" PRIu64 " không có trong Quyết định số %s: không in.",
			            o->only[i], number);
			goto done;
		}
	}
	cands = calloc(dec->candidates.n, sizeof(dh_candidate *));
	sheet = calloc(dec->candidates.n, sizeof *sheet);
	texts = calloc(dec->candidates.n, sizeof *texts);
	if (!cands || !sheet || !texts || ce_common_make(cfg, dec, &common)) {
		rc = ce_say(ctx, DH_ENOMEM, "Hết bộ nhớ.");
		goto done;
	}
	for (size_t i = 0; i < dec->candidates.n; i++) {
		uint64_t id = dec->candidates.v[i];
		if (o->n_only && !ce_has(o->only, o->n_only, id))
			continue;
		void *rec = NULL;
		rc = repo_get(ctx->store, DH_R_CANDIDATE, id, &rec);
		if (rc) {
			rc =
			    ce_say(ctx, rc, "Không đọc được hồ sơ mã số %" PRIu64 " của Quyết định số %s: %s",
			           id, number, dh_strerror(rc));
			goto done;
		}
		cands[n] = rec;
		/* the Số sổ vàng is the order in the decision, whatever is printed */
		if (ce_texts_make(cfg, cands[n], i + 1, &texts[n])) {
			n++;
			rc = ce_say(ctx, DH_ENOMEM, "Hết bộ nhớ.");
			goto done;
		}
		dh_cert_page *p = &sheet[n];
		p->text[DH_CERT_NAME] = cands[n]->name;
		p->text[DH_CERT_POSITION] = texts[n].position;
		p->text[DH_CERT_UNIT] = texts[n].unit;
		p->text[DH_CERT_ACHIEVEMENT] = texts[n].achievement;
		p->text[DH_CERT_DECISION] = common.decision;
		p->text[DH_CERT_BOOK] = texts[n].book;
		p->text[DH_CERT_PLACE_DATE] = common.place_date;
		p->text[DH_CERT_SIGNER_TITLE] = common.signer_title;
		p->text[DH_CERT_SIGNER_NAME] = common.signer_name;
		n++;
	}
	char why[256];
	rc = doc_cert_write(&cfg->certificate, sheet, n, o->blank, path, why, sizeof why);
	if (rc)
		ce_say(ctx, rc, "%s", why[0] ? why : dh_strerror(rc));
	else if (pages)
		*pages = (int)n;
done:
	for (size_t i = 0; i < n; i++) {
		record_free(DH_R_CANDIDATE, cands[i]);
		ce_texts_free(&texts[i]);
	}
	free(cands);
	free(sheet);
	free(texts);
	ce_common_free(&common);
	held_close(&held);
	record_free(DH_R_DECISION, dec);
	return rc;
}

/* ---- the file's name ------------------------------------------------------------- */

/* S folded to [A-Za-z0-9.-]: marks stripped, đ → d, anything else '-',
 * no two '-' in a row, appended to OUT (SIZE bytes). */
static void ce_ascii(const char *s, char *out, size_t size)
{
	size_t o = strlen(out);
	utf8proc_uint8_t *folded = NULL;
	if (utf8proc_map((const utf8proc_uint8_t *)s, 0, &folded,
	                 UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK) < 0)
		folded = NULL;
	const char *p = folded ? (const char *)folded : s;
	size_t len = strlen(p);
	for (size_t i = 0; i < len && o + 1 < size;) {
		int32_t cp;
		int k = utf8_decode(p + i, len - i, &cp);
		i += k > 0 ? (size_t)k : 1;
		char ch = '-';
		if (cp == 0x0111 || cp == 0x0110)
			ch = cp == 0x0111 ? 'd' : 'D';
		else if ((cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z') || (cp >= '0' && cp <= '9') ||
		         cp == '.')
			ch = (char)cp;
		if (ch == '-' && (o == 0 || out[o - 1] == '-'))
			continue;
		out[o++] = ch;
	}
	while (o > 0 && out[o - 1] == '-')
		o--;
	out[o] = '\0';
	free(folded);
}

char *certificate_default_name(dh_ctx *ctx, const dh_cert_opts *o)
{
	char saved[sizeof ctx->message];
	memcpy(saved, ctx->message, sizeof saved);
	dh_decision *dec = NULL;
	char name[160];
	if (ce_load_decision(ctx, o, &dec) == 0 && dec) {
		snprintf(name, sizeof name, "giay-khen-%d-", dec->year ? dec->year : ctx->cfg->plan.year);
		if (dec->number && *dec->number)
			ce_ascii(dec->number, name, sizeof name - 8);
		else
			snprintf(name + strlen(name), sizeof name - strlen(name), "%" PRIu64, dec->meta.id);
	} else {
		snprintf(name, sizeof name, "giay-khen-%d", ctx->cfg->plan.year);
	}
	record_free(DH_R_DECISION, dec);
	memcpy(ctx->message, saved, sizeof saved);
	size_t len = strlen(name);
	while (len > 0 && name[len - 1] == '-')
		name[--len] = '\0';
	char *out = NULL;
	return asprintf(&out, "%s.pdf", name) < 0 ? NULL : out;
}

int certificate_save(dh_ctx *ctx, const dh_cert_opts *o, const char *folder, char *written,
                     size_t written_len, int *pages)
{
	if (written_len)
		written[0] = '\0';
	char *name = certificate_default_name(ctx, o), *path = NULL;
	if (!name)
		return DH_ENOMEM;
	char *dot = strrchr(name, '.');
	if (dot)
		*dot = '\0'; /* the stem: report_new_file() adds the extension */
	int rc = report_new_file(ctx, folder, name, "pdf", &path);
	free(name);
	if (!rc)
		rc = certificate_write(ctx, o, path, pages);
	if (!rc && written_len)
		snprintf(written, written_len, "%s", path);
	free(path);
	return rc;
}
