/* report_internal.h — what the document builders of src/core/report*.c
 * share: records read into memory, the candidate cache, and the pieces
 * every document of NĐ 30/2020 is made of (header, signer, nơi nhận).
 * report.c has the entry points; report_council.c the council's documents
 * (minutes, ballot, proposal); report_office.c the others (registrations,
 * decision, review). */
#ifndef DIENHINH_REPORT_INTERNAL_H
#define DIENHINH_REPORT_INTERNAL_H

#include "dienhinh/config.h"
#include "dienhinh/doc.h"
#include "dienhinh/record.h"
#include "dienhinh/report.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Records copied out of the store. */
typedef struct rp_vec {
	void **v;
	size_t n, cap;
} rp_vec;

int rp_push(rp_vec *l, void *rec);
void rp_vec_free(rp_vec *l, dh_rtype type);
/* Sort records by the int at byte OFFSET of each (a date, an order
 * number), then by id (every record starts with its dh_meta). */
void rp_sort_by(rp_vec *l, size_t offset);

typedef bool (*rp_keep_fn)(const void *rec, const void *arg);
/* Every record of TYPE that KEEP(rec, ARG) wants, in id order. */
int rp_collect(dh_store *st, dh_rtype type, rp_keep_fn keep, const void *arg, rp_vec *out);
int rp_collect_children(dh_store *st, dh_rtype type, uint64_t parent, rp_keep_fn keep, const void *arg,
                        rp_vec *out);
bool rp_live(const void *rec, const void *arg);
/* Live records whose int at OFFSET (the record's year field) is YEAR:
 * ARG is a const rp_year *. */
typedef struct rp_year {
	size_t offset;
	int year;
} rp_year;
bool rp_of_year(const void *rec, const void *arg);
bool rp_activity_in_year(const void *rec, const void *arg);
bool rp_candidate_honoured(const void *rec, const void *arg);

/* One document being built: the session, the model, and the candidates
 * read so far (kept by id, read once). STEM is what the default file name
 * says after the kind ("2021-phien-6"); the builder sets it. */
typedef struct rp_doc {
	dh_ctx *ctx;
	const dh_config *cfg;
	dh_doc *doc;
	int year;
	char stem[96];
	rp_vec cands; /* dh_candidate *, by id */
} rp_doc;

int rp_say(dh_ctx *ctx, int err, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
const char *rp_quote(const char *s, char buf[64]);
/* Candidate ID (read on first use); *OUT NULL when it does not exist. */
int rp_cand(rp_doc *d, uint64_t id, const dh_candidate **out);

/* Text into the document: a run of the current paragraph or cell. */
void rp_text(rp_doc *d, const char *s);
void rp_bold(rp_doc *d, const char *s);
void rp_printf(rp_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void rp_boldf(rp_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* A new paragraph of KIND. */
void rp_para(rp_doc *d, dh_para_kind kind);
/* A paragraph that is only S (blank S: nothing). */
void rp_line(rp_doc *d, dh_para_kind kind, unsigned style, const char *s);
/* A cell: S, or DASH when S is empty. */
void rp_cell(rp_doc *d, const char *s);
void rp_cell_or(rp_doc *d, const char *s, const char *dash);
void rp_cellf(rp_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Words with figures in bold, as a report says them ("họp 3 phiên; 5
 * lượt đạt"): each BEFORE as it is, then its N in bold. */
typedef struct rp_figure {
	const char *before;
	int n;
} rp_figure;
void rp_figures(rp_doc *d, const rp_figure *f, size_t n);
/* A candidate's name as a run; a missing record says so. */
void rp_cand_name(rp_doc *d, const dh_candidate *c, uint64_t id);
/* A table row that begins with N and the name of candidate ID, the way
 * the documents' lists of candidates begin; the candidate, or NULL. */
const dh_candidate *rp_cand_row(rp_doc *d, uint64_t id, size_t n);
/* "LABEL TEXT." as an item paragraph; nothing when TEXT is blank. */
void rp_item_note(rp_doc *d, const char *label, const char *text);
bool rp_blank(const char *s, size_t len);

/* "ngày 05 tháng 11 năm 2021" ("ngày … tháng … năm …" when unknown). */
const char *rp_date_words(int ymd, char buf[48]);
/* "05/11/2021", or "—". */
const char *rp_date(int ymd, char buf[11]);
/* "Hà Tĩnh, ngày 05 tháng 11 năm 2021" (the place from config). */
const char *rp_place_date(const dh_config *cfg, int ymd, char buf[160]);
/* "Chánh Thanh tra tỉnh Hà Tĩnh": who issues the organisation's decisions. */
const char *rp_head_of(const dh_config *cfg, char buf[200]);
const char *rp_person_name(const dh_config *cfg, const char *login);
const char *rp_dept_name(const dh_config *cfg, const char *id);
/* The first council member with council role ROLE (a login), or NULL. */
const char *rp_member_with(const dh_config *cfg, unsigned role);
/* The first person with role ROLE. */
const dh_person *rp_person_with(const dh_config *cfg, unsigned role);

/* The header block: PARENT over ISSUER on the left, "Số: NUMBER" (with
 * the ký hiệu CODE of config when NUMBER is NULL, the number itself left
 * to the văn thư), the place and date on the right unless DATE is 0. */
void rp_header(rp_doc *d, const char *parent, const char *issuer, const char *number, int code, int date);
/* The organisation's own header: its parent body over its name. */
void rp_org_header(rp_doc *d, const char *number, int code, int date);
/* The signer block for LOGIN signing for the organisation: the chief
 * signs as "CHÁNH THANH TRA", a deputy as "KT. CHÁNH THANH TRA" over their
 * own position. Recipients of kind CODE from config on the left. */
void rp_sign_for_org(rp_doc *d, const char *login, int code);
/* The recipients of CODE from config, with DEFAULT_LINE ("Lưu: VT, TĐKT")
 * when config gives none. */
void rp_sign_with_recipients(rp_doc *d, const dh_doc_signer *signer, int code);

extern const char *const rp_roman[10];
/* "3 cá nhân, 1 tập thể, 2 mô hình" (kinds with none left out). */
void rp_kind_counts(rp_doc *d, const int n[DH_CANDIDATE_KINDS]);

/* NOTE(d, i, arg) writes the last column for the candidate at position I
 * of the list given to rp_by_kind(). */
typedef void (*rp_note_fn)(rp_doc *d, size_t i, void *arg);
/* The candidates IDS[0..N) (read already) grouped by kind under numbered
 * headings, only the kinds that have any, each a table. */
int rp_by_kind(rp_doc *d, const uint64_t *ids, size_t n, const char *note_head, rp_note_fn note, void *arg);

/* Council sessions and their agenda (report_council.c uses them, the
 * proposal too). */
int rp_load_sessions(rp_doc *d, uint64_t id, bool all, rp_vec *out);
int rp_load_items(rp_doc *d, uint64_t sid, rp_vec *items);

/* The documents. Each reads first and builds only once nothing is missing. */
int rp_minutes(rp_doc *d, const dh_report_opts *o);
int rp_ballot(rp_doc *d, const dh_report_opts *o);
int rp_proposal(rp_doc *d, const dh_report_opts *o);
int rp_registrations(rp_doc *d, const dh_report_opts *o);
int rp_decision(rp_doc *d, const dh_report_opts *o);
int rp_review(rp_doc *d, const dh_report_opts *o);

#endif
