/* report.h — the plan's documents (DESIGN.md §3, §6, §12):
 * `dienhinh report minutes|ballot|proposal|registrations|decision|review`,
 * the screens' document keys and screen 5's report export.
 *
 *   minutes        biên bản họp Hội đồng thi đua, khen thưởng: attendance,
 *                  quorum with its arithmetic, each nominee's recusals, votes
 *                  and result with its reason, the list passed, signatures;
 *   ballot         biên bản kiểm phiếu: a closed secret-ballot session's
 *                  count, nominee by nominee;
 *   proposal       tờ trình: the council's proposal to the Chief Inspector,
 *                  grouped by kind (cá nhân, tập thể, mô hình);
 *   registrations  the registration summary per department: registrations
 *                  with their status, nil returns, who has not answered;
 *   decision       the quyết định (căn cứ, Điều 1–3, signer, nơi nhận)
 *                  with its annex list, its revocation noted;
 *   review         báo cáo sơ kết / tổng kết: the year's figures (stats.h),
 *                  fostering, replication, reviews held.
 *
 * Each is built once as a dh_doc (doc.h) in the format of Nghị định
 * 30/2020/NĐ-CP and written by a writer of its own: Markdown (doc_md.h),
 * Word (doc_docx.h) or PDF (doc_pdf.h). Every document reads what it needs
 * first and is written only once nothing is missing, so a refusal never
 * leaves half a document behind, and a file appears whole or not at all. */
#ifndef DIENHINH_REPORT_H
#define DIENHINH_REPORT_H

#include "dienhinh/workflow.h"

#include <stdint.h>
#include <stdio.h>

/* In the order of config.h's DH_DOC_CODE_* (each kind's ký hiệu). */
typedef enum dh_report_kind {
	DH_REPORT_MINUTES = 0,
	DH_REPORT_PROPOSAL,
	DH_REPORT_REGISTRATIONS,
	DH_REPORT_DECISION,
	DH_REPORT_REVIEW,
	DH_REPORT_BALLOT,
	DH_REPORT__COUNT
} dh_report_kind;

typedef enum dh_report_format { DH_FORMAT_MD = 0, DH_FORMAT_DOCX, DH_FORMAT_PDF } dh_report_format;

/* "md", "docx", "pdf" -> dh_report_format, or -1. */
int report_format_from_name(const char *name);
/* "docx": the file name's extension for FORMAT. */
const char *report_format_ext(int format);

/* "minutes", ...: the command-line names, in dh_report_kind order. */
const char *report_name(int kind);
/* "Biên bản họp Hội đồng", ...: what the document is, in Vietnamese. */
const char *report_label(int kind);
/* The kind named NAME, or -1. */
int report_from_name(const char *name);

/* What to write. Zero means the default. */
typedef struct dh_report_opts {
	int year;                    /* 0: the plan year */
	uint64_t session_id;         /* minutes: 0 = the year's latest session;
	                                proposal: 0 = the latest session, or with
	                                `year` given every session of that year
	                                (ctx->message then says which) */
	uint64_t decision_id;        /* decision: 0 = decision_number, else the
	                                decision of the year made last
	                                (ctx->message then says which) */
	const char *decision_number; /* "15/QĐ-TTr" (NULL: by id / latest) */
	const char *department;      /* registrations: one department's own
	                                list (a config department id), NULL: all */
	int review_kind;             /* review: -1 = the kind of the year's latest
	                                review (none: a neutral title), else a
	                                dh_review_kind */
} dh_report_opts;

/* Defaults: every field "not given" (review_kind -1). */
void report_opts_init(dh_report_opts *o);

/* Parse the words after the document's name (`--session ID`, `--year Y`,
 * `--decision ID|SỐ`, `--kind preliminary|final`, each also `--opt=VALUE`;
 * which ones a document takes is in report_usage()) into O. 0, or
 * DH_EINVAL with ctx->message saying what is wrong. */
int report_parse_args(dh_ctx *ctx, int kind, int argc, char **argv, dh_report_opts *o);
/* "[--session ID] [--year NĂM]": the options KIND takes, for a usage line. */
const char *report_usage(int kind);

struct dh_doc;

/* Build document KIND: *DOC (doc_free() it) and *STEM, the default file
 * name without its extension ("bien-ban-hop-2021-phien-6"; free() it). The
 * actor must be a person in config (DH_EPERM otherwise). 0, or DH_EINVAL,
 * DH_ENOTFOUND, a store error, as report_document(). */
int report_build(dh_ctx *ctx, int kind, const dh_report_opts *o, struct dh_doc **doc, char **stem);

/* Write document KIND as FORMAT to the file PATH, or, when PATH is NULL, to
 * FOLDER/STEM.EXT (FOLDER made when missing, a leading "~/" is the home
 * folder; NULL FOLDER: the current one), never over an existing file:
 * STEM-2.EXT, STEM-3.EXT, ... instead. WRITTEN (WRITTEN_LEN bytes) gets
 * the name written. 0, or what report_build() returns, or DH_EIO with
 * ctx->message saying which file and why. */
int report_save(dh_ctx *ctx, int kind, const dh_report_opts *o, int format, const char *path,
                const char *folder, char *written, size_t written_len);

/* A name for a new file: FOLDER/STEM.EXT, or STEM-2.EXT, STEM-3.EXT, ...
 * when that exists (FOLDER made when missing, a leading "~/" the home
 * folder, NULL the current one). 0 and *PATH (free() it), DH_ENOMEM, or
 * DH_EIO with ctx->message. */
int report_new_file(dh_ctx *ctx, const char *folder, const char *stem, const char *ext, char **path);

/* Write document KIND as Markdown to OUT. The actor must be a person in config
 * (DH_EPERM otherwise: an unknown login may only look up). 0, or:
 * DH_EINVAL (a bad option value), DH_ENOTFOUND (no such session /
 * decision, or none in the year), DH_EIO when OUT cannot be written, or a
 * store error; ctx->message says which in Vietnamese. Nothing is written
 * on a refusal. */
int report_document(dh_ctx *ctx, int kind, const dh_report_opts *o, FILE *out);

/* The command line in one call: NAME is the document's name, ARGV[0..ARGC)
 * the words after it. DH_EINVAL for an unknown name or a bad option (the
 * command line's usage error, exit 64), otherwise report_document(). */
int report_write(dh_ctx *ctx, const char *name, int argc, char **argv, FILE *out);

/* "1.500.000": a VND amount with dots between thousands. BUF of 32 bytes. */
const char *report_money(int64_t vnd, char buf[32]);

#endif
