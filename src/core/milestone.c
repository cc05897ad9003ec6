/* milestone.c — a deadline as done, overdue or to come (see milestone.h). */
#include "dienhinh/milestone.h"

#include "dienhinh/date.h"

#include <stdio.h>
#include <string.h>

typedef enum gate { GATE_NONE, GATE_REGISTRATION, GATE_COUNCIL, GATE_DECISION } gate;

static gate gate_of(const dh_deadline *d)
{
	if (d->closes && strcmp(d->closes, "nominate") == 0)
		return GATE_REGISTRATION;
	const char *id = d->id ? d->id : "";
	if (strstr(id, "registration"))
		return GATE_REGISTRATION;
	if (strstr(id, "council") || strstr(id, "session"))
		return GATE_COUNCIL;
	if (strstr(id, "decision") || strstr(id, "award"))
		return GATE_DECISION;
	return GATE_NONE;
}

void milestone_of(const dh_deadline *d, int today, const long stage[DH_STAGE__COUNT], dh_milestone *out)
{
	memset(out, 0, sizeof(*out));
	int days = date_valid(d->date) && date_valid(today) ? date_diff(today, d->date) : 0;
	if (days > 0) {
		snprintf(out->status, sizeof(out->status), "còn %d ngày", days);
		return;
	}
	if (days == 0) {
		snprintf(out->status, sizeof(out->status), "hôm nay");
		return;
	}
	out->past = true;
	long registered = stage[DH_STAGE_NOMINATED] + stage[DH_STAGE_APPROVED] +
	                  stage[DH_STAGE_NOT_APPROVED] + stage[DH_STAGE_RECOGNISED] + stage[DH_STAGE_AWARDED];
	long considered = registered - stage[DH_STAGE_NOMINATED];
	long decided = stage[DH_STAGE_RECOGNISED] + stage[DH_STAGE_AWARDED];
	long waiting = 0;
	const char *what = NULL;
	switch (gate_of(d)) {
	case GATE_REGISTRATION:
		/* The deadline closes registration itself: nothing can be late. */
		snprintf(out->note, sizeof(out->note), "%ld hồ sơ đăng ký", registered);
		break;
	case GATE_COUNCIL:
		waiting = stage[DH_STAGE_NOMINATED];
		what = "chờ bình xét";
		snprintf(out->note, sizeof(out->note), "%ld hồ sơ đã bình xét", considered);
		break;
	case GATE_DECISION:
		waiting = stage[DH_STAGE_APPROVED];
		what = "chờ quyết định công nhận";
		snprintf(out->note, sizeof(out->note), "%ld hồ sơ đã công nhận", decided);
		break;
	case GATE_NONE: break;
	}
	if (waiting > 0) {
		out->overdue = true;
		snprintf(out->status, sizeof(out->status), "quá hạn %d ngày", -days);
		snprintf(out->note, sizeof(out->note), "%ld hồ sơ %s", waiting, what);
	} else {
		snprintf(out->status, sizeof(out->status), "đã qua");
	}
}
