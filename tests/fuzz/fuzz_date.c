/* fuzz_date.c — date parsing (date.h) on any bytes: date_parse accepts
 * only real dates, in either spelling, and what it accepts prints back
 * (date_iso, date_vn) to text that parses to the same date; date_valid on
 * any int, and the day arithmetic around a parsed date. */
#include "fuzz.h"

#include "dienhinh/date.h"
#include "dienhinh/error.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	int ymd = -1;
	int rc = date_parse(s, &ymd);
	fuzz_assert(rc == 0 || rc == DH_EINVAL);
	if (rc == 0) {
		fuzz_assert(date_valid(ymd));
		char buf[11];
		int back = 0;
		fuzz_assert(date_parse(date_iso(ymd, buf), &back) == 0 && back == ymd);
		fuzz_assert(date_parse(date_vn(ymd, buf), &back) == 0 && back == ymd);
		/* A step of up to about ±90 years, taken from the bytes. */
		int step = size >= 2 ? (int)(((unsigned)data[0] << 8 | data[1]) % 65536) - 32768 : 1;
		int there = date_add_days(ymd, step);
		if (there / 10000 >= 1000 && there / 10000 <= 9999) {
			fuzz_assert(date_valid(there));
			fuzz_assert(date_diff(ymd, there) == step);
			fuzz_assert(date_add_days(there, -step) == ymd);
		}
	}
	/* Any int: date_valid never reads out of its month table. */
	if (size >= 4) {
		int32_t v;
		memcpy(&v, data + size - 4, 4);
		(void)date_valid((int)v);
	}
	free(s);
	return 0;
}
