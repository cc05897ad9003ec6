/* scr_council_model.c — a council session as the screen shows it: the
 * session, its agenda with each nominee and live tally, the words of the
 * quorum and of each result, what is hidden while a secret vote is open,
 * and the count being typed. No curses here, so unit tests drive it
 * against a real database. */
#include "dienhinh/ui_council.h"

#include "dienhinh/buf.h"
#include "dienhinh/error.h"
#include "dienhinh/repo.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int item_collect(const void *rec, void *arg);
static int item_order(const void *a, const void *b);

typedef struct item_gather {
	ui_council_model *m;
	size_t cap;
	int err;
} item_gather;

static int item_collect(const void *rec, void *arg)
{
	item_gather *g = arg;
	const dh_vote_item *it = rec;
	if (it->meta.deleted)
		return 0;
	if (buf_reserve(&g->m->items, &g->cap, g->m->n + 1, sizeof(*g->m->items))) {
		g->err = DH_ENOMEM;
		return 1;
	}
	ui_council_item *ci = &g->m->items[g->m->n];
	memset(ci, 0, sizeof(*ci));
	ci->item = record_dup(DH_R_VOTE_ITEM, it);
	if (!ci->item) {
		g->err = DH_ENOMEM;
		return 1;
	}
	g->m->n++;
	return 0;
}

static int item_order(const void *a, const void *b)
{
	const dh_vote_item *x = ((const ui_council_item *)a)->item;
	const dh_vote_item *y = ((const ui_council_item *)b)->item;
	if (x->order != y->order)
		return x->order < y->order ? -1 : 1;
	return x->meta.id < y->meta.id ? -1 : x->meta.id > y->meta.id;
}

int ui_council_load(dh_ctx *ctx, uint64_t session_id, ui_council_model *m)
{
	memset(m, 0, sizeof(*m));
	if (!ctx->store)
		return DH_EIO;
	void *rec = NULL;
	int rc = repo_get(ctx->store, DH_R_SESSION, session_id, &rec);
	if (rc)
		return rc;
	m->session = rec;
	item_gather g = {.m = m};
	rc = repo_children(ctx->store, DH_R_VOTE_ITEM, session_id, item_collect, &g);
	if (!rc)
		rc = g.err;
	if (rc) {
		ui_council_model_free(m);
		return rc;
	}
	if (m->n > 1)
		qsort(m->items, m->n, sizeof(*m->items), item_order);
	const dh_council *c = &ctx->cfg->council;
	for (size_t i = 0; i < m->n; i++) {
		ui_council_item *ci = &m->items[i];
		void *cand = NULL;
		if (repo_get(ctx->store, DH_R_CANDIDATE, ci->item->candidate_id, &cand) == 0)
			ci->candidate = cand;
		council_tally(c, m->session, ci->item, &ci->tally);
	}
	m->present = council_present(c, m->session);
	for (size_t i = 0; i < c->n_members; i++)
		if (council_attendance(m->session, c->members[i].login) == DH_WRITTEN)
			m->written++;
	return 0;
}

void ui_council_model_free(ui_council_model *m)
{
	for (size_t i = 0; i < m->n; i++) {
		record_free(DH_R_VOTE_ITEM, m->items[i].item);
		if (m->items[i].candidate)
			record_free(DH_R_CANDIDATE, m->items[i].candidate);
	}
	free(m->items);
	if (m->session)
		record_free(DH_R_SESSION, m->session);
	memset(m, 0, sizeof(*m));
}

int ui_council_find(const ui_council_model *m, uint64_t item_id)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->items[i].item->meta.id == item_id)
			return (int)i;
	return -1;
}

void ui_council_quorum_text(const dh_council *c, int present, char *buf, size_t size)
{
	bool ok = council_has_quorum(c, present);
	snprintf(buf, size, "Có mặt %d/%zu — %s (cần %d = %d/%d)", present, c->n_members,
	         ok ? "đủ số lượng" : "chưa đủ số lượng", council_quorum_needed(c), c->quorum.num,
	         c->quorum.den);
}

void ui_council_progress(const ui_council_model *m, char *buf, size_t size)
{
	size_t closed = 0, passed = 0;
	for (size_t i = 0; i < m->n; i++)
		if (m->items[i].item->closed) {
			closed++;
			if (m->items[i].item->result == DH_RESULT_PASSED)
				passed++;
		}
	snprintf(buf, size, "%zu/%zu đã chốt, %zu đạt", closed, m->n, passed);
}

void ui_council_rule_line(const dh_council *c, const ui_council_item *ci, char *buf, size_t size)
{
	char words[200];
	council_rule_words(c, words, sizeof(words));
	if (!ci || ci->tally.recused == 0) {
		snprintf(buf, size, "Đạt khi số phiếu tán thành %s", words);
		return;
	}
	/* Recusal takes members off the base: say from what to what. */
	const char *op = c->rule == DH_RULE_MORE_THAN ? "trên" : "từ";
	const char *tail = c->rule == DH_RULE_MORE_THAN ? "" : " trở lên";
	if (c->base == DH_BASE_MEMBERS)
		snprintf(buf, size,
		         "Đạt khi số phiếu tán thành %s %d/%d của %d thành viên được biểu quyết (%d − %d)%s",
		         op, c->threshold.num, c->threshold.den, ci->tally.base, ci->tally.members,
		         ci->tally.recused, tail);
	else
		snprintf(buf, size,
		         "Đạt khi số phiếu tán thành %s %d/%d của %d thành viên dự họp được biểu quyết "
		         "(không tính %d người không tham gia)%s",
		         op, c->threshold.num, c->threshold.den, ci->tally.base, ci->tally.recused, tail);
}

/* Whether the room may see this item's numbers. */
static bool item_hidden(const ui_council_item *ci)
{
	return ci->tally.hidden && !ci->item->closed;
}

void ui_council_count_cells(const ui_council_item *ci, char cells[3][16])
{
	const dh_vote_item *it = ci->item;
	if (item_hidden(ci)) {
		bool any = it->agree > 0 || it->disagree > 0 || it->abstain > 0;
		for (int k = 0; k < 3; k++)
			snprintf(cells[k], 16, "%s", any ? "•" : "—");
		return;
	}
	/* A closed secret item shows what was typed; an open vote counts the
	 * members' votes (council_tally fills both the same way). */
	snprintf(cells[0], 16, "%d", ci->tally.agree);
	snprintf(cells[1], 16, "%d", ci->tally.disagree);
	snprintf(cells[2], 16, "%d", ci->tally.abstain);
}

void ui_council_result_cell(const ui_council_item *ci, char *buf, size_t size, int *style)
{
	const dh_vote_item *it = ci->item;
	const dh_tally *t = &ci->tally;
	if (it->closed) {
		bool passed = it->result == DH_RESULT_PASSED;
		snprintf(buf, size, "%s (chốt)", passed ? "Đạt" : "Không đạt");
		*style = passed ? UI_S_OK : UI_S_ERROR;
		return;
	}
	if (item_hidden(ci)) {
		if (t->cast == 0) {
			snprintf(buf, size, "Chưa có phiếu");
			*style = UI_S_DIM;
		} else {
			snprintf(buf, size, "Đã nhập %d/%d", t->cast, t->voters);
			*style = UI_S_NORMAL;
		}
		return;
	}
	if (t->cast == 0) {
		snprintf(buf, size, "Chưa có phiếu");
		*style = UI_S_DIM;
	} else if (t->result == DH_RESULT_PASSED) {
		snprintf(buf, size, "Đạt");
		*style = UI_S_OK;
	} else if (t->can_pass) {
		snprintf(buf, size, "Chưa đạt");
		*style = UI_S_WARN;
	} else {
		snprintf(buf, size, "Không đạt");
		*style = UI_S_ERROR;
	}
}

void ui_council_reason_text(const ui_council_item *ci, char *buf, size_t size)
{
	const dh_vote_item *it = ci->item;
	const dh_tally *t = &ci->tally;
	if (it->closed) {
		snprintf(buf, size, "Đã chốt: %s", it->reason ? it->reason : "");
		return;
	}
	if (item_hidden(ci)) {
		if (!t->quorum)
			snprintf(buf, size, "Phiếu kín: %s", t->reason);
		else
			snprintf(buf, size, "Phiếu kín: đã nhập %d/%d phiếu; kết quả công bố khi chốt",
			         t->cast, t->voters);
		return;
	}
	if (t->cast == 0 && t->quorum && t->base > 0)
		snprintf(buf, size, "Chưa có phiếu · cần %d/%d phiếu tán thành để đạt", t->needed, t->base);
	else if (t->outstanding > 0 && t->quorum)
		snprintf(buf, size, "%s · còn %d phiếu chưa ghi", t->reason, t->outstanding);
	else
		snprintf(buf, size, "%s", t->reason);
}

int ui_council_entry_digit(ui_council_entry *e, int digit)
{
	if (digit < 0 || digit > 9)
		return DH_EINVAL;
	if (!e->editing) {
		e->editing = true;
		e->digits[0] = '\0';
	}
	size_t len = strlen(e->digits);
	if (len == 1 && e->digits[0] == '0') /* "07" is 7 */
		len = 0;
	if (len >= UI_COUNCIL_DIGITS)
		return DH_EINVAL;
	e->digits[len] = (char)('0' + digit);
	e->digits[len + 1] = '\0';
	return 0;
}

void ui_council_entry_backspace(ui_council_entry *e)
{
	if (!e->editing) {
		/* Backspace on a cell clears it: start typing from nothing. */
		e->editing = true;
		e->digits[0] = '\0';
		return;
	}
	size_t len = strlen(e->digits);
	if (len > 0)
		e->digits[len - 1] = '\0';
}

void ui_council_entry_cancel(ui_council_entry *e)
{
	e->editing = false;
	e->digits[0] = '\0';
}

bool ui_council_entry_value(const ui_council_entry *e, int *value)
{
	if (!e->editing)
		return false;
	*value = e->digits[0] ? atoi(e->digits) : 0;
	return true;
}

void ui_council_counts_with(const dh_vote_item *it, int col, int value, int out[3])
{
	out[0] = it->agree;
	out[1] = it->disagree;
	out[2] = it->abstain;
	if (col >= 0 && col < 3)
		out[col] = value;
}

ui_council_close_kind ui_council_close_check(const ui_council_item *ci, const char *name, char *buf,
                                             size_t size)
{
	const dh_tally *t = &ci->tally;
	const char *what = t->hidden ? "phiếu" : "đã biểu quyết";
	if (t->cast == 0) {
		snprintf(buf, size, "Chưa có phiếu nào cho «%s»: chưa chốt được.", name);
		return UI_CLOSE_EMPTY;
	}
	if (t->cast > t->voters) {
		snprintf(buf, size,
		         "Không chốt được: %d phiếu nhiều hơn %d thành viên được biểu quyết — sửa số phiếu.",
		         t->cast, t->voters);
		return UI_CLOSE_OVER;
	}
	if (t->cast < t->voters) {
		snprintf(buf, size,
		         "«%s»: %d phiếu/%d thành viên được biểu quyết (thiếu %d). Chốt và ghi lý do vào "
		         "biên bản?",
		         name, t->cast, t->voters, t->voters - t->cast);
		return UI_CLOSE_SHORT;
	}
	if (t->hidden)
		snprintf(buf, size, "Chốt, công bố kết quả «%s» (%d/%d %s)?", name, t->cast, t->voters, what);
	else
		snprintf(buf, size, "Chốt kết quả «%s» (%d/%d %s)?", name, t->cast, t->voters, what);
	return UI_CLOSE_EXACT;
}

void ui_council_result_words(const ui_council_item *ci, char *buf, size_t size)
{
	const char *reason = ci->item->reason ? ci->item->reason : ci->tally.reason;
	snprintf(buf, size, "%s", reason);
	/* "— đạt" / "— không đạt" at the end: capitalised for the room */
	char *dash = strstr(buf, "— ");
	while (dash && strstr(dash + 1, "— "))
		dash = strstr(dash + 1, "— ");
	if (!dash)
		return;
	char *v = dash + strlen("— ");
	if (strncmp(v, "đạt", strlen("đạt")) == 0)
		memcpy(v, "Đ", strlen("Đ")); /* đ and Đ are both two bytes */
	else if (*v == 'k')
		*v = 'K';
}
