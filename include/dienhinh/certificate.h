/* certificate.h — `dienhinh report certificate`: the Giấy khen of an award
 * decision, one page per person, collective or model, printed onto the
 * office's pre-printed blanks (doc_cert.h lays the page out).
 *
 * What each certificate says comes from the records and config: the name;
 * for a person the position; the unit ("Phòng Nghiệp vụ 1, Thanh tra tỉnh
 * Hà Tĩnh"); the achievement (the record's title, after "Đã có thành tích
 * xuất sắc: "); "Quyết định số 12/QĐ-TTr ngày 30/11/2021"; "Số sổ vàng: N"
 * (N the order in the decision, from 1, whichever pages are printed); the
 * place and date ("Hà Tĩnh, ngày 30 tháng 11 năm 2021"); the signer's
 * title in capitals (a deputy signs "KT. CHÁNH THANH TRA" over "PHÓ CHÁNH
 * THANH TRA") and name. */
#ifndef DIENHINH_CERTIFICATE_H
#define DIENHINH_CERTIFICATE_H

#include "dienhinh/workflow.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct dh_cert_opts {
	uint64_t decision_id;        /* 0: by number, else the year's latest award decision */
	const char *decision_number; /* "12/QĐ-TTr" (borrowed from argv), or NULL */
	const uint64_t *only;        /* candidate ids to print (NULL: everyone) */
	size_t n_only;
	bool blank; /* frames round the boxes, for a test print on plain paper */
} dh_cert_opts;

void certificate_opts_init(dh_cert_opts *o);
/* Parse `--decision ID|SỐ`, `--only ID [ID...]` (also repeated, also
 * `--only=ID`), `--blank` (and `--format pdf`, the only format there is).
 * 0, or DH_EINVAL with ctx->message. `only` is allocated:
 * certificate_opts_free(). */
int certificate_parse_args(dh_ctx *ctx, int argc, char **argv, dh_cert_opts *o);
void certificate_opts_free(dh_cert_opts *o);

/* Write the PDF to PATH, *PAGES (may be NULL) the number of pages. 0, or
 * DH_ENOTFOUND (no such decision, not a Giấy khen decision, or an --only
 * id not in it), DH_EINVAL (a decision with nobody in it, or revoked),
 * DH_EPERM (a login not in config), DH_EIO, DH_ENOMEM; ctx->message says
 * which in Vietnamese. No file is written on a refusal. */
int certificate_write(dh_ctx *ctx, const dh_cert_opts *o, const char *path, int *pages);

/* "giay-khen-2021-12-QD-TTr.pdf": the decision's year and number, ASCII
 * (Vietnamese letters folded, '/' and spaces as '-'); "giay-khen-2021.pdf"
 * when the decision cannot be found. Caller frees; NULL on ENOMEM. */
char *certificate_default_name(dh_ctx *ctx, const dh_cert_opts *o);

/* Write the PDF under a new name in FOLDER (report_new_file(): never over
 * an earlier one; "~/" is the home folder), for the screens. WRITTEN gets
 * the file's name. What certificate_write() returns. */
int certificate_save(dh_ctx *ctx, const dh_cert_opts *o, const char *folder, char *written,
                     size_t written_len, int *pages);

#endif
