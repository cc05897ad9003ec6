/* lookup.c — the word index in DH_T_WORDS and the query engine over it
 * (DESIGN.md §7).
 *
 * Index. Every word of a candidate's name, title, position, decision
 * numbers and year, and its department id, is folded once (fold.h) and
 * kept in a posting list per year and spelling, cut into chunks so that a
 * change rewrites a few hundred bytes at most:
 *
 *   'p' ‖ year ‖ base ‖ 0x00 ‖ marks ‖ field ‖ first id (u64 BE) -> chunk
 *   'd' ‖ year ‖ base ‖ 0x00 ‖ marks ‖ field -> u32 BE number of chunks
 *   'y' ‖ year                               -> ""
 *
 *   year   255 - (year - 1900): the newest year sorts first (255: none)
 *   base   the word's base letters; the department is indexed by its id as
 *          the base "\x01<id>", which no typed word can start
 *   marks  tone | n << 3, then the n modifiers (FOLD_MOD_PACK)
 *   field  where the word is (lk_field)
 *   chunk  varint (last id - first id), then per entry, ids ascending:
 *          varint (id - the previous id, or the first id), u8 stage in
 *          the low 4 bits, the word's place in its field in the high 4
 *          (lookup_rank.h; one entry per spelling: its first place)
 *   'v'                                      -> u8 the format (lookup_rank.c)
 *
 * and in DH_T_FRESH (a table of its own: a small tree, one page to touch),
 * the fresh candidates (below):
 *
 *   id (u64 BE) -> the candidate's record as its postings have it ("": none)
 *   "w"         -> u64 BE, the mark: every candidate above it is fresh;
 *                  absent in a database whose postings were always
 *                  written at once
 *
 * The directory ('d') lists every spelling that has postings and how big
 * they are, so a query finds the spellings a typed word starts, and what
 * each is worth to it, without reading a chunk; it changes only when a
 * chunk is made or dropped. 'y' lists the years. The department's *name*
 * comes from config at query time (opts->cfg): renaming a department in
 * config needs no reindex.
 *
 * Fresh candidates. A candidate's words lie all over the index: writing
 * its postings dirties a page per word, some twenty, and one save from a
 * form would cost several times a bare commit. So the postings of a
 * candidate saved alone wait, and the candidate is "fresh": a query skips
 * whatever postings a fresh id has and checks its record instead, by the
 * same rule (lk_verify_doc). A new candidate is fresh by its id alone,
 * above the mark "w": creating one writes nothing here. A change to an
 * older one writes a key in DH_T_FRESH holding the record as the postings
 * still have it (empty when they have nothing), so that they can be put
 * right later. Once more than LK_FRESH_MAX are fresh, the write that makes
 * them so writes all their postings, in one batch (their words share
 * pages), drops the keys and moves the mark past the last id; a bulk
 * write (an import) does so at its end.
 *
 * Query. Marks and field sit in the key, so a spelling's worth to a query
 * word (quality: prefix, whole word or exact; and field) is known from the
 * key, and an entry is only an id and a stage. The query runs year by
 * year, newest first. Within a year the words go rarest first: the first
 * word's spellings, best first, make the candidate set (a bit per id and
 * an id -> slot array: a candidate met again is skipped on one bit); each
 * later word keeps or drops candidates, skipping chunks whose id range
 * holds none; when few remain and the remaining words are common, those
 * are checked on the candidates' records instead.
 *
 * Rank. A hit ranks by its tier first — all its words in the name,
 * together and in the typed order, typed in full (lookup_rank.h: from the
 * places the entries carry, so no record is read) — then by its class,
 * each word's quality (exact marks, whole word, prefix) summed before its
 * field's weight, then by the newer year, then the newer id.
 *
 * With a limit (a screen asks for the best few), the years stop as soon as
 * no older year can give a better hit: ranking puts the newer year first
 * among equal matches, and the directory tells the best (quality, field)
 * each word can reach in the older years. When that bound is close, the
 * older years are searched with only the spellings that could beat the
 * hits in hand, which are few.
 */
#include "dienhinh/lookup.h"

#include "dienhinh/config.h"
#include "dienhinh/error.h"
#include "dienhinh/fold.h"
#include "dienhinh/store.h"
#include "lookup_internal.h"

#include "lookup_rank.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct lk_chunk {
	lk_entry *v;
	size_t n, cap;
} lk_chunk;

/* A directory key taken apart. */
typedef struct lk_key {
	uint8_t year;
	const unsigned char *base;
	size_t blen;
	unsigned tone, nmods;
	const uint8_t *mods;
	unsigned field;
} lk_key;

static int lk_field_weight(unsigned field)
{
	/* name before title before the rest */
	return field == LK_NAME ? 2 : field == LK_TITLE ? 1 : 0;
}

static uint8_t lk_year_byte(int year)
{
	return year > 1900 && year < 1900 + 255 ? (uint8_t)(255 - (year - 1900)) : LK_NO_YEAR;
}

static int lk_year_of(uint8_t byte)
{
	return byte == LK_NO_YEAR ? 0 : 1900 + (255 - byte);
}

static size_t lk_varint_put(unsigned char *p, uint64_t v)
{
	size_t n = 0;
	while (v >= 0x80) {
		p[n++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	p[n++] = (unsigned char)v;
	return n;
}

/* One varint at P (before END) into *V: the byte after it, or NULL when the
 * bytes end first. Returning the pointer (not taking its address) keeps the
 * scan loop's pointer in a register. */
static inline const unsigned char *lk_varint_next(const unsigned char *p, const unsigned char *end,
                                                  uint64_t *v)
{
	uint64_t r = 0;
	for (unsigned shift = 0; shift < 64 && p < end; shift += 7) {
		unsigned char b = *p++;
		r |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*v = r;
			return p;
		}
	}
	return NULL;
}

/* 'p' ‖ year ‖ base ‖ 0 ‖ marks ‖ field: a posting key without its id. */
static size_t lk_spell(unsigned char *out, uint8_t year, const char *base, size_t blen, unsigned tone,
                       unsigned nmods, const uint8_t *mods, unsigned field)
{
	size_t k = 0;
	out[k++] = LK_POSTING;
	out[k++] = year;
	memcpy(out + k, base, blen);
	k += blen;
	out[k++] = 0;
	out[k++] = (unsigned char)(tone | nmods << 3);
	if (nmods)
		memcpy(out + k, mods, nmods);
	k += nmods;
	out[k++] = (unsigned char)field;
	return k;
}

/* A directory key taken apart (any bytes: DH_ECORRUPT, never a read past
 * the key). */
static int lk_key_parse(const void *key, size_t klen, lk_key *out)
{
	const unsigned char *k = key;
	if (klen < 2 + 3 || klen > LK_SPELL_MAX) /* a spelling's buffers hold LK_SPELL_MAX */
		return DH_ECORRUPT;
	const unsigned char *z = memchr(k + 2, 0, klen - 2);
	if (!z)
		return DH_ECORRUPT;
	size_t pos = (size_t)(z - k);
	if (pos + 3 > klen)
		return DH_ECORRUPT;
	unsigned m0 = k[pos + 1];
	out->year = k[1];
	out->base = k + 2;
	out->blen = pos - 2;
	out->tone = m0 & 7;
	out->nmods = m0 >> 3;
	out->mods = k + pos + 2;
	if (out->nmods > FOLD_MODS_MAX || klen != pos + 2 + out->nmods + 1)
		return DH_ECORRUPT;
	out->field = k[pos + 2 + out->nmods];
	return 0;
}

static int lk_posting_cmp(const void *a, const void *b)
{
	const lk_posting *x = a, *y = b;
	size_t n = x->slen < y->slen ? x->slen : y->slen;
	int c = memcmp(x->spell, y->spell, n);
	if (c)
		return c;
	if (x->slen != y->slen)
		return x->slen < y->slen ? -1 : 1;
	return x->e.stage - y->e.stage;
}

/* --- the words of a candidate ------------------------------------------ */

static int lk_doc_push(lk_doc *d, const unsigned char *spell, size_t slen, const lk_entry *e)
{
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		lk_posting *v = realloc(d->v, cap * sizeof *v);
		if (!v)
			return d->err = DH_ENOMEM;
		d->v = v;
		d->cap = cap;
	}
	lk_posting *p = &d->v[d->n++];
	memcpy(p->spell, spell, slen);
	p->slen = (uint8_t)slen;
	p->e = *e;
	return 0;
}

typedef struct lk_words_ctx {
	lk_doc *doc;
	lk_entry tmpl;
	unsigned field;
} lk_words_ctx;

static int lk_doc_word(const fold_word *w, uint8_t where, void *ctx)
{
	lk_words_ctx *wc = ctx;
	unsigned char spell[LK_SPELL_MAX];
	size_t n = lk_spell(spell, wc->doc->year, w->base, w->len, w->tone, w->nmods, w->mods, wc->field);
	lk_entry e = {.id = wc->tmpl.id, .stage = (uint8_t)(wc->tmpl.stage | where)};
	return lk_doc_push(wc->doc, spell, n, &e);
}

/* The words of TEXT, each with its place in the field (lookup_rank.h). */
static void lk_doc_words(lk_doc *d, const char *text, unsigned field, const lk_entry *tmpl)
{
	if (!text || d->err)
		return;
	lk_words_ctx wc = {.doc = d, .tmpl = *tmpl, .field = field};
	lk_rank_each(text, field == LK_DECISION, lk_doc_word, &wc);
}

/* Every indexed word of C, sorted, without duplicates, each entry with
 * the stage and the word's place in its field (lookup_rank.h). A deleted
 * candidate has none. */
int lk_doc_build(lk_doc *d, const dh_candidate *c)
{
	d->n = 0;
	d->err = 0;
	if (!c || c->meta.deleted)
		return 0;
	d->year = lk_year_byte(c->year);
	lk_entry tmpl = {
	    .id = c->meta.id,
	    .stage = (uint8_t)(c->stage >= 0 && c->stage < 16 ? c->stage : 0),
	};
	lk_doc_words(d, c->name, LK_NAME, &tmpl);
	lk_doc_words(d, c->title, LK_TITLE, &tmpl);
	lk_doc_words(d, c->position, LK_POSITION, &tmpl);
	lk_doc_words(d, c->recognised_decision, LK_DECISION, &tmpl);
	lk_doc_words(d, c->award_decision, LK_DECISION, &tmpl);
	if (c->year > 0 && c->year <= 9999) {
		char y[8];
		snprintf(y, sizeof y, "%d", c->year);
		lk_doc_words(d, y, LK_YEAR, &tmpl);
	}
	if (c->department && *c->department && strlen(c->department) < FOLD_BASE_MAX) {
		char tok[FOLD_BASE_MAX + 1];
		size_t n = strlen(c->department);
		tok[0] = LK_DEPT_MARK;
		memcpy(tok + 1, c->department, n);
		unsigned char spell[LK_SPELL_MAX];
		size_t slen = lk_spell(spell, d->year, tok, n + 1, 0, 0, NULL, LK_DEPARTMENT);
		lk_entry one = {.id = tmpl.id, .stage = lk_rank_entry(tmpl.stage, 0, true)};
		lk_doc_push(d, spell, slen, &one);
	}
	if (d->err)
		return d->err;
	if (d->n > 1)
		qsort(d->v, d->n, sizeof *d->v, lk_posting_cmp);
	/* One entry per spelling: its first place in the field (sorted by
	 * the entry byte, whose high bits are the place). */
	size_t out = 0;
	for (size_t i = 0; i < d->n; i++)
		if (out == 0 || d->v[out - 1].slen != d->v[i].slen ||
		    memcmp(d->v[out - 1].spell, d->v[i].spell, d->v[i].slen) != 0)
			d->v[out++] = d->v[i];
	d->n = out;
	return 0;
}

/* --- chunks ------------------------------------------------------------ */

static int lk_chunk_push(lk_chunk *c, const lk_entry *e)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 64;
		lk_entry *v = realloc(c->v, cap * sizeof *v);
		if (!v)
			return DH_ENOMEM;
		c->v = v;
		c->cap = cap;
	}
	c->v[c->n++] = *e;
	return 0;
}

static int lk_chunk_decode(lk_chunk *c, uint64_t first, const void *val, size_t vlen)
{
	const unsigned char *p = val, *end = p + vlen;
	uint64_t id = first, span;
	c->n = 0;
	if (!(p = lk_varint_next(p, end, &span)))
		return DH_ECORRUPT;
	while (p < end) {
		uint64_t delta;
		if (!(p = lk_varint_next(p, end, &delta)) || p == end)
			return DH_ECORRUPT;
		id += delta;
		lk_entry e = {.id = id, .stage = *p};
		p++;
		if (lk_chunk_push(c, &e))
			return DH_ENOMEM;
	}
	return 0;
}

/* Entries V after the entry PREV into OUT (N × LK_ENTRY_MAX bytes). */
static size_t lk_entries_encode(const lk_entry *v, size_t n, uint64_t prev, unsigned char *out)
{
	size_t o = 0;
	for (size_t i = 0; i < n; i++) {
		o += lk_varint_put(out + o, v[i].id - prev);
		prev = v[i].id;
		out[o++] = v[i].stage;
	}
	return o;
}

/* A whole chunk: the span to its last id, then its entries. */
static size_t lk_chunk_encode(const lk_entry *v, size_t n, uint64_t first, unsigned char *out)
{
	size_t o = lk_varint_put(out, v[n - 1].id - first);
	return o + lk_entries_encode(v, n, first, out + o);
}

typedef struct lk_found {
	bool found;
	uint64_t first;
	unsigned char *val;
	size_t vlen;
	int err;
} lk_found;

static int lk_found_cb(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	lk_found *f = ctx;
	if (klen < 8)
		return f->err = DH_ECORRUPT;
	f->first = store_get_u64((const unsigned char *)key + klen - 8);
	f->val = malloc(vlen ? vlen : 1);
	if (!f->val)
		return f->err = DH_ENOMEM;
	memcpy(f->val, val, vlen);
	f->vlen = vlen;
	f->found = true;
	return 1;
}

static int lk_put_chunk(dh_stxn *txn, const unsigned char *spell, size_t slen, const lk_entry *v, size_t n)
{
	unsigned char key[LK_KEY_MAX];
	unsigned char *buf = malloc(10 + n * LK_ENTRY_MAX);
	if (!buf)
		return DH_ENOMEM;
	memcpy(key, spell, slen);
	store_put_u64(key + slen, v[0].id);
	size_t len = lk_chunk_encode(v, n, v[0].id, buf);
	int rc = store_put(txn, DH_T_WORDS, key, slen + 8, buf, len);
	free(buf);
	return rc;
}

/* Adds DELTA to the number of chunks the directory has for SPELL. */
static int lk_directory_add(dh_stxn *txn, const unsigned char *spell, size_t slen, int delta)
{
	if (delta == 0)
		return 0;
	unsigned char key[LK_SPELL_MAX];
	memcpy(key, spell, slen);
	key[0] = LK_DIRECTORY;
	const void *val;
	size_t vlen;
	int64_t count = 0;
	int rc = store_get(txn, DH_T_WORDS, key, slen, &val, &vlen);
	if (rc == 0 && vlen == 4) {
		const unsigned char *v = val;
		count = (int64_t)v[0] << 24 | v[1] << 16 | v[2] << 8 | v[3];
	} else if (rc && rc != DH_ENOTFOUND) {
		return rc;
	}
	count += delta;
	if (count <= 0)
		return store_del(txn, DH_T_WORDS, key, slen);
	unsigned char v[4] = {(unsigned char)(count >> 24), (unsigned char)(count >> 16),
	                      (unsigned char)(count >> 8), (unsigned char)count};
	return store_put(txn, DH_T_WORDS, key, slen, v, sizeof v);
}

/* Appends ADD (ids above LAST, the chunk's last) to the chunk F found:
 * the common change, a new candidate, rewrites no entry. */
static int lk_append(dh_stxn *txn, const unsigned char *spell, size_t slen, const lk_found *f,
                     const unsigned char *body, size_t blen, uint64_t last, const lk_entry *add, size_t nadd)
{
	unsigned char *buf = malloc(10 + blen + nadd * LK_ENTRY_MAX);
	if (!buf)
		return DH_ENOMEM;
	size_t o = lk_varint_put(buf, add[nadd - 1].id - f->first);
	memcpy(buf + o, body, blen);
	o += blen;
	o += lk_entries_encode(add, nadd, last, buf + o);
	int rc;
	if (o <= LK_CHUNK_MAX) {
		unsigned char key[LK_KEY_MAX];
		memcpy(key, spell, slen);
		store_put_u64(key + slen, f->first);
		rc = store_put(txn, DH_T_WORDS, key, slen + 8, buf, o);
	} else {
		rc = lk_put_chunk(txn, spell, slen, add, nadd); /* a new chunk */
		if (!rc)
			rc = lk_directory_add(txn, spell, slen, 1);
	}
	free(buf);
	return rc;
}

/* Replaces the entries of candidate ID under SPELL with ADD (sorted). */
int lk_update_spell(dh_stxn *txn, const unsigned char *spell, size_t slen, uint64_t id,
                           const lk_entry *add, size_t nadd)
{
	unsigned char from[LK_KEY_MAX];
	memcpy(from, spell, slen);
	store_put_u64(from + slen, id);
	lk_found f = {0};
	int rc = store_scan(txn, DH_T_WORDS, spell, slen, from, slen + 8, true, lk_found_cb, &f);
	if (rc < 0 || f.err) {
		free(f.val);
		return rc < 0 ? rc : f.err;
	}
	if (!f.found) {
		/* Before every chunk, or none yet: a chunk of its own. */
		if (!nadd)
			return 0;
		rc = lk_put_chunk(txn, spell, slen, add, nadd);
		return rc ? rc : lk_directory_add(txn, spell, slen, 1);
	}
	const unsigned char *p = f.val, *end = p + f.vlen;
	uint64_t span;
	if (!(p = lk_varint_next(p, end, &span))) {
		free(f.val);
		return DH_ECORRUPT;
	}
	if (id > f.first + span) {
		if (nadd)
			rc = lk_append(txn, spell, slen, &f, p, (size_t)(end - p), f.first + span, add, nadd);
		free(f.val);
		return rc;
	}

	lk_chunk c = {0};
	int chunks = 0; /* made minus dropped */
	rc = lk_chunk_decode(&c, f.first, f.val, f.vlen);
	free(f.val);
	if (rc)
		goto out;
	/* Drop ID's old entries, then put ADD in at its place. */
	size_t w = 0, at = SIZE_MAX;
	for (size_t i = 0; i < c.n; i++) {
		if (c.v[i].id == id)
			continue;
		if (c.v[i].id > id && at == SIZE_MAX)
			at = w;
		c.v[w++] = c.v[i];
	}
	if (at == SIZE_MAX)
		at = w;
	c.n = w;
	for (size_t i = 0; i < nadd; i++)
		if ((rc = lk_chunk_push(&c, &add[i])))
			goto out;
	if (nadd) {
		memmove(c.v + at + nadd, c.v + at, (c.n - nadd - at) * sizeof *c.v);
		memcpy(c.v + at, add, nadd * sizeof *c.v);
	}
	bool kept = c.n > 0 && c.v[0].id == f.first;
	if (!kept) {
		/* A chunk is keyed by its first entry. */
		unsigned char key[LK_KEY_MAX];
		memcpy(key, spell, slen);
		store_put_u64(key + slen, f.first);
		if ((rc = store_del(txn, DH_T_WORDS, key, slen + 8)))
			goto out;
		chunks--;
	}
	/* Split at id boundaries until each part fits. */
	for (size_t start = 0; start < c.n;) {
		size_t end_i = start, bytes = 0;
		while (end_i < c.n) {
			unsigned char tmp[10];
			uint64_t delta = end_i > start ? c.v[end_i].id - c.v[end_i - 1].id : 0;
			size_t one = lk_varint_put(tmp, delta) + 1;
			if (bytes + one > LK_CHUNK_MAX && end_i > start && c.v[end_i].id != c.v[end_i - 1].id)
				break;
			bytes += one;
			end_i++;
		}
		if ((rc = lk_put_chunk(txn, spell, slen, c.v + start, end_i - start)))
			goto out;
		if (!(kept && start == 0))
			chunks++;
		start = end_i;
	}
	rc = lk_directory_add(txn, spell, slen, chunks);
out:
	free(c.v);
	return rc;
}

/* --- reindex ----------------------------------------------------------- */

int lk_note_year(dh_stxn *txn, uint8_t year)
{
	unsigned char key[2] = {LK_YEARS, year};
	const void *val;
	size_t vlen;
	int rc = store_get(txn, DH_T_WORDS, key, sizeof key, &val, &vlen);
	if (rc == DH_ENOTFOUND && !(rc = lk_rank_format_first(txn)))
		rc = store_put(txn, DH_T_WORDS, key, sizeof key, "", 0);
	return rc;
}

/* --- batched writes ---------------------------------------------------- */

/* One change to one spelling: ID's entry becomes STAGE (ADD) or goes. */
typedef struct lk_op {
	uint64_t id;
	uint32_t next; /* the spelling's next change, in arrival order */
	bool add;
	uint8_t stage;
} lk_op;

/* The changes to one spelling: a chain of ops, oldest first. */
typedef struct lk_group {
	unsigned char spell[LK_SPELL_MAX];
	uint8_t slen;
	uint32_t head, tail;
} lk_group;

/* The changes gathered for one write transaction (lookup_batch_begin),
 * grouped by spelling through a hash table. The program is single-threaded
 * and has one write transaction at a time. */
static struct {
	dh_stxn *txn;
	lk_op *ops;
	size_t nops, ops_cap;
	lk_group *groups;
	size_t ngroups, groups_cap;
	uint32_t *table; /* group index + 1, open addressing */
	size_t table_size;
	bool fresh_known; /* nfresh and the mark read in this transaction */
	size_t nfresh;    /* ids in DH_T_FRESH */
	bool has_mark;    /* the mark "w" is there */
	uint64_t mark;
	uint64_t new_first;   /* the first candidate made in this transaction */
	uint64_t gather_from; /* candidates made from this id on have their
	                         postings gathered (0: none) */
	bool fold;            /* write every fresh candidate's postings at the end */
} lk_batch;

enum { LK_BATCH_MAX = 1 << 18, LK_NO_OP = UINT32_MAX }; /* changes held before writing some */

static uint64_t lk_hash(const unsigned char *p, size_t n)
{
	uint64_t h = 1469598103934665603ull; /* FNV-1a */
	for (size_t i = 0; i < n; i++)
		h = (h ^ p[i]) * 1099511628211ull;
	return h;
}

static int lk_group_cmp(const void *a, const void *b)
{
	const lk_group *x = a, *y = b;
	size_t n = x->slen < y->slen ? x->slen : y->slen;
	int c = memcmp(x->spell, y->spell, n);
	if (c)
		return c;
	return x->slen < y->slen ? -1 : x->slen > y->slen;
}

/* The group of SPELL, made when new; NULL on ENOMEM. */
static lk_group *lk_group_of(const unsigned char *spell, size_t slen)
{
	if (2 * (lk_batch.ngroups + 1) > lk_batch.table_size) {
		size_t size = lk_batch.table_size ? lk_batch.table_size * 2 : 4096;
		uint32_t *t = calloc(size, sizeof *t);
		if (!t)
			return NULL;
		for (size_t g = 0; g < lk_batch.ngroups; g++) {
			uint64_t h = lk_hash(lk_batch.groups[g].spell, lk_batch.groups[g].slen);
			while (t[h & (size - 1)])
				h++;
			t[h & (size - 1)] = (uint32_t)g + 1;
		}
		free(lk_batch.table);
		lk_batch.table = t;
		lk_batch.table_size = size;
	}
	uint64_t h = lk_hash(spell, slen);
	for (;; h++) {
		uint32_t *slot = &lk_batch.table[h & (lk_batch.table_size - 1)];
		if (*slot) {
			lk_group *g = &lk_batch.groups[*slot - 1];
			if (g->slen == slen && memcmp(g->spell, spell, slen) == 0)
				return g;
			continue;
		}
		if (lk_batch.ngroups == lk_batch.groups_cap) {
			size_t cap = lk_batch.groups_cap ? lk_batch.groups_cap * 2 : 1024;
			lk_group *v = realloc(lk_batch.groups, cap * sizeof *v);
			if (!v)
				return NULL;
			lk_batch.groups = v;
			lk_batch.groups_cap = cap;
		}
		lk_group *g = &lk_batch.groups[lk_batch.ngroups++];
		memcpy(g->spell, spell, slen);
		g->slen = (uint8_t)slen;
		g->head = g->tail = LK_NO_OP;
		*slot = (uint32_t)lk_batch.ngroups;
		return g;
	}
}

/* Appends entries ADD (N, ids ascending) after the last chunk of SPELL,
 * filling it and then new chunks. *DONE is false, and nothing is written,
 * when the first id is not past the last one there. */
int lk_append_run(dh_stxn *txn, const unsigned char *spell, size_t slen, const lk_entry *add, size_t n,
                         bool *done)
{
	unsigned char from[LK_KEY_MAX];
	memcpy(from, spell, slen);
	memset(from + slen, 0xff, 8);
	lk_found f = {0};
	*done = false;
	int rc = store_scan(txn, DH_T_WORDS, spell, slen, from, slen + 8, true, lk_found_cb, &f);
	if (rc < 0 || f.err) {
		free(f.val);
		return rc < 0 ? rc : f.err;
	}
	const unsigned char *body = NULL, *end = NULL;
	uint64_t first = add[0].id, prev = first;
	if (f.found) {
		uint64_t span;
		body = f.val;
		end = body + f.vlen;
		if (!(body = lk_varint_next(body, end, &span))) {
			free(f.val);
			return DH_ECORRUPT;
		}
		if (add[0].id <= f.first + span) {
			free(f.val);
			return 0;
		}
		first = f.first;
		prev = f.first + span;
	}
	*done = true;
	unsigned char buf[LK_CHUNK_MAX + 2 * LK_ENTRY_MAX + 10], *entries = buf + 10;
	size_t len = 0;
	int made = 0;
	if (f.found) {
		len = (size_t)(end - body);
		if (len > LK_CHUNK_MAX + LK_ENTRY_MAX) {
			/* an old, bigger chunk: leave it, start a new one */
			first = prev = add[0].id;
			len = 0;
			f.found = false;
		} else {
			memcpy(entries, body, len);
		}
	}
	free(f.val);
	bool fresh = !f.found; /* the chunk being filled is a new key */
	for (size_t i = 0; i <= n && !rc; i++) {
		unsigned char one[LK_ENTRY_MAX];
		size_t olen = 0;
		if (i < n)
			olen = lk_entries_encode(&add[i], 1, prev, one);
		if (i == n || (len > 0 && len + olen > LK_CHUNK_MAX)) {
			/* write the chunk being filled */
			unsigned char head[10];
			size_t hlen = lk_varint_put(head, prev - first);
			memcpy(entries - hlen, head, hlen);
			unsigned char key[LK_KEY_MAX];
			memcpy(key, spell, slen);
			store_put_u64(key + slen, first);
			rc = store_put(txn, DH_T_WORDS, key, slen + 8, entries - hlen, hlen + len);
			made += fresh;
			if (i == n)
				break;
			first = prev = add[i].id;
			olen = lk_entries_encode(&add[i], 1, prev, one);
			len = 0;
			fresh = true;
		}
		memcpy(entries + len, one, olen);
		len += olen;
		prev = add[i].id;
	}
	if (!rc)
		rc = lk_directory_add(txn, spell, slen, made);
	return rc;
}

/* Writes the gathered changes, spelling by spelling in key order: a run
 * of new ids past a spelling's last chunk costs one read and one write. */
static int lk_batch_flush(dh_stxn *txn)
{
	int rc = 0;
	/* the groups in key order; the hash table is then stale */
	if (lk_batch.ngroups > 1)
		qsort(lk_batch.groups, lk_batch.ngroups, sizeof *lk_batch.groups, lk_group_cmp);
	if (lk_batch.table)
		memset(lk_batch.table, 0, lk_batch.table_size * sizeof *lk_batch.table);
	lk_entry *run = NULL;
	size_t run_cap = 0;
	for (size_t g = 0; g < lk_batch.ngroups && !rc; g++) {
		const lk_group *grp = &lk_batch.groups[g];
		for (uint32_t i = grp->head; i != LK_NO_OP && !rc;) {
			/* additions with ascending ids */
			size_t n = 0;
			uint32_t j = i;
			for (uint64_t last = 0;
			     j != LK_NO_OP && lk_batch.ops[j].add && (n == 0 || lk_batch.ops[j].id > last);
			     j = lk_batch.ops[j].next) {
				if (n == run_cap) {
					size_t cap = run_cap ? run_cap * 2 : 256;
					lk_entry *v = realloc(run, cap * sizeof *v);
					if (!v) {
						rc = DH_ENOMEM;
						break;
					}
					run = v;
					run_cap = cap;
				}
				run[n++] =
				    (lk_entry){.id = lk_batch.ops[j].id, .stage = lk_batch.ops[j].stage};
				last = lk_batch.ops[j].id;
			}
			bool done = false;
			if (!rc && n > 1)
				rc = lk_append_run(txn, grp->spell, grp->slen, run, n, &done);
			if (done) {
				i = j;
				continue;
			}
			const lk_op *op = &lk_batch.ops[i];
			lk_entry e = {.id = op->id, .stage = op->stage};
			if (!rc)
				rc = lk_update_spell(txn, grp->spell, grp->slen, op->id, &e, op->add ? 1 : 0);
			i = op->next;
		}
	}
	free(run);
	lk_batch.nops = 0;
	lk_batch.ngroups = 0;
	return rc;
}

/* One change: written at once, or gathered when TXN is batching. */
static int lk_change(dh_stxn *txn, const unsigned char *spell, size_t slen, uint64_t id, const lk_entry *add)
{
	if (lk_batch.txn != txn)
		return lk_update_spell(txn, spell, slen, id, add, add ? 1 : 0);
	if (lk_batch.nops >= LK_BATCH_MAX) {
		/* Written now, the postings of this write's new candidates
		 * cannot be left for later: the end writes everyone's. */
		lk_batch.fold = true;
		int rc = lk_batch_flush(txn);
		if (rc)
			return rc;
	}
	if (lk_batch.nops == lk_batch.ops_cap) {
		size_t cap = lk_batch.ops_cap ? lk_batch.ops_cap * 2 : 4096;
		lk_op *v = realloc(lk_batch.ops, cap * sizeof *v);
		if (!v)
			return DH_ENOMEM;
		lk_batch.ops = v;
		lk_batch.ops_cap = cap;
	}
	lk_group *g = lk_group_of(spell, slen);
	if (!g)
		return DH_ENOMEM;
	uint32_t k = (uint32_t)lk_batch.nops++;
	lk_batch.ops[k] =
	    (lk_op){.id = id, .next = LK_NO_OP, .add = add != NULL, .stage = add ? add->stage : 0};
	if (g->tail == LK_NO_OP)
		g->head = k;
	else
		lk_batch.ops[g->tail].next = k;
	g->tail = k;
	return 0;
}

int lookup_batch_begin(dh_stxn *txn)
{
	lookup_batch_abort();
	lk_batch.txn = txn;
	return 0;
}

static int lk_fresh_finish(dh_stxn *txn);

int lookup_batch_end(dh_stxn *txn)
{
	if (lk_batch.txn != txn)
		return 0;
	int rc = lk_fresh_finish(txn);
	if (!rc)
		rc = lk_batch_flush(txn);
	lookup_batch_abort();
	return rc;
}

void lookup_batch_abort(void)
{
	free(lk_batch.ops);
	free(lk_batch.groups);
	free(lk_batch.table);
	memset(&lk_batch, 0, sizeof lk_batch);
}

/* Drops every word of OLD (candidate OLD_ID), indexes every word of NEW
 * (NEW_ID), rewriting only the spellings whose entries change. */
static int lk_apply(dh_stxn *txn, const lk_doc *old, uint64_t old_id, const lk_doc *new, uint64_t new_id)
{
	int rc = 0;
	size_t i = 0, j = 0;
	while (!rc && (i < old->n || j < new->n)) {
		const lk_posting *p = i < old->n ? &old->v[i] : NULL, *q = j < new->n ? &new->v[j] : NULL;
		int c;
		if (!p)
			c = 1;
		else if (!q)
			c = -1;
		else {
			size_t m = p->slen < q->slen ? p->slen : q->slen;
			c = memcmp(p->spell, q->spell, m);
			if (!c)
				c = p->slen - q->slen;
		}
		const lk_posting *any = c <= 0 ? p : q;
		size_t i2 = i, j2 = j;
		if (c <= 0)
			while (i2 < old->n && old->v[i2].slen == any->slen &&
			       !memcmp(old->v[i2].spell, any->spell, any->slen))
				i2++;
		if (c >= 0)
			while (j2 < new->n &&new->v[j2].slen == any->slen &&
			       !memcmp(new->v[j2].spell, any->spell, any->slen))
				j2++;
		bool same = old_id == new_id && i2 - i == j2 - j;
		for (size_t k = 0; same && k < i2 - i; k++)
			same = old->v[i + k].e.stage == new->v[j + k].e.stage;
		if (!same) {
			/* One spelling of one candidate: one entry (one stage). */
			if (i2 > i && old_id != new_id)
				rc = lk_change(txn, any->spell, any->slen, old_id, NULL);
			if (!rc)
				rc = lk_change(txn, any->spell, any->slen, new_id,
				               j2 > j ? &new->v[j].e : NULL);
		}
		i = i2;
		j = j2;
	}
	return rc;
}

/* --- fresh candidates -------------------------------------------------- */

static const unsigned char lk_mark_key[1] = {'w'};

static void lk_fresh_key(unsigned char key[8], uint64_t id)
{
	store_put_u64(key, id);
}

/* The highest candidate id in TXN (0: none). */
static int lk_last_candidate(dh_stxn *txn, uint64_t *out)
{
	unsigned char prefix = DH_R_CANDIDATE;
	const void *key;
	size_t klen;
	*out = 0;
	int rc = store_last_key(txn, DH_T_RECORDS, &prefix, 1, &key, &klen);
	if (rc == DH_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	if (klen < 9)
		return DH_ECORRUPT;
	*out = store_get_u64((const unsigned char *)key + 1);
	return 0;
}

static int lk_read_mark(dh_stxn *txn, bool *has, uint64_t *mark)
{
	const void *val;
	size_t vlen;
	*has = false;
	*mark = 0;
	int rc = store_get(txn, DH_T_FRESH, lk_mark_key, sizeof lk_mark_key, &val, &vlen);
	if (rc == DH_ENOTFOUND)
		return 0;
	if (rc)
		return rc;
	if (vlen != 8)
		return DH_ECORRUPT;
	*has = true;
	*mark = store_get_u64(val);
	return 0;
}

static int lk_write_mark(dh_stxn *txn, uint64_t mark)
{
	unsigned char v[8];
	store_put_u64(v, mark);
	lk_batch.has_mark = true;
	lk_batch.mark = mark;
	return store_put(txn, DH_T_FRESH, lk_mark_key, sizeof lk_mark_key, v, sizeof v);
}

/* What this transaction knows of the fresh candidates, read once. */
static int lk_fresh_state(dh_stxn *txn)
{
	if (lk_batch.fresh_known)
		return 0;
	uint64_t n;
	int rc = store_count(txn, DH_T_FRESH, &n);
	if (!rc)
		rc = lk_read_mark(txn, &lk_batch.has_mark, &lk_batch.mark);
	if (rc)
		return rc;
	lk_batch.nfresh = (size_t)n - lk_batch.has_mark;
	lk_batch.fresh_known = true;
	return 0;
}

/* Candidates above this id are fresh by their ids (where the mark is, or
 * is to be: a database without one has every older candidate's postings). */
static uint64_t lk_mark_now(uint64_t last)
{
	if (lk_batch.has_mark)
		return lk_batch.mark;
	return lk_batch.new_first ? lk_batch.new_first - 1 : last;
}

/* Fresh candidates once ID, the highest, is: those with keys and those
 * above the mark. */
static uint64_t lk_fresh_count(uint64_t id)
{
	uint64_t mark = lk_mark_now(id);
	return lk_batch.nfresh + (id > mark ? id - mark : 0);
}

/* A change of candidate ID (BEFORE: as its postings have it, or NULL when
 * it is new) taken as fresh: 1 when its postings are left for later, 0
 * when they are to change now (in a batch: gathered, and the end decides;
 * see lk_fresh_finish). */
static int lk_fresh_take(dh_stxn *txn, uint64_t id, const dh_candidate *before)
{
	unsigned char key[8];
	const void *val;
	size_t vlen;
	int rc;
	if (lk_batch.txn != txn) {
		/* Written at once: a fresh id's postings are skipped anyway,
		 * and later written from what its key says they hold. */
		lk_fresh_key(key, id);
		rc = store_get(txn, DH_T_FRESH, key, sizeof key, &val, &vlen);
		return rc == 0 ? 1 : rc == DH_ENOTFOUND ? 0 : rc;
	}
	if ((rc = lk_fresh_state(txn)))
		return rc;
	if (!before) {
		if (lk_batch.has_mark && id <= lk_batch.mark) {
			lk_batch.fold = true; /* new, under the mark: written, all */
			return 0;
		}
		if (!lk_batch.new_first)
			lk_batch.new_first = id;
		if (lk_batch.gather_from)
			return 0;
		if (lk_fresh_count(id) <= LK_FRESH_MAX)
			return 1; /* fresh by its id: nothing to do */
		/* Too many: from this one on the postings are gathered, and
		 * at the end everyone's are written (an import). */
		lk_batch.gather_from = id;
		lk_batch.fold = true;
		return 0;
	}
	if (lk_batch.gather_from && id >= lk_batch.gather_from)
		return 0; /* made here, its postings gathered since */
	if (lk_batch.has_mark ? id > lk_batch.mark : lk_batch.new_first && id >= lk_batch.new_first)
		return 1; /* fresh by its id */
	lk_fresh_key(key, id);
	rc = store_get(txn, DH_T_FRESH, key, sizeof key, &val, &vlen);
	if (rc == 0)
		return 1; /* fresh already: its record answers for it */
	if (rc != DH_ENOTFOUND)
		return rc;
	uint64_t last;
	if ((rc = lk_last_candidate(txn, &last)))
		return rc;
	if (lk_fresh_count(last) >= LK_FRESH_MAX) {
		lk_batch.fold = true;
		return 0;
	}
	unsigned char *enc = NULL;
	size_t len = 0;
	if (!before->meta.deleted && (rc = record_encode(DH_R_CANDIDATE, before, &enc, &len)))
		return rc;
	rc = store_put(txn, DH_T_FRESH, key, sizeof key, enc ? (const void *)enc : "", len);
	free(enc);
	if (rc)
		return rc;
	lk_batch.nfresh++;
	return 1;
}

typedef struct lk_fresh_list {
	uint64_t *ids;
	unsigned char **vals; /* malloc'd copies: the keys are rewritten */
	size_t *lens;
	size_t n, cap;
	int err;
} lk_fresh_list;

static int lk_fresh_collect(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	lk_fresh_list *l = ctx;
	if (klen == sizeof lk_mark_key)
		return 0; /* the mark */
	if (klen != 8)
		return l->err = DH_ECORRUPT;
	if (l->n == l->cap) {
		size_t cap = l->cap ? l->cap * 2 : 64;
		uint64_t *ids = realloc(l->ids, cap * sizeof *ids);
		if (ids)
			l->ids = ids;
		unsigned char **vals = realloc(l->vals, cap * sizeof *vals);
		if (vals)
			l->vals = vals;
		size_t *lens = realloc(l->lens, cap * sizeof *lens);
		if (lens)
			l->lens = lens;
		if (!ids || !vals || !lens)
			return l->err = DH_ENOMEM;
		l->cap = cap;
	}
	unsigned char *copy = malloc(vlen ? vlen : 1);
	if (!copy)
		return l->err = DH_ENOMEM;
	memcpy(copy, val, vlen);
	l->ids[l->n] = store_get_u64(key);
	l->vals[l->n] = copy;
	l->lens[l->n++] = vlen;
	return 0;
}

static void lk_fresh_list_free(lk_fresh_list *l)
{
	for (size_t i = 0; i < l->n; i++)
		free(l->vals[i]);
	free(l->ids);
	free(l->vals);
	free(l->lens);
}

/* The stored candidate ID in TXN; NULL (and 0) when there is none. */
static int lk_load_candidate(dh_stxn *txn, uint64_t id, dh_candidate **out)
{
	unsigned char key[9];
	const void *val;
	size_t vlen;
	*out = NULL;
	key[0] = DH_R_CANDIDATE;
	store_put_u64(key + 1, id);
	int rc = store_get(txn, DH_T_RECORDS, key, sizeof key, &val, &vlen);
	if (rc == DH_ENOTFOUND)
		return 0;
	return rc ? rc : record_decode(DH_R_CANDIDATE, val, vlen, (void **)out);
}

/* Candidate ID's postings, from what they hold (WAS, NULL: nothing) to
 * what its record says now: gathered in the batch. */
static int lk_fold_one(dh_stxn *txn, uint64_t id, const dh_candidate *was, lk_doc *old, lk_doc *new)
{
	dh_candidate *now;
	int rc = lk_load_candidate(txn, id, &now);
	if (!rc)
		rc = lk_doc_build(old, was);
	if (!rc)
		rc = lk_doc_build(new, now);
	if (!rc && new->n)
		rc = lk_note_year(txn, new->year);
	if (!rc)
		rc = lk_apply(txn, old, id, new, id);
	record_free(DH_R_CANDIDATE, now);
	return rc;
}

/* Writes the postings of every fresh candidate but those this write made
 * (theirs are gathered already), drops the keys, and moves the mark past
 * LAST, the last candidate. */
static int lk_fresh_fold(dh_stxn *txn, uint64_t from, uint64_t to, uint64_t last)
{
	lk_fresh_list l = {0};
	int rc = store_scan(txn, DH_T_FRESH, NULL, 0, NULL, 0, false, lk_fresh_collect, &l);
	if (!rc)
		rc = l.err;
	lk_doc old = {0}, new = {0};
	for (size_t i = 0; !rc && i < l.n; i++) {
		dh_candidate *was = NULL;
		if (l.lens[i])
			rc = record_decode(DH_R_CANDIDATE, l.vals[i], l.lens[i], (void **)&was);
		if (!rc && !(lk_batch.gather_from && l.ids[i] >= lk_batch.gather_from))
			rc = lk_fold_one(txn, l.ids[i], was, &old, &new);
		if (!rc) {
			unsigned char key[8];
			lk_fresh_key(key, l.ids[i]);
			rc = store_del(txn, DH_T_FRESH, key, sizeof key);
		}
		record_free(DH_R_CANDIDATE, was);
	}
	/* fresh by their ids: nothing in the postings for them yet */
	for (uint64_t id = from + 1; !rc && id <= to; id++)
		rc = lk_fold_one(txn, id, NULL, &old, &new);
	free(old.v);
	free(new.v);
	lk_fresh_list_free(&l);
	/* The mark never goes back: ids under it that are not there yet
	 * (a stage's) are written with their postings. */
	if (!rc)
		rc = lk_write_mark(txn, lk_batch.has_mark && lk_batch.mark > last ? lk_batch.mark : last);
	lk_batch.nfresh = 0;
	return rc;
}

int lookup_reserve(dh_stxn *txn, uint64_t upto)
{
	if (lk_batch.txn != txn)
		return DH_EINVAL;
	uint64_t last;
	int rc = lk_fresh_state(txn);
	if (!rc)
		rc = lk_last_candidate(txn, &last);
	if (rc)
		return rc;
	return lk_fresh_fold(txn, lk_mark_now(last), last, upto > last ? upto : last);
}

/* At the end of a batch: unless too many became fresh, or postings were
 * gathered (which then must be written with everyone's), nothing is left
 * to do but set the mark if there is none yet. Else every fresh
 * candidate's postings are written. */
static int lk_fresh_finish(dh_stxn *txn)
{
	if (!lk_batch.fresh_known)
		return 0; /* no candidate here: write what is gathered */
	uint64_t last;
	int rc = lk_last_candidate(txn, &last);
	if (rc)
		return rc;
	uint64_t mark = lk_mark_now(last);
	if (!lk_batch.fold && lk_fresh_count(last) <= LK_FRESH_MAX)
		return lk_batch.has_mark || !lk_batch.new_first ? 0 : lk_write_mark(txn, mark);
	/* fresh by id: those not gathered */
	uint64_t to = lk_batch.gather_from ? lk_batch.gather_from - 1 : last;
	return lk_fresh_fold(txn, mark, to, last);
}

/* lookup_rebuild at work: every candidate's postings are written. */
static bool lk_rebuilding;

int lookup_reindex(dh_stxn *txn, dh_rtype type, const void *before, const void *after)
{
	if (type != DH_R_CANDIDATE)
		return 0;
	const dh_candidate *b = before, *a = after;
	uint64_t id = a ? a->meta.id : b ? b->meta.id : 0;
	int rc = lk_rebuilding ? 0 : lk_fresh_take(txn, id, b);
	if (rc)
		return rc < 0 ? rc : 0;
	lk_doc old = {0}, new = {0};
	rc = lk_doc_build(&old, b);
	if (!rc)
		rc = lk_doc_build(&new, a);
	if (!rc && new.n)
		rc = lk_note_year(txn, new.year);
	if (!rc)
		rc = lk_apply(txn, &old, b ? b->meta.id : 0, &new, a ? a->meta.id : b ? b->meta.id : 0);
	free(old.v);
	free(new.v);
	return rc;
}

typedef struct lk_keys {
	unsigned char (*v)[LK_KEY_MAX];
	uint8_t *len;
	size_t n, cap;
	int err;
} lk_keys;

static int lk_collect_key(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	(void)val;
	(void)vlen;
	lk_keys *k = ctx;
	if (klen > LK_KEY_MAX)
		return k->err = DH_ECORRUPT;
	if (k->n == k->cap) {
		size_t cap = k->cap ? k->cap * 2 : 1024;
		void *v = realloc(k->v, cap * sizeof *k->v), *l = realloc(k->len, cap);
		if (v)
			k->v = v;
		if (l)
			k->len = l;
		if (!v || !l)
			return k->err = DH_ENOMEM;
		k->cap = cap;
	}
	memcpy(k->v[k->n], key, klen);
	k->len[k->n++] = (uint8_t)klen;
	return 0;
}

typedef struct lk_rebuild_ctx {
	dh_stxn *txn;
	int err;
} lk_rebuild_ctx;

static int lk_rebuild_one(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	(void)key;
	(void)klen;
	lk_rebuild_ctx *r = ctx;
	void *rec;
	int rc = record_decode(DH_R_CANDIDATE, val, vlen, &rec);
	if (!rc) {
		rc = lookup_reindex(r->txn, DH_R_CANDIDATE, NULL, rec);
		record_free(DH_R_CANDIDATE, rec);
	}
	return rc ? (r->err = rc) : 0;
}

int lookup_rebuild(dh_stxn *txn)
{
	if (lk_batch.txn == txn) {
		/* all of it is made again from the records, as postings */
		lk_batch.nops = lk_batch.ngroups = 0;
		if (lk_batch.table)
			memset(lk_batch.table, 0, lk_batch.table_size * sizeof *lk_batch.table);
	}
	static const dh_table tables[] = {DH_T_WORDS, DH_T_FRESH};
	int rc = 0;
	for (size_t t = 0; !rc && t < sizeof tables / sizeof tables[0]; t++) {
		lk_keys k = {0};
		rc = store_scan(txn, tables[t], NULL, 0, NULL, 0, false, lk_collect_key, &k);
		if (!rc && k.err)
			rc = k.err;
		for (size_t i = 0; !rc && i < k.n; i++)
			rc = store_del(txn, tables[t], k.v[i], k.len[i]);
		free(k.v);
		free(k.len);
	}
	if (rc < 0)
		return rc;
	unsigned char type = DH_R_CANDIDATE;
	lk_rebuild_ctx r = {.txn = txn};
	lk_rebuilding = true;
	rc = store_scan(txn, DH_T_RECORDS, &type, 1, NULL, 0, false, lk_rebuild_one, &r);
	lk_rebuilding = false;
	if (rc < 0 || r.err)
		return rc < 0 ? rc : r.err;
	/* every candidate's postings are (or, gathered, will be) written */
	uint64_t last;
	if ((rc = lk_last_candidate(txn, &last)))
		return rc;
	if (lk_batch.txn == txn) {
		/* what the batch knew of the fresh ones is gone: read again,
		 * and write whatever is gathered */
		lk_batch.fresh_known = false;
		lk_batch.new_first = lk_batch.gather_from = 0;
		lk_batch.fold = true;
	}
	unsigned char v[8];
	store_put_u64(v, last);
	return store_put(txn, DH_T_FRESH, lk_mark_key, sizeof lk_mark_key, v, sizeof v);
}

/* --- search ------------------------------------------------------------ */

typedef struct lk_dept {
	unsigned char spell[LK_SPELL_MAX]; /* directory key; its year byte set per year */
	uint8_t slen;
	char id[FOLD_BASE_MAX + 1];
	uint8_t quality; /* of the query word against the department's name */
} lk_dept;

/* A spelling that matches a query word in one year: its posting key
 * without the id, what it is worth, and its size. */
typedef struct lk_spelling {
	unsigned char spell[LK_SPELL_MAX];
	uint8_t slen;
	uint8_t points; /* quality * 4 + field weight */
	uint8_t field;  /* lk_field */
	uint32_t chunks;
} lk_spelling;

typedef struct lk_qword {
	fold_word w;
	lk_dept *depts;
	size_t ndepts;
	lk_spelling *spells; /* grouped by year, best first within a year */
	size_t nspells, spells_cap;
	uint32_t from[256], to[256]; /* per year byte: its range in SPELLS */
	uint64_t est[256];           /* per year byte: chunks to scan */
	uint8_t maxp[256];           /* per year byte: the best points offered */
	uint8_t minp;                /* spellings worth less are left out */
} lk_qword;

typedef struct lk_cand {
	uint64_t id;
	uint8_t matched; /* query words matched so far */
	uint8_t cur;     /* best points for the word being matched */
	uint16_t qsum, fsum;
	lk_rank_at at; /* where each query word matched (lookup_rank.h) */
} lk_cand;

typedef struct lk_search {
	const dh_lookup_opts *opts;
	lk_qword q[LK_QUERY_WORDS];
	size_t nq;
	size_t order[LK_QUERY_WORDS]; /* this year's words, rarest first */
	uint8_t years[256];
	size_t nyears;
	uint8_t year; /* the year being searched */
	lk_cand *cands;
	size_t ncands, cap;
	uint32_t *slot; /* id -> index + 1 in cands */
	uint64_t *bits; /* id -> live: a bit per id keeps the test in cache */
	uint64_t nslots;
	/* One bit per block of 2^LK_BLOCK_SHIFT ids holding a live candidate:
	 * after the first word, a chunk whose ids miss every live block is
	 * skipped undecoded. */
	uint64_t *blocks;
	size_t nblocks;  /* in uint64_t words */
	unsigned stages; /* bit per dh_stage wanted */
	unsigned round;  /* position in ORDER of the word being matched */
	dh_hit *hits;
	size_t nhits, hcap;
	uint32_t classes[LK_RANKS]; /* hits per rank (lk_rank_of) */
	unsigned min_class;         /* hits of a lower rank are not kept */
	uint64_t *fresh;            /* fresh candidates: their postings are skipped */
	size_t nfresh, fresh_cap;
	uint64_t last_id; /* the highest candidate id: every id read back is at most this */
	int err;
	dh_stxn *txn; /* the read the query runs in */
} lk_search;

static void lk_blocks_build(lk_search *s)
{
	size_t need = (size_t)(s->nslots >> LK_BLOCK_SHIFT) / 64 + 1;
	if (need > s->nblocks) {
		uint64_t *v = realloc(s->blocks, need * sizeof *v);
		if (!v) {
			free(s->blocks); /* no skipping: slower, still right */
			s->blocks = NULL;
			s->nblocks = 0;
			return;
		}
		s->blocks = v;
		s->nblocks = need;
	}
	memset(s->blocks, 0, s->nblocks * sizeof *s->blocks);
	for (size_t k = 0; k < s->ncands; k++) {
		if (s->cands[k].matched != s->round)
			continue;
		uint64_t b = s->cands[k].id >> LK_BLOCK_SHIFT;
		s->blocks[b / 64] |= 1ull << (b % 64);
	}
}

/* Whether a live candidate may have an id in FIRST..LAST. */
static bool lk_blocks_any(const lk_search *s, uint64_t first, uint64_t last)
{
	if (!s->blocks)
		return true;
	uint64_t b = first >> LK_BLOCK_SHIFT, e = last >> LK_BLOCK_SHIFT;
	if (b / 64 >= s->nblocks)
		return false;
	if (e / 64 >= s->nblocks)
		e = (uint64_t)s->nblocks * 64 - 1;
	for (; b <= e; b++) {
		uint64_t word = s->blocks[b / 64] >> (b % 64);
		if (word & 1)
			return true;
		if (!word) /* nothing more in this word: on to the next */
			b |= 63;
	}
	return false;
}

static int lk_slot_grow(lk_search *s, uint64_t id)
{
	uint64_t n = s->nslots ? s->nslots : 1024;
	while (n <= id)
		n *= 2;
	uint32_t *v = realloc(s->slot, n * sizeof *v);
	if (!v)
		return DH_ENOMEM;
	memset(v + s->nslots, 0, (n - s->nslots) * sizeof *v);
	s->slot = v;
	uint64_t *b = realloc(s->bits, n / 64 * sizeof *b);
	if (!b)
		return DH_ENOMEM;
	memset(b + s->nslots / 64, 0, (n - s->nslots) / 64 * sizeof *b);
	s->bits = b;
	s->nslots = n;
	return 0;
}

typedef struct lk_scan {
	lk_search *s;
	unsigned points;
	unsigned field; /* of the spelling */
	size_t word;    /* the query word's index in S->Q */
} lk_scan;

/* The entries of one chunk, every one worth SC->POINTS. Spellings come best
 * first, so the first entry met for a candidate carries its best points
 * for this word: later ones are skipped on one bit, but for another
 * place of a word of equal points, noted for the tier. */
static int lk_scan_chunk(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	lk_scan *sc = ctx;
	lk_search *s = sc->s;
	if (klen < 8 + 5)
		return s->err = store_corrupt(DH_T_WORDS, key, klen, "khóa danh sách tra cứu quá ngắn");
	const unsigned char *p = val, *end = p + vlen;
	uint64_t id = store_get_u64((const unsigned char *)key + klen - 8), span;
	if (!(p = lk_varint_next(p, end, &span)) || id + span < id)
		return s->err = store_corrupt(DH_T_WORDS, key, klen, "danh sách tra cứu sai dạng");
	if (id + span > s->last_id)
		return s->err = store_corrupt(DH_T_WORDS, key, klen, "mã hồ sơ vượt quá hồ sơ cuối cùng");
	unsigned stages = s->stages;
	uint8_t points = (uint8_t)sc->points;
	unsigned field = sc->field;
	size_t word = sc->word;
	if (s->round == 0) {
		/* room for every entry first: the loop then only writes */
		if (id + span >= s->nslots && lk_slot_grow(s, id + span))
			return s->err = DH_ENOMEM;
		if (s->cap - s->ncands < vlen / 2 + 1) {
			size_t cap = s->cap ? s->cap : 256;
			while (cap - s->ncands < vlen / 2 + 1)
				cap *= 2;
			lk_cand *v = realloc(s->cands, cap * sizeof *v);
			if (!v)
				return s->err = DH_ENOMEM;
			s->cands = v;
			s->cap = cap;
		}
		uint64_t *bits = s->bits;
		uint32_t *slot = s->slot;
		lk_cand *cands = s->cands;
		uint64_t last = id + span;
		size_t n = s->ncands;
		while (p < end) {
			uint64_t delta = *p;
			if (delta < 0x80)
				p++;
			else if (!(p = lk_varint_next(p, end, &delta)))
				return s->err =
				           store_corrupt(DH_T_WORDS, key, klen, "danh sách tra cứu bị cắt");
			if (p == end)
				return s->err =
				           store_corrupt(DH_T_WORDS, key, klen, "danh sách tra cứu bị cắt");
			id += delta;
			uint8_t entry = *p++;
			unsigned stage = entry & 15;
			if (!(stages >> stage & 1) || id > last)
				continue;
			uint64_t live = bits[id / 64], bit = 1ull << (id % 64);
			if (live & bit) {
				/* seen: a fresh id (slot 0), or this word again */
				uint32_t at = slot[id];
				if (at && cands[at - 1].cur == points)
					lk_rank_note(&cands[at - 1].at, word, field, entry, false);
				continue;
			}
			bits[id / 64] = live | bit;
			cands[n] = (lk_cand){.id = id, .matched = 1, .cur = points};
			lk_rank_note(&cands[n].at, word, field, entry, true);
			slot[id] = (uint32_t)++n;
		}
		s->ncands = n;
		return 0;
	}
	if (!lk_blocks_any(s, id, id + span))
		return 0;
	const uint64_t *bits = s->bits;
	uint64_t nslots = s->nslots;
	unsigned round = s->round;
	while (p < end) {
		uint64_t delta = *p;
		if (delta < 0x80)
			p++;
		else if (!(p = lk_varint_next(p, end, &delta)))
			return s->err = store_corrupt(DH_T_WORDS, key, klen, "danh sách tra cứu bị cắt");
		if (p == end)
			return s->err = store_corrupt(DH_T_WORDS, key, klen, "danh sách tra cứu bị cắt");
		id += delta;
		uint8_t entry = *p++;
		unsigned stage = entry & 15;
		if (!(stages >> stage & 1) || id >= nslots || !(bits[id / 64] >> (id % 64) & 1))
			continue;
		lk_cand *c = &s->cands[s->slot[id] - 1];
		if (c->matched == round) {
			c->matched++;
			c->cur = points;
			lk_rank_note(&c->at, word, field, entry, true);
		} else if (c->matched == round + 1 && c->cur == points) {
			lk_rank_note(&c->at, word, field, entry, false);
		}
	}
	return 0;
}

/* Quality of the spelling K for query word Q, FOLD_NONE when its marks do
 * not fit. */
static unsigned lk_key_quality(const fold_word *q, const lk_key *k)
{
	if (!fold_marks_fit(q, k->tone, k->mods, k->nmods))
		return FOLD_NONE;
	if (k->blen > q->len)
		return FOLD_PREFIX;
	return q->tone == k->tone && q->nmods == k->nmods ? FOLD_EXACT : FOLD_WHOLE;
}

typedef struct lk_plan {
	lk_search *s;
	lk_qword *qw;
	unsigned dept_quality; /* > 0 for a department's directory key */
} lk_plan;

/* One directory key: a spelling that may match the query word. */
static int lk_plan_key(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	lk_plan *pl = ctx;
	lk_qword *qw = pl->qw;
	lk_key k;
	if (lk_key_parse(key, klen, &k) || vlen != 4)
		return pl->s->err = store_corrupt(DH_T_WORDS, key, klen, "khóa thư mục tra cứu sai dạng");
	unsigned quality = pl->dept_quality ? pl->dept_quality : lk_key_quality(&qw->w, &k);
	if (!quality)
		return 0;
	if (qw->nspells == qw->spells_cap) {
		size_t cap = qw->spells_cap ? qw->spells_cap * 2 : 64;
		lk_spelling *v = realloc(qw->spells, cap * sizeof *v);
		if (!v)
			return pl->s->err = DH_ENOMEM;
		qw->spells = v;
		qw->spells_cap = cap;
	}
	const unsigned char *c = val;
	lk_spelling *sp = &qw->spells[qw->nspells++];
	memcpy(sp->spell, key, klen);
	sp->spell[0] = LK_POSTING;
	sp->slen = (uint8_t)klen;
	sp->points = (uint8_t)(quality * 4 + (unsigned)lk_field_weight(k.field));
	sp->field = (uint8_t)k.field;
	sp->chunks = (uint32_t)c[0] << 24 | (uint32_t)c[1] << 16 | (uint32_t)c[2] << 8 | c[3];
	qw->est[k.year] += sp->chunks;
	if (sp->points > qw->maxp[k.year])
		qw->maxp[k.year] = sp->points;
	return 0;
}

/* Best points first; among equal points the field that comes first
 * (lk_field), so that the field a word's tier counts is the one the record
 * check picks too (lk_verify_word). */
static int lk_spelling_cmp(const void *a, const void *b)
{
	const lk_spelling *x = a, *y = b;
	if (x->points != y->points)
		return y->points - x->points;
	if (x->field != y->field)
		return x->field - y->field;
	size_t n = x->slen < y->slen ? x->slen : y->slen;
	int c = memcmp(x->spell, y->spell, n);
	return c ? c : x->slen - y->slen;
}

/* The spellings of query word QW in every year, from the directory. */
static int lk_plan_word(lk_search *s, dh_stxn *txn, lk_qword *qw)
{
	qw->nspells = 0;
	memset(qw->est, 0, sizeof qw->est);
	memset(qw->maxp, 0, sizeof qw->maxp);
	memset(qw->from, 0, sizeof qw->from);
	memset(qw->to, 0, sizeof qw->to);
	lk_plan pl = {.s = s, .qw = qw};
	int rc = 0;
	for (size_t y = 0; rc >= 0 && !s->err && y < s->nyears; y++) {
		uint8_t year = s->years[y];
		unsigned char prefix[LK_SPELL_MAX];
		prefix[0] = LK_DIRECTORY;
		prefix[1] = year;
		memcpy(prefix + 2, qw->w.base, qw->w.len);
		qw->from[year] = (uint32_t)qw->nspells;
		pl.dept_quality = 0;
		rc = store_scan(txn, DH_T_WORDS, prefix, 2 + qw->w.len, NULL, 0, false, lk_plan_key, &pl);
		for (size_t d = 0; rc >= 0 && !s->err && d < qw->ndepts; d++) {
			lk_dept *dep = &qw->depts[d];
			dep->spell[1] = year;
			pl.dept_quality = dep->quality;
			rc = store_scan(txn, DH_T_WORDS, dep->spell, dep->slen, NULL, 0, false, lk_plan_key,
			                &pl);
		}
		qw->to[year] = (uint32_t)qw->nspells;
		if (qw->to[year] - qw->from[year] > 1)
			qsort(qw->spells + qw->from[year], qw->to[year] - qw->from[year], sizeof *qw->spells,
			      lk_spelling_cmp);
	}
	return rc < 0 ? rc : s->err;
}

/* Scans query word QW's postings in the year being searched, its best
 * spellings first. */
static int lk_scan_word(lk_search *s, dh_stxn *txn, const lk_qword *qw)
{
	lk_scan sc = {.s = s, .word = (size_t)(qw - s->q)};
	int rc = 0;
	for (uint32_t i = qw->from[s->year]; rc >= 0 && !s->err && i < qw->to[s->year]; i++) {
		const lk_spelling *sp = &qw->spells[i];
		if (sp->points < qw->minp)
			break; /* best first: the rest are worth less still */
		sc.points = sp->points;
		sc.field = sp->field;
		rc = store_scan(txn, DH_T_WORDS, sp->spell, sp->slen, NULL, 0, false, lk_scan_chunk, &sc);
	}
	return rc < 0 ? rc : s->err;
}

/* Query word Q (S->Q[WORD]) against a candidate's words D as its postings
 * have them (lk_doc_build): its best points, 0 when it does not match, and
 * where it matched into *AT, by the rule of the postings' scan: the
 * spellings of the best points, in the first field among them. */
static unsigned lk_verify_doc(const lk_qword *q, size_t word, const lk_doc *d, lk_rank_at *at)
{
	unsigned best = 0, best_field = 0;
	for (int pass = 0; pass < 2; pass++) {
		bool first = true;
		for (size_t i = 0; i < d->n; i++) {
			const lk_posting *p = &d->v[i];
			lk_key k;
			if (lk_key_parse(p->spell, p->slen, &k))
				continue;
			unsigned quality = 0;
			if (k.field == LK_DEPARTMENT) {
				for (size_t j = 0; j < q->ndepts; j++)
					if (k.blen == strlen(q->depts[j].id) + 1 &&
					    memcmp(k.base + 1, q->depts[j].id, k.blen - 1) == 0)
						quality = q->depts[j].quality;
			} else if (k.blen >= q->w.len && memcmp(k.base, q->w.base, q->w.len) == 0) {
				quality = lk_key_quality(&q->w, &k);
			}
			if (!quality)
				continue;
			unsigned points = quality * 4 + (unsigned)lk_field_weight(k.field);
			if (pass == 0) {
				if (points > best || (points == best && k.field < best_field)) {
					best = points;
					best_field = k.field;
				}
			} else if (points == best && k.field == best_field) {
				lk_rank_note(at, word, k.field, p->e.stage, first);
				first = false;
			}
		}
		if (!best)
			return 0;
	}
	return best;
}

/* Checks the words from ORDER[FROM] on of every live candidate on its
 * record. */
static int lk_verify_rest(lk_search *s, dh_stxn *txn, size_t from)
{
	for (size_t k = 0; k < s->ncands; k++) {
		lk_cand *c = &s->cands[k];
		if (c->matched != from)
			continue;
		unsigned char key[9];
		key[0] = DH_R_CANDIDATE;
		store_put_u64(key + 1, c->id);
		const void *val;
		size_t vlen;
		int rc = store_get(txn, DH_T_RECORDS, key, sizeof key, &val, &vlen);
		if (rc == DH_ENOTFOUND)
			continue;
		if (rc)
			return rc;
		void *rec;
		if ((rc = record_decode(DH_R_CANDIDATE, val, vlen, &rec)))
			return rc;
		lk_doc d = {0};
		rc = lk_doc_build(&d, rec);
		record_free(DH_R_CANDIDATE, rec);
		for (size_t i = from; !rc && i < s->nq; i++) {
			unsigned points = lk_verify_doc(&s->q[s->order[i]], s->order[i], &d, &c->at);
			if (!points)
				break;
			c->matched++;
			c->qsum = (uint16_t)(c->qsum + points / 4);
			c->fsum = (uint16_t)(c->fsum + points % 4);
		}
		free(d.v);
		if (rc)
			return rc;
	}
	return 0;
}

/* What a hit ranks by, best last: the tier (how the words stand: the
 * name, together, in the typed order, typed in full), then the class
 * (exact spelling, then field); the score adds the newer year. */
static unsigned lk_rank_of(const lk_search *s, const lk_rank_at *at, unsigned qsum, unsigned fsum)
{
	unsigned class = qsum * 64 + fsum;
	if (class >= LK_CLASSES)
		class = LK_CLASSES - 1;
	return lk_rank_tier(at, s->nq) * LK_CLASSES + class;
}

static int lk_push_hit(lk_search *s, const lk_cand *c)
{
	if (s->nhits == s->hcap) {
		size_t cap = s->hcap ? s->hcap * 2 : 256;
		dh_hit *v = realloc(s->hits, cap * sizeof *v);
		if (!v)
			return DH_ENOMEM;
		s->hits = v;
		s->hcap = cap;
	}
	unsigned rank = lk_rank_of(s, &c->at, c->qsum, c->fsum);
	if (rank < s->min_class)
		return 0;
	unsigned char key[9];
	key[0] = DH_R_CANDIDATE;
	store_put_u64(key + 1, c->id);
	if (store_hidden(s->txn, DH_T_RECORDS, key, sizeof key))
		return 0; /* staged by an import, not published yet */
	s->hits[s->nhits++] = (dh_hit){.id = c->id, .score = (int)rank * 10000 + lk_year_of(s->year)};
	s->classes[rank]++;
	return 0;
}

/* What a query word's spellings worth at least its MINP offer in year Y:
 * chunks to scan, and the best points (0: none). */
static uint64_t lk_year_est(const lk_qword *qw, uint8_t y, unsigned *maxp)
{
	uint64_t est = 0;
	*maxp = 0;
	for (uint32_t i = qw->from[y]; i < qw->to[y] && qw->spells[i].points >= qw->minp; i++) {
		est += qw->spells[i].chunks;
		if (qw->spells[i].points > *maxp)
			*maxp = qw->spells[i].points;
	}
	return est;
}

/* The class a word's best points give: quality before field. */
static unsigned lk_class_of(unsigned points)
{
	return points / 4 * 64 + points % 4;
}

static void lk_fresh_mark(lk_search *s, bool on)
{
	for (size_t i = 0; i < s->nfresh; i++) {
		uint64_t id = s->fresh[i];
		if (on)
			s->bits[id / 64] |= 1ull << (id % 64);
		else
			s->bits[id / 64] &= ~(1ull << (id % 64));
	}
}

/* All hits of the query in year S->YEARS[YI], appended to S->HITS. */
static int lk_search_year(lk_search *s, dh_stxn *txn, size_t yi)
{
	uint8_t y = s->years[yi];
	s->year = y;
	/* rarest first; a word with no spelling this year: no hit this year */
	uint64_t est[LK_QUERY_WORDS];
	for (size_t i = 0; i < s->nq; i++) {
		unsigned maxp;
		est[i] = lk_year_est(&s->q[i], y, &maxp);
		if (!maxp)
			return 0;
		size_t j = i;
		while (j > 0 && est[s->order[j - 1]] > est[i]) {
			s->order[j] = s->order[j - 1];
			j--;
		}
		s->order[j] = i;
	}
	int rc = 0;
	for (size_t i = 0; i < s->nq && !rc; i++) {
		if (i > 0) {
			size_t live = 0;
			for (size_t k = 0; k < s->ncands; k++)
				live += s->cands[k].matched == i;
			if (live == 0)
				break;
			uint64_t rest = 0;
			for (size_t j = i; j < s->nq; j++)
				rest += est[s->order[j]];
			if ((uint64_t)live * LK_VERIFY_CHUNKS < rest) {
				rc = lk_verify_rest(s, txn, i);
				break;
			}
			/* the live bits: the candidates that matched every word
			 * so far */
			for (size_t k = 0; k < s->ncands; k++)
				if (s->cands[k].matched != i)
					s->bits[s->cands[k].id / 64] &= ~(1ull << (s->cands[k].id % 64));
		}
		s->round = (unsigned)i;
		if (i > 0)
			lk_blocks_build(s);
		/* The first word makes the candidates: a fresh id's bit set
		 * beforehand keeps its stale postings out. */
		if (i == 0)
			lk_fresh_mark(s, true);
		rc = lk_scan_word(s, txn, &s->q[s->order[i]]);
		if (i == 0)
			lk_fresh_mark(s, false);
		if (rc)
			break;
		for (size_t k = 0; k < s->ncands; k++) {
			lk_cand *c = &s->cands[k];
			if (c->matched == i + 1) {
				c->qsum = (uint16_t)(c->qsum + c->cur / 4);
				c->fsum = (uint16_t)(c->fsum + c->cur % 4);
			}
		}
		if (s->ncands == 0)
			break;
	}
	for (size_t k = 0; k < s->ncands; k++) {
		uint64_t id = s->cands[k].id;
		if (!rc && s->cands[k].matched == s->nq)
			rc = lk_push_hit(s, &s->cands[k]);
		s->slot[id] = 0;
		s->bits[id / 64] &= ~(1ull << (id % 64));
	}
	s->ncands = 0;
	return rc;
}

/* The class of the LIMIT-th best hit so far, or -1 when fewer. */
static int lk_kth_class(const lk_search *s)
{
	size_t limit = s->opts->limit, seen = 0;
	if (limit == 0 || s->nhits < limit)
		return -1;
	for (unsigned c = LK_RANKS; c-- > 0;) {
		seen += s->classes[c];
		if (seen >= limit)
			return (int)c;
	}
	return -1;
}

/* With a limit, once the years up to YI give LIMIT hits: among equal
 * matches the newer year wins, so an older year matters only for a hit of
 * a strictly better rank (tier and class) than the LIMIT-th best so far. The best class an
 * older hit could have is each word at the best (quality, field) its
 * spellings offer in the older years. If that cannot beat the LIMIT-th
 * best: done. Else the older hits that could are those whose every word is
 * close to its best: when the spellings close enough are fewer than the
 * next year's, search every older year with those only, and be done.
 * Returns 1 when done. */
static int lk_after_year(lk_search *s, dh_stxn *txn, size_t yi)
{
	int kth = lk_kth_class(s);
	if (kth < 0)
		return 0;
	unsigned best[LK_QUERY_WORDS], bound = 0;
	for (size_t i = 0; i < s->nq; i++) {
		best[i] = 0;
		for (size_t y = yi + 1; y < s->nyears; y++)
			if (s->q[i].maxp[s->years[y]] > best[i])
				best[i] = s->q[i].maxp[s->years[y]];
		if (!best[i])
			return 1; /* this word matches nothing older */
		bound += lk_class_of(best[i]);
	}
	/* The tier is not in the directory: take the best one a hit of this
	 * many words can have (together in the name; typed in full from
	 * LK_RANK_FULL_MIN words). */
	unsigned top_tier = s->nq < LK_RANK_FULL_MIN ? LK_RANK_TIERS - 2 : LK_RANK_TIERS - 1;
	bound += top_tier * LK_CLASSES;
	if ((int)bound <= kth)
		return 1;
	/* A hit above KTH has every word within SLACK of its best. */
	unsigned slack = bound - (unsigned)kth - 1;
	uint64_t restricted = 0, next = 0;
	for (size_t i = 0; i < s->nq; i++) {
		lk_qword *qw = &s->q[i];
		unsigned minp = best[i];
		while (minp > 1 && lk_class_of(best[i]) - lk_class_of(minp - 1) <= slack)
			minp--;
		next += qw->est[s->years[yi + 1]];
		uint8_t saved = qw->minp;
		qw->minp = (uint8_t)minp;
		for (size_t y = yi + 1; y < s->nyears; y++) {
			unsigned maxp;
			restricted += lk_year_est(qw, s->years[y], &maxp);
		}
		qw->minp = saved;
		best[i] = minp;
	}
	if (restricted >= next)
		return 0;
	for (size_t i = 0; i < s->nq; i++)
		s->q[i].minp = (uint8_t)best[i];
	s->min_class = (unsigned)kth + 1;
	for (size_t y = yi + 1; y < s->nyears; y++) {
		int rc = lk_search_year(s, txn, y);
		if (rc)
			return rc;
	}
	return 1;
}

static int lk_year_cb(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	(void)val;
	(void)vlen;
	lk_search *s = ctx;
	if (klen == 2 && s->nyears < 256)
		s->years[s->nyears++] = ((const unsigned char *)key)[1];
	return 0;
}

static int lk_fresh_push(lk_search *s, uint64_t id)
{
	if (s->nfresh == s->fresh_cap) {
		size_t cap = s->fresh_cap ? s->fresh_cap * 2 : 64;
		uint64_t *v = realloc(s->fresh, cap * sizeof *v);
		if (!v)
			return s->err = DH_ENOMEM;
		s->fresh = v;
		s->fresh_cap = cap;
	}
	s->fresh[s->nfresh++] = id;
	if (id > s->last_id) {
		unsigned char key[8];
		lk_fresh_key(key, id);
		return s->err =
		           store_corrupt(DH_T_FRESH, key, sizeof key, "mã hồ sơ vượt quá hồ sơ cuối cùng");
	}
	if (id >= s->nslots && lk_slot_grow(s, id))
		return s->err = DH_ENOMEM;
	return 0;
}

typedef struct lk_fresh_scan {
	lk_search *s;
	bool has_mark;
	uint64_t mark;
} lk_fresh_scan;

static int lk_fresh_id_cb(const void *key, size_t klen, const void *val, size_t vlen, void *ctx)
{
	lk_fresh_scan *fs = ctx;
	if (klen == sizeof lk_mark_key) {
		if (vlen != 8)
			return fs->s->err = DH_ECORRUPT;
		fs->has_mark = true;
		fs->mark = store_get_u64(val);
		return 0;
	}
	if (klen != 8)
		return fs->s->err = DH_ECORRUPT;
	return lk_fresh_push(fs->s, store_get_u64(key));
}

static int lk_id_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

/* The fresh candidates: the keys of DH_T_FRESH, and every id above the
 * mark; sorted, each once. */
static int lk_fresh_ids(lk_search *s, dh_stxn *txn)
{
	lk_fresh_scan fs = {.s = s};
	int rc = store_scan(txn, DH_T_FRESH, NULL, 0, NULL, 0, false, lk_fresh_id_cb, &fs);
	if (rc < 0 || s->err)
		return rc < 0 ? rc : s->err;
	if (fs.has_mark) {
		uint64_t last = s->last_id;
		for (uint64_t id = fs.mark + 1; id <= last; id++)
			if (lk_fresh_push(s, id))
				return s->err;
	}
	if (s->nfresh > 1) {
		qsort(s->fresh, s->nfresh, sizeof *s->fresh, lk_id_cmp);
		size_t out = 1;
		for (size_t i = 1; i < s->nfresh; i++)
			if (s->fresh[i] != s->fresh[out - 1])
				s->fresh[out++] = s->fresh[i];
		s->nfresh = out;
	}
	return 0;
}

/* The hits among the fresh candidates, checked on their records. They
 * leave the classes alone: the years' early stop is about the postings,
 * and the best LIMIT of all is among the best LIMIT of the postings and
 * these. */
static int lk_fresh_hits(lk_search *s, dh_stxn *txn)
{
	for (size_t i = 0; i < s->nfresh; i++) {
		dh_candidate *c;
		int rc = lk_load_candidate(txn, s->fresh[i], &c);
		if (rc)
			return rc;
		if (!c)
			continue;
		unsigned stage = c->stage >= 0 && c->stage < 16 ? (unsigned)c->stage : 0;
		unsigned qsum = 0, fsum = 0;
		bool hit = !c->meta.deleted && (s->stages >> stage & 1);
		lk_doc d = {0};
		lk_rank_at at;
		memset(&at, 0, sizeof at);
		if (hit && (rc = lk_doc_build(&d, c))) {
			record_free(DH_R_CANDIDATE, c);
			free(d.v);
			return rc;
		}
		for (size_t w = 0; hit && w < s->nq; w++) {
			unsigned points = lk_verify_doc(&s->q[w], w, &d, &at);
			hit = points > 0;
			qsum += points / 4;
			fsum += points % 4;
		}
		free(d.v);
		int year = lk_year_of(lk_year_byte(c->year));
		record_free(DH_R_CANDIDATE, c);
		if (!hit)
			continue;
		if (s->nhits == s->hcap) {
			size_t cap = s->hcap ? s->hcap * 2 : 256;
			dh_hit *v = realloc(s->hits, cap * sizeof *v);
			if (!v)
				return DH_ENOMEM;
			s->hits = v;
			s->hcap = cap;
		}
		s->hits[s->nhits++] =
		    (dh_hit){.id = s->fresh[i], .score = (int)lk_rank_of(s, &at, qsum, fsum) * 10000 + year};
	}
	return 0;
}

/* The highest candidate id, which bounds every id the index holds (and
 * so the slot array and the walk above the fresh mark). Ids are given in
 * turn from 1 and records are never removed, so it is at most the number
 * of records: a larger one is a key nobody wrote. */
enum { LK_ID_GAP_MIN = 1u << 22 };

static int lk_search_last_id(lk_search *s, dh_stxn *txn)
{
	uint64_t records = 0;
	int rc = lk_last_candidate(txn, &s->last_id);
	if (!rc)
		rc = store_count(txn, DH_T_RECORDS, &records);
	/* Ids a killed import had reserved stay unused, and one running
	 * reserves ids before it writes them (repo.h, Staging): so gaps are
	 * allowed, up to as many ids again as there are records (at least
	 * LK_ID_GAP_MIN), which still keeps a forged id from sizing the
	 * arrays by itself. */
	uint64_t slack = records > LK_ID_GAP_MIN ? records : LK_ID_GAP_MIN;
	if (!rc && s->last_id > records + slack) {
		unsigned char key[9] = {DH_R_CANDIDATE};
		store_put_u64(key + 1, s->last_id);
		return store_corrupt(DH_T_RECORDS, key, sizeof key, "mã hồ sơ lớn hơn số bản ghi");
	}
	return rc;
}

static int lk_search_txn(dh_stxn *txn, void *ctx)
{
	lk_search *s = ctx;
	s->txn = txn;
	s->ncands = 0;
	s->nhits = 0;
	s->nyears = 0;
	s->nfresh = 0;
	s->err = 0;
	int frc = lk_search_last_id(s, txn);
	if (!frc)
		frc = lk_fresh_ids(s, txn);
	if (frc)
		return frc;
	memset(s->classes, 0, sizeof s->classes);
	s->stages = s->opts->recognised_only ? 1u << DH_STAGE_RECOGNISED | 1u << DH_STAGE_AWARDED : 0xffffu;
	unsigned char ykey = LK_YEARS;
	int rc = store_scan(txn, DH_T_WORDS, &ykey, 1, NULL, 0, false, lk_year_cb, s);
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < s->nq; i++)
		if ((rc = lk_plan_word(s, txn, &s->q[i])))
			return rc;
	for (size_t i = 0; i < s->nq; i++)
		s->q[i].minp = 0;
	s->min_class = 0;
	for (size_t yi = 0; yi < s->nyears; yi++) {
		if ((rc = lk_search_year(s, txn, yi)))
			return rc;
		if ((rc = lk_after_year(s, txn, yi))) {
			if (rc < 0)
				return rc;
			break;
		}
	}
	return lk_fresh_hits(s, txn);
}

static int lk_hit_cmp(const void *a, const void *b)
{
	const dh_hit *x = a, *y = b;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	return x->id > y->id ? -1 : x->id < y->id; /* the newest record first */
}

/* Sorts V best first by one 64-bit key per hit (score, then id), a byte
 * at a time: every hit of a common word, in linear time. DH_EINVAL when
 * the key does not fit (ids past 2^32) or DH_ENOMEM: the caller falls back
 * to qsort. */
static int lk_radix_sort(dh_hit *v, size_t n)
{
	uint64_t *a = malloc(n * sizeof *a), *b = malloc(n * sizeof *b);
	int rc = a && b ? 0 : DH_ENOMEM;
	for (size_t i = 0; !rc && i < n; i++) {
		if (v[i].id > UINT32_MAX || v[i].score < 0)
			rc = DH_EINVAL;
		else /* complemented: ascending order of the key is best first */
			a[i] = ~((uint64_t)(uint32_t)v[i].score << 32 | v[i].id);
	}
	for (unsigned shift = 0; !rc && shift < 64; shift += 8) {
		size_t count[257] = {0};
		for (size_t i = 0; i < n; i++)
			count[(a[i] >> shift & 0xff) + 1]++;
		if (count[(a[0] >> shift & 0xff) + 1] == n)
			continue; /* every key has the same byte here */
		for (unsigned d = 1; d <= 256; d++)
			count[d] += count[d - 1];
		for (size_t i = 0; i < n; i++)
			b[count[a[i] >> shift & 0xff]++] = a[i];
		uint64_t *t = a;
		a = b;
		b = t;
	}
	for (size_t i = 0; !rc && i < n; i++) {
		uint64_t key = ~a[i];
		v[i] = (dh_hit){.id = key & UINT32_MAX, .score = (int)(key >> 32)};
	}
	free(a);
	free(b);
	return rc;
}

/* Keeps the best LIMIT of N hits at the front of V (a min-heap of the
 * best so far), then sorts them: a keystroke with 500,000 hits only needs
 * the first screenful in order. */
static size_t lk_top(dh_hit *v, size_t n, size_t limit)
{
	if (limit == 0 || limit >= n) {
		if (n > 1 && lk_radix_sort(v, n) != 0)
			qsort(v, n, sizeof *v, lk_hit_cmp);
		return n;
	}
	/* Heap ordered so that the worst kept hit is at the root. */
	for (size_t i = limit / 2; i-- > 0;) {
		size_t r = i;
		for (;;) {
			size_t c = 2 * r + 1;
			if (c >= limit)
				break;
			if (c + 1 < limit && lk_hit_cmp(&v[c + 1], &v[c]) > 0)
				c++;
			if (lk_hit_cmp(&v[c], &v[r]) <= 0)
				break;
			dh_hit t = v[c];
			v[c] = v[r];
			v[r] = t;
			r = c;
		}
	}
	for (size_t i = limit; i < n; i++) {
		if (lk_hit_cmp(&v[i], &v[0]) >= 0)
			continue;
		v[0] = v[i];
		size_t r = 0;
		for (;;) {
			size_t c = 2 * r + 1;
			if (c >= limit)
				break;
			if (c + 1 < limit && lk_hit_cmp(&v[c + 1], &v[c]) > 0)
				c++;
			if (lk_hit_cmp(&v[c], &v[r]) <= 0)
				break;
			dh_hit t = v[c];
			v[c] = v[r];
			v[r] = t;
			r = c;
		}
	}
	qsort(v, limit, sizeof *v, lk_hit_cmp);
	return limit;
}

typedef struct lk_dept_ctx {
	const fold_word *q;
	fold_quality best;
} lk_dept_ctx;

static int lk_dept_word(const fold_word *w, void *ctx)
{
	lk_dept_ctx *dc = ctx;
	fold_quality quality = fold_match(dc->q, w);
	if (quality > dc->best)
		dc->best = quality;
	return 0;
}

/* Departments whose name has a word matching QW. */
static int lk_qword_depts(lk_qword *qw, const dh_config *cfg)
{
	if (!cfg)
		return 0;
	for (size_t d = 0; d < cfg->n_departments; d++) {
		const dh_department *dep = &cfg->departments[d];
		if (!dep->id || !dep->name || strlen(dep->id) >= FOLD_BASE_MAX)
			continue;
		lk_dept_ctx dc = {.q = &qw->w, .best = FOLD_NONE};
		fold_each(dep->name, strlen(dep->name), lk_dept_word, &dc);
		if (dc.best == FOLD_NONE)
			continue;
		lk_dept *v = realloc(qw->depts, (qw->ndepts + 1) * sizeof *v);
		if (!v)
			return DH_ENOMEM;
		qw->depts = v;
		lk_dept *out = &v[qw->ndepts++];
		size_t n = strlen(dep->id);
		char tok[FOLD_BASE_MAX + 1];
		tok[0] = LK_DEPT_MARK;
		memcpy(tok + 1, dep->id, n);
		out->slen = (uint8_t)lk_spell(out->spell, 0, tok, n + 1, 0, 0, NULL, LK_DEPARTMENT);
		out->spell[0] = LK_DIRECTORY;
		memcpy(out->id, dep->id, n + 1);
		out->quality = (uint8_t)dc.best;
	}
	return 0;
}

/* The query taken apart into S: its words (at most LK_QUERY_WORDS) and the
 * departments each names. */
static int lk_query_prepare(lk_search *s, const char *query)
{
	fold_word words[LK_QUERY_WORDS];
	size_t nw = fold_split(query ? query : "", words, LK_QUERY_WORDS);
	if (nw > LK_QUERY_WORDS)
		nw = LK_QUERY_WORDS;
	int rc = 0;
	for (size_t i = 0; i < nw && !rc; i++) {
		s->q[i].w = words[i];
		lk_rank_number(&s->q[i].w); /* "020" finds 20/QĐ-TTr too */
		rc = lk_qword_depts(&s->q[i], s->opts->cfg);
	}
	s->nq = nw;
	return rc;
}

static void lk_search_free(lk_search *s)
{
	for (size_t i = 0; i < LK_QUERY_WORDS; i++)
		free(s->q[i].depts);
	free(s->hits);
	for (size_t i = 0; i < LK_QUERY_WORDS; i++)
		free(s->q[i].spells);
	free(s->cands);
	free(s->slot);
	free(s->bits);
	free(s->blocks);
	free(s->fresh);
	free(s);
}

int lookup_search(dh_store *st, const char *query, const dh_lookup_opts *opts, dh_hit **hits, size_t *n)
{
	static const dh_lookup_opts defaults = {0};
	*hits = NULL;
	*n = 0;
	lk_search *s = calloc(1, sizeof *s);
	if (!s)
		return DH_ENOMEM;
	s->opts = opts ? opts : &defaults;
	int rc = lk_query_prepare(s, query);
	/* nothing typed: nothing to find */
	if (!rc && s->nq)
		rc = store_read(st, lk_search_txn, s);
	if (!rc && s->nhits) {
		*n = lk_top(s->hits, s->nhits, s->opts->limit);
		*hits = s->hits;
		s->hits = NULL;
	}
	lk_search_free(s);
	return rc;
}

/* --- byte-level entries (lookup.h) ------------------------------------- */

int lookup_query_parse(const char *query, const dh_config *cfg, size_t *words, size_t *depts)
{
	dh_lookup_opts opts = {.cfg = cfg};
	*words = *depts = 0;
	lk_search *s = calloc(1, sizeof *s);
	if (!s)
		return DH_ENOMEM;
	s->opts = &opts;
	int rc = lk_query_prepare(s, query);
	*words = s->nq;
	for (size_t i = 0; i < s->nq; i++)
		*depts += s->q[i].ndepts;
	lk_search_free(s);
	return rc;
}

int lookup_key_check(const void *key, size_t klen)
{
	lk_key k;
	return lk_key_parse(key, klen, &k);
}

int lookup_chunk_check(uint64_t first, const void *val, size_t vlen, size_t *n)
{
	lk_chunk c = {0};
	int rc = lk_chunk_decode(&c, first, val, vlen);
	*n = rc ? 0 : c.n;
	free(c.v);
	return rc;
}
