/* doc_docx.h — a dh_doc (doc.h) as a Word file (.docx, Office Open XML).
 *
 * The container is written with libzip; every part is written by this
 * module: [Content_Types].xml, _rels/.rels, docProps/core.xml and app.xml,
 * word/document.xml, word/styles.xml (Times New Roman named, the body,
 * heading, item, căn cứ, table and signer styles), word/numbering.xml,
 * word/settings.xml, word/_rels/document.xml.rels and the header that
 * numbers pages from the second one. Section properties give A4 and the
 * margins of D->page; a table's header row repeats on every page
 * (w:tblHeader). The file appears whole or not at all (doc_file.h). */
#ifndef DIENHINH_DOC_DOCX_H
#define DIENHINH_DOC_DOCX_H

#include "dienhinh/doc.h"

#include <stddef.h>

/* Write D to PATH. 0, or DH_EIO (WHY says what, in Vietnamese), DH_ENOMEM,
 * DH_EINVAL when D itself holds an error. */
int doc_docx_write(const dh_doc *d, const char *path, char *why, size_t why_len);

#endif
