/* label.h — fixed tables of words: a word's place in a list of names, and
 * what a word is shown as. */
#ifndef DIENHINH_LABEL_H
#define DIENHINH_LABEL_H

#include <stddef.h>

/* A word (an action, a field, an English message) and its label. */
typedef struct dh_label {
	const char *name, *label;
} dh_label;

/* The label of NAME among the N entries of T, or NULL. */
const char *label_find(const dh_label *t, size_t n, const char *name);
/* Index of NAME among the N NAMES, or -1 (NAME may be NULL). */
int name_index(const char *const *names, size_t n, const char *name);

#endif
