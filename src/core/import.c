/* import.c — candidates from CSV, checked whole before one write (import.h). */
#include "dienhinh/import.h"

#include "dienhinh/buf.h"
#include "dienhinh/config.h"
#include "dienhinh/csv.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The columns a header may name. */
#define IMPORT_COLUMNS(X)                                                                                    \
	X(ID, "id")                                                                                          \
	X(YEAR, "year")                                                                                      \
	X(KIND, "kind")                                                                                      \
	X(NAME, "name")                                                                                      \
	X(DEPARTMENT, "department")                                                                          \
	X(POSITION, "position")                                                                              \
	X(TITLE, "title")                                                                                    \
	X(DESCRIPTION, "description")                                                                        \
	X(STAGE, "stage")                                                                                    \
	X(RECOGNISED_DECISION, "recognised_decision")                                                        \
	X(RECOGNISED_DATE, "recognised_date")                                                                \
	X(AWARD_DECISION, "award_decision")                                                                  \
	X(AWARD_DATE, "award_date")

enum import_col {
#define IMPORT_COL_ENUM(id, name) IC_##id,
	IMPORT_COLUMNS(IMPORT_COL_ENUM)
#undef IMPORT_COL_ENUM
	    IC__COUNT,
	IC_NONE = -1, /* a header cell left empty */
};

static const char *const import_col_names[] = {
#define IMPORT_COL_NAME(id, name) name,
    IMPORT_COLUMNS(IMPORT_COL_NAME)
#undef IMPORT_COL_NAME
};

/* What a person at a terminal sees while a large file goes in: on stderr,
 * one line rewritten in place, at most five times a second; nothing when
 * stderr is not a terminal. */
typedef struct import_progress {
	FILE *out; /* NULL: no terminal */
	double start, last;
	long long size; /* bytes of the file, -1 when unknown (a pipe) */
	bool shown;
} import_progress;

typedef struct import_job {
	dh_ctx *ctx;
	const char *name; /* the file as named in messages */
	const dh_import_rows *rows; /* a sheet's rows: messages say NAME!ROW */
	const char *note; /* the audit note: the file's base name */
	FILE *err;   /* NULL: messages not printed (import_check) */
	char *first; /* import_check: the first message goes here too */
	size_t first_size;
	int *col_at; /* header position -> enum import_col */
	size_t n_header;
	int pos_of[IC__COUNT]; /* column -> header position, -1 when absent */
	dh_import_result *res;
	/* The checked candidates of the write to come (a small file whole, or
	 * one chunk of a large one): kept until the write returns, since the
	 * store restores their meta if it re-runs it. */
	dh_candidate **cands;
	size_t n_cands, cap_cands;
	size_t keep_max; /* keep at most this many; past it only count */
	bool kept_all;   /* every good row so far is in CANDS */
	size_t written;
	bool bad_utf8; /* some cell was not UTF-8: say how to save the file */
	/* Pass 2 of a large file: each chunk of CHUNK rows is written as it
	 * fills (import_flush). */
	dh_staging *stage;
	size_t chunk;
	bool adapt; /* CHUNK follows the time a write takes */
	size_t chunks_done;
	int write_rc;
	import_progress *progress;
} import_job;

static void import_error(import_job *j, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* Where LINE is, as messages start: "NAME:LINE" for a file, "NAME!ROW"
 * for a sheet (import_xlsx.h). */
static const char *import_where(const import_job *j, long line, char *buf, size_t size)
{
	if (j->rows) {
		long row = line >= 1 && (size_t)line <= j->rows->n_lines ? j->rows->row_of_line[line - 1] : line;
		snprintf(buf, size, "%s!%ld", j->name, row);
	} else {
		snprintf(buf, size, "%s:%ld", j->name, line);
	}
	return buf;
}

static void import_error(import_job *j, long line, const char *fmt, ...)
{
	j->res->errors++;
	if (j->res->errors > IMPORT_MAX_ERRORS)
		return;
	va_list ap;
	va_start(ap, fmt);
	char where[4096];
	import_where(j, line, where, sizeof(where));
	if (j->first && j->first_size && !j->first[0]) {
		int n = snprintf(j->first, j->first_size, "%s: ", where);
		if (n >= 0 && (size_t)n < j->first_size) {
			va_list copy;
			va_copy(copy, ap);
			vsnprintf(j->first + n, j->first_size - (size_t)n, fmt, copy);
			va_end(copy);
		}
	}
	if (j->err) {
		fprintf(j->err, "%s: ", where);
		vfprintf(j->err, fmt, ap);
		fputc('\n', j->err);
	}
	va_end(ap);
}

/* Edit distance, for "did you mean" on a misspelt column. */
static size_t import_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 40 || lb > 40)
		return 99;
	size_t row[41];
	for (size_t k = 0; k <= lb; k++)
		row[k] = k;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t k = 1; k <= lb; k++) {
			size_t up = row[k];
			size_t best = diag + (a[i - 1] != b[k - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[k - 1] + 1 < best)
				best = row[k - 1] + 1;
			row[k] = best;
			diag = up;
		}
	}
	return row[lb];
}

/* S without ASCII spaces at either end, copied into BUF (lower case when
 * LOWER); BUF has SIZE bytes. */
static void import_trim_copy(const char *s, char *buf, size_t size, bool lower)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	if (n >= size)
		n = size - 1;
	for (size_t i = 0; i < n; i++)
		buf[i] = lower && s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	buf[n] = '\0';
}

static int import_header(import_job *j, dh_csv *c)
{
	for (int k = 0; k < IC__COUNT; k++)
		j->pos_of[k] = -1;
	free(j->col_at);
	j->n_header = c->n;
	j->col_at = malloc(c->n * sizeof(*j->col_at));
	if (!j->col_at)
		return DH_ENOMEM;
	long line = c->row_line;
	if (c->n == 1 && strchr(csv_field(c, 0), ';')) {
		import_error(j, line,
		             "dòng tiêu đề dùng dấu chấm phẩy (;) để ngăn cột; hãy lưu bảng tính dạng "
		             "“CSV UTF-8 (phân cách bằng dấu phẩy)”");
		return 0;
	}
	for (size_t i = 0; i < c->n; i++) {
		char name[64];
		import_trim_copy(csv_field(c, i), name, sizeof(name), true);
		j->col_at[i] = IC_NONE;
		if (!name[0])
			continue;
		int col = -1;
		for (int k = 0; k < IC__COUNT; k++)
			if (strcmp(name, import_col_names[k]) == 0)
				col = k;
		if (col < 0) {
			const char *best = NULL;
			size_t best_d = 4;
			for (int k = 0; k < IC__COUNT; k++) {
				size_t d = import_distance(name, import_col_names[k]);
				if (d < best_d) {
					best_d = d;
					best = import_col_names[k];
				}
			}
			char *shown = utf8_sanitize(csv_field(c, i));
			if (best)
				import_error(j, line, "cột “%s” không có trong danh sách cột (có phải “%s”?)",
				             shown ? shown : "?", best);
			else
				import_error(
				    j, line,
				    "cột “%s” không có trong danh sách cột: year, kind, name, department, "
				    "position, title, description, stage, recognised_decision, "
				    "recognised_date, award_decision, award_date",
				    shown ? shown : "?");
			free(shown);
			continue;
		}
		if (j->pos_of[col] >= 0) {
			import_error(j, line, "cột “%s” xuất hiện hai lần", import_col_names[col]);
			continue;
		}
		j->pos_of[col] = (int)i;
		j->col_at[i] = col;
	}
	static const int required[] = {IC_KIND, IC_NAME, IC_DEPARTMENT};
	for (size_t k = 0; k < sizeof(required) / sizeof(required[0]); k++)
		if (j->pos_of[required[k]] < 0)
			import_error(j, line, "thiếu cột bắt buộc “%s” (bắt buộc: kind, name, department)",
			             import_col_names[required[k]]);
	return 0;
}

/* Match S against the codes (NAME_FN) and Vietnamese labels (LABEL_FN) of
 * an enum with N values; -1 when none. */
static int import_enum(const char *s, int n, const char *(*name_fn)(int), const char *(*label_fn)(int))
{
	for (int v = 0; v < n; v++) {
		const char *code = name_fn(v);
		if (code && strcasecmp(s, code) == 0)
			return v;
	}
	for (int v = 0; v < n; v++) {
		const char *label = label_fn(v);
		if (label && utf8_casecmp(s, label) == 0)
			return v;
	}
	return -1;
}

/* Free text goes into the record as it is and the core's
 * wf_candidate_normalise() checks and composes it (NFC, no control
 * characters, lengths), as for a form; the other columns are read here and
 * must be clean text to be compared and quoted in a message. */
static bool import_free_text(int col)
{
	return col == IC_NAME || col == IC_POSITION || col == IC_TITLE || col == IC_DESCRIPTION ||
	       col == IC_RECOGNISED_DECISION || col == IC_AWARD_DECISION;
}

/* The text of column COL in the current row as a new string, spaces and
 * line breaks at both ends trimmed, "" for an absent column or an empty
 * cell; NULL after an error has been reported. */
static char *import_cell(import_job *j, const dh_csv *c, int col)
{
	int pos = j->pos_of[col];
	const char *s = "";
	size_t len = 0;
	if (pos >= 0 && (size_t)pos < c->n) {
		s = csv_field(c, (size_t)pos);
		len = csv_field_len(c, (size_t)pos);
	}
	if (!utf8_valid(s, len)) {
		import_error(j, c->row_line, "cột “%s”: văn bản không phải UTF-8", import_col_names[col]);
		j->bad_utf8 = true;
		return NULL;
	}
	while (*s == ' ' || *s == '\t' || *s == '\n')
		s++;
	/* Undo the quote an export puts before a cell that would start a
	 * formula. */
	if (s[0] == '\'' && csv_cell_dangerous(s + 1))
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n'))
		n--;
	char *text = strndup(s, n);
	if (!text)
		import_error(j, c->row_line, "%s", dh_strerror(DH_ENOMEM));
	if (!text || import_free_text(col))
		return text;
	const char *why = NULL;
	char *clean = utf8_clean(text, false, &why);
	free(text);
	if (!clean)
		import_error(j, c->row_line, "cột “%s”: %s", import_col_names[col],
		             why ? why : "văn bản không phải UTF-8 hợp lệ");
	return clean;
}

static bool import_date(import_job *j, const dh_csv *c, int col, const char *s, int *out)
{
	*out = 0;
	if (!*s)
		return true;
	if (date_parse(s, out) == 0 || date_parse_serial(s, out) == 0)
		return true;
	import_error(j, c->row_line,
	             "cột “%s”: “%s” không phải một ngày có thật (viết YYYY-MM-DD hoặc DD/MM/YYYY)",
	             import_col_names[col], s);
	return false;
}

/* Build the candidate of the current row into CAND (a fresh record). 0, or
 * DH_EINVAL once every problem of the row has been reported. */
static int import_row(import_job *j, const dh_csv *c, dh_candidate *cand)
{
	size_t errors = j->res->errors;
	for (size_t i = 0; i < c->n; i++) {
		if (i < j->n_header && j->col_at[i] != IC_NONE)
			continue;
		if (!csv_field_len(c, i))
			continue;
		if (i >= j->n_header)
			import_error(j, c->row_line, "dòng có %zu ô, nhiều hơn %zu cột của dòng tiêu đề",
			             c->n, j->n_header);
		else
			import_error(j, c->row_line, "ô thứ %zu có dữ liệu nhưng cột không có tên", i + 1);
		break;
	}

	char *cell[IC__COUNT] = {0};
	for (int k = 0; k < IC__COUNT; k++)
		if (k != IC_ID)
			cell[k] = import_cell(j, c, k);
	for (int k = 0; k < IC__COUNT; k++)
		if (k != IC_ID && !cell[k])
			goto done;

	static const int required[] = {IC_KIND, IC_NAME, IC_DEPARTMENT};
	for (size_t k = 0; k < sizeof(required) / sizeof(required[0]); k++)
		if (!cell[required[k]][0])
			import_error(j, c->row_line, "thiếu “%s” (bắt buộc)", import_col_names[required[k]]);

	if (cell[IC_KIND][0]) {
		cand->kind = import_enum(cell[IC_KIND], DH_CANDIDATE_KINDS, kind_name, kind_label);
		if (cand->kind < 0)
			import_error(j, c->row_line,
			             "cột “kind”: “%s” không phải individual, collective hoặc model",
			             cell[IC_KIND]);
	}
	if (cell[IC_DEPARTMENT][0]) {
		const dh_department *d = config_department_lookup(j->ctx->cfg, cell[IC_DEPARTMENT]);
		if (!d)
			import_error(
			    j, c->row_line,
			    "cột “department”: không có phòng “%s” trong cấu hình (ghi mã hoặc tên phòng)",
			    cell[IC_DEPARTMENT]);
		else if (!(cand->department = strdup(d->id)))
			goto nomem;
	}
	if (cell[IC_YEAR][0]) {
		char *end;
		long y = strtol(cell[IC_YEAR], &end, 10);
		if (*end || y < 2000 || y > 2100)
			import_error(j, c->row_line, "cột “year”: “%s” không phải một năm từ 2000 đến 2100",
			             cell[IC_YEAR]);
		else
			cand->year = (int)y;
	}
	if (cell[IC_STAGE][0]) {
		cand->stage = import_enum(cell[IC_STAGE], DH_STAGE__COUNT, stage_name, stage_label);
		if (cand->stage < 0)
			import_error(
			    j, c->row_line,
			    "cột “stage”: “%s” không phải một bước (new_factor, fostering, nominated, "
			    "approved, not_approved, recognised, awarded)",
			    cell[IC_STAGE]);
	} else {
		/* A decision number says how far the candidate got. */
		cand->stage = cell[IC_AWARD_DECISION][0]        ? DH_STAGE_AWARDED
		              : cell[IC_RECOGNISED_DECISION][0] ? DH_STAGE_RECOGNISED
		                                                : DH_STAGE_NEW_FACTOR;
	}
	import_date(j, c, IC_RECOGNISED_DATE, cell[IC_RECOGNISED_DATE], &cand->recognised_date);
	import_date(j, c, IC_AWARD_DATE, cell[IC_AWARD_DATE], &cand->award_date);
	if (cand->stage >= 0 && cand->stage < DH_STAGE_RECOGNISED &&
	    (cell[IC_RECOGNISED_DECISION][0] || cand->recognised_date))
		import_error(j, c->row_line, "có quyết định công nhận nhưng bước là “%s”",
		             stage_name(cand->stage));
	if (cand->stage >= 0 && cand->stage < DH_STAGE_AWARDED &&
	    (cell[IC_AWARD_DECISION][0] || cand->award_date))
		import_error(j, c->row_line, "có quyết định khen thưởng nhưng bước là “%s”",
		             stage_name(cand->stage));

	/* The remaining text moves into the record as it is. */
	static const struct {
		int col;
		size_t offset;
	} text[] = {
	    {IC_NAME, offsetof(dh_candidate, name)},
	    {IC_POSITION, offsetof(dh_candidate, position)},
	    {IC_TITLE, offsetof(dh_candidate, title)},
	    {IC_DESCRIPTION, offsetof(dh_candidate, description)},
	    {IC_RECOGNISED_DECISION, offsetof(dh_candidate, recognised_decision)},
	    {IC_AWARD_DECISION, offsetof(dh_candidate, award_decision)},
	};
	for (size_t k = 0; k < sizeof(text) / sizeof(text[0]); k++) {
		if (!cell[text[k].col][0])
			continue;
		*(char **)((char *)cand + text[k].offset) = cell[text[k].col];
		cell[text[k].col] = NULL;
	}

	if (j->res->errors == errors) {
		/* The core's own checks: lengths, year, the department's
		 * existence, dates; the same a form gets. */
		j->ctx->message[0] = '\0';
		int rc = wf_candidate_normalise(j->ctx, cand);
		if (rc == DH_ENOMEM)
			goto nomem;
		if (rc) {
			if (j->ctx->field[0])
				import_error(j, c->row_line, "cột “%s”: %s", j->ctx->field, j->ctx->message);
			else
				import_error(j, c->row_line, "%s",
				             j->ctx->message[0] ? j->ctx->message : dh_strerror(rc));
		}
	}
done:
	for (int k = 0; k < IC__COUNT; k++)
		free(cell[k]);
	return j->res->errors == errors ? 0 : DH_EINVAL;
nomem:
	for (int k = 0; k < IC__COUNT; k++)
		free(cell[k]);
	return DH_ENOMEM;
}

/* A file of at most this many rows goes in one write, as it always did. A
 * larger one is staged in chunks whose size follows the time a write
 * takes: each is to hold the store's one write lock for about
 * IMPORT_CHUNK_MS, so that a save from a form waits for one at most
 * (tests/bench/import.sh measures it), on a quiet machine as on a busy
 * one; more rows a write would mean fewer writes of the same index pages. */
enum {
	IMPORT_ONE_WRITE_ROWS = 2000,
	IMPORT_CHUNK_FIRST = 2000,
	IMPORT_CHUNK_MIN = 250,
	IMPORT_CHUNK_MAX = 20000,
	IMPORT_CHUNK_MS = 60,
};

/* Test hooks, read from the environment (tests/cli/import_stage.sh):
 * DIENHINH_TEST_IMPORT_CHUNK rows per write; DIENHINH_TEST_IMPORT_KILL=N
 * the process kills itself (SIGKILL) once N writes are done (the rows'
 * chunks, then the postings');
 * DIENHINH_TEST_IMPORT_PAUSE=FILE once the first chunk is written, FILE is
 * made and the import waits while it is there. */
static size_t import_env_size(const char *name, size_t dflt)
{
	const char *v = getenv(name);
	if (!v || !*v)
		return dflt;
	char *end;
	unsigned long long n = strtoull(v, &end, 10);
	return *end || n == 0 ? dflt : (size_t)n;
}

static void import_test_hooks(import_job *j)
{
	size_t kill_after = import_env_size("DIENHINH_TEST_IMPORT_KILL", 0);
	if (kill_after && j->chunks_done == kill_after)
		raise(SIGKILL);
	const char *pause = getenv("DIENHINH_TEST_IMPORT_PAUSE");
	if (pause && *pause && j->chunks_done == 1) {
		FILE *f = fopen(pause, "w");
		if (f)
			fclose(f);
		struct timespec ts = {0, 10 * 1000000L};
		while (access(pause, F_OK) == 0)
			nanosleep(&ts, NULL);
	}
}

/* --- progress ------------------------------------------------------------ */

static double import_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* "1.234.567" */
static const char *import_count(unsigned long long n, char *buf, size_t size)
{
	char raw[32];
	int len = snprintf(raw, sizeof(raw), "%llu", n);
	size_t o = 0;
	for (int i = 0; i < len && o + 2 < size; i++) {
		if (i && (len - i) % 3 == 0)
			buf[o++] = '.';
		buf[o++] = raw[i];
	}
	buf[o] = '\0';
	return buf;
}

static void import_progress_init(import_progress *p, FILE *err, long long size)
{
	memset(p, 0, sizeof(*p));
	p->out = err && isatty(fileno(err)) ? err : NULL;
	p->size = size;
	p->start = p->last = import_now();
}

/* Whether a progress line is due: at most five a second, and the last
 * one (LAST) always. */
static bool import_progress_due(import_progress *p, bool last)
{
	if (!p || !p->out)
		return false;
	double now = import_now();
	if (now - p->last < 0.2 && !last)
		return false;
	p->last = now;
	return true;
}

/* The progress line, in place of the one before. */
static void import_progress_say(import_progress *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void import_progress_say(import_progress *p, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("\r\033[K", p->out);
	vfprintf(p->out, fmt, ap);
	va_end(ap);
	fflush(p->out);
	p->shown = true;
}

/* Pass 1: how far through the file (OFFSET bytes, ROWS rows). */
static void import_progress_check(import_progress *p, long long offset, size_t rows)
{
	if (!import_progress_due(p, false))
		return;
	char n[32];
	if (p->size > 0)
		import_progress_say(p, "Đang kiểm tra: %lld%% (%s dòng)", offset * 100 / p->size,
		                    import_count(rows, n, sizeof(n)));
	else
		import_progress_say(p, "Đang kiểm tra: %s dòng", import_count(rows, n, sizeof(n)));
}

/* Pass 2: DONE of TOTAL rows written, the rate and the time left. */
static void import_progress_write(import_progress *p, size_t done, size_t total)
{
	if (!import_progress_due(p, done >= total))
		return;
	double secs = p->last - p->start;
	double rate = secs > 0.05 ? (double)done / secs : 0;
	char a[32], b[32], r[32];
	if (rate > 0)
		import_progress_say(p, "Đang nhập: %s/%s hồ sơ · %s hồ sơ/giây · còn %.0f giây",
		                    import_count(done, a, sizeof(a)), import_count(total, b, sizeof(b)),
		                    import_count((unsigned long long)rate, r, sizeof(r)), (double)(total - done) / rate);
	else
		import_progress_say(p, "Đang nhập: %s/%s hồ sơ", import_count(done, a, sizeof(a)),
		                    import_count(total, b, sizeof(b)));
}

/* Then the lookup index: DONE of TOTAL spellings. */
static void import_progress_index(import_progress *p, size_t done, size_t total)
{
	if (import_progress_due(p, done >= total))
		import_progress_say(p, "Đang lập chỉ mục tra cứu: %zu%%", total ? done * 100 / total : 100);
}

static void import_progress_done(import_progress *p)
{
	if (p && p->out && p->shown) {
		fputs("\r\033[K", p->out);
		fflush(p->out);
		p->shown = false;
	}
}

/* --- reading ------------------------------------------------------------- */

static void import_drop_kept(import_job *j)
{
	for (size_t i = 0; i < j->n_cands; i++)
		record_free(DH_R_CANDIDATE, j->cands[i]);
	j->n_cands = 0;
}

static int import_chunk_fn(dh_repo_tx *tx, void *ctx)
{
	import_job *j = ctx;
	for (size_t i = 0; i < j->n_cands; i++) {
		int rc = repo_tx_put(tx, "import", NULL, DH_R_CANDIDATE, j->cands[i]);
		if (rc)
			return rc;
	}
	return 0;
}

/* Pass 2: the chunk in CANDS written, hidden, in a write of its own. */
static int import_flush(import_job *j, size_t total)
{
	if (!j->n_cands)
		return 0;
	double t0 = import_now();
	int rc = repo_stage_write(j->stage, import_chunk_fn, j);
	double ms = (import_now() - t0) * 1e3;
	if (j->adapt) {
		/* the next chunk sized to take about IMPORT_CHUNK_MS, growing
		 * at most twofold at a time */
		double want = (double)j->n_cands * IMPORT_CHUNK_MS / (ms > 1 ? ms : 1);
		if (want > 2.0 * (double)j->chunk)
			want = 2.0 * (double)j->chunk;
		j->chunk = want < IMPORT_CHUNK_MIN ? IMPORT_CHUNK_MIN
		           : want > IMPORT_CHUNK_MAX ? IMPORT_CHUNK_MAX
		                                     : (size_t)want;
	}
	import_drop_kept(j);
	if (rc)
		return rc;
	j->chunks_done++;
	import_progress_write(j->progress, (size_t)repo_stage_written(j->stage), total);
	import_test_hooks(j);
	return 0;
}

/* A good row's candidate: kept for the write while there is room (pass 1)
 * or written with its chunk (pass 2), else only counted. */
static int import_keep(import_job *j, dh_candidate *cand)
{
	if (!j->stage && (!j->kept_all || j->n_cands >= j->keep_max)) {
		/* too many for one write: pass 2 reads the file again */
		j->kept_all = false;
		import_drop_kept(j);
		record_free(DH_R_CANDIDATE, cand);
		return 0;
	}
	if (buf_reserve(&j->cands, &j->cap_cands, j->n_cands + 1, sizeof(dh_candidate *))) {
		record_free(DH_R_CANDIDATE, cand);
		return DH_ENOMEM;
	}
	j->cands[j->n_cands++] = cand;
	return 0;
}

/* Read the file: the header, then every row, checked and built; bad rows
 * are reported and the rest still read, so one run shows every fault.
 * TOTAL: in pass 2, the rows pass 1 found (for the progress line). */
static int import_read(import_job *j, dh_csv *c, size_t total)
{
	int rc;
	bool header = false;
	while ((rc = csv_next(c)) == 1) {
		if (csv_row_blank(c))
			continue;
		if (!header) {
			header = true;
			if ((rc = import_header(j, c)) || j->res->errors)
				break; /* rows make no sense without their columns */
			continue;
		}
		j->res->rows++;
		if (!j->stage && (j->res->rows & 1023) == 0)
			import_progress_check(j->progress, csv_offset(c), j->res->rows);
		dh_candidate *cand = record_new(DH_R_CANDIDATE);
		if (!cand) {
			rc = DH_ENOMEM;
			break;
		}
		rc = import_row(j, c, cand);
		if (rc == 0 && j->res->errors == 0)
			rc = import_keep(j, cand);
		else
			record_free(DH_R_CANDIDATE, cand);
		if (rc == DH_EINVAL)
			rc = 0; /* reported; go on to find the other bad rows */
		if (!rc && j->stage && j->res->errors)
			rc = DH_EINVAL; /* pass 2: the file changed under us */
		if (!rc && j->stage && j->n_cands >= j->chunk)
			rc = import_flush(j, total);
		if (rc)
			break;
	}
	if (rc == DH_EINVAL && c->error) {
		import_error(j, c->row_line, "%s", c->error);
	} else if (rc == DH_EIO && c->error) {
		import_error(j, c->row_line, "không đọc được tệp: %s", strerror(c->read_errno));
	} else if (rc == 0 && !header) {
		import_error(
		    j, 1, "tệp trống: cần một dòng tiêu đề nêu tên các cột (ít nhất kind, name, department)");
		rc = DH_EINVAL;
	}
	if (rc == 0 && j->stage)
		rc = import_flush(j, total);
	if (rc == 0 && j->res->errors)
		rc = DH_EINVAL;
	return rc;
}

/* Excel's "Unicode text" (UTF-16: every other byte is NUL), told apart from
 * its first two bytes before the CSV reader stumbles on the NULs. */
static int import_utf16(import_job *j, const unsigned char *head, size_t len)
{
	if (len >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))) {
		import_error(j, 1,
		             "tệp được lưu dạng UTF-16; hãy lưu bảng tính dạng "
		             "“CSV UTF-8 (phân cách bằng dấu phẩy)”");
		return DH_EINVAL;
	}
	return 0;
}

/* The closing lines on ERR, and J's candidates freed. */
static void import_finish(import_job *j)
{
	import_progress_done(j->progress);
	if (j->err && j->res->errors > IMPORT_MAX_ERRORS)
		fprintf(j->err, "%s: … và %zu lỗi khác\n", j->name, j->res->errors - IMPORT_MAX_ERRORS);
	if (j->err && j->bad_utf8)
		fprintf(j->err,
		        "%s: tệp có chỗ không phải UTF-8; trong Excel hãy chọn Lưu thành → "
		        "“CSV UTF-8 (phân cách bằng dấu phẩy)”\n",
		        j->name);
	import_drop_kept(j);
	free(j->cands);
	free(j->col_at);
}

/* --- the source: a buffer, or a file read twice ---------------------------- */

typedef struct import_src {
	const char *data; /* a buffer, or NULL: */
	size_t len;
	int fd;           /* the file (pass 1) */
	FILE *spool;      /* a pipe's bytes kept for pass 2 (NULL: the file is read again) */
	int pass2_fd;     /* what pass 2 reads */
	long long size;   /* bytes when known, else -1 */
	unsigned char head[2];
	size_t head_len, head_given;
	int read_errno;
} import_src;

static long import_src_read(void *ctx, char *buf, size_t n)
{
	import_src *s = ctx;
	if (s->head_given < s->head_len) {
		size_t k = s->head_len - s->head_given < n ? s->head_len - s->head_given : n;
		memcpy(buf, s->head + s->head_given, k);
		s->head_given += k;
		if (s->spool && fwrite(buf, 1, k, s->spool) != k)
			return -1;
		return (long)k;
	}
	ssize_t r = read(s->fd, buf, n);
	if (r > 0 && s->spool && fwrite(buf, 1, (size_t)r, s->spool) != (size_t)r)
		return -1;
	return (long)r;
}

static long import_src_read2(void *ctx, char *buf, size_t n)
{
	import_src *s = ctx;
	return (long)read(s->pass2_fd, buf, n);
}

/* Pass 1 of a file: its first bytes (UTF-16?), then all of it through the
 * CSV reader. */
static int import_src_open(import_job *j, import_src *s, dh_csv *c)
{
	if (s->data) {
		csv_init(c, s->data, s->len);
		return import_utf16(j, (const unsigned char *)s->data, s->len);
	}
	while (s->head_len < 2) {
		ssize_t r = read(s->fd, s->head + s->head_len, 2 - s->head_len);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;
			import_error(j, 1, "không đọc được tệp: %s", strerror(e));
			return DH_EIO;
		}
		if (r == 0)
			break;
		s->head_len += (size_t)r;
	}
	csv_init_stream(c, import_src_read, s);
	return import_utf16(j, s->head, s->head_len);
}

/* Pass 2: the same bytes again. */
static int import_src_rewind(import_src *s, dh_csv *c)
{
	if (s->data) {
		csv_init(c, s->data, s->len);
		return 0;
	}
	if (s->spool) {
		if (fflush(s->spool) != 0)
			return DH_EIO;
		s->pass2_fd = fileno(s->spool);
	} else {
		s->pass2_fd = s->fd;
	}
	if (lseek(s->pass2_fd, 0, SEEK_SET) != 0)
		return DH_EIO;
	csv_init_stream(c, import_src_read2, s);
	return 0;
}

/* --- the import ---------------------------------------------------------- */

static int import_write_fn(dh_repo_tx *tx, void *ctx)
{
	import_job *j = ctx;
	j->written = 0; /* the store may run this again after growing the map */
	/* One audit entry for the whole file (ids follow its rows), not one
	 * per row: a million rows would otherwise double the database. */
	int rc = repo_bulk_begin(tx, "import", j->note);
	if (rc)
		return rc;
	for (size_t i = 0; i < j->n_cands; i++) {
		rc = repo_tx_put(tx, "import", NULL, DH_R_CANDIDATE, j->cands[i]);
		if (rc)
			return rc;
		j->written++;
	}
	return 0;
}

static void import_say_busy(dh_ctx *ctx, const dh_staging_owner *who)
{
	char since[16] = "?";
	time_t t = (time_t)who->since;
	struct tm tm;
	if (who->since && localtime_r(&t, &tm))
		strftime(since, sizeof(since), "%H:%M", &tm);
	snprintf(ctx->message, sizeof(ctx->message),
	         "%s đang nhập một tệp khác (tiến trình %ld, từ %s); chờ xong rồi nhập lại",
	         who->login[0] ? who->login : "một người khác", who->pid, since);
}

/* The staged candidates' postings, in writes sized as the chunks are. */
static int import_index(import_job *j)
{
	/* some twenty entries a row; the index writes time themselves */
	size_t budget = 20 * (j->adapt ? IMPORT_CHUNK_FIRST : j->chunk), done, total;
	for (;;) {
		double t0 = import_now();
		int rc = repo_stage_index(j->stage, budget, &done, &total);
		if (rc <= 0)
			return rc;
		double ms = (import_now() - t0) * 1e3;
		if (j->adapt) {
			double want = (double)budget * IMPORT_CHUNK_MS / (ms > 1 ? ms : 1);
			if (want > 2.0 * (double)budget)
				want = 2.0 * (double)budget;
			budget = want < 20 * IMPORT_CHUNK_MIN ? 20 * IMPORT_CHUNK_MIN
			         : want > 20 * IMPORT_CHUNK_MAX ? 20 * IMPORT_CHUNK_MAX
			                                        : (size_t)want;
		}
		import_progress_index(j->progress, done, total);
		j->chunks_done++;
		import_test_hooks(j);
	}
}

/* Pass 2 of a file too large for one write: its rows staged chunk by
 * chunk, hidden, and then published in one small write. */
static int import_staged(import_job *j, import_src *src, size_t total)
{
	dh_staging_owner who;
	dh_staging *sg;
	int rc = repo_stage_begin(j->ctx->store, j->ctx->login, DH_R_CANDIDATE, total, "import", j->note, &who, &sg);
	if (rc == DH_EBUSY)
		import_say_busy(j->ctx, &who);
	if (rc)
		return rc;
	dh_csv c;
	size_t rows = j->res->rows;
	j->res->rows = 0;
	j->stage = sg;
	j->kept_all = false;
	j->progress->start = import_now(); /* the rate is of pass 2 alone */
	rc = import_src_rewind(src, &c);
	if (!rc)
		rc = import_read(j, &c, total);
	csv_free(&c);
	if (!rc && (j->res->rows != rows || repo_stage_written(sg) != total))
		rc = DH_EINVAL;
	if (rc == DH_EINVAL && !j->res->errors)
		import_error(j, 1, "tệp đã thay đổi trong khi nhập; không nhập hồ sơ nào, hãy nhập lại");
	if (!rc)
		rc = import_index(j);
	if (!rc)
		rc = repo_stage_publish(sg);
	if (!rc)
		j->written = total;
	/* not published: what was staged is deleted here (or, killed, at
	 * the next start) */
	int end = repo_stage_end(sg);
	j->stage = NULL;
	return rc ? rc : end;
}

static int import_run(dh_ctx *ctx, const char *name, const dh_import_rows *rows, import_src *src, FILE *err,
                      dh_import_result *res)
{
	memset(res, 0, sizeof(*res));
	int rc = wf_check(ctx, DH_ACT_IMPORT);
	if (rc)
		return rc;
	dh_staging_owner who;
	if (repo_stage_busy(ctx->store, &who)) {
		import_say_busy(ctx, &who);
		return DH_EBUSY;
	}
	/* The name is the user's bytes: an escape sequence in it must not
	 * reach the terminal or the audit log as it is. */
	char *shown = utf8_escape(name);
	if (!shown)
		return DH_ENOMEM;
	const char *base = strrchr(shown, '/');
	import_progress progress;
	import_progress_init(&progress, err, src->size);
	size_t fixed = import_env_size("DIENHINH_TEST_IMPORT_CHUNK", 0);
	import_job j = {
	    .ctx = ctx,
	    .name = shown,
	    .rows = rows,
	    .note = base ? base + 1 : shown,
	    .err = err,
	    .res = res,
	    .keep_max = fixed ? fixed : IMPORT_ONE_WRITE_ROWS,
	    .kept_all = true,
	    .chunk = fixed ? fixed : IMPORT_CHUNK_FIRST,
	    .adapt = !fixed,
	    .progress = &progress,
	};
	dh_csv c;
	rc = import_src_open(&j, src, &c);
	if (!rc)
		rc = import_read(&j, &c, 0);
	csv_free(&c);
	if (rc == 0 && j.kept_all && j.n_cands) {
		/* small: one write, as a save */
		rc = repo_write(ctx->store, ctx->login, import_write_fn, &j);
		if (rc == 0)
			res->written = j.written;
	} else if (rc == 0 && res->rows) {
		rc = import_staged(&j, src, res->rows);
		if (rc == 0)
			res->written = j.written;
	}
	import_finish(&j);
	free(shown);
	return rc;
}

int import_csv_rows(dh_ctx *ctx, const char *name, const dh_import_rows *rows, const char *data, size_t len,
                    FILE *err, dh_import_result *res)
{
	import_src src = {.data = data, .len = len, .fd = -1, .size = (long long)len};
	return import_run(ctx, name, rows, &src, err, res);
}

int import_csv(dh_ctx *ctx, const char *name, const char *data, size_t len, FILE *err, dh_import_result *res)
{
	return import_csv_rows(ctx, name, NULL, data, len, err, res);
}

int import_check(const dh_config *cfg, const char *name, const char *data, size_t len, FILE *err,
                 char *first, size_t first_size, dh_import_result *res)
{
	memset(res, 0, sizeof(*res));
	if (first && first_size)
		first[0] = '\0';
	/* No store and nobody acting: the rows are only read and checked,
	 * against CFG, as import_csv checks them. */
	char *shown = utf8_escape(name);
	if (!shown)
		return DH_ENOMEM;
	dh_ctx ctx;
	wf_ctx_init(&ctx, cfg, NULL, NULL);
	import_job j = {
	    .ctx = &ctx,
	    .name = shown,
	    .note = shown,
	    .err = err,
	    .first = first,
	    .first_size = first_size,
	    .res = res,
	};
	import_src src = {.data = data, .len = len, .fd = -1};
	dh_csv c;
	int rc = import_src_open(&j, &src, &c);
	if (!rc)
		rc = import_read(&j, &c, 0);
	csv_free(&c);
	import_finish(&j);
	free(shown);
	return rc;
}

int import_fd(dh_ctx *ctx, const char *name, int fd, FILE *err, dh_import_result *res)
{
	struct stat sb;
	bool regular = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode);
	import_src src = {.fd = fd, .size = regular ? (long long)sb.st_size : -1};
	if (!regular || lseek(fd, 0, SEEK_CUR) != 0) {
		/* a pipe cannot be read twice: pass 1 keeps a copy aside */
		if (!(src.spool = tmpfile())) {
			fprintf(err, "%s: không tạo được tệp tạm: %s\n", name, strerror(errno));
			return DH_EIO;
		}
	}
	int rc = import_run(ctx, name, NULL, &src, err, res);
	if (src.spool)
		fclose(src.spool);
	return rc;
}
