/* config.h — the YAML configuration as one validated struct.
 *
 * config_load() reads the file with libyaml, checks every key, reference and
 * value, and either returns a complete dh_config or fills a diagnostic list
 * whose entries read "FILE:LINE:COL: message" followed by the source line and
 * a caret. Nothing outside src/config/ sees libyaml. All strings are NFC
 * UTF-8 and owned by the struct (config_free releases everything). */
#ifndef DIENHINH_CONFIG_H
#define DIENHINH_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

/* A share such as 2/3 or 1/2; always 0 < num/den <= 1 once validated. */
typedef struct dh_frac {
	int num;
	int den;
} dh_frac;

/* Roles as bits, so a person's roles and a permission's roles are masks.
 * The first five come from `people[].roles`, the rest from the council. */
enum dh_role {
	DH_ROLE_CHIEF = 1u << 0,
	DH_ROLE_LEADER = 1u << 1,
	DH_ROLE_DEPT_HEAD = 1u << 2,
	DH_ROLE_OFFICE = 1u << 3,
	DH_ROLE_STAFF = 1u << 4,
	DH_ROLE_CHAIR = 1u << 5,
	DH_ROLE_VICE_CHAIR = 1u << 6,
	DH_ROLE_STANDING = 1u << 7,
	DH_ROLE_SECRETARY = 1u << 8,
	DH_ROLE_MEMBER = 1u << 9,
};
#define DH_ROLE_COUNT 10

/* "chief" -> DH_ROLE_CHIEF, 0 when unknown. */
unsigned config_role_from_name(const char *name);
/* DH_ROLE_CHIEF -> "chief" (single bit only). */
const char *config_role_name(unsigned role);
/* DH_ROLE_CHIEF -> "Chánh Thanh tra" etc. (single bit only). */
const char *config_role_label(unsigned role);

typedef struct dh_department {
	char *id;
	char *name;
	char *short_name; /* for narrow columns ("Nghiệp vụ 1"); NULL when config gives none */
} dh_department;

typedef struct dh_person {
	char *login;
	char *name;
	char *position;   /* NULL when config gives none */
	char *department; /* a dh_department id */
	unsigned roles;   /* people[].roles | the council role, if a member */
} dh_person;

typedef struct dh_council_member {
	char *login; /* a dh_person login */
	unsigned role; /* exactly one of CHAIR..MEMBER */
} dh_council_member;

typedef enum dh_vote_method { DH_VOTE_SECRET, DH_VOTE_OPEN } dh_vote_method;
/* approve_more_than: share > threshold; approve_at_least: share >= threshold */
typedef enum dh_vote_rule { DH_RULE_MORE_THAN, DH_RULE_AT_LEAST } dh_vote_rule;
typedef enum dh_vote_base { DH_BASE_MEMBERS, DH_BASE_PRESENT } dh_vote_base;

typedef struct dh_council {
	char *name;
	dh_council_member *members;
	size_t n_members;
	dh_frac quorum;          /* share of all members who must attend */
	dh_vote_method method;
	dh_vote_rule rule;
	dh_frac threshold;
	dh_vote_base base;
	bool written_votes_count; /* vote.written_votes: absent members' written opinions count (default false) */
	bool recuse_self;         /* recuse: [self] (also when `recuse` is absent) */
	bool recuse_department;   /* recuse: [department] */
} dh_council;

typedef struct dh_criterion {
	char *id;
	char *text;
} dh_criterion;

/* Index with enum dh_kind's DH_KIND_INDIVIDUAL.. (plan_terms.h). */
#define DH_CANDIDATE_KINDS 3

typedef struct dh_criteria {
	int new_factor_min;
	dh_criterion *list[DH_CANDIDATE_KINDS];
	size_t n[DH_CANDIDATE_KINDS];
} dh_criteria;

typedef struct dh_deadline {
	char *id;
	char *label;
	int date;     /* YYYYMMDD */
	char *closes; /* a workflow action name it gates, or NULL */
} dh_deadline;

typedef struct dh_award {
	char *id;
	char *name;
} dh_award;

/* `holds:` — a kind of hold the law names (who may not be commended yet):
 * discipline being considered, an inspection or investigation, a complaint
 * being verified... with the text it comes from. */
typedef struct dh_hold_kind {
	char *id;
	char *label;     /* "Đang xem xét kỷ luật" */
	char *basis;     /* "Thông tư 08/2017/TT-BNV"; NULL when config gives none */
	bool discipline; /* lifting it may set the date achievements count from */
} dh_hold_kind;

/* The document kinds that carry a ký hiệu (`documents.codes`), in
 * dh_report_kind order (report.h). */
enum {
	DH_DOC_CODE_MINUTES = 0,
	DH_DOC_CODE_PROPOSAL,
	DH_DOC_CODE_REGISTRATIONS,
	DH_DOC_CODE_DECISION,
	DH_DOC_CODE_REVIEW,
	DH_DOC_CODE_BALLOT,
	DH_DOC_CODE_AWARD, /* a Giấy khen decision */
	DH_DOC_CODES
};

/* `documents:` — how the plan's documents look (NĐ 30/2020/NĐ-CP). Every
 * number has its default in config.c, inside the decree's range. */
typedef struct dh_documents {
	char *folder;   /* where the screens write documents ("~/dienhinh-van-ban") */
	double top_mm, bottom_mm, left_mm, right_mm; /* `page: {top, bottom, left, right}` */
	double font_pt; /* body text, 13–14 */
	char *codes[DH_DOC_CODES]; /* ký hiệu after "Số: N/": "BB-HĐTĐKT", "QĐ-TTr", … (never NULL once loaded) */
	char **recipients[DH_DOC_CODES]; /* nơi nhận per kind, without "- " and ";" (may be empty) */
	size_t n_recipients[DH_DOC_CODES];
	char **basis; /* căn cứ lines of a decision, each without its ending ";" or "." */
	size_t n_basis;
} dh_documents;

/* One field of the Giấy khen, in millimetres from the page's top left. */
typedef struct dh_cert_field {
	double x_mm, y_mm, w_mm, h_mm;
	double size_pt; /* the largest size; a long text is shrunk or wrapped to fit */
	bool bold, italic;
	int align; /* 0 left, 1 centre, 2 right */
	bool shown; /* false: config leaves this field off the blank */
} dh_cert_field;

enum {
	DH_CERT_NAME = 0,  /* the person, collective or model */
	DH_CERT_POSITION,  /* a person's position */
	DH_CERT_UNIT,      /* the unit (department) */
	DH_CERT_ACHIEVEMENT,
	DH_CERT_DECISION,  /* "Quyết định số 12/QĐ-TTr ngày 30/11/2021" */
	DH_CERT_BOOK,      /* "Số sổ vàng: 3" (the order in the decision) */
	DH_CERT_PLACE_DATE, /* "Hà Tĩnh, ngày 30 tháng 11 năm 2021" */
	DH_CERT_SIGNER_TITLE,
	DH_CERT_SIGNER_NAME,
	DH_CERT_FIELDS
};

/* `certificate:` — where each field prints on the office's pre-printed
 * Giấy khen blanks (NĐ 98/2023 Art. 104: A4 landscape). */
typedef struct dh_certificate {
	double width_mm, height_mm; /* `page: {width, height}` */
	double shift_x_mm, shift_y_mm; /* `shift: {x, y}`: one printer's offset, added to every field */
	dh_cert_field fields[DH_CERT_FIELDS];
} dh_certificate;

typedef struct dh_permission {
	char *action; /* a workflow action name */
	unsigned roles;
} dh_permission;

typedef struct dh_config {
	char *path; /* the file it was read from */
	struct {
		char *name;
		char *short_name; /* key `short` */
		char *website; /* NULL when absent */
		char *parent;  /* the body above it ("Ủy ban nhân dân tỉnh Hà Tĩnh"); NULL when absent */
		char *parent_short; /* for the header ("UBND tỉnh Hà Tĩnh"); NULL: `parent` */
		char *place;   /* the place of the date line ("Hà Tĩnh"); NULL: from the name */
		char *title;   /* the head's title as it signs ("Chánh Thanh tra"); NULL: the chief's position */
	} organization;
	struct {
		int year;
		char *title;
	} plan;
	char *storage_path; /* relative paths are relative to the process cwd; "var/data" when absent */
	/* storage.max_readers: LMDB's reader table, one slot per open read
	 * (a session holds one or two at a time); 0 when absent: the store's
	 * default. Takes effect when the first session opens the database. */
	int storage_max_readers;
	dh_department *departments;
	size_t n_departments;
	dh_person *people;
	size_t n_people;
	dh_council council;
	dh_criteria criteria;
	dh_deadline *deadlines;
	size_t n_deadlines;
	dh_award *awards;
	size_t n_awards;
	dh_hold_kind *holds; /* may be empty: a hold then has only its reason */
	size_t n_holds;
	dh_permission *permissions; /* overrides only; defaults live in core */
	size_t n_permissions;
	dh_documents documents;
	dh_certificate certificate;
} dh_config;

/* Diagnostics collected while loading, sorted by position. Each entry is
 * one or more complete lines, every one ending in '\n':
 *   "FILE:LINE:COL: message"   (LINE, COL 1-based; COL counts characters)
 *   " LINE | the source line"
 *   "      | ^"                (the caret under COL)
 * or only "FILE: message" when there is no position (unreadable file). */
typedef struct dh_diag {
	char **lines;
	size_t n;
} dh_diag;

void diag_free(dh_diag *d);
/* Every entry of D to OUT (stderr, for check-config). */
void diag_print(const dh_diag *d, FILE *out);

/* 0 and *out set, or DH_ECONFIG with every problem found in DIAG (loading
 * goes on after an error where it can, so one run shows them all), or DH_EIO
 * when the file cannot be read (also described in DIAG). */
int config_load(const char *path, dh_config **out, dh_diag *diag);
/* The same for LEN bytes already in memory (BUF need not be
 * NUL-terminated), named NAME in the messages and in cfg->path: the
 * byte-level entry a fuzzer or a test reaches without a file. Any bytes
 * give a config or DH_ECONFIG with diagnostics, never a crash; more than
 * 1 MiB is DH_EIO, as for a file. */
int config_load_buffer(const char *name, const char *buf, size_t len, dh_config **out, dh_diag *diag);
void config_free(dh_config *cfg);

/* Which file to use: explicit, else $DIENHINH_CONFIG, else
 * ./config/dienhinh.yaml, else the installed config (config_system_path).
 * Returns a pointer to EXPLICIT, to the environment, or to a static string. */
const char *config_find(const char *explicit_path);
/* Where `make install` puts the config: SYSCONFDIR/dienhinh/dienhinh.yaml,
 * SYSCONFDIR fixed when the program is built (/etc by default). The only
 * config a set-group-id run reads. */
const char *config_system_path(void);

const dh_department *config_department(const dh_config *cfg, const char *id);
/* The name for a narrow column: `short` from config, else the name
 * without a leading "Phòng ", else the id ("" for NULL). */
const char *config_department_short(const dh_config *cfg, const char *id);
/* By id or by name or short name (NFC, case-insensitive match on names). */
const dh_department *config_department_lookup(const dh_config *cfg, const char *id_or_name);
const dh_person *config_person(const dh_config *cfg, const char *login);
/* What a person reads for a department id or a login: the config's name,
 * else the id or login itself, else "" (for NULL). Every screen and
 * document names people and departments through these two. */
const char *config_department_name(const dh_config *cfg, const char *id);
const char *config_person_name(const dh_config *cfg, const char *login);
const dh_award *config_award(const dh_config *cfg, const char *id);
const dh_hold_kind *config_hold(const dh_config *cfg, const char *id);
const dh_deadline *config_deadline(const dh_config *cfg, const char *id);
/* The deadline whose `closes` names ACTION, or NULL. */
const dh_deadline *config_deadline_closing(const dh_config *cfg, const char *action);
const dh_criterion *config_criterion(const dh_config *cfg, int kind_index, const char *id);

/* `check-config`'s human summary (Vietnamese): departments, people, council
 * with quorum and threshold in words, criteria, deadlines with days left
 * counted from TODAY (YYYYMMDD). */
void config_print_summary(const dh_config *cfg, FILE *out, int today);

#endif
