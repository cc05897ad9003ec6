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
/* Spreadsheet serial day numbers (Excel, LibreOffice): day 1 is 1900-01-01
 * and Excel counts a 29 February 1900 that never was (serial 60), so from
 * serial 61 (1900-03-01) on a serial is days since 1899-12-30. With
 * DATE1904 (workbooks from old Macs) serial 0 is 1904-01-01. The fraction
 * of a day (a time) is dropped. 0 and *OUT, or DH_EINVAL for serial 60 of
 * the 1900 system, a negative serial or one past 9999-12-31. */
int date_from_serial(double serial, bool date1904, int *out);
/* The other way, 1900 system: 2021-06-30 → 44377. */
long date_to_serial(int ymd);
/* A cell of a date column that holds a bare serial number (a date cell
 * whose format the spreadsheet lost): digits only, optionally ".0…",
 * from DATE_SERIAL_MIN (2000-01-01) to DATE_SERIAL_MAX (2100-12-31), the
 * years the plan's records live in; anything else is DH_EINVAL, so that a
 * stray number is not silently taken for a date. */
#define DATE_SERIAL_MIN 36526L
#define DATE_SERIAL_MAX 73415L
int date_parse_serial(const char *s, int *out);
/* Days from A to B (B - A); both valid. */
int date_diff(int a, int b);
int date_add_days(int ymd, int days);
/* Today in local time, unless $DIENHINH_TODAY (YYYY-MM-DD) says otherwise:
 * the plan's deadlines are from 2021 and demos and tests need a fixed day. */
int date_today(void);
/* Seconds since the epoch (time(NULL)). */
int64_t date_now(void);

#endif
