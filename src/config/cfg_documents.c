/* cfg_documents.c — `documents` (page, font, codes, recipients and basis of
 * the documents after NĐ 30/2020/NĐ-CP) and `certificate` (where each field
 * of the Giấy khen prints on its pre-printed blank). */
#include "cfg_internal.h"

#include "dienhinh/label.h"

#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- documents (NĐ 30/2020/NĐ-CP) and the Giấy khen -------------------- */

/* `documents.codes` / `documents.recipients` keys, in DH_DOC_CODE_* order. */
static const char *const doc_kind_keys[DH_DOC_CODES] = {
    [DH_DOC_CODE_MINUTES] = "minutes",
    [DH_DOC_CODE_PROPOSAL] = "proposal",
    [DH_DOC_CODE_REGISTRATIONS] = "registrations",
    [DH_DOC_CODE_DECISION] = "decision",
    [DH_DOC_CODE_REVIEW] = "review",
    [DH_DOC_CODE_BALLOT] = "ballot",
    [DH_DOC_CODE_AWARD] = "award",
};

static const char *const doc_code_defaults[DH_DOC_CODES] = {
    [DH_DOC_CODE_MINUTES] = "BB-HĐTĐKT",   [DH_DOC_CODE_PROPOSAL] = "TTr-HĐTĐKT",
    [DH_DOC_CODE_REGISTRATIONS] = "BC-VP", [DH_DOC_CODE_DECISION] = "QĐ-TTr",
    [DH_DOC_CODE_REVIEW] = "BC-TTr",       [DH_DOC_CODE_BALLOT] = "BB-HĐTĐKT",
    [DH_DOC_CODE_AWARD] = "QĐ-TTr",
};

static int doc_kind_index(const char *key)
{
	return name_index(doc_kind_keys, DH_DOC_CODES, key);
}

/* A number in [MIN, MAX] at *DST, or an error whose words come from RULE
 * ("lề trên, lề dưới", "Nghị định 30/2020/NĐ-CP"). */
static void take_num(cfg_loader *l, const cfg_node *key, const cfg_node *val, double min, double max,
                     const char *unit, const char *rule, double *dst)
{
	const char *s = cfg_scalar(l, key, val);
	if (!s)
		return;
	char shown[80];
	double v;
	if (!cfg_parse_num(s, &v)) {
		cfg_error(l->d, val->line, val->col,
		          "`%s` phải là một số (ví dụ 20 hoặc 20.5), không phải `%s`", key->value,
		          cfg_show(s, shown, sizeof shown));
		return;
	}
	if (v < min || v > max) {
		cfg_error(l->d, val->line, val->col, "`%s` phải từ %g đến %g %s%s, không phải `%s`",
		          key->value, min, max, unit, rule ? rule : "", cfg_show(s, shown, sizeof shown));
		return;
	}
	*dst = v;
}

static void doc_margin(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	dh_documents *d = obj;
	static const char decree[] = " (lề %s theo Nghị định 30/2020/NĐ-CP)";
	char rule[96];
	const char *k = key->value;
	if (strcmp(k, "top") == 0 || strcmp(k, "bottom") == 0) {
		snprintf(rule, sizeof rule, decree, k[0] == 't' ? "trên" : "dưới");
		take_num(l, key, val, 20, 25, "mm", rule, k[0] == 't' ? &d->top_mm : &d->bottom_mm);
	} else if (strcmp(k, "left") == 0) {
		snprintf(rule, sizeof rule, decree, "trái");
		take_num(l, key, val, 30, 35, "mm", rule, &d->left_mm);
	} else {
		snprintf(rule, sizeof rule, decree, "phải");
		take_num(l, key, val, 15, 20, "mm", rule, &d->right_mm);
	}
}

static const cfg_field doc_page_fields[] = {
    {"top", F_CUSTOM, false, 0, 0, 0, doc_margin, NULL},
    {"bottom", F_CUSTOM, false, 0, 0, 0, doc_margin, NULL},
    {"left", F_CUSTOM, false, 0, 0, 0, doc_margin, NULL},
    {"right", F_CUSTOM, false, 0, 0, 0, doc_margin, NULL},
};
static const cfg_table doc_page = {"documents.page", CFG_FIELDS(doc_page_fields)};

static void doc_font_size(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	take_num(l, key, val, 13, 14, "pt", " (cỡ chữ nội dung văn bản theo Nghị định 30/2020/NĐ-CP)",
	         &((dh_documents *)obj)->font_pt);
}

static void doc_code(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	int i = doc_kind_index(key->value);
	dh_documents *d = obj;
	if (i >= 0 && !d->codes[i])
		d->codes[i] = cfg_take_text(l, key, val, false, CFG_ID_MAX * 2);
}

/* A list of one-line texts (nơi nhận, căn cứ): the "- " and the ";" or "."
 * a clerk may type out of habit are the writer's to add, so they go. */
static char **text_list(cfg_loader *l, const cfg_node *key, const cfg_node *val, const char *what,
                        size_t *count)
{
	*count = 0;
	if (val->kind != CFG_SEQ) {
		cfg_error(l->d, val->line, val->col,
		          "`%s` phải là một danh sách (mỗi dòng bắt đầu bằng `- `)", what);
		return NULL;
	}
	if (val->n > CFG_LIST_MAX) {
		cfg_error(l->d, val->line, val->col, "`%s` có quá nhiều mục (%zu, tối đa %d)", what, val->n,
		          CFG_LIST_MAX);
		return NULL;
	}
	char **v = calloc(val->n + 1, sizeof *v);
	if (!v) {
		cfg_error(l->d, 0, 0, "hết bộ nhớ");
		return NULL;
	}
	size_t n = 0;
	for (size_t i = 0; i < val->n; i++) {
		char *t = cfg_take_text(l, key, val->items[i], false, CFG_TEXT_MAX);
		if (!t)
			continue;
		char *p = t;
		if (p[0] == '-' && p[1] == ' ')
			p += 2;
		while (*p == ' ')
			p++;
		size_t len = strlen(p);
		while (len > 0 && (p[len - 1] == ';' || p[len - 1] == '.' || p[len - 1] == ' '))
			p[--len] = '\0';
		if (len == 0) {
			cfg_error(l->d, val->items[i]->line, val->items[i]->col, "`%s`: một dòng trống",
			          what);
			free(t);
			continue;
		}
		memmove(t, p, len + 1);
		v[n++] = t;
	}
	*count = n;
	return v;
}

static void doc_recipients_of(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	int i = doc_kind_index(key->value);
	dh_documents *d = obj;
	char what[64];
	if (i < 0 || d->recipients[i])
		return;
	snprintf(what, sizeof what, "documents.recipients.%s", key->value);
	d->recipients[i] = text_list(l, key, val, what, &d->n_recipients[i]);
}

/* `codes` and `recipients`: one key per kind of document, as doc_kind_keys
 * names them. */
static void doc_codes(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	cfg_walk_keys(l, val, "documents.codes", doc_kind_keys, DH_DOC_CODES, doc_code, obj);
}

static void doc_recipients(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	cfg_walk_keys(l, val, "documents.recipients", doc_kind_keys, DH_DOC_CODES, doc_recipients_of, obj);
}

static void doc_basis(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	dh_documents *d = obj;
	d->basis = text_list(l, key, val, "documents.basis", &d->n_basis);
}

static const cfg_field documents_fields[] = {
    {"folder", F_PATH, false, offsetof(dh_documents, folder), 0, 0, NULL, NULL},
    {"page", F_MAP, false, 0, 0, 0, NULL, &doc_page},
    {"font_size", F_CUSTOM, false, 0, 0, 0, doc_font_size, NULL},
    {"codes", F_CUSTOM, false, 0, 0, 0, doc_codes, NULL},
    {"recipients", F_CUSTOM, false, 0, 0, 0, doc_recipients, NULL},
    {"basis", F_CUSTOM, false, 0, 0, 0, doc_basis, NULL},
};

const cfg_table cfg_documents_table = {"documents", CFG_FIELDS(documents_fields)};

void cfg_documents_defaults(dh_documents *d)
{
	d->top_mm = 20;
	d->bottom_mm = 20;
	d->left_mm = 30;
	d->right_mm = 15;
	d->font_pt = 14;
}

/* What every loaded config has, whether or not the file says it. */
void cfg_documents_finish(cfg_loader *l, dh_documents *d)
{
	if (!d->folder && !(d->folder = strdup("~/dienhinh-van-ban")))
		cfg_error(l->d, 0, 0, "hết bộ nhớ");
	for (int i = 0; i < DH_DOC_CODES; i++)
		if (!d->codes[i] && !(d->codes[i] = strdup(doc_code_defaults[i])))
			cfg_error(l->d, 0, 0, "hết bộ nhớ");
}

static const char *const cert_field_keys[DH_CERT_FIELDS] = {
    [DH_CERT_NAME] = "name",
    [DH_CERT_POSITION] = "position",
    [DH_CERT_UNIT] = "unit",
    [DH_CERT_ACHIEVEMENT] = "achievement",
    [DH_CERT_DECISION] = "decision",
    [DH_CERT_BOOK] = "book",
    [DH_CERT_PLACE_DATE] = "place_date",
    [DH_CERT_SIGNER_TITLE] = "signer_title",
    [DH_CERT_SIGNER_NAME] = "signer_name",
};

/* Where each field prints on an A4 landscape blank (297 × 210 mm) whose
 * upper 85 mm are printed already: the national emblem, Quốc hiệu and Tiêu
 * ngữ, "CHÁNH THANH TRA TỈNH …", "TẶNG", "GIẤY KHEN". */
static const dh_cert_field cert_field_defaults[DH_CERT_FIELDS] = {
    /*                       x      y     w      h    size  bold   italic align shown */
    [DH_CERT_NAME] = {40, 88, 217, 14, 22, true, false, 1, true},
    [DH_CERT_POSITION] = {40, 107.5, 217, 9, 15, false, false, 1, true},
    [DH_CERT_UNIT] = {40, 117.5, 217, 9, 15, false, false, 1, true},
    [DH_CERT_ACHIEVEMENT] = {35, 128, 227, 25, 15, false, true, 1, true},
    [DH_CERT_DECISION] = {25, 166, 105, 8, 13, true, true, 0, true},
    [DH_CERT_BOOK] = {25, 174, 105, 8, 13, true, true, 0, true},
    [DH_CERT_PLACE_DATE] = {160, 161, 120, 8, 14, false, true, 1, true},
    [DH_CERT_SIGNER_TITLE] = {160, 169, 120, 14, 14, true, false, 1, true},
    [DH_CERT_SIGNER_NAME] = {160, 193, 120, 10, 15, true, false, 1, true},
};

static void cert_align(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	static const char *const names[] = {"left", "center", "right"};
	int i = cfg_pick_scalar(l, key, val, "cách căn lề", names, 3);
	if (i >= 0)
		((dh_cert_field *)obj)->align = i;
}

/* Bounds checked here only loosely: against the page in cert_field(). */
static const cfg_field cert_box_fields[] = {
    {"x", F_NUM, false, offsetof(dh_cert_field, x_mm), 0, 1000, NULL, NULL},
    {"y", F_NUM, false, offsetof(dh_cert_field, y_mm), 0, 1000, NULL, NULL},
    {"width", F_NUM, false, offsetof(dh_cert_field, w_mm), 1, 1000, NULL, NULL},
    {"height", F_NUM, false, offsetof(dh_cert_field, h_mm), 1, 1000, NULL, NULL},
    {"size", F_NUM, false, offsetof(dh_cert_field, size_pt), 6, 72, NULL, NULL},
    {"bold", F_BOOL, false, offsetof(dh_cert_field, bold), 0, 0, NULL, NULL},
    {"italic", F_BOOL, false, offsetof(dh_cert_field, italic), 0, 0, NULL, NULL},
    {"align", F_CUSTOM, false, 0, 0, 0, cert_align, NULL},
    {"show", F_BOOL, false, offsetof(dh_cert_field, shown), 0, 0, NULL, NULL},
};

static void cert_field(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	dh_certificate *c = obj;
	int i = name_index(cert_field_keys, DH_CERT_FIELDS, key->value);
	char what[64];
	snprintf(what, sizeof what, "certificate.fields.%s", key->value);
	if (i < 0 || !cfg_walk_map(l, val, what, CFG_FIELDS(cert_box_fields), &c->fields[i]))
		return;
	const dh_cert_field *f = &c->fields[i];
	/* The box must lie on the page the blank is. */
	if (f->x_mm + f->w_mm > c->width_mm + 1e-9 || f->y_mm + f->h_mm > c->height_mm + 1e-9)
		cfg_error(l->d, val->line, val->col,
		          "`%s` ra ngoài trang: x + width = %g mm (trang rộng %g mm), y + height = "
		          "%g mm (trang cao %g mm)",
		          what, f->x_mm + f->w_mm, c->width_mm, f->y_mm + f->h_mm, c->height_mm);
}

/* One key per Giấy khen field, as cert_field_keys names them. */
static void cert_fields(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	cfg_walk_keys(l, val, "certificate.fields", cert_field_keys, DH_CERT_FIELDS, cert_field, obj);
}

static const cfg_field cert_page_fields[] = {
    {"width", F_NUM, false, offsetof(dh_certificate, width_mm), 100, 1000, NULL, NULL},
    {"height", F_NUM, false, offsetof(dh_certificate, height_mm), 100, 1000, NULL, NULL},
};

static const cfg_field cert_shift_fields[] = {
    {"x", F_NUM, false, offsetof(dh_certificate, shift_x_mm), -20, 20, NULL, NULL},
    {"y", F_NUM, false, offsetof(dh_certificate, shift_y_mm), -20, 20, NULL, NULL},
};

static const cfg_table cert_page = {"certificate.page", CFG_FIELDS(cert_page_fields)};
static const cfg_table cert_shift = {"certificate.shift", CFG_FIELDS(cert_shift_fields)};

/* In this order: the page is known before a field is checked against it. */
static const cfg_field certificate_fields[] = {
    {"page", F_MAP, false, 0, 0, 0, NULL, &cert_page},
    {"shift", F_MAP, false, 0, 0, 0, NULL, &cert_shift},
    {"fields", F_CUSTOM, false, 0, 0, 0, cert_fields, NULL},
};

const cfg_table cfg_certificate_table = {"certificate", CFG_FIELDS(certificate_fields)};

void cfg_certificate_defaults(dh_certificate *c)
{
	c->width_mm = 297;
	c->height_mm = 210;
	c->shift_x_mm = c->shift_y_mm = 0;
	memcpy(c->fields, cert_field_defaults, sizeof c->fields);
}
