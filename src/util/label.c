/* label.c — fixed tables of words (label.h). */
#include "dienhinh/label.h"

#include <string.h>

const char *label_find(const dh_label *t, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].name, name) == 0)
			return t[i].label;
	return NULL;
}

int name_index(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; name && i < n; i++)
		if (strcmp(names[i], name) == 0)
			return (int)i;
	return -1;
}
