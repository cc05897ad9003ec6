/* priv.h — running set-group-id: the pattern of shared score files
 * (DESIGN.md §11).
 *
 * `make install` puts the program root:dienhinh 2755 and the data folder
 * root:dienhinh 2770, and staff are not in the group: only the program
 * reaches the data. The borrowed group is held as briefly as possible:
 *
 *   priv_init()   first thing in main: note whether the process runs with a
 *                 borrowed group (or user) and put it aside at once — the
 *                 effective id becomes the real one, the saved set-id keeps
 *                 the borrowed one;
 *   priv_raise()  take it back, only to open the LMDB environment;
 *   priv_drop()   give it up for good (real, effective and saved ids all the
 *                 user's) right after the environment is open.
 *
 * Everything else — reading the config and the user's files, writing
 * documents, exports and backups, spawning $EDITOR — runs with the user's
 * own rights, and new files get the user's own group. LMDB keeps the
 * descriptors it opened: map growth and the reader table work on them and
 * need no path access. priv_reset_env() gives a privileged run a clean
 * environment. Without a borrowed id every call here does nothing. */
#ifndef DIENHINH_PRIV_H
#define DIENHINH_PRIV_H

#include <pwd.h>
#include <stddef.h>
#include <stdbool.h>

/* 0, or -1 with errno when the borrowed ids could not be put aside. */
int priv_init(void);
/* The process started with a borrowed group or user (stays true after
 * priv_drop: what it was started with decides what is refused). */
bool priv_active(void);
/* 0, or -1 with errno; -1 with EPERM after priv_drop. */
int priv_raise(void);
/* 0, or -1 with errno when the ids could not all be made the real ones. */
int priv_drop(void);

/* Whether the environment entry "NAME=VALUE" may stay in a privileged run:
 * TERM, LANG and LC_*, TZ, VISUAL, EDITOR, COLUMNS, LINES, NO_COLOR and
 * ESCDELAY, with values that name no file of the caller's choosing. */
bool priv_env_keeps(const char *entry);
/* The name of the first DIENHINH_* variable in the environment (copied into
 * BUF), or NULL. */
const char *priv_env_override(char *buf, size_t size);
/* Replace the environment with the entries priv_env_keeps allows, HOME,
 * USER and LOGNAME from PW (the real user's entry; none when NULL) and a
 * fixed PATH. 0, or -1 when out of memory. */
int priv_reset_env(const struct passwd *pw);

/* The PATH of a privileged run. */
#define PRIV_SAFE_PATH "/usr/local/bin:/usr/bin:/bin"

#endif
