/* array.h — a growing array: room for one more element, doubling. The
 * arrays of records, ids and rows that lists and reports build as they
 * read grow through this one function. */
#ifndef DIENHINH_ARRAY_H
#define DIENHINH_ARRAY_H

#include <stddef.h>

/* Make room for element N of the array whose address is ARRAYP (a `T **`:
 * the array itself may be NULL), holding *CAP elements of ELEM bytes:
 * when N has reached *CAP the array is reallocated to twice as many (FIRST
 * the first time) and *CAP set. 0, or DH_ENOMEM with the array and *CAP
 * as they were. */
int array_grow(void *arrayp, size_t *cap, size_t n, size_t elem, size_t first);

#endif
