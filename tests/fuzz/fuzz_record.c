/* fuzz_record.c — the record codec's decoders on any bytes (record.h):
 * record_decode for the type the bytes name (byte 1, as stored), and
 * record_audit_decode, which also decodes the records an audit entry
 * keeps as codec bytes. What record.h promises: 0 and a record, or
 * DH_ECORRUPT, never a crash, never a read past the bytes and never an
 * allocation the bytes cannot back. And what is decoded encodes again
 * (the strings are valid UTF-8), to bytes that decode to the same record:
 * encode(decode(x)) is a fixed point. */
#include "fuzz.h"

#include "dienhinh/error.h"
#include "dienhinh/record.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void round_trip(dh_rtype type, const void *rec)
{
	dh_bytes once = {0}, twice = {0};
	fuzz_assert(record_encode_bytes(type, rec, &once, false) == 0);
	void *back = NULL;
	fuzz_assert(record_decode(type, once.p, once.n, &back) == 0);
	fuzz_assert(record_encode_bytes(type, back, &twice, false) == 0);
	fuzz_assert(once.n == twice.n && memcmp(once.p, twice.p, once.n) == 0);
	char *diff = record_diff(type, rec, back);
	fuzz_assert(diff && diff[0] == '\0');
	free(diff);
	void *dup = record_dup(type, rec);
	fuzz_assert(dup);
	char *a = record_to_json(type, rec), *b = record_to_json(type, dup);
	fuzz_assert(a && b && strcmp(a, b) == 0);
	free(a);
	free(b);
	record_free(type, dup);
	record_free(type, back);
	free(once.p);
	free(twice.p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* Every type, so the header check is held too; only the type the
	 * bytes name gets past it. */
	for (int t = 1; t < DH_R__COUNT; t++) {
		void *rec = NULL;
		int rc = record_decode((dh_rtype)t, data, size, &rec);
		fuzz_assert(rc == 0 || rc == DH_ECORRUPT);
		fuzz_assert((rc == 0) == (rec != NULL));
		if (rc == 0) {
			fuzz_assert(size >= 2 && data[1] == t);
			round_trip((dh_rtype)t, rec);
			record_free((dh_rtype)t, rec);
		}
	}
	dh_audit *a = NULL;
	int rc = record_audit_decode(data, size, &a);
	fuzz_assert(rc == 0 || rc == DH_ECORRUPT);
	if (rc == 0) {
		fuzz_assert(a);
		char *json = record_to_json(DH_R_AUDIT, a);
		fuzz_assert(json);
		free(json);
		record_free(DH_R_AUDIT, a);
	}
	return 0;
}
