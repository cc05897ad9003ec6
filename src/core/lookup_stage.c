/* lookup_stage.c — the postings of staged candidates (lookup.h, Staged
 * postings): gathered in memory as their rows go in, written at the end
 * spelling by spelling in key order.
 *
 * Why: a candidate's words lie all over the index, so a write of a few
 * thousand new candidates dirties a page for nearly every spelling there
 * is, and a large import in short writes would rewrite the same pages in
 * every one of them. Gathered, each spelling's entries are written once,
 * and a write of the next spellings in key order touches neighbouring
 * pages only: short writes, each page written about once.
 *
 * Per spelling the entries are kept as the index keeps them: a varint of
 * the id's distance from the previous one (ids come in ascending), then
 * the stage byte — about three bytes an entry. */
#include "dienhinh/lookup.h"

#include "dienhinh/error.h"
#include "dienhinh/store.h"
#include "lookup_internal.h"
#include "dienhinh/buf.h"

#include <stdlib.h>
#include <string.h>

typedef struct ls_spell {
	lk_spell_key key; /* first: the table's key */
	uint32_t n;       /* entries */
	uint64_t last;    /* the last id put */
	unsigned char *buf;
	size_t len, cap;
} ls_spell;

struct dh_lookup_stage {
	ls_spell *v;
	size_t n, cap;
	lk_table table; /* stale once sorted */
	bool sorted;
	unsigned char years[32]; /* a bit per year byte met */
	size_t bytes;
	lk_doc doc;
	lk_entry *run;
	size_t run_cap;
};

dh_lookup_stage *lookup_stage_new(void)
{
	return calloc(1, sizeof(dh_lookup_stage));
}

void lookup_stage_free(dh_lookup_stage *s)
{
	if (!s)
		return;
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].buf);
	free(s->v);
	free(s->table.slots);
	free(s->doc.v);
	free(s->run);
	free(s);
}

size_t lookup_stage_bytes(const dh_lookup_stage *s)
{
	return s->bytes + s->cap * sizeof(ls_spell) + s->table.size * sizeof(uint32_t);
}

size_t lookup_stage_spellings(const dh_lookup_stage *s)
{
	return s->n;
}

static ls_spell *ls_find(dh_lookup_stage *s, const unsigned char *spell, size_t slen)
{
	uint32_t *slot = lk_table_slot(&s->table, s->v, s->n, sizeof *s->v, spell, slen);
	if (!slot)
		return NULL;
	if (*slot)
		return &s->v[*slot - 1];
	if (buf_reserve(&s->v, &s->cap, s->n + 1, sizeof(*s->v)))
		return NULL;
	ls_spell *p = &s->v[s->n++];
	memset(p, 0, sizeof *p);
	memcpy(p->key.spell, spell, slen);
	p->key.slen = (uint8_t)slen;
	*slot = (uint32_t)s->n;
	return p;
}

int lookup_stage_add(dh_lookup_stage *s, const dh_candidate *c)
{
	if (s->sorted)
		return DH_EINVAL; /* writing has begun */
	int rc = lk_doc_build(&s->doc, c);
	if (rc || !s->doc.n)
		return rc;
	s->years[s->doc.year >> 3] |= (unsigned char)(1u << (s->doc.year & 7));
	for (size_t i = 0; i < s->doc.n; i++) {
		const lk_posting *p = &s->doc.v[i];
		if (i && p->slen == s->doc.v[i - 1].slen && !memcmp(p->spell, s->doc.v[i - 1].spell, p->slen))
			continue; /* one entry a spelling (lk_apply's rule) */
		ls_spell *sp = ls_find(s, p->spell, p->slen);
		if (!sp)
			return DH_ENOMEM;
		if (sp->n && p->e.id <= sp->last)
			return DH_EINVAL; /* ids must come in ascending */
		size_t had = sp->cap;
		if (buf_reserve(&sp->buf, &sp->cap, sp->len + LK_ENTRY_MAX, 1))
			return DH_ENOMEM;
		s->bytes += sp->cap - had;
		sp->len += lk_varint_put(sp->buf + sp->len, p->e.id - (sp->n ? sp->last : 0));
		sp->buf[sp->len++] = p->e.stage;
		sp->last = p->e.id;
		sp->n++;
	}
	return 0;
}

static int ls_cmp(const void *a, const void *b)
{
	const ls_spell *x = a, *y = b;
	return lk_spell_cmp(x->key.spell, x->key.slen, y->key.spell, y->key.slen);
}

/* SP's entries decoded into S->run. */
static int ls_decode(dh_lookup_stage *s, const ls_spell *sp)
{
	if (sp->n > s->run_cap) {
		lk_entry *r = realloc(s->run, sp->n * sizeof *r);
		if (!r)
			return DH_ENOMEM;
		s->run = r;
		s->run_cap = sp->n;
	}
	uint64_t id = 0;
	size_t o = 0;
	for (uint32_t k = 0; k < sp->n; k++) {
		uint64_t d = 0;
		for (unsigned shift = 0;; shift += 7) {
			unsigned char b = sp->buf[o++];
			d |= (uint64_t)(b & 0x7f) << shift;
			if (!(b & 0x80))
				break;
		}
		id += d;
		s->run[k] = (lk_entry){.id = id, .stage = sp->buf[o++]};
	}
	return 0;
}

int lookup_stage_write(dh_stxn *txn, dh_lookup_stage *s, size_t at, size_t budget, size_t *next)
{
	if (!s->sorted) {
		if (s->n > 1)
			qsort(s->v, s->n, sizeof *s->v, ls_cmp);
		s->sorted = true;
	}
	int rc = 0;
	if (at == 0)
		for (unsigned y = 0; y < 256 && !rc; y++)
			if (s->years[y >> 3] >> (y & 7) & 1)
				rc = lk_note_year(txn, (uint8_t)y);
	size_t i = at, done = 0;
	while (!rc && i < s->n && (done == 0 || done < budget)) {
		const ls_spell *sp = &s->v[i];
		if ((rc = ls_decode(s, sp)))
			break;
		bool appended = false;
		if (sp->n > 1)
			rc = lk_append_run(txn, sp->key.spell, sp->key.slen, s->run, sp->n, &appended);
		/* one entry, or ids past ours there already (another session's
		 * postings written meanwhile): put in one at a time */
		for (uint32_t k = 0; !rc && !appended && k < sp->n; k++)
			rc = lk_update_spell(txn, sp->key.spell, sp->key.slen, s->run[k].id, &s->run[k], 1);
		done += sp->n;
		i++;
	}
	*next = i;
	return rc;
}
