/* config.c — the YAML tree → one validated dh_config.
 *
 * Every mapping is read through a table of its keys, each with a type (and a
 * parser of its own where the type is not a plain value: cfg_fields.c), so
 * a key that is not in the table is an error with a suggestion for free,
 * and a required key that is missing is found by walking the table. Here:
 * the top table, the plan's own sections (criteria, deadlines, awards,
 * holds), reading the file and freeing the result; the other sections have
 * files of their own (cfg_internal.h says which). Tables are walked in
 * their own order, not the file's: departments are known before people
 * name them, people before the council does. Loading goes on after an
 * error wherever it can, so one run shows every problem. */
#include "dienhinh/config.h"

#include "cfg_internal.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/label.h"
/* The candidate kinds. */
#include "dienhinh/plan_terms.h"

#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const kind_keys[DH_CANDIDATE_KINDS] = {
    [DH_KIND_INDIVIDUAL] = "individual",
    [DH_KIND_COLLECTIVE] = "collective",
    [DH_KIND_MODEL] = "model",
};

/* ---- sections -------------------------------------------------------- */

static const cfg_field organization_fields[] = {
    {"name", F_TEXT, true, offsetof(dh_config, organization.name), 0, 0, NULL, NULL},
    {"short", F_TEXT, true, offsetof(dh_config, organization.short_name), 0, 0, NULL, NULL},
    {"website", F_URL, false, offsetof(dh_config, organization.website), 0, 0, NULL, NULL},
    {"parent", F_TEXT, false, offsetof(dh_config, organization.parent), 0, 0, NULL, NULL},
    {"parent_short", F_TEXT, false, offsetof(dh_config, organization.parent_short), 0, 0, NULL, NULL},
    {"place", F_TEXT, false, offsetof(dh_config, organization.place), 0, 0, NULL, NULL},
    {"title", F_TEXT, false, offsetof(dh_config, organization.title), 0, 0, NULL, NULL},
};

static const cfg_field plan_fields[] = {
    {"year", F_INT, true, offsetof(dh_config, plan.year), 2000, 2100, NULL, NULL},
    {"title", F_TEXT, true, offsetof(dh_config, plan.title), 0, 0, NULL, NULL},
};

static const cfg_field storage_fields[] = {
    {"path", F_PATH, true, offsetof(dh_config, storage_path), 0, 0, NULL, NULL},
    {"max_readers", F_INT, false, offsetof(dh_config, storage_max_readers), 16, 65536, NULL, NULL},
};

static const cfg_table organization_table = {"organization", CFG_FIELDS(organization_fields)};
static const cfg_table plan_table = {"plan", CFG_FIELDS(plan_fields)};
static const cfg_table storage_table = {"storage", CFG_FIELDS(storage_fields)};

static const cfg_field criterion_fields[] = {
    {"id", F_ID, true, offsetof(dh_criterion, id), 0, 0, NULL, NULL},
    {"text", F_LONGTEXT, true, offsetof(dh_criterion, text), 0, 0, NULL, NULL},
};

static void criteria_list(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	dh_criteria *c = obj;
	int k = name_index(kind_keys, DH_CANDIDATE_KINDS, key->value);
	if (k < 0)
		return;
	char what[40];
	snprintf(what, sizeof what, "criteria.%s", kind_keys[k]);
	c->list[k] = cfg_walk_keyed_seq(l, val, what, "id", sizeof *c->list[k], CFG_FIELDS(criterion_fields),
	                                &c->n[k]);
}

static const cfg_field criteria_fields[] = {
    {"new_factor_min", F_INT, true, offsetof(dh_criteria, new_factor_min), 1, 50, NULL, NULL},
    {"individual", F_CUSTOM, true, 0, 0, 0, criteria_list, NULL},
    {"collective", F_CUSTOM, true, 0, 0, 0, criteria_list, NULL},
    {"model", F_CUSTOM, true, 0, 0, 0, criteria_list, NULL},
};

static void deadline_closes(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	int i = cfg_pick_scalar(l, key, val, "thao tác", cfg_action_names, cfg_n_actions);
	if (i >= 0 && !(((dh_deadline *)obj)->closes = strdup(cfg_action_names[i])))
		cfg_error(l->d, 0, 0, "hết bộ nhớ");
}

static const cfg_field deadline_fields[] = {
    {"id", F_ID, true, offsetof(dh_deadline, id), 0, 0, NULL, NULL},
    {"label", F_TEXT, true, offsetof(dh_deadline, label), 0, 0, NULL, NULL},
    {"date", F_DATE, true, offsetof(dh_deadline, date), 0, 0, NULL, NULL},
    {"closes", F_CUSTOM, false, 0, 0, 0, deadline_closes, NULL},
};

static const cfg_field award_fields[] = {
    {"id", F_ID, true, offsetof(dh_award, id), 0, 0, NULL, NULL},
    {"name", F_TEXT, true, offsetof(dh_award, name), 0, 0, NULL, NULL},
};

static const cfg_field hold_fields[] = {
    {"id", F_ID, true, offsetof(dh_hold_kind, id), 0, 0, NULL, NULL},
    {"label", F_TEXT, true, offsetof(dh_hold_kind, label), 0, 0, NULL, NULL},
    {"basis", F_TEXT, false, offsetof(dh_hold_kind, basis), 0, 0, NULL, NULL},
    {"discipline", F_BOOL, false, offsetof(dh_hold_kind, discipline), 0, 0, NULL, NULL},
};

static void top_criteria(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	dh_criteria *c = &((dh_config *)obj)->criteria;
	if (!cfg_walk_map(l, val, "criteria", CFG_FIELDS(criteria_fields), c))
		return;
	const cfg_node *min = cfg_map_get(val, "new_factor_min", NULL);
	for (int k = 0; k < DH_CANDIDATE_KINDS && min && c->new_factor_min > 0; k++) {
		if (c->list[k] && (size_t)c->new_factor_min > c->n[k]) {
			cfg_error(l->d, min->line, min->col,
			          "`new_factor_min` = %d nhiều hơn số tiêu chí của `%s` (%zu)",
			          c->new_factor_min, kind_keys[k], c->n[k]);
			break;
		}
	}
}

static void top_deadlines(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	dh_config *cfg = obj;
	cfg->deadlines = cfg_walk_seq(l, val, "deadlines", sizeof *cfg->deadlines,
	                              CFG_FIELDS(deadline_fields), &cfg->n_deadlines);
	if (!cfg->deadlines)
		return;
	cfg_check_unique(l, val, "id", "deadlines");
	cfg_check_unique(l, val, "closes", "deadlines");
	char iso[11];
	for (size_t i = 0; i < cfg->n_deadlines; i++) {
		int y = cfg->deadlines[i].date / 10000;
		const cfg_node *date = cfg_item_key(val, i, "date");
		/* A plan's last steps (final review) may fall early the next year;
		 * any other year is a typo. */
		if (cfg->plan.year && cfg->deadlines[i].date && date && y != cfg->plan.year &&
		    y != cfg->plan.year + 1)
			cfg_error(l->d, date->line, date->col,
			          "ngày %s không thuộc năm kế hoạch %d (hoặc đầu năm sau)",
			          date_iso(cfg->deadlines[i].date, iso), cfg->plan.year);
	}
}

static void top_awards(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	dh_config *cfg = obj;
	cfg->awards = cfg_walk_keyed_seq(l, val, "awards", "id", sizeof *cfg->awards,
	                                 CFG_FIELDS(award_fields), &cfg->n_awards);
}

static void top_holds(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	dh_config *cfg = obj;
	cfg->holds = cfg_walk_keyed_seq(l, val, "holds", "id", sizeof *cfg->holds, CFG_FIELDS(hold_fields),
	                                &cfg->n_holds);
}

static const cfg_field top_fields[] = {
    {"organization", F_MAP, true, 0, 0, 0, NULL, &organization_table},
    {"plan", F_MAP, true, 0, 0, 0, NULL, &plan_table},
    {"storage", F_MAP, false, 0, 0, 0, NULL, &storage_table},
    {"departments", F_CUSTOM, true, 0, 0, 0, cfg_top_departments, NULL},
    {"people", F_CUSTOM, true, 0, 0, 0, cfg_top_people, NULL},
    {"council", F_CUSTOM, true, 0, 0, 0, cfg_top_council, NULL},
    {"criteria", F_CUSTOM, true, 0, 0, 0, top_criteria, NULL},
    {"deadlines", F_CUSTOM, true, 0, 0, 0, top_deadlines, NULL},
    {"awards", F_CUSTOM, true, 0, 0, 0, top_awards, NULL},
    {"holds", F_CUSTOM, false, 0, 0, 0, top_holds, NULL},
    {"permissions", F_CUSTOM, false, 0, 0, 0, cfg_top_permissions, NULL},
    {"documents", F_MAP, false, offsetof(dh_config, documents), 0, 0, NULL, &cfg_documents_table},
    {"certificate", F_MAP, false, offsetof(dh_config, certificate), 0, 0, NULL, &cfg_certificate_table},
};

/* ---- load and free --------------------------------------------------- */

/* "PATH: không đọc được tệp cấu hình: WHY" as DIAG's next entry. */
static void read_error(const char *path, const char *why, dh_diag *diag)
{
	char *msg = NULL;
	if (asprintf(&msg, "%s: không đọc được tệp cấu hình: %s\n", path, why) < 0)
		return;
	char **lines = realloc(diag->lines, (diag->n + 1) * sizeof *lines);
	if (lines) {
		diag->lines = lines;
		diag->lines[diag->n++] = msg;
	} else {
		free(msg);
	}
}

static int read_file(const char *path, char **buf, size_t *len, dh_diag *diag)
{
	const char *why = NULL;
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st = {0};
	if (fd < 0 || fstat(fd, &st) != 0) {
		why = errno == ENOENT   ? "không có tệp này"
		      : errno == EACCES ? "không có quyền đọc"
		                        : strerror(errno);
	} else if (S_ISDIR(st.st_mode)) {
		why = "đây là một thư mục, không phải tệp";
	} else if (st.st_size > CFG_MAX_FILE_BYTES) {
		why = "tệp quá lớn cho một tệp cấu hình (quá 1 MiB)";
	}
	if (!why) {
		size_t cap = (size_t)st.st_size + 1, n = 0;
		char *b = malloc(cap + 1);
		while (b) {
			ssize_t r = read(fd, b + n, cap - n);
			if (r < 0 && errno == EINTR)
				continue;
			if (r < 0) {
				why = strerror(errno);
				break;
			}
			if (r == 0)
				break;
			n += (size_t)r;
			if (n > CFG_MAX_FILE_BYTES) {
				why = "tệp quá lớn cho một tệp cấu hình (quá 1 MiB)";
				break;
			}
			if (n == cap) {
				char *nb = realloc(b, cap * 2 + 1);
				if (!nb) {
					free(b);
					b = NULL;
					break;
				}
				b = nb;
				cap *= 2;
			}
		}
		if (!b && !why)
			why = "hết bộ nhớ";
		if (why) {
			free(b);
		} else {
			b[n] = '\0';
			*buf = b;
			*len = n;
		}
	}
	if (fd >= 0)
		close(fd);
	if (!why)
		return 0;
	read_error(path, why, diag);
	return DH_EIO;
}

/* The loader proper, shared by config_load and config_load_buffer: SRC
 * holds LEN bytes and a NUL after them; PATH names it in the messages. */
static int config_parse(const char *path, const char *src, size_t len, dh_config **out, dh_diag *diag)
{
	int rc;
	cfg_diags d = {.path = path, .src = src, .len = len};
	cfg_node *root = NULL;
	dh_config *cfg = NULL;
	if (cfg_tree_parse(&d, src, len, &root)) {
		cfg = calloc(1, sizeof *cfg);
		if (!cfg || !(cfg->path = strdup(path))) {
			cfg_error(&d, 0, 0, "hết bộ nhớ");
		} else {
			cfg_loader l = {.d = &d, .cfg = cfg};
			cfg_documents_defaults(&cfg->documents);
			cfg_certificate_defaults(&cfg->certificate);
			cfg_walk_map(&l, root, "cấu hình", CFG_FIELDS(top_fields), cfg);
			cfg_documents_finish(&l, &cfg->documents);
			if (!cfg->storage_path && !(cfg->storage_path = strdup("var/data")))
				cfg_error(&d, 0, 0, "hết bộ nhớ");
		}
	}
	cfg_tree_free(root);

	rc = 0;
	if (d.n || d.dropped || d.oom) {
		rc = DH_ECONFIG;
		if (cfg_diags_render(&d, diag) != 0)
			rc = DH_ECONFIG;
		config_free(cfg);
	} else {
		*out = cfg;
	}
	cfg_diags_free(&d);
	return rc;
}

int config_load(const char *path, dh_config **out, dh_diag *diag)
{
	*out = NULL;
	char *src = NULL;
	size_t len = 0;
	int rc = read_file(path, &src, &len, diag);
	if (rc)
		return rc;
	rc = config_parse(path, src, len, out, diag);
	free(src);
	return rc;
}

int config_load_buffer(const char *name, const char *buf, size_t len, dh_config **out, dh_diag *diag)
{
	*out = NULL;
	/* The bound read_file puts on a file, and the NUL it puts after the
	 * bytes. */
	if (len > CFG_MAX_FILE_BYTES) {
		read_error(name, "tệp quá lớn cho một tệp cấu hình (quá 1 MiB)", diag);
		return DH_EIO;
	}
	char *src = malloc(len + 1);
	if (!src) {
		read_error(name, "hết bộ nhớ", diag);
		return DH_ENOMEM;
	}
	if (len)
		memcpy(src, buf, len);
	src[len] = '\0';
	int rc = config_parse(name, src, len, out, diag);
	free(src);
	return rc;
}

void config_free(dh_config *cfg)
{
	if (!cfg)
		return;
	free(cfg->path);
	/* organization, plan, storage and documents.folder */
	cfg_free_texts(cfg, CFG_FIELDS(top_fields));
	cfg_people_free(cfg);
	for (int k = 0; k < DH_CANDIDATE_KINDS; k++)
		cfg_free_seq(cfg->criteria.list[k], cfg->criteria.n[k], sizeof *cfg->criteria.list[k],
		             CFG_FIELDS(criterion_fields));
	for (size_t i = 0; i < cfg->n_deadlines; i++)
		free(cfg->deadlines[i].closes); /* deadline_closes' own */
	cfg_free_seq(cfg->deadlines, cfg->n_deadlines, sizeof *cfg->deadlines, CFG_FIELDS(deadline_fields));
	cfg_free_seq(cfg->awards, cfg->n_awards, sizeof *cfg->awards, CFG_FIELDS(award_fields));
	cfg_free_seq(cfg->holds, cfg->n_holds, sizeof *cfg->holds, CFG_FIELDS(hold_fields));
	for (int k = 0; k < DH_DOC_CODES; k++) {
		free(cfg->documents.codes[k]);
		for (size_t i = 0; i < cfg->documents.n_recipients[k]; i++)
			free(cfg->documents.recipients[k][i]);
		free(cfg->documents.recipients[k]);
	}
	for (size_t i = 0; i < cfg->documents.n_basis; i++)
		free(cfg->documents.basis[i]);
	free(cfg->documents.basis);
	free(cfg);
}
