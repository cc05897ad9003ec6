/* fuzz_import.c — the CSV import check (import_check): the RFC 4180 reader
 * (csv.h), the header's columns, every cell's check against the example
 * config and the core's normalisation of a candidate, without a store. Any
 * bytes give 0 (and no message) or DH_EINVAL with a first message naming
 * "fuzz.csv:LINE:". */
#include "fuzz.h"

#include "dienhinh/error.h"
#include "dienhinh/import.h"

static FILE *sink;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_config();
	sink = fopen("/dev/null", "w");
	return sink ? 0 : 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char first[256];
	dh_import_result res;
	int rc = import_check(fuzz_config(), "fuzz.csv", (const char *)data, size, sink, first, sizeof first,
	                      &res);
	fuzz_assert(rc == 0 || rc == DH_EINVAL);
	fuzz_assert(res.written == 0);
	if (rc == 0) {
		fuzz_assert(res.errors == 0 && first[0] == '\0');
	} else {
		fuzz_assert(res.errors > 0);
		fuzz_assert(strncmp(first, "fuzz.csv:", 9) == 0);
	}
	return 0;
}
