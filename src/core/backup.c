/* backup.c — the check a backup passes before it takes a backup's place
 * (backup.h). */
#include "dienhinh/backup.h"

#include "dienhinh/error.h"
#include "dienhinh/store.h"
#include "dienhinh/verify.h"

#include <stdio.h>
#include <string.h>

typedef struct backup_check {
	dh_store *source;
	uint64_t before, after; /* records in the database around the copy */
	dh_backup_report *out;
} backup_check;

static int backup_count_fn(dh_stxn *txn, void *ctx)
{
	return store_count(txn, DH_T_RECORDS, ctx);
}

static int backup_check_copy(dh_store *copy, void *ctx)
{
	backup_check *c = ctx;
	dh_backup_report *out = c->out;
	uint64_t n;
	/* The copy is done: its snapshot is older than this count. */
	int rc = store_read(c->source, backup_count_fn, &c->after);
	if (!rc)
		rc = store_read(copy, backup_count_fn, &n);
	if (rc)
		return rc;
	/* The copy is one snapshot taken between the two counts. */
	if (n < c->before || n > c->after) {
		snprintf(out->message, sizeof(out->message),
		         "bản sao có %llu bản ghi, cơ sở dữ liệu có %llu trước khi sao và %llu sau khi sao",
		         (unsigned long long)n, (unsigned long long)c->before, (unsigned long long)c->after);
		return DH_ECORRUPT;
	}
	dh_verify_result v;
	rc = verify_run(copy, &v);
	if (rc == DH_ECORRUPT || (rc == DH_EBUSY && v.message[0])) {
		snprintf(out->message, sizeof(out->message), "bản sao không qua kiểm tra: %.400s", v.message);
		return DH_ECORRUPT;
	}
	if (rc)
		return rc;
	out->records = n;
	out->entries = v.entries;
	memcpy(out->head, v.head, sizeof(out->head));
	return 0;
}

int backup_run(dh_store *st, const char *dest, unsigned keep, dh_backup_report *out)
{
	memset(out, 0, sizeof(*out));
	backup_check c = {.source = st, .out = out};
	int rc = store_read(st, backup_count_fn, &c.before);
	if (rc)
		return rc;
	dh_backup_opts o = {.keep = keep, .check = backup_check_copy, .check_ctx = &c};
	dh_backup_result res;
	rc = store_backup_ex(st, dest, &o, &res);
	if (rc)
		return rc;
	snprintf(out->folder, sizeof(out->folder), "%s", res.folder);
	out->removed = res.removed;
	return 0;
}
