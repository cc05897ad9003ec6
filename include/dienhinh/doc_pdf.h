/* doc_pdf.h — a dh_doc (doc.h) as PDF, with cairo and pango.
 *
 * Pango shapes and breaks the Vietnamese lines (fontconfig finds a
 * Times-metric serif for D->page.font: Liberation Serif or Tinos, embedded
 * by cairo). Pages are A4 (D->page) with its margins; paragraphs flow and
 * break across pages, a table's header row is drawn again at the top of
 * every page it continues on, a row never splits, page numbers are centred
 * in the top margin from page 2. The file appears whole or not at all
 * (doc_file.h). */
#ifndef DIENHINH_DOC_PDF_H
#define DIENHINH_DOC_PDF_H

#include "dienhinh/doc.h"

#include <stddef.h>

/* Write D to PATH. 0, or DH_EIO (WHY says what, in Vietnamese), DH_ENOMEM,
 * DH_EINVAL when D itself holds an error. */
int doc_pdf_write(const dh_doc *d, const char *path, char *why, size_t why_len);

#endif
