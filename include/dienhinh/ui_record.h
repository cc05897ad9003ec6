/* ui_record.h — the full record of one candidate with its whole history,
 * read-only, on a page (ui_page.h; included here so that the screens that
 * build pages keep one include). Screen 7 opens it from a hit. */
#ifndef DIENHINH_UI_RECORD_H
#define DIENHINH_UI_RECORD_H

#include "dienhinh/ui_app.h"
#include "dienhinh/ui_page.h"

#include <stdint.h>

/* The full record of candidate ID, read-only, with its fostering,
 * registrations, council votes, decisions, ceremonies and replication
 * activities. Push it with ui_push. NULL when it cannot be read (message
 * shown). */
ui_view *ui_record_open(ui_app *app, uint64_t candidate_id);

#endif
