/* report.h — the plan's documents as Markdown in Vietnamese (DESIGN.md §3,
 * §6): `dienhinh report minutes|proposal|registrations|decision|review`,
 * and the report export of screen 5.
 *
 *   minutes        biên bản họp Hội đồng thi đua, khen thưởng: attendance,
 *                  quorum with its arithmetic, each nominee's recusals, votes
 *                  and result with its reason, the list passed, signatures;
 *   proposal       tờ trình: the council's proposal to the Chief Inspector,
 *                  grouped by kind (cá nhân, tập thể, mô hình);
 *   registrations  the registration summary per department: registrations
 *                  with their status, nil returns, who has not answered;
 *   decision       a decision's annex (phụ lục kèm theo Quyết định số …),
 *                  with its revocation noted;
 *   review         báo cáo sơ kết / tổng kết: the year's figures (stats.h),
 *                  fostering, replication, reviews held.
 *
 * Every document reads what it needs first and writes only once nothing is
 * missing, so a refusal never leaves half a document behind. User text is
 * escaped so that a name with `|` or `*` cannot break a table or start
 * emphasis, and control characters never reach the output. */
#ifndef DIENHINH_REPORT_H
#define DIENHINH_REPORT_H

#include "dienhinh/workflow.h"

#include <stdint.h>
#include <stdio.h>

typedef enum dh_report_kind {
	DH_REPORT_MINUTES = 0,
	DH_REPORT_PROPOSAL,
	DH_REPORT_REGISTRATIONS,
	DH_REPORT_DECISION,
	DH_REPORT_REVIEW,
	DH_REPORT__COUNT
} dh_report_kind;

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
	                                proposal: 0 = every session of the year */
	uint64_t decision_id;        /* decision: 0 = decision_number, else the
	                                year's latest decision */
	const char *decision_number; /* "15/QĐ-TTr" (NULL: by id / latest) */
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

/* Write document KIND to OUT. The actor must be a person in config
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

/* Markdown text of S to OUT: the characters Markdown gives a meaning
 * (\ ` * _ [ ] < # | ~ &) are escaped, control characters and invalid
 * UTF-8 become U+FFFD (a '>' means something only at a line's start).
 * With REPORT_MD_CELL a line break becomes a space (one table cell); with
 * REPORT_MD_BLOCK S starts a line and every line of it is kept (a hard
 * break), its leading spaces dropped and a marker that would start a
 * list, quote, heading or code block escaped. */
enum { REPORT_MD_INLINE = 0, REPORT_MD_CELL = 1, REPORT_MD_BLOCK = 2 };
void report_md(FILE *out, const char *s, int mode);

/* "1.500.000": a VND amount with dots between thousands. BUF of 32 bytes. */
const char *report_money(int64_t vnd, char buf[32]);

#endif
