/* config.c — the YAML tree → one validated dh_config.
 *
 * Every mapping is read through a table of its keys, each with a type (and a
 * parser of its own where the type is not a plain value), so a key that is
 * not in the table is an error with a suggestion for free, and a required
 * key that is missing is found by walking the table. Tables are walked in
 * their own order, not the file's: departments are known before people
 * name them, people before the council does. Loading goes on after an
 * error wherever it can, so one run shows every problem. */
#include "dienhinh/config.h"

#include "cfg_internal.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
/* The action names (so that a `closes:` or `permissions:` key is checked
 * against the real actions) and the kinds of candidate. */
#include "dienhinh/plan_terms.h"
#include "dienhinh/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Text bounds in bytes: a name or a label fits a line; a criterion's text
 * may be a paragraph. */
#define TEXT_MAX      1000
#define LONGTEXT_MAX  4000
#define ID_MAX        32
#define FRAC_PART_MAX 1000
#define LIST_MAX      500
/* Keys a mapping may have: the largest table is the actions'. */
#define KEYS_MAX 64

static const struct {
	unsigned bit;
	const char *name;
	const char *label;
} role_table[DH_ROLE_COUNT] = {
    {DH_ROLE_CHIEF, "chief", "Chánh Thanh tra"},
    {DH_ROLE_LEADER, "leader", "Phó Chánh Thanh tra"},
    {DH_ROLE_DEPT_HEAD, "dept_head", "Trưởng phòng"},
    {DH_ROLE_OFFICE, "office", "Cán bộ thi đua - khen thưởng"},
    {DH_ROLE_STAFF, "staff", "Công chức"},
    {DH_ROLE_CHAIR, "chair", "Chủ tịch Hội đồng"},
    {DH_ROLE_VICE_CHAIR, "vice_chair", "Phó Chủ tịch Hội đồng"},
    {DH_ROLE_STANDING, "standing", "Ủy viên thường trực"},
    {DH_ROLE_SECRETARY, "secretary", "Thư ký Hội đồng"},
    {DH_ROLE_MEMBER, "member", "Ủy viên Hội đồng"},
};

#define PERSON_ROLES (DH_ROLE_CHIEF | DH_ROLE_LEADER | DH_ROLE_DEPT_HEAD | DH_ROLE_OFFICE | DH_ROLE_STAFF)
#define COUNCIL_ROLES                                                                                        \
	(DH_ROLE_CHAIR | DH_ROLE_VICE_CHAIR | DH_ROLE_STANDING | DH_ROLE_SECRETARY | DH_ROLE_MEMBER)

static const char *const action_names[] = {
#define DH_ACTION_NAME(id, name, label) name,
    DH_ACTIONS(DH_ACTION_NAME)
#undef DH_ACTION_NAME
};
#define N_ACTIONS (sizeof action_names / sizeof action_names[0])
_Static_assert(N_ACTIONS <= KEYS_MAX, "check_keys() tracks at most KEYS_MAX names");

static const char *const kind_keys[DH_CANDIDATE_KINDS] = {
    [DH_KIND_INDIVIDUAL] = "individual",
    [DH_KIND_COLLECTIVE] = "collective",
    [DH_KIND_MODEL] = "model",
};

unsigned config_role_from_name(const char *name)
{
	for (size_t i = 0; i < DH_ROLE_COUNT; i++)
		if (strcmp(role_table[i].name, name) == 0)
			return role_table[i].bit;
	return 0;
}

const char *config_role_name(unsigned role)
{
	for (size_t i = 0; i < DH_ROLE_COUNT; i++)
		if (role_table[i].bit == role)
			return role_table[i].name;
	return "?";
}

const char *config_role_label(unsigned role)
{
	for (size_t i = 0; i < DH_ROLE_COUNT; i++)
		if (role_table[i].bit == role)
			return role_table[i].label;
	return "?";
}

/* ---- the loader ------------------------------------------------------ */

typedef struct loader {
	cfg_diags *d;
	dh_config *cfg;
	int rules_seen; /* approve_more_than / approve_at_least met in `vote` */
	const cfg_node *at_least_key;
} loader;

typedef enum ftype {
	F_TEXT,     /* one line of NFC text */
	F_LONGTEXT, /* NFC text, line breaks allowed */
	F_ID,       /* a-z, 0-9, _ */
	F_LOGIN,    /* a Unix login */
	F_INT,      /* within [min, max] */
	F_NUM,      /* a number, decimals allowed ("20.5"), within [min, max] → double */
	F_DATE,     /* a real date → YYYYMMDD */
	F_FRAC,     /* "a/b" in (0, 1] */
	F_BOOL,
	F_URL,
	F_PATH,   /* bytes kept as they are */
	F_CUSTOM, /* the field's own parser */
} ftype;

typedef void (*custom_fn)(loader *l, const cfg_node *key, const cfg_node *val, void *obj);

typedef struct field {
	const char *key;
	ftype type;
	bool required;
	size_t offset; /* where the value goes in OBJ (not F_CUSTOM) */
	int min, max;  /* F_INT, F_NUM */
	custom_fn custom;
} field;

#define FIELDS(t) (t), (sizeof(t) / sizeof((t)[0]))

static bool walk_map(loader *l, const cfg_node *map, const char *what, const field *f, size_t nf, void *obj);
static void check_keys(loader *l, const cfg_node *map, const char *what, const char *const *names, size_t n);
static void *walk_seq(loader *l, const cfg_node *seq, const char *what, size_t elem_size, const field *f,
                      size_t nf, size_t *count);
static void check_unique(loader *l, const cfg_node *seq, const char *key, const char *what);
static void parse_value(loader *l, const field *f, const cfg_node *key, const cfg_node *val, void *obj);

static const char *scalar(loader *l, const cfg_node *key, const cfg_node *val)
{
	if (val->kind == CFG_SCALAR)
		return val->value;
	cfg_error(l->d, val->line, val->col, "`%s` phải là một giá trị đơn, không phải %s", key->value,
	          val->kind == CFG_SEQ ? "danh sách" : "bảng `khóa: giá trị`");
	return NULL;
}

/* "a, b, c" of NAMES into BUF, for messages that list what is allowed. */
static const char *join(const char *const *names, size_t n, char *buf, size_t size)
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
static const char *hint(const char *word, const char *const *names, size_t n, char *buf, size_t size)
{
	const char *s = cfg_suggest(word, names, n);
	if (s) {
		snprintf(buf, size, " — có phải `%s`?", s);
	} else {
		char list[600];
		snprintf(buf, size, " (chọn một trong: %s)", join(names, n, list, sizeof list));
	}
	return buf;
}

static void check_keys(loader *l, const cfg_node *map, const char *what, const char *const *names, size_t n)
{
	char shown[80], more[700];
	/* Where each known key was first seen: linear in the keys, whatever
	 * the file repeats. */
	const cfg_node *first[KEYS_MAX] = {0};
	if (n > KEYS_MAX)
		n = KEYS_MAX;
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
			          hint(k->value, names, n, more, sizeof more));
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
	if (map->n > 2 * KEYS_MAX)
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

static bool walk_map(loader *l, const cfg_node *map, const char *what, const field *f, size_t nf, void *obj)
{
	if (map->kind != CFG_MAP) {
		cfg_error(l->d, map->line, map->col, "`%s` phải là một bảng `khóa: giá trị`%s", what,
		          map->kind == CFG_SEQ ? ", không phải danh sách" : "");
		return false;
	}
	const char *names[KEYS_MAX] = {0};
	size_t n = nf < KEYS_MAX ? nf : KEYS_MAX;
	for (size_t i = 0; i < n; i++)
		names[i] = f[i].key;
	check_keys(l, map, what, names, n);

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
		parse_value(l, &f[i], key, val, obj);
	}
	return true;
}

static void *walk_seq(loader *l, const cfg_node *seq, const char *what, size_t elem_size, const field *f,
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
	if (seq->n > LIST_MAX) {
		cfg_error(l->d, seq->line, seq->col, "`%s` có quá nhiều mục (%zu, tối đa %d)", what, seq->n,
		          LIST_MAX);
		return NULL;
	}
	char *arr = calloc(seq->n, elem_size);
	if (!arr) {
		cfg_error(l->d, 0, 0, "hết bộ nhớ");
		return NULL;
	}
	for (size_t i = 0; i < seq->n; i++)
		walk_map(l, seq->items[i], what, f, nf, arr + i * elem_size);
	*count = seq->n;
	return arr;
}

/* The value of KEY in item I as a scalar, or NULL. */
static const cfg_node *item_key(const cfg_node *seq, size_t i, const char *key)
{
	const cfg_node *v = cfg_map_get(seq->items[i], key, NULL);
	return v && v->kind == CFG_SCALAR && !cfg_is_null(v) ? v : NULL;
}

static void check_unique(loader *l, const cfg_node *seq, const char *key, const char *what)
{
	if (!seq || seq->kind != CFG_SEQ || seq->n > LIST_MAX)
		return;
	const cfg_node *nodes[LIST_MAX];
	const char *keys[LIST_MAX];
	size_t first[LIST_MAX];
	for (size_t i = 0; i < seq->n; i++) {
		nodes[i] = item_key(seq, i, key);
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

static char *take_text(loader *l, const cfg_node *key, const cfg_node *val, bool newlines, size_t max)
{
	const char *s = scalar(l, key, val);
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
	if (n == 0 || n > ID_MAX)
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
static bool parse_num(const char *s, double *out)
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

static void parse_value(loader *l, const field *f, const cfg_node *key, const cfg_node *val, void *obj)
{
	void *dst = (char *)obj + f->offset;
	char shown[80];
	const char *s;

	switch (f->type) {
	case F_CUSTOM: f->custom(l, key, val, obj); return;
	case F_TEXT: *(char **)dst = take_text(l, key, val, false, TEXT_MAX); return;
	case F_LONGTEXT: *(char **)dst = take_text(l, key, val, true, LONGTEXT_MAX); return;
	default: break;
	}
	if (!(s = scalar(l, key, val)))
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
				          shown, ID_MAX);
			else
				cfg_error(l->d, val->line, val->col,
				          "mã `%s` không hợp lệ: chữ thường không dấu (a–z), chữ số và `_`, "
				          "bắt đầu "
				          "bằng chữ, tối đa %d ký tự",
				          shown, ID_MAX);
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
		if (!parse_num(s, &v) || v < f->min || v > f->max) {
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
		if (den > FRAC_PART_MAX) {
			cfg_error(l->d, val->line, val->col, "tỉ lệ `%s`: mẫu số tối đa %d", shown,
			          FRAC_PART_MAX);
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
static int pick(loader *l, const cfg_node *val, const char *s, const char *what, const char *const *names,
                size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(s, names[i]) == 0)
			return (int)i;
	char shown[80], more[700];
	cfg_error(l->d, val->line, val->col, "%s không hợp lệ `%s`%s", what, cfg_show(s, shown, sizeof shown),
	          hint(s, names, n, more, sizeof more));
	return -1;
}

/* Names of the roles in MASK, in table order. */
static size_t role_names(unsigned mask, const char **names)
{
	size_t n = 0;
	for (size_t i = 0; i < DH_ROLE_COUNT; i++)
		if (role_table[i].bit & mask)
			names[n++] = role_table[i].name;
	return n;
}

/* One role of ALLOWED from VAL, or 0 after an error. */
static unsigned one_role(loader *l, const cfg_node *val, unsigned allowed)
{
	const char *names[DH_ROLE_COUNT];
	size_t n = role_names(allowed, names);
	char shown[80], list[200];
	unsigned bit = config_role_from_name(val->value);
	if (bit && !(bit & allowed)) {
		if (bit & COUNCIL_ROLES)
			cfg_error(l->d, val->line, val->col,
			          "`%s` là vai trò trong Hội đồng: khai báo ở `council.members`, không ở "
			          "`roles` (%s)",
			          val->value, join(names, n, list, sizeof list));
		else
			cfg_error(l->d, val->line, val->col,
			          "`%s` không phải vai trò trong Hội đồng (chọn một trong: %s)", val->value,
			          join(names, n, list, sizeof list));
		return 0;
	}
	if (!bit) {
		int i = pick(l, val, cfg_show(val->value, shown, sizeof shown), "vai trò", names, n);
		return i < 0 ? 0 : config_role_from_name(names[i]);
	}
	return bit;
}

/* A list of roles (or a single one) from ALLOWED into a mask. */
static unsigned role_list(loader *l, const cfg_node *key, const cfg_node *val, unsigned allowed,
                          bool may_be_empty)
{
	if (val->kind == CFG_SCALAR)
		return one_role(l, val, allowed);
	if (val->kind != CFG_SEQ) {
		cfg_error(l->d, val->line, val->col, "`%s` phải là một danh sách vai trò, ví dụ [staff]",
		          key->value);
		return 0;
	}
	if (val->n == 0 && !may_be_empty) {
		cfg_error(l->d, val->line, val->col, "`%s` cần ít nhất một vai trò", key->value);
		return 0;
	}
	unsigned mask = 0;
	for (size_t i = 0; i < val->n; i++) {
		const cfg_node *it = val->items[i];
		if (it->kind != CFG_SCALAR) {
			cfg_error(l->d, it->line, it->col, "mỗi vai trò là một từ, ví dụ `staff`");
			continue;
		}
		unsigned bit = one_role(l, it, allowed);
		if (bit & mask)
			cfg_error(l->d, it->line, it->col, "vai trò `%s` lặp lại", it->value);
		mask |= bit;
	}
	return mask;
}

static const dh_department *find_department(const dh_config *cfg, const char *id)
{
	for (size_t i = 0; i < cfg->n_departments; i++)
		if (cfg->departments[i].id && strcmp(cfg->departments[i].id, id) == 0)
			return &cfg->departments[i];
	return NULL;
}

static dh_person *find_person(const dh_config *cfg, const char *login)
{
	for (size_t i = 0; i < cfg->n_people; i++)
		if (cfg->people[i].login && strcmp(cfg->people[i].login, login) == 0)
			return &cfg->people[i];
	return NULL;
}

/* ---- sections -------------------------------------------------------- */

static const field organization_fields[] = {
    {"name", F_TEXT, true, offsetof(dh_config, organization.name), 0, 0, NULL},
    {"short", F_TEXT, true, offsetof(dh_config, organization.short_name), 0, 0, NULL},
    {"website", F_URL, false, offsetof(dh_config, organization.website), 0, 0, NULL},
    {"parent", F_TEXT, false, offsetof(dh_config, organization.parent), 0, 0, NULL},
    {"parent_short", F_TEXT, false, offsetof(dh_config, organization.parent_short), 0, 0, NULL},
    {"place", F_TEXT, false, offsetof(dh_config, organization.place), 0, 0, NULL},
    {"title", F_TEXT, false, offsetof(dh_config, organization.title), 0, 0, NULL},
};

static const field plan_fields[] = {
    {"year", F_INT, true, offsetof(dh_config, plan.year), 2000, 2100, NULL},
    {"title", F_TEXT, true, offsetof(dh_config, plan.title), 0, 0, NULL},
};

static const field storage_fields[] = {
    {"path", F_PATH, true, offsetof(dh_config, storage_path), 0, 0, NULL},
    {"max_readers", F_INT, false, offsetof(dh_config, storage_max_readers), 16, 65536, NULL},
};

static const field department_fields[] = {
    {"id", F_ID, true, offsetof(dh_department, id), 0, 0, NULL},
    {"name", F_TEXT, true, offsetof(dh_department, name), 0, 0, NULL},
    {"short", F_TEXT, false, offsetof(dh_department, short_name), 0, 0, NULL},
};

static void person_roles(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	((dh_person *)obj)->roles = role_list(l, key, val, PERSON_ROLES, false);
}

static const field person_fields[] = {
    {"login", F_LOGIN, true, offsetof(dh_person, login), 0, 0, NULL},
    {"name", F_TEXT, true, offsetof(dh_person, name), 0, 0, NULL},
    {"position", F_TEXT, false, offsetof(dh_person, position), 0, 0, NULL},
    {"department", F_ID, true, offsetof(dh_person, department), 0, 0, NULL},
    {"roles", F_CUSTOM, true, 0, 0, 0, person_roles},
};

static void member_role(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	if (scalar(l, key, val))
		((dh_council_member *)obj)->role = one_role(l, val, COUNCIL_ROLES);
}

static const field member_fields[] = {
    {"login", F_LOGIN, true, offsetof(dh_council_member, login), 0, 0, NULL},
    {"role", F_CUSTOM, true, 0, 0, 0, member_role},
};

static void vote_method(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	static const char *const names[] = {"secret", "open"};
	const char *s = scalar(l, key, val);
	int i = s ? pick(l, val, s, "cách biểu quyết", names, 2) : -1;
	if (i >= 0)
		((dh_council *)obj)->method = i == 0 ? DH_VOTE_SECRET : DH_VOTE_OPEN;
}

static void vote_base(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	static const char *const names[] = {"members", "present"};
	const char *s = scalar(l, key, val);
	int i = s ? pick(l, val, s, "cách tính tỉ lệ (`of`)", names, 2) : -1;
	if (i >= 0)
		((dh_council *)obj)->base = i == 0 ? DH_BASE_MEMBERS : DH_BASE_PRESENT;
}

static void vote_rule(loader *l, const cfg_node *key, const cfg_node *val, void *obj, dh_vote_rule rule)
{
	static const field frac = {"", F_FRAC, true, offsetof(dh_council, threshold), 0, 0, NULL};
	dh_council *c = obj;
	l->rules_seen++;
	if (rule == DH_RULE_AT_LEAST)
		l->at_least_key = key;
	c->rule = rule;
	parse_value(l, &frac, key, val, obj);
}

static void vote_more_than(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	vote_rule(l, key, val, obj, DH_RULE_MORE_THAN);
}

static void vote_at_least(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	vote_rule(l, key, val, obj, DH_RULE_AT_LEAST);
}

static const field vote_fields[] = {
    {"method", F_CUSTOM, true, 0, 0, 0, vote_method},
    {"approve_more_than", F_CUSTOM, false, 0, 0, 0, vote_more_than},
    {"approve_at_least", F_CUSTOM, false, 0, 0, 0, vote_at_least},
    {"of", F_CUSTOM, true, 0, 0, 0, vote_base},
    {"written_votes", F_BOOL, false, offsetof(dh_council, written_votes_count), 0, 0, NULL},
};

static void council_vote(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	l->rules_seen = 0;
	l->at_least_key = NULL;
	if (!walk_map(l, val, "council.vote", FIELDS(vote_fields), obj))
		return;
	if (l->rules_seen == 0)
		cfg_error(l->d, val->line, val->col,
		          "`council.vote` cần ngưỡng đạt: `approve_more_than` (trên …) hoặc "
		          "`approve_at_least` (từ … "
		          "trở lên)");
	else if (l->rules_seen > 1 && l->at_least_key)
		cfg_error(l->d, l->at_least_key->line, l->at_least_key->col,
		          "chỉ dùng một trong hai: `approve_more_than` hoặc `approve_at_least`");
}

static void council_recuse(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	static const char *const names[] = {"self", "department"};
	dh_council *c = obj;
	c->recuse_self = false;
	if (val->kind != CFG_SEQ) {
		cfg_error(l->d, val->line, val->col,
		          "`%s` phải là một danh sách, ví dụ [self] hoặc [self, department]", key->value);
		return;
	}
	bool seen[2] = {false, false};
	for (size_t i = 0; i < val->n; i++) {
		const cfg_node *it = val->items[i];
		const char *s = scalar(l, key, it);
		int k = s ? pick(l, it, s, "trường hợp không biểu quyết", names, 2) : -1;
		if (k < 0)
			continue;
		if (seen[k])
			cfg_error(l->d, it->line, it->col, "`%s` lặp lại", s);
		seen[k] = true;
	}
	c->recuse_self = seen[0];
	c->recuse_department = seen[1];
}

static void council_members(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	dh_council *c = obj;
	c->members =
	    walk_seq(l, val, "council.members", sizeof *c->members, FIELDS(member_fields), &c->n_members);
	if (!c->members)
		return;
	check_unique(l, val, "login", "council.members");

	char shown[80], more[700];
	const char **logins = calloc(l->cfg->n_people + 1, sizeof *logins);
	size_t nl = 0;
	for (size_t i = 0; logins && i < l->cfg->n_people; i++)
		if (l->cfg->people[i].login)
			logins[nl++] = l->cfg->people[i].login;
	const cfg_node *first_chair = NULL, *first_secretary = NULL;
	for (size_t i = 0; i < c->n_members; i++) {
		const dh_council_member *m = &c->members[i];
		const cfg_node *login = item_key(val, i, "login");
		/* No people (cut for being too many, or missing): that error
		 * says it; one per member would only repeat it. */
		if (m->login && login && l->cfg->people && !find_person(l->cfg, m->login))
			cfg_error(l->d, login->line, login->col,
			          "thành viên Hội đồng `%s` không có trong danh sách `people`%s",
			          cfg_show(m->login, shown, sizeof shown),
			          logins ? hint(m->login, logins, nl, more, sizeof more) : "");
		const cfg_node *role = item_key(val, i, "role");
		if (m->role == DH_ROLE_CHAIR) {
			if (first_chair)
				cfg_error(l->d, role->line, role->col,
				          "Hội đồng chỉ có một Chủ tịch (đã có ở dòng %d)",
				          first_chair->line);
			else
				first_chair = role;
		}
		if (m->role == DH_ROLE_SECRETARY) {
			if (first_secretary)
				cfg_error(l->d, role->line, role->col,
				          "Hội đồng chỉ có một Thư ký (đã có ở dòng %d)",
				          first_secretary->line);
			else
				first_secretary = role;
		}
	}
	free(logins);
	if (!first_chair)
		cfg_error(l->d, val->line, val->col,
		          "Hội đồng cần một thành viên có `role: chair` (Chủ tịch)");
}

static const field council_fields[] = {
    {"name", F_TEXT, true, offsetof(dh_council, name), 0, 0, NULL},
    {"members", F_CUSTOM, true, 0, 0, 0, council_members},
    {"quorum", F_FRAC, true, offsetof(dh_council, quorum), 0, 0, NULL},
    {"vote", F_CUSTOM, true, 0, 0, 0, council_vote},
    {"recuse", F_CUSTOM, false, 0, 0, 0, council_recuse},
};

static const field criterion_fields[] = {
    {"id", F_ID, true, offsetof(dh_criterion, id), 0, 0, NULL},
    {"text", F_LONGTEXT, true, offsetof(dh_criterion, text), 0, 0, NULL},
};

static void criteria_list(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	dh_criteria *c = obj;
	for (int k = 0; k < DH_CANDIDATE_KINDS; k++) {
		if (strcmp(key->value, kind_keys[k]) != 0)
			continue;
		char what[40];
		snprintf(what, sizeof what, "criteria.%s", kind_keys[k]);
		c->list[k] = walk_seq(l, val, what, sizeof *c->list[k], FIELDS(criterion_fields), &c->n[k]);
		check_unique(l, val, "id", what);
	}
}

static const field criteria_fields[] = {
    {"new_factor_min", F_INT, true, offsetof(dh_criteria, new_factor_min), 1, 50, NULL},
    {"individual", F_CUSTOM, true, 0, 0, 0, criteria_list},
    {"collective", F_CUSTOM, true, 0, 0, 0, criteria_list},
    {"model", F_CUSTOM, true, 0, 0, 0, criteria_list},
};

static void deadline_closes(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	const char *s = scalar(l, key, val);
	int i = s ? pick(l, val, s, "thao tác", action_names, N_ACTIONS) : -1;
	if (i >= 0 && !(((dh_deadline *)obj)->closes = strdup(action_names[i])))
		cfg_error(l->d, 0, 0, "hết bộ nhớ");
}

static const field deadline_fields[] = {
    {"id", F_ID, true, offsetof(dh_deadline, id), 0, 0, NULL},
    {"label", F_TEXT, true, offsetof(dh_deadline, label), 0, 0, NULL},
    {"date", F_DATE, true, offsetof(dh_deadline, date), 0, 0, NULL},
    {"closes", F_CUSTOM, false, 0, 0, 0, deadline_closes},
};

static const field award_fields[] = {
    {"id", F_ID, true, offsetof(dh_award, id), 0, 0, NULL},
    {"name", F_TEXT, true, offsetof(dh_award, name), 0, 0, NULL},
};

static const field hold_fields[] = {
    {"id", F_ID, true, offsetof(dh_hold_kind, id), 0, 0, NULL},
    {"label", F_TEXT, true, offsetof(dh_hold_kind, label), 0, 0, NULL},
    {"basis", F_TEXT, false, offsetof(dh_hold_kind, basis), 0, 0, NULL},
    {"discipline", F_BOOL, false, offsetof(dh_hold_kind, discipline), 0, 0, NULL},
};

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
	for (int i = 0; i < DH_DOC_CODES; i++)
		if (strcmp(doc_kind_keys[i], key) == 0)
			return i;
	return -1;
}

/* A number in [MIN, MAX] at *DST, or an error whose words come from RULE
 * ("lề trên, lề dưới", "Nghị định 30/2020/NĐ-CP"). */
static void take_num(loader *l, const cfg_node *key, const cfg_node *val, double min, double max,
                     const char *unit, const char *rule, double *dst)
{
	const char *s = scalar(l, key, val);
	if (!s)
		return;
	char shown[80];
	double v;
	if (!parse_num(s, &v)) {
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

static void doc_margin(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
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

static const field doc_page_fields[] = {
    {"top", F_CUSTOM, false, 0, 0, 0, doc_margin},
    {"bottom", F_CUSTOM, false, 0, 0, 0, doc_margin},
    {"left", F_CUSTOM, false, 0, 0, 0, doc_margin},
    {"right", F_CUSTOM, false, 0, 0, 0, doc_margin},
};

static void doc_page(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	walk_map(l, val, "documents.page", FIELDS(doc_page_fields), obj);
}

static void doc_font_size(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	take_num(l, key, val, 13, 14, "pt", " (cỡ chữ nội dung văn bản theo Nghị định 30/2020/NĐ-CP)",
	         &((dh_documents *)obj)->font_pt);
}

static void doc_code(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	int i = doc_kind_index(key->value);
	dh_documents *d = obj;
	if (i >= 0 && !d->codes[i])
		d->codes[i] = take_text(l, key, val, false, ID_MAX * 2);
}

/* A list of one-line texts (nơi nhận, căn cứ): the "- " and the ";" or "."
 * a clerk may type out of habit are the writer's to add, so they go. */
static char **text_list(loader *l, const cfg_node *key, const cfg_node *val, const char *what, size_t *count)
{
	*count = 0;
	if (val->kind != CFG_SEQ) {
		cfg_error(l->d, val->line, val->col,
		          "`%s` phải là một danh sách (mỗi dòng bắt đầu bằng `- `)", what);
		return NULL;
	}
	if (val->n > LIST_MAX) {
		cfg_error(l->d, val->line, val->col, "`%s` có quá nhiều mục (%zu, tối đa %d)", what, val->n,
		          LIST_MAX);
		return NULL;
	}
	char **v = calloc(val->n + 1, sizeof *v);
	if (!v) {
		cfg_error(l->d, 0, 0, "hết bộ nhớ");
		return NULL;
	}
	size_t n = 0;
	for (size_t i = 0; i < val->n; i++) {
		char *t = take_text(l, key, val->items[i], false, TEXT_MAX);
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

static void doc_recipients_of(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	int i = doc_kind_index(key->value);
	dh_documents *d = obj;
	char what[64];
	if (i < 0 || d->recipients[i])
		return;
	snprintf(what, sizeof what, "documents.recipients.%s", key->value);
	d->recipients[i] = text_list(l, key, val, what, &d->n_recipients[i]);
}

#define DOC_KIND_FIELDS(fn)                                                                                  \
	{"minutes", F_CUSTOM, false, 0, 0, 0, fn}, {"proposal", F_CUSTOM, false, 0, 0, 0, fn},               \
	    {"registrations", F_CUSTOM, false, 0, 0, 0, fn}, {"decision", F_CUSTOM, false, 0, 0, 0, fn},     \
	    {"review", F_CUSTOM, false, 0, 0, 0, fn}, {"ballot", F_CUSTOM, false, 0, 0, 0, fn},              \
	{                                                                                                    \
		"award", F_CUSTOM, false, 0, 0, 0, fn                                                        \
	}

static const field doc_code_fields[] = {DOC_KIND_FIELDS(doc_code)};
static const field doc_recipient_fields[] = {DOC_KIND_FIELDS(doc_recipients_of)};

static void doc_codes(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	walk_map(l, val, "documents.codes", FIELDS(doc_code_fields), obj);
}

static void doc_recipients(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	walk_map(l, val, "documents.recipients", FIELDS(doc_recipient_fields), obj);
}

static void doc_basis(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	dh_documents *d = obj;
	d->basis = text_list(l, key, val, "documents.basis", &d->n_basis);
}

static const field documents_fields[] = {
    {"folder", F_PATH, false, offsetof(dh_documents, folder), 0, 0, NULL},
    {"page", F_CUSTOM, false, 0, 0, 0, doc_page},
    {"font_size", F_CUSTOM, false, 0, 0, 0, doc_font_size},
    {"codes", F_CUSTOM, false, 0, 0, 0, doc_codes},
    {"recipients", F_CUSTOM, false, 0, 0, 0, doc_recipients},
    {"basis", F_CUSTOM, false, 0, 0, 0, doc_basis},
};

static void documents_defaults(dh_documents *d)
{
	d->top_mm = 20;
	d->bottom_mm = 20;
	d->left_mm = 30;
	d->right_mm = 15;
	d->font_pt = 14;
}

/* What every loaded config has, whether or not the file says it. */
static void documents_finish(loader *l, dh_documents *d)
{
	if (!d->folder && !(d->folder = strdup("~/dienhinh-van-ban")))
		cfg_error(l->d, 0, 0, "hết bộ nhớ");
	for (int i = 0; i < DH_DOC_CODES; i++)
		if (!d->codes[i] && !(d->codes[i] = strdup(doc_code_defaults[i])))
			cfg_error(l->d, 0, 0, "hết bộ nhớ");
}

static void top_documents(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	walk_map(l, val, "documents", FIELDS(documents_fields), &((dh_config *)obj)->documents);
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

static void cert_align(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	static const char *const names[] = {"left", "center", "right"};
	const char *s = scalar(l, key, val);
	int i = s ? pick(l, val, s, "cách căn lề", names, 3) : -1;
	if (i >= 0)
		((dh_cert_field *)obj)->align = i;
}

/* Bounds checked here only loosely: against the page in cert_fields(). */
static const field cert_box_fields[] = {
    {"x", F_NUM, false, offsetof(dh_cert_field, x_mm), 0, 1000, NULL},
    {"y", F_NUM, false, offsetof(dh_cert_field, y_mm), 0, 1000, NULL},
    {"width", F_NUM, false, offsetof(dh_cert_field, w_mm), 1, 1000, NULL},
    {"height", F_NUM, false, offsetof(dh_cert_field, h_mm), 1, 1000, NULL},
    {"size", F_NUM, false, offsetof(dh_cert_field, size_pt), 6, 72, NULL},
    {"bold", F_BOOL, false, offsetof(dh_cert_field, bold), 0, 0, NULL},
    {"italic", F_BOOL, false, offsetof(dh_cert_field, italic), 0, 0, NULL},
    {"align", F_CUSTOM, false, 0, 0, 0, cert_align},
    {"show", F_BOOL, false, offsetof(dh_cert_field, shown), 0, 0, NULL},
};

static void cert_field(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	dh_certificate *c = obj;
	for (int i = 0; i < DH_CERT_FIELDS; i++) {
		if (strcmp(key->value, cert_field_keys[i]) != 0)
			continue;
		char what[64];
		snprintf(what, sizeof what, "certificate.fields.%s", key->value);
		if (!walk_map(l, val, what, FIELDS(cert_box_fields), &c->fields[i]))
			return;
		const dh_cert_field *f = &c->fields[i];
		/* The box must lie on the page the blank is. */
		if (f->x_mm + f->w_mm > c->width_mm + 1e-9 || f->y_mm + f->h_mm > c->height_mm + 1e-9)
			cfg_error(l->d, val->line, val->col,
			          "`%s` ra ngoài trang: x + width = %g mm (trang rộng %g mm), y + height = "
			          "%g mm (trang cao %g mm)",
			          what, f->x_mm + f->w_mm, c->width_mm, f->y_mm + f->h_mm, c->height_mm);
		return;
	}
}

static const field cert_fields_fields[] = {
    {"name", F_CUSTOM, false, 0, 0, 0, cert_field},
    {"position", F_CUSTOM, false, 0, 0, 0, cert_field},
    {"unit", F_CUSTOM, false, 0, 0, 0, cert_field},
    {"achievement", F_CUSTOM, false, 0, 0, 0, cert_field},
    {"decision", F_CUSTOM, false, 0, 0, 0, cert_field},
    {"book", F_CUSTOM, false, 0, 0, 0, cert_field},
    {"place_date", F_CUSTOM, false, 0, 0, 0, cert_field},
    {"signer_title", F_CUSTOM, false, 0, 0, 0, cert_field},
    {"signer_name", F_CUSTOM, false, 0, 0, 0, cert_field},
};
_Static_assert(sizeof cert_fields_fields / sizeof cert_fields_fields[0] == DH_CERT_FIELDS,
               "one key per Giấy khen field");

static const field cert_page_fields[] = {
    {"width", F_NUM, false, offsetof(dh_certificate, width_mm), 100, 1000, NULL},
    {"height", F_NUM, false, offsetof(dh_certificate, height_mm), 100, 1000, NULL},
};

static const field cert_shift_fields[] = {
    {"x", F_NUM, false, offsetof(dh_certificate, shift_x_mm), -20, 20, NULL},
    {"y", F_NUM, false, offsetof(dh_certificate, shift_y_mm), -20, 20, NULL},
};

static void cert_page(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	walk_map(l, val, "certificate.page", FIELDS(cert_page_fields), obj);
}

static void cert_shift(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	walk_map(l, val, "certificate.shift", FIELDS(cert_shift_fields), obj);
}

static void cert_fields(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	walk_map(l, val, "certificate.fields", FIELDS(cert_fields_fields), obj);
}

/* In this order: the page is known before a field is checked against it. */
static const field certificate_fields[] = {
    {"page", F_CUSTOM, false, 0, 0, 0, cert_page},
    {"shift", F_CUSTOM, false, 0, 0, 0, cert_shift},
    {"fields", F_CUSTOM, false, 0, 0, 0, cert_fields},
};

static void certificate_defaults(dh_certificate *c)
{
	c->width_mm = 297;
	c->height_mm = 210;
	c->shift_x_mm = c->shift_y_mm = 0;
	memcpy(c->fields, cert_field_defaults, sizeof c->fields);
}

static void top_certificate(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	walk_map(l, val, "certificate", FIELDS(certificate_fields), &((dh_config *)obj)->certificate);
}

static void top_organization(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	walk_map(l, val, "organization", FIELDS(organization_fields), obj);
}

static void top_plan(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	walk_map(l, val, "plan", FIELDS(plan_fields), obj);
}

static void top_storage(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	walk_map(l, val, "storage", FIELDS(storage_fields), obj);
}

static void top_departments(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	dh_config *cfg = obj;
	cfg->departments = walk_seq(l, val, "departments", sizeof *cfg->departments,
	                            FIELDS(department_fields), &cfg->n_departments);
	check_unique(l, val, "id", "departments");
	/* Names are matched case-insensitively by import: they must differ so.
	 * Each name is folded once and the keys sorted (n log n, whatever
	 * prefix the names share). */
	size_t n = cfg->n_departments;
	char *keys[LIST_MAX] = {NULL};
	size_t first[LIST_MAX];
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++)
		ok = !cfg->departments[i].name || (keys[i] = utf8_casefold(cfg->departments[i].name));
	if (!ok || !cfg_first_equal((const char *const *)keys, n, first)) {
		cfg_error(l->d, 0, 0, "hết bộ nhớ");
		n = 0;
	}
	char shown[80];
	for (size_t i = 1; i < n; i++) {
		if (first[i] == i)
			continue;
		const cfg_node *dup = item_key(val, i, "name");
		const cfg_node *was = item_key(val, first[i], "name");
		cfg_error(l->d, dup->line, dup->col, "trùng tên phòng `%s` (đã có ở dòng %d)",
		          cfg_show(cfg->departments[i].name, shown, sizeof shown), was->line);
	}
	for (size_t i = 0; i < cfg->n_departments; i++)
		free(keys[i]);
}

static void top_people(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	dh_config *cfg = obj;
	cfg->people = walk_seq(l, val, "people", sizeof *cfg->people, FIELDS(person_fields), &cfg->n_people);
	if (!cfg->people)
		return;
	check_unique(l, val, "login", "people");

	const char **ids = calloc(cfg->n_departments + 1, sizeof *ids);
	size_t nd = 0;
	for (size_t i = 0; ids && i < cfg->n_departments; i++)
		if (cfg->departments[i].id)
			ids[nd++] = cfg->departments[i].id;
	char shown[80], more[700];
	bool chief = false;
	for (size_t i = 0; i < cfg->n_people; i++) {
		const dh_person *p = &cfg->people[i];
		chief |= (p->roles & DH_ROLE_CHIEF) != 0;
		const cfg_node *dep = item_key(val, i, "department");
		if (p->department && dep && cfg->departments && !find_department(cfg, p->department))
			cfg_error(l->d, dep->line, dep->col, "phòng `%s` không có trong `departments`%s",
			          cfg_show(p->department, shown, sizeof shown),
			          ids ? hint(p->department, ids, nd, more, sizeof more) : "");
	}
	free(ids);
	if (!chief)
		cfg_error(l->d, key->line, key->col,
		          "`people` cần một người có vai trò `chief` (Chánh Thanh tra): chỉ người đó được "
		          "quyết định "
		          "công nhận, khen thưởng");
}

static void top_council(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	dh_config *cfg = obj;
	cfg->council.recuse_self = true; /* a nominee never votes on themselves unless config says so */
	walk_map(l, val, "council", FIELDS(council_fields), &cfg->council);
	for (size_t i = 0; i < cfg->council.n_members; i++) {
		const dh_council_member *m = &cfg->council.members[i];
		dh_person *p = m->login ? find_person(cfg, m->login) : NULL;
		if (p)
			p->roles |= m->role;
	}
}

static void top_criteria(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	dh_criteria *c = &((dh_config *)obj)->criteria;
	if (!walk_map(l, val, "criteria", FIELDS(criteria_fields), c))
		return;
	const cfg_node *min = cfg_map_get(val, "new_factor_min", NULL);
	for (int k = 0; k < DH_CANDIDATE_KINDS && min && c->new_factor_min > 0; k++) {
		if (c->list[k] && (size_t)c->new_factor_min > c->n[k]) {
			cfg_error(l->d, min->line, min->col,
			          "`new_factor_min` = %d nhiều hơn số tiêu chí của `%s` (%zu)",
			          c->new_factor_min, kind_keys[k], c->n[k]);
			break;
		}
	}
}

static void top_deadlines(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	dh_config *cfg = obj;
	cfg->deadlines =
	    walk_seq(l, val, "deadlines", sizeof *cfg->deadlines, FIELDS(deadline_fields), &cfg->n_deadlines);
	if (!cfg->deadlines)
		return;
	check_unique(l, val, "id", "deadlines");
	check_unique(l, val, "closes", "deadlines");
	char iso[11];
	for (size_t i = 0; i < cfg->n_deadlines; i++) {
		int y = cfg->deadlines[i].date / 10000;
		const cfg_node *date = item_key(val, i, "date");
		/* A plan's last steps (final review) may fall early the next year;
		 * any other year is a typo. */
		if (cfg->plan.year && cfg->deadlines[i].date && date && y != cfg->plan.year &&
		    y != cfg->plan.year + 1)
			cfg_error(l->d, date->line, date->col,
			          "ngày %s không thuộc năm kế hoạch %d (hoặc đầu năm sau)",
			          date_iso(cfg->deadlines[i].date, iso), cfg->plan.year);
	}
}

static void top_awards(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	dh_config *cfg = obj;
	cfg->awards = walk_seq(l, val, "awards", sizeof *cfg->awards, FIELDS(award_fields), &cfg->n_awards);
	check_unique(l, val, "id", "awards");
}

static void top_holds(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	dh_config *cfg = obj;
	cfg->holds = walk_seq(l, val, "holds", sizeof *cfg->holds, FIELDS(hold_fields), &cfg->n_holds);
	check_unique(l, val, "id", "holds");
}

static void top_permissions(loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	dh_config *cfg = obj;
	if (val->kind != CFG_MAP) {
		cfg_error(l->d, val->line, val->col,
		          "`permissions` phải là một bảng `thao tác: [vai trò, …]`, ví dụ record_votes: "
		          "[secretary]");
		return;
	}
	check_keys(l, val, "permissions", action_names, N_ACTIONS);
	cfg->permissions = calloc(N_ACTIONS, sizeof *cfg->permissions);
	if (!cfg->permissions) {
		cfg_error(l->d, 0, 0, "hết bộ nhớ");
		return;
	}
	/* Each action once, at its first key: a repeat is check_keys' to
	 * report, and remembering what was taken keeps this linear however
	 * often the file repeats it. */
	bool taken[N_ACTIONS] = {false};
	for (size_t i = 0; i + 1 < val->n; i += 2) {
		const cfg_node *k = val->items[i];
		if (k->kind != CFG_SCALAR)
			continue;
		size_t a = 0;
		while (a < N_ACTIONS && strcmp(action_names[a], k->value) != 0)
			a++;
		if (a == N_ACTIONS || taken[a])
			continue; /* unknown or repeated: reported by check_keys */
		taken[a] = true;
		dh_permission *p = &cfg->permissions[cfg->n_permissions++];
		p->action = strdup(action_names[a]);
		if (!p->action)
			cfg_error(l->d, 0, 0, "hết bộ nhớ");
		p->roles = role_list(l, k, val->items[i + 1], PERSON_ROLES | COUNCIL_ROLES, true);
	}
}

static const field top_fields[] = {
    {"organization", F_CUSTOM, true, 0, 0, 0, top_organization},
    {"plan", F_CUSTOM, true, 0, 0, 0, top_plan},
    {"storage", F_CUSTOM, false, 0, 0, 0, top_storage},
    {"departments", F_CUSTOM, true, 0, 0, 0, top_departments},
    {"people", F_CUSTOM, true, 0, 0, 0, top_people},
    {"council", F_CUSTOM, true, 0, 0, 0, top_council},
    {"criteria", F_CUSTOM, true, 0, 0, 0, top_criteria},
    {"deadlines", F_CUSTOM, true, 0, 0, 0, top_deadlines},
    {"awards", F_CUSTOM, true, 0, 0, 0, top_awards},
    {"holds", F_CUSTOM, false, 0, 0, 0, top_holds},
    {"permissions", F_CUSTOM, false, 0, 0, 0, top_permissions},
    {"documents", F_CUSTOM, false, 0, 0, 0, top_documents},
    {"certificate", F_CUSTOM, false, 0, 0, 0, top_certificate},
};

/* ---- load and free --------------------------------------------------- */

/* "PATH: không đọc được tệp cấu hình: WHY" as DIAG's next entry. */
static void read_error(const char *path, const char *why, dh_diag *diag)
{
	char *msg = NULL;
	if (asprintf(&msg, "%s: không đọc được tệp cấu hình: %s\n", path, why) < 0)
		return;
	char **lines = realloc(diag->lines, (diag->n + 1) * sizeof *lines);
	if (lines) {
		diag->lines = lines;
		diag->lines[diag->n++] = msg;
	} else {
		free(msg);
	}
}

static int read_file(const char *path, char **buf, size_t *len, dh_diag *diag)
{
	const char *why = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st = {0};
	if (fd < 0 || fstat(fd, &st) != 0) {
		why = errno == ENOENT   ? "không có tệp này"
		      : errno == EACCES ? "không có quyền đọc"
		                        : strerror(errno);
	} else if (S_ISDIR(st.st_mode)) {
		why = "đây là một thư mục, không phải tệp";
	} else if (st.st_size > CFG_MAX_FILE_BYTES) {
		why = "tệp quá lớn cho một tệp cấu hình (quá 1 MiB)";
	}
	if (!why) {
		size_t cap = (size_t)st.st_size + 1, n = 0;
		char *b = malloc(cap + 1);
		while (b) {
			ssize_t r = read(fd, b + n, cap - n);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				why = strerror(errno);
				break;
			}
			if (r == 0)
				break;
			n += (size_t)r;
			if (n > CFG_MAX_FILE_BYTES) {
				why = "tệp quá lớn cho một tệp cấu hình (quá 1 MiB)";
				break;
			}
			if (n == cap) {
				char *nb = realloc(b, cap * 2 + 1);
				if (!nb) {
					free(b);
					b = NULL;
					break;
				}
				b = nb;
				cap *= 2;
			}
		}
		if (!b && !why)
			why = "hết bộ nhớ";
		if (why) {
			free(b);
		} else {
			b[n] = '\0';
			*buf = b;
			*len = n;
		}
	}
	if (fd >= 0)
		close(fd);
	if (!why)
		return 0;
	read_error(path, why, diag);
	return DH_EIO;
}

/* The loader proper, shared by config_load and config_load_buffer: SRC
 * holds LEN bytes and a NUL after them; PATH names it in the messages. */
static int config_parse(const char *path, const char *src, size_t len, dh_config **out, dh_diag *diag)
{
	int rc;
	cfg_diags d = {.path = path, .src = src, .len = len};
	cfg_node *root = NULL;
	dh_config *cfg = NULL;
	if (cfg_tree_parse(&d, src, len, &root)) {
		cfg = calloc(1, sizeof *cfg);
		if (!cfg || !(cfg->path = strdup(path))) {
			cfg_error(&d, 0, 0, "hết bộ nhớ");
		} else {
			loader l = {.d = &d, .cfg = cfg};
			documents_defaults(&cfg->documents);
			certificate_defaults(&cfg->certificate);
			walk_map(&l, root, "cấu hình", FIELDS(top_fields), cfg);
			documents_finish(&l, &cfg->documents);
			if (!cfg->storage_path && !(cfg->storage_path = strdup("var/data")))
				cfg_error(&d, 0, 0, "hết bộ nhớ");
		}
	}
	cfg_tree_free(root);

	rc = 0;
	if (d.n || d.dropped || d.oom) {
		rc = DH_ECONFIG;
		if (cfg_diags_render(&d, diag) != 0)
			rc = DH_ECONFIG;
		config_free(cfg);
	} else {
		*out = cfg;
	}
	cfg_diags_free(&d);
	return rc;
}

int config_load(const char *path, dh_config **out, dh_diag *diag)
{
	*out = NULL;
	char *src = NULL;
	size_t len = 0;
	int rc = read_file(path, &src, &len, diag);
	if (rc)
		return rc;
	rc = config_parse(path, src, len, out, diag);
	free(src);
	return rc;
}

int config_load_buffer(const char *name, const char *buf, size_t len, dh_config **out, dh_diag *diag)
{
	*out = NULL;
	/* The bound read_file puts on a file, and the NUL it puts after the
	 * bytes. */
	if (len > CFG_MAX_FILE_BYTES) {
		read_error(name, "tệp quá lớn cho một tệp cấu hình (quá 1 MiB)", diag);
		return DH_EIO;
	}
	char *src = malloc(len + 1);
	if (!src) {
		read_error(name, "hết bộ nhớ", diag);
		return DH_ENOMEM;
	}
	if (len)
		memcpy(src, buf, len);
	src[len] = '\0';
	int rc = config_parse(name, src, len, out, diag);
	free(src);
	return rc;
}

void config_free(dh_config *cfg)
{
	if (!cfg)
		return;
	free(cfg->path);
	free(cfg->organization.name);
	free(cfg->organization.short_name);
	free(cfg->organization.website);
	free(cfg->organization.parent);
	free(cfg->organization.parent_short);
	free(cfg->organization.place);
	free(cfg->organization.title);
	free(cfg->plan.title);
	free(cfg->storage_path);
	for (size_t i = 0; i < cfg->n_departments; i++) {
		free(cfg->departments[i].id);
		free(cfg->departments[i].name);
		free(cfg->departments[i].short_name);
	}
	free(cfg->departments);
	for (size_t i = 0; i < cfg->n_people; i++) {
		free(cfg->people[i].login);
		free(cfg->people[i].name);
		free(cfg->people[i].position);
		free(cfg->people[i].department);
	}
	free(cfg->people);
	free(cfg->council.name);
	for (size_t i = 0; i < cfg->council.n_members; i++)
		free(cfg->council.members[i].login);
	free(cfg->council.members);
	for (int k = 0; k < DH_CANDIDATE_KINDS; k++) {
		for (size_t i = 0; i < cfg->criteria.n[k]; i++) {
			free(cfg->criteria.list[k][i].id);
			free(cfg->criteria.list[k][i].text);
		}
		free(cfg->criteria.list[k]);
	}
	for (size_t i = 0; i < cfg->n_deadlines; i++) {
		free(cfg->deadlines[i].id);
		free(cfg->deadlines[i].label);
		free(cfg->deadlines[i].closes);
	}
	free(cfg->deadlines);
	for (size_t i = 0; i < cfg->n_awards; i++) {
		free(cfg->awards[i].id);
		free(cfg->awards[i].name);
	}
	free(cfg->awards);
	for (size_t i = 0; i < cfg->n_holds; i++) {
		free(cfg->holds[i].id);
		free(cfg->holds[i].label);
		free(cfg->holds[i].basis);
	}
	free(cfg->holds);
	for (size_t i = 0; i < cfg->n_permissions; i++)
		free(cfg->permissions[i].action);
	free(cfg->permissions);
	free(cfg->documents.folder);
	for (int k = 0; k < DH_DOC_CODES; k++) {
		free(cfg->documents.codes[k]);
		for (size_t i = 0; i < cfg->documents.n_recipients[k]; i++)
			free(cfg->documents.recipients[k][i]);
		free(cfg->documents.recipients[k]);
	}
	for (size_t i = 0; i < cfg->documents.n_basis; i++)
		free(cfg->documents.basis[i]);
	free(cfg->documents.basis);
	free(cfg);
}

/* ---- finding things -------------------------------------------------- */

const char *config_find(const char *explicit_path)
{
	if (explicit_path && *explicit_path)
		return explicit_path;
	const char *env = getenv("DIENHINH_CONFIG");
	if (env && *env)
		return env;
	if (access("config/dienhinh.yaml", F_OK) == 0)
		return "config/dienhinh.yaml";
	return config_system_path();
}

const dh_department *config_department(const dh_config *cfg, const char *id)
{
	return id ? find_department(cfg, id) : NULL;
}

const char *config_department_short(const dh_config *cfg, const char *id)
{
	const dh_department *d = config_department(cfg, id);
	if (!d)
		return id ? id : "";
	if (d->short_name && *d->short_name)
		return d->short_name;
	if (!d->name)
		return d->id;
	/* "Phòng Nghiệp vụ 1" reads as "Nghiệp vụ 1" in a column headed Đơn vị. */
	static const char prefix[] = "Phòng ";
	if (strncmp(d->name, prefix, sizeof(prefix) - 1) == 0 && d->name[sizeof(prefix) - 1])
		return d->name + sizeof(prefix) - 1;
	return d->name;
}

const dh_department *config_department_lookup(const dh_config *cfg, const char *id_or_name)
{
	if (!id_or_name)
		return NULL;
	while (*id_or_name == ' ' || *id_or_name == '\t')
		id_or_name++;
	size_t n = strlen(id_or_name);
	while (n > 0 && (id_or_name[n - 1] == ' ' || id_or_name[n - 1] == '\t'))
		n--;
	char *trimmed = strndup(id_or_name, n);
	if (!trimmed)
		return NULL;
	const dh_department *d = find_department(cfg, trimmed);
	char *nfc = d ? NULL : utf8_nfc(trimmed);
	for (size_t i = 0; nfc && !d && i < cfg->n_departments; i++)
		if (utf8_casecmp(cfg->departments[i].name, nfc) == 0 ||
		    (cfg->departments[i].short_name &&
		     utf8_casecmp(cfg->departments[i].short_name, nfc) == 0))
			d = &cfg->departments[i];
	free(nfc);
	free(trimmed);
	return d;
}

const dh_person *config_person(const dh_config *cfg, const char *login)
{
	return login ? find_person(cfg, login) : NULL;
}

const char *config_department_name(const dh_config *cfg, const char *id)
{
	const dh_department *d = config_department(cfg, id);
	return d && d->name ? d->name : (id ? id : "");
}

const char *config_person_name(const dh_config *cfg, const char *login)
{
	const dh_person *p = config_person(cfg, login);
	return p && p->name ? p->name : (login ? login : "");
}

const dh_hold_kind *config_hold(const dh_config *cfg, const char *id)
{
	for (size_t i = 0; id && i < cfg->n_holds; i++)
		if (strcmp(cfg->holds[i].id, id) == 0)
			return &cfg->holds[i];
	return NULL;
}

const dh_award *config_award(const dh_config *cfg, const char *id)
{
	for (size_t i = 0; id && i < cfg->n_awards; i++)
		if (strcmp(cfg->awards[i].id, id) == 0)
			return &cfg->awards[i];
	return NULL;
}

const dh_deadline *config_deadline(const dh_config *cfg, const char *id)
{
	for (size_t i = 0; id && i < cfg->n_deadlines; i++)
		if (strcmp(cfg->deadlines[i].id, id) == 0)
			return &cfg->deadlines[i];
	return NULL;
}

const dh_deadline *config_deadline_closing(const dh_config *cfg, const char *action)
{
	for (size_t i = 0; action && i < cfg->n_deadlines; i++)
		if (cfg->deadlines[i].closes && strcmp(cfg->deadlines[i].closes, action) == 0)
			return &cfg->deadlines[i];
	return NULL;
}

const dh_criterion *config_criterion(const dh_config *cfg, int kind_index, const char *id)
{
	if (kind_index < 0 || kind_index >= DH_CANDIDATE_KINDS || !id)
		return NULL;
	for (size_t i = 0; i < cfg->criteria.n[kind_index]; i++)
		if (strcmp(cfg->criteria.list[kind_index][i].id, id) == 0)
			return &cfg->criteria.list[kind_index][i];
	return NULL;
}
