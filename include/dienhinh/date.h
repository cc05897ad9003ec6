/* date.h — calendar dates as YYYYMMDD ints (0 = none). */
#ifndef DIENHINH_DATE_H
#define DIENHINH_DATE_H

#include <stdbool.h>
#include <stdint.h>

bool date_valid(int ymd);
/* "YYYY-MM-DD" or "DD/MM/YYYY" (also D/M/YYYY): 0 and *OUT, or DH_EINVAL for
 * text that is not a real date (31/02/2021). */
int date_parse(const char *s, int *out);
/* "2021-06-30" into BUF (11 bytes). "" for 0. */
const char *date_iso(int ymd, char buf[11]);
/* "30/06/2021" into BUF (11 bytes). "" for 0. */
const char *date_vn(int ymd, char buf[11]);
/* Days from A to B (B - A); both valid. */
int date_diff(int a, int b);
int date_add_days(int ymd, int days);
/* Today in local time, unless $DIENHINH_TODAY (YYYY-MM-DD) says otherwise:
 * the plan's deadlines are from 2021 and demos and tests need a fixed day. */
int date_today(void);
/* Seconds since the epoch (time(NULL)). */
int64_t date_now(void);

#endif
