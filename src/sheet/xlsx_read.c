/* xlsx_read.c — opening a workbook (xlsx.h): its zip, the sheets by name
 * through workbook.xml and its relationships, the date formats of
 * styles.xml and the shared strings; xlsx_sheet.c streams a sheet.
 *
 * Each XML part goes through expat as it inflates, in 64 KiB pieces, with
 * the bytes counted against the limit; the names of elements are compared
 * by their local part (after the namespace), since writers differ in the
 * prefixes they use. */
#include "xlsx_internal.h"

#include "dienhinh/error.h"
#include "dienhinh/utf8.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const dh_xlsx_limits xlsx_default_limits = {
    .part_bytes = (size_t)512 << 20,
    .strings = 4000000,
    .cell_bytes = (size_t)256 << 10,
    .row_bytes = (size_t)16 << 20,
};

/* --- small helpers ------------------------------------------------------ */

void xlsx_why(dh_xlsx *x, const char *fmt, ...)
{
	if (!x->why || !x->why_size || x->why[0])
		return; /* the first reason is the one to tell */
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(x->why, x->why_size, fmt, ap);
	va_end(ap);
}

int xlsx_buf_add(xlsx_buf *b, const char *s, size_t len)
{
	if (len > b->limit - b->b.len) {
		b->over = true;
		return DH_EINVAL;
	}
	return buf_add(&b->b, s, len);
}

const char *xlsx_local(const char *name)
{
	const char *bar = strrchr(name, '|');
	return bar ? bar + 1 : name;
}

/* The value of the attribute whose local name is NAME; NAMESPACED says
 * whether it must carry a namespace (r:id) or must not (r). */
const char *xlsx_attr(const XML_Char **atts, const char *name, bool namespaced)
{
	for (size_t i = 0; atts[i]; i += 2) {
		bool has_ns = strchr(atts[i], '|') != NULL;
		if (has_ns == namespaced && strcmp(xlsx_local(atts[i]), name) == 0)
			return atts[i + 1];
	}
	return NULL;
}

/* A decimal number that fits in [0, MAX]; -1 otherwise. */
long xlsx_index(const char *s, long max)
{
	if (!s || !*s)
		return -1;
	long v = 0;
	for (; *s; s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
		if (v > max)
			return -1;
	}
	return v;
}

/* Undo OOXML's _xHHHH_ escapes in place (Excel writes _x000D_ for a CR
 * and _x005F_ for a literal underscore before such a pattern). NUL and
 * what is not a character stay as written. */
size_t xlsx_unescape(char *s, size_t len)
{
	size_t r = 0, w = 0;
	while (r < len) {
		if (s[r] == '_' && r + 7 <= len && s[r + 1] == 'x' && s[r + 6] == '_') {
			unsigned v = 0;
			bool hex = true;
			for (size_t k = 2; k < 6; k++) {
				char ch = s[r + k];
				int d = ch >= '0' && ch <= '9'   ? ch - '0'
				        : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
				        : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
				                                 : -1;
				if (d < 0) {
					hex = false;
					break;
				}
				v = v * 16 + (unsigned)d;
			}
			if (hex && v != 0 && !(v >= 0xD800 && v <= 0xDFFF)) {
				/* UTF-8 of V (at most 3 bytes, never more than the 7 read) */
				if (v < 0x80) {
					s[w++] = (char)v;
				} else if (v < 0x800) {
					s[w++] = (char)(0xC0 | (v >> 6));
					s[w++] = (char)(0x80 | (v & 0x3F));
				} else {
					s[w++] = (char)(0xE0 | (v >> 12));
					s[w++] = (char)(0x80 | ((v >> 6) & 0x3F));
					s[w++] = (char)(0x80 | (v & 0x3F));
				}
				r += 7;
				continue;
			}
		}
		s[w++] = s[r++];
	}
	s[w] = '\0';
	return w;
}

/* What libzip's error E means, in Vietnamese (its own text is English). */
static const char *xlsx_zip_reason(const zip_error_t *e)
{
	switch (zip_error_code_zip(e)) {
	case ZIP_ER_NOZIP: return "không phải tệp nén, hoặc tệp bị cắt cụt";
	case ZIP_ER_INCONS: return "tệp nén không nhất quán (hỏng hoặc bị cắt cụt)";
	case ZIP_ER_CRC: return "sai mã kiểm tra CRC (tệp hỏng)";
	case ZIP_ER_COMPNOTSUPP: return "kiểu nén không được hỗ trợ";
	case ZIP_ER_MEMORY: return "hết bộ nhớ";
	case ZIP_ER_NOPASSWD:
	case ZIP_ER_WRONGPASSWD:
	case ZIP_ER_ENCRNOTSUPP: return "tệp có mật khẩu";
	default: return "tệp nén hỏng";
	}
}

/* --- parts through expat -------------------------------------------------- */

void xlsx_stop(xlsx_parse *ps, int rc)
{
	if (!ps->rc)
		ps->rc = rc;
	XML_StopParser(ps->p, XML_FALSE);
}

/* Room for one more than N items of SIZE bytes in the array at ARRAY (its
 * room *CAP), at most MAX of them ("bảng tính có hơn MAX WHAT" past it);
 * false once PS is stopped. */
static bool xlsx_room(xlsx_parse *ps, void *array, size_t *cap, size_t n, size_t size, size_t max,
                      const char *what)
{
	if (n == max) {
		xlsx_why(ps->x, "bảng tính có hơn %zu %s", max, what);
		xlsx_stop(ps, DH_EINVAL);
		return false;
	}
	if (buf_reserve(array, cap, n + 1, size)) {
		xlsx_stop(ps, DH_ENOMEM);
		return false;
	}
	return true;
}

static void XMLCALL xlsx_no_doctype(void *ud, const XML_Char *name, const XML_Char *sysid,
                                    const XML_Char *pubid, int has_internal)
{
	(void)name;
	(void)sysid;
	(void)pubid;
	(void)has_internal;
	xlsx_parse *ps = ud;
	xlsx_why(ps->x, "tệp %s có khai báo DTD, bảng tính thật không có", ps->part);
	xlsx_stop(ps, DH_EINVAL);
}

static zip_int64_t xlsx_locate(dh_xlsx *x, const char *path)
{
	zip_int64_t i = zip_name_locate(x->zip, path, 0);
	if (i < 0)
		i = zip_name_locate(x->zip, path, ZIP_FL_NOCASE);
	return i;
}

/* Parse the part at PATH with the handlers already set on PS->p. MISSING_OK:
 * an absent part is 0 (the shared strings and styles may be left out). */
static int xlsx_parse_stream(dh_xlsx *x, xlsx_parse *ps, const char *path, bool missing_ok)
{
	ps->x = x;
	ps->part = path;
	ps->rc = 0;
	XML_SetUserData(ps->p, ps);
	XML_SetStartDoctypeDeclHandler(ps->p, xlsx_no_doctype);
	zip_int64_t idx = xlsx_locate(x, path);
	if (idx < 0) {
		if (missing_ok)
			return 0;
		xlsx_why(x, "bảng tính thiếu phần %s", path);
		return DH_EINVAL;
	}
	zip_file_t *f = zip_fopen_index(x->zip, (zip_uint64_t)idx, 0);
	if (!f) {
		int ze = zip_error_code_zip(zip_get_error(x->zip));
		if (ze == ZIP_ER_NOPASSWD || ze == ZIP_ER_WRONGPASSWD || ze == ZIP_ER_ENCRNOTSUPP)
			xlsx_why(x, "bảng tính có mật khẩu; hãy lưu lại không đặt mật khẩu");
		else
			xlsx_why(x, "không đọc được phần %s của bảng tính: %s", path,
			         xlsx_zip_reason(zip_get_error(x->zip)));
		return DH_EINVAL;
	}
	char *chunk = malloc(XLSX_CHUNK);
	if (!chunk) {
		zip_fclose(f);
		return DH_ENOMEM;
	}
	size_t total = 0;
	int rc = 0;
	for (;;) {
		zip_int64_t n = zip_fread(f, chunk, XLSX_CHUNK);
		if (n < 0) {
			xlsx_why(x, "không đọc được phần %s của bảng tính: %s", path,
			         xlsx_zip_reason(zip_file_get_error(f)));
			rc = DH_EINVAL;
			break;
		}
		if ((size_t)n > x->lim.part_bytes - total) {
			xlsx_why(x, "phần %s của bảng tính giải nén ra quá %zu MiB", path,
			         x->lim.part_bytes >> 20);
			rc = DH_EINVAL;
			break;
		}
		total += (size_t)n;
		if (XML_Parse(ps->p, chunk, (int)n, n == 0) != XML_STATUS_OK) {
			if (ps->rc) {
				rc = ps->rc;
			} else {
				xlsx_why(x, "phần %s của bảng tính hỏng (dòng XML %lu: %s)", path,
				         (unsigned long)XML_GetCurrentLineNumber(ps->p),
				         XML_ErrorString(XML_GetErrorCode(ps->p)));
				rc = DH_EINVAL;
			}
			break;
		}
		if (ps->rc) {
			rc = ps->rc;
			break;
		}
		if (n == 0)
			break;
	}
	free(chunk);
	zip_fclose(f);
	return rc;
}

int xlsx_parse_part(dh_xlsx *x, xlsx_parse *ps, const char *path, bool missing_ok,
                    XML_StartElementHandler start, XML_EndElementHandler end, XML_CharacterDataHandler text)
{
	ps->p = XML_ParserCreateNS(NULL, '|');
	if (!ps->p)
		return DH_ENOMEM;
	XML_SetElementHandler(ps->p, start, end);
	if (text)
		XML_SetCharacterDataHandler(ps->p, text);
	int rc = xlsx_parse_stream(x, ps, path, missing_ok);
	XML_ParserFree(ps->p);
	ps->p = NULL;
	return rc;
}

/* --- workbook.xml and its relationships ------------------------------------ */

typedef struct xlsx_wb_parse {
	xlsx_parse base;
	bool in_sheets;
} xlsx_wb_parse;

static void XMLCALL xlsx_wb_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xlsx_wb_parse *w = ud;
	dh_xlsx *x = w->base.x;
	const char *l = xlsx_local(name);
	if (strcmp(l, "workbookPr") == 0) {
		const char *v = xlsx_attr(atts, "date1904", false);
		x->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(l, "sheets") == 0) {
		w->in_sheets = true;
	} else if (strcmp(l, "sheet") == 0 && w->in_sheets) {
		const char *sname = xlsx_attr(atts, "name", false);
		const char *rid = xlsx_attr(atts, "id", true);
		if (!sname || !rid)
			return; /* a sheet we cannot reach is no sheet */
		if (strlen(sname) > XLSX_MAX_NAME || strlen(rid) > XLSX_MAX_NAME) {
			xlsx_why(x, "tên một trang của bảng tính dài quá %d byte", XLSX_MAX_NAME);
			xlsx_stop(&w->base, DH_EINVAL);
			return;
		}
		if (!xlsx_room(&w->base, &x->sheets, &x->cap_sheets, x->n_sheets, sizeof(*x->sheets),
		               XLSX_MAX_SHEETS, "trang"))
			return;
		xlsx_sheet *s = &x->sheets[x->n_sheets];
		s->name = strdup(sname);
		s->rid = strdup(rid);
		s->path = NULL;
		x->n_sheets++;
		if (!s->name || !s->rid)
			xlsx_stop(&w->base, DH_ENOMEM);
	}
}

static void XMLCALL xlsx_wb_end(void *ud, const XML_Char *name)
{
	xlsx_wb_parse *w = ud;
	if (strcmp(xlsx_local(name), "sheets") == 0)
		w->in_sheets = false;
}

/* TARGET of a relationship of a part in DIR ("xl/"), as a zip path. */
static char *xlsx_resolve(const char *dir, const char *target)
{
	char *path;
	if (target[0] == '/') {
		path = strdup(target + 1);
	} else if (asprintf(&path, "%s%s", dir, target) < 0) {
		path = NULL;
	}
	if (!path)
		return NULL;
	/* Fold "a/../" and "./" as a relative target may hold. */
	char *out = path;
	char *w = path;
	for (const char *r = path; *r;) {
		const char *slash = strchr(r, '/');
		size_t n = slash ? (size_t)(slash - r) : strlen(r);
		if (n == 1 && r[0] == '.') {
		} else if (n == 2 && r[0] == '.' && r[1] == '.') {
			if (w > out) {
				w--; /* the slash ending the last segment */
				while (w > out && w[-1] != '/')
					w--;
			}
		} else {
			memmove(w, r, n);
			w += n;
			if (slash)
				*w++ = '/';
		}
		r += n + (slash ? 1 : 0);
	}
	*w = '\0';
	return out;
}

typedef struct xlsx_rels_parse {
	xlsx_parse base;
	const char *dir;
	bool root; /* _rels/.rels: looking for the workbook */
	char *workbook;
} xlsx_rels_parse;

static bool xlsx_type_is(const char *type, const char *tail)
{
	size_t lt = strlen(type), ln = strlen(tail);
	return lt >= ln && strcmp(type + lt - ln, tail) == 0;
}

static void XMLCALL xlsx_rels_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xlsx_rels_parse *r = ud;
	dh_xlsx *x = r->base.x;
	if (strcmp(xlsx_local(name), "Relationship") != 0)
		return;
	const char *id = xlsx_attr(atts, "Id", false);
	const char *type = xlsx_attr(atts, "Type", false);
	const char *target = xlsx_attr(atts, "Target", false);
	const char *mode = xlsx_attr(atts, "TargetMode", false);
	if (!id || !type || !target || (mode && strcmp(mode, "External") == 0) ||
	    strlen(target) > XLSX_MAX_NAME)
		return; /* no part of this workbook */
	char **slot = NULL;
	if (r->root) {
		if (xlsx_type_is(type, "/officeDocument") && !r->workbook)
			slot = &r->workbook;
	} else if (xlsx_type_is(type, "/sharedStrings")) {
		slot = &x->sst_path;
	} else if (xlsx_type_is(type, "/styles")) {
		slot = &x->styles_path;
	} else if (xlsx_type_is(type, "/worksheet")) {
		for (size_t i = 0; i < x->n_sheets; i++)
			if (!x->sheets[i].path && strcmp(x->sheets[i].rid, id) == 0) {
				slot = &x->sheets[i].path;
				break;
			}
	}
	if (!slot || *slot)
		return;
	if (!(*slot = xlsx_resolve(r->dir, target)))
		xlsx_stop(&r->base, DH_ENOMEM);
}

/* --- styles.xml: which formats are dates ------------------------------------ */

/* Whether a number format shows a date (xlsx.h says the rule). */
static bool xlsx_format_is_date(const char *code)
{
	bool d = false, m = false, hs = false;
	for (const char *p = code; *p; p++) {
		char c = (char)(*p | 0x20);
		if (*p == '"') {
			while (p[1] && p[1] != '"')
				p++;
			if (p[1])
				p++;
		} else if (*p == '\\' || *p == '_' || *p == '*') {
			if (p[1])
				p++;
		} else if (*p == '[') {
			while (p[1] && p[1] != ']')
				p++;
			if (p[1])
				p++;
		} else if (*p == ';') {
			break; /* the first section decides */
		} else if (c == 'd' || c == 'y') {
			d = true;
		} else if (c == 'm') {
			m = true;
		} else if (c == 'h' || c == 's') {
			hs = true;
		}
	}
	return d || (m && !hs);
}

static bool xlsx_builtin_date(long id)
{
	return (id >= 14 && id <= 22) || (id >= 45 && id <= 47);
}

typedef struct xlsx_fmt {
	long id;
	bool date;
} xlsx_fmt;

typedef struct xlsx_styles_parse {
	xlsx_parse base;
	bool in_xfs;
	xlsx_fmt *fmts;
	size_t n_fmts, cap_fmts;
	long *xf_fmt;
	size_t n_xf, cap_xf;
} xlsx_styles_parse;

static void XMLCALL xlsx_styles_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	xlsx_styles_parse *s = ud;
	const char *l = xlsx_local(name);
	if (strcmp(l, "cellXfs") == 0) {
		s->in_xfs = true;
	} else if (strcmp(l, "numFmt") == 0) {
		long id = xlsx_index(xlsx_attr(atts, "numFmtId", false), 1L << 30);
		const char *code = xlsx_attr(atts, "formatCode", false);
		if (id < 0 || !code)
			return;
		if (!xlsx_room(&s->base, &s->fmts, &s->cap_fmts, s->n_fmts, sizeof(*s->fmts), XLSX_MAX_STYLES,
		               "định dạng số"))
			return;
		s->fmts[s->n_fmts++] = (xlsx_fmt){id, xlsx_format_is_date(code)};
	} else if (strcmp(l, "xf") == 0 && s->in_xfs) {
		if (!xlsx_room(&s->base, &s->xf_fmt, &s->cap_xf, s->n_xf, sizeof(*s->xf_fmt), XLSX_MAX_STYLES,
		               "kiểu ô"))
			return;
		s->xf_fmt[s->n_xf++] = xlsx_index(xlsx_attr(atts, "numFmtId", false), 1L << 30);
	}
}

static void XMLCALL xlsx_styles_end(void *ud, const XML_Char *name)
{
	xlsx_styles_parse *s = ud;
	if (strcmp(xlsx_local(name), "cellXfs") == 0)
		s->in_xfs = false;
}

static int xlsx_read_styles(dh_xlsx *x)
{
	if (!x->styles_path)
		return 0;
	xlsx_styles_parse s = {0};
	int rc = xlsx_parse_part(x, &s.base, x->styles_path, true, xlsx_styles_start, xlsx_styles_end, NULL);
	if (rc == 0 && s.n_xf) {
		x->xf_date = calloc(s.n_xf, sizeof(bool));
		if (!x->xf_date)
			rc = DH_ENOMEM;
		else
			x->n_xf = s.n_xf;
		for (size_t i = 0; x->xf_date && i < x->n_xf; i++) {
			long id = s.xf_fmt[i];
			bool date = xlsx_builtin_date(id), custom = false;
			for (size_t k = s.n_fmts; k-- > 0 && !custom;)
				if (s.fmts[k].id == id) {
					date = s.fmts[k].date;
					custom = true;
				}
			x->xf_date[i] = date;
		}
	}
	free(s.fmts);
	free(s.xf_fmt);
	return rc;
}

/* --- sharedStrings.xml ------------------------------------------------------- */

typedef struct xlsx_sst_parse {
	xlsx_parse base;
	bool in_si, in_t;
	int rph;      /* inside a phonetic run (ignored) */
	size_t start; /* where the current string began in x->sst */
} xlsx_sst_parse;

static int xlsx_sst_push(dh_xlsx *x, size_t off, size_t len)
{
	if (x->n_sst == x->lim.strings) {
		xlsx_why(x, "bảng tính có hơn %zu chuỗi dùng chung", x->lim.strings);
		return DH_EINVAL;
	}
	int rc = buf_reserve(&x->sst_at, &x->cap_sst, x->n_sst + 1, sizeof(*x->sst_at));
	if (rc)
		return rc;
	x->sst_at[x->n_sst++] = (xlsx_span){off, len};
	return 0;
}

static void XMLCALL xlsx_sst_start(void *ud, const XML_Char *name, const XML_Char **atts)
{
	(void)atts;
	xlsx_sst_parse *s = ud;
	const char *l = xlsx_local(name);
	if (strcmp(l, "si") == 0) {
		s->in_si = true;
		s->rph = 0;
		s->start = s->base.x->sst.len;
	} else if (strcmp(l, "rPh") == 0) {
		s->rph++;
	} else if (strcmp(l, "t") == 0 && s->in_si && !s->rph) {
		s->in_t = true;
	}
}

static void XMLCALL xlsx_sst_end(void *ud, const XML_Char *name)
{
	xlsx_sst_parse *s = ud;
	dh_xlsx *x = s->base.x;
	const char *l = xlsx_local(name);
	if (strcmp(l, "t") == 0) {
		s->in_t = false;
	} else if (strcmp(l, "rPh") == 0) {
		if (s->rph)
			s->rph--;
	} else if (strcmp(l, "si") == 0 && s->in_si) {
		s->in_si = false;
		int rc = buf_add(&x->sst, "", 0); /* the NUL after it */
		if (!rc) {
			size_t len = xlsx_unescape(x->sst.p + s->start, x->sst.len - s->start);
			x->sst.len = s->start + len + 1;
			rc = xlsx_sst_push(x, s->start, len);
		}
		if (rc)
			xlsx_stop(&s->base, rc);
	}
}

static void XMLCALL xlsx_sst_text(void *ud, const XML_Char *text, int len)
{
	xlsx_sst_parse *s = ud;
	if (!s->in_t)
		return;
	dh_xlsx *x = s->base.x;
	if ((size_t)len > x->lim.cell_bytes || x->sst.len - s->start + (size_t)len > x->lim.cell_bytes) {
		xlsx_why(x, "một chuỗi của bảng tính dài quá %zu KiB", x->lim.cell_bytes >> 10);
		xlsx_stop(&s->base, DH_EINVAL);
		return;
	}
	int rc = buf_add(&x->sst, text, (size_t)len);
	if (rc)
		xlsx_stop(&s->base, rc);
}

static int xlsx_read_sst(dh_xlsx *x)
{
	if (!x->sst_path)
		return 0;
	xlsx_sst_parse s = {0};
	return xlsx_parse_part(x, &s.base, x->sst_path, true, xlsx_sst_start, xlsx_sst_end, xlsx_sst_text);
}

/* --- opening -------------------------------------------------------------- */

static int xlsx_read_rels(dh_xlsx *x, const char *path, const char *dir, bool root, char **workbook)
{
	xlsx_rels_parse r = {.dir = dir, .root = root};
	int rc = xlsx_parse_part(x, &r.base, path, root, xlsx_rels_start, NULL, NULL);
	if (workbook)
		*workbook = r.workbook;
	else
		free(r.workbook);
	return rc;
}

static int xlsx_load(dh_xlsx *x)
{
	char *wb = NULL;
	int rc = xlsx_read_rels(x, "_rels/.rels", "", true, &wb);
	if (rc) {
		free(wb);
		return rc;
	}
	if (!wb && !(wb = strdup("xl/workbook.xml")))
		return DH_ENOMEM;
	const char *slash = strrchr(wb, '/');
	x->workbook_dir = strndup(wb, slash ? (size_t)(slash - wb + 1) : 0);
	char *rels = NULL;
	if (!x->workbook_dir ||
	    asprintf(&rels, "%s_rels/%s.rels", x->workbook_dir, slash ? slash + 1 : wb) < 0) {
		free(wb);
		return DH_ENOMEM;
	}
	xlsx_wb_parse w = {0};
	rc = xlsx_parse_part(x, &w.base, wb, false, xlsx_wb_start, xlsx_wb_end, NULL);
	free(wb);
	if (rc == 0 && !x->n_sheets) {
		xlsx_why(x, "bảng tính không có trang nào");
		rc = DH_EINVAL;
	}
	if (rc == 0)
		rc = xlsx_read_rels(x, rels, x->workbook_dir, false, NULL);
	free(rels);
	if (rc)
		return rc;
	if ((rc = xlsx_read_styles(x)) || (rc = xlsx_read_sst(x)))
		return rc;
	return 0;
}

int xlsx_open(const void *data, size_t len, const dh_xlsx_limits *limits, dh_xlsx **out, char *why,
              size_t why_size)
{
	*out = NULL;
	if (why && why_size)
		why[0] = '\0';
	dh_xlsx *x = calloc(1, sizeof(*x));
	if (!x)
		return DH_ENOMEM;
	x->lim = limits ? *limits : xlsx_default_limits;
	x->why = why;
	x->why_size = why_size;
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(len ? data : "", len, 0, &ze);
	if (src)
		x->zip = zip_open_from_source(src, ZIP_RDONLY, &ze);
	if (!x->zip) {
		xlsx_why(x, "không phải bảng tính .xlsx (%s)", xlsx_zip_reason(&ze));
		if (src)
			zip_source_free(src);
		zip_error_fini(&ze);
		free(x);
		return DH_EINVAL;
	}
	zip_error_fini(&ze);
	int rc = xlsx_load(x);
	if (rc) {
		xlsx_close(x);
		return rc;
	}
	x->why = NULL;
	x->why_size = 0;
	*out = x;
	return 0;
}

void xlsx_close(dh_xlsx *x)
{
	if (!x)
		return;
	if (x->zip)
		zip_discard(x->zip);
	for (size_t i = 0; i < x->n_sheets; i++) {
		free(x->sheets[i].name);
		free(x->sheets[i].rid);
		free(x->sheets[i].path);
	}
	free(x->sheets);
	free(x->workbook_dir);
	free(x->sst_path);
	free(x->styles_path);
	buf_free(&x->sst);
	free(x->sst_at);
	free(x->xf_date);
	free(x);
}

size_t xlsx_sheet_count(const dh_xlsx *x)
{
	return x->n_sheets;
}

const char *xlsx_sheet_name(const dh_xlsx *x, size_t i)
{
	return i < x->n_sheets ? x->sheets[i].name : NULL;
}

long xlsx_sheet_find(const dh_xlsx *x, const char *name)
{
	for (size_t i = 0; i < x->n_sheets; i++)
		if (strcmp(x->sheets[i].name, name) == 0)
			return (long)i;
	for (size_t i = 0; i < x->n_sheets; i++)
		if (utf8_casecmp(x->sheets[i].name, name) == 0)
			return (long)i;
	return -1;
}
