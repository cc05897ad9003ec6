/* The list widget without a terminal: a million rows cost one page, the
 * cursor keeps its record when rows come and go, the filter line sends
 * NFC text as it is typed; VND amounts and column padding. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dienhinh/error.h"
#include "dienhinh/ui_app.h"
#include "dienhinh/ui_list.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

typedef struct fake_source {
	size_t count;
	size_t rows_asked; /* rows fetched in total */
	size_t calls;
	char filter[128];
	int filters;
} fake_source;

static size_t fake_count(void *ctx)
{
	return ((fake_source *)ctx)->count;
}

/* Newest first, like the candidate list: row i is id count - i. */
static size_t fake_rows(void *ctx, size_t first, size_t n, ui_list_row *out)
{
	fake_source *f = ctx;
	size_t k = 0;
	f->calls++;
	for (size_t i = first; i < f->count && k < n; i++, k++) {
		out[k].id = f->count - i;
		snprintf(out[k].cells[0], UI_LIST_CELL, "%zu", f->count - i);
	}
	f->rows_asked += k;
	return k;
}

static int fake_filter(void *ctx, const char *text)
{
	fake_source *f = ctx;
	snprintf(f->filter, sizeof(f->filter), "%s", text);
	f->filters++;
	return 0;
}

static size_t fake_index_of(void *ctx, uint64_t id)
{
	fake_source *f = ctx;
	return id && id <= f->count ? (size_t)(f->count - id) : SIZE_MAX;
}

static const ui_list_column fake_columns[] = {{"Số", 8, true}};

static const ui_list_source fake = {
    .columns = fake_columns,
    .n_columns = 1,
    .count = fake_count,
    .rows = fake_rows,
    .filter = fake_filter,
    .index_of = fake_index_of,
};

static void a_million_rows_cost_one_page(void **state)
{
	(void)state;
	fake_source src = {.count = 1000000};
	ui_list l;
	assert_int_equal(ui_list_init(&l, &fake, &src), 0);
	l.visible = 20;
	const ui_list_row *row = ui_list_current(&l);
	assert_non_null(row);
	assert_int_equal(row->id, 1000000);
	ui_list_key(&l, UI_A_END, 0);
	row = ui_list_current(&l);
	assert_int_equal(row->id, 1);
	ui_list_key(&l, UI_A_PGUP, 0);
	row = ui_list_current(&l);
	assert_int_equal(row->id, 20);
	assert_true(src.rows_asked <= 3 * 20);
	ui_list_free(&l);
}

static void cursor_stays_on_its_record_when_rows_arrive(void **state)
{
	(void)state;
	fake_source src = {.count = 100};
	ui_list l;
	ui_list_init(&l, &fake, &src);
	l.visible = 10;
	for (int i = 0; i < 5; i++)
		ui_list_key(&l, UI_A_DOWN, 0);
	assert_int_equal(ui_list_current(&l)->id, 95);
	src.count = 103; /* another session added three */
	ui_list_reload(&l);
	assert_int_equal(ui_list_current(&l)->id, 95);
	assert_int_equal(l.count, 103);
	ui_list_free(&l);
}

static void filter_line_sends_nfc_as_typed(void **state)
{
	(void)state;
	fake_source src = {.count = 10};
	ui_list l;
	ui_list_init(&l, &fake, &src);
	assert_true(ui_list_offers(&l, UI_A_FILTER));
	ui_list_key(&l, UI_A_FILTER, 'f');
	assert_true(ui_list_typing(&l));
	ui_list_key(&l, UI_A_NONE, 'n');
	ui_list_key(&l, UI_A_NONE, 'g');
	ui_list_key(&l, UI_A_NONE, 'u');
	ui_list_key(&l, UI_A_NONE, 'y');
	ui_list_key(&l, UI_A_NONE, 'e');
	ui_list_key(&l, UI_A_NONE, 0x0302); /* combining circumflex */
	assert_string_equal(src.filter, "nguyê");
	assert_int_equal(src.filters, 6);
	ui_list_key(&l, UI_A_NONE, UI_K(KEY_BACKSPACE));
	assert_string_equal(src.filter, "nguy");
	ui_list_key(&l, UI_A_OPEN, UI_ENTER); /* Enter keeps the filter */
	assert_false(ui_list_typing(&l));
	assert_string_equal(src.filter, "nguy");
	ui_list_key(&l, UI_A_NONE, UI_ESC); /* Esc then drops it */
	assert_string_equal(src.filter, "");
	ui_list_free(&l);
}

static void unhandled_keys_go_back_to_the_screen(void **state)
{
	(void)state;
	fake_source src = {.count = 3};
	ui_list l;
	ui_list_init(&l, &fake, &src);
	assert_true(ui_list_key(&l, UI_A_ADD, 'a') & UI_R_UNHANDLED);
	assert_true(ui_list_key(&l, UI_A_OPEN, UI_ENTER) & UI_R_UNHANDLED);
	ui_list_free(&l);
}

static void money_is_grouped_with_dots_and_read_back(void **state)
{
	(void)state;
	char buf[40];
	assert_string_equal(ui_format_money(1500000, buf, sizeof(buf)), "1.500.000");
	assert_string_equal(ui_format_money(0, buf, sizeof(buf)), "0");
	assert_string_equal(ui_format_money(999, buf, sizeof(buf)), "999");
	assert_string_equal(ui_format_money(1000, buf, sizeof(buf)), "1.000");
	int64_t v = 0;
	assert_int_equal(ui_parse_money("1.500.000", &v), 0);
	assert_int_equal(v, 1500000);
	assert_int_equal(ui_parse_money("2 000 000 đ", &v), 0);
	assert_int_equal(v, 2000000);
	assert_int_equal(ui_parse_money("1,5 triệu", &v), DH_EINVAL);
	assert_int_equal(ui_parse_money("", &v), DH_EINVAL);
	assert_int_equal(ui_parse_money("99999999999999999999", &v), DH_EINVAL);
}

static void padding_counts_columns_not_bytes(void **state)
{
	(void)state;
	char buf[64];
	assert_string_equal(ui_pad(buf, sizeof(buf), "Được", 6), "Được  ");
	assert_string_equal(ui_pad(buf, sizeof(buf), "Nguyễn Văn", 6), "Nguyễn");
}

/* A fake program NAME in DIR that $PATH finds. */
static void fake_program(const char *dir, const char *name)
{
	char path[256];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs("#!/bin/sh\n", f);
	fclose(f);
	assert_int_equal(chmod(path, 0755), 0);
}

/* ^E falls back as Debian does: $VISUAL, $EDITOR, sensible-editor,
 * nano, then vi. */
static void editor_falls_back_as_debian_does(void **state)
{
	(void)state;
	char dir[] = "/tmp/dh-editor-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char *old_path = getenv("PATH") ? strdup(getenv("PATH")) : NULL;
	setenv("PATH", dir, 1);
	unsetenv("VISUAL");
	unsetenv("EDITOR");
	assert_string_equal(ui_editor_command(), "vi");
	fake_program(dir, "nano");
	assert_string_equal(ui_editor_command(), "nano");
	fake_program(dir, "sensible-editor");
	assert_string_equal(ui_editor_command(), "sensible-editor");
	setenv("EDITOR", "mcedit", 1);
	assert_string_equal(ui_editor_command(), "mcedit");
	setenv("VISUAL", "vim -u NONE", 1);
	assert_string_equal(ui_editor_command(), "vim -u NONE");
	unsetenv("VISUAL");
	unsetenv("EDITOR");
	char path[256];
	snprintf(path, sizeof(path), "%s/nano", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/sensible-editor", dir);
	unlink(path);
	rmdir(dir);
	if (old_path)
		setenv("PATH", old_path, 1);
	free(old_path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(a_million_rows_cost_one_page),
	    cmocka_unit_test(editor_falls_back_as_debian_does),
	    cmocka_unit_test(cursor_stays_on_its_record_when_rows_arrive),
	    cmocka_unit_test(filter_line_sends_nfc_as_typed),
	    cmocka_unit_test(unhandled_keys_go_back_to_the_screen),
	    cmocka_unit_test(money_is_grouped_with_dots_and_read_back),
	    cmocka_unit_test(padding_counts_columns_not_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
