/* fuzz_xlsx.c — the workbook reader (xlsx.h) on any bytes. An input that
 * starts with 'Z' is the rest as a whole file (zip and all); any other is
 * XML parts separated by 0xFF bytes (which valid UTF-8 never holds),
 * stored into a zip here as xl/workbook.xml, its relationships,
 * sharedStrings.xml, styles.xml and two sheets, so that the fuzzer works
 * on the XML rather than on deflated bytes. Every outcome is 0 or
 * DH_EINVAL with a reason (DH_ENOMEM never, under these limits); each
 * sheet's rows come in increasing order within Excel's bounds, with no
 * more cells than XFD and each cell's length its strlen. */
#include "fuzz.h"

#include "dienhinh/error.h"
#include "dienhinh/xlsx.h"

#include <zip.h>

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static const char *const fuzz_parts[] = {
    "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/sharedStrings.xml",
    "xl/styles.xml",   "xl/worksheets/sheet1.xml",   "xl/worksheets/sheet2.xml",
};

/* DATA's parts stored (not deflated) into a zip in memory: malloc'd. */
static char *fuzz_zip(const uint8_t *data, size_t size, size_t *len)
{
	zip_error_t ze;
	zip_error_init(&ze);
	zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &ze);
	zip_t *z = src ? zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
	zip_error_fini(&ze);
	if (!z)
		abort();
	zip_source_keep(src);
	size_t start = 0;
	for (size_t k = 0; k < sizeof(fuzz_parts) / sizeof(fuzz_parts[0]) && start <= size; k++) {
		size_t end = start;
		while (end < size && data[end] != 0xFF)
			end++;
		zip_source_t *part = zip_source_buffer(z, data + start, end - start, 0);
		zip_int64_t i = part ? zip_file_add(z, fuzz_parts[k], part, 0) : -1;
		if (i < 0)
			abort();
		zip_set_file_compression(z, (zip_uint64_t)i, ZIP_CM_STORE, 0);
		start = end + 1;
	}
	if (zip_close(z) != 0)
		abort();
	zip_stat_t st;
	if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0)
		abort();
	char *buf = malloc(st.size ? st.size : 1);
	if (!buf || zip_source_read(src, buf, st.size) != (zip_int64_t)st.size)
		abort();
	zip_source_close(src);
	zip_source_free(src);
	*len = st.size;
	return buf;
}

typedef struct fuzz_rows {
	long last;
} fuzz_rows;

static int fuzz_row(void *ctx, long row, size_t n, const char *const *cells, const size_t *lens)
{
	fuzz_rows *r = ctx;
	fuzz_assert(row > r->last && row <= XLSX_MAX_ROWS);
	fuzz_assert(n >= 1 && n <= XLSX_MAX_COLS);
	for (size_t i = 0; i < n; i++)
		fuzz_assert(strlen(cells[i]) == lens[i]);
	r->last = row;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t len;
	char *book;
	if (size && data[0] == 'Z') {
		len = size - 1;
		book = malloc(len ? len : 1);
		if (!book)
			abort();
		if (len)
			memcpy(book, data + 1, len);
	} else {
		book = fuzz_zip(data, size, &len);
	}
	dh_xlsx_limits lim = {
	    .part_bytes = 1 << 20, .strings = 10000, .cell_bytes = 4096, .row_bytes = 1 << 16};
	char why[256] = "";
	dh_xlsx *x = NULL;
	int rc = xlsx_open(book, len, &lim, &x, why, sizeof why);
	fuzz_assert(rc == 0 || rc == DH_EINVAL);
	fuzz_assert((rc == 0) == (x != NULL));
	if (rc)
		fuzz_assert(why[0] != '\0');
	for (size_t i = 0; x && i < xlsx_sheet_count(x); i++) {
		fuzz_assert(xlsx_sheet_name(x, i) != NULL);
		fuzz_assert(xlsx_sheet_find(x, xlsx_sheet_name(x, i)) >= 0);
		fuzz_rows r = {0};
		why[0] = '\0';
		rc = xlsx_read_sheet(x, i, fuzz_row, &r, why, sizeof why);
		fuzz_assert(rc == 0 || rc == DH_EINVAL);
		if (rc)
			fuzz_assert(why[0] != '\0');
	}
	xlsx_close(x);
	free(book);
	return 0;
}
