/* holds.h — who may not be commended yet, as the law defines it.
 *
 * A candidate on hold (wf_hold_set) can be neither recognised nor awarded;
 * the refusal names the hold: its kind from config `holds:` with the text
 * it comes from, and the reason given. Lifting a hold needs a reason (the
 * result of the check). After discipline, achievements count only from
 * the end of the discipline period (NĐ 152/2025/NĐ-CP Art. 4(4)): a
 * candidate whose counts_from falls after the start of the year the
 * candidate is considered for is not recognised or awarded for that year. */
#ifndef DIENHINH_HOLDS_H
#define DIENHINH_HOLDS_H

#include "dienhinh/config.h"
#include "dienhinh/record.h"

#include <stdbool.h>
#include <stddef.h>

/* "đang xem xét kỷ luật — Thông tư 08/2017/TT-BNV; lý do: có đơn tố cáo"
 * for C on hold (the kind's label lowered, its basis, the reason); for a
 * hold of no kind, the reason alone. */
void hold_words(const dh_config *cfg, const dh_candidate *c, char *buf, size_t size);
/* Why C may not be recognised or awarded (WHAT: "công nhận", "khen
 * thưởng") on the ground of a hold or of the discipline period: a
 * sentence in BUF and true; false (BUF empty) when nothing stands in the
 * way. */
bool hold_refusal(const dh_config *cfg, const dh_candidate *c, const char *what, char *buf, size_t size);

#endif
