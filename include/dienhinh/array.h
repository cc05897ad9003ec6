/* array.h — a growing array: room for one more element, doubling. The
 * arrays of records, ids and rows that lists and reports build as they
 * read grow through this one function. */
#ifndef DIENHINH_ARRAY_H
#define DIENHINH_ARRAY_H

#include <stddef.h>

/* ARRAY (NULL at first) of *CAP elements of ELEM bytes, with room for
 * element N: when N has reached *CAP it is reallocated to twice as many
 * (FIRST the first time) and *CAP set. Returns the array, perhaps moved;
 * NULL when memory ran out, ARRAY and *CAP then as they were. */
void *array_grow(void *array, size_t *cap, size_t n, size_t elem, size_t first);

#endif
