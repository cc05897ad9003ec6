/* array.c — a growing array (array.h). */
#include "dienhinh/array.h"

#include <stdint.h>
#include <stdlib.h>

void *array_grow(void *array, size_t *cap, size_t n, size_t elem, size_t first)
{
	if (n < *cap)
		return array;
	size_t want = *cap ? *cap * 2 : (first ? first : 1);
	if (!elem || want < n + 1 || want > SIZE_MAX / elem)
		return NULL;
	void *grown = realloc(array, want * elem);
	if (grown)
		*cap = want;
	return grown;
}
