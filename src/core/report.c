/* report.c — the plan's documents as Markdown in Vietnamese (report.h).
 *
 * Each document has two halves: a loading half that reads every record it
 * needs into memory (copies, so that no read transaction is open while the
 * next one starts) and may refuse, and a writing half that only prints.
 * All user text goes through report_md(); numbers, dates and our own
 * sentences are printed as they are. */
#include "dienhinh/report.h"

#include "dienhinh/council.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/stats.h"
#include "dienhinh/utf8.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

/* --- names and options --------------------------------------------------- */

enum {
	OPT_YEAR = 1u << 0,
	OPT_SESSION = 1u << 1,
	OPT_DECISION = 1u << 2,
	OPT_KIND = 1u << 3,
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
    [DH_REPORT_REGISTRATIONS] = {"registrations", "Tổng hợp đăng ký theo đơn vị", "[--year NĂM]", OPT_YEAR},
    [DH_REPORT_DECISION] = {"decision", "Phụ lục kèm theo quyết định", "[--decision ID|SỐ] [--year NĂM]",
                            OPT_DECISION | OPT_YEAR},
    [DH_REPORT_REVIEW] = {"review", "Báo cáo sơ kết, tổng kết", "[--year NĂM] [--kind preliminary|final]",
                          OPT_YEAR | OPT_KIND},
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

static int rp_say(dh_ctx *ctx, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

static int rp_say(dh_ctx *ctx, int err, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(ctx->message, sizeof(ctx->message), fmt, ap);
	va_end(ap);
	return err;
}

/* What the user typed, fit to quote in a message: at most 60 bytes (whole
 * characters), control characters as '?'. */
static const char *rp_quote(const char *s, char buf[64])
{
	size_t n = 0;
	for (; s && s[n] && n < 60; n++)
		buf[n] = (unsigned char)s[n] < 0x20 || s[n] == 0x7f ? '?' : s[n];
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80) /* do not cut a character */
		n--;
	buf[n] = '\0';
	return buf;
}

/* "--name VALUE" or "--name=VALUE" at ARGV[*I]: 1 and *VALUE (advancing *I
 * past a separate value), 0 when ARGV[*I] is not that option, -1 when the
 * value is missing. */
static int rp_opt(int argc, char **argv, int *i, const char *name, const char **value)
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
		if ((allowed & OPT_YEAR) && (r = rp_opt(argc, argv, &i, "--year", &v))) {
			if (r < 0 || !rp_number(v, 2000, 2100, &n))
				return rp_say(ctx, DH_EINVAL,
				              "--year cần một năm từ 2000 đến 2100, không phải “%s”.",
				              r < 0 ? "" : rp_quote(v, q));
			o->year = (int)n;
		} else if ((allowed & OPT_SESSION) && (r = rp_opt(argc, argv, &i, "--session", &v))) {
			if (r < 0 || !rp_number(v, 1, UINT64_MAX / 2, &n))
				return rp_say(ctx, DH_EINVAL,
				              "--session cần mã số của một phiên họp (số nguyên dương), "
				              "không phải “%s”.",
				              r < 0 ? "" : rp_quote(v, q));
			o->session_id = n;
		} else if ((allowed & OPT_DECISION) && (r = rp_opt(argc, argv, &i, "--decision", &v))) {
			if (r < 0 || !*v)
				return rp_say(
				    ctx, DH_EINVAL,
				    "--decision cần mã số hoặc số của một quyết định (ví dụ 15/QĐ-TTr).");
			o->decision_id = 0;
			o->decision_number = NULL;
			if (!rp_number(v, 1, UINT64_MAX / 2, &o->decision_id))
				o->decision_number = v;
		} else if ((allowed & OPT_KIND) && (r = rp_opt(argc, argv, &i, "--kind", &v))) {
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

/* --- Markdown text --------------------------------------------------------- */

static const char rp_replacement[] = "\xEF\xBF\xBD"; /* U+FFFD */

static bool rp_is_control(int32_t cp)
{
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f);
}

/* One line of S (no newline inside), escaped; AT_START: the line begins a
 * Markdown line, so a block marker at its head is escaped too. */
static void rp_md_line(FILE *out, const char *s, size_t len, bool at_start)
{
	size_t i = 0;
	if (at_start) {
		while (i < len && (s[i] == ' ' || s[i] == '\t'))
			i++; /* four spaces would make a code block */
		if (i < len && (s[i] == '-' || s[i] == '+' || s[i] == '=' || s[i] == '>')) {
			fputc('\\', out);
		} else if (i < len && s[i] >= '0' && s[i] <= '9') {
			size_t j = i;
			while (j < len && s[j] >= '0' && s[j] <= '9')
				j++;
			if (j < len && (s[j] == '.' || s[j] == ')') && j - i <= 9) {
				fwrite(s + i, 1, j - i, out);
				fputc('\\', out); /* "2021. Năm" is not an ordered list */
				i = j;
			}
		}
	}
	while (i < len) {
		unsigned char ch = (unsigned char)s[i];
		if (ch < 0x80) {
			if (strchr("\\`*_[]<#|~&", ch)) /* '>' only quotes at a line's start */
				fputc('\\', out);
			if (ch == '\r')
				; /* a Windows line end left inside the text */
			else if (ch == '\t')
				fputc(' ', out);
			else if (rp_is_control(ch))
				fputs(rp_replacement, out);
			else
				fputc(ch, out);
			i++;
			continue;
		}
		int32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (n <= 0 || rp_is_control(cp)) {
			fputs(rp_replacement, out);
			i += n > 0 ? (size_t)n : 1;
			continue;
		}
		fwrite(s + i, 1, (size_t)n, out);
		i += (size_t)n;
	}
}

static bool rp_blank(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

void report_md(FILE *out, const char *s, int mode)
{
	if (!s)
		return;
	bool wrote = false, gap = false;
	while (*s) {
		const char *nl = strchr(s, '\n');
		size_t len = nl ? (size_t)(nl - s) : strlen(s);
		size_t used = len;
		while (used > 0 && (s[used - 1] == '\r' || s[used - 1] == ' ' || s[used - 1] == '\t'))
			used--;
		if (mode == REPORT_MD_BLOCK) {
			if (rp_blank(s, used)) {
				gap = wrote;
			} else {
				/* a new paragraph, or a hard line break */
				if (wrote)
					fputs(gap ? "\n\n" : "  \n", out);
				rp_md_line(out, s, used, true);
				wrote = true;
				gap = false;
			}
		} else {
			if (wrote && used)
				fputc(' ', out);
			/* Trailing blanks of the last line stay: they are the caller's text. */
			rp_md_line(out, s, nl ? used : len, false);
			wrote = wrote || used;
		}
		if (!nl)
			break;
		s = nl + 1;
	}
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

/* Records copied out of the store. */
typedef struct rp_vec {
	void **v;
	size_t n, cap;
} rp_vec;

static int rp_push(rp_vec *l, void *rec)
{
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 16;
		void **v = realloc(l->v, cap * sizeof(*v));
		if (!v)
			return DH_ENOMEM;
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = rec;
	return 0;
}

/* qsort, which must not be given the NULL of an empty vector. */
static void rp_sort(rp_vec *l, int (*cmp)(const void *, const void *))
{
	if (l->n > 1)
		qsort(l->v, l->n, sizeof(*l->v), cmp);
}

static void rp_vec_free(rp_vec *l, dh_rtype type)
{
	for (size_t i = 0; i < l->n; i++)
		record_free(type, l->v[i]);
	free(l->v);
	memset(l, 0, sizeof(*l));
}

typedef bool (*rp_keep_fn)(const void *rec, const void *arg);

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

/* Every record of TYPE that KEEP(rec, ARG) wants, in id order. */
static int rp_collect(dh_store *st, dh_rtype type, rp_keep_fn keep, const void *arg, rp_vec *out)
{
	rp_collect_job j = {out, type, keep, arg};
	return repo_each(st, type, rp_collect_cb, &j);
}

static int rp_collect_children(dh_store *st, dh_rtype type, uint64_t parent, rp_keep_fn keep, const void *arg,
                               rp_vec *out)
{
	rp_collect_job j = {out, type, keep, arg};
	return repo_children(st, type, parent, rp_collect_cb, &j);
}

static bool rp_live(const void *rec, const void *arg)
{
	(void)arg;
	return !((const dh_meta *)rec)->deleted;
}

/* Live records whose `year` field is *ARG (the structs keep it right after
 * dh_meta for these types, but we say which field explicitly). */
static bool rp_session_of_year(const void *rec, const void *arg)
{
	const dh_session *s = rec;
	return !s->meta.deleted && s->year == *(const int *)arg;
}

static bool rp_registration_of_year(const void *rec, const void *arg)
{
	const dh_registration *r = rec;
	return !r->meta.deleted && r->year == *(const int *)arg;
}

static bool rp_nil_return_of_year(const void *rec, const void *arg)
{
	const dh_nil_return *r = rec;
	return !r->meta.deleted && r->year == *(const int *)arg;
}

static bool rp_decision_of_year(const void *rec, const void *arg)
{
	const dh_decision *d = rec;
	return !d->meta.deleted && d->year == *(const int *)arg;
}

static bool rp_review_of_year(const void *rec, const void *arg)
{
	const dh_review *r = rec;
	return !r->meta.deleted && r->year == *(const int *)arg;
}

static bool rp_dissemination_of_year(const void *rec, const void *arg)
{
	const dh_dissemination *r = rec;
	return !r->meta.deleted && r->year == *(const int *)arg;
}

static bool rp_activity_in_year(const void *rec, const void *arg)
{
	const dh_activity *a = rec;
	return !a->meta.deleted && a->date / 10000 == *(const int *)arg;
}

static bool rp_candidate_honoured(const void *rec, const void *arg)
{
	const dh_candidate *c = rec;
	return !c->meta.deleted && c->year == *(const int *)arg &&
	       (c->stage == DH_STAGE_RECOGNISED || c->stage == DH_STAGE_AWARDED);
}

/* One document being written: the session, the output, and the candidates
 * read so far (kept by id, read once). */
typedef struct rp_doc {
	dh_ctx *ctx;
	const dh_config *cfg;
	FILE *out;
	int year;
	rp_vec cands; /* dh_candidate *, by id */
} rp_doc;

/* Candidate ID (read on first use); *OUT NULL when it does not exist.
 * D->cands stays sorted by id: a proposal or a review meets thousands. */
static int rp_cand(rp_doc *d, uint64_t id, const dh_candidate **out)
{
	*out = NULL;
	size_t lo = 0, hi = d->cands.n;
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

static void rp_doc_free(rp_doc *d)
{
	rp_vec_free(&d->cands, DH_R_CANDIDATE);
}

/* --- writing helpers ----------------------------------------------------- */

static void rp_text(rp_doc *d, const char *s)
{
	report_md(d->out, s, REPORT_MD_INLINE);
}

static void rp_cell(rp_doc *d, const char *s)
{
	report_md(d->out, s, REPORT_MD_CELL);
}

/* TEXT, or DASH when it is empty. */
static void rp_cell_or(rp_doc *d, const char *s, const char *dash)
{
	if (s && *s && !rp_blank(s, strlen(s)))
		rp_cell(d, s);
	else
		fputs(dash, d->out);
}

static void rp_block(rp_doc *d, const char *s)
{
	report_md(d->out, s, REPORT_MD_BLOCK);
}

static void rp_printf(rp_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void rp_printf(rp_doc *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfprintf(d->out, fmt, ap);
	va_end(ap);
}

static void rp_puts(rp_doc *d, const char *s)
{
	fputs(s, d->out);
}

/* A web address as a Markdown autolink <…>, where backslashes would stay
 * literal: only when every byte is one a URL may hold unescaped (a '|'
 * would end the table cell); anything else is escaped text. */
static void rp_url(rp_doc *d, const char *url)
{
	static const char ok[] = "-._~:/?#[]@!$&'()*+,;=%";
	bool plain = strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0;
	for (const char *p = url; plain && *p; p++)
		plain = (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		        strchr(ok, *p);
	if (plain)
		rp_printf(d, "<%s>", url);
	else
		rp_cell(d, url);
}

/* Upper-case copy of S for a heading ("THANH TRA TỈNH HÀ TĨNH"); NULL on
 * ENOMEM. Invalid bytes are dropped: the copy is only ever escaped text. */
static char *rp_upper(const char *s)
{
	size_t len = s ? strlen(s) : 0;
	char *o = malloc(len * 4 + 1), *p = o;
	if (!o)
		return NULL;
	for (size_t i = 0; i < len;) {
		int32_t cp;
		int n = utf8_decode(s + i, len - i, &cp);
		if (n <= 0) {
			i++;
			continue;
		}
		i += (size_t)n;
		p += utf8_encode((int32_t)utf8proc_toupper(cp), p);
	}
	*p = '\0';
	return o;
}

static void rp_upper_text(rp_doc *d, const char *s)
{
	char *u = rp_upper(s);
	rp_text(d, u ? u : s);
	free(u);
}

/* "ngày 05 tháng 11 năm 2021" ("ngày … tháng … năm …" when unknown). */
static const char *rp_date_words(int ymd, char buf[48])
{
	if (!date_valid(ymd))
		snprintf(buf, 48, "ngày … tháng … năm …");
	else
		snprintf(buf, 48, "ngày %02d tháng %02d năm %d", ymd % 100, ymd / 100 % 100, ymd / 10000);
	return buf;
}

static const char *rp_date(int ymd, char buf[11])
{
	if (!date_valid(ymd)) {
		snprintf(buf, 11, "—");
		return buf;
	}
	return date_vn(ymd, buf);
}

/* The province of "Thanh tra tỉnh Hà Tĩnh" ("Hà Tĩnh"), for the place and
 * date line; NULL when the name does not say. */
static const char *rp_place(const dh_config *cfg)
{
	static const char *const prefixes[] = {"Thanh tra tỉnh ", "Thanh tra thành phố ", "Thanh tra Tỉnh ",
	                                       "Thanh tra Thành phố "};
	const char *name = cfg->organization.name;
	for (size_t i = 0; name && i < sizeof(prefixes) / sizeof(prefixes[0]); i++) {
		size_t n = strlen(prefixes[i]);
		if (strncmp(name, prefixes[i], n) == 0 && name[n])
			return name + n;
	}
	return NULL;
}

/* The person's name for LOGIN, or the login itself. */
static const char *rp_person_name(const dh_config *cfg, const char *login)
{
	const dh_person *p = login ? config_person(cfg, login) : NULL;
	return p ? p->name : login;
}

static const char *rp_dept_name(const dh_config *cfg, const char *id)
{
	const dh_department *dep = id ? config_department(cfg, id) : NULL;
	return dep ? dep->name : id;
}

/* The first council member with council role ROLE. */
static const char *rp_member_with(const dh_config *cfg, unsigned role)
{
	for (size_t i = 0; i < cfg->council.n_members; i++)
		if (cfg->council.members[i].role == role)
			return cfg->council.members[i].login;
	return NULL;
}

/* The first person with role ROLE. */
static const dh_person *rp_person_with(const dh_config *cfg, unsigned role)
{
	for (size_t i = 0; i < cfg->n_people; i++)
		if (cfg->people[i].roles & role)
			return &cfg->people[i];
	return NULL;
}

/* The heading of an administrative document: issuer on the left, the
 * national motto on the right, then the number and the place and date.
 * BODY (the council's name) is the issuing body under the organisation, or
 * NULL when the organisation itself issues. NUMBER may be NULL. */
static void rp_heading(rp_doc *d, const char *body, const char *number, int date)
{
	const dh_config *cfg = d->cfg;
	char words[48];
	rp_puts(d, "| ");
	if (body)
		rp_upper_text(d, cfg->organization.name);
	else {
		rp_puts(d, "**");
		rp_upper_text(d, cfg->organization.name);
		rp_puts(d, "**");
	}
	rp_puts(d, " | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |\n|:---:|:---:|\n| ");
	if (body) {
		rp_puts(d, "**");
		rp_upper_text(d, body);
		rp_puts(d, "**");
	}
	rp_puts(d, " | **Độc lập - Tự do - Hạnh phúc** |\n| ");
	if (number) {
		rp_puts(d, "Số: ");
		rp_cell(d, number);
	}
	rp_puts(d, " | *");
	const char *place = rp_place(cfg);
	rp_date_words(date, words);
	if (place) {
		rp_text(d, place);
		rp_printf(d, ", %s", words);
	} else {
		rp_printf(d, "N%s", words + 1); /* "Ngày …": the line starts with it */
	}
	rp_puts(d, "* |\n\n");
}

/* Signatures side by side: TITLE over "(Ký, ghi rõ họ tên)" over NAME; a
 * side without a NAME is only its TITLE (the list of recipients). */
static void rp_signatures(rp_doc *d, const char *left_title, const char *left_name, const char *right_title,
                          const char *right_name)
{
	rp_printf(d, "\n| %s | %s |\n|:---:|:---:|\n", left_title, right_title);
	rp_printf(d, "| %s | %s |\n", left_name ? "*(Ký, ghi rõ họ tên)*" : "",
	          right_name ? "*(Ký, ghi rõ họ tên)*" : "");
	rp_puts(d, "|   |   |\n|   |   |\n| ");
	if (left_name && *left_name) {
		rp_puts(d, "**");
		rp_cell(d, left_name);
		rp_puts(d, "**");
	}
	rp_puts(d, " | ");
	if (right_name && *right_name) {
		rp_puts(d, "**");
		rp_cell(d, right_name);
		rp_puts(d, "**");
	}
	rp_puts(d, " |\n");
}

static const char *const rp_roman[] = {"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"};

/* "3 cá nhân, 1 tập thể, 2 mô hình" (kinds with none left out). */
static void rp_kind_counts(rp_doc *d, const int n[DH_CANDIDATE_KINDS])
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
		rp_puts(d, "không có hồ sơ nào");
}

/* A candidate's name for a table; a missing record says so. */
static void rp_cand_name(rp_doc *d, const dh_candidate *c, uint64_t id)
{
	if (c)
		rp_cell_or(d, c->name, "(không tên)");
	else
		rp_printf(d, "(hồ sơ #%" PRIu64 " không còn)", id);
}

/* NOTE(d, i, arg) writes the last column for the candidate at position I
 * of the list given to rp_by_kind(). */
typedef void (*rp_note_fn)(rp_doc *d, size_t i, void *arg);

/* One table of candidates of one kind: IDS[INDEX[0..N)], read already. */
static void rp_cand_table(rp_doc *d, int kind, const uint64_t *ids, const size_t *index, size_t n,
                          const char *note_head, rp_note_fn note, void *arg)
{
	bool person = kind == DH_KIND_INDIVIDUAL;
	const char *name_head = kind == DH_KIND_INDIVIDUAL   ? "Họ và tên"
	                        : kind == DH_KIND_COLLECTIVE ? "Tên tập thể"
	                                                     : "Tên mô hình";
	const char *title_head = kind == DH_KIND_MODEL ? "Nội dung mô hình" : "Thành tích, sáng kiến";
	rp_printf(d, "| STT | %s |%s Đơn vị | %s |%s%s%s\n", name_head, person ? " Chức vụ |" : "",
	          title_head, note_head ? " " : "", note_head ? note_head : "", note_head ? " |" : "");
	rp_printf(d, "|---:|---|%s---|---|%s\n", person ? "---|" : "", note_head ? "---|" : "");
	for (size_t i = 0; i < n; i++) {
		const dh_candidate *c;
		rp_cand(d, ids[index[i]], &c);
		rp_printf(d, "| %zu | ", i + 1);
		rp_cand_name(d, c, ids[index[i]]);
		rp_puts(d, " | ");
		if (person) {
			rp_cell_or(d, c ? c->position : NULL, "");
			rp_puts(d, " | ");
		}
		rp_cell_or(d, c ? rp_dept_name(d->cfg, c->department) : NULL, "");
		rp_puts(d, " | ");
		rp_cell_or(d, c ? c->title : NULL, "");
		rp_puts(d, " |");
		if (note_head) {
			rp_puts(d, " ");
			note(d, index[i], arg);
			rp_puts(d, " |");
		}
		rp_puts(d, "\n");
	}
}

/* The candidates IDS[0..N) (read already) grouped by kind under numbered
 * headings, only the kinds that have any; a record that is gone counts as
 * an individual. The position in IDS is what NOTE gets. */
static int rp_by_kind(rp_doc *d, const uint64_t *ids, size_t n, const char *note_head, rp_note_fn note,
                      void *arg)
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
		rp_printf(d, "\n## %s. %s (%zu)\n\n", rp_roman[section++], heads[k], m);
		rp_cand_table(d, k, ids, index, m, note_head, note, arg);
	}
	free(index);
	return 0;
}

/* --- sessions -------------------------------------------------------------- */

static int rp_session_cmp(const void *a, const void *b)
{
	const dh_session *x = *(const dh_session *const *)a, *y = *(const dh_session *const *)b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->meta.id < y->meta.id ? -1 : x->meta.id > y->meta.id;
}

static int rp_item_cmp(const void *a, const void *b)
{
	const dh_vote_item *x = *(const dh_vote_item *const *)a, *y = *(const dh_vote_item *const *)b;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x->meta.id < y->meta.id ? -1 : x->meta.id > y->meta.id;
}

/* The sessions a document is about, oldest first: session ID alone, or
 * every live session of YEAR (ALL) / only its latest (!ALL). */
static int rp_load_sessions(rp_doc *d, uint64_t id, bool all, rp_vec *out)
{
	int rc;
	if (id) {
		void *rec = NULL;
		rc = repo_get(d->ctx->store, DH_R_SESSION, id, &rec);
		if (rc == DH_ENOTFOUND)
			return rp_say(d->ctx, DH_ENOTFOUND,
			              "Không có phiên họp Hội đồng mang mã số %" PRIu64 ".", id);
		if (rc)
			return rc;
		dh_session *s = rec;
		if (s->meta.deleted) {
			rc = rp_say(d->ctx, DH_ENOTFOUND, "Phiên họp mã số %" PRIu64 " đã bị xóa.", id);
			record_free(DH_R_SESSION, rec);
			return rc;
		}
		if ((rc = rp_push(out, rec)))
			record_free(DH_R_SESSION, rec);
		return rc;
	}
	if ((rc = rp_collect(d->ctx->store, DH_R_SESSION, rp_session_of_year, &d->year, out)))
		return rc;
	if (!out->n)
		return rp_say(d->ctx, DH_ENOTFOUND, "Chưa có phiên họp Hội đồng nào của năm %d.", d->year);
	rp_sort(out, rp_session_cmp);
	if (!all) {
		for (size_t i = 0; i + 1 < out->n; i++)
			record_free(DH_R_SESSION, out->v[i]);
		out->v[0] = out->v[out->n - 1];
		out->n = 1;
	}
	return 0;
}

/* The live agenda items of session SID in agenda order, with their
 * candidates read into D. */
static int rp_load_items(rp_doc *d, uint64_t sid, rp_vec *items)
{
	int rc = rp_collect_children(d->ctx->store, DH_R_VOTE_ITEM, sid, rp_live, NULL, items);
	if (rc)
		return rc;
	rp_sort(items, rp_item_cmp);
	for (size_t i = 0; i < items->n && !rc; i++) {
		const dh_candidate *c;
		rc = rp_cand(d, ((dh_vote_item *)items->v[i])->candidate_id, &c);
	}
	return rc;
}

/* --- minutes ------------------------------------------------------------------ */

/* Why LOGIN does not vote on C: the rule of config that put them aside. */
static const char *rp_recusal_why(const dh_config *cfg, const dh_candidate *c, const char *login)
{
	const dh_person *p = config_person(cfg, login);
	if (c && c->name &&
	    (strcmp(login, c->name) == 0 || (p && p->name && utf8_casecmp(p->name, c->name) == 0)))
		return "người được xét";
	if (c && p && c->department && p->department && strcmp(c->department, p->department) == 0)
		return "cùng đơn vị với hồ sơ được xét";
	return "không tham gia biểu quyết";
}

static const char *rp_attendance_words(const dh_council *cn, dh_attendance at)
{
	switch (at) {
	case DH_PRESENT: return "Có mặt";
	case DH_WRITTEN:
		return cn->written_votes_count ? "Vắng mặt, có ý kiến bằng văn bản"
		                               : "Vắng mặt, có ý kiến bằng văn bản (không tính biểu quyết)";
	case DH_ABSENT: break;
	}
	return "Vắng mặt";
}

static void rp_minutes_attendance(rp_doc *d, const dh_session *s)
{
	const dh_council *cn = &d->cfg->council;
	int present = 0, written = 0, members = (int)cn->n_members;
	for (size_t i = 0; i < cn->n_members; i++) {
		dh_attendance at = council_attendance(s, cn->members[i].login);
		present += at == DH_PRESENT;
		written += at == DH_WRITTEN;
	}
	rp_puts(d, "## I. Thành phần tham dự\n\n");
	rp_printf(d, "- Tổng số thành viên Hội đồng: **%d**.\n", members);
	rp_printf(d, "- Có mặt: **%d**; vắng mặt: **%d**", present, members - present);
	if (written)
		rp_printf(d, ", trong đó %d thành viên có ý kiến bằng văn bản (%s)", written,
		          cn->written_votes_count ? "được tính vào kết quả biểu quyết"
		                                  : "không tính vào kết quả biểu quyết theo quy chế");
	rp_puts(d, ".\n\n");
	rp_puts(
	    d,
	    "| STT | Họ và tên | Chức vụ | Chức danh trong Hội đồng | Tham dự |\n|---:|---|---|---|---|\n");
	for (size_t i = 0; i < cn->n_members; i++) {
		const char *login = cn->members[i].login;
		const dh_person *p = config_person(d->cfg, login);
		rp_printf(d, "| %zu | ", i + 1);
		rp_cell_or(d, p ? p->name : login, "");
		rp_puts(d, " | ");
		rp_cell_or(d, p ? p->position : NULL, "");
		rp_printf(d, " | %s | %s |\n", config_role_label(cn->members[i].role),
		          rp_attendance_words(cn, council_attendance(s, login)));
	}
	/* The quorum with its arithmetic, exact as council.h decides it. */
	char pct[16];
	bool quorum = council_has_quorum(cn, present);
	council_percent(present, members, pct, sizeof(pct));
	rp_printf(d,
	          "\n**Số thành viên dự họp: %d/%d = %s %s %d/%d tổng số thành viên Hội đồng (cần ít nhất "
	          "%d) — %s.**\n\n",
	          present, members, pct, quorum ? "≥" : "<", cn->quorum.num, cn->quorum.den,
	          council_quorum_needed(cn),
	          quorum ? "phiên họp đủ điều kiện tiến hành"
	                 : "không đủ số thành viên, Hội đồng không biểu quyết");
}

static void rp_minutes_rules(rp_doc *d, const dh_session *s)
{
	const dh_council *cn = &d->cfg->council;
	char rule[160];
	council_rule_words(cn, rule, sizeof(rule));
	rp_puts(d, "## II. Nguyên tắc bình xét\n\n");
	rp_printf(d, "- Hình thức biểu quyết: %s.\n",
	          s->method == DH_VOTE_SECRET ? "bỏ phiếu kín" : "biểu quyết công khai");
	rp_printf(d, "- Hồ sơ đạt khi số phiếu tán thành %s", rule);
	if (cn->base == DH_BASE_MEMBERS)
		rp_puts(d, " (không tính thành viên không tham gia biểu quyết đối với hồ sơ đó)");
	rp_puts(d, ".\n");
	rp_printf(d, "- Ý kiến bằng văn bản của thành viên vắng mặt: %s.\n",
	          cn->written_votes_count ? "được tính như phiếu biểu quyết" : "không được tính");
	if (cn->recuse_self || cn->recuse_department)
		rp_printf(d, "- Thành viên không biểu quyết đối với hồ sơ %s%s%s.\n",
		          cn->recuse_self ? "của chính mình" : "",
		          cn->recuse_self && cn->recuse_department ? " và hồ sơ " : "",
		          cn->recuse_department ? "của đơn vị mình" : "");
	rp_puts(d, "\n");
}

/* The open vote, member by member. */
static void rp_minutes_open_votes(rp_doc *d, const dh_session *s, const dh_vote_item *it,
                                  const dh_candidate *c)
{
	const dh_council *cn = &d->cfg->council;
	rp_puts(d, "\n| STT | Thành viên | Biểu quyết |\n|---:|---|---|\n");
	for (size_t i = 0; i < cn->n_members; i++) {
		const char *login = cn->members[i].login;
		dh_attendance at = council_attendance(s, login);
		rp_printf(d, "| %zu | ", i + 1);
		rp_cell_or(d, rp_person_name(d->cfg, login), "");
		rp_puts(d, " | ");
		if (council_is_recused(it, login))
			rp_printf(d, "Không tham gia (%s)", rp_recusal_why(d->cfg, c, login));
		else if (at == DH_ABSENT || (at == DH_WRITTEN && !cn->written_votes_count))
			rp_puts(d, "Vắng mặt");
		else {
			dh_vote v = council_vote_of(it, login);
			rp_puts(d, council_vote_label(v));
			if (at == DH_WRITTEN)
				rp_puts(d, " (ý kiến bằng văn bản)");
		}
		rp_puts(d, " |\n");
	}
	rp_puts(d, "\n");
}

static void rp_minutes_item(rp_doc *d, size_t n, const dh_session *s, const dh_vote_item *it)
{
	const dh_council *cn = &d->cfg->council;
	const dh_candidate *c;
	rp_cand(d, it->candidate_id, &c); /* read while loading */
	dh_tally t;
	council_tally(cn, s, it, &t);

	rp_printf(d, "### %zu. ", n);
	if (c)
		rp_text(d, c->name);
	else
		rp_printf(d, "Hồ sơ #%" PRIu64 " (không còn)", it->candidate_id);
	rp_puts(d, "\n\n");
	if (c) {
		rp_printf(d, "- Loại: %s", kind_label(c->kind));
		if (c->kind == DH_KIND_INDIVIDUAL && c->position && *c->position) {
			rp_puts(d, "; chức vụ: ");
			rp_text(d, c->position);
		}
		if (c->department) {
			rp_puts(d, "; đơn vị: ");
			rp_text(d, rp_dept_name(d->cfg, c->department));
		}
		rp_puts(d, ".\n");
		if (c->title && *c->title) {
			rp_puts(d, "- Thành tích, mô hình: ");
			rp_text(d, c->title);
			rp_puts(d, ".\n");
		}
	}
	rp_puts(d, "- Không tham gia biểu quyết: ");
	bool any = false;
	for (size_t i = 0; i < cn->n_members; i++) {
		const char *login = cn->members[i].login;
		if (!council_is_recused(it, login))
			continue;
		rp_puts(d, any ? "; " : "");
		rp_text(d, rp_person_name(d->cfg, login));
		rp_printf(d, " (%s)", rp_recusal_why(d->cfg, c, login));
		any = true;
	}
	rp_puts(d, any ? ".\n" : "không có.\n");
	rp_printf(d, "- Số thành viên được biểu quyết: **%d**", t.voters);
	if (t.written)
		rp_printf(d, " (%d có mặt, %d ý kiến bằng văn bản)", t.voters - t.written, t.written);
	rp_puts(d, ".\n");

	bool shown = s->method == DH_VOTE_OPEN || it->closed;
	if (s->method == DH_VOTE_OPEN) {
		rp_minutes_open_votes(d, s, it, c);
		rp_printf(d,
		          "- Tổng hợp biểu quyết: tán thành **%d**, không tán thành **%d**, không biểu quyết "
		          "**%d**",
		          t.agree, t.disagree, t.abstain);
		if (t.outstanding)
			rp_printf(d, ", chưa biểu quyết %d", t.outstanding);
		rp_puts(d, ".\n");
	} else if (shown) {
		rp_printf(
		    d,
		    "- Kết quả kiểm phiếu: tán thành **%d**, không tán thành **%d**, không biểu quyết **%d** "
		    "(%d phiếu/%d thành viên được biểu quyết).\n",
		    t.agree, t.disagree, t.abstain, t.cast, t.voters);
	} else {
		rp_puts(d, "- Kết quả kiểm phiếu: chưa công bố (bỏ phiếu kín: số phiếu chỉ công bố khi chốt "
		           "kết quả).\n");
	}
	if (shown && t.base > 0) {
		if (cn->base == DH_BASE_MEMBERS)
			rp_printf(d, "- Tỷ lệ tính trên %d thành viên (tổng số thành viên Hội đồng%s).\n",
			          t.base, t.recused ? " trừ thành viên không tham gia biểu quyết" : "");
		else
			rp_printf(d, "- Tỷ lệ tính trên %d thành viên được biểu quyết.\n", t.base);
	}
	if (it->closed) {
		rp_printf(d, "- **Kết quả: %s** — ", result_label(it->result));
		rp_text(d, it->reason && *it->reason ? it->reason : t.reason);
		rp_puts(d, ".\n");
	} else if (shown) {
		rp_puts(d, "- **Chưa chốt kết quả** (tạm tính: ");
		rp_text(d, t.reason);
		rp_puts(d, ").\n");
	} else {
		rp_puts(d, "- **Chưa chốt kết quả.**\n");
	}
	if (it->reopen_reason && *it->reopen_reason) {
		rp_puts(d, "- Kết quả đã được mở lại để đính chính. Lý do: ");
		rp_text(d, it->reopen_reason);
		rp_puts(d, ".\n");
	}
	rp_puts(d, "\n");
}

/* The conclusion: who passed (a table), who did not, what is still open. */
static void rp_minutes_conclusion(rp_doc *d, const rp_vec *items)
{
	size_t passed = 0, failed = 0, open = 0;
	for (size_t i = 0; i < items->n; i++) {
		const dh_vote_item *it = items->v[i];
		if (!it->closed)
			open++;
		else if (it->result == DH_RESULT_PASSED)
			passed++;
		else
			failed++;
	}
	rp_puts(d, "## IV. Kết luận\n\n");
	if (passed) {
		rp_printf(d,
		          "Hội đồng thống nhất đề nghị Chánh Thanh tra xem xét, công nhận **%zu** hồ sơ đạt "
		          "yêu cầu:\n\n",
		          passed);
		rp_puts(d, "| STT | Tên | Loại | Đơn vị | Kết quả biểu quyết |\n|---:|---|---|---|---|\n");
		size_t k = 0;
		for (size_t i = 0; i < items->n; i++) {
			const dh_vote_item *it = items->v[i];
			if (!it->closed || it->result != DH_RESULT_PASSED)
				continue;
			const dh_candidate *c;
			rp_cand(d, it->candidate_id, &c);
			rp_printf(d, "| %zu | ", ++k);
			rp_cand_name(d, c, it->candidate_id);
			rp_printf(d, " | %s | ", c ? kind_label(c->kind) : "");
			rp_cell_or(d, c ? rp_dept_name(d->cfg, c->department) : NULL, "");
			rp_puts(d, " | ");
			rp_cell_or(d, it->reason, "");
			rp_puts(d, " |\n");
		}
		rp_puts(d, "\n");
	} else {
		rp_puts(d, "Không có hồ sơ nào đạt yêu cầu để đề nghị công nhận.\n\n");
	}
	for (int pass = 0; pass < 2; pass++) {
		size_t count = pass ? open : failed;
		if (!count)
			continue;
		rp_printf(d, "%s (%zu):\n\n", pass ? "Chưa chốt kết quả" : "Không đạt", count);
		for (size_t i = 0; i < items->n; i++) {
			const dh_vote_item *it = items->v[i];
			if (pass ? it->closed : (!it->closed || it->result == DH_RESULT_PASSED))
				continue;
			const dh_candidate *c;
			rp_cand(d, it->candidate_id, &c);
			rp_puts(d, "- ");
			if (c)
				rp_text(d, c->name);
			else
				rp_printf(d, "Hồ sơ #%" PRIu64, it->candidate_id);
			if (!pass && it->reason) {
				rp_puts(d, ": ");
				rp_text(d, it->reason);
			}
			rp_puts(d, "\n");
		}
		rp_puts(d, "\n");
	}
}

static int rp_minutes(rp_doc *d, const dh_report_opts *o)
{
	rp_vec sessions = {0}, items = {0};
	int rc = rp_load_sessions(d, o->session_id, false, &sessions);
	const dh_session *s = rc ? NULL : sessions.v[0];
	if (!rc)
		rc = rp_load_items(d, s->meta.id, &items);
	if (rc)
		goto done;

	const dh_config *cfg = d->cfg;
	char words[48];
	rp_heading(d, cfg->council.name, NULL, s->date);
	rp_puts(d, "# BIÊN BẢN HỌP HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG\n\n");
	if (s->title && *s->title) {
		rp_puts(d, "**");
		rp_text(d, s->title);
		rp_puts(d, "**\n\n");
	}
	if (!s->closed)
		rp_puts(d, "> *Phiên họp chưa kết thúc: đây là bản dự thảo biên bản.*\n\n");
	rp_printf(d, "Hôm nay, %s, ", rp_date_words(s->date, words));
	rp_text(d, cfg->council.name);
	rp_printf(d, " họp bình xét mô hình tiêu biểu, điển hình tiên tiến (phiên họp mã số %" PRIu64 ")",
	          s->meta.id);
	if (cfg->plan.title && cfg->plan.year == s->year) {
		rp_puts(d, " theo ");
		rp_text(d, cfg->plan.title);
	}
	rp_puts(d, ".\n\n");

	rp_minutes_attendance(d, s);
	rp_minutes_rules(d, s);
	rp_printf(d, "## III. Nội dung bình xét\n\nHội đồng đã bình xét **%zu** hồ sơ.\n\n", items.n);
	for (size_t i = 0; i < items.n; i++)
		rp_minutes_item(d, i + 1, s, items.v[i]);
	rp_minutes_conclusion(d, &items);
	if (s->notes && !rp_blank(s->notes, strlen(s->notes))) {
		rp_puts(d, "## V. Ý kiến khác\n\n");
		rp_block(d, s->notes);
		rp_puts(d, "\n\n");
	}
	if (s->closed)
		rp_puts(d, "Biên bản được lập và thông qua tại phiên họp./.\n");
	rp_signatures(d, "THƯ KÝ HỘI ĐỒNG", rp_person_name(cfg, rp_member_with(cfg, DH_ROLE_SECRETARY)),
	              "CHỦ TỊCH HỘI ĐỒNG", rp_person_name(cfg, rp_member_with(cfg, DH_ROLE_CHAIR)));
done:
	rp_vec_free(&items, DH_R_VOTE_ITEM);
	rp_vec_free(&sessions, DH_R_SESSION);
	return rc;
}

/* --- proposal --------------------------------------------------------------- */

/* One nominee of the proposal with the item that passed it. */
typedef struct rp_nominee {
	const dh_candidate *c;
	const dh_vote_item *item; /* NULL when the proposal lists someone without one */
} rp_nominee;

typedef struct rp_proposal_job {
	rp_vec sessions, proposals, items; /* items of every session */
	rp_nominee *v;
	size_t n;
	uint64_t *ids; /* v[i].c's id, for rp_by_kind */
} rp_proposal_job;

static bool rp_stage_passed(int stage)
{
	return stage == DH_STAGE_APPROVED || stage == DH_STAGE_RECOGNISED || stage == DH_STAGE_AWARDED;
}

static const dh_vote_item *rp_passed_item(const rp_vec *items, uint64_t sid, uint64_t cid)
{
	for (size_t i = 0; i < items->n; i++) {
		const dh_vote_item *it = items->v[i];
		if (it->session_id == sid && it->candidate_id == cid && it->closed &&
		    it->result == DH_RESULT_PASSED)
			return it;
	}
	return NULL;
}

static int rp_add_nominee(rp_doc *d, rp_proposal_job *j, uint64_t cid, const dh_vote_item *item, size_t cap)
{
	const dh_candidate *c;
	int rc = rp_cand(d, cid, &c);
	if (rc || !c || c->meta.deleted)
		return rc;
	for (size_t i = 0; i < j->n; i++)
		if (j->v[i].c == c)
			return 0;
	if (j->n < cap) {
		j->ids[j->n] = cid;
		j->v[j->n++] = (rp_nominee){c, item};
	}
	return 0;
}

static void rp_proposal_note(rp_doc *d, size_t i, void *arg)
{
	const rp_proposal_job *j = arg;
	const rp_nominee *nm = &j->v[i];
	rp_cell_or(d, nm->item ? nm->item->reason : NULL, "");
	if (nm->c && nm->c->on_hold)
		rp_puts(d, "; đang tạm dừng xét");
}

static int rp_proposal_load(rp_doc *d, const dh_report_opts *o, rp_proposal_job *j)
{
	int rc = rp_load_sessions(d, o->session_id, true, &j->sessions);
	size_t cap = 0;
	for (size_t s = 0; !rc && s < j->sessions.n; s++) {
		const dh_session *ses = j->sessions.v[s];
		size_t from = j->items.n;
		rc = rp_load_items(d, ses->meta.id, &j->items);
		cap += j->items.n - from;
	}
	if (!rc)
		rc = rp_collect(d->ctx->store, DH_R_PROPOSAL, rp_live, NULL, &j->proposals);
	/* Keep only the latest proposal of each of our sessions. */
	size_t kept = 0;
	for (size_t i = 0; !rc && i < j->proposals.n; i++) {
		dh_proposal *p = j->proposals.v[i];
		bool ours = false, newer = false;
		for (size_t s = 0; s < j->sessions.n; s++)
			ours |= ((dh_session *)j->sessions.v[s])->meta.id == p->session_id;
		for (size_t k = i + 1; k < j->proposals.n; k++)
			newer |= ((dh_proposal *)j->proposals.v[k])->session_id == p->session_id;
		if (ours && !newer) {
			j->proposals.v[kept++] = p;
			cap += p->candidates.n;
		} else {
			record_free(DH_R_PROPOSAL, p);
		}
	}
	if (!rc)
		j->proposals.n = kept;
	if (rc)
		return rc;
	j->v = calloc(cap ? cap : 1, sizeof(*j->v));
	j->ids = calloc(cap ? cap : 1, sizeof(*j->ids));
	if (!j->v || !j->ids)
		return DH_ENOMEM;
	for (size_t s = 0; !rc && s < j->sessions.n; s++) {
		uint64_t sid = ((dh_session *)j->sessions.v[s])->meta.id;
		const dh_proposal *p = NULL;
		for (size_t k = 0; k < j->proposals.n; k++)
			if (((dh_proposal *)j->proposals.v[k])->session_id == sid)
				p = j->proposals.v[k];
		if (p) { /* what the council actually proposed */
			for (size_t k = 0; !rc && k < p->candidates.n; k++)
				rc = rp_add_nominee(d, j, p->candidates.v[k],
				                    rp_passed_item(&j->items, sid, p->candidates.v[k]), cap);
			continue;
		}
		for (size_t k = 0; !rc && k < j->items.n; k++) {
			const dh_vote_item *it = j->items.v[k];
			const dh_candidate *c;
			if (it->session_id != sid || !it->closed || it->result != DH_RESULT_PASSED)
				continue;
			if ((rc = rp_cand(d, it->candidate_id, &c)) || !c || !rp_stage_passed(c->stage))
				continue;
			rc = rp_add_nominee(d, j, it->candidate_id, it, cap);
		}
	}
	return rc;
}

static int rp_proposal(rp_doc *d, const dh_report_opts *o)
{
	rp_proposal_job j = {0};
	const dh_config *cfg = d->cfg;
	int rc = rp_proposal_load(d, o, &j);
	if (rc)
		goto done;
	const dh_proposal *only = j.proposals.n == 1 ? j.proposals.v[0] : NULL;
	int date = only && only->date ? only->date : d->ctx->today;
	int year = o->session_id ? ((dh_session *)j.sessions.v[0])->year : d->year;
	rp_heading(d, cfg->council.name,
	           only && only->number && *only->number ? only->number : "……/TTr-HĐTĐKT", date);
	rp_puts(d, "# TỜ TRÌNH\n\n");
	rp_printf(d,
	          "**Về việc đề nghị công nhận mô hình tiêu biểu, điển hình tiên tiến xuất sắc năm %d**\n\n",
	          year);
	rp_puts(d, "Kính gửi: ");
	if (cfg->organization.name && strncmp(cfg->organization.name, "Thanh tra", 9) == 0) {
		rp_puts(d, "Chánh ");
		rp_text(d, cfg->organization.name);
	} else {
		rp_puts(d, "Chánh Thanh tra");
	}
	rp_puts(d, ".\n\n");
	if (cfg->plan.title && cfg->plan.year == year) {
		rp_puts(d, "Căn cứ ");
		rp_text(d, cfg->plan.title);
		rp_puts(d, ";\n\n");
	}
	for (size_t s = 0; s < j.sessions.n; s++) {
		const dh_session *ses = j.sessions.v[s];
		char date_buf[11];
		rp_puts(d, "Căn cứ kết quả bình xét của ");
		rp_text(d, cfg->council.name);
		rp_printf(d, " tại phiên họp ngày %s", rp_date(ses->date, date_buf));
		if (ses->title && *ses->title) {
			rp_puts(d, " (");
			rp_text(d, ses->title);
			rp_puts(d, ")");
		}
		rp_puts(d, ";\n\n");
	}
	int per_kind[DH_CANDIDATE_KINDS] = {0};
	for (size_t i = 0; i < j.n; i++)
		if (j.v[i].c && j.v[i].c->kind >= 0 && j.v[i].c->kind < DH_CANDIDATE_KINDS)
			per_kind[j.v[i].c->kind]++;
	if (!j.n) {
		rp_puts(d, "Chưa có hồ sơ nào được Hội đồng thông qua để đề nghị công nhận.\n");
	} else {
		rp_text(d, cfg->council.name);
		rp_printf(d, " đề nghị Chánh Thanh tra công nhận **%zu** hồ sơ (", j.n);
		rp_kind_counts(d, per_kind);
		rp_puts(d, "), cụ thể như sau:\n");
		if ((rc = rp_by_kind(d, j.ids, j.n, "Kết quả bình xét", rp_proposal_note, &j)))
			goto done;
	}
	for (size_t k = 0; k < j.proposals.n; k++) {
		const dh_proposal *p = j.proposals.v[k];
		if (p->notes && !rp_blank(p->notes, strlen(p->notes))) {
			rp_puts(d, "\n");
			rp_block(d, p->notes);
			rp_puts(d, "\n");
		}
	}
	rp_puts(d, "\nKính trình Chánh Thanh tra xem xét, quyết định./.\n");
	rp_signatures(d, "Nơi nhận: Như trên; Lưu: VT, HĐTĐKT.", NULL, "TM. HỘI ĐỒNG — CHỦ TỊCH",
	              rp_person_name(cfg, rp_member_with(cfg, DH_ROLE_CHAIR)));
done:
	free(j.v);
	free(j.ids);
	rp_vec_free(&j.items, DH_R_VOTE_ITEM);
	rp_vec_free(&j.proposals, DH_R_PROPOSAL);
	rp_vec_free(&j.sessions, DH_R_SESSION);
	return rc;
}

/* --- registrations ---------------------------------------------------------- */

static bool rp_reg_active(const dh_registration *r)
{
	return r->status == DH_REG_SUBMITTED || r->status == DH_REG_ACCEPTED;
}

static int rp_reg_cmp(const void *a, const void *b)
{
	const dh_registration *x = *(const dh_registration *const *)a,
	                      *y = *(const dh_registration *const *)b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->meta.id < y->meta.id ? -1 : x->meta.id > y->meta.id;
}

/* The status of one registration, in words. */
static void rp_reg_status(rp_doc *d, const dh_registration *r, const dh_candidate *c)
{
	rp_puts(d, reg_status_label(r->status));
	if (r->status == DH_REG_ACCEPTED && r->complete)
		rp_puts(d, ", hồ sơ đầy đủ");
	if ((r->status == DH_REG_RETURNED || r->status == DH_REG_WITHDRAWN) && r->reason && *r->reason) {
		rp_puts(d, ": ");
		rp_cell(d, r->reason);
	}
	if (r->late_reason && *r->late_reason) {
		rp_puts(d, "; đăng ký quá hạn, ");
		rp_cell_or(d, rp_person_name(d->cfg, r->late_approved_by), "lãnh đạo");
		rp_puts(d, " cho phép: ");
		rp_cell(d, r->late_reason);
	}
	if (c && c->on_hold)
		rp_puts(d, "; đang tạm dừng xét");
	if (c && c->duplicate_of)
		rp_printf(d, "; có thể trùng với hồ sơ #%" PRIu64 " đã được công nhận", c->duplicate_of);
}

typedef struct rp_dept_row {
	const char *id; /* config's, or one met in the data */
	int active[DH_CANDIDATE_KINDS];
	int inactive; /* returned, withdrawn */
	const dh_nil_return *nil;
} rp_dept_row;

static void rp_dept_answer(rp_doc *d, const rp_dept_row *row)
{
	char date_buf[11];
	int active = row->active[0] + row->active[1] + row->active[2];
	if (active)
		rp_printf(d, "Đã đăng ký %d hồ sơ", active);
	else if (row->nil)
		rp_printf(d, "Báo không có hồ sơ (%s)", rp_date(row->nil->date, date_buf));
	else
		rp_puts(d, "**Chưa trả lời**");
}

static int rp_registrations(rp_doc *d, const dh_report_opts *o)
{
	(void)o;
	const dh_config *cfg = d->cfg;
	rp_vec regs = {0}, nils = {0};
	rp_dept_row *rows = NULL;
	size_t n_rows = cfg->n_departments;
	int rc = rp_collect(d->ctx->store, DH_R_REGISTRATION, rp_registration_of_year, &d->year, &regs);
	if (!rc)
		rc = rp_collect(d->ctx->store, DH_R_NIL_RETURN, rp_nil_return_of_year, &d->year, &nils);
	if (!rc) {
		rp_sort(&regs, rp_reg_cmp);
		rows = calloc(cfg->n_departments + regs.n + nils.n + 1, sizeof(*rows));
		if (!rows)
			rc = DH_ENOMEM;
	}
	for (size_t i = 0; !rc && i < regs.n; i++) {
		const dh_candidate *c;
		rc = rp_cand(d, ((dh_registration *)regs.v[i])->candidate_id, &c);
	}
	if (rc)
		goto done;
	for (size_t i = 0; i < cfg->n_departments; i++)
		rows[i].id = cfg->departments[i].id;
	/* Rows for departments config no longer has, in the order met. */
	for (size_t pass = 0; pass < 2; pass++) {
		rp_vec *v = pass ? &nils : &regs;
		for (size_t i = 0; i < v->n; i++) {
			const char *id = pass ? ((dh_nil_return *)v->v[i])->department
			                      : ((dh_registration *)v->v[i])->department;
			id = id ? id : "";
			size_t k = 0;
			while (k < n_rows && strcmp(rows[k].id, id) != 0)
				k++;
			if (k == n_rows)
				rows[n_rows++].id = id;
			if (pass) {
				if (!rows[k].nil)
					rows[k].nil = v->v[i];
				continue;
			}
			const dh_registration *r = v->v[i];
			const dh_candidate *c;
			rp_cand(d, r->candidate_id, &c);
			int kind =
			    c && c->kind >= 0 && c->kind < DH_CANDIDATE_KINDS ? c->kind : DH_KIND_INDIVIDUAL;
			if (rp_reg_active(r))
				rows[k].active[kind]++;
			else
				rows[k].inactive++;
		}
	}

	int answered = 0, with_regs = 0, with_nil = 0, status[4] = {0}, kinds[DH_CANDIDATE_KINDS] = {0};
	for (size_t i = 0; i < cfg->n_departments; i++) {
		int active = rows[i].active[0] + rows[i].active[1] + rows[i].active[2];
		answered += active || rows[i].nil;
		with_regs += active > 0;
		with_nil += !active && rows[i].nil;
	}
	for (size_t i = 0; i < regs.n; i++) {
		const dh_registration *r = regs.v[i];
		const dh_candidate *c;
		rp_cand(d, r->candidate_id, &c);
		if (r->status >= 0 && r->status < 4)
			status[r->status]++;
		if (rp_reg_active(r) && c && c->kind >= 0 && c->kind < DH_CANDIDATE_KINDS)
			kinds[c->kind]++;
	}

	char date_buf[11];
	rp_heading(d, NULL, NULL, d->ctx->today);
	rp_printf(d, "# TỔNG HỢP ĐĂNG KÝ MÔ HÌNH TIÊU BIỂU, ĐIỂN HÌNH TIÊN TIẾN NĂM %d\n\n", d->year);
	rp_printf(d, "*(Tính đến ngày %s)*\n\n", rp_date(d->ctx->today, date_buf));
	const dh_deadline *dl = config_deadline_closing(cfg, "nominate");
	if (dl && date_valid(dl->date)) {
		rp_puts(d, "- ");
		rp_text(d, dl->label ? dl->label : "Hạn đăng ký");
		rp_printf(d, ": %s", rp_date(dl->date, date_buf));
		if (date_valid(d->ctx->today) && dl->date / 10000 == d->year) {
			int left = date_diff(d->ctx->today, dl->date);
			if (left > 0)
				rp_printf(d, " (còn %d ngày)", left);
			else if (left == 0)
				rp_puts(d, " (hôm nay là hạn cuối)");
			else
				rp_printf(d, " (đã quá hạn %d ngày)", -left);
		}
		rp_puts(d, ".\n");
	}
	rp_printf(
	    d,
	    "- Đơn vị đã trả lời: **%d/%zu** (đăng ký: %d, báo không có hồ sơ: %d); chưa trả lời: **%zu**.\n",
	    answered, cfg->n_departments, with_regs, with_nil, cfg->n_departments - (size_t)answered);
	rp_printf(d, "- Hồ sơ đăng ký: **%zu** (", regs.n);
	for (int s = 0; s < 4; s++)
		rp_printf(d, "%s%s %d", s ? ", " : "", reg_status_label(s), status[s]);
	rp_puts(d, "); đang xét: ");
	rp_kind_counts(d, kinds);
	rp_puts(d, ".\n\n");

	rp_puts(d, "## I. Tổng hợp theo đơn vị\n\n");
	rp_puts(d, "| STT | Đơn vị | Cá nhân | Tập thể | Mô hình | Trả lại, rút | Tình hình |\n"
	           "|---:|---|---:|---:|---:|---:|---|\n");
	for (size_t i = 0; i < n_rows; i++) {
		rp_printf(d, "| %zu | ", i + 1);
		rp_cell_or(d, rp_dept_name(cfg, rows[i].id), "(không ghi đơn vị)");
		rp_printf(d, " | %d | %d | %d | %d | ", rows[i].active[0], rows[i].active[1],
		          rows[i].active[2], rows[i].inactive);
		rp_dept_answer(d, &rows[i]);
		rp_puts(d, " |\n");
	}

	rp_puts(d, "\n## II. Danh sách đăng ký theo đơn vị\n");
	for (size_t i = 0; i < n_rows; i++) {
		const char *dept = rp_dept_name(cfg, rows[i].id);
		rp_printf(d, "\n### %zu. ", i + 1);
		rp_text(d, dept && *dept ? dept : "(không ghi đơn vị)");
		rp_puts(d, "\n\n");
		size_t k = 0;
		for (size_t r = 0; r < regs.n; r++) {
			const dh_registration *reg = regs.v[r];
			const char *id = reg->department ? reg->department : "";
			if (strcmp(id, rows[i].id) != 0)
				continue;
			if (!k)
				rp_puts(d,
				        "| STT | Tên | Loại | Chức vụ | Thành tích, mô hình | Ngày đăng ký | "
				        "Người đăng ký | Tình trạng |\n|---:|---|---|---|---|---|---|---|\n");
			const dh_candidate *c;
			rp_cand(d, reg->candidate_id, &c);
			rp_printf(d, "| %zu | ", ++k);
			rp_cand_name(d, c, reg->candidate_id);
			rp_printf(d, " | %s | ", c ? kind_label(c->kind) : "");
			rp_cell_or(d, c ? c->position : NULL, "");
			rp_puts(d, " | ");
			rp_cell_or(d, c ? c->title : NULL, "");
			rp_printf(d, " | %s | ", rp_date(reg->date, date_buf));
			rp_cell_or(d, rp_person_name(cfg, reg->registered_by), "");
			rp_puts(d, " | ");
			rp_reg_status(d, reg, c);
			rp_puts(d, " |\n");
		}
		if (rows[i].nil) {
			const dh_nil_return *nr = rows[i].nil;
			rp_printf(d, "%sBáo không có hồ sơ đề nghị: ngày %s", k ? "\n" : "",
			          rp_date(nr->date, date_buf));
			if (nr->by && *nr->by) {
				rp_puts(d, ", ");
				rp_text(d, rp_person_name(cfg, nr->by));
			}
			if (nr->note && *nr->note) {
				rp_puts(d, " — ");
				rp_text(d, nr->note);
			}
			rp_puts(d, ".\n");
		} else if (!k) {
			rp_puts(d, "**Chưa trả lời.**\n");
		}
		int active = rows[i].active[0] + rows[i].active[1] + rows[i].active[2];
		if (k && !active && !rows[i].nil)
			rp_puts(d, "\n**Chưa có hồ sơ đang xét (chưa trả lời).**\n");
	}

	rp_puts(d, "\n## III. Đơn vị chưa trả lời\n\n");
	if ((size_t)answered == cfg->n_departments) {
		rp_puts(d, "Tất cả các đơn vị đã trả lời.\n");
	} else {
		for (size_t i = 0; i < cfg->n_departments; i++) {
			int active = rows[i].active[0] + rows[i].active[1] + rows[i].active[2];
			if (active || rows[i].nil)
				continue;
			rp_puts(d, "- ");
			rp_text(d, cfg->departments[i].name);
			rp_puts(d, "\n");
		}
	}
	const dh_person *clerk = rp_person_with(cfg, DH_ROLE_OFFICE);
	rp_signatures(d, "", NULL, "NGƯỜI TỔNG HỢP", clerk ? clerk->name : NULL);
done:
	free(rows);
	rp_vec_free(&regs, DH_R_REGISTRATION);
	rp_vec_free(&nils, DH_R_NIL_RETURN);
	return rc;
}

/* --- decision annex -------------------------------------------------------- */

static int rp_decision_cmp(const void *a, const void *b)
{
	const dh_decision *x = *(const dh_decision *const *)a, *y = *(const dh_decision *const *)b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->meta.id < y->meta.id ? -1 : x->meta.id > y->meta.id;
}

static bool rp_decision_numbered(const void *rec, const void *arg)
{
	const dh_decision *d = rec;
	return !d->meta.deleted && d->number && utf8_casecmp(d->number, arg) == 0;
}

static int rp_load_decision(rp_doc *d, const dh_report_opts *o, dh_decision **out)
{
	rp_vec v = {0};
	int rc;
	*out = NULL;
	if (o->decision_id) {
		void *rec = NULL;
		rc = repo_get(d->ctx->store, DH_R_DECISION, o->decision_id, &rec);
		if (rc == DH_ENOTFOUND)
			return rp_say(d->ctx, DH_ENOTFOUND, "Không có quyết định mang mã số %" PRIu64 ".",
			              o->decision_id);
		if (!rc && ((dh_decision *)rec)->meta.deleted) {
			record_free(DH_R_DECISION, rec);
			return rp_say(d->ctx, DH_ENOTFOUND, "Quyết định mã số %" PRIu64 " đã bị xóa.",
			              o->decision_id);
		}
		*out = rec;
		return rc;
	}
	char *number = o->decision_number ? utf8_nfc(o->decision_number) : NULL;
	if (o->decision_number && !number)
		return rp_say(d->ctx, DH_EINVAL, "Số quyết định không phải văn bản UTF-8.");
	if (number)
		rc = rp_collect(d->ctx->store, DH_R_DECISION, rp_decision_numbered, number, &v);
	else
		rc = rp_collect(d->ctx->store, DH_R_DECISION, rp_decision_of_year, &d->year, &v);
	if (!rc && !v.n) {
		char q[64];
		rc = number
		         ? rp_say(d->ctx, DH_ENOTFOUND, "Không có quyết định số “%s”.", rp_quote(number, q))
		         : rp_say(d->ctx, DH_ENOTFOUND,
		                  "Chưa có quyết định công nhận hoặc khen thưởng nào của năm %d.", d->year);
	}
	if (!rc) {
		/* The latest; of a number reused after a revocation, the one in force. */
		rp_sort(&v, rp_decision_cmp);
		size_t pick = v.n - 1;
		for (size_t i = v.n; number && i-- > 0;)
			if (!((dh_decision *)v.v[i])->revoked) {
				pick = i;
				break;
			}
		*out = v.v[pick];
		v.v[pick] = v.v[--v.n];
	}
	free(number);
	rp_vec_free(&v, DH_R_DECISION);
	return rc;
}

static void rp_decision_note(rp_doc *d, size_t i, void *arg)
{
	const dh_decision *dec = arg;
	const dh_candidate *c;
	rp_cand(d, dec->candidates.v[i], &c);
	if (dec->revoked)
		rp_puts(d, "Đã thu hồi");
	else if (c && c->on_hold)
		rp_puts(d, "Đang tạm dừng xét");
}

static int rp_decision(rp_doc *d, const dh_report_opts *o)
{
	const dh_config *cfg = d->cfg;
	dh_decision *dec = NULL;
	int rc = rp_load_decision(d, o, &dec);
	for (size_t i = 0; !rc && i < dec->candidates.n; i++) {
		const dh_candidate *c;
		rc = rp_cand(d, dec->candidates.v[i], &c);
	}
	if (rc)
		goto done;

	bool award = dec->type == DH_DEC_AWARD;
	const dh_award *aw = award ? (dec->award_id ? config_award(cfg, dec->award_id) : NULL) : NULL;
	if (award && !aw && cfg->n_awards)
		aw = &cfg->awards[0];
	char date_buf[11];
	rp_puts(d, "**PHỤ LỤC**\n\n# ");
	if (award) {
		rp_puts(d, "DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG ");
		rp_upper_text(d, aw ? aw->name : "Giấy khen");
	} else {
		rp_puts(d, "DANH SÁCH MÔ HÌNH TIÊU BIỂU, ĐIỂN HÌNH TIÊN TIẾN XUẤT SẮC ĐƯỢC CÔNG NHẬN");
	}
	rp_printf(d, " NĂM %d\n\n*(Kèm theo Quyết định số ", dec->year);
	rp_text(d, dec->number && *dec->number ? dec->number : "……");
	rp_printf(d, " ngày %s của ", rp_date(dec->date, date_buf));
	if (cfg->organization.name && strncmp(cfg->organization.name, "Thanh tra", 9) == 0) {
		rp_puts(d, "Chánh ");
		rp_text(d, cfg->organization.name);
	} else {
		rp_puts(d, "Chánh Thanh tra");
	}
	rp_puts(d, ")*\n\n");
	if (dec->revoked) {
		rp_printf(d, "> **Quyết định này đã bị thu hồi** ngày %s",
		          rp_date(dec->revoke_date, date_buf));
		if (dec->revoke_reason && *dec->revoke_reason) {
			rp_puts(d, ". Lý do: ");
			rp_text(d, dec->revoke_reason);
		}
		rp_puts(d, ".\n\n");
	}
	int per_kind[DH_CANDIDATE_KINDS] = {0};
	size_t present = 0;
	for (size_t i = 0; i < dec->candidates.n; i++) {
		const dh_candidate *c;
		rp_cand(d, dec->candidates.v[i], &c);
		if (!c)
			continue;
		present++;
		if (c->kind >= 0 && c->kind < DH_CANDIDATE_KINDS)
			per_kind[c->kind]++;
	}
	if ((rc = rp_by_kind(d, dec->candidates.v, dec->candidates.n, "Ghi chú", rp_decision_note, dec)))
		goto done;
	rp_printf(d, "\n**Tổng cộng: %zu** (", present);
	rp_kind_counts(d, per_kind);
	rp_puts(d, ").\n");
	const dh_person *signer = dec->signer ? config_person(cfg, dec->signer) : NULL;
	if (signer || dec->signer) {
		rp_puts(d, "\nNgười ký: ");
		rp_text(d, signer ? signer->name : dec->signer);
		if (signer && signer->position) {
			rp_puts(d, ", ");
			rp_text(d, signer->position);
		}
		rp_puts(d, ".\n");
	}
done:
	if (dec)
		record_free(DH_R_DECISION, dec);
	return rc;
}

/* --- review report ------------------------------------------------------------ */

static int rp_by_date_review(const void *a, const void *b)
{
	const dh_review *x = *(const dh_review *const *)a, *y = *(const dh_review *const *)b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->meta.id < y->meta.id ? -1 : x->meta.id > y->meta.id;
}

static int rp_by_date_activity(const void *a, const void *b)
{
	const dh_activity *x = *(const dh_activity *const *)a, *y = *(const dh_activity *const *)b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->meta.id < y->meta.id ? -1 : x->meta.id > y->meta.id;
}

static int rp_by_date_dissemination(const void *a, const void *b)
{
	const dh_dissemination *x = *(const dh_dissemination *const *)a,
	                       *y = *(const dh_dissemination *const *)b;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->meta.id < y->meta.id ? -1 : x->meta.id > y->meta.id;
}

typedef struct rp_review_job {
	dh_stats stats;
	bool have_stats;
	rp_vec reviews, activities, disseminations, honoured;
} rp_review_job;

static void rp_review_dissemination(rp_doc *d, rp_review_job *j)
{
	const dh_config *cfg = d->cfg;
	char date_buf[11];
	size_t done = 0;
	for (size_t i = 0; i < cfg->n_departments; i++) {
		for (size_t k = 0; k < j->disseminations.n; k++) {
			const dh_dissemination *x = j->disseminations.v[k];
			if (x->department && strcmp(x->department, cfg->departments[i].id) == 0) {
				done++;
				break;
			}
		}
	}
	rp_puts(d, "## I. Công tác quán triệt, tổ chức thực hiện\n\n");
	rp_printf(d, "Đã quán triệt kế hoạch: **%zu/%zu** đơn vị.\n\n", done, cfg->n_departments);
	rp_puts(
	    d,
	    "| STT | Đơn vị | Ngày quán triệt | Người thực hiện | Số người dự |\n|---:|---|---|---|---:|\n");
	for (size_t i = 0; i < cfg->n_departments; i++) {
		const dh_dissemination *first = NULL;
		for (size_t k = 0; k < j->disseminations.n && !first; k++) {
			const dh_dissemination *x = j->disseminations.v[k];
			if (x->department && strcmp(x->department, cfg->departments[i].id) == 0)
				first = x;
		}
		rp_printf(d, "| %zu | ", i + 1);
		rp_cell(d, cfg->departments[i].name);
		if (!first) {
			rp_puts(d, " | **Chưa quán triệt** |  |  |\n");
			continue;
		}
		rp_printf(d, " | %s | ", rp_date(first->date, date_buf));
		rp_cell_or(d, rp_person_name(cfg, first->by), "");
		rp_printf(d, " | %d |\n", first->attendees);
	}
	rp_puts(d, "\n");
}

static void rp_review_fostering(rp_doc *d, const dh_stats *s)
{
	char money[32];
	rp_puts(d, "### 1. Phát hiện, bồi dưỡng nhân tố mới\n\n");
	rp_printf(d, "- Tổng số hồ sơ trong năm: **%d** (", s->candidates);
	rp_kind_counts(d, s->by_kind);
	rp_printf(d, "); đạt từ %d tiêu chí trở lên (nhân tố mới): %d", d->cfg->criteria.new_factor_min,
	          s->meeting_new_factor_min);
	if (s->on_hold)
		rp_printf(d, "; đang tạm dừng xét: %d", s->on_hold);
	rp_puts(d, ".\n");
	rp_printf(d, "- Bồi dưỡng: **%d** lượt cho **%d** hồ sơ; hỗ trợ vật chất tổng cộng **%s đồng**.\n\n",
	          s->fostering_total, s->fostered_candidates, report_money(s->material_total, money));
	rp_puts(d, "| Hình thức bồi dưỡng | Số lượt | Kinh phí |\n|---|---:|---:|\n");
	for (int k = 0; k < 3; k++) {
		rp_printf(d, "| %s | %d | ", fostering_kind_label(k), s->fostering[k]);
		if (k == DH_FOSTER_MATERIAL)
			rp_printf(d, "%s đồng", report_money(s->material_total, money));
		rp_puts(d, " |\n");
	}
	rp_printf(d, "| **Cộng** | **%d** | **%s đồng** |\n\n", s->fostering_total,
	          report_money(s->material_total, money));
}

static void rp_review_selection(rp_doc *d, rp_review_job *j)
{
	const dh_stats *s = &j->stats;
	rp_puts(d, "### 2. Lựa chọn, công nhận, khen thưởng\n\n");
	rp_printf(d, "- Đăng ký: **%d** hồ sơ (", s->registrations_total);
	for (int r = 0; r < 4; r++)
		rp_printf(d, "%s%s %d", r ? ", " : "", reg_status_label(r), s->registrations[r]);
	rp_printf(d, "); %d đơn vị báo không có hồ sơ; %d/%zu đơn vị đã trả lời.\n", s->nil_returns,
	          s->departments_answered, d->cfg->n_departments);
	rp_printf(
	    d,
	    "- Hội đồng thi đua, khen thưởng họp **%d** phiên; **%d** lượt bình xét đạt, **%d** không đạt.\n",
	    s->sessions, s->items_passed, s->items_failed);
	rp_printf(d, "- Quyết định công nhận: **%d**; quyết định tặng Giấy khen: **%d**.\n",
	          s->recognition_decisions, s->award_decisions);
	rp_printf(d, "- Đã công nhận: **%d**; đã khen thưởng: **%d**.\n\n",
	          s->by_stage[DH_STAGE_RECOGNISED] + s->by_stage[DH_STAGE_AWARDED],
	          s->by_stage[DH_STAGE_AWARDED]);
	if (!j->honoured.n)
		return;
	char date_buf[11];
	rp_puts(d, "| STT | Tên | Loại | Đơn vị | Quyết định công nhận | Khen thưởng "
	           "|\n|---:|---|---|---|---|---|\n");
	for (size_t i = 0; i < j->honoured.n; i++) {
		const dh_candidate *c = j->honoured.v[i];
		rp_printf(d, "| %zu | ", i + 1);
		rp_cell_or(d, c->name, "");
		rp_printf(d, " | %s | ", kind_label(c->kind));
		rp_cell_or(d, rp_dept_name(d->cfg, c->department), "");
		rp_puts(d, " | ");
		if (c->recognised_decision && *c->recognised_decision) {
			rp_cell(d, c->recognised_decision);
			rp_printf(d, " (%s)", rp_date(c->recognised_date, date_buf));
		}
		rp_puts(d, " | ");
		if (c->stage == DH_STAGE_AWARDED && c->award_decision && *c->award_decision) {
			rp_cell(d, c->award_decision);
			rp_printf(d, " (%s)", rp_date(c->award_date, date_buf));
		}
		rp_puts(d, " |\n");
	}
	rp_puts(d, "\n");
}

static void rp_review_departments(rp_doc *d, const dh_stats *s)
{
	rp_puts(d, "### 3. Số liệu theo đơn vị\n\n");
	rp_puts(d, "| Đơn vị | Cá nhân | Tập thể | Mô hình | Tổng | Đã công nhận | Đăng ký |\n"
	           "|---|---:|---:|---:|---:|---:|---:|\n");
	int sum[DH_CANDIDATE_KINDS] = {0}, total = 0, honoured_sum = 0, regs = 0;
	for (size_t i = 0; i < s->n_depts; i++) {
		const dh_stats_dept *dep = &s->depts[i];
		int per_kind[DH_CANDIDATE_KINDS] = {0}, honoured = 0;
		for (int k = 0; k < DH_CANDIDATE_KINDS; k++) {
			for (int st = 0; st < DH_STAGE__COUNT; st++)
				per_kind[k] += dep->count[k][st];
			honoured += dep->count[k][DH_STAGE_RECOGNISED] + dep->count[k][DH_STAGE_AWARDED];
			sum[k] += per_kind[k];
		}
		total += dep->total;
		honoured_sum += honoured;
		regs += dep->registrations;
		rp_puts(d, "| ");
		rp_cell_or(d, dep->name ? dep->name : dep->id, "(không ghi đơn vị)");
		rp_printf(d, " | %d | %d | %d | %d | %d | %d |\n", per_kind[0], per_kind[1], per_kind[2],
		          dep->total, honoured, dep->registrations);
	}
	rp_printf(d, "| **Cộng** | **%d** | **%d** | **%d** | **%d** | **%d** | **%d** |\n\n", sum[0], sum[1],
	          sum[2], total, honoured_sum, regs);

	rp_puts(d, "### 4. Số liệu theo bước\n\n| Bước | Cá nhân | Tập thể | Mô hình | Tổng "
	           "|\n|---|---:|---:|---:|---:|\n");
	for (int st = 0; st < DH_STAGE__COUNT; st++) {
		int per_kind[DH_CANDIDATE_KINDS] = {0};
		for (size_t i = 0; i < s->n_depts; i++)
			for (int k = 0; k < DH_CANDIDATE_KINDS; k++)
				per_kind[k] += s->depts[i].count[k][st];
		rp_printf(d, "| %s | %d | %d | %d | %d |\n", stage_label(st), per_kind[0], per_kind[1],
		          per_kind[2], s->by_stage[st]);
	}
	rp_printf(d, "| **Cộng** | **%d** | **%d** | **%d** | **%d** |\n\n", s->by_kind[0], s->by_kind[1],
	          s->by_kind[2], s->candidates);
}

static void rp_review_replication(rp_doc *d, rp_review_job *j)
{
	const dh_stats *s = &j->stats;
	char date_buf[11];
	rp_puts(d, "### 5. Nhân rộng điển hình tiên tiến\n\n");
	rp_printf(d, "- **%d** hoạt động nhân rộng (", s->activities_total);
	for (int k = 0; k < 3; k++)
		rp_printf(d, "%s%s %d", k ? ", " : "", activity_kind_label(k), s->activities[k]);
	rp_printf(d, "), %d lượt người dự.\n\n", s->activity_attendees);
	if (!j->activities.n)
		return;
	rp_puts(d, "| STT | Ngày | Hình thức | Nội dung | Điển hình được nhân rộng | Người trình bày | Đối "
	           "tượng, địa chỉ |\n"
	           "|---:|---|---|---|---|---|---|\n");
	for (size_t i = 0; i < j->activities.n; i++) {
		const dh_activity *a = j->activities.v[i];
		const dh_candidate *c;
		rp_cand(d, a->candidate_id, &c);
		rp_printf(d, "| %zu | %s | %s | ", i + 1, rp_date(a->date, date_buf),
		          activity_kind_label(a->kind));
		rp_cell_or(d, a->title, "");
		rp_puts(d, " | ");
		rp_cand_name(d, c, a->candidate_id);
		rp_puts(d, " | ");
		rp_cell_or(d, a->presenter, "");
		rp_puts(d, " | ");
		bool any = false;
		if (a->audience && *a->audience) {
			rp_cell(d, a->audience);
			any = true;
		}
		if (a->attendees > 0) {
			rp_printf(d, "%s%d người", any ? ", " : "", a->attendees);
			any = true;
		}
		if (a->url && *a->url) {
			rp_puts(d, any ? "; " : "");
			rp_url(d, a->url);
		}
		rp_puts(d, " |\n");
	}
	rp_puts(d, "\n");
}

static void rp_review_meetings(rp_doc *d, rp_review_job *j)
{
	char date_buf[11];
	rp_puts(d, "## III. Sơ kết, tổng kết\n\n");
	if (!j->reviews.n) {
		rp_puts(d, "Chưa tổ chức sơ kết, tổng kết trong năm.\n\n");
		return;
	}
	for (size_t i = 0; i < j->reviews.n; i++) {
		const dh_review *r = j->reviews.v[i];
		rp_printf(d, "### %zu. %s ngày %s", i + 1, review_kind_label(r->kind),
		          rp_date(r->date, date_buf));
		if (r->title && *r->title) {
			rp_puts(d, ": ");
			rp_text(d, r->title);
		}
		rp_puts(d, "\n\n");
		if (r->notes && !rp_blank(r->notes, strlen(r->notes))) {
			rp_block(d, r->notes);
			rp_puts(d, "\n\n");
		}
	}
}

static int rp_review_load(rp_doc *d, rp_review_job *j)
{
	dh_store *st = d->ctx->store;
	int rc = stats_compute(st, d->cfg, d->year, &j->stats);
	if (rc)
		return rc;
	j->have_stats = true;
	if ((rc = rp_collect(st, DH_R_REVIEW, rp_review_of_year, &d->year, &j->reviews)) ||
	    (rc = rp_collect(st, DH_R_ACTIVITY, rp_activity_in_year, &d->year, &j->activities)) ||
	    (rc = rp_collect(st, DH_R_DISSEMINATION, rp_dissemination_of_year, &d->year,
	                     &j->disseminations)) ||
	    (rc = rp_collect(st, DH_R_CANDIDATE, rp_candidate_honoured, &d->year, &j->honoured)))
		return rc;
	rp_sort(&j->reviews, rp_by_date_review);
	rp_sort(&j->activities, rp_by_date_activity);
	rp_sort(&j->disseminations, rp_by_date_dissemination);
	for (size_t i = 0; !rc && i < j->activities.n; i++) {
		const dh_candidate *c;
		rc = rp_cand(d, ((dh_activity *)j->activities.v[i])->candidate_id, &c);
	}
	return rc;
}

static int rp_review(rp_doc *d, const dh_report_opts *o)
{
	rp_review_job j = {0};
	const dh_config *cfg = d->cfg;
	int rc = rp_review_load(d, &j);
	if (rc)
		goto done;
	/* The kind asked for, else the latest review's; its date heads the report. */
	int kind = o->review_kind;
	const dh_review *latest = NULL;
	for (size_t i = 0; i < j.reviews.n; i++) {
		const dh_review *r = j.reviews.v[i];
		if (kind < 0 || r->kind == kind)
			latest = r;
	}
	if (kind < 0 && latest)
		kind = latest->kind;
	int date = latest && date_valid(latest->date) ? latest->date : d->ctx->today;

	rp_heading(d, NULL, NULL, date);
	rp_printf(d, "# BÁO CÁO %s\n\n",
	          kind == DH_REVIEW_FINAL         ? "TỔNG KẾT"
	          : kind == DH_REVIEW_PRELIMINARY ? "SƠ KẾT"
	                                          : "KẾT QUẢ");
	rp_printf(d, "**Công tác xây dựng, bồi dưỡng và nhân rộng điển hình tiên tiến năm %d**\n\n", d->year);
	if (cfg->plan.title && cfg->plan.year == d->year) {
		rp_puts(d, "Thực hiện ");
		rp_text(d, cfg->plan.title);
		rp_puts(d, ", ");
		rp_text(d, cfg->organization.name);
		rp_printf(d, " báo cáo kết quả %s như sau.\n\n",
		          kind == DH_REVIEW_FINAL         ? "cả năm"
		          : kind == DH_REVIEW_PRELIMINARY ? "sơ kết"
		                                          : "thực hiện");
	}
	rp_review_dissemination(d, &j);
	rp_puts(d, "## II. Kết quả thực hiện\n\n");
	rp_review_fostering(d, &j.stats);
	rp_review_selection(d, &j);
	rp_review_departments(d, &j.stats);
	rp_review_replication(d, &j);
	rp_review_meetings(d, &j);
	const dh_person *chief = rp_person_with(cfg, DH_ROLE_CHIEF);
	rp_signatures(d, "Nơi nhận: Lưu VT, HĐTĐKT.", NULL, "CHÁNH THANH TRA", chief ? chief->name : NULL);
done:
	if (j.have_stats)
		stats_free(&j.stats);
	rp_vec_free(&j.reviews, DH_R_REVIEW);
	rp_vec_free(&j.activities, DH_R_ACTIVITY);
	rp_vec_free(&j.disseminations, DH_R_DISSEMINATION);
	rp_vec_free(&j.honoured, DH_R_CANDIDATE);
	return rc;
}

/* --- entry points ------------------------------------------------------------- */

int report_document(dh_ctx *ctx, int kind, const dh_report_opts *o, FILE *out)
{
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
	rp_doc d = {.ctx = ctx, .cfg = ctx->cfg, .out = out, .year = o->year ? o->year : ctx->cfg->plan.year};
	/* Everything is read before the first byte is written; a document
	 * either refuses whole or comes out whole. */
	char *buf = NULL;
	size_t len = 0;
	FILE *mem = open_memstream(&buf, &len);
	if (!mem)
		return DH_ENOMEM;
	d.out = mem;
	int rc;
	switch (kind) {
	case DH_REPORT_MINUTES: rc = rp_minutes(&d, o); break;
	case DH_REPORT_PROPOSAL: rc = rp_proposal(&d, o); break;
	case DH_REPORT_REGISTRATIONS: rc = rp_registrations(&d, o); break;
	case DH_REPORT_DECISION: rc = rp_decision(&d, o); break;
	default: rc = rp_review(&d, o); break;
	}
	if (fclose(mem) != 0 && !rc)
		rc = DH_ENOMEM;
	rp_doc_free(&d);
	if (!rc && len && fwrite(buf, 1, len, out) != len)
		rc = rp_say(ctx, DH_EIO, "Không ghi được văn bản ra tệp.");
	if (!rc && (fflush(out) != 0 || ferror(out)))
		rc = rp_say(ctx, DH_EIO, "Không ghi được văn bản ra tệp.");
	free(buf);
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
		    "Không có văn bản “%s”: chọn minutes (biên bản), proposal (tờ trình), registrations "
		    "(tổng hợp đăng ký), decision (phụ lục quyết định) hoặc review (báo cáo sơ kết, tổng "
		    "kết).",
		    name ? rp_quote(name, q) : "");
	}
	dh_report_opts o;
	int rc = report_parse_args(ctx, kind, argc, argv, &o);
	if (rc)
		return rc;
	return report_document(ctx, kind, &o, out);
}
