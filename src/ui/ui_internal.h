/* ui_internal.h — what the shell's own files share (not for screens). */
#ifndef DIENHINH_UI_INTERNAL_H
#define DIENHINH_UI_INTERNAL_H

#include "dienhinh/ui_app.h"

/* Set up the style table once curses is started (NO_COLOR, has_colors). */
void ui_style_init(void);
/* Columns S would take, at most COLS (the same rules as ui_put). */
int ui_text_width(const char *s, int cols);
/* Repaint everything now (after a modal dialog or $EDITOR). */
void ui_redraw_all(ui_app *app);

/* The shell's drawing, one normalised key (ERR on a timeout), the layout
 * after a resize, and whether the window is too small: for the modal
 * picker (pick.c). */
void ui_draw_now(ui_app *app);
int ui_read_key(ui_app *app, int *key);
void ui_relayout(ui_app *app);
bool ui_too_small(ui_app *app);
#define UI_POLL_MS 250 /* the store generation is checked this often */

#endif
