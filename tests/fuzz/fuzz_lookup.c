/* fuzz_lookup.c — the search's parsing and folding on bytes: the query
 * taken apart as lookup_search takes it (lookup_query_parse, with the
 * example config's departments), fold_each over raw bytes (invalid UTF-8
 * separates words), fold_split and fold_match between the words found, and
 * the index's directory-key and chunk decoders (lookup_key_check,
 * lookup_chunk_check) on the same bytes. */
#include "fuzz.h"

#include "dienhinh/error.h"
#include "dienhinh/fold.h"
#include "dienhinh/lookup.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	fuzz_config();
	return 0;
}

typedef struct walk {
	size_t size, words;
	uint32_t last_end;
} walk;

static void check_word(const fold_word *w, size_t size)
{
	fuzz_assert(w->len <= FOLD_BASE_MAX && w->base[w->len] == '\0' && strlen(w->base) == w->len);
	fuzz_assert(w->tone <= FOLD_TONE_NANG && w->nmods <= FOLD_MODS_MAX);
	fuzz_assert(w->start < w->end && w->end <= size);
	for (unsigned i = 0; i < w->nmods; i++) {
		fuzz_assert(FOLD_MOD_KIND(w->mods[i]) >= FOLD_MOD_CIRCUMFLEX &&
		            FOLD_MOD_KIND(w->mods[i]) <= FOLD_MOD_STROKE);
		fuzz_assert(i == 0 || w->mods[i - 1] <= w->mods[i]);
	}
}

static int on_word(const fold_word *w, void *ctx)
{
	walk *k = ctx;
	check_word(w, k->size);
	fuzz_assert(w->start >= k->last_end);
	k->last_end = w->end;
	k->words++;
	/* A word matches itself exactly. */
	fuzz_assert(fold_match(w, w) == FOLD_EXACT);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	walk k = {.size = size};
	fuzz_assert(fold_each((const char *)data, size, on_word, &k) == 0);

	char *q = fuzz_cstr(data, size);
	size_t words = 0, depts = 0;
	fuzz_assert(lookup_query_parse(q, fuzz_config(), &words, &depts) == 0);
	fuzz_assert(words <= 16);
	fold_word w[16];
	size_t n = fold_split(q, w, 16);
	fuzz_assert(words == (n < 16 ? n : 16));
	if (n > 16)
		n = 16;
	size_t len = strlen(q);
	for (size_t i = 0; i < n; i++) {
		check_word(&w[i], len);
		for (size_t j = 0; j < n; j++) {
			fold_quality m = fold_match(&w[i], &w[j]);
			fuzz_assert(m <= FOLD_EXACT);
			if (m == FOLD_EXACT)
				fuzz_assert(fold_match(&w[j], &w[i]) == FOLD_EXACT);
		}
	}
	free(q);

	int rc = lookup_key_check(data, size);
	fuzz_assert(rc == 0 || rc == DH_ECORRUPT);
	size_t entries = 0;
	uint64_t first = size >= 8 ? (uint64_t)data[0] << 56 | (uint64_t)data[7] : 1;
	rc = lookup_chunk_check(first, data, size, &entries);
	fuzz_assert(rc == 0 || rc == DH_ECORRUPT);
	fuzz_assert(entries <= size / 2);
	return 0;
}
