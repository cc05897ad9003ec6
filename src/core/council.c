/* council.c — quorum, thresholds and the result of a council vote, in exact
 * integer arithmetic (see council.h for the rules). */
#include "dienhinh/council.h"

#include "dienhinh/error.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool list_has(const dh_strlist *l, const char *s);
static int vote_index(const dh_strlist *votes, const char *login);

static bool list_has(const dh_strlist *l, const char *s)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i] && strcmp(l->v[i], s) == 0)
			return true;
	return false;
}

/* Index of LOGIN's "login=x" entry in VOTES, or -1. */
static int vote_index(const dh_strlist *votes, const char *login)
{
	size_t len = strlen(login);
	for (size_t i = 0; i < votes->n; i++) {
		const char *e = votes->v[i];
		if (e && strncmp(e, login, len) == 0 && e[len] == '=')
			return (int)i;
	}
	return -1;
}

/* Entry I of L out of the list. */
static void list_remove(dh_strlist *l, int i)
{
	free(l->v[i]);
	memmove(&l->v[i], &l->v[i + 1], (l->n - (size_t)i - 1) * sizeof(char *));
	l->n--;
}

int council_present(const dh_council *c, const dh_session *s)
{
	int n = 0;
	for (size_t i = 0; i < c->n_members; i++)
		if (list_has(&s->present, c->members[i].login))
			n++;
	return n;
}

int council_quorum_needed(const dh_council *c)
{
	int64_t need = (int64_t)c->quorum.num * (int64_t)c->n_members;
	int64_t den = c->quorum.den > 0 ? c->quorum.den : 1;
	return (int)((need + den - 1) / den);
}

bool council_has_quorum(const dh_council *c, int present)
{
	return (int64_t)present * c->quorum.den >= (int64_t)c->quorum.num * (int64_t)c->n_members;
}

bool council_passes(const dh_council *c, int agree, int base)
{
	if (base <= 0)
		return false;
	int64_t lhs = (int64_t)agree * c->threshold.den;
	int64_t rhs = (int64_t)c->threshold.num * base;
	return c->rule == DH_RULE_MORE_THAN ? lhs > rhs : lhs >= rhs;
}

int council_votes_needed(const dh_council *c, int base)
{
	if (base <= 0)
		return base + 1;
	int64_t num = (int64_t)c->threshold.num * base;
	int64_t den = c->threshold.den > 0 ? c->threshold.den : 1;
	int64_t need = c->rule == DH_RULE_MORE_THAN ? num / den + 1 : (num + den - 1) / den;
	return need > base ? base + 1 : (int)need;
}

const char *council_percent(int agree, int base, char *buf, size_t size)
{
	if (base <= 0) {
		agree = 0;
		base = 1;
	}
	/* tenths of a percent, rounded half up: (1000a/b + 1/2) */
	int64_t tenths = ((int64_t)agree * 2000 + base) / (2 * (int64_t)base);
	char text[48];
	snprintf(text, sizeof(text), "%lld,%lld%%", (long long)(tenths / 10), (long long)(tenths % 10));
	size_t len = strlen(text);
	if (size == 0)
		return buf;
	if (len >= size)
		len = size - 1;
	memcpy(buf, text, len);
	buf[len] = '\0';
	return buf;
}

void council_rule_words(const dh_council *c, char *buf, size_t size)
{
	const char *of = c->base == DH_BASE_MEMBERS ? "tổng số thành viên Hội đồng" : "số thành viên dự họp";
	if (c->rule == DH_RULE_MORE_THAN)
		snprintf(buf, size, "trên %d/%d %s", c->threshold.num, c->threshold.den, of);
	else
		snprintf(buf, size, "từ %d/%d %s trở lên", c->threshold.num, c->threshold.den, of);
}

bool council_is_member(const dh_council *c, const char *login)
{
	return council_member_role(c, login) != 0;
}

unsigned council_member_role(const dh_council *c, const char *login)
{
	if (!login)
		return 0;
	for (size_t i = 0; i < c->n_members; i++)
		if (c->members[i].login && strcmp(c->members[i].login, login) == 0)
			return c->members[i].role ? c->members[i].role : DH_ROLE_MEMBER;
	return 0;
}

dh_attendance council_attendance(const dh_session *s, const char *login)
{
	if (list_has(&s->present, login))
		return DH_PRESENT;
	if (list_has(&s->written, login))
		return DH_WRITTEN;
	return DH_ABSENT;
}

bool council_is_recused(const dh_vote_item *it, const char *login)
{
	return list_has(&it->recused, login);
}

dh_vote council_vote_of(const dh_vote_item *it, const char *login)
{
	int i = vote_index(&it->votes, login);
	if (i < 0)
		return DH_VOTE_NONE;
	switch (it->votes.v[i][strlen(login) + 1]) {
	case 'a': return DH_VOTE_AGREE;
	case 'd': return DH_VOTE_DISAGREE;
	case 'b': return DH_VOTE_ABSTAIN;
	}
	return DH_VOTE_NONE;
}

char council_vote_code(dh_vote v)
{
	switch (v) {
	case DH_VOTE_AGREE: return 'a';
	case DH_VOTE_DISAGREE: return 'd';
	case DH_VOTE_ABSTAIN: return 'b';
	case DH_VOTE_NONE: break;
	}
	return 0;
}

const char *council_vote_label(dh_vote v)
{
	switch (v) {
	case DH_VOTE_AGREE: return "Tán thành";
	case DH_VOTE_DISAGREE: return "Không tán thành";
	case DH_VOTE_ABSTAIN: return "Không biểu quyết";
	case DH_VOTE_NONE: break;
	}
	return "Chưa biểu quyết";
}

const char *council_note_of(const dh_strlist *notes, const char *login)
{
	int i = login ? vote_index(notes, login) : -1;
	return i >= 0 ? notes->v[i] + strlen(login) + 1 : NULL;
}

int council_set_note(dh_strlist *notes, const char *login, const char *text)
{
	int i = vote_index(notes, login);
	if (i >= 0) {
		list_remove(notes, i);
	}
	if (!text || !*text)
		return 0;
	size_t n = strlen(login) + strlen(text) + 2;
	char *entry = malloc(n);
	if (!entry)
		return DH_ENOMEM;
	snprintf(entry, n, "%s=%s", login, text);
	return strlist_take(notes, entry);
}

bool council_is_called(const dh_session *s, const char *login)
{
	return list_has(&s->present, login) || list_has(&s->written, login) || list_has(&s->absent, login);
}

int council_set_vote(dh_strlist *votes, const char *login, dh_vote v)
{
	int i = vote_index(votes, login);
	char code = council_vote_code(v);
	if (!code) {
		if (i >= 0) {
			list_remove(votes, i);
		}
		return 0;
	}
	size_t len = strlen(login);
	char *entry = malloc(len + 3);
	if (!entry)
		return DH_ENOMEM;
	memcpy(entry, login, len);
	entry[len] = '=';
	entry[len + 1] = code;
	entry[len + 2] = '\0';
	if (i >= 0) {
		free(votes->v[i]);
		votes->v[i] = entry;
		return 0;
	}
	return strlist_take(votes, entry);
}

void council_tally(const dh_council *c, const dh_session *s, const dh_vote_item *it, dh_tally *t)
{
	memset(t, 0, sizeof(*t));
	t->members = (int)c->n_members;
	t->quorum_needed = council_quorum_needed(c);
	t->hidden = s->method == DH_VOTE_SECRET && !it->closed;

	/* Count from the member list, so a login that is not (or no longer)
	 * a member can never add a vote or a head. */
	int eligible = 0; /* members not recused */
	for (size_t i = 0; i < c->n_members; i++) {
		const char *login = c->members[i].login;
		dh_attendance at = council_attendance(s, login);
		if (at == DH_PRESENT)
			t->present++;
		if (council_is_recused(it, login)) {
			t->recused++;
			continue;
		}
		eligible++;
		bool votes = at == DH_PRESENT || (at == DH_WRITTEN && c->written_votes_count);
		if (!votes)
			continue;
		t->voters++;
		if (at == DH_WRITTEN)
			t->written++;
		if (s->method == DH_VOTE_OPEN) {
			switch (council_vote_of(it, login)) {
			case DH_VOTE_AGREE: t->agree++; break;
			case DH_VOTE_DISAGREE: t->disagree++; break;
			case DH_VOTE_ABSTAIN: t->abstain++; break;
			case DH_VOTE_NONE: break;
			}
		}
	}
	if (s->method == DH_VOTE_SECRET) {
		t->agree = it->agree > 0 ? it->agree : 0;
		t->disagree = it->disagree > 0 ? it->disagree : 0;
		t->abstain = it->abstain > 0 ? it->abstain : 0;
	}
	t->cast = t->agree + t->disagree + t->abstain;
	t->outstanding = t->voters > t->cast ? t->voters - t->cast : 0;
	t->quorum = council_has_quorum(c, t->present);
	t->base = c->base == DH_BASE_MEMBERS ? eligible : t->voters;
	t->needed = council_votes_needed(c, t->base);

	bool passes_now = council_passes(c, t->agree, t->base);
	t->can_pass = t->quorum && council_passes(c, t->agree + t->outstanding, t->base);
	t->result = t->quorum && passes_now ? DH_RESULT_PASSED : DH_RESULT_FAILED;
	t->decided = t->quorum && (passes_now || !t->can_pass);

	if (!t->quorum) {
		snprintf(t->reason, sizeof(t->reason), "không đủ số thành viên dự họp (%d/%d < %d/%d)",
		         t->present, t->members, c->quorum.num, c->quorum.den);
		return;
	}
	if (t->base <= 0) {
		snprintf(t->reason, sizeof(t->reason), "không có thành viên nào được biểu quyết — không đạt");
		return;
	}
	char pct[16];
	council_percent(t->agree, t->base, pct, sizeof(pct));
	const char *sign;
	if (c->rule == DH_RULE_MORE_THAN)
		sign = passes_now ? ">" : "≤";
	else
		sign = passes_now ? "≥" : "<";
	snprintf(t->reason, sizeof(t->reason), "%d/%d = %s %s %d/%d — %s", t->agree, t->base, pct, sign,
	         c->threshold.num, c->threshold.den, passes_now ? "đạt" : "không đạt");
}
