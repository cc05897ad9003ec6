/* seed_records.c — writes the record codec's seed corpus: one encoded
 * record of every type, with every field set (strings with Vietnamese
 * letters, lists of two), and three audit entries (a change with its
 * records before and after, a creation, a bulk summary). Built and run by
 * `make fuzz-seeds`; its output is checked in as tests/fuzz/corpus/record/. */
#include "dienhinh/record.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void put(const char *dir, const char *name, const void *p, size_t n)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(p, 1, n, f) != n || fclose(f) != 0) {
		perror(path);
		exit(1);
	}
}

static void *filled(dh_rtype type)
{
	const dh_schema *s = record_schema(type);
	void *rec = record_new(type);
	if (!rec)
		exit(1);
	for (size_t i = 0; i < s->n_fields; i++) {
		const dh_field *f = &s->fields[i];
		void *p = (char *)rec + f->offset;
		switch (f->type) {
		case DH_F_STR: *(char **)p = strdup(i % 2 ? "Nguyễn Văn Hòa" : "15/QĐ-TTr"); break;
		case DH_F_INT: *(int *)p = (int)i; break;
		case DH_F_I64: *(int64_t *)p = 1630000000 + (int64_t)i; break;
		case DH_F_U32: *(uint32_t *)p = 1 + (uint32_t)i; break;
		case DH_F_ID: *(uint64_t *)p = 40 + i; break;
		case DH_F_DATE: *(int *)p = 20211130; break;
		case DH_F_BOOL: *(bool *)p = true; break;
		case DH_F_STRLIST:
			strlist_push(p, "thuanpv=a");
			strlist_push(p, "");
			break;
		case DH_F_IDLIST:
			idlist_push(p, 1);
			idlist_push(p, 300);
			break;
		}
	}
	return rec;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "tests/fuzz/corpus/record";
	for (int t = 1; t < DH_R__COUNT; t++) {
		void *rec = filled((dh_rtype)t);
		unsigned char *p;
		size_t n;
		if (record_encode((dh_rtype)t, rec, &p, &n) != 0)
			return 1;
		put(dir, record_type_name((dh_rtype)t), p, n);
		free(p);
		record_free((dh_rtype)t, rec);
	}
	dh_candidate *before = filled(DH_R_CANDIDATE), *after = filled(DH_R_CANDIDATE);
	after->stage = DH_STAGE_RECOGNISED;
	unsigned char *b, *a;
	size_t blen, alen;
	if (record_encode(DH_R_CANDIDATE, before, &b, &blen) || record_encode(DH_R_CANDIDATE, after, &a, &alen))
		return 1;
	dh_audit e = {.meta = {.id = 7, .rev = 1}, .at = 1630000000, .who = "tdkt", .action = "recognise",
	              .target_type = DH_R_CANDIDATE, .target_id = 42, .note = "gõ sai dấu"};
	dh_bytes out = {0};
	if (record_audit_encode(&e, b, blen, a, alen, &out))
		return 1;
	put(dir, "audit_change", out.p, out.n);
	if (record_audit_encode(&e, NULL, 0, a, alen, &out))
		return 1;
	put(dir, "audit_create", out.p, out.n);
	dh_audit sum = {.who = "tdkt", .action = "import", .target_type = DH_R_CANDIDATE, .target_id = 1,
	                .last_id = 9, .after = "{\"created\":9}"};
	if (record_audit_encode(&sum, NULL, 0, NULL, 0, &out))
		return 1;
	put(dir, "audit_bulk", out.p, out.n);
	free(out.p);
	free(a);
	free(b);
	record_free(DH_R_CANDIDATE, before);
	record_free(DH_R_CANDIDATE, after);
	return 0;
}
