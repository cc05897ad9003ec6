/* doc_cert.h — the Giấy khen printed onto the office's pre-printed blanks.
 *
 * The blank (NĐ 98/2023/NĐ-CP Art. 104: A4 landscape) already carries the
 * emblem, Quốc hiệu, the awarding title, "TẶNG" and "GIẤY KHEN"; this
 * writer only prints the texts of each certificate, each in its box from
 * config (`certificate.fields`, millimetres from the sheet's top left, plus
 * the printer's `shift`). A text too long for its box is wrapped (when the
 * box has room for more lines), then shrunk step by step to
 * DOC_CERT_MIN_SCALE of its size, and at that size cut with "…": it never
 * leaves its box. Texts are cleaned here too (control characters dropped,
 * invalid UTF-8 as U+FFFD), so nothing a record holds can break the page.
 *
 * Fonts: "Times New Roman" (fontconfig gives Liberation Serif, the same
 * metrics), embedded by cairo. The file appears whole or not at all
 * (doc_file.h). Only config structs here: the texts come from the caller
 * (core/certificate.c builds them from the records). */
#ifndef DIENHINH_DOC_CERT_H
#define DIENHINH_DOC_CERT_H

#include "dienhinh/config.h"

#include <stdbool.h>
#include <stddef.h>

#define DOC_CERT_MIN_SCALE 0.6
#define DOC_CERT_FONT      "Times New Roman"

/* One certificate: a text per field (NULL or "" prints nothing). A '\n'
 * starts a new line within the box ("KT. CHÁNH THANH TRA\nPHÓ CHÁNH …"). */
typedef struct dh_cert_page {
	const char *text[DH_CERT_FIELDS];
} dh_cert_page;

/* N pages (N >= 1) to PATH as PDF, one page per certificate, the page
 * size and the boxes from C. FRAMES (`--blank`): a light grey frame round
 * each shown box and the sheet's edge, for a test print on plain paper to
 * hold against a blank. 0, or DH_EINVAL (N is 0), DH_EIO with WHY (in
 * Vietnamese), DH_ENOMEM. */
int doc_cert_write(const dh_certificate *c, const dh_cert_page *pages, size_t n, bool frames,
                   const char *path, char *why, size_t why_len);

/* The size in pt TEXT would print at in field F (after wrapping and
 * shrinking), or 0 when it prints nothing: what the tests check. */
double doc_cert_fit_size(const dh_certificate *c, int field, const char *text);

#endif
