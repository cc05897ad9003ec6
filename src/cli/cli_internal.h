/* cli_internal.h — what the files of src/cli/ and src/main.c share.
 *
 *   main.c        the global options and the table of subcommands;
 *   cli.c         what every subcommand needs: messages, exit codes,
 *                 the config, who is at the keyboard, the store;
 *   cmd_data.c    demo, import, export, search, stats;
 *   cmd_report.c  report (the documents, the certificates), present;
 *   cmd_admin.c   check-config, new-year, backup, verify.
 *
 * Exit codes follow sysexits(3) (main.c says which means what). */
#ifndef DIENHINH_CLI_INTERNAL_H
#define DIENHINH_CLI_INTERNAL_H

#include "dienhinh/config.h"
#include "dienhinh/store.h"
#include "dienhinh/workflow.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct cli_cmd cli_cmd;

/* What the global options said, and the subcommand being run. */
typedef struct cli_globals {
	const char *config;  /* -c */
	const char *datadir; /* -d */
	const char *as;      /* --as */
	const cli_cmd *cmd;  /* its name and usage line, for the messages */
} cli_globals;

typedef int (*cli_cmd_fn)(const cli_globals *g, int argc, char **argv);

struct cli_cmd {
	const char *name;
	cli_cmd_fn fn;
	const char *usage;
};

/* Everything a subcommand that reads or writes data needs, set up by
 * cli_open() and released by cli_close(). */
typedef struct cli_env {
	dh_config *cfg;
	dh_store *store;
	char login[256];
	dh_ctx ctx;
} cli_env;

/* "dienhinh: …" and the pointer to --help on stderr; returns 64. */
int cli_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The usage line of the subcommand being run; returns 64. */
int cli_cmd_usage(const cli_globals *g);
/* An option the subcommand does not know (a global one says where it
 * belongs); returns 64. */
int cli_bad_option(const cli_globals *g, const char *opt);
/* A whole decimal number in [MIN, MAX]. */
bool cli_parse_num(const char *s, long long min, long long max, long long *out);
/* Load the config at PATH; on failure print why and return 78. */
int cli_load_config(const char *path, dh_config **out);
/* A set-group-id run: refuse what the user may not choose, clean the
 * environment, take the installed config. 0 or the exit code. */
int cli_privileged_start(cli_globals *g);

/* Config, identity and store for a subcommand; returns 0 or the exit code
 * (having said why). */
int cli_open(const cli_globals *g, cli_env *env, bool read_only);
void cli_close(cli_env *env);
/* Keep this year's plan with the data (plan_year.h), saying so on failure. */
void cli_keep_plan(cli_env *env);
/* Say why RC happened and return its exit code. */
int cli_fail(cli_env *env, const char *cmd, int rc);
/* Finish writing standard output: a write error is EX_IOERR. */
int cli_flush_stdout(int code);
/* N grouped the Vietnamese way (12.345) into BUF. */
const char *cli_count(size_t n, char *buf, size_t size);

int cmd_check_config(const cli_globals *g, int argc, char **argv);
int cmd_new_year(const cli_globals *g, int argc, char **argv);
int cmd_backup(const cli_globals *g, int argc, char **argv);
int cmd_verify(const cli_globals *g, int argc, char **argv);
int cmd_demo(const cli_globals *g, int argc, char **argv);
int cmd_import(const cli_globals *g, int argc, char **argv);
int cmd_export(const cli_globals *g, int argc, char **argv);
int cmd_search(const cli_globals *g, int argc, char **argv);
int cmd_stats(const cli_globals *g, int argc, char **argv);
int cmd_report(const cli_globals *g, int argc, char **argv);
int cmd_present(const cli_globals *g, int argc, char **argv);

#endif
