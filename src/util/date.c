/* date.c — calendar dates kept as YYYYMMDD ints: they sort, compare and
 * store as plain numbers, and 0 means "no date". Arithmetic goes through a
 * day count (proleptic Gregorian, days since 1970-01-01). */
#include "dienhinh/date.h"

#include "dienhinh/error.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static int date_days_in_month(int year, int month);
static int64_t date_to_days(int ymd);
static int date_from_days(int64_t days);
static const char *date_digits(const char *s, int min, int max, int *value);

static int date_days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	if (month == 2 && ((year % 4 == 0 && year % 100 != 0) || year % 400 == 0))
		return 29;
	return days[month - 1];
}

bool date_valid(int ymd)
{
	int year = ymd / 10000, month = ymd / 100 % 100, day = ymd % 100;
	if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1)
		return false;
	return day <= date_days_in_month(year, month);
}

/* MIN..MAX decimal digits at S into *VALUE; the text after them, or NULL. */
static const char *date_digits(const char *s, int min, int max, int *value)
{
	int n = 0, v = 0;
	while (n < max && isdigit((unsigned char)s[n])) {
		v = v * 10 + (s[n] - '0');
		n++;
	}
	if (n < min || isdigit((unsigned char)s[n]))
		return NULL;
	*value = v;
	return s + n;
}

int date_parse(const char *s, int *out)
{
	if (!s)
		return DH_EINVAL;
	while (*s == ' ')
		s++;
	int year, month, day;
	const char *p;
	if ((p = date_digits(s, 4, 4, &year)) && *p == '-') {
		if (!(p = date_digits(p + 1, 2, 2, &month)) || *p != '-')
			return DH_EINVAL;
		if (!(p = date_digits(p + 1, 2, 2, &day)))
			return DH_EINVAL;
	} else if ((p = date_digits(s, 1, 2, &day)) && *p == '/') {
		if (!(p = date_digits(p + 1, 1, 2, &month)) || *p != '/')
			return DH_EINVAL;
		if (!(p = date_digits(p + 1, 4, 4, &year)))
			return DH_EINVAL;
	} else {
		return DH_EINVAL;
	}
	while (*p == ' ')
		p++;
	if (*p != '\0')
		return DH_EINVAL;
	int ymd = year * 10000 + month * 100 + day;
	if (!date_valid(ymd))
		return DH_EINVAL;
	*out = ymd;
	return 0;
}

const char *date_iso(int ymd, char buf[11])
{
	if (ymd == 0) {
		buf[0] = '\0';
		return buf;
	}
	unsigned u = (unsigned)ymd;
	snprintf(buf, 11, "%04u-%02u-%02u", u / 10000 % 10000, u / 100 % 100, u % 100);
	return buf;
}

const char *date_vn(int ymd, char buf[11])
{
	if (ymd == 0) {
		buf[0] = '\0';
		return buf;
	}
	unsigned u = (unsigned)ymd;
	snprintf(buf, 11, "%02u/%02u/%04u", u % 100, u / 100 % 100, u / 10000 % 10000);
	return buf;
}

/* Howard Hinnant's days_from_civil, written from the published algorithm. */
static int64_t date_to_days(int ymd)
{
	int64_t y = ymd / 10000;
	int m = ymd / 100 % 100, d = ymd % 100;
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static int date_from_days(int64_t days)
{
	days += 719468;
	int64_t era = (days >= 0 ? days : days - 146096) / 146097;
	int64_t doe = days - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t y = yoe + era * 400;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	y += m <= 2;
	return (int)(y * 10000 + m * 100 + d);
}

int date_diff(int a, int b)
{
	return (int)(date_to_days(b) - date_to_days(a));
}

int date_add_days(int ymd, int days)
{
	return date_from_days(date_to_days(ymd) + days);
}

/* 1899-12-30 and 1904-01-01 as days since 1970-01-01. */
#define DATE_SERIAL_EPOCH_1900 (-25569)
#define DATE_SERIAL_EPOCH_1904 (-24107)

int date_from_serial(double serial, bool date1904, int *out)
{
	if (!(serial >= 0) || serial > 2958465.0) /* NaN too; 2958465 = 9999-12-31 */
		return DH_EINVAL;
	int64_t day = (int64_t)serial;
	if (date1904) {
		day += DATE_SERIAL_EPOCH_1904;
	} else {
		if (day == 60 || day == 0)
			return DH_EINVAL; /* 1900-02-29, and "0 January 1900" */
		day += day < 60 ? DATE_SERIAL_EPOCH_1900 + 1 : DATE_SERIAL_EPOCH_1900;
	}
	int ymd = date_from_days(day);
	if (!date_valid(ymd))
		return DH_EINVAL;
	*out = ymd;
	return 0;
}

long date_to_serial(int ymd)
{
	return (long)(date_to_days(ymd) - DATE_SERIAL_EPOCH_1900);
}

int date_parse_serial(const char *s, int *out)
{
	if (!s)
		return DH_EINVAL;
	while (*s == ' ')
		s++;
	long v = 0;
	size_t n = 0;
	for (; n < 6 && isdigit((unsigned char)s[n]); n++)
		v = v * 10 + (s[n] - '0');
	if (n == 0 || isdigit((unsigned char)s[n]))
		return DH_EINVAL;
	const char *p = s + n;
	if (*p == '.')
		for (p++; *p == '0'; p++)
			;
	while (*p == ' ')
		p++;
	if (*p || v < DATE_SERIAL_MIN || v > DATE_SERIAL_MAX)
		return DH_EINVAL;
	return date_from_serial((double)v, false, out);
}

int date_today(void)
{
	const char *fixed = getenv("DIENHINH_TODAY");
	int ymd;
	if (fixed && *fixed && date_parse(fixed, &ymd) == 0)
		return ymd;
	time_t now = time(NULL);
	struct tm tm;
	if (!localtime_r(&now, &tm))
		return 0;
	return (tm.tm_year + 1900) * 10000 + (tm.tm_mon + 1) * 100 + tm.tm_mday;
}

int64_t date_now(void)
{
	return (int64_t)time(NULL);
}
