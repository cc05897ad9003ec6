/* cfg_people.c — who is who and who may do what: `departments`, `people`,
 * `council` (members, vote, recuse), the roles and `permissions`. */
#include "cfg_internal.h"

#include "dienhinh/utf8.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

static const struct {
	unsigned bit;
	const char *name;
	const char *label;
} role_table[DH_ROLE_COUNT] = {
    {DH_ROLE_CHIEF, "chief", "Chánh Thanh tra"},
    {DH_ROLE_LEADER, "leader", "Phó Chánh Thanh tra"},
    {DH_ROLE_DEPT_HEAD, "dept_head", "Trưởng phòng"},
    {DH_ROLE_OFFICE, "office", "Cán bộ thi đua - khen thưởng"},
    {DH_ROLE_STAFF, "staff", "Công chức"},
    {DH_ROLE_CHAIR, "chair", "Chủ tịch Hội đồng"},
    {DH_ROLE_VICE_CHAIR, "vice_chair", "Phó Chủ tịch Hội đồng"},
    {DH_ROLE_STANDING, "standing", "Ủy viên thường trực"},
    {DH_ROLE_SECRETARY, "secretary", "Thư ký Hội đồng"},
    {DH_ROLE_MEMBER, "member", "Ủy viên Hội đồng"},
};

unsigned config_role_from_name(const char *name)
{
	for (size_t i = 0; i < DH_ROLE_COUNT; i++)
		if (strcmp(role_table[i].name, name) == 0)
			return role_table[i].bit;
	return 0;
}

const char *config_role_name(unsigned role)
{
	for (size_t i = 0; i < DH_ROLE_COUNT; i++)
		if (role_table[i].bit == role)
			return role_table[i].name;
	return "?";
}

const char *config_role_label(unsigned role)
{
	for (size_t i = 0; i < DH_ROLE_COUNT; i++)
		if (role_table[i].bit == role)
			return role_table[i].label;
	return "?";
}

/* Names of the roles in MASK, in table order. */
static size_t role_names(unsigned mask, const char **names)
{
	size_t n = 0;
	for (size_t i = 0; i < DH_ROLE_COUNT; i++)
		if (role_table[i].bit & mask)
			names[n++] = role_table[i].name;
	return n;
}

/* One role of ALLOWED from VAL, or 0 after an error. */
static unsigned one_role(cfg_loader *l, const cfg_node *val, unsigned allowed)
{
	const char *names[DH_ROLE_COUNT];
	size_t n = role_names(allowed, names);
	char shown[80], list[200];
	unsigned bit = config_role_from_name(val->value);
	if (bit && !(bit & allowed)) {
		if (bit & CFG_COUNCIL_ROLES)
			cfg_error(l->d, val->line, val->col,
			          "`%s` là vai trò trong Hội đồng: khai báo ở `council.members`, không ở "
			          "`roles` (%s)",
			          val->value, cfg_join(names, n, list, sizeof list));
		else
			cfg_error(l->d, val->line, val->col,
			          "`%s` không phải vai trò trong Hội đồng (chọn một trong: %s)", val->value,
			          cfg_join(names, n, list, sizeof list));
		return 0;
	}
	if (!bit) {
		int i = cfg_pick(l, val, cfg_show(val->value, shown, sizeof shown), "vai trò", names, n);
		return i < 0 ? 0 : config_role_from_name(names[i]);
	}
	return bit;
}

/* A list of roles (or a single one) from ALLOWED into a mask. */
static unsigned role_list(cfg_loader *l, const cfg_node *key, const cfg_node *val, unsigned allowed,
                          bool may_be_empty)
{
	if (val->kind == CFG_SCALAR)
		return one_role(l, val, allowed);
	if (val->kind != CFG_SEQ) {
		cfg_error(l->d, val->line, val->col, "`%s` phải là một danh sách vai trò, ví dụ [staff]",
		          key->value);
		return 0;
	}
	if (val->n == 0 && !may_be_empty) {
		cfg_error(l->d, val->line, val->col, "`%s` cần ít nhất một vai trò", key->value);
		return 0;
	}
	unsigned mask = 0;
	for (size_t i = 0; i < val->n; i++) {
		const cfg_node *it = val->items[i];
		if (it->kind != CFG_SCALAR) {
			cfg_error(l->d, it->line, it->col, "mỗi vai trò là một từ, ví dụ `staff`");
			continue;
		}
		unsigned bit = one_role(l, it, allowed);
		if (bit & mask)
			cfg_error(l->d, it->line, it->col, "vai trò `%s` lặp lại", it->value);
		mask |= bit;
	}
	return mask;
}

static const cfg_field department_fields[] = {
    {"id", F_ID, true, offsetof(dh_department, id), 0, 0, NULL, NULL},
    {"name", F_TEXT, true, offsetof(dh_department, name), 0, 0, NULL, NULL},
    {"short", F_TEXT, false, offsetof(dh_department, short_name), 0, 0, NULL, NULL},
};

static void person_roles(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	((dh_person *)obj)->roles = role_list(l, key, val, CFG_PERSON_ROLES, false);
}

static const cfg_field person_fields[] = {
    {"login", F_LOGIN, true, offsetof(dh_person, login), 0, 0, NULL, NULL},
    {"name", F_TEXT, true, offsetof(dh_person, name), 0, 0, NULL, NULL},
    {"position", F_TEXT, false, offsetof(dh_person, position), 0, 0, NULL, NULL},
    {"department", F_ID, true, offsetof(dh_person, department), 0, 0, NULL, NULL},
    {"roles", F_CUSTOM, true, 0, 0, 0, person_roles, NULL},
};

static void member_role(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	if (cfg_scalar(l, key, val))
		((dh_council_member *)obj)->role = one_role(l, val, CFG_COUNCIL_ROLES);
}

static const cfg_field member_fields[] = {
    {"login", F_LOGIN, true, offsetof(dh_council_member, login), 0, 0, NULL, NULL},
    {"role", F_CUSTOM, true, 0, 0, 0, member_role, NULL},
};

static void vote_method(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	static const char *const names[] = {"secret", "open"};
	int i = cfg_pick_scalar(l, key, val, "cách biểu quyết", names, 2);
	if (i >= 0)
		((dh_council *)obj)->method = i == 0 ? DH_VOTE_SECRET : DH_VOTE_OPEN;
}

static void vote_base(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	static const char *const names[] = {"members", "present"};
	int i = cfg_pick_scalar(l, key, val, "cách tính tỉ lệ (`of`)", names, 2);
	if (i >= 0)
		((dh_council *)obj)->base = i == 0 ? DH_BASE_MEMBERS : DH_BASE_PRESENT;
}

static void vote_rule(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj, dh_vote_rule rule)
{
	static const cfg_field frac = {"", F_FRAC, true, offsetof(dh_council, threshold), 0, 0, NULL, NULL};
	dh_council *c = obj;
	l->rules_seen++;
	if (rule == DH_RULE_AT_LEAST)
		l->at_least_key = key;
	c->rule = rule;
	cfg_parse_value(l, &frac, key, val, obj);
}

static void vote_more_than(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	vote_rule(l, key, val, obj, DH_RULE_MORE_THAN);
}

static void vote_at_least(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	vote_rule(l, key, val, obj, DH_RULE_AT_LEAST);
}

static const cfg_field vote_fields[] = {
    {"method", F_CUSTOM, true, 0, 0, 0, vote_method, NULL},
    {"approve_more_than", F_CUSTOM, false, 0, 0, 0, vote_more_than, NULL},
    {"approve_at_least", F_CUSTOM, false, 0, 0, 0, vote_at_least, NULL},
    {"of", F_CUSTOM, true, 0, 0, 0, vote_base, NULL},
    {"written_votes", F_BOOL, false, offsetof(dh_council, written_votes_count), 0, 0, NULL, NULL},
};

static void council_vote(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	l->rules_seen = 0;
	l->at_least_key = NULL;
	if (!cfg_walk_map(l, val, "council.vote", CFG_FIELDS(vote_fields), obj))
		return;
	if (l->rules_seen == 0)
		cfg_error(l->d, val->line, val->col,
		          "`council.vote` cần ngưỡng đạt: `approve_more_than` (trên …) hoặc "
		          "`approve_at_least` (từ … "
		          "trở lên)");
	else if (l->rules_seen > 1 && l->at_least_key)
		cfg_error(l->d, l->at_least_key->line, l->at_least_key->col,
		          "chỉ dùng một trong hai: `approve_more_than` hoặc `approve_at_least`");
}

static void council_recuse(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	static const char *const names[] = {"self", "department"};
	dh_council *c = obj;
	c->recuse_self = false;
	if (val->kind != CFG_SEQ) {
		cfg_error(l->d, val->line, val->col,
		          "`%s` phải là một danh sách, ví dụ [self] hoặc [self, department]", key->value);
		return;
	}
	bool seen[2] = {false, false};
	for (size_t i = 0; i < val->n; i++) {
		const cfg_node *it = val->items[i];
		const char *s = cfg_scalar(l, key, it);
		int k = s ? cfg_pick(l, it, s, "trường hợp không biểu quyết", names, 2) : -1;
		if (k < 0)
			continue;
		if (seen[k])
			cfg_error(l->d, it->line, it->col, "`%s` lặp lại", s);
		seen[k] = true;
	}
	c->recuse_self = seen[0];
	c->recuse_department = seen[1];
}

static void council_members(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	dh_council *c = obj;
	c->members = cfg_walk_seq(l, val, "council.members", sizeof *c->members, CFG_FIELDS(member_fields),
	                          &c->n_members);
	if (!c->members)
		return;
	cfg_check_unique(l, val, "login", "council.members");

	char shown[80], more[700];
	const char **logins = calloc(l->cfg->n_people + 1, sizeof *logins);
	size_t nl = 0;
	for (size_t i = 0; logins && i < l->cfg->n_people; i++)
		if (l->cfg->people[i].login)
			logins[nl++] = l->cfg->people[i].login;
	/* Roles one member at most may hold, the chair (whom the council
	 * needs) first; FIRST: where each was given. */
	static const struct {
		unsigned role;
		const char *title;
	} single[] = {{DH_ROLE_CHAIR, "Chủ tịch"}, {DH_ROLE_SECRETARY, "Thư ký"}};
	const cfg_node *first[2] = {NULL, NULL};
	for (size_t i = 0; i < c->n_members; i++) {
		const dh_council_member *m = &c->members[i];
		const cfg_node *login = cfg_item_key(val, i, "login");
		/* No people (cut for being too many, or missing): that error
		 * says it; one per member would only repeat it. */
		if (m->login && login && l->cfg->people && !cfg_find_person(l->cfg, m->login))
			cfg_error(l->d, login->line, login->col,
			          "thành viên Hội đồng `%s` không có trong danh sách `people`%s",
			          cfg_show(m->login, shown, sizeof shown),
			          logins ? cfg_hint(m->login, logins, nl, more, sizeof more) : "");
		const cfg_node *role = cfg_item_key(val, i, "role");
		for (size_t r = 0; r < sizeof single / sizeof single[0]; r++) {
			if (m->role != single[r].role)
				continue;
			if (first[r])
				cfg_error(l->d, role->line, role->col,
				          "Hội đồng chỉ có một %s (đã có ở dòng %d)", single[r].title,
				          first[r]->line);
			else
				first[r] = role;
		}
	}
	free(logins);
	if (!first[0])
		cfg_error(l->d, val->line, val->col,
		          "Hội đồng cần một thành viên có `role: chair` (Chủ tịch)");
}

static const cfg_field council_fields[] = {
    {"name", F_TEXT, true, offsetof(dh_council, name), 0, 0, NULL, NULL},
    {"members", F_CUSTOM, true, 0, 0, 0, council_members, NULL},
    {"quorum", F_FRAC, true, offsetof(dh_council, quorum), 0, 0, NULL, NULL},
    {"vote", F_CUSTOM, true, 0, 0, 0, council_vote, NULL},
    {"recuse", F_CUSTOM, false, 0, 0, 0, council_recuse, NULL},
};

void cfg_top_departments(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	dh_config *cfg = obj;
	cfg->departments = cfg_walk_keyed_seq(l, val, "departments", "id", sizeof *cfg->departments,
	                                      CFG_FIELDS(department_fields), &cfg->n_departments);
	/* Names are matched case-insensitively by import: they must differ so.
	 * Each name is folded once and the keys sorted (n log n, whatever
	 * prefix the names share). */
	size_t n = cfg->n_departments;
	char *keys[CFG_LIST_MAX] = {NULL};
	size_t first[CFG_LIST_MAX];
	bool ok = true;
	for (size_t i = 0; i < n && ok; i++)
		ok = !cfg->departments[i].name || (keys[i] = utf8_casefold(cfg->departments[i].name));
	if (!ok || !cfg_first_equal((const char *const *)keys, n, first)) {
		cfg_error(l->d, 0, 0, "hết bộ nhớ");
		n = 0;
	}
	char shown[80];
	for (size_t i = 1; i < n; i++) {
		if (first[i] == i)
			continue;
		const cfg_node *dup = cfg_item_key(val, i, "name");
		const cfg_node *was = cfg_item_key(val, first[i], "name");
		cfg_error(l->d, dup->line, dup->col, "trùng tên phòng `%s` (đã có ở dòng %d)",
		          cfg_show(cfg->departments[i].name, shown, sizeof shown), was->line);
	}
	for (size_t i = 0; i < cfg->n_departments; i++)
		free(keys[i]);
}

void cfg_top_people(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	dh_config *cfg = obj;
	cfg->people =
	    cfg_walk_seq(l, val, "people", sizeof *cfg->people, CFG_FIELDS(person_fields), &cfg->n_people);
	if (!cfg->people)
		return;
	cfg_check_unique(l, val, "login", "people");

	const char **ids = calloc(cfg->n_departments + 1, sizeof *ids);
	size_t nd = 0;
	for (size_t i = 0; ids && i < cfg->n_departments; i++)
		if (cfg->departments[i].id)
			ids[nd++] = cfg->departments[i].id;
	char shown[80], more[700];
	bool chief = false;
	for (size_t i = 0; i < cfg->n_people; i++) {
		const dh_person *p = &cfg->people[i];
		chief |= (p->roles & DH_ROLE_CHIEF) != 0;
		const cfg_node *dep = cfg_item_key(val, i, "department");
		if (p->department && dep && cfg->departments && !cfg_find_department(cfg, p->department))
			cfg_error(l->d, dep->line, dep->col, "phòng `%s` không có trong `departments`%s",
			          cfg_show(p->department, shown, sizeof shown),
			          ids ? cfg_hint(p->department, ids, nd, more, sizeof more) : "");
	}
	free(ids);
	if (!chief)
		cfg_error(l->d, key->line, key->col,
		          "`people` cần một người có vai trò `chief` (Chánh Thanh tra): chỉ người đó được "
		          "quyết định "
		          "công nhận, khen thưởng");
}

void cfg_top_council(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	dh_config *cfg = obj;
	cfg->council.recuse_self = true; /* a nominee never votes on themselves unless config says so */
	cfg_walk_map(l, val, "council", CFG_FIELDS(council_fields), &cfg->council);
	for (size_t i = 0; i < cfg->council.n_members; i++) {
		const dh_council_member *m = &cfg->council.members[i];
		dh_person *p = m->login ? cfg_find_person(cfg, m->login) : NULL;
		if (p)
			p->roles |= m->role;
	}
}

void cfg_top_permissions(cfg_loader *l, const cfg_node *key, const cfg_node *val, void *obj)
{
	(void)key;
	dh_config *cfg = obj;
	if (val->kind != CFG_MAP) {
		cfg_error(l->d, val->line, val->col,
		          "`permissions` phải là một bảng `thao tác: [vai trò, …]`, ví dụ record_votes: "
		          "[secretary]");
		return;
	}
	cfg_check_keys(l, val, "permissions", cfg_action_names, cfg_n_actions);
	cfg->permissions = calloc(cfg_n_actions, sizeof *cfg->permissions);
	if (!cfg->permissions) {
		cfg_error(l->d, 0, 0, "hết bộ nhớ");
		return;
	}
	/* Each action once, at its first key: a repeat is check_keys' to
	 * report, and remembering what was taken keeps this linear however
	 * often the file repeats it (config.c asserts that the actions fit
	 * CFG_KEYS_MAX). */
	bool taken[CFG_KEYS_MAX] = {false};
	for (size_t i = 0; i + 1 < val->n; i += 2) {
		const cfg_node *k = val->items[i];
		if (k->kind != CFG_SCALAR)
			continue;
		size_t a = 0;
		while (a < cfg_n_actions && strcmp(cfg_action_names[a], k->value) != 0)
			a++;
		if (a == cfg_n_actions || taken[a])
			continue; /* unknown or repeated: reported by check_keys */
		taken[a] = true;
		dh_permission *p = &cfg->permissions[cfg->n_permissions++];
		p->action = strdup(cfg_action_names[a]);
		if (!p->action)
			cfg_error(l->d, 0, 0, "hết bộ nhớ");
		p->roles = role_list(l, k, val->items[i + 1], CFG_PERSON_ROLES | CFG_COUNCIL_ROLES, true);
	}
}

void cfg_people_free(dh_config *cfg)
{
	cfg_free_seq(cfg->departments, cfg->n_departments, sizeof *cfg->departments,
	             CFG_FIELDS(department_fields));
	cfg_free_seq(cfg->people, cfg->n_people, sizeof *cfg->people, CFG_FIELDS(person_fields));
	cfg_free_texts(&cfg->council, CFG_FIELDS(council_fields));
	cfg_free_seq(cfg->council.members, cfg->council.n_members, sizeof *cfg->council.members,
	             CFG_FIELDS(member_fields));
	for (size_t i = 0; i < cfg->n_permissions; i++)
		free(cfg->permissions[i].action); /* cfg_top_permissions' own */
	free(cfg->permissions);
}
