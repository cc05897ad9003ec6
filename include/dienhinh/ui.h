/* ui.h — the full-screen app (ncursesw). The only entry point main.c uses. */
#ifndef DIENHINH_UI_H
#define DIENHINH_UI_H

#include "dienhinh/workflow.h"

/* Runs the app until the user quits; returns a sysexits code (0 on a normal
 * quit). CTX is fully set up (config, store, identity). */
int ui_run(dh_ctx *ctx);
/* The projector view of council session SESSION_ID (0: the latest open
 * one of the plan year) alone, read-only, until q: `dienhinh present`. */
int ui_present(dh_ctx *ctx, uint64_t session_id);

#endif
