/* milestone.h — what a deadline of the plan reads as on screen 1.
 *
 * A deadline still to come counts the days left. One in the past reads as
 * done ("đã qua") with what it produced ("23 hồ sơ đăng ký"), and as
 * overdue only when the work it gates is still waiting (nominees not yet
 * considered by the council, approved candidates still without a
 * decision). Which work a deadline gates: the action it closes
 * (`closes: nominate` is the registration), else its id (…council…,
 * …session…, …decision…); any other past deadline is simply "đã qua". */
#ifndef DIENHINH_MILESTONE_H
#define DIENHINH_MILESTONE_H

#include "dienhinh/config.h"
#include "dienhinh/record.h"

#include <stdbool.h>
#include <stddef.h>

typedef struct dh_milestone {
	char status[48]; /* "còn 12 ngày", "hôm nay", "đã qua", "quá hạn 3 ngày" */
	char note[96];   /* "23 hồ sơ đăng ký", "2 hồ sơ chờ bình xét" or "" */
	bool overdue;
	bool past;
} dh_milestone;

/* D on TODAY, STAGE the plan year's candidates by stage (whole agency). */
void milestone_of(const dh_deadline *d, int today, const long stage[DH_STAGE__COUNT], dh_milestone *out);

#endif
