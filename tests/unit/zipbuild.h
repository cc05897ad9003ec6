/* zipbuild.h — shared by the workbook tests: a zip made of parts given as
 * text, and the parts of a minimal SpreadsheetML workbook. */
#ifndef DIENHINH_TEST_ZIPBUILD_H
#define DIENHINH_TEST_ZIPBUILD_H

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

/* A zip of the parts NAME, TEXT, NAME, TEXT, ..., NULL, read back into
 * memory (*LEN bytes, malloc'd). */
static inline char *zip_of(size_t *len, ...)
{
	char path[] = "/tmp/dh-xlsx-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	int ze = 0;
	zip_t *z = zip_open(path, ZIP_TRUNCATE, &ze);
	assert_non_null(z);
	va_list ap;
	va_start(ap, len);
	const char *name;
	while ((name = va_arg(ap, const char *))) {
		const char *text = va_arg(ap, const char *);
		zip_source_t *src = zip_source_buffer(z, text, strlen(text), 0);
		assert_non_null(src);
		assert_true(zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) >= 0);
	}
	va_end(ap);
	assert_int_equal(zip_close(z), 0);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	long n = ftell(f);
	rewind(f);
	char *buf = malloc((size_t)n + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	fclose(f);
	unlink(path);
	*len = (size_t)n;
	return buf;
}

#define NS                                                                                                   \
	"xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" "                               \
	"xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
#define ROOT_RELS                                                                                            \
	"<?xml version=\"1.0\"?><Relationships "                                                             \
	"xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship "              \
	"Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/"            \
	"officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"
#define REL(id, type, target)                                                                                \
	"<Relationship Id=\"" id                                                                             \
	"\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/" type                \
	"\" Target=\"" target "\"/>"
#define RELS(body)                                                                                           \
	"<?xml version=\"1.0\"?><Relationships "                                                             \
	"xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" body "</Relationships>"
#define BOOK(pr, sheets)                                                                                     \
	"<?xml version=\"1.0\"?><workbook " NS ">" pr "<sheets>" sheets "</sheets></workbook>"
#define SHEET(data)    "<?xml version=\"1.0\"?><worksheet " NS "><sheetData>" data "</sheetData></worksheet>"
#define ONE_SHEET_RELS RELS(REL("rId1", "worksheet", "worksheets/sheet1.xml"))
#define ONE_SHEET_BOOK BOOK("", "<sheet name=\"Trang1\" sheetId=\"1\" r:id=\"rId1\"/>")

#endif
