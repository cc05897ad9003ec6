/* test_array.c — a growing array keeps what it holds as it grows, and a
 * size past memory is refused with the array left as it was. */
#include "dienhinh/array.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

static void test_grows_from_nothing_and_keeps_every_element(void **state)
{
	(void)state;
	uint64_t *v = NULL;
	size_t n = 0, cap = 0;
	for (uint64_t i = 0; i < 5000; i++) {
		uint64_t *grown = array_grow(v, &cap, n, sizeof(*v), 16);
		assert_non_null(grown);
		v = grown;
		assert_true(cap > n);
		v[n++] = i * 7;
	}
	assert_int_equal(cap, 8192); /* 16 doubled nine times */
	for (size_t i = 0; i < n; i++)
		assert_int_equal(v[i], i * 7);
	free(v);
}

static void test_room_left_changes_nothing(void **state)
{
	(void)state;
	size_t cap = 0;
	void **v = array_grow(NULL, &cap, 0, sizeof(*v), 4);
	assert_non_null(v);
	assert_int_equal(cap, 4);
	assert_ptr_equal(array_grow(v, &cap, 3, sizeof(*v), 4), v);
	assert_int_equal(cap, 4);
	free(v);
}

static void test_a_size_past_memory_is_refused_and_the_array_stays(void **state)
{
	(void)state;
	size_t cap = 0;
	char *v = array_grow(NULL, &cap, 0, 1, 8);
	assert_non_null(v);
	v[0] = 'x';
	size_t huge = SIZE_MAX / 2 + 1;
	cap = huge; /* as if it held that many: doubling would overflow */
	assert_null(array_grow(v, &cap, huge, 2, 8));
	assert_int_equal(cap, huge);
	assert_int_equal(v[0], 'x');
	free(v);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_grows_from_nothing_and_keeps_every_element),
	    cmocka_unit_test(test_room_left_changes_nothing),
	    cmocka_unit_test(test_a_size_past_memory_is_refused_and_the_array_stays),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
