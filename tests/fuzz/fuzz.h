/* fuzz.h — what the libFuzzer targets of tests/fuzz/ share.
 *
 * Each target is one small program around one byte-level entry point
 * (STYLE.md, "Parsers that take bytes"): LLVMFuzzerTestOneInput gets any
 * bytes, calls the entry and checks what its header promises. A broken
 * promise is a crash (fuzz_assert), so libFuzzer keeps the input. */
#ifndef DIENHINH_FUZZ_H
#define DIENHINH_FUZZ_H

#include "dienhinh/config.h"

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

/* A promise of a header that the input broke: say which and abort. */
#define fuzz_assert(cond)                                                                          \
	do {                                                                                       \
		if (!(cond)) {                                                                     \
			fprintf(stderr, "%s:%d: promise broken: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                                   \
		}                                                                                  \
	} while (0)

/* DATA as a NUL-terminated copy (entries that take C strings stop at the
 * first NUL, as they would on real text). */
static inline char *fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	if (!s)
		abort();
	if (size)
		memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

/* The example configuration (config/dienhinh.yaml, or $DIENHINH_FUZZ_CONFIG),
 * loaded once: the targets that check against a config use the real one.
 * Run from the repository's top folder (make fuzz does). */
static inline const dh_config *fuzz_config(void)
{
	static dh_config *cfg;
	if (cfg)
		return cfg;
	const char *path = getenv("DIENHINH_FUZZ_CONFIG");
	dh_diag diag = {0};
	if (config_load(path ? path : "config/dienhinh.yaml", &cfg, &diag) != 0) {
		diag_print(&diag, stderr);
		fprintf(stderr, "fuzz: no configuration (run from the repository's top folder)\n");
		exit(2);
	}
	diag_free(&diag);
	return cfg;
}

#endif
