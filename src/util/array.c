/* array.c — a growing array (array.h). */
#include "dienhinh/array.h"

#include "dienhinh/error.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int array_grow(void *arrayp, size_t *cap, size_t n, size_t elem, size_t first)
{
	if (n < *cap)
		return 0;
	size_t want = *cap ? *cap * 2 : (first ? first : 1);
	if (want < n + 1 || (elem && want > SIZE_MAX / elem))
		return DH_ENOMEM;
	/* The caller's pointer is a T *, read and written as the bytes it is. */
	void *old;
	memcpy(&old, arrayp, sizeof(old));
	void *grown = realloc(old, want * elem);
	if (!grown)
		return DH_ENOMEM;
	memcpy(arrayp, &grown, sizeof(grown));
	*cap = want;
	return 0;
}
