/* store_backup.c — a consistent copy of the environment (store.h,
 * Backup), and what the store says of its file: its pages let go, its
 * size and readers. */
#include "dienhinh/store.h"

#include "dienhinh/buf.h"
#include "dienhinh/error.h"
#include "store_internal.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <lmdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* --- backup and info --------------------------------------------------- */

/* A backup's file is written under a name no program looks for a
 * database by (DIR/.dienhinh-backup-XXXXXX; data.mdb.tmp-XXXXXX of old),
 * flushed, opened read-only on its own and checked, and only then renamed
 * to DEST/data.mdb or into a dated folder: a copy cut short by a full disk
 * or a kill never sits where a database is looked for, and the next backup
 * into the same folder removes what such a one left (it holds the folder's
 * flock, so what it finds there is nobody's). */
#define BACKUP_TMP     ".dienhinh-backup-"
#define BACKUP_TMP_OLD "data.mdb.tmp-"
#define BACKUP_DATED   "dienhinh-"
enum { BACKUP_STAMP_LEN = 15 }; /* 2021-11-05T1830 */

/* DIENHINH_BACKUP_TEST_KILL=copied|checked|placed: the backup kills itself
 * at that moment, so a test can see what each moment leaves (a privileged
 * run refuses every DIENHINH_* variable). */
static void backup_test_kill(const char *moment)
{
	const char *at = getenv("DIENHINH_BACKUP_TEST_KILL");
	if (at && strcmp(at, moment) == 0)
		raise(SIGKILL);
}

static int backup_fail(int e, const char *dest, const char *what)
{
	snprintf(store_detail, sizeof(store_detail), "%.200s: %s: %s", dest, what, strerror(e));
	return e == ENOMEM ? DH_ENOMEM : DH_EIO;
}

static void backup_sync_dir(int dfd)
{
	fsync(dfd); /* a rename survives a power cut once its folder is flushed */
}

/* DFD's entries from the first: a dup shares the offset a previous walk
 * left at the end. */
static DIR *backup_opendir(int dfd)
{
	int fd = dup(dfd);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	rewinddir(d);
	return d;
}

/* What killed or failed backups left in DEST. */
static void backup_remove_leftovers(int dfd)
{
	DIR *d = backup_opendir(dfd);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d)))
		if (strncmp(e->d_name, BACKUP_TMP, strlen(BACKUP_TMP)) == 0 ||
		    strncmp(e->d_name, BACKUP_TMP_OLD, strlen(BACKUP_TMP_OLD)) == 0)
			unlinkat(dfd, e->d_name, 0);
	closedir(d);
}

/* "dienhinh-2021-11-05T1830" or "...T1830-N": its stamp and N (1 without). */
static bool backup_dated_name(const char *name, unsigned *n)
{
	size_t p = strlen(BACKUP_DATED);
	if (strncmp(name, BACKUP_DATED, p) != 0 || strlen(name) < p + BACKUP_STAMP_LEN)
		return false;
	static const char shape[] = "dddd-dd-ddTdddd";
	for (size_t i = 0; i < BACKUP_STAMP_LEN; i++)
		if (shape[i] == 'd' ? name[p + i] < '0' || name[p + i] > '9' : name[p + i] != shape[i])
			return false;
	const char *rest = name + p + BACKUP_STAMP_LEN;
	*n = 1;
	if (!*rest)
		return true;
	char *end;
	unsigned long v =
	    rest[0] == '-' && rest[1] >= '1' && rest[1] <= '9' ? strtoul(rest + 1, &end, 10) : 0;
	if (!v || *end || v > 100000)
		return false;
	*n = (unsigned)v;
	return true;
}

typedef struct backup_dated {
	char name[256];
	unsigned n;
} backup_dated;

static int backup_dated_cmp(const void *a, const void *b)
{
	const backup_dated *x = a, *y = b;
	int c = strncmp(x->name, y->name, strlen(BACKUP_DATED) + BACKUP_STAMP_LEN);
	return c ? c : (x->n > y->n) - (x->n < y->n);
}

/* Every dated copy in DEST but the KEEP newest, and never KEPT (the one
 * just written), goes: its data.mdb and lock.mdb, then the folder (one
 * holding anything else stays). The number removed. */
static unsigned backup_rotate(int dfd, unsigned keep, const char *kept)
{
	DIR *d = backup_opendir(dfd);
	if (!d)
		return 0;
	backup_dated *v = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		unsigned k;
		struct stat sb;
		if (!backup_dated_name(e->d_name, &k) || strlen(e->d_name) >= sizeof(v->name) ||
		    fstatat(dfd, e->d_name, &sb, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISDIR(sb.st_mode))
			continue;
		if (buf_reserve(&v, &cap, n + 1, sizeof(*v)))
			break;
		snprintf(v[n].name, sizeof(v[n].name), "%s", e->d_name);
		v[n++].n = k;
	}
	closedir(d);
	unsigned removed = 0;
	if (n > keep) {
		qsort(v, n, sizeof(*v), backup_dated_cmp);
		for (size_t i = 0; i < n - keep; i++) {
			if (strcmp(v[i].name, kept) == 0)
				continue;
			char file[300];
			snprintf(file, sizeof(file), "%s/data.mdb", v[i].name);
			unlinkat(dfd, file, 0);
			snprintf(file, sizeof(file), "%s/lock.mdb", v[i].name);
			unlinkat(dfd, file, 0);
			if (unlinkat(dfd, v[i].name, AT_REMOVEDIR) == 0)
				removed++;
		}
		backup_sync_dir(dfd);
	}
	free(v);
	return removed;
}

/* A dated folder for the copy made at NOW, new: DEST/dienhinh-STAMP, or
 * with -2, -3... when one of that minute is there. Its name into NAME. */
static int backup_make_dated(int dfd, const char *dest, time_t now, char *name, size_t size)
{
	struct tm tm;
	char stamp[32];
	if (!localtime_r(&now, &tm) || !strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H%M", &tm))
		return backup_fail(EINVAL, dest, "giờ hệ thống");
	for (unsigned k = 1; k < 1000; k++) {
		if (k == 1)
			snprintf(name, size, BACKUP_DATED "%s", stamp);
		else
			snprintf(name, size, BACKUP_DATED "%s-%u", stamp, k);
		if (mkdirat(dfd, name, 02770) == 0) {
			/* the umask filters the mode and mkdir drops setgid */
			fchmodat(dfd, name, 02770, 0);
			return 0;
		}
		if (errno != EEXIST)
			return backup_fail(errno, dest, "không tạo được thư mục bản sao");
	}
	return backup_fail(EEXIST, dest, "không tạo được thư mục bản sao");
}

/* The copy into TMP (an open file in DEST), flushed. */
static int backup_copy(dh_store *st, int fd, const char *dest)
{
	int mrc = mdb_env_copyfd2(st->env, fd, MDB_CP_COMPACT);
	if (!mrc && fsync(fd) != 0)
		mrc = errno;
	if (close(fd) != 0 && !mrc)
		mrc = errno;
	if (!mrc)
		return 0;
	int rc = store_lmdb_err(mrc);
	if (mrc == ENOSPC || mrc == EDQUOT || mrc == EIO)
		snprintf(store_detail, sizeof(store_detail),
		         "%.120s: hết chỗ trên đĩa hoặc lỗi ghi (%s): bản sao không được ghi, không có gì "
		         "để lại",
		         dest, mdb_strerror(mrc));
	else
		snprintf(store_detail, sizeof(store_detail), "%.200s: %s", dest, mdb_strerror(mrc));
	return rc;
}

/* The copy at TMP opened on its own, read-only, and checked. */
static int backup_check(const char *tmp, const dh_backup_opts *o)
{
	if (!o->check)
		return 0;
	dh_store *copy;
	dh_store_opts co = {.read_only = true, .single_file = true};
	int rc = store_open(&copy, tmp, &co);
	if (rc)
		return rc;
	rc = o->check(copy, o->check_ctx);
	store_close(copy);
	return rc;
}

int store_backup_ex(dh_store *st, const char *dest, const dh_backup_opts *o, dh_backup_result *res)
{
	static const dh_backup_opts none = {0};
	if (!o)
		o = &none;
	if (res)
		memset(res, 0, sizeof(*res));
	store_detail[0] = 0;
	char data[4096], tmp[4200], dated[256] = "";
	snprintf(data, sizeof(data), "%s/data.mdb", dest);
	if (!o->keep) {
		struct stat sb;
		if (stat(data, &sb) == 0 && sb.st_size > 0 && store_data_file_whole(data) == 0) {
			snprintf(store_detail, sizeof(store_detail),
			         "%.200s/data.mdb: đã có một bản sao lưu ở đó, không ghi đè (chọn thư mục "
			         "khác, hoặc dùng --keep N)",
			         dest);
			return DH_EINVAL;
		}
		store_detail[0] = 0; /* a torn one is no backup: it is replaced */
	}
	int rc = store_make_group_dir(dest);
	if (rc)
		return rc;
	int dfd = open(dest, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0)
		return backup_fail(errno, dest, "không mở được thư mục");
	if (flock(dfd, LOCK_EX | LOCK_NB) != 0) {
		int e = errno;
		close(dfd);
		if (e != EWOULDBLOCK)
			return backup_fail(e, dest, "không khóa được thư mục");
		snprintf(store_detail, sizeof(store_detail),
		         "%.200s: một bản sao lưu khác đang ghi vào thư mục này: chờ nó xong rồi làm lại",
		         dest);
		return DH_EBUSY;
	}
	backup_remove_leftovers(dfd);
	snprintf(tmp, sizeof(tmp), "%s/" BACKUP_TMP "XXXXXX", dest);
	int fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		rc = backup_fail(errno, dest, "không tạo được tệp");
		close(dfd);
		return rc;
	}
	if (fchmod(fd, 0660) != 0) {
		/* the umask-filtered 0600 of mkstemp still works for the owner */
	}
	rc = backup_copy(st, fd, dest);
	if (!rc) {
		backup_test_kill("copied");
		rc = backup_check(tmp, o);
	}
	if (!rc) {
		backup_test_kill("checked");
		const char *base = strrchr(tmp, '/') + 1;
		if (o->keep) {
			char inside[300];
			rc = backup_make_dated(dfd, dest, o->now ? o->now : time(NULL), dated, sizeof(dated));
			snprintf(inside, sizeof(inside), "%s/data.mdb", dated);
			if (!rc && renameat(dfd, base, dfd, inside) != 0) {
				rc = backup_fail(errno, dest, "không đổi được tên bản sao");
				unlinkat(dfd, dated, AT_REMOVEDIR);
			}
			if (!rc) {
				int sub = openat(dfd, dated, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
				if (sub >= 0) {
					backup_sync_dir(sub);
					close(sub);
				}
			}
		} else if (renameat(dfd, base, dfd, "data.mdb") != 0) {
			rc = backup_fail(errno, dest, "không đổi được tên bản sao");
		}
	}
	if (rc) {
		unlink(tmp);
		close(dfd);
		return rc;
	}
	backup_sync_dir(dfd);
	backup_test_kill("placed");
	unsigned removed = o->keep ? backup_rotate(dfd, o->keep, dated) : 0;
	close(dfd);
	if (res) {
		if (o->keep)
			snprintf(res->folder, sizeof(res->folder), "%s/%s", dest, dated);
		else
			snprintf(res->folder, sizeof(res->folder), "%s", dest);
		res->removed = removed;
	}
	return 0;
}

int store_backup(dh_store *st, const char *dest)
{
	return store_backup_ex(st, dest, NULL, NULL);
}

int store_forget_pages(dh_store *st)
{
	if (st->active)
		return DH_EBUSY; /* a transaction of ours may point into them */
	int fd;
	struct stat sb;
	if (mdb_env_get_fd(st->env, &fd) != 0 || fstat(fd, &sb) != 0)
		return DH_EIO;
	/* LMDB does not say where it mapped the file (me_mapaddr is only for
	 * a fixed map): find the file's mapping by its inode. The map is
	 * read-only and shared, so the pages stay in the page cache and come
	 * back on the next read; only our page tables let go. */
	FILE *maps = fopen("/proc/self/maps", "re");
	if (!maps)
		return DH_EIO;
	char line[4600];
	int rc = 0;
	while (fgets(line, sizeof(line), maps)) {
		unsigned long lo, hi, ino;
		char perms[8];
		if (sscanf(line, "%lx-%lx %7s %*s %*s %lu", &lo, &hi, perms, &ino) == 4 && ino == sb.st_ino &&
		    perms[3] == 's' && strstr(line, "/data.mdb") &&
		    madvise((void *)lo, hi - lo, MADV_DONTNEED) != 0)
			rc = store_errno_err("madvise", "data.mdb");
	}
	fclose(maps);
	return rc;
}

static int count_reader_line(const char *msg, void *ctx)
{
	/* One line per live reader, under a header ("pid thread txnid"), or
	 * "(no active readers)". */
	unsigned long pid;
	if (sscanf(msg, " %lu", &pid) == 1)
		(*(unsigned *)ctx)++;
	return 0;
}

int store_info(dh_store *st, dh_store_info *out)
{
	MDB_envinfo info;
	MDB_stat stat;
	int rc = mdb_env_info(st->env, &info);
	if (!rc)
		rc = mdb_env_stat(st->env, &stat);
	if (rc)
		return store_lmdb_err(rc);
	out->map_size = info.me_mapsize;
	out->used_bytes = (info.me_last_pgno + 1) * (size_t)stat.ms_psize;
	out->max_readers = info.me_maxreaders;
	out->readers = 0;
	mdb_reader_list(st->env, count_reader_line, &out->readers);
	return 0;
}
