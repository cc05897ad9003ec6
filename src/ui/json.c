/* json.c — the flat JSON of record_to_json(), read in place (ui_json.h). */
#include "dienhinh/ui_json.h"

#include "dienhinh/date.h"
#include "dienhinh/utf8.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static const char *json_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* The end of the string starting at P (on its opening quote), or NULL. */
static const char *json_string_end(const char *p)
{
	for (p++; *p; p++) {
		if (*p == '\\') {
			if (!p[1])
				return NULL;
			p++;
		} else if (*p == '"') {
			return p + 1;
		}
	}
	return NULL;
}

/* The end of the value starting at P, or NULL. */
static const char *json_value_end(const char *p)
{
	if (*p == '"')
		return json_string_end(p);
	if (*p == '[' || *p == '{') {
		int depth = 0;
		while (*p) {
			if (*p == '"') {
				p = json_string_end(p);
				if (!p)
					return NULL;
				continue;
			}
			if (*p == '[' || *p == '{')
				depth++;
			else if (*p == ']' || *p == '}') {
				if (--depth == 0)
					return p + 1;
			}
			p++;
		}
		return NULL;
	}
	const char *start = p;
	while (*p && *p != ',' && *p != '}' && *p != ']' && *p != ' ')
		p++;
	return p > start ? p : NULL;
}

int ui_json_members(const char *json, ui_json_member *out, int max)
{
	if (!json || !*json)
		return 0;
	const char *p = json_ws(json);
	if (*p++ != '{')
		return -1;
	int n = 0;
	p = json_ws(p);
	if (*p == '}')
		return 0;
	for (;;) {
		if (*p != '"')
			return -1;
		const char *name_end = json_string_end(p);
		if (!name_end)
			return -1;
		const char *name = p + 1;
		size_t name_len = (size_t)(name_end - 1 - name);
		p = json_ws(name_end);
		if (*p++ != ':')
			return -1;
		p = json_ws(p);
		const char *end = json_value_end(p);
		if (!end)
			return -1;
		if (n < max)
			out[n++] = (ui_json_member){name, name_len, p, (size_t)(end - p)};
		p = json_ws(end);
		if (*p == '}')
			return n;
		if (*p++ != ',')
			return -1;
		p = json_ws(p);
	}
}

void ui_json_append(char *out, size_t size, size_t *o, const char *s, size_t len)
{
	if (*o + 1 >= size)
		return;
	if (len > size - 1 - *o) {
		len = size - 1 - *o;
		while (len > 0 && ((unsigned char)s[len] & 0xc0) == 0x80)
			len--;
	}
	memcpy(out + *o, s, len);
	*o += len;
	out[*o] = '\0';
}

static int hex_digit(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The string value at P (its opening quote) unescaped into OUT at *O;
 * returns the end of the value. */
static const char *json_unescape(const char *p, const char *end, char *out, size_t size, size_t *o)
{
	p++;
	while (p < end && *p != '"') {
		const char *run = p;
		while (p < end && *p != '"' && *p != '\\')
			p++;
		ui_json_append(out, size, o, run, (size_t)(p - run));
		if (p >= end || *p != '\\')
			continue;
		char c = p[1];
		char lit[5] = {0};
		switch (c) {
		case 'n': lit[0] = '\n'; break;
		case 't': lit[0] = ' '; break;
		case 'r': lit[0] = ' '; break;
		case 'u': {
			int32_t cp = 0;
			for (int k = 2; k < 6; k++) {
				int h = p + k < end ? hex_digit(p[k]) : -1;
				if (h < 0) {
					cp = 0xfffd;
					break;
				}
				cp = cp * 16 + h;
			}
			/* Controls stay out of what is shown; separators are spaces. */
			if (cp == 0x2028 || cp == 0x2029 || cp == '\t' || cp == '\r')
				cp = ' ';
			else if ((cp < 0x20 && cp != '\n') || (cp >= 0x7f && cp < 0xa0) ||
			         (cp >= 0xd800 && cp <= 0xdfff))
				cp = 0xfffd;
			utf8_encode(cp, lit);
			p += 4;
			break;
		}
		default: lit[0] = c; break;
		}
		ui_json_append(out, size, o, lit, strlen(lit));
		p += 2;
	}
	return p < end ? p + 1 : end;
}

static bool is_iso_date(const char *s, size_t n)
{
	if (n != 12 || s[0] != '"' || s[5] != '-' || s[8] != '-')
		return false;
	for (int i = 1; i < 11; i++)
		if (i != 5 && i != 8 && (s[i] < '0' || s[i] > '9'))
			return false;
	return true;
}

const char *ui_json_display(const char *value, size_t len, char *out, size_t size)
{
	size_t o = 0;
	if (!size)
		return out;
	out[0] = '\0';
	const char *end = value + len;
	if (is_iso_date(value, len)) {
		char iso[11];
		memcpy(iso, value + 1, 10);
		iso[10] = '\0';
		int ymd = 0;
		char vn[11];
		if (date_parse(iso, &ymd) == 0) {
			snprintf(out, size, "%s", date_vn(ymd, vn));
			return out;
		}
	}
	if (len == 4 && memcmp(value, "null", 4) == 0)
		return out;
	if (len == 4 && memcmp(value, "true", 4) == 0) {
		snprintf(out, size, "có");
		return out;
	}
	if (len == 5 && memcmp(value, "false", 5) == 0) {
		snprintf(out, size, "không");
		return out;
	}
	if (*value == '"') {
		json_unescape(value, end, out, size, &o);
		return out;
	}
	if (*value == '[') {
		const char *p = value + 1;
		bool first = true;
		while (p < end && *p != ']') {
			if (*p == ',' || *p == ' ') {
				p++;
				continue;
			}
			if (!first)
				ui_json_append(out, size, &o, ", ", 2);
			first = false;
			if (*p == '"') {
				p = json_unescape(p, end, out, size, &o);
			} else {
				const char *run = p;
				while (p < end && *p != ',' && *p != ']')
					p++;
				ui_json_append(out, size, &o, run, (size_t)(p - run));
			}
		}
		return out;
	}
	ui_json_append(out, size, &o, value, len);
	return out;
}

const ui_json_member *ui_json_find(const ui_json_member *v, int n, const char *name, size_t name_len)
{
	for (int i = 0; i < n; i++)
		if (v[i].name_len == name_len && memcmp(v[i].name, name, name_len) == 0)
			return &v[i];
	return NULL;
}

bool ui_json_same(const ui_json_member *a, const ui_json_member *b)
{
	return a && b && a->value_len == b->value_len && memcmp(a->value, b->value, a->value_len) == 0;
}

bool ui_json_empty(const ui_json_member *m)
{
	if (!m || !m->value_len)
		return true;
	static const char *const empty[] = {"null", "\"\"", "[]", "false", "0"};
	for (size_t i = 0; i < sizeof(empty) / sizeof(empty[0]); i++)
		if (m->value_len == strlen(empty[i]) && memcmp(m->value, empty[i], m->value_len) == 0)
			return true;
	return false;
}

bool ui_json_null(const ui_json_member *m)
{
	return m->value_len == 4 && memcmp(m->value, "null", 4) == 0;
}
