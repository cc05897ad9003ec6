/* grow.h — room for one more item in an array, or for more bytes in a
 * buffer, doubling as it fills: the one way core's arrays grow. Not for
 * other layers. */
#ifndef DIENHINH_CORE_GROW_H
#define DIENHINH_CORE_GROW_H

#include <stddef.h>
#include <stdlib.h>

/* The array V of *CAP items of SIZE bytes, N of them used, with room for
 * one more: V itself when it has it, else V reallocated to twice *CAP
 * (FIRST items at the start) and *CAP updated. NULL when memory runs out:
 * V and *CAP are then as they were. */
static inline void *core_grow(void *v, size_t *cap, size_t n, size_t size, size_t first)
{
	if (n < *cap)
		return v;
	size_t want = *cap ? *cap * 2 : first;
	void *p = realloc(v, want * size);
	if (p)
		*cap = want;
	return p;
}

/* The buffer P of *CAP bytes made at least NEED bytes long: P itself when
 * it is, else P reallocated, doubling from 256 bytes, and *CAP updated.
 * NULL when memory runs out: P and *CAP are then as they were. */
static inline void *core_grow_to(void *p, size_t *cap, size_t need)
{
	if (need <= *cap)
		return p;
	size_t want = *cap ? *cap : 256;
	while (want < need)
		want *= 2;
	void *q = realloc(p, want);
	if (q)
		*cap = want;
	return q;
}

#endif
