/* new_year.h — `dienhinh new-year YEAR`: the next plan year's config,
 * written beside the one in use, for the Office to finish.
 *
 * The new file is the current one's text edited in place, so its comments,
 * order and layout stay: the plan's `year:`, every date in YYYY-MM-DD
 * moved by the same number of years (same month and day; 29 February
 * becomes the 28th in a common year), and "năm <old year>" changed to the
 * new year in the plan's title, the deadlines' labels and any line naming
 * the plan ("Kế hoạch …"); comments are left as they are, and so are the
 * legal basis lines (a law's own date is not the plan's). Council and
 * criteria are kept for the Office to edit. The file is
 * dienhinh-YEAR.yaml in the folder of the config in use, never
 * overwritten. It is then loaded with check-config's checks. */
#ifndef DIENHINH_NEW_YEAR_H
#define DIENHINH_NEW_YEAR_H

#include "dienhinh/config.h"

#include <stddef.h>
#include <stdio.h>

/* SRC (LEN bytes, the text of a config for plan year FROM) edited for plan
 * year TO into a malloc'd NUL-terminated *OUT. 0 or DH_ENOMEM. */
int new_year_text(const char *src, size_t len, int from, int to, char **out);

/* Write the config of YEAR beside CFG's file and check it. *PATH (PATH_SIZE)
 * is where it went. 0: written and loaded, *NEXT the loaded config (to
 * config_free). DH_EINVAL: YEAR is not after cfg's; DH_ECONFLICT: the file
 * exists (MSG says why, nothing written). DH_ECONFIG: written but the check found
 * problems (DIAG has them). DH_EIO: a file could not be read or written
 * (MSG). */
int new_year_write(const dh_config *cfg, int year, char *path, size_t path_size, dh_config **next,
                   dh_diag *diag, char *msg, size_t msg_size);

/* What the Office should edit in NEXT (Vietnamese), to OUT. */
void new_year_print_todo(const dh_config *next, const char *path, FILE *out);

#endif
