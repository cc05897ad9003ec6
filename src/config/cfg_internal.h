/* cfg_internal.h — what the files of src/config/ share and nobody else sees.
 *
 * The loader works in three steps, one file each:
 *   cfg_diag.c  diagnostics "FILE:LINE:COL: message" with the source line
 *               and a caret, collected, sorted and capped;
 *   cfg_tree.c  the file's bytes (checked UTF-8) → libyaml events → a small
 *               tree of scalars, mappings and sequences that remembers where
 *               each node starts; anchors and aliases are refused, depth and
 *               size are bounded, so no input can cost more than its size;
 *   config.c    the tree → dh_config through tables of keys (one parser per
 *               key), then the references between sections: the top table,
 *               the plan's own sections (criteria, deadlines, awards,
 *               holds), reading the file and freeing the result;
 *   cfg_fields.c walking a mapping or a list through a table of its keys,
 *               and the plain values (text, ids, numbers, dates, …);
 *   cfg_people.c departments, people, the council, roles, permissions;
 *   cfg_documents.c the documents (NĐ 30/2020) and the Giấy khen;
 *   cfg_lookup.c finding things in a loaded config (config_department, …).
 *
 * Positions are 1-based; a column counts codepoints from the line start, as
 * libyaml counts them. */
#ifndef DIENHINH_CFG_INTERNAL_H
#define DIENHINH_CFG_INTERNAL_H

#include "dienhinh/config.h"

#include <stdbool.h>
#include <stddef.h>

/* Bounds that keep a hostile file cheap: bytes read, nodes built, nesting. */
#define CFG_MAX_FILE_BYTES (1024 * 1024)
#define CFG_MAX_NODES      100000
#define CFG_MAX_DEPTH      32
/* Errors kept before the rest are only counted. */
#define CFG_MAX_ERRORS 50

typedef struct cfg_diags {
	const char *path;
	const char *src; /* the file's bytes (may be NULL before reading) */
	size_t len;
	struct cfg_entry {
		int line, col; /* 0 when the error has no position */
		size_t seq;    /* discovery order, to keep the sort stable */
		char *msg;
	} * v;
	size_t n, cap;
	size_t dropped; /* errors beyond CFG_MAX_ERRORS */
	bool oom;
} cfg_diags;

void cfg_error(cfg_diags *d, int line, int col, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* No more room: further errors are only counted, so callers may skip the
 * work of composing them. */
bool cfg_full(const cfg_diags *d);
/* Sort by position and render into OUT (each entry: the message line, the
 * source line, the caret line, every line ending in '\n'). */
int cfg_diags_render(cfg_diags *d, dh_diag *out);
void cfg_diags_free(cfg_diags *d);

/* 1-based line and codepoint column of byte OFFSET in SRC. */
void cfg_position(const char *src, size_t len, size_t offset, int *line, int *col);

/* A user's value quoted for a message: control characters shown as '?',
 * cut (at a character boundary) after about 60 bytes. */
const char *cfg_show(const char *s, char *buf, size_t size);

typedef enum cfg_kind { CFG_SCALAR, CFG_MAP, CFG_SEQ } cfg_kind;

typedef struct cfg_node cfg_node;
struct cfg_node {
	cfg_kind kind;
	int line, col;
	char *value;      /* CFG_SCALAR: the text, NUL-terminated */
	bool plain;       /* a plain (unquoted) scalar: `~`, `null` and "" are empty */
	cfg_node **items; /* CFG_SEQ: the items; CFG_MAP: key, value, key, value… */
	size_t n;         /* number of entries in ITEMS */
	size_t cap;       /* room in ITEMS */
};

/* Parse SRC (LEN bytes, the whole file) into *ROOT. Returns false after
 * reporting every problem into D (bad UTF-8, YAML syntax, aliases, limits,
 * empty file, root that is not a mapping); *ROOT is then NULL. */
bool cfg_tree_parse(cfg_diags *d, const char *src, size_t len, cfg_node **root);
void cfg_tree_free(cfg_node *n);

/* The value of KEY in mapping MAP, or NULL (and the key node in *KEY_NODE). */
const cfg_node *cfg_map_get(const cfg_node *map, const char *key, const cfg_node **key_node);
/* A scalar that YAML would read as null: plain "", "~", "null". */
bool cfg_is_null(const cfg_node *n);

/* Damerau-Levenshtein (optimal string alignment) distance, bytes. */
size_t cfg_edit_distance(const char *a, const char *b);
/* The candidate closest to WORD, when it is close enough to be a typo. */
const char *cfg_suggest(const char *word, const char *const *candidates, size_t n);

/* Repeats among N texts (NULL: none there): FIRST[i] gets the index of the
 * first j < i with KEYS[j] equal (strcmp) to KEYS[i], else i. By sorting,
 * so that long texts sharing a long prefix cost n log n comparisons, not
 * n². false on ENOMEM. */
bool cfg_first_equal(const char *const *keys, size_t n, size_t *first);

/* ---- the loader (config.c and the section files) ---------------------- */

/* Text bounds in bytes: a name or a label fits a line; a criterion's text
 * may be a paragraph. */
#define CFG_TEXT_MAX      1000
#define CFG_LONGTEXT_MAX  4000
#define CFG_ID_MAX        32
#define CFG_FRAC_PART_MAX 1000
#define CFG_LIST_MAX      500
/* Keys a mapping may have: the largest table is the actions'. */
#define CFG_KEYS_MAX 64

#define CFG_PERSON_ROLES (DH_ROLE_CHIEF | DH_ROLE_LEADER | DH_ROLE_DEPT_HEAD | DH_ROLE_OFFICE | DH_ROLE_STAFF)
#define CFG_COUNCIL_ROLES                                                                                    \
	(DH_ROLE_CHAIR | DH_ROLE_VICE_CHAIR | DH_ROLE_STANDING | DH_ROLE_SECRETARY | DH_ROLE_MEMBER)

typedef struct cfg_loader {
	cfg_diags *d;
	dh_config *cfg;
	int rules_seen; /* approve_more_than / approve_at_least met in `vote` */
	const cfg_node *at_least_key;
} cfg_loader;

typedef enum cfg_ftype {
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
	F_MAP,    /* a mapping read through the field's table, at OFFSET in OBJ */
	F_CUSTOM, /* the field's own parser */
} cfg_ftype;

typedef void (*cfg_custom_fn)(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj);

typedef struct cfg_field cfg_field;

/* The keys of one mapping, and its name in messages ("certificate.page"). */
typedef struct cfg_table {
	const char *what;
	const cfg_field *fields;
	size_t n;
} cfg_table;

struct cfg_field {
	const char *key;
	cfg_ftype type;
	bool required;
	size_t offset; /* where the value goes in OBJ (not F_CUSTOM) */
	int min, max;  /* F_INT, F_NUM */
	cfg_custom_fn custom;
	const cfg_table *map; /* F_MAP */
};

#define CFG_FIELDS(t) (t), (sizeof(t) / sizeof((t)[0]))

/* Read MAP through the table F (NF keys) into OBJ: unknown, repeated and
 * missing keys are errors naming WHAT. false when MAP is not a mapping. */
bool cfg_walk_map(cfg_loader *l, const cfg_node *map, const char *what, const cfg_field *f, size_t nf,
                  void *obj);
/* A list of mappings, each read through F into an array of ELEM_SIZE
 * items (NULL and *COUNT 0 after an error). */
void *cfg_walk_seq(cfg_loader *l, const cfg_node *seq, const char *what, size_t elem_size, const cfg_field *f,
                   size_t nf, size_t *count);
/* cfg_walk_map for a mapping whose keys are the N KEYS, none of them
 * required, each value read by FN. */
void cfg_walk_keys(cfg_loader *l, const cfg_node *map, const char *what, const char *const *keys, size_t n,
                   cfg_custom_fn fn, void *obj);
/* cfg_walk_seq for a list in which no two items have the same KEY. */
void *cfg_walk_keyed_seq(cfg_loader *l, const cfg_node *seq, const char *what, const char *key,
                         size_t elem_size, const cfg_field *f, size_t nf, size_t *count);
/* Frees the strings the table F (NF keys) read into OBJ, through its
 * mappings too; what F_CUSTOM fields read is their owner's to free. */
void cfg_free_texts(void *obj, const cfg_field *f, size_t nf);
/* The same for each of the N items of ITEMS (cfg_walk_seq's), then ITEMS. */
void cfg_free_seq(void *items, size_t n, size_t elem_size, const cfg_field *f, size_t nf);
/* Errors for keys of MAP not among NAMES, and for repeated ones. */
void cfg_check_keys(cfg_loader *l, const cfg_node *map, const char *what, const char *const *names, size_t n);
/* Errors for items of SEQ whose KEY repeats an earlier item's. */
void cfg_check_unique(cfg_loader *l, const cfg_node *seq, const char *key, const char *what);
/* The value of KEY in item I as a scalar, or NULL. */
const cfg_node *cfg_item_key(const cfg_node *seq, size_t i, const char *key);
/* One value of the type F says, into OBJ. */
void cfg_parse_value(cfg_loader *l, const cfg_field *f, const cfg_node *key, const cfg_node *val, void *obj);
/* VAL's text, or NULL after an error when it is a list or a mapping. */
const char *cfg_scalar(cfg_loader *l, const cfg_node *key, const cfg_node *val);
/* Checked NFC text of at most MAX bytes (NEWLINES: line breaks allowed). */
char *cfg_take_text(cfg_loader *l, const cfg_node *key, const cfg_node *val, bool newlines, size_t max);
/* A decimal number written the YAML way, whatever the locale. */
bool cfg_parse_num(const char *s, double *out);
/* "a, b, c" of NAMES into BUF (repeats once). */
const char *cfg_join(const char *const *names, size_t n, char *buf, size_t size);
/* "— có phải `x`?" or "(chọn một trong: a, b, c)" after an unknown WORD. */
const char *cfg_hint(const char *word, const char *const *names, size_t n, char *buf, size_t size);
/* Index of S in NAMES, or -1 after an error naming WHAT with a hint. */
int cfg_pick(cfg_loader *l, const cfg_node *val, const char *s, const char *what, const char *const *names,
             size_t n);
/* The same for the value VAL of KEY, which must be a scalar (-1 after an
 * error when it is not). */
int cfg_pick_scalar(cfg_loader *l, const cfg_node *key, const cfg_node *val, const char *what,
                    const char *const *names, size_t n);

/* cfg_people.c: the sections about who is who and who may do what. */
void cfg_top_departments(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj);
void cfg_top_people(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj);
void cfg_top_council(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj);
void cfg_top_permissions(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj);
/* Frees what those four sections read into CFG. */
void cfg_people_free(dh_config *cfg);

/* cfg_documents.c: `documents` (at dh_config.documents) and `certificate`
 * (at dh_config.certificate); the defaults come before reading, the
 * finish after. */
extern const cfg_table cfg_documents_table;
extern const cfg_table cfg_certificate_table;
void cfg_documents_defaults(dh_documents *d);
void cfg_documents_finish(cfg_loader *l, dh_documents *d);
void cfg_certificate_defaults(dh_certificate *c);

/* config.c: the actions of the workflow, by name (DH_ACTIONS order). */
extern const char *const cfg_action_names[];
extern const size_t cfg_n_actions;

/* cfg_lookup.c */
const dh_department *cfg_find_department(const dh_config *cfg, const char *id);
dh_person *cfg_find_person(const dh_config *cfg, const char *login);

#endif
