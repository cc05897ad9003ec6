/* test_priv.c — a set-group-id run (priv.h): without a borrowed id nothing
 * changes; the environment a privileged run keeps; and the store keeps
 * working on its open descriptors once the process can no longer reach its
 * files by name (map growth, the reader table), which is what the group
 * drop after store_open relies on. */
#include "dienhinh/error.h"
#include "dienhinh/priv.h"
#include "dienhinh/store.h"

#include "tmpdb.h"

#include <fcntl.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>

#include <cmocka.h>

static void without_a_borrowed_id_nothing_changes(void **state)
{
	(void)state;
	gid_t g = getegid();
	uid_t u = geteuid();
	assert_int_equal(priv_init(), 0);
	assert_false(priv_active());
	assert_int_equal(priv_raise(), 0);
	assert_int_equal(priv_drop(), 0);
	assert_int_equal(priv_raise(), 0);
	assert_int_equal(getegid(), g);
	assert_int_equal(geteuid(), u);
}

static void the_environment_keeps_what_a_terminal_needs(void **state)
{
	(void)state;
	assert_true(priv_env_keeps("TERM=xterm-256color"));
	assert_true(priv_env_keeps("LANG=vi_VN.UTF-8"));
	assert_true(priv_env_keeps("LC_ALL=C.UTF-8"));
	assert_true(priv_env_keeps("TZ=Asia/Ho_Chi_Minh"));
	assert_true(priv_env_keeps("TZ=:Asia/Ho_Chi_Minh"));
	assert_true(priv_env_keeps("EDITOR=vim -u NONE"));
	assert_true(priv_env_keeps("VISUAL=nano"));
	assert_true(priv_env_keeps("COLUMNS=120"));
	assert_true(priv_env_keeps("LINES=40"));
	assert_true(priv_env_keeps("NO_COLOR=1"));
	/* Names of files of the caller's choosing. */
	assert_false(priv_env_keeps("TERM=../../tmp/x"));
	assert_false(priv_env_keeps("LC_ALL=/tmp/locale"));
	assert_false(priv_env_keeps("TZ=/home/x/zone"));
	assert_false(priv_env_keeps("TZ=:/home/x/zone"));
	assert_false(priv_env_keeps("TZ=Asia/../../../tmp/x"));
	assert_false(priv_env_keeps("COLUMNS=80;x"));
	assert_false(priv_env_keeps("LINES="));
	/* Everything else. */
	assert_false(priv_env_keeps("LD_PRELOAD=/tmp/x.so"));
	assert_false(priv_env_keeps("IFS= "));
	assert_false(priv_env_keeps("PATH=/tmp"));
	assert_false(priv_env_keeps("HOME=/tmp"));
	assert_false(priv_env_keeps("USER=tdkt"));
	assert_false(priv_env_keeps("DIENHINH_TODAY=2021-01-01"));
	assert_false(priv_env_keeps("TERMINFO=/tmp/ti"));
	assert_false(priv_env_keeps("LC_=x"));
	assert_false(priv_env_keeps("=x"));
	assert_false(priv_env_keeps("TERM"));
}

static void a_privileged_environment_is_rebuilt(void **state)
{
	(void)state;
	char name[64];
	clearenv();
	setenv("TERM", "xterm", 1);
	setenv("LANG", "vi_VN.UTF-8", 1);
	setenv("LD_LIBRARY_PATH", "/tmp", 1);
	setenv("IFS", " ", 1);
	setenv("HOME", "/tmp/elsewhere", 1);
	setenv("USER", "tdkt", 1);
	setenv("LOGNAME", "tdkt", 1);
	setenv("PATH", "/tmp/bin", 1);
	setenv("EDITOR", "vi", 1);
	assert_null(priv_env_override(name, sizeof(name)));
	setenv("DIENHINH_TODAY", "2021-09-15", 1);
	assert_string_equal(priv_env_override(name, sizeof(name)), "DIENHINH_TODAY");

	struct passwd pw = {.pw_name = (char *)"nguoidung", .pw_dir = (char *)"/home/nguoidung"};
	assert_int_equal(priv_reset_env(&pw), 0);
	assert_string_equal(getenv("TERM"), "xterm");
	assert_string_equal(getenv("LANG"), "vi_VN.UTF-8");
	assert_string_equal(getenv("EDITOR"), "vi");
	assert_string_equal(getenv("HOME"), "/home/nguoidung");
	assert_string_equal(getenv("USER"), "nguoidung");
	assert_string_equal(getenv("LOGNAME"), "nguoidung");
	assert_string_equal(getenv("PATH"), PRIV_SAFE_PATH);
	assert_null(getenv("LD_LIBRARY_PATH"));
	assert_null(getenv("IFS"));
	assert_null(getenv("DIENHINH_TODAY"));
	assert_null(priv_env_override(name, sizeof(name)));

	/* No password entry: no HOME or USER to trust. */
	setenv("HOME", "/tmp/elsewhere", 1);
	assert_int_equal(priv_reset_env(NULL), 0);
	assert_null(getenv("HOME"));
	assert_null(getenv("USER"));
	assert_string_equal(getenv("TERM"), "xterm");
}

/* --- the store on its descriptors ----------------------------------------- */

typedef struct fill_args {
	int n, base;
	size_t vlen;
} fill_args;

static int fill(dh_stxn *txn, void *p)
{
	const fill_args *a = p;
	unsigned char *v = malloc(a->vlen);
	if (!v)
		return DH_ENOMEM;
	int rc = 0;
	for (int i = 0; i < a->n && !rc; i++) {
		unsigned char k[9] = {9};
		store_put_u64(k + 1, (uint64_t)(a->base + i));
		memset(v, i & 0xff, a->vlen);
		rc = store_put(txn, DH_T_RECORDS, k, 9, v, a->vlen);
	}
	free(v);
	return rc;
}

static int count_fn(dh_stxn *txn, void *p)
{
	return store_count(txn, DH_T_RECORDS, p);
}

/* In a child: open the store, lose every right to the folder (as root,
 * become nobody; otherwise take the folder's modes away), then grow the map
 * many times over and use the reader table. */
static int grow_without_the_path(void *arg, int out)
{
	(void)out;
	const char *dir = arg;
	dh_store *st;
	if (store_open(&st, dir, &(dh_store_opts){.map_size = 64 << 10}))
		return 1;
	if (geteuid() == 0) {
		if (setresgid(65534, 65534, 65534) != 0 || setresuid(65534, 65534, 65534) != 0)
			return 2;
	} else if (chmod(dir, 0) != 0) {
		return 2;
	}
	char path[256];
	snprintf(path, sizeof(path), "%s/data.mdb", dir);
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd >= 0 || errno != EACCES)
		return 3; /* the files were still reachable: the test proves nothing */
	for (int i = 0; i < 20; i++) {
		fill_args a = {.n = 200, .base = i * 200, .vlen = 1000};
		if (store_write(st, fill, &a))
			return 4;
	}
	dh_store_info info;
	if (store_info(st, &info) || info.map_size < (4u << 20))
		return 5;
	uint64_t n = 0;
	if (store_read(st, count_fn, &n) || n != 4000)
		return 6;
	store_close(st);
	return 0;
}

static void the_store_grows_on_its_descriptors_alone(void **state)
{
	(void)state;
	tmpdb *t = tmpdb_new();
	pid_t pid = spawn(grow_without_the_path, t->db, NULL);
	int status = wait_exit(pid);
	chmod(t->db, 0700);
	assert_int_equal(status, 0);
	/* What the child wrote is there for the next opener. */
	dh_store *st;
	assert_int_equal(store_open(&st, t->db, &(dh_store_opts){.read_only = true}), 0);
	uint64_t n = 0;
	assert_int_equal(store_read(st, count_fn, &n), 0);
	assert_int_equal(n, 4000);
	store_close(st);
	tmpdb_free(t);
}

/* `make install` leaves an empty data.mdb (and lock.mdb) so that root owns
 * them: reading finds no database yet, the first write makes one. */
static void an_empty_data_file_is_a_new_environment(void **state)
{
	(void)state;
	tmpdb *t = tmpdb_new();
	assert_int_equal(mkdir(t->db, 02770), 0);
	char path[256];
	const char *names[] = {"data.mdb", "lock.mdb"};
	for (int i = 0; i < 2; i++) {
		snprintf(path, sizeof(path), "%s/%s", t->db, names[i]);
		int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
		assert_true(fd >= 0);
		close(fd);
	}
	dh_store *st;
	assert_int_equal(store_open(&st, t->db, &(dh_store_opts){.read_only = true}), DH_ENOTFOUND);
	assert_int_equal(store_open(&st, t->db, NULL), 0);
	fill_args a = {.n = 10, .vlen = 10};
	assert_int_equal(store_write(st, fill, &a), 0);
	store_close(st);
	assert_int_equal(store_open(&st, t->db, &(dh_store_opts){.read_only = true}), 0);
	uint64_t n = 0;
	assert_int_equal(store_read(st, count_fn, &n), 0);
	assert_int_equal(n, 10);
	store_close(st);
	tmpdb_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(without_a_borrowed_id_nothing_changes),
	    cmocka_unit_test(the_environment_keeps_what_a_terminal_needs),
	    cmocka_unit_test(a_privileged_environment_is_rebuilt),
	    cmocka_unit_test(the_store_grows_on_its_descriptors_alone),
	    cmocka_unit_test(an_empty_data_file_is_a_new_environment),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
