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

#include "dienhinh/error.h"
#include "dienhinh/fold.h"
#include "dienhinh/store.h"
#include "lookup_internal.h"
#include "dienhinh/buf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int lk_table_grow(lk_table *t, const void *items, size_t n, size_t stride)
{
	size_t size = t->size ? t->size * 2 : 4096;
	uint32_t *v = calloc(size, sizeof *v);
	if (!v)
		return DH_ENOMEM;
	for (size_t i = 0; i < n; i++) {
		const lk_spell_key *k = lk_item_key(items, i, stride);
		uint64_t h = lk_hash(k->spell, k->slen);
		while (v[h & (size - 1)])
			h++;
		v[h & (size - 1)] = (uint32_t)i + 1;
	}
	free(t->slots);
	t->slots = v;
	t->size = size;
	return 0;
}

void lk_table_clear(lk_table *t)
{
	if (t->slots)
		memset(t->slots, 0, t->size * sizeof *t->slots);
}

/* A directory key taken apart (any bytes: DH_ECORRUPT, never a read past
 * the key). */
int lk_key_parse(const void *key, size_t klen, lk_key *out)
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
	int c = lk_spell_cmp(x->spell, x->slen, y->spell, y->slen);
	return c ? c : x->e.stage - y->e.stage;
}

/* --- the words of a candidate ------------------------------------------ */

static int lk_doc_push(lk_doc *d, const unsigned char *spell, size_t slen, const lk_entry *e)
{
	if (buf_reserve(&d->v, &d->cap, d->n + 1, sizeof(*d->v)))
		return d->err = DH_ENOMEM;
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
	if (buf_reserve(&c->v, &c->cap, c->n + 1, sizeof(*c->v)))
		return DH_ENOMEM;
	c->v[c->n++] = *e;
	return 0;
}

int lk_chunk_decode(lk_chunk *c, uint64_t first, const void *val, size_t vlen)
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
int lk_update_spell(dh_stxn *txn, const unsigned char *spell, size_t slen, uint64_t id, const lk_entry *add,
                    size_t nadd)
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

/* --- what the writes and the query both read ------------------------- */

const unsigned char lk_mark_key[1] = {'w'};

void lk_fresh_key(unsigned char key[8], uint64_t id)
{
	store_put_u64(key, id);
}

/* The highest candidate id in TXN (0: none). */
int lk_last_candidate(dh_stxn *txn, uint64_t *out)
{
	unsigned char prefix = DH_R_CANDIDATE;
	return store_last_id(txn, DH_T_RECORDS, &prefix, 1, out);
}

/* The stored candidate ID in TXN; NULL (and 0) when there is none. */
int lk_load_candidate(dh_stxn *txn, uint64_t id, dh_candidate **out)
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

/* --- byte-level entries (lookup.h) ------------------------------------- */

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
