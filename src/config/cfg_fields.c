/* cfg_fields.c — a mapping or a list read through a table of its keys
 * (cfg_internal.h), and the plain values: a key that is not in the table
 * is an error with a suggestion, a required key that is missing is found
 * by walking the table, each value is checked for its type. */
#include "cfg_internal.h"

#include "dienhinh/date.h"
#include "dienhinh/label.h"
#include "dienhinh/plan_terms.h"
#include "dienhinh/utf8.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* The workflow's action names (DH_ACTIONS), so that a `closes:` or a
 * `permissions:` key is checked against the real actions. */
const char *const cfg_action_names[] = {
#define DH_ACTION_NAME(id, name, label) name,
    DH_ACTIONS(DH_ACTION_NAME)
#undef DH_ACTION_NAME
};
#define N_ACTIONS (sizeof cfg_action_names / sizeof cfg_action_names[0])
const size_t cfg_n_actions = N_ACTIONS;
_Static_assert(N_ACTIONS <= CFG_KEYS_MAX, "cfg_check_keys() tracks at most CFG_KEYS_MAX names");

const char *cfg_scalar(cfg_loader *l, const cfg_node *key, const cfg_node *val)
{
	if (val->kind == CFG_SCALAR)
		return val->value;
	cfg_error(l->d, val->line, val->col, "`%s` phải là một giá trị đơn, không phải %s", key->value,
	          val->kind == CFG_SEQ ? "danh sách" : "bảng `khóa: giá trị`");
	return NULL;
}

/* "a, b, c" of NAMES into BUF, for messages that list what is allowed. */
const char *cfg_join(const char *const *names, size_t n, char *buf, size_t size)
{
	size_t o = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < n && o < size; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = strcmp(names[i], names[j]) == 0;
		if (seen)
			continue;
		int w = snprintf(buf + o, size - o, "%s%s", i ? ", " : "", names[i]);
		if (w < 0)
			break;
		o += (size_t)w;
	}
	return buf;
}

/* "— có phải `x`?" or "(chọn một trong: a, b, c)" after an unknown WORD. */
const char *cfg_hint(const char *word, const char *const *names, size_t n, char *buf, size_t size)
{
	const char *s = cfg_suggest(word, names, n);
	if (s) {
		snprintf(buf, size, " — có phải `%s`?", s);
	} else {
		char list[600];
		snprintf(buf, size, " (chọn một trong: %s)", cfg_join(names, n, list, sizeof list));
	}
	return buf;
}

void cfg_check_keys(cfg_loader *l, const cfg_node *map, const char *what, const char *const *names, size_t n)
{
	char shown[80], more[700];
	/* Where each known key was first seen: linear in the keys, whatever
	 * the file repeats. */
	const cfg_node *first[CFG_KEYS_MAX] = {0};
	if (n > CFG_KEYS_MAX)
		n = CFG_KEYS_MAX;
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const cfg_node *k = map->items[i];
		if (cfg_full(l->d)) {
			cfg_error(l->d, 0, 0, "(không hiển thị)");
			continue;
		}
		if (k->kind != CFG_SCALAR) {
			cfg_error(l->d, k->line, k->col, "khóa trong `%s` phải là một từ, không phải %s",
			          what, k->kind == CFG_SEQ ? "danh sách" : "bảng");
			continue;
		}
		size_t j = 0;
		while (j < n && strcmp(k->value, names[j]) != 0)
			j++;
		if (j == n) {
			cfg_error(l->d, k->line, k->col, "khóa không hợp lệ `%s` trong `%s`%s",
			          cfg_show(k->value, shown, sizeof shown), what,
			          cfg_hint(k->value, names, n, more, sizeof more));
		} else if (first[j]) {
			cfg_error(l->d, k->line, k->col, "khóa `%s` lặp lại trong `%s` (đã có ở dòng %d)",
			          k->value, what, first[j]->line);
		} else {
			first[j] = k;
		}
	}
}

/* Whether MAP has an unknown key that the suggestion turns into KEY: the
 * "did you mean" error already says what a "missing KEY" would. */
static bool misspelt(const cfg_node *map, const char *key, const char *const *names, size_t n)
{
	if (map->n > 2 * CFG_KEYS_MAX)
		return false; /* not a typo but a different file: keep it cheap */
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const cfg_node *k = map->items[i];
		if (k->kind != CFG_SCALAR)
			continue;
		const char *s = cfg_suggest(k->value, names, n);
		if (s && strcmp(s, key) == 0 && strcmp(k->value, key) != 0)
			return true;
	}
	return false;
}

bool cfg_walk_map(cfg_loader *l, const cfg_node *map, const char *what, const cfg_field *f, size_t nf,
                  void *obj)
{
	if (map->kind != CFG_MAP) {
		cfg_error(l->d, map->line, map->col, "`%s` phải là một bảng `khóa: giá trị`%s", what,
		          map->kind == CFG_SEQ ? ", không phải danh sách" : "");
		return false;
	}
	const char *names[CFG_KEYS_MAX] = {0};
	size_t n = nf < CFG_KEYS_MAX ? nf : CFG_KEYS_MAX;
	for (size_t i = 0; i < n; i++)
		names[i] = f[i].key;
	cfg_check_keys(l, map, what, names, n);

	for (size_t i = 0; i < nf; i++) {
		const cfg_node *key = NULL;
		const cfg_node *val = cfg_map_get(map, f[i].key, &key);
		if (!val) {
			if (f[i].required && !misspelt(map, f[i].key, names, n))
				cfg_error(l->d, map->line, map->col, "thiếu khóa bắt buộc `%s` trong `%s`",
				          f[i].key, what);
			continue;
		}
		if (cfg_is_null(val)) {
			if (f[i].required)
				cfg_error(l->d, key->line, key->col, "`%s` không được để trống", f[i].key);
			continue;
		}
		cfg_parse_value(l, &f[i], key, val, obj);
	}
	return true;
}

void *cfg_walk_seq(cfg_loader *l, const cfg_node *seq, const char *what, size_t elem_size, const cfg_field *f,
                   size_t nf, size_t *count)
{
	*count = 0;
	if (seq->kind != CFG_SEQ) {
		cfg_error(l->d, seq->line, seq->col, "`%s` phải là một danh sách (mỗi mục bắt đầu bằng `- `)",
		          what);
		return NULL;
	}
	if (seq->n == 0) {
		cfg_error(l->d, seq->line, seq->col, "`%s` không được để trống", what);
		return NULL;
	}
	if (seq->n > CFG_LIST_MAX) {
		cfg_error(l->d, seq->line, seq->col, "`%s` có quá nhiều mục (%zu, tối đa %d)", what, seq->n,
		          CFG_LIST_MAX);
		return NULL;
	}
	char *arr = calloc(seq->n, elem_size);
	if (!arr) {
		cfg_error(l->d, 0, 0, "hết bộ nhớ");
		return NULL;
	}
	for (size_t i = 0; i < seq->n; i++)
		cfg_walk_map(l, seq->items[i], what, f, nf, arr + i * elem_size);
	*count = seq->n;
	return arr;
}

void cfg_walk_keys(cfg_loader *l, const cfg_node *map, const char *what, const char *const *keys, size_t n,
                   cfg_custom_fn fn, void *obj)
{
	cfg_field f[CFG_KEYS_MAX];
	if (n > CFG_KEYS_MAX)
		n = CFG_KEYS_MAX;
	for (size_t i = 0; i < n; i++)
		f[i] = (cfg_field){keys[i], F_CUSTOM, false, 0, 0, 0, fn, NULL};
	cfg_walk_map(l, map, what, f, n, obj);
}

void *cfg_walk_keyed_seq(cfg_loader *l, const cfg_node *seq, const char *what, const char *key,
                         size_t elem_size, const cfg_field *f, size_t nf, size_t *count)
{
	void *arr = cfg_walk_seq(l, seq, what, elem_size, f, nf, count);
	cfg_check_unique(l, seq, key, what);
	return arr;
}

/* The types whose value is a string of its own (cfg_parse_value). */
static bool cfg_owns_text(cfg_ftype t)
{
	return t == F_TEXT || t == F_LONGTEXT || t == F_ID || t == F_LOGIN || t == F_URL || t == F_PATH;
}

void cfg_free_texts(void *obj, const cfg_field *f, size_t nf)
{
	for (size_t i = 0; i < nf; i++) {
		void *at = (char *)obj + f[i].offset;
		if (cfg_owns_text(f[i].type))
			free(*(char **)at);
		else if (f[i].type == F_MAP)
			cfg_free_texts(at, f[i].map->fields, f[i].map->n);
	}
}

void cfg_free_seq(void *items, size_t n, size_t elem_size, const cfg_field *f, size_t nf)
{
	for (size_t i = 0; i < n; i++)
		cfg_free_texts((char *)items + i * elem_size, f, nf);
	free(items);
}

/* The value of KEY in item I as a scalar, or NULL. */
const cfg_node *cfg_item_key(const cfg_node *seq, size_t i, const char *key)
{
	const cfg_node *v = cfg_map_get(seq->items[i], key, NULL);
	return v && v->kind == CFG_SCALAR && !cfg_is_null(v) ? v : NULL;
}

void cfg_check_unique(cfg_loader *l, const cfg_node *seq, const char *key, const char *what)
{
	if (!seq || seq->kind != CFG_SEQ || seq->n > CFG_LIST_MAX)
		return;
	const cfg_node *nodes[CFG_LIST_MAX];
	const char *keys[CFG_LIST_MAX];
	size_t first[CFG_LIST_MAX];
	for (size_t i = 0; i < seq->n; i++) {
		nodes[i] = cfg_item_key(seq, i, key);
		keys[i] = nodes[i] ? nodes[i]->value : NULL;
	}
	if (!cfg_first_equal(keys, seq->n, first)) {
		cfg_error(l->d, 0, 0, "hết bộ nhớ");
		return;
	}
	char shown[80];
	for (size_t i = 1; i < seq->n; i++)
		if (first[i] != i)
			cfg_error(l->d, nodes[i]->line, nodes[i]->col,
			          "trùng `%s` `%s` trong `%s` (đã có ở dòng %d)", key,
			          cfg_show(keys[i], shown, sizeof shown), what, nodes[first[i]]->line);
}

/* ---- plain values ---------------------------------------------------- */

char *cfg_take_text(cfg_loader *l, const cfg_node *key, const cfg_node *val, bool newlines, size_t max)
{
	const char *s = cfg_scalar(l, key, val);
	if (!s)
		return NULL;
	const char *why = NULL;
	char *t = utf8_clean(s, newlines, &why);
	if (!t) {
		cfg_error(l->d, val->line, val->col, "`%s`: %s", key->value, why ? why : "hết bộ nhớ");
		return NULL;
	}
	/* A block scalar (`|`, `>`) ends in a line break nobody meant. */
	size_t n = strlen(t);
	while (n > 0 && (t[n - 1] == '\n' || t[n - 1] == ' '))
		t[--n] = '\0';
	if (n == 0) {
		cfg_error(l->d, val->line, val->col, "`%s` không được để trống", key->value);
		free(t);
		return NULL;
	}
	if (n > max) {
		cfg_error(l->d, val->line, val->col, "`%s` quá dài (%zu byte, tối đa %zu)", key->value, n,
		          max);
		free(t);
		return NULL;
	}
	return t;
}

static bool valid_id(const char *s, bool login)
{
	size_t n = strlen(s);
	if (n == 0 || n > CFG_ID_MAX)
		return false;
	if (!((s[0] >= 'a' && s[0] <= 'z') || (login && s[0] == '_')))
		return false;
	for (size_t i = 1; i < n; i++) {
		char c = s[i];
		bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' ||
		          (login && (c == '.' || c == '-'));
		if (!ok)
			return false;
	}
	return true;
}

static bool parse_int(const char *s, long *out)
{
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	errno = 0;
	char *end;
	long v = strtol(s, &end, 10);
	if (errno || *end)
		return false;
	*out = v;
	return true;
}

/* A decimal number written the YAML way ("20", "-3", "20.5", at most three
 * decimals), read without strtod so that the locale's decimal comma (the
 * program runs under vi_VN) cannot change what a file means. */
bool cfg_parse_num(const char *s, double *out)
{
	const char *p = s;
	bool neg = *p == '-';
	if (*p == '-' || *p == '+')
		p++;
	long whole = 0, frac = 0, scale = 1;
	int digits = 0, decimals = 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (++digits > 6)
			return false;
		whole = whole * 10 + (*p - '0');
	}
	if (*p == '.') {
		for (p++; *p >= '0' && *p <= '9'; p++) {
			if (++decimals > 3)
				return false;
			frac = frac * 10 + (*p - '0');
			scale *= 10;
		}
		if (decimals == 0)
			return false;
	}
	if (*p || digits == 0)
		return false;
	double v = (double)whole + (double)frac / (double)scale;
	*out = neg ? -v : v;
	return true;
}

/* "a/b" with optional spaces around the slash; false when not that shape. */
static bool parse_frac(const char *s, long *num, long *den)
{
	char *end;
	const char *p = s;
	while (*p == ' ')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	errno = 0;
	*num = strtol(p, &end, 10);
	p = end;
	while (*p == ' ')
		p++;
	if (*p++ != '/')
		return false;
	while (*p == ' ')
		p++;
	if (*p < '0' || *p > '9' || errno)
		return false;
	*den = strtol(p, &end, 10);
	p = end;
	while (*p == ' ')
		p++;
	return *p == '\0' && !errno;
}

/* YYYY-MM-DD or DD/MM/YYYY by shape, whether or not the day exists. */
static bool date_shaped(const char *s)
{
	size_t n = strlen(s);
	const char *iso = "dddd-dd-dd";
	if (n == 10) {
		bool ok = true;
		for (size_t i = 0; i < n && ok; i++)
			ok = iso[i] == 'd' ? (s[i] >= '0' && s[i] <= '9') : s[i] == iso[i];
		if (ok)
			return true;
	}
	int parts = 0, digits = 0;
	for (const char *p = s;; p++) {
		if (*p >= '0' && *p <= '9') {
			digits++;
		} else if (*p == '/' || *p == '\0') {
			if (digits == 0 || digits > 4)
				return false;
			parts++;
			digits = 0;
			if (*p == '\0')
				break;
		} else {
			return false;
		}
	}
	return parts == 3;
}

void cfg_parse_value(cfg_loader *l, const cfg_field *f, const cfg_node *key, const cfg_node *val, void *obj)
{
	void *dst = (char *)obj + f->offset;
	char shown[80];
	const char *s;

	switch (f->type) {
	case F_CUSTOM: f->custom(l, key, val, obj); return;
	case F_MAP: cfg_walk_map(l, val, f->map->what, f->map->fields, f->map->n, dst); return;
	case F_TEXT: *(char **)dst = cfg_take_text(l, key, val, false, CFG_TEXT_MAX); return;
	case F_LONGTEXT: *(char **)dst = cfg_take_text(l, key, val, true, CFG_LONGTEXT_MAX); return;
	default: break;
	}
	if (!(s = cfg_scalar(l, key, val)))
		return;
	cfg_show(s, shown, sizeof shown);
	switch (f->type) {
	case F_ID:
	case F_LOGIN:
		if (!valid_id(s, f->type == F_LOGIN)) {
			if (f->type == F_LOGIN)
				cfg_error(l->d, val->line, val->col,
				          "tên đăng nhập `%s` không hợp lệ: chữ thường không dấu, chữ số, "
				          "`_`, `.`, "
				          "`-`, bắt đầu bằng chữ, tối đa %d ký tự",
				          shown, CFG_ID_MAX);
			else
				cfg_error(l->d, val->line, val->col,
				          "mã `%s` không hợp lệ: chữ thường không dấu (a–z), chữ số và `_`, "
				          "bắt đầu "
				          "bằng chữ, tối đa %d ký tự",
				          shown, CFG_ID_MAX);
			return;
		}
		if (!(*(char **)dst = strdup(s)))
			cfg_error(l->d, 0, 0, "hết bộ nhớ");
		return;
	case F_INT: {
		long v;
		if (!parse_int(s, &v) || v < f->min || v > f->max) {
			cfg_error(l->d, val->line, val->col,
			          "`%s` phải là một số nguyên từ %d đến %d, không phải `%s`", key->value,
			          f->min, f->max, shown);
			return;
		}
		*(int *)dst = (int)v;
		return;
	}
	case F_NUM: {
		double v;
		if (!cfg_parse_num(s, &v) || v < f->min || v > f->max) {
			cfg_error(l->d, val->line, val->col,
			          "`%s` phải là một số từ %d đến %d, không phải `%s`", key->value, f->min,
			          f->max, shown);
			return;
		}
		*(double *)dst = v;
		return;
	}
	case F_DATE: {
		int ymd;
		if (!date_shaped(s)) {
			cfg_error(l->d, val->line, val->col,
			          "ngày `%s` không đúng dạng YYYY-MM-DD (ví dụ 2021-06-30)", shown);
			return;
		}
		if (date_parse(s, &ymd) != 0) {
			cfg_error(l->d, val->line, val->col, "ngày `%s` không có thật", shown);
			return;
		}
		*(int *)dst = ymd;
		return;
	}
	case F_FRAC: {
		long num, den;
		if (!parse_frac(s, &num, &den)) {
			cfg_error(l->d, val->line, val->col, "tỉ lệ `%s` phải viết dạng a/b, ví dụ \"2/3\"",
			          shown);
			return;
		}
		if (den == 0 || num <= 0 || num > den) {
			cfg_error(l->d, val->line, val->col, "tỉ lệ `%s` phải lớn hơn 0 và không quá 1",
			          shown);
			return;
		}
		if (den > CFG_FRAC_PART_MAX) {
			cfg_error(l->d, val->line, val->col, "tỉ lệ `%s`: mẫu số tối đa %d", shown,
			          CFG_FRAC_PART_MAX);
			return;
		}
		*(dh_frac *)dst = (dh_frac){.num = (int)num, .den = (int)den};
		return;
	}
	case F_BOOL:
		if (strcmp(s, "true") == 0 || strcmp(s, "True") == 0 || strcmp(s, "TRUE") == 0)
			*(bool *)dst = true;
		else if (strcmp(s, "false") == 0 || strcmp(s, "False") == 0 || strcmp(s, "FALSE") == 0)
			*(bool *)dst = false;
		else
			cfg_error(l->d, val->line, val->col, "`%s` phải là true hoặc false, không phải `%s`",
			          key->value, shown);
		return;
	case F_URL: {
		bool ok = strncmp(s, "https://", 8) == 0 || strncmp(s, "http://", 7) == 0;
		for (const char *p = s; ok && *p; p++)
			ok = (unsigned char)*p > 0x20 && *p != 0x7f;
		if (!ok) {
			cfg_error(l->d, val->line, val->col,
			          "địa chỉ `%s` phải bắt đầu bằng https:// hoặc http:// và không có dấu cách",
			          shown);
			return;
		}
		if (!(*(char **)dst = strdup(s)))
			cfg_error(l->d, 0, 0, "hết bộ nhớ");
		return;
	}
	case F_PATH: {
		for (const char *p = s; *p; p++) {
			if ((unsigned char)*p < 0x20 || *p == 0x7f) {
				cfg_error(l->d, val->line, val->col, "đường dẫn `%s` chứa ký tự điều khiển",
				          shown);
				return;
			}
		}
		if (!(*(char **)dst = strdup(s)))
			cfg_error(l->d, 0, 0, "hết bộ nhớ");
		return;
	}
	default: return;
	}
}

/* ---- roles and names from fixed lists -------------------------------- */

/* Index of S in NAMES, or -1 after an error naming WHAT with a hint. */
int cfg_pick(cfg_loader *l, const cfg_node *val, const char *s, const char *what, const char *const *names,
             size_t n)
{
	int i = name_index(names, n, s);
	if (i >= 0)
		return i;
	char shown[80], more[700];
	cfg_error(l->d, val->line, val->col, "%s không hợp lệ `%s`%s", what, cfg_show(s, shown, sizeof shown),
	          cfg_hint(s, names, n, more, sizeof more));
	return -1;
}

int cfg_pick_scalar(cfg_loader *l, const cfg_node *key, const cfg_node *val, const char *what,
                    const char *const *names, size_t n)
{
	const char *s = cfg_scalar(l, key, val);
	return s ? cfg_pick(l, val, s, what, names, n) : -1;
}
