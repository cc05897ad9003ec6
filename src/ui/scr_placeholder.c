/* scr_placeholder.c — screens 3 to 8 until their issue builds them: the
 * title, and a plain sentence saying so. */
#include "dienhinh/ui_app.h"

#include <stdlib.h>

typedef struct placeholder_view {
	ui_view base;
	int screen;
} placeholder_view;

static const ui_binding placeholder_keys[] = {{0}};

static void placeholder_draw(ui_view *v, WINDOW *w)
{
	placeholder_view *p = (placeholder_view *)v;
	int cols = getmaxx(w);
	wattrset(w, ui_style(UI_S_TITLE));
	ui_putf(w, 1, 2, cols - 4, "%d. %s", p->screen, ui_screen_title(p->screen));
	wattrset(w, A_NORMAL);
	ui_put(w, 3, 2, "Màn hình này chưa được xây dựng trong phiên bản này.", cols - 4);
	ui_put(w, 4, 2, "Các màn hình 1 (Tổng quan) và 2 (Nhân tố mới) đã dùng được.", cols - 4);
}

static unsigned placeholder_key(ui_view *v, int action, int key)
{
	(void)v;
	(void)action;
	(void)key;
	return UI_R_NONE;
}

static void placeholder_destroy(ui_view *v)
{
	free(v);
}

static const ui_view_ops placeholder_ops = {
    .bindings = placeholder_keys,
    .draw = placeholder_draw,
    .key = placeholder_key,
    .destroy = placeholder_destroy,
};

ui_view *ui_placeholder_open(ui_app *app)
{
	placeholder_view *p = calloc(1, sizeof(*p));
	if (!p)
		return NULL;
	ui_view_init(&p->base, &placeholder_ops, app);
	p->screen = ui_screen_number(app);
	return &p->base;
}
