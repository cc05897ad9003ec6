/* export_xlsx.h — every candidate and its history as an Excel workbook.
 *
 * Sheet "Hồ sơ" has the columns of the CSV export (export.h), so it
 * imports again (import_xlsx.h); then one sheet per kind of history, as
 * the JSON Lines export nests them: "Bồi dưỡng" (fostering), "Đăng ký"
 * (registrations), "Biểu quyết" (vote items), "QĐ công nhận" and "QĐ khen
 * thưởng" (decisions), "Nhân rộng" (activities), each row one record: its
 * id, then its fields by their names (record.h), the enums by their
 * Vietnamese labels, lists joined with "; ". Deleted records, and the
 * history of deleted candidates, are left out. Dates are date cells, the
 * header row bold and frozen, columns as wide as their text (xlsx_write.h).
 * One read transaction: one snapshot. The file is written aside and
 * renamed (doc_file.h), so PATH holds the old file or the whole new one. */
#ifndef DIENHINH_EXPORT_XLSX_H
#define DIENHINH_EXPORT_XLSX_H

#include <stddef.h>

typedef struct dh_store dh_store;

/* 0; DH_EIO with WHY (WHY_SIZE bytes) when PATH cannot be written; a
 * store error. */
int export_xlsx(dh_store *st, const char *path, char *why, size_t why_size);

#endif
