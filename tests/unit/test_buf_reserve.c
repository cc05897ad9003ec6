/* test_buf_reserve.c — a growing array keeps what it holds as it grows,
 * room already there changes nothing, and a size past memory is refused
 * with the array left as it was. */
#include "dienhinh/buf.h"
#include "dienhinh/error.h"

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
		assert_int_equal(buf_reserve(&v, &cap, n + 1, sizeof(*v)), 0);
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
	void **v = NULL;
	assert_int_equal(buf_reserve(&v, &cap, 1, sizeof(*v)), 0);
	assert_int_equal(cap, 16);
	void **before = v;
	assert_int_equal(buf_reserve(&v, &cap, 16, sizeof(*v)), 0);
	assert_ptr_equal(v, before);
	assert_int_equal(cap, 16);
	free(v);
}

static void test_a_size_past_memory_is_refused_and_the_array_stays(void **state)
{
	(void)state;
	size_t cap = 0;
	char *v = NULL;
	assert_int_equal(buf_reserve(&v, &cap, 1, 1), 0);
	v[0] = 'x';
	char *before = v;
	size_t huge = SIZE_MAX / 2 + 2;
	assert_int_equal(buf_reserve(&v, &cap, huge, 2), DH_ENOMEM);
	assert_int_equal(cap, 16);
	assert_ptr_equal(v, before);
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
