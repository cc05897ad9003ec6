/* holds.c — the words of a hold and the refusal it makes (see holds.h). */
#include "dienhinh/holds.h"

#include "dienhinh/date.h"

#include <stdio.h>
#include <string.h>

void hold_words(const dh_config *cfg, const dh_candidate *c, char *buf, size_t size)
{
	const dh_hold_kind *k = c->hold_kind ? config_hold(cfg, c->hold_kind) : NULL;
	const char *reason = c->hold_reason && *c->hold_reason ? c->hold_reason : NULL;
	if (k)
		snprintf(buf, size, "%s%s%s%s%s", k->label, k->basis ? " — " : "", k->basis ? k->basis : "",
		         reason ? "; lý do: " : "", reason ? reason : "");
	else if (c->hold_kind)
		snprintf(buf, size, "%s%s%s", c->hold_kind, reason ? "; lý do: " : "", reason ? reason : "");
	else
		snprintf(buf, size, "%s", reason ? reason : "không rõ lý do");
}

bool hold_refusal(const dh_config *cfg, const dh_candidate *c, const char *what, char *buf, size_t size)
{
	buf[0] = '\0';
	if (c->on_hold) {
		char words[400];
		hold_words(cfg, c, words, sizeof(words));
		snprintf(buf, size, "«%s» đang bị tạm dừng xét (%s): không thể %s.", c->name ? c->name : "",
		         words, what);
		return true;
	}
	int year_start = c->year * 10000 + 101;
	if (c->counts_from && c->year && c->counts_from > year_start) {
		char day[11];
		snprintf(buf, size,
		         "«%s»: sau kỷ luật, thành tích chỉ được tính từ ngày %s (Nghị định 152/2025/NĐ-CP "
		         "Điều 4 khoản 4), không đủ năm %d: không thể %s.",
		         c->name ? c->name : "", date_vn(c->counts_from, day), c->year, what);
		return true;
	}
	return false;
}
