/* error.h — the project's own error codes.
 *
 * Every layer returns these (0 on success, a negative DH_E* otherwise);
 * library errors (LMDB, libyaml, errno) are translated at the boundary
 * where they are met, so callers never see a foreign code. */
#ifndef DIENHINH_ERROR_H
#define DIENHINH_ERROR_H

typedef enum dh_err {
	DH_OK = 0,
	DH_ENOTFOUND = -1, /* no such record / key */
	DH_ECONFLICT = -2, /* saving over a newer revision */
	DH_EPERM = -3,     /* the actor's roles do not allow the action */
	DH_EINVAL = -4,    /* bad input: a field, a CSV row, a keystroke */
	DH_EIO = -5,       /* disk, LMDB environment, file system */
	DH_ECORRUPT = -6,  /* a stored value that does not decode */
	DH_EVERSION = -7,  /* database written by a newer schema */
	DH_ENOMEM = -8,
	DH_ESTAGE = -9,    /* the record's stage does not allow the action */
	DH_EDEADLINE = -10, /* a config deadline closes the action */
	DH_EHOLD = -11,    /* the record is on hold */
	DH_ELOCKED = -12,  /* a closed council item, a revoked decision */
	DH_ECONFIG = -13,  /* invalid configuration */
	DH_EBUSY = -14,    /* retries exhausted (reader table full, map growth) */
} dh_err;

/* A short Vietnamese sentence for the screen and stderr. Never NULL. */
const char *dh_strerror(int err);

/* The sysexits(3) code a command-line run ends with for ERR. */
int dh_exit_code(int err);

#endif
