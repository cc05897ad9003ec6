/* record_internal.h — what the pieces of record.h share: a field's place
 * in its record and the growable byte buffer the codec and the JSON write
 * into. Not for other modules. */
#ifndef DIENHINH_RECORD_INTERNAL_H
#define DIENHINH_RECORD_INTERNAL_H

#include "dienhinh/record.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline void *field_ptr(void *rec, const dh_field *f)
{
	return (char *)rec + f->offset;
}

static inline const void *field_cptr(const void *rec, const dh_field *f)
{
	return (const char *)rec + f->offset;
}

/* Signed integer fields read and written as int64_t. */
static inline int64_t field_get_int(const void *rec, const dh_field *f)
{
	const void *p = field_cptr(rec, f);
	switch (f->type) {
	case DH_F_INT:
	case DH_F_DATE: return *(const int *)p;
	case DH_F_I64: return *(const int64_t *)p;
	default: return 0;
	}
}

static inline uint64_t field_get_uint(const void *rec, const dh_field *f)
{
	const void *p = field_cptr(rec, f);
	switch (f->type) {
	case DH_F_U32: return *(const uint32_t *)p;
	case DH_F_ID: return *(const uint64_t *)p;
	case DH_F_BOOL: return *(const bool *)p ? 1 : 0;
	default: return 0;
	}
}

/* The number of items of a list field (DH_F_STRLIST or DH_F_IDLIST). */
static inline size_t field_list_len(const void *rec, const dh_field *f)
{
	const void *p = field_cptr(rec, f);
	return f->type == DH_F_STRLIST ? ((const dh_strlist *)p)->n : ((const dh_idlist *)p)->n;
}

/* --- growable byte buffer ---------------------------------------------- */

typedef struct record_buf {
	unsigned char *p;
	size_t n, cap;
	bool oom;
} record_buf;

/* Room for MORE bytes (the rare growth, out of line). */
bool record_buf_grow(record_buf *b, size_t more);

/* Inline room check; the rare growth is out of line. After a failed
 * growth the buffer keeps its size and the oom flag says it all. */
static inline bool rb_room(record_buf *b, size_t more)
{
	return (b->n + more <= b->cap && !b->oom) || record_buf_grow(b, more);
}

static inline void rb_add(record_buf *b, const void *s, size_t n)
{
	if (!rb_room(b, n))
		return;
	if (n)
		memcpy(b->p + b->n, s, n);
	b->n += n;
}

static inline void rb_byte(record_buf *b, unsigned char c)
{
	if (rb_room(b, 1))
		b->p[b->n++] = c;
}

static inline void rb_str(record_buf *b, const char *s)
{
	rb_add(b, s, strlen(s));
}

#endif
