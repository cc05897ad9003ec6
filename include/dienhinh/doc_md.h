/* doc_md.h — a dh_doc (doc.h) as Markdown, for standard output and
 * `--format md`: the header block as a two-column table, the title as a
 * level-1 heading, parts and points as level-2 and level-3 headings, items
 * as a list, tables as pipe tables, signatures as a two-column table.
 * Every text is escaped (doc_md_text()), so a name with `|` or `*` cannot
 * break a table or start emphasis. */
#ifndef DIENHINH_DOC_MD_H
#define DIENHINH_DOC_MD_H

#include "dienhinh/doc.h"

#include <stdio.h>

/* Write D to OUT. 0, DH_EINVAL when D holds an error, DH_EIO when OUT
 * fails. */
int doc_md_write(const dh_doc *d, FILE *out);

/* Markdown text of S to OUT: the characters Markdown gives a meaning
 * (\ ` * _ [ ] < # | ~ &) are escaped, control characters and invalid
 * UTF-8 become U+FFFD (a '>' means something only at a line's start).
 * With DOC_MD_CELL a line break becomes a space (one table cell); with
 * DOC_MD_BLOCK S starts a line and every line of it is kept (a hard
 * break), its leading spaces dropped and a marker that would start a
 * list, quote, heading or code block escaped. */
enum { DOC_MD_INLINE = 0, DOC_MD_CELL = 1, DOC_MD_BLOCK = 2 };
void doc_md_text(FILE *out, const char *s, int mode);

#endif
