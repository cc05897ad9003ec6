/* ui.h — the full-screen app (ncursesw). The only entry point main.c uses. */
#ifndef DIENHINH_UI_H
#define DIENHINH_UI_H

#include "dienhinh/workflow.h"

/* Runs the app until the user quits; returns a sysexits code (0 on a normal
 * quit). CTX is fully set up (config, store, identity). */
int ui_run(dh_ctx *ctx);

#endif
