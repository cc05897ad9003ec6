/* cfg_tree.c — the config file's bytes → a small positioned tree.
 *
 * libyaml's document API would follow aliases into shared nodes, and a walk
 * over them expands a "billion laughs" file exponentially; its events do not
 * expand anything, so the tree is built here from events and every anchor
 * or alias is refused (a config has no use for them). Depth, node count and
 * file size are bounded, so the cost of loading stays linear in the bytes.
 * libyaml's 0-based marks become 1-based positions in exactly one place,
 * mark_pos(). */
#include "cfg_internal.h"

#include "dienhinh/buf.h"
#include "dienhinh/label.h"
#include "dienhinh/utf8.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

typedef struct builder {
	cfg_diags *d;
	cfg_node *root;
	cfg_node *stack[CFG_MAX_DEPTH + 1];
	int depth;
	size_t nodes;
	int documents;
	bool anchor_reported;
	bool alias_reported;
	bool failed; /* something was reported: the tree must not be used */
	bool stop;   /* cannot go on reading events */
} builder;

static bool check_utf8(cfg_diags *d, const char *src, size_t len);
/* What was open when the problem was met (libyaml's words, then ours);
 * shown with its position. */
static const dh_label yaml_contexts[] = {
    {"while scanning a quoted scalar", "dấu nháy mở"},
    {"while parsing a flow mapping", "bảng `{` mở"},
    {"while parsing a flow sequence", "danh sách `[` mở"},
    {"while parsing a block mapping", "khối bắt đầu"},
    {"while parsing a block collection", "danh sách bắt đầu"},
    {"while scanning a simple key", "khóa bắt đầu"},
    {"while scanning a block scalar", "khối văn bản bắt đầu"},
    {"while scanning an anchor", "neo bắt đầu"},
    {"while scanning an alias", "bí danh bắt đầu"},
    {"while scanning a tag", "thẻ bắt đầu"},
    {"while parsing a node", "giá trị bắt đầu"},
};

static void report_yaml_error(cfg_diags *d, const yaml_parser_t *p, const char *src, size_t len);
static void handle_event(builder *b, const yaml_event_t *ev);
static cfg_node *new_node(builder *b, cfg_kind kind, yaml_mark_t mark);
static void refuse_anchor(builder *b, const yaml_char_t *anchor, yaml_mark_t mark);

static void mark_pos(yaml_mark_t m, int *line, int *col)
{
	*line = (int)m.line + 1;
	*col = (int)m.column + 1;
}

bool cfg_tree_parse(cfg_diags *d, const char *src, size_t len, cfg_node **root)
{
	*root = NULL;
	if (!check_utf8(d, src, len))
		return false;

	yaml_parser_t parser;
	if (!yaml_parser_initialize(&parser)) {
		cfg_error(d, 0, 0, "hết bộ nhớ khi khởi tạo bộ đọc YAML");
		return false;
	}
	/* The encoding is left to libyaml so that it skips a UTF-8 BOM (the
	 * bytes are known to be UTF-8 by now: a UTF-16 BOM is not). */
	yaml_parser_set_input_string(&parser, (const unsigned char *)src, len);

	builder b = {.d = d};
	for (;;) {
		yaml_event_t ev;
		if (!yaml_parser_parse(&parser, &ev)) {
			report_yaml_error(d, &parser, src, len);
			b.failed = true;
			break;
		}
		yaml_event_type_t type = ev.type;
		handle_event(&b, &ev);
		yaml_event_delete(&ev);
		if (b.stop || type == YAML_STREAM_END_EVENT)
			break;
	}
	yaml_parser_delete(&parser);

	if (!b.failed && !b.root) {
		cfg_error(d, 1, 1, "tệp cấu hình trống");
		b.failed = true;
	} else if (!b.failed && b.root->kind != CFG_MAP) {
		if (cfg_is_null(b.root))
			cfg_error(d, 1, 1, "tệp cấu hình trống");
		else
			cfg_error(
			    d, b.root->line, b.root->col,
			    "gốc của cấu hình phải là một bảng `khóa: giá trị` (organization, plan, …)");
		b.failed = true;
	}
	if (b.failed) {
		cfg_tree_free(b.root);
		return false;
	}
	*root = b.root;
	return true;
}

/* libyaml would stop at the first bad byte with a byte offset and an
 * English message; checking first gives the line and column of every bad
 * line, in Vietnamese. An invisible codepoint (utf8_invisible(): a
 * bidirectional control, a zero-width character, a BOM past the first
 * bytes) is refused wherever it stands, a comment included, since it
 * changes what a reader of the file sees. */
static bool check_utf8(cfg_diags *d, const char *src, size_t len)
{
	bool ok = true;
	int line = 1, reported_line = 0;
	int col = 1; /* of src[i], valid while the line's bytes are valid */
	size_t line_start = 0, i = 0;
	if (len >= 3 && memcmp(src, "\xef\xbb\xbf", 3) == 0)
		i = line_start = 3; /* libyaml does not count the BOM as a column */
	while (i < len) {
		unsigned char c = (unsigned char)src[i];
		if (c < 0x80) {
			if (c == '\n') {
				line++;
				line_start = i + 1;
				col = 0;
			}
			i++;
			col++;
			continue;
		}
		int32_t cp;
		int k = utf8_decode(src + i, len - i, &cp);
		if (k > 0) {
			if (utf8_invisible(cp) != UTF8_SHOWN && line != reported_line) {
				cfg_error(d, line, col, "%s", utf8_invisible_why(cp));
				reported_line = line;
				ok = false;
			}
			i += (size_t)k;
			col++;
			continue;
		}
		ok = false;
		if (line != reported_line) {
			/* Everything before the first bad byte of a line is valid,
			 * so the column is a count of codepoints. */
			col = 1;
			for (size_t j = line_start; j < i; col++) {
				int n = utf8_decode(src + j, i - j, &cp);
				j += n > 0 ? (size_t)n : 1;
			}
			cfg_error(d, line, col,
			          "tệp không phải UTF-8 hợp lệ: byte 0x%02X không tạo thành ký tự (hãy lưu "
			          "tệp với mã "
			          "hóa UTF-8)",
			          c);
			reported_line = line;
		}
		i++;
	}
	return ok;
}

/* The libyaml messages people meet most, said in Vietnamese; anything else
 * is quoted as libyaml says it. */
static const struct {
	const char *en, *vi;
} yaml_problems[] = {
    {"did not find expected key", "thiếu khóa hoặc thụt lề sai"},
    {"did not find expected node content", "thiếu giá trị"},
    {"mapping values are not allowed in this context",
     "dấu `:` không được phép ở đây (thụt lề sai, hay giá trị cần đặt trong dấu nháy?)"},
    {"found character that cannot start any token",
     "ký tự không thể bắt đầu một giá trị (tab thụt lề, hay giá trị cần đặt trong dấu nháy?)"},
    {"found unexpected end of stream", "tệp kết thúc giữa chừng"},
    {"did not find expected ',' or ']'", "thiếu dấu `,` hoặc `]`"},
    {"did not find expected ',' or '}'", "thiếu dấu `,` hoặc `}`"},
    {"did not find expected '-' indicator", "thiếu dấu `-` của danh sách (thụt lề sai?)"},
    {"could not find expected ':'", "thiếu dấu `:` sau khóa"},
    {"found a tab character that violates indentation", "ký tự tab làm sai thụt lề (chỉ dùng dấu cách)"},
    {"found a tab character where an indentation space is expected",
     "ký tự tab làm sai thụt lề (chỉ dùng dấu cách)"},
    {"found unknown escape character", "chuỗi thoát `\\` không hợp lệ trong dấu nháy kép"},
    {"control characters are not allowed", "ký tự điều khiển không được phép"},
    {"found unexpected document indicator", "dấu `---` hoặc `...` không đúng chỗ"},
    {"did not find the expected <document start>", "thiếu `---` trước tài liệu YAML"},
};

static void report_yaml_error(cfg_diags *d, const yaml_parser_t *p, const char *src, size_t len)
{
	const char *problem = p->problem ? p->problem : "lỗi không rõ";
	const char *said = NULL;
	for (size_t i = 0; i < sizeof yaml_problems / sizeof yaml_problems[0]; i++)
		if (strcmp(problem, yaml_problems[i].en) == 0)
			said = yaml_problems[i].vi;
	int line, col;
	if (p->error == YAML_READER_ERROR) {
		cfg_position(src, len, p->problem_offset, &line, &col);
		if (said)
			cfg_error(d, line, col, "%s", said);
		else
			cfg_error(d, line, col, "không đọc được tệp YAML (%s)", problem);
		return;
	}
	if (p->error == YAML_MEMORY_ERROR) {
		cfg_error(d, 0, 0, "hết bộ nhớ khi đọc YAML");
		return;
	}
	/* An unclosed quote is found at the end of the file; the place to
	 * look at is where it opened. */
	if (strcmp(problem, "found unexpected end of stream") == 0 && p->context &&
	    strcmp(p->context, "while scanning a quoted scalar") == 0) {
		mark_pos(p->context_mark, &line, &col);
		cfg_error(d, line, col,
		          "lỗi cú pháp YAML: dấu nháy mở ở đây không được đóng trước khi hết tệp");
		return;
	}
	mark_pos(p->problem_mark, &line, &col);
	char context[128] = "";
	if (p->context && (p->context_mark.line != p->problem_mark.line ||
	                   p->context_mark.column != p->problem_mark.column)) {
		int cl, cc;
		mark_pos(p->context_mark, &cl, &cc);
		const char *what =
		    label_find(yaml_contexts, sizeof yaml_contexts / sizeof yaml_contexts[0], p->context);
		snprintf(context, sizeof context, " (%s ở dòng %d, cột %d)", what ? what : "bắt đầu", cl, cc);
	}
	if (said)
		cfg_error(d, line, col, "lỗi cú pháp YAML: %s%s", said, context);
	else
		cfg_error(d, line, col, "lỗi cú pháp YAML: %s%s", problem, context);
}

static void refuse_anchor(builder *b, const yaml_char_t *anchor, yaml_mark_t mark)
{
	if (!anchor)
		return;
	b->failed = true;
	if (b->anchor_reported)
		return;
	b->anchor_reported = true;
	int line, col;
	mark_pos(mark, &line, &col);
	char shown[80];
	cfg_error(b->d, line, col, "không hỗ trợ neo YAML `&%s` (và bí danh `*`): hãy viết giá trị trực tiếp",
	          cfg_show((const char *)anchor, shown, sizeof shown));
}

static cfg_node *new_node(builder *b, cfg_kind kind, yaml_mark_t mark)
{
	if (++b->nodes > CFG_MAX_NODES) {
		int line, col;
		mark_pos(mark, &line, &col);
		cfg_error(b->d, line, col, "tệp cấu hình quá lớn: hơn %d giá trị", CFG_MAX_NODES);
		b->failed = b->stop = true;
		return NULL;
	}
	cfg_node *n = calloc(1, sizeof *n);
	if (!n) {
		cfg_error(b->d, 0, 0, "hết bộ nhớ khi đọc cấu hình");
		b->failed = b->stop = true;
		return NULL;
	}
	n->kind = kind;
	mark_pos(mark, &n->line, &n->col);
	return n;
}

/* Hang N under the open collection, or make it the root. */
static bool attach(builder *b, cfg_node *n)
{
	if (b->depth == 0) {
		if (b->root) {
			cfg_tree_free(n);
			return false;
		}
		b->root = n;
		return true;
	}
	cfg_node *parent = b->stack[b->depth - 1];
	if (buf_reserve(&parent->items, &parent->cap, parent->n + 1, sizeof(cfg_node *))) {
		cfg_tree_free(n);
		cfg_error(b->d, 0, 0, "hết bộ nhớ khi đọc cấu hình");
		b->failed = b->stop = true;
		return false;
	}
	parent->items[parent->n++] = n;
	return true;
}

static void handle_event(builder *b, const yaml_event_t *ev)
{
	int line, col;
	switch (ev->type) {
	case YAML_DOCUMENT_START_EVENT:
		if (++b->documents > 1) {
			mark_pos(ev->start_mark, &line, &col);
			cfg_error(b->d, line, col, "tệp cấu hình chỉ được chứa một tài liệu YAML");
			b->failed = b->stop = true;
		}
		break;
	case YAML_ALIAS_EVENT:
		b->failed = true;
		if (!b->alias_reported) {
			b->alias_reported = true;
			char shown[80];
			mark_pos(ev->start_mark, &line, &col);
			cfg_error(b->d, line, col,
			          "không hỗ trợ bí danh YAML `*%s` (và neo `&`): hãy viết giá trị trực tiếp",
			          cfg_show((const char *)ev->data.alias.anchor, shown, sizeof shown));
		}
		/* Keep the shape (a key still gets a value) without expanding. */
		{
			cfg_node *n = new_node(b, CFG_SCALAR, ev->start_mark);
			if (n) {
				n->value = strdup("");
				n->plain = true;
				attach(b, n);
			}
		}
		break;
	case YAML_SCALAR_EVENT: {
		refuse_anchor(b, ev->data.scalar.anchor, ev->start_mark);
		cfg_node *n = new_node(b, CFG_SCALAR, ev->start_mark);
		if (!n)
			break;
		size_t vlen = ev->data.scalar.length;
		const char *v = (const char *)ev->data.scalar.value;
		if (memchr(v, '\0', vlen)) {
			cfg_error(b->d, n->line, n->col, "ký tự NUL không được phép trong giá trị");
			b->failed = true;
			vlen = strlen(v);
		}
		n->value = strndup(v, vlen);
		n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
		if (!n->value) {
			cfg_tree_free(n);
			cfg_error(b->d, 0, 0, "hết bộ nhớ khi đọc cấu hình");
			b->failed = b->stop = true;
			break;
		}
		attach(b, n);
		break;
	}
	case YAML_SEQUENCE_START_EVENT:
	case YAML_MAPPING_START_EVENT: {
		bool seq = ev->type == YAML_SEQUENCE_START_EVENT;
		refuse_anchor(b, seq ? ev->data.sequence_start.anchor : ev->data.mapping_start.anchor,
		              ev->start_mark);
		if (b->depth >= CFG_MAX_DEPTH) {
			mark_pos(ev->start_mark, &line, &col);
			cfg_error(b->d, line, col, "cấu hình lồng nhau quá sâu (quá %d cấp)", CFG_MAX_DEPTH);
			b->failed = b->stop = true;
			break;
		}
		cfg_node *n = new_node(b, seq ? CFG_SEQ : CFG_MAP, ev->start_mark);
		if (!n || !attach(b, n))
			break;
		b->stack[b->depth++] = n;
		break;
	}
	case YAML_SEQUENCE_END_EVENT:
	case YAML_MAPPING_END_EVENT:
		if (b->depth > 0)
			b->depth--;
		break;
	default: break;
	}
}

void cfg_tree_free(cfg_node *n)
{
	if (!n)
		return;
	for (size_t i = 0; i < n->n; i++)
		cfg_tree_free(n->items[i]);
	free(n->items);
	free(n->value);
	free(n);
}

const cfg_node *cfg_map_get(const cfg_node *map, const char *key, const cfg_node **key_node)
{
	if (!map || map->kind != CFG_MAP)
		return NULL;
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const cfg_node *k = map->items[i];
		if (k->kind == CFG_SCALAR && strcmp(k->value, key) == 0) {
			if (key_node)
				*key_node = k;
			return map->items[i + 1];
		}
	}
	return NULL;
}

bool cfg_is_null(const cfg_node *n)
{
	if (!n || n->kind != CFG_SCALAR || !n->plain)
		return false;
	return n->value[0] == '\0' || strcmp(n->value, "~") == 0 || strcmp(n->value, "null") == 0 ||
	       strcmp(n->value, "Null") == 0 || strcmp(n->value, "NULL") == 0;
}
