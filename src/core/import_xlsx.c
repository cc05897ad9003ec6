/* import_xlsx.c — a workbook's sheet made into CSV text for the CSV
 * import (import_xlsx.h). */
#include "dienhinh/import_xlsx.h"

#include "dienhinh/buf.h"
#include "dienhinh/error.h"
#include "dienhinh/workflow.h"
#include "dienhinh/xlsx.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

bool import_is_workbook(const char *data, size_t len)
{
	return len >= 4 && memcmp(data, "PK\3\4", 4) == 0;
}

static bool import_named(const char *name, const char *ext)
{
	size_t n = strlen(name), e = strlen(ext);
	return n > e && strcasecmp(name + n - e, ext) == 0;
}

/* The signature of an OLE compound file: Excel 97–2003, or a workbook
 * with a password. */
static const unsigned char ole[8] = {0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1};

bool import_workbook_suspect(const char *name, const char *data, size_t len)
{
	return import_is_workbook(data, len) || (len >= sizeof(ole) && memcmp(data, ole, sizeof(ole)) == 0) ||
	       import_named(name, ".xlsx") || import_named(name, ".xlsm");
}

bool import_workbook_refused(const char *name, const char *data, size_t len, FILE *err)
{
	if (len >= sizeof(ole) && memcmp(data, ole, sizeof(ole)) == 0) {
		fprintf(err,
		        "%s: đây là bảng tính Excel 97–2003 (.xls) hoặc bảng tính có mật khẩu; hãy mở trong "
		        "Excel và lưu thành “Sổ làm việc Excel (.xlsx)” không đặt mật khẩu, hoặc "
		        "“CSV UTF-8 (phân cách bằng dấu phẩy)”\n",
		        name);
		return true;
	}
	if (import_named(name, ".xlsx") || import_named(name, ".xlsm")) {
		fprintf(
		    err,
		    "%s: tên tệp là bảng tính Excel nhưng nội dung không phải (tệp hỏng hoặc bị đổi tên)\n",
		    name);
		return true;
	}
	return false;
}

/* The CSV text being made, and the sheet row each of its lines is in. */
typedef struct import_sheet_csv {
	dh_buf text;
	long *row_of_line;
	size_t n_lines, cap_lines;
} import_sheet_csv;

static int import_csv_line(import_sheet_csv *c, long row)
{
	int rc = buf_reserve(&c->row_of_line, &c->cap_lines, c->n_lines + 1, sizeof(*c->row_of_line));
	if (rc)
		return rc;
	c->row_of_line[c->n_lines++] = row;
	return 0;
}

/* One sheet row as one CSV row, every cell quoted; a line break in a cell
 * (CRLF, CR or LF) is one LF, so the rows after it keep their numbers. */
static int import_sheet_row(void *ctx, long row, size_t n, const char *const *cells, const size_t *lens)
{
	import_sheet_csv *c = ctx;
	size_t last = n;
	while (last && !lens[last - 1])
		last--;
	if (!last)
		return 0; /* a row of empty cells is a blank line: nothing to number */
	int rc = import_csv_line(c, row);
	for (size_t i = 0; i < last && !rc; i++) {
		if (i && (rc = buf_add(&c->text, ",", 1)))
			break;
		if (!lens[i])
			continue;
		if ((rc = buf_add(&c->text, "\"", 1)))
			break;
		const char *s = cells[i], *end = s + lens[i];
		while (s < end && !rc) {
			size_t k = strcspn(s, "\"\r\n");
			if (s + k > end)
				k = (size_t)(end - s);
			rc = buf_add(&c->text, s, k);
			s += k;
			if (rc || s >= end)
				break;
			if (*s == '"') {
				rc = buf_add(&c->text, "\"\"", 2);
				s++;
			} else {
				if (*s == '\r' && s + 1 < end && s[1] == '\n')
					s++;
				s++;
				rc = buf_add(&c->text, "\n", 1);
				if (!rc)
					rc = import_csv_line(c, row);
			}
		}
		if (!rc)
			rc = buf_add(&c->text, "\"", 1);
	}
	if (!rc)
		rc = buf_add(&c->text, "\n", 1);
	return rc;
}

/* The sheets' names, for a message: "A, B, C". */
static void import_sheet_names(const dh_xlsx *x, char *buf, size_t size)
{
	size_t used = 0;
	buf[0] = '\0';
	for (size_t i = 0; i < xlsx_sheet_count(x) && used + 1 < size; i++) {
		int k = snprintf(buf + used, size - used, "%s“%s”", i ? ", " : "", xlsx_sheet_name(x, i));
		if (k < 0 || (size_t)k >= size - used) {
			buf[used] = '\0';
			break;
		}
		used += (size_t)k;
	}
}

int import_workbook(dh_ctx *ctx, const char *name, const char *sheet, const char *data, size_t len, FILE *err,
                    dh_import_result *res)
{
	memset(res, 0, sizeof(*res));
	int rc = wf_check(ctx, DH_ACT_IMPORT);
	if (rc)
		return rc;
	char why[512];
	dh_xlsx *x = NULL;
	/* An OpenDocument file is a zip too, its first entry "mimetype"
	 * stored as is right after the 30 bytes of its local header. */
	static const char ods[] = "mimetypeapplication/vnd.oasis.opendocument";
	if (len > 30 + sizeof(ods) && memcmp(data + 30, ods, sizeof(ods) - 1) == 0) {
		fprintf(
		    err,
		    "%s: đây là bảng tính OpenDocument (.ods); hãy lưu thành “Sổ làm việc Excel (.xlsx)”\n",
		    name);
		res->errors = 1;
		return DH_EINVAL;
	}
	rc = xlsx_open(data, len, NULL, &x, why, sizeof(why));
	if (rc == DH_EINVAL) {
		fprintf(err, "%s: không đọc được bảng tính: %s\n", name, why);
		res->errors = 1;
	}
	if (rc)
		return rc;
	long index = 0;
	if (sheet && (index = xlsx_sheet_find(x, sheet)) < 0) {
		char names[1024];
		import_sheet_names(x, names, sizeof(names));
		fprintf(err, "%s: không có trang “%s” (các trang: %s)\n", name, sheet, names);
		res->errors = 1;
		xlsx_close(x);
		return DH_EINVAL;
	}
	const char *sheet_name = xlsx_sheet_name(x, (size_t)index);
	char *where = NULL;
	if (asprintf(&where, "%s:%s", name, sheet_name) < 0) {
		xlsx_close(x);
		return DH_ENOMEM;
	}
	import_sheet_csv csv = {0};
	rc = xlsx_read_sheet(x, (size_t)index, import_sheet_row, &csv, why, sizeof(why));
	xlsx_close(x);
	if (rc == DH_EINVAL) {
		fprintf(err, "%s: không đọc được trang: %s\n", where, why);
		res->errors = 1;
	} else if (rc == 0) {
		dh_import_rows rows = {csv.row_of_line, csv.n_lines};
		rc = import_csv_rows(ctx, where, &rows, csv.text.p ? csv.text.p : "", csv.text.len, err, res);
	}
	buf_free(&csv.text);
	free(csv.row_of_line);
	free(where);
	return rc;
}

int import_workbook_file(dh_ctx *ctx, const char *path, const char *sheet, FILE *err, dh_import_result *res)
{
	memset(res, 0, sizeof(*res));
	bool std_in = strcmp(path, "-") == 0;
	FILE *f = std_in ? stdin : fopen(path, "rbe");
	if (!f) {
		fprintf(err, "%s: không đọc được tệp: %s\n", path, strerror(errno));
		return DH_EIO;
	}
	char *data = NULL;
	size_t len = 0, cap = 0;
	int rc = 0;
	for (;;) {
		/* Room for 1 MiB more: the first read takes 1 MiB and the room
		 * doubles from there. */
		if (len == cap && buf_reserve(&data, &cap, len + (1 << 20), 1)) {
			rc = DH_ENOMEM;
			break;
		}
		size_t got = fread(data + len, 1, cap - len, f);
		len += got;
		if (got == 0) {
			if (ferror(f))
				rc = DH_EIO;
			break;
		}
	}
	int saved = errno;
	if (!std_in)
		fclose(f);
	const char *name = std_in ? "(stdin)" : path;
	if (rc) {
		fprintf(err, "%s: không đọc được tệp: %s\n", name,
		        rc == DH_EIO ? strerror(saved) : dh_strerror(rc));
	} else if (!import_is_workbook(data, len)) {
		if (!import_workbook_refused(name, data, len, err))
			fprintf(err,
			        "%s: không phải bảng tính Excel (.xlsx); --sheet chỉ dùng cho tệp .xlsx\n",
			        name);
		res->errors = 1;
		rc = DH_EINVAL;
	} else {
		rc = import_workbook(ctx, name, sheet, data, len, err, res);
	}
	free(data);
	return rc;
}
