/* audit_entry.c — one entry of screen 8 on its own page: who changed
 * which record when, and each field before and after (audit.h). */
#include "audit.h"

#include "dienhinh/ui_page.h"

#include <stdio.h>

#define ENTRY_LABEL_COLS 26

/* Values as long as a record's longest text, read one at a time. */
static char value[8192], old[8192];

/* The field name of M as a C string, into NAME (64 bytes). */
static const char *member_name(const ui_json_member *m, char *name, size_t size)
{
	snprintf(name, size, "%.*s", (int)m->name_len, m->name);
	return name;
}

/* Field M of A's record on one line: its label and its value as read. */
static void add_value(ui_page *p, const dh_ctx *ctx, const dh_audit *a, const ui_json_member *m)
{
	char name[64];
	member_name(m, name, sizeof(name));
	ui_page_add(p, UI_S_NORMAL, ui_audit_field_label(name), "%s",
	            audit_value_text(ctx, a->target_type, name, m, value, sizeof(value)));
}

/* Field AFTER of A's record, BEFORE (may be NULL) what it was: two lines. */
static void add_change(ui_page *p, const dh_ctx *ctx, const dh_audit *a, const ui_json_member *after,
                       const ui_json_member *before)
{
	char name[64];
	member_name(after, name, sizeof(name));
	audit_value_text(ctx, a->target_type, name, after, value, sizeof(value));
	audit_value_text(ctx, a->target_type, name, before, old, sizeof(old));
	ui_page_add(p, UI_S_DIM, ui_audit_field_label(name), "Trước: %s", *old ? old : "(trống)");
	ui_page_add(p, UI_S_OK, "", "Sau: %s", *value ? value : "(trống)");
}

static void entry_head(ui_page *p, const dh_ctx *ctx, const dh_audit *a)
{
	char when[32], subject[400];
	const dh_person *who = a->who ? config_person(ctx->cfg, a->who) : NULL;
	ui_page_add(p, UI_S_TITLE, NULL, "%s", audit_action_label(a->action));
	ui_page_add(p, UI_S_NORMAL, "Lúc", "%s", ui_page_instant(a->at, when, sizeof(when)));
	if (who)
		ui_page_add(p, UI_S_NORMAL, "Người", "%s (%s)", who->name, a->who);
	else
		ui_page_add(p, UI_S_NORMAL, "Người", "%s (không có trong cấu hình)", a->who ? a->who : "?");
	ui_page_add(p, UI_S_NORMAL, "Hồ sơ", "%s", audit_entry_subject(a, subject, sizeof(subject)));
	if (a->note && *a->note)
		ui_page_add(p, UI_S_NORMAL, "Ghi chú, lý do", "%s", a->note);
	ui_page_add(p, UI_S_DIM, "Số thứ tự", "%llu", (unsigned long long)a->meta.id);
}

static void entry_build(ui_page *p, const dh_ctx *ctx, const dh_audit *a)
{
	entry_head(p, ctx, a);
	ui_json_member bm[AUDIT_MEMBERS], am[AUDIT_MEMBERS];
	int nb = ui_json_members(a->before, bm, AUDIT_MEMBERS);
	int na = ui_json_members(a->after, am, AUDIT_MEMBERS);
	if (na < 0 || nb < 0) {
		ui_page_section(p, "Nội dung");
		ui_page_add(p, UI_S_WARN, NULL, "Không đọc được nội dung trước và sau của mục này.");
		return;
	}
	if (nb == 0) {
		ui_page_section(p, "Nội dung khi tạo");
		for (int i = 0; i < na; i++)
			if (!audit_bookkeeping(&am[i]) && !ui_json_empty(&am[i]))
				add_value(p, ctx, a, &am[i]);
		return;
	}
	/* What changed first, then what stayed (and says something). */
	for (int pass = 0; pass < 2; pass++) {
		bool any = false;
		for (int i = 0; i < na; i++) {
			if (audit_bookkeeping(&am[i]))
				continue;
			const ui_json_member *b = ui_json_find(bm, nb, am[i].name, am[i].name_len);
			bool same = ui_json_same(&am[i], b);
			if (pass == 0 ? same : (!same || ui_json_empty(&am[i])))
				continue;
			if (!any)
				ui_page_section(p, pass == 0 ? "Thay đổi" : "Không đổi");
			any = true;
			if (pass == 0)
				add_change(p, ctx, a, &am[i], b);
			else
				add_value(p, ctx, a, &am[i]);
		}
		if (pass == 0 && !any) {
			ui_page_section(p, "Thay đổi");
			ui_page_add(p, UI_S_DIM, NULL, "Không trường nào thay đổi (chỉ lưu lại).");
		}
	}
}

static const ui_binding entry_keys[] = {
    {UI_A_CANCEL, "Esc", {UI_ESC}, "Quay lại", "Về danh sách nhật ký", false},
    UI_PAGE_VIEW_BINDINGS,
    {0, NULL, {0}, NULL, NULL, false},
};

static const ui_view_ops entry_ops = {
    .bindings = entry_keys,
    .title = ui_page_view_title,
    .draw = ui_page_view_draw,
    .key = ui_page_view_key,
    .offers = ui_page_view_offers,
    .destroy = ui_page_view_destroy,
};

ui_view *audit_entry_open(ui_app *app, const dh_audit *a)
{
	ui_page_view *pv = ui_page_view_new(app, &entry_ops, sizeof(*pv), ENTRY_LABEL_COLS);
	if (!pv)
		return NULL;
	snprintf(pv->title, sizeof(pv->title), "Mục nhật ký số %llu", (unsigned long long)a->meta.id);
	entry_build(&pv->page, pv->base.ctx, a);
	ui_page_view_measure(pv);
	return &pv->base;
}
