/* priv.c — the borrowed group, held only to open the environment (priv.h). */
#include "dienhinh/priv.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static bool started_privileged;
static bool dropped;
static uid_t real_uid, borrowed_uid;
static gid_t real_gid, borrowed_gid;

/* The effective user (group) set to UID (GID), left alone when the real
 * and the borrowed one are the same. 0, or -1 with errno. */
static int set_euid(uid_t uid)
{
	return real_uid == borrowed_uid || setresuid((uid_t)-1, uid, (uid_t)-1) == 0 ? 0 : -1;
}

static int set_egid(gid_t gid)
{
	return real_gid == borrowed_gid || setresgid((gid_t)-1, gid, (gid_t)-1) == 0 ? 0 : -1;
}

int priv_init(void)
{
	uid_t ruid, euid, suid;
	gid_t rgid, egid, sgid;
	if (getresuid(&ruid, &euid, &suid) != 0 || getresgid(&rgid, &egid, &sgid) != 0)
		return -1;
	real_uid = ruid;
	real_gid = rgid;
	borrowed_uid = euid;
	borrowed_gid = egid;
	started_privileged = ruid != euid || rgid != egid;
	if (!started_privileged)
		return 0;
	/* The group first: lowering a borrowed user first could take away
	 * the right to change the group. */
	return set_egid(real_gid) || set_euid(real_uid) ? -1 : 0;
}

bool priv_active(void)
{
	return started_privileged;
}

int priv_raise(void)
{
	if (!started_privileged)
		return 0;
	if (dropped) {
		errno = EPERM;
		return -1;
	}
	/* The user first, the other way round: the borrowed user may be what
	 * gives the right to take the group back. */
	return set_euid(borrowed_uid) || set_egid(borrowed_gid) ? -1 : 0;
}

int priv_drop(void)
{
	if (!started_privileged || dropped)
		return 0;
	if (setresgid(real_gid, real_gid, real_gid) != 0 || setresuid(real_uid, real_uid, real_uid) != 0)
		return -1;
	/* For good: check that no id kept the borrowed value. */
	uid_t ruid, euid, suid;
	gid_t rgid, egid, sgid;
	if (getresuid(&ruid, &euid, &suid) != 0 || getresgid(&rgid, &egid, &sgid) != 0)
		return -1;
	if (ruid != real_uid || euid != real_uid || suid != real_uid || rgid != real_gid ||
	    egid != real_gid || sgid != real_gid) {
		errno = EPERM;
		return -1;
	}
	dropped = true;
	return 0;
}

/* --- the environment ----------------------------------------------------- */

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

bool priv_env_keeps(const char *entry)
{
	const char *eq = strchr(entry, '=');
	if (!eq || eq == entry)
		return false;
	size_t n = (size_t)(eq - entry);
	const char *value = eq + 1;
#define NAME_IS(s) (n == sizeof(s) - 1 && memcmp(entry, s, n) == 0)
	/* Locale and terminal names are looked up as files: a name with a
	 * slash would be a file of the caller's choosing. */
	if (NAME_IS("TERM") || NAME_IS("LANG") || (n > 3 && memcmp(entry, "LC_", 3) == 0))
		return !strchr(value, '/');
	/* "Asia/Ho_Chi_Minh" is a zone, "/home/x/zone" or "../x" a file. */
	if (NAME_IS("TZ"))
		return value[0] != '/' && strncmp(value, ":/", 2) != 0 && !strstr(value, "..");
	if (NAME_IS("COLUMNS") || NAME_IS("LINES") || NAME_IS("ESCDELAY"))
		return all_digits(value);
	/* The editor runs after the group is given up, with the user's own
	 * rights: whatever the user says. */
	if (NAME_IS("VISUAL") || NAME_IS("EDITOR") || NAME_IS("NO_COLOR"))
		return true;
#undef NAME_IS
	return false;
}

const char *priv_env_override(char *buf, size_t size)
{
	for (char **e = environ; e && *e; e++) {
		if (strncmp(*e, "DIENHINH_", 9) != 0)
			continue;
		const char *eq = strchr(*e, '=');
		size_t n = eq ? (size_t)(eq - *e) : strlen(*e);
		snprintf(buf, size, "%.*s", (int)n, *e);
		return buf;
	}
	return NULL;
}

static void free_list(char **list, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(list[i]);
	free(list);
}

int priv_reset_env(const struct passwd *pw)
{
	size_t count = 0;
	for (char **e = environ; e && *e; e++)
		count++;
	/* Copies first: clearenv may free what environ points to. */
	char **keep = calloc(count + 1, sizeof(*keep));
	if (!keep)
		return -1;
	size_t n = 0;
	for (char **e = environ; e && *e; e++) {
		if (!priv_env_keeps(*e))
			continue;
		if (!(keep[n] = strdup(*e))) {
			free_list(keep, n);
			return -1;
		}
		n++;
	}
	clearenv();
	int rc = 0;
	for (size_t i = 0; i < n && !rc; i++) {
		char *eq = strchr(keep[i], '=');
		*eq = '\0';
		rc = setenv(keep[i], eq + 1, 1);
	}
	if (!rc && pw && pw->pw_dir && *pw->pw_dir)
		rc = setenv("HOME", pw->pw_dir, 1);
	if (!rc && pw && pw->pw_name && *pw->pw_name) {
		rc = setenv("USER", pw->pw_name, 1);
		if (!rc)
			rc = setenv("LOGNAME", pw->pw_name, 1);
	}
	if (!rc)
		rc = setenv("PATH", PRIV_SAFE_PATH, 1);
	free_list(keep, n);
	return rc ? -1 : 0;
}
