/* import.c — candidates from CSV, checked whole before one write (import.h). */
#include "dienhinh/import.h"

#include "dienhinh/config.h"
#include "dienhinh/csv.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/import_xlsx.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/utf8.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
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

typedef struct import_job {
	dh_ctx *ctx;
	const char *name; /* the file as named in messages */
	const dh_import_rows *rows; /* a sheet's rows: messages say NAME!ROW */
	const char *note; /* the audit note: the file's base name */
	const char *data;
	size_t len;
	FILE *err;   /* NULL: messages not printed (import_check) */
	char *first; /* import_check: the first message goes here too */
	size_t first_size;
	int *col_at; /* header position -> enum import_col */
	size_t n_header;
	int pos_of[IC__COUNT]; /* column -> header position, -1 when absent */
	dh_import_result *res;
	/* The checked candidates: kept until the write returns, since the
	 * store restores their meta if it re-runs it. */
	dh_candidate **cands;
	size_t n_cands, cap_cands;
	size_t written;
	bool bad_utf8; /* some cell was not UTF-8: say how to save the file */
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

static int import_keep(import_job *j, dh_candidate *cand)
{
	if (j->n_cands == j->cap_cands) {
		size_t cap = j->cap_cands ? j->cap_cands * 2 : 256;
		dh_candidate **nc = realloc(j->cands, cap * sizeof(dh_candidate *));
		if (!nc)
			return DH_ENOMEM;
		j->cands = nc;
		j->cap_cands = cap;
	}
	j->cands[j->n_cands++] = cand;
	return 0;
}

/* Read the file: the header, then every row, checked and built; bad rows
 * are reported and the rest still read, so one run shows every fault. */
static int import_read(import_job *j)
{
	dh_csv c;
	csv_init(&c, j->data, j->len);
	int rc;
	bool header = false;
	while ((rc = csv_next(&c)) == 1) {
		if (csv_row_blank(&c))
			continue;
		if (!header) {
			header = true;
			if ((rc = import_header(j, &c)) || j->res->errors)
				break; /* rows make no sense without their columns */
			continue;
		}
		j->res->rows++;
		dh_candidate *cand = record_new(DH_R_CANDIDATE);
		if (!cand) {
			rc = DH_ENOMEM;
			break;
		}
		rc = import_row(j, &c, cand);
		if (rc == 0 && j->res->errors == 0)
			rc = import_keep(j, cand);
		else
			record_free(DH_R_CANDIDATE, cand);
		if (rc == DH_EINVAL)
			rc = 0; /* reported; go on to find the other bad rows */
		if (rc)
			break;
	}
	if (rc == DH_EINVAL && c.error) {
		import_error(j, c.row_line, "%s", c.error);
	} else if (rc == 0 && !header) {
		import_error(
		    j, 1, "tệp trống: cần một dòng tiêu đề nêu tên các cột (ít nhất kind, name, department)");
		rc = DH_EINVAL;
	}
	csv_free(&c);
	if (rc == 0 && j->res->errors)
		rc = DH_EINVAL;
	return rc;
}

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

/* Everything before the write, shared by import_csv and import_check: the
 * file read and every row checked into J->cands. */
static int import_prepare(import_job *j)
{
	const unsigned char *head = (const unsigned char *)j->data;
	if (j->len >= 2 && ((head[0] == 0xFF && head[1] == 0xFE) || (head[0] == 0xFE && head[1] == 0xFF))) {
		/* Excel's "Unicode text": every other byte is NUL. */
		import_error(j, 1,
		             "tệp được lưu dạng UTF-16; hãy lưu bảng tính dạng "
		             "“CSV UTF-8 (phân cách bằng dấu phẩy)”");
		return DH_EINVAL;
	}
	return import_read(j);
}

/* The closing lines on ERR, and J's candidates freed. */
static void import_finish(import_job *j)
{
	if (j->err && j->res->errors > IMPORT_MAX_ERRORS)
		fprintf(j->err, "%s: … và %zu lỗi khác\n", j->name, j->res->errors - IMPORT_MAX_ERRORS);
	if (j->err && j->bad_utf8)
		fprintf(j->err,
		        "%s: tệp có chỗ không phải UTF-8; trong Excel hãy chọn Lưu thành → "
		        "“CSV UTF-8 (phân cách bằng dấu phẩy)”\n",
		        j->name);
	for (size_t i = 0; i < j->n_cands; i++)
		record_free(DH_R_CANDIDATE, j->cands[i]);
	free(j->cands);
	free(j->col_at);
}

int import_csv(dh_ctx *ctx, const char *name, const char *data, size_t len, FILE *err, dh_import_result *res)
{
	return import_csv_rows(ctx, name, NULL, data, len, err, res);
}

int import_csv_rows(dh_ctx *ctx, const char *name, const dh_import_rows *rows, const char *data, size_t len,
                    FILE *err, dh_import_result *res)
{
	memset(res, 0, sizeof(*res));
	int rc = wf_check(ctx, DH_ACT_IMPORT);
	if (rc)
		return rc;
	/* The name is the user's bytes: an escape sequence in it must not
	 * reach the terminal or the audit log as it is. */
	char *shown = utf8_escape(name);
	if (!shown)
		return DH_ENOMEM;
	const char *base = strrchr(shown, '/');
	import_job j = {
	    .ctx = ctx,
	    .name = shown,
	    .rows = rows,
	    .note = base ? base + 1 : shown,
	    .data = data,
	    .len = len,
	    .err = err,
	    .res = res,
	};
	rc = import_prepare(&j);
	if (rc == 0 && j.n_cands) {
		rc = repo_write(ctx->store, ctx->login, import_write_fn, &j);
		if (rc == 0)
			res->written = j.written;
	}
	import_finish(&j);
	free(shown);
	return rc;
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
	    .data = data,
	    .len = len,
	    .err = err,
	    .first = first,
	    .first_size = first_size,
	    .res = res,
	};
	int rc = import_prepare(&j);
	import_finish(&j);
	free(shown);
	return rc;
}

/* The whole of FD in a malloc'd buffer. */
static int import_slurp(int fd, char **out, size_t *len)
{
	struct stat sb;
	size_t cap = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) ? (size_t)sb.st_size + 1 : 65536;
	size_t n = 0;
	char *buf = malloc(cap);
	if (!buf)
		return DH_ENOMEM;
	for (;;) {
		if (n == cap) {
			char *nb = realloc(buf, cap *= 2);
			if (!nb) {
				free(buf);
				return DH_ENOMEM;
			}
			buf = nb;
		}
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			free(buf);
			return DH_EIO;
		}
		if (r == 0)
			break;
		n += (size_t)r;
	}
	*out = buf;
	*len = n;
	return 0;
}

int import_file(dh_ctx *ctx, const char *path, FILE *err, dh_import_result *res)
{
	memset(res, 0, sizeof(*res));
	bool std_in = strcmp(path, "-") == 0;
	int fd = std_in ? STDIN_FILENO : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		int saved = errno;
		char *shown = utf8_escape(path);
		fprintf(err, "%s: không đọc được tệp: %s\n", shown ? shown : "?", strerror(saved));
		free(shown);
		return DH_EIO;
	}
	char *data = NULL;
	size_t len = 0;
	int rc = import_slurp(fd, &data, &len);
	int saved = errno;
	if (!std_in)
		close(fd);
	if (rc) {
		char *shown = utf8_escape(path);
		fprintf(err, "%s: không đọc được tệp: %s\n", shown ? shown : "?",
		        rc == DH_EIO ? strerror(saved) : dh_strerror(rc));
		free(shown);
		return rc;
	}
	if (import_is_workbook(data, len))
		rc = import_workbook(ctx, std_in ? "(stdin)" : path, NULL, data, len, err, res);
	else if (import_workbook_refused(std_in ? "(stdin)" : path, data, len, err)) {
		res->errors = 1;
		rc = DH_EINVAL;
	} else
		rc = import_csv(ctx, std_in ? "(stdin)" : path, data, len, err, res);
	free(data);
	return rc;
}
