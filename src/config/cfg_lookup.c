/* cfg_lookup.c — finding things in a loaded config (config.h). */
#include "cfg_internal.h"

#include "dienhinh/utf8.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The first of N items of SIZE bytes at ITEMS whose text at KEY_OFFSET is
 * KEY (NULL KEY: none). As with strchr, the item is the caller's to
 * qualify. */
static void *find_key(const void *items, size_t n, size_t size, size_t key_offset, const char *key)
{
	for (size_t i = 0; key && i < n; i++) {
		const char *item = (const char *)items + i * size;
		const char *k;
		memcpy(&k, item + key_offset, sizeof k);
		if (k && strcmp(k, key) == 0)
			return (void *)item;
	}
	return NULL;
}

const dh_department *cfg_find_department(const dh_config *cfg, const char *id)
{
	return find_key(cfg->departments, cfg->n_departments, sizeof *cfg->departments,
	                offsetof(dh_department, id), id);
}

dh_person *cfg_find_person(const dh_config *cfg, const char *login)
{
	return find_key(cfg->people, cfg->n_people, sizeof *cfg->people, offsetof(dh_person, login), login);
}

/* ---- finding things -------------------------------------------------- */

const char *config_find(const char *explicit_path)
{
	if (explicit_path && *explicit_path)
		return explicit_path;
	const char *env = getenv("DIENHINH_CONFIG");
	if (env && *env)
		return env;
	if (access("config/dienhinh.yaml", F_OK) == 0)
		return "config/dienhinh.yaml";
	return config_system_path();
}

const dh_department *config_department(const dh_config *cfg, const char *id)
{
	return id ? cfg_find_department(cfg, id) : NULL;
}

const char *config_department_short(const dh_config *cfg, const char *id)
{
	const dh_department *d = config_department(cfg, id);
	if (!d)
		return id ? id : "";
	if (d->short_name && *d->short_name)
		return d->short_name;
	if (!d->name)
		return d->id;
	/* "Phòng Nghiệp vụ 1" reads as "Nghiệp vụ 1" in a column headed Đơn vị. */
	static const char prefix[] = "Phòng ";
	if (strncmp(d->name, prefix, sizeof(prefix) - 1) == 0 && d->name[sizeof(prefix) - 1])
		return d->name + sizeof(prefix) - 1;
	return d->name;
}

const dh_department *config_department_lookup(const dh_config *cfg, const char *id_or_name)
{
	if (!id_or_name)
		return NULL;
	while (*id_or_name == ' ' || *id_or_name == '\t')
		id_or_name++;
	size_t n = strlen(id_or_name);
	while (n > 0 && (id_or_name[n - 1] == ' ' || id_or_name[n - 1] == '\t'))
		n--;
	char *trimmed = strndup(id_or_name, n);
	if (!trimmed)
		return NULL;
	const dh_department *d = cfg_find_department(cfg, trimmed);
	char *nfc = d ? NULL : utf8_nfc(trimmed);
	for (size_t i = 0; nfc && !d && i < cfg->n_departments; i++)
		if (utf8_casecmp(cfg->departments[i].name, nfc) == 0 ||
		    (cfg->departments[i].short_name &&
		     utf8_casecmp(cfg->departments[i].short_name, nfc) == 0))
			d = &cfg->departments[i];
	free(nfc);
	free(trimmed);
	return d;
}

const dh_person *config_person(const dh_config *cfg, const char *login)
{
	return login ? cfg_find_person(cfg, login) : NULL;
}

const char *config_department_name(const dh_config *cfg, const char *id)
{
	const dh_department *d = config_department(cfg, id);
	return d && d->name ? d->name : (id ? id : "");
}

const char *config_person_name(const dh_config *cfg, const char *login)
{
	const dh_person *p = config_person(cfg, login);
	return p && p->name ? p->name : (login ? login : "");
}

const dh_hold_kind *config_hold(const dh_config *cfg, const char *id)
{
	return find_key(cfg->holds, cfg->n_holds, sizeof *cfg->holds, offsetof(dh_hold_kind, id), id);
}

const dh_award *config_award(const dh_config *cfg, const char *id)
{
	return find_key(cfg->awards, cfg->n_awards, sizeof *cfg->awards, offsetof(dh_award, id), id);
}

const dh_deadline *config_deadline(const dh_config *cfg, const char *id)
{
	return find_key(cfg->deadlines, cfg->n_deadlines, sizeof *cfg->deadlines, offsetof(dh_deadline, id),
	                id);
}

const dh_deadline *config_deadline_closing(const dh_config *cfg, const char *action)
{
	return find_key(cfg->deadlines, cfg->n_deadlines, sizeof *cfg->deadlines,
	                offsetof(dh_deadline, closes), action);
}

const dh_criterion *config_criterion(const dh_config *cfg, int kind_index, const char *id)
{
	if (kind_index < 0 || kind_index >= DH_CANDIDATE_KINDS)
		return NULL;
	return find_key(cfg->criteria.list[kind_index], cfg->criteria.n[kind_index], sizeof(dh_criterion),
	                offsetof(dh_criterion, id), id);
}
