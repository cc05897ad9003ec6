/* The line editor: Vietnamese typed precomposed or decomposed, whole-letter
 * deletion, word and line kills, columns for wide letters. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dienhinh/error.h"
#include "dienhinh/ui_edit.h"

#include <string.h>

static void type(ui_edit *e, const char *utf8)
{
	assert_int_equal(ui_edit_insert_text(e, utf8), 0);
}

static void decomposed_marks_join_their_letter(void **state)
{
	(void)state;
	ui_edit e;
	assert_int_equal(ui_edit_init(&e, 0, false), 0);
	/* "Nguyễn" as an NFD input method sends it: e, circumflex, tilde. */
	type(&e, "Nguye\xcc\x82\xcc\x83n");
	assert_string_equal(e.buf, "Nguyễn");
	assert_int_equal(e.cur, strlen("Nguyễn"));
	ui_edit_free(&e);
}

static void dot_below_before_circumflex_still_composes(void **state)
{
	(void)state;
	ui_edit e;
	ui_edit_init(&e, 0, false);
	type(&e, "Vie\xcc\xa3\xcc\x82t"); /* e + dot below + circumflex */
	assert_string_equal(e.buf, "Việt");
	ui_edit_free(&e);
}

static void backspace_removes_a_whole_letter(void **state)
{
	(void)state;
	ui_edit e;
	ui_edit_init(&e, 0, false);
	type(&e, "Thu\xcc\x89y"); /* Thủy, decomposed */
	ui_edit_left(&e);         /* before y */
	ui_edit_backspace(&e);    /* removes ủ, mark and all */
	assert_string_equal(e.buf, "Thy");
	assert_int_equal(e.cur, 2);
	ui_edit_free(&e);
}

static void cursor_never_splits_a_letter(void **state)
{
	(void)state;
	ui_edit e;
	ui_edit_init(&e, 0, false);
	type(&e, "ễa");
	ui_edit_home(&e);
	ui_edit_right(&e);
	assert_int_equal(e.cur, strlen("ễ"));
	ui_edit_delete(&e);
	assert_string_equal(e.buf, "ễ");
	ui_edit_free(&e);
}

static void typing_in_the_middle_keeps_the_rest(void **state)
{
	(void)state;
	ui_edit e;
	ui_edit_init(&e, 0, false);
	type(&e, "Hoa");
	ui_edit_left(&e);
	type(&e, "\xcc\x80"); /* grave on the o: "Hòa" */
	assert_string_equal(e.buf, "Hòa");
	ui_edit_free(&e);
}

static void kills_word_and_line_ends(void **state)
{
	(void)state;
	ui_edit e;
	ui_edit_init(&e, 0, false);
	type(&e, "Phạm Văn Thuần");
	ui_edit_kill_word(&e);
	assert_string_equal(e.buf, "Phạm Văn ");
	ui_edit_word_left(&e);
	ui_edit_kill_end(&e);
	assert_string_equal(e.buf, "Phạm ");
	type(&e, "Thị");
	ui_edit_left(&e);
	ui_edit_kill_home(&e);
	assert_string_equal(e.buf, "ị");
	assert_int_equal(e.cur, 0);
	ui_edit_free(&e);
}

static void control_characters_and_overlong_text_are_refused(void **state)
{
	(void)state;
	ui_edit e;
	ui_edit_init(&e, 6, false);
	assert_int_equal(ui_edit_insert(&e, 0x1b), DH_EINVAL);
	assert_int_equal(ui_edit_insert(&e, '\n'), DH_EINVAL);
	assert_int_equal(ui_edit_insert(&e, 0x85), DH_EINVAL);
	type(&e, "ăâ");                                          /* 4 bytes */
	assert_int_equal(ui_edit_insert(&e, 0x1ec5), DH_EINVAL); /* ễ: 3 more */
	assert_string_equal(e.buf, "ăâ");
	ui_edit_free(&e);

	ui_edit_init(&e, 0, true);
	assert_int_equal(ui_edit_insert(&e, '\n'), 0);
	ui_edit_free(&e);
}

static void set_normalises_and_rejects_bad_utf8(void **state)
{
	(void)state;
	ui_edit e;
	ui_edit_init(&e, 0, false);
	assert_int_equal(ui_edit_set(&e, "Nguye\xcc\x82\xcc\x83n"), 0);
	assert_string_equal(e.buf, "Nguyễn");
	assert_int_equal(ui_edit_set(&e, "bad \xff"), DH_EINVAL);
	assert_string_equal(e.buf, "Nguyễn");
	ui_edit_free(&e);
}

static void wide_letters_take_two_columns_and_the_view_follows(void **state)
{
	(void)state;
	ui_edit e;
	ui_edit_init(&e, 0, false);
	type(&e, "漢字ab");
	assert_int_equal(ui_edit_columns(&e, 0, e.len), 6);
	size_t first;
	int col;
	ui_edit_view(&e, 10, &first, &col);
	assert_int_equal(first, 0);
	assert_int_equal(col, 6);
	ui_edit_set(&e, "");
	for (int i = 0; i < 30; i++)
		type(&e, "ễ");
	ui_edit_view(&e, 10, &first, &col);
	assert_true(col <= 9);
	assert_int_equal(ui_edit_columns(&e, first, e.cur), col);
	ui_edit_home(&e);
	ui_edit_view(&e, 10, &first, &col);
	assert_int_equal(first, 0);
	assert_int_equal(col, 0);
	ui_edit_free(&e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(decomposed_marks_join_their_letter),
	    cmocka_unit_test(dot_below_before_circumflex_still_composes),
	    cmocka_unit_test(backspace_removes_a_whole_letter),
	    cmocka_unit_test(cursor_never_splits_a_letter),
	    cmocka_unit_test(typing_in_the_middle_keeps_the_rest),
	    cmocka_unit_test(kills_word_and_line_ends),
	    cmocka_unit_test(control_characters_and_overlong_text_are_refused),
	    cmocka_unit_test(set_normalises_and_rejects_bad_utf8),
	    cmocka_unit_test(wide_letters_take_two_columns_and_the_view_follows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
