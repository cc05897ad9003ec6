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
 *               key), then the references between sections.
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

#endif
