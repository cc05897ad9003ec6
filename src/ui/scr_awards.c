#include "dienhinh/ui_app.h"
ui_view *ui_awards_open(ui_app *app) { return ui_placeholder_open(app); }
bool ui_awards_restore(ui_app *app, const dh_draft *draft) { (void)app; (void)draft; return false; }
