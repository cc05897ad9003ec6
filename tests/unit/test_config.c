/* test_config.c — the example config, and broken configs each reported at
 * the line and column a person would look at. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "dienhinh/config.h"
#include "dienhinh/error.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

static char dir[64];
static char path[128];
static dh_config *cfg;
static dh_diag diag;

/* A small valid config; the broken ones below change one thing in it, so
 * the line numbers in the expectations are the lines of this text. */
static const char base[] =
    "organization: { name: \"Thanh tra tỉnh Thử\", short: \"TTr\" }\n"                   /* 1 */
    "plan: { year: 2021, title: \"Kế hoạch năm 2021\" }\n"                               /* 2 */
    "departments:\n"                                                                     /* 3 */
    "  - { id: ld, name: \"Ban lãnh đạo\" }\n"                                           /* 4 */
    "  - { id: vp, name: \"Văn phòng\" }\n"                                              /* 5 */
    "people:\n"                                                                          /* 6 */
    "  - { login: thuanpv, name: \"Phạm Văn Thuần\", department: ld, roles: [chief] }\n" /* 7 */
    "  - { login: tdkt, name: \"Võ Thị Hương\", department: vp, roles: [office] }\n"     /* 8 */
    "  - { login: an, name: \"Lê An\", department: vp, roles: [staff] }\n"               /* 9 */
    "council:\n"                                                                         /* 10 */
    "  name: \"Hội đồng\"\n"                                                             /* 11 */
    "  members:\n"                                                                       /* 12 */
    "    - { login: thuanpv, role: chair }\n"                                            /* 13 */
    "    - { login: tdkt, role: secretary }\n"                                           /* 14 */
    "    - { login: an, role: member }\n"                                                /* 15 */
    "  quorum: \"2/3\"\n"                                                                /* 16 */
    "  vote: { method: secret, approve_more_than: \"1/2\", of: members }\n"              /* 17 */
    "  recuse: [self]\n"                                                                 /* 18 */
    "criteria:\n"                                                                        /* 19 */
    "  new_factor_min: 1\n"                                                              /* 20 */
    "  individual: [ { id: xs, text: \"Hoàn thành xuất sắc nhiệm vụ\" } ]\n"             /* 21 */
    "  collective: [ { id: xs, text: \"Hoàn thành xuất sắc nhiệm vụ\" } ]\n"             /* 22 */
    "  model: [ { id: moi, text: \"Cách làm mới\" } ]\n"                                 /* 23 */
    "deadlines:\n"                                                                       /* 24 */
    "  - { id: registration, label: \"Đăng ký\", date: 2021-06-30, closes: nominate }\n" /* 25 */
    "awards:\n"                                                                          /* 26 */
    "  - { id: giay_khen, name: \"Giấy khen\" }\n";                                      /* 27 */

static int setup(void **state)
{
	(void)state;
	strcpy(dir, "/tmp/dh_test_config_XXXXXX");
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/dienhinh.yaml", dir);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	config_free(cfg);
	cfg = NULL;
	diag_free(&diag);
	unlink(path);
	rmdir(dir);
	return 0;
}

static void write_bytes(const char *text, size_t len)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(text, 1, len, f), len);
	assert_int_equal(fclose(f), 0);
}

static int load_bytes(const char *text, size_t len)
{
	config_free(cfg);
	cfg = NULL;
	diag_free(&diag);
	write_bytes(text, len);
	return config_load(path, &cfg, &diag);
}

static int load_text(const char *text)
{
	return load_bytes(text, strlen(text));
}

/* BASE with FIND (which must occur once) replaced by REPLACE. */
static int load_variant(const char *find, const char *replace)
{
	const char *at = strstr(base, find);
	assert_non_null(at);
	assert_null(strstr(at + 1, find));
	size_t pre = (size_t)(at - base), flen = strlen(find), rlen = strlen(replace);
	char *text = malloc(sizeof base + rlen);
	assert_non_null(text);
	memcpy(text, base, pre);
	memcpy(text + pre, replace, rlen);
	strcpy(text + pre + rlen, at + flen);
	int rc = load_text(text);
	free(text);
	return rc;
}

static void dump_diag(void)
{
	for (size_t i = 0; i < diag.n; i++)
		fprintf(stderr, "     | %s", diag.lines[i]);
}

/* The entry whose first line is "PATH:" + WANT, or NULL. */
static const char *find_diag(const char *want)
{
	size_t plen = strlen(path), wlen = strlen(want);
	for (size_t i = 0; i < diag.n; i++) {
		const char *s = diag.lines[i];
		if (strncmp(s, path, plen) == 0 && s[plen] == ':' && strncmp(s + plen + 1, want, wlen) == 0 &&
		    s[plen + 1 + wlen] == '\n')
			return s;
	}
	return NULL;
}

/* Loading failed with DH_ECONFIG and one entry reads exactly "PATH:WANT". */
static const char *expect_diag(int rc, const char *want)
{
	const char *s = find_diag(want);
	if (rc != DH_ECONFIG || !s) {
		fprintf(stderr, "expected: %s:%s\ngot rc %d and:\n", path, want, rc);
		dump_diag();
		fail();
	}
	assert_null(cfg);
	return s;
}

static void expect_only(int rc, const char *want)
{
	expect_diag(rc, want);
	if (diag.n != 1) {
		fprintf(stderr, "expected one diagnostic, got %zu:\n", diag.n);
		dump_diag();
		fail();
	}
}

/* ---- the example ----------------------------------------------------- */

static void test_example_loads(void **state)
{
	(void)state;
	int rc = config_load("config/dienhinh.yaml", &cfg, &diag);
	if (rc)
		dump_diag();
	assert_int_equal(rc, 0);
	assert_int_equal(diag.n, 0);
	assert_string_equal(cfg->path, "config/dienhinh.yaml");
	assert_int_equal(cfg->plan.year, 2021);
	assert_string_equal(
	    cfg->plan.title,
	    "Kế hoạch xây dựng, bồi dưỡng và nhân rộng điển hình tiên tiến xuất sắc năm 2021");
	assert_string_equal(cfg->organization.short_name, "TTr");
	assert_non_null(strstr(cfg->organization.name, "Thanh tra tỉnh "));
	assert_string_equal(cfg->storage_path, "var/data");

	assert_true(cfg->n_departments >= 6);
	assert_non_null(config_department(cfg, "ld"));
	assert_string_equal(config_department(cfg, "vp")->name, "Văn phòng");
	assert_true(cfg->n_people >= 14 && cfg->n_people <= 20);

	const dh_person *chief = config_person(cfg, "thuanpv");
	assert_non_null(chief);
	assert_string_equal(chief->name, "Phạm Văn Thuần");
	assert_string_equal(chief->position, "Chánh Thanh tra");
	assert_string_equal(chief->department, "ld");
	assert_int_equal(chief->roles, DH_ROLE_CHIEF | DH_ROLE_CHAIR);

	const dh_person *clerk = config_person(cfg, "tdkt");
	assert_non_null(clerk);
	assert_string_equal(clerk->department, "vp");
	assert_int_equal(clerk->roles, DH_ROLE_OFFICE | DH_ROLE_SECRETARY);
	assert_null(config_person(cfg, "nobody"));

	const dh_council *c = &cfg->council;
	assert_int_equal(c->n_members, 11);
	size_t per_role[DH_ROLE_COUNT] = {0};
	for (size_t i = 0; i < c->n_members; i++) {
		assert_non_null(config_person(cfg, c->members[i].login));
		for (int b = 0; b < DH_ROLE_COUNT; b++)
			per_role[b] += c->members[i].role == (1u << b);
	}
	assert_int_equal(per_role[5], 1); /* chair */
	assert_true(per_role[6] >= 1);    /* vice_chair */
	assert_int_equal(per_role[7], 1); /* standing */
	assert_int_equal(per_role[8], 1); /* secretary */
	assert_true(per_role[9] >= 1);    /* member */
	assert_int_equal(c->quorum.num, 2);
	assert_int_equal(c->quorum.den, 3);
	assert_int_equal(c->method, DH_VOTE_SECRET);
	assert_int_equal(c->rule, DH_RULE_MORE_THAN);
	assert_int_equal(c->threshold.num, 1);
	assert_int_equal(c->threshold.den, 2);
	assert_int_equal(c->base, DH_BASE_MEMBERS);
	assert_true(c->written_votes_count);
	assert_true(c->recuse_self);
	assert_false(c->recuse_department);

	assert_int_equal(cfg->criteria.new_factor_min, 3);
	for (int k = 0; k < DH_CANDIDATE_KINDS; k++)
		assert_true(cfg->criteria.n[k] >= 3);
	assert_non_null(config_criterion(cfg, 0, "xs"));
	assert_null(config_criterion(cfg, 3, "xs"));

	const dh_deadline *reg = config_deadline(cfg, "registration");
	assert_non_null(reg);
	assert_int_equal(reg->date / 10000, 2021);
	assert_ptr_equal(config_deadline_closing(cfg, "nominate"), reg);
	assert_null(config_deadline_closing(cfg, "award"));
	for (const char *const *id = (const char *const[]){"preliminary_review", "council_session",
	                                                   "decisions", "final_review", NULL};
	     *id; id++)
		assert_non_null(config_deadline(cfg, *id));

	assert_non_null(config_award(cfg, "giay_khen"));
	assert_int_equal(cfg->n_permissions, 1);
	assert_string_equal(cfg->permissions[0].action, "record_votes");
	assert_int_equal(cfg->permissions[0].roles, DH_ROLE_SECRETARY | DH_ROLE_STANDING);
}

static void test_buffer_loads_as_the_file(void **state)
{
	(void)state;
	FILE *in = fopen("config/dienhinh.yaml", "rb");
	assert_non_null(in);
	static char text[64 * 1024];
	size_t n = fread(text, 1, sizeof text, in);
	fclose(in);
	assert_true(n > 0 && n < sizeof text);
	/* Not NUL-terminated: a byte after the buffer must not be read. */
	char *exact = malloc(n);
	assert_non_null(exact);
	memcpy(exact, text, n);
	assert_int_equal(config_load_buffer("mem.yaml", exact, n, &cfg, &diag), 0);
	assert_string_equal(cfg->path, "mem.yaml");
	assert_int_equal(cfg->n_departments >= 6, 1);
	config_free(cfg);
	cfg = NULL;
	/* A fault is named after the buffer, at its position. */
	const char *bad = "organization: { name: x, short: y }\nplan: [1\n";
	assert_int_equal(config_load_buffer("mem.yaml", bad, strlen(bad), &cfg, &diag), DH_ECONFIG);
	assert_null(cfg);
	assert_true(diag.n > 0);
	assert_int_equal(strncmp(diag.lines[0], "mem.yaml:", 9), 0);
	free(exact);
}

static void test_example_summary(void **state)
{
	(void)state;
	assert_int_equal(config_load("config/dienhinh.yaml", &cfg, &diag), 0);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	assert_non_null(out);
	config_print_summary(cfg, out, 20210915);
	fclose(out);
	static const char *const want[] = {
	    "Kế hoạch năm 2021: Kế hoạch xây dựng, bồi dưỡng",
	    "Phòng, ban (8):",
	    "Phạm Văn Thuần — Chánh Thanh tra (Ban lãnh đạo)",
	    "vai trò: Chánh Thanh tra, Chủ tịch Hội đồng",
	    "vai trò: Cán bộ thi đua - khen thưởng, Thư ký Hội đồng",
	    "Hội đồng thi đua, khen thưởng Thanh tra tỉnh (11 thành viên):",
	    "Số thành viên dự họp tối thiểu: 2/3 tổng số thành viên (8/11)",
	    "Hình thức biểu quyết: bỏ phiếu kín",
	    "Đạt khi: trên 1/2 tổng số thành viên Hội đồng (ít nhất 6/11 phiếu đồng ý)",
	    "Ý kiến bằng văn bản của thành viên vắng mặt: được tính",
	    "Không biểu quyết: người được xét",
	    "Nhân tố mới: đạt từ 3 tiêu chí trở lên",
	    "Mốc thời gian (tính đến ngày 15/09/2021):",
	    "quá hạn 62 ngày",
	    "còn 30 ngày — sau hạn khóa: Đăng ký đề nghị công nhận",
	    "Giấy khen của Chánh Thanh tra tỉnh (giay_khen)",
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		if (!strstr(text, want[i])) {
			fprintf(stderr, "summary lacks \"%s\":\n%s", want[i], text);
			fail();
		}
	}
	free(text);
}

static void test_summary_threshold_words(void **state)
{
	(void)state;
	assert_int_equal(load_variant("approve_more_than: \"1/2\", of: members",
	                              "approve_at_least: \"9/10\", of: present, written_votes: false"),
	                 0);
	assert_int_equal(cfg->council.rule, DH_RULE_AT_LEAST);
	assert_int_equal(cfg->council.base, DH_BASE_PRESENT);
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	config_print_summary(cfg, out, 20210630);
	fclose(out);
	/* 3 members: quorum 2/3 → 2; at least 9/10 of 2 present → 2. */
	assert_non_null(strstr(text, "Số thành viên dự họp tối thiểu: 2/3 tổng số thành viên (2/3)"));
	assert_non_null(strstr(text,
	                       "Đạt khi: từ 9/10 số thành viên dự họp trở lên (khi 2 người dự họp: ít nhất "
	                       "2 phiếu đồng ý)"));
	assert_non_null(strstr(text, "vắng mặt: không tính"));
	assert_non_null(strstr(text, "Đăng ký  hôm nay"));
	free(text);

	assert_int_equal(load_variant("recuse: [self]", "recuse: [department, self]"), 0);
	out = open_memstream(&text, &len);
	config_print_summary(cfg, out, 20210701);
	fclose(out);
	assert_non_null(
	    strstr(text, "Không biểu quyết: người được xét; thành viên cùng phòng với người được xét\n"));
	assert_non_null(strstr(text, "Đăng ký  quá hạn 1 ngày"));
	free(text);
}

static void test_base_loads(void **state)
{
	(void)state;
	int rc = load_text(base);
	if (rc)
		dump_diag();
	assert_int_equal(rc, 0);
	assert_int_equal(cfg->n_people, 3);
	/* Defaults for what the base leaves out. */
	assert_string_equal(cfg->storage_path, "var/data");
	assert_null(cfg->organization.website);
	assert_false(cfg->council.written_votes_count);
	assert_int_equal(cfg->n_permissions, 0);
	assert_int_equal(cfg->deadlines[0].date, 20210630);
}

/* ---- lookups --------------------------------------------------------- */

static void test_department_lookup(void **state)
{
	(void)state;
	assert_int_equal(load_text(base), 0);
	assert_string_equal(config_department_lookup(cfg, "vp")->id, "vp");
	assert_string_equal(config_department_lookup(cfg, "Văn phòng")->id, "vp");
	assert_string_equal(config_department_lookup(cfg, "  VĂN PHÒNG ")->id, "vp");
	/* "Văn phòng" typed decomposed (a + breve, o + grave). */
	assert_string_equal(config_department_lookup(cfg, "Va\xcc\x86n pho\xcc\x80ng")->id, "vp");
	assert_string_equal(config_department_lookup(cfg, "ban lãnh đạo")->id, "ld");
	assert_null(config_department_lookup(cfg, "Van phong"));
	assert_null(config_department_lookup(cfg, "nv9"));
	assert_null(config_department(cfg, "Văn phòng"));
}

/* A narrow column shows `short`, else the name without "Phòng ". */
static void test_department_short(void **state)
{
	(void)state;
	assert_int_equal(config_load("config/dienhinh.yaml", &cfg, &diag), 0);
	assert_string_equal(config_department_short(cfg, "pctn"), "PCTN");
	assert_string_equal(config_department_short(cfg, "nv1"), "Nghiệp vụ 1");
	assert_string_equal(config_department_short(cfg, "vp"), "Văn phòng");
	assert_string_equal(config_department_short(cfg, "zz"), "zz");
	assert_string_equal(config_department_short(cfg, NULL), "");
	/* The short name finds the department too (import, typing). */
	assert_string_equal(config_department_lookup(cfg, "pctn")->id, "pctn");
	assert_string_equal(config_department_lookup(cfg, "Tiếp công dân")->id, "tcd");
}

static void test_text_is_nfc(void **state)
{
	(void)state;
	/* "Lê An" with ê as e + U+0302 → stored precomposed. */
	assert_int_equal(load_variant("\"Lê An\"", "\"Le\xcc\x82 An\""), 0);
	assert_string_equal(config_person(cfg, "an")->name, "Lê An");
}

static void test_roles(void **state)
{
	(void)state;
	assert_int_equal(config_role_from_name("dept_head"), DH_ROLE_DEPT_HEAD);
	assert_int_equal(config_role_from_name("secretary"), DH_ROLE_SECRETARY);
	assert_int_equal(config_role_from_name("boss"), 0);
	assert_string_equal(config_role_name(DH_ROLE_VICE_CHAIR), "vice_chair");
	assert_string_equal(config_role_label(DH_ROLE_CHIEF), "Chánh Thanh tra");
	for (unsigned b = 1; b < (1u << DH_ROLE_COUNT); b <<= 1)
		assert_int_equal(config_role_from_name(config_role_name(b)), b);
}

static void test_config_find(void **state)
{
	(void)state;
	assert_string_equal(config_find("x.yaml"), "x.yaml");
	setenv("DIENHINH_CONFIG", "/srv/dh.yaml", 1);
	assert_string_equal(config_find(NULL), "/srv/dh.yaml");
	unsetenv("DIENHINH_CONFIG");
	/* tests run from the repository root, where the example lives */
	assert_string_equal(config_find(NULL), "config/dienhinh.yaml");
	char cwd[4096];
	assert_non_null(getcwd(cwd, sizeof cwd));
	assert_int_equal(chdir(dir), 0);
	assert_string_equal(config_find(NULL), "/etc/dienhinh/dienhinh.yaml");
	assert_int_equal(chdir(cwd), 0);
}

/* ---- broken files ---------------------------------------------------- */

static void test_unknown_key_suggests(void **state)
{
	(void)state;
	const char *s = expect_diag(load_variant("  quorum: \"2/3\"", "  quorom: \"2/3\""),
	                            "16:3: khóa không hợp lệ `quorom` trong `council` — có phải `quorum`?");
	/* the source line and a caret under the column */
	assert_non_null(strstr(s, "\n 16 |   quorom: \"2/3\"\n    |   ^\n"));
	/* the suggestion already says that `quorum` is missing */
	assert_int_equal(diag.n, 1);
}

static void test_unknown_key_lists_valid_keys(void **state)
{
	(void)state;
	expect_diag(
	    load_variant("  recuse: [self]", "  recuse: [self]\n  colour: blue"),
	    "19:3: khóa không hợp lệ `colour` trong `council` (chọn một trong: name, members, quorum, "
	    "vote, recuse)");
	expect_only(load_variant("deadlines:", "deadline:"),
	            "24:1: khóa không hợp lệ `deadline` trong `cấu hình` — có phải `deadlines`?");
}

static void test_bad_date(void **state)
{
	(void)state;
	const char *s =
	    expect_diag(load_variant("2021-06-30", "2021-02-30"), "25:49: ngày `2021-02-30` không có thật");
	/* the caret counts characters, not the bytes of "Đăng ký" */
	assert_non_null(strstr(s, "    |                                                 ^\n"));
	assert_int_equal(diag.n, 1);
	expect_only(load_variant("2021-06-30", "30/6/2021x"),
	            "25:49: ngày `30/6/2021x` không đúng dạng YYYY-MM-DD (ví dụ 2021-06-30)");
	expect_only(load_variant("2021-06-30", "2012-06-30"),
	            "25:49: ngày 2012-06-30 không thuộc năm kế hoạch 2021 (hoặc đầu năm sau)");
	assert_int_equal(load_variant("2021-06-30", "30/06/2021"), 0);
	assert_int_equal(cfg->deadlines[0].date, 20210630);
}

static void test_bad_fractions(void **state)
{
	(void)state;
	expect_only(load_variant("quorum: \"2/3\"", "quorum: \"3/2\""),
	            "16:11: tỉ lệ `3/2` phải lớn hơn 0 và không quá 1");
	expect_only(load_variant("quorum: \"2/3\"", "quorum: 0/3"),
	            "16:11: tỉ lệ `0/3` phải lớn hơn 0 và không quá 1");
	expect_only(load_variant("quorum: \"2/3\"", "quorum: 2/0"),
	            "16:11: tỉ lệ `2/0` phải lớn hơn 0 và không quá 1");
	expect_only(load_variant("quorum: \"2/3\"", "quorum: 66%"),
	            "16:11: tỉ lệ `66%` phải viết dạng a/b, ví dụ \"2/3\"");
	expect_only(load_variant("\"1/2\"", "\"-1/2\""),
	            "17:46: tỉ lệ `-1/2` phải viết dạng a/b, ví dụ \"2/3\"");
	assert_int_equal(load_variant("quorum: \"2/3\"", "quorum: 1/1"), 0);
	assert_int_equal(cfg->council.quorum.num, 1);
}

static void test_missing_required_key(void **state)
{
	(void)state;
	expect_only(
	    load_variant("plan: { year: 2021, title: \"Kế hoạch năm 2021\" }", "plan: { year: 2021 }"),
	    "2:7: thiếu khóa bắt buộc `title` trong `plan`");
	expect_only(load_variant("awards:\n  - { id: giay_khen, name: \"Giấy khen\" }\n", ""),
	            "1:1: thiếu khóa bắt buộc `awards` trong `cấu hình`");
	expect_only(load_variant("  - { id: vp, name: \"Văn phòng\" }", "  - { id: vp }"),
	            "5:5: thiếu khóa bắt buộc `name` trong `departments`");
	expect_only(load_variant("name: \"Hội đồng\"", "name: \"\""), "11:9: `name` không được để trống");
	expect_only(load_variant("name: \"Hội đồng\"", "name:"), "11:3: `name` không được để trống");
}

static void test_duplicate_department_id(void **state)
{
	(void)state;
	expect_diag(load_variant("{ id: vp,", "{ id: ld,"),
	            "5:11: trùng `id` `ld` trong `departments` (đã có ở dòng 4)");
}

static void test_duplicate_login_and_key(void **state)
{
	(void)state;
	expect_diag(load_variant("{ login: an, name", "{ login: tdkt, name"),
	            "9:14: trùng `login` `tdkt` trong `people` (đã có ở dòng 8)");
	expect_only(load_variant("  recuse: [self]", "  recuse: [self]\n  quorum: \"1/2\""),
	            "19:3: khóa `quorum` lặp lại trong `council` (đã có ở dòng 16)");
}

static void test_council_login_not_in_people(void **state)
{
	(void)state;
	expect_only(load_variant("{ login: an, role: member }", "{ login: anh, role: member }"),
	            "15:16: thành viên Hội đồng `anh` không có trong danh sách `people` — có phải `an`?");
}

static void test_person_in_unknown_department(void **state)
{
	(void)state;
	expect_only(load_variant("\"Lê An\", department: vp", "\"Lê An\", department: vpp"),
	            "9:45: phòng `vpp` không có trong `departments` — có phải `vp`?");
}

static void test_bad_role(void **state)
{
	(void)state;
	expect_only(
	    load_variant("roles: [staff]", "roles: [boss]"),
	    "9:57: vai trò không hợp lệ `boss` (chọn một trong: chief, leader, dept_head, office, staff)");
	expect_only(load_variant("roles: [staff]", "roles: [stafff]"),
	            "9:57: vai trò không hợp lệ `stafff` — có phải `staff`?");
	expect_only(
	    load_variant("roles: [staff]", "roles: [staff, chair]"),
	    "9:64: `chair` là vai trò trong Hội đồng: khai báo ở `council.members`, không ở `roles` (chief, "
	    "leader, dept_head, office, staff)");
	expect_only(
	    load_variant("role: member", "role: chief"),
	    "15:26: `chief` không phải vai trò trong Hội đồng (chọn một trong: chair, vice_chair, standing, "
	    "secretary, member)");
	expect_only(load_variant("roles: [staff]", "roles: [staff, staff]"), "9:64: vai trò `staff` lặp lại");
	expect_only(load_variant("roles: [staff]", "roles: []"), "9:56: `roles` cần ít nhất một vai trò");
}

static void test_council_structure(void **state)
{
	(void)state;
	expect_only(load_variant("role: member", "role: chair"),
	            "15:26: Hội đồng chỉ có một Chủ tịch (đã có ở dòng 13)");
	expect_only(load_variant("{ login: thuanpv, role: chair }", "{ login: thuanpv, role: member }"),
	            "13:5: Hội đồng cần một thành viên có `role: chair` (Chủ tịch)");
	expect_only(
	    load_variant("{ login: thuanpv, name", "{ login: thuanpv2, name"),
	    "13:16: thành viên Hội đồng `thuanpv` không có trong danh sách `people` — có phải `thuanpv2`?");
	expect_only(
	    load_variant("roles: [chief]", "roles: [leader]"),
	    "6:1: `people` cần một người có vai trò `chief` (Chánh Thanh tra): chỉ người đó được quyết định "
	    "công nhận, khen thưởng");
}

static void test_vote_values(void **state)
{
	(void)state;
	expect_only(load_variant("of: members", "of: all"),
	            "17:57: cách tính tỉ lệ (`of`) không hợp lệ `all` (chọn một trong: members, present)");
	expect_only(load_variant("method: secret", "method: secrt"),
	            "17:19: cách biểu quyết không hợp lệ `secrt` — có phải `secret`?");
	expect_only(load_variant("approve_more_than: \"1/2\"",
	                         "approve_more_than: \"1/2\", approve_at_least: \"2/3\""),
	            "17:53: chỉ dùng một trong hai: `approve_more_than` hoặc `approve_at_least`");
	expect_only(
	    load_variant("approve_more_than: \"1/2\", ", ""),
	    "17:9: `council.vote` cần ngưỡng đạt: `approve_more_than` (trên …) hoặc `approve_at_least` (từ … "
	    "trở lên)");
	expect_only(load_variant("of: members", "of: members, written_votes: maybe"),
	            "17:81: `written_votes` phải là true hoặc false, không phải `maybe`");
	expect_only(
	    load_variant("recuse: [self]", "recuse: [self, dept]"),
	    "18:18: trường hợp không biểu quyết không hợp lệ `dept` (chọn một trong: self, department)");
	assert_int_equal(load_variant("recuse: [self]", "recuse: [self, department]"), 0);
	assert_true(cfg->council.recuse_department);
	assert_int_equal(load_variant("recuse: [self]", "recuse: []"), 0);
	assert_false(cfg->council.recuse_self);
}

static void test_numbers_in_range(void **state)
{
	(void)state;
	expect_only(load_variant("year: 2021", "year: 21"),
	            "2:15: `year` phải là một số nguyên từ 2000 đến 2100, không phải `21`");
	expect_only(load_variant("new_factor_min: 1", "new_factor_min: 0"),
	            "20:19: `new_factor_min` phải là một số nguyên từ 1 đến 50, không phải `0`");
	expect_only(load_variant("new_factor_min: 1", "new_factor_min: 2"),
	            "20:19: `new_factor_min` = 2 nhiều hơn số tiêu chí của `individual` (1)");
	expect_only(
	    load_variant("new_factor_min: 1", "new_factor_min: 99999999999999999999"),
	    "20:19: `new_factor_min` phải là một số nguyên từ 1 đến 50, không phải `99999999999999999999`");
}

static void test_ids_and_actions(void **state)
{
	(void)state;
	expect_only(load_variant("closes: nominate", "closes: nominat"),
	            "25:69: thao tác không hợp lệ `nominat` — có phải `nominate`?");
	expect_only(
	    load_variant("{ id: giay_khen,", "{ id: Giấy khen,"),
	    "27:11: mã `Giấy khen` không hợp lệ: chữ thường không dấu (a–z), chữ số và `_`, bắt đầu bằng "
	    "chữ, tối đa 32 ký tự");
	expect_only(load_variant("awards:", "permissions: { record_vote: [secretary] }\nawards:"),
	            "26:16: khóa không hợp lệ `record_vote` trong `permissions` — có phải `record_votes`?");
	expect_only(
	    load_variant("awards:", "permissions: { record_votes: [secretary, clerk] }\nawards:"),
	    "26:42: vai trò không hợp lệ `clerk` (chọn một trong: chief, leader, dept_head, office, staff, "
	    "chair, vice_chair, standing, secretary, member)");
	assert_int_equal(load_variant("awards:", "permissions: { import: [], close_item: [chair] }\nawards:"),
	                 0);
	assert_int_equal(cfg->n_permissions, 2);
	assert_int_equal(cfg->permissions[0].roles, 0);
	assert_int_equal(cfg->permissions[1].roles, DH_ROLE_CHAIR);
}

static void test_wrong_shapes(void **state)
{
	(void)state;
	expect_only(load_variant("awards:\n  - {", "awards:\n    {"),
	            "27:5: `awards` phải là một danh sách (mỗi mục bắt đầu bằng `- `)");
	expect_only(load_variant("  name: \"Hội đồng\"", "  name: [\"Hội đồng\"]"),
	            "11:9: `name` phải là một giá trị đơn, không phải danh sách");
	/* ld is then unknown to the people who name it: also said */
	expect_diag(load_variant("  - { id: ld, name: \"Ban lãnh đạo\" }", "  - ld"),
	            "4:5: `departments` phải là một bảng `khóa: giá trị`");
	expect_only(load_variant("model: [ { id: moi, text: \"Cách làm mới\" } ]", "model: []"),
	            "23:10: `criteria.model` không được để trống");
}

static void test_control_characters(void **state)
{
	(void)state;
	expect_only(load_variant("\"Lê An\"", "\"Lê\\u001b[31mAn\""),
	            "9:24: `name`: Ký tự điều khiển không được phép");
	expect_only(load_variant("\"Lê An\"", "\"Lê\\0An\""),
	            "9:24: ký tự NUL không được phép trong giá trị");
}

static void test_invalid_utf8(void **state)
{
	(void)state;
	/* "Lê An" with a lone 0xC3 (Latin-1 habits) instead of the ê */
	const char *s =
	    expect_diag(load_variant("\"Lê An\"", "\"L\xc3 An\""),
	                "9:26: tệp không phải UTF-8 hợp lệ: byte 0xC3 không tạo thành ký tự (hãy lưu tệp với "
	                "mã hóa UTF-8)");
	/* the source line is shown with a replacement character */
	assert_non_null(strstr(s, "name: \"L\xef\xbf\xbd An\""));
	assert_int_equal(diag.n, 1);

	/* one entry per bad line, none for later bytes on the same line */
	expect_diag(load_variant("\"Hội đồng\"", "\"H\xff\xfe\xf0i\""),
	            "11:11: tệp không phải UTF-8 hợp lệ: byte 0xFF không "
	            "tạo thành ký tự (hãy lưu tệp với mã hóa UTF-8)");
	expect_diag(load_variant("\"Lê An\"", "\"L\xed\xa0\x80\""),
	            "9:26: tệp không phải UTF-8 hợp lệ: byte 0xED không tạo "
	            "thành ký tự (hãy lưu tệp với mã hóa UTF-8)");
	assert_int_equal(diag.n, 1);
	/* overlong "/" */
	expect_only(
	    load_variant("\"2/3\"", "\"2\xc0\xaf"
	                            "3\""),
	    "16:13: tệp không phải UTF-8 hợp lệ: byte 0xC0 không tạo thành ký tự (hãy lưu tệp với mã hóa "
	    "UTF-8)");
}

static void test_alias_bomb_is_refused_fast(void **state)
{
	(void)state;
	/* "billion laughs": 9 levels of 10 aliases each would be 10^9 strings */
	char text[4096];
	size_t o = (size_t)snprintf(text, sizeof text, "a0: &a0 [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
	for (int i = 1; i <= 9; i++) {
		o += (size_t)snprintf(text + o, sizeof text - o, "a%d: &a%d [", i, i);
		for (int j = 0; j < 10; j++)
			o += (size_t)snprintf(text + o, sizeof text - o, "%s*a%d", j ? "," : "", i - 1);
		o += (size_t)snprintf(text + o, sizeof text - o, "]\n");
	}
	clock_t t0 = clock();
	int rc = load_text(text);
	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	expect_diag(rc, "1:5: không hỗ trợ neo YAML `&a0` (và bí danh `*`): hãy viết giá trị trực tiếp");
	expect_diag(rc, "2:10: không hỗ trợ bí danh YAML `*a0` (và neo `&`): hãy viết giá trị trực tiếp");
	assert_int_equal(diag.n, 2);
	assert_true(secs < 1.0);
}

static void test_merge_key_alias_refused(void **state)
{
	(void)state;
	expect_diag(load_variant("organization: {", "defaults: &d { short: TTr }\norganization: { <<: *d,"),
	            "1:11: không hỗ trợ neo YAML `&d` (và bí danh `*`): hãy viết giá trị trực tiếp");
}

static void test_deep_nesting_bounded(void **state)
{
	(void)state;
	char text[512];
	memset(text, '[', 200);
	memset(text + 200, ']', 200);
	strcpy(text + 400, "\n");
	expect_only(load_text(text), "1:33: cấu hình lồng nhau quá sâu (quá 32 cấp)");
}

static void test_syntax_error(void **state)
{
	(void)state;
	expect_only(load_variant("name: \"Giấy khen\" }", "name: \"Giấy khen }"),
	            "27:28: lỗi cú pháp YAML: dấu nháy mở ở đây không được đóng trước khi hết tệp");
	expect_only(load_variant("  quorum: \"2/3\"", "  quorum: \"2/3"),
	            "17:47: lỗi cú pháp YAML: thiếu khóa hoặc thụt lề sai (khối bắt đầu ở dòng 11, cột 3)");
	expect_only(load_variant("{ login: an, name", "{ login: an name"),
	            "9:21: lỗi cú pháp YAML: thiếu dấu `,` hoặc `}` (bảng `{` mở ở dòng 9, cột 5)");
	expect_only(
	    load_variant("  quorum: \"2/3\"", "\tquorum: \"2/3\""),
	    "16:1: lỗi cú pháp YAML: ký tự không thể bắt đầu một giá trị (tab thụt lề, hay giá trị cần đặt "
	    "trong dấu nháy?)");
}

static void test_empty_file(void **state)
{
	(void)state;
	expect_only(load_text(""), "1:1: tệp cấu hình trống");
	expect_only(load_text("# chỉ có ghi chú\n\n"), "1:1: tệp cấu hình trống");
	expect_only(load_text("---\n"), "1:1: tệp cấu hình trống");
}

static void test_root_not_mapping(void **state)
{
	(void)state;
	expect_only(load_text("# cấu hình\n- organization\n- plan\n"),
	            "2:1: gốc của cấu hình phải là một bảng `khóa: giá trị` (organization, plan, …)");
	expect_only(load_text("\"Thanh tra tỉnh\"\n"),
	            "1:1: gốc của cấu hình phải là một bảng `khóa: giá trị` (organization, plan, …)");
}

static void test_two_documents(void **state)
{
	(void)state;
	char text[sizeof base + 16];
	snprintf(text, sizeof text, "%s---\nplan: 1\n", base);
	expect_only(load_text(text), "28:1: tệp cấu hình chỉ được chứa một tài liệu YAML");
}

static void test_every_error_in_one_run_sorted(void **state)
{
	(void)state;
	const char three[] = "organization: { name: \"T\", short: \"T\", websit: \"x\" }\n"
	                     "plan: { year: 1999, title: \"K\" }\n";
	int rc = load_text(three);
	assert_int_equal(rc, DH_ECONFIG);
	/* in file order: line 1 before line 2 before the missing top-level keys
	 * reported at the root (1:1 sorts first) */
	const char *want[] = {
	    "1:1: thiếu khóa bắt buộc `departments` trong `cấu hình`",
	    "1:1: thiếu khóa bắt buộc `people` trong `cấu hình`",
	    "1:1: thiếu khóa bắt buộc `council` trong `cấu hình`",
	    "1:1: thiếu khóa bắt buộc `criteria` trong `cấu hình`",
	    "1:1: thiếu khóa bắt buộc `deadlines` trong `cấu hình`",
	    "1:1: thiếu khóa bắt buộc `awards` trong `cấu hình`",
	    "1:40: khóa không hợp lệ `websit` trong `organization` — có phải `website`?",
	    "2:15: `year` phải là một số nguyên từ 2000 đến 2100, không phải `1999`",
	};
	if (diag.n != sizeof want / sizeof want[0])
		dump_diag();
	assert_int_equal(diag.n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < diag.n; i++) {
		size_t plen = strlen(path);
		assert_memory_equal(diag.lines[i], path, plen);
		assert_memory_equal(diag.lines[i] + plen + 1, want[i], strlen(want[i]));
	}
}

static void test_too_many_errors_capped(void **state)
{
	(void)state;
	char *text = malloc(200 * 40 + 1);
	assert_non_null(text);
	size_t o = 0;
	for (int i = 0; i < 200; i++)
		o += (size_t)sprintf(text + o, "unknown_key_%03d: 1\n", i);
	int rc = load_text(text);
	free(text);
	assert_int_equal(rc, DH_ECONFIG);
	assert_int_equal(diag.n, 51);
	assert_non_null(strstr(diag.lines[50], "… và 158 lỗi khác không hiển thị"));
}

static void test_unreadable_file(void **state)
{
	(void)state;
	char missing[160];
	snprintf(missing, sizeof missing, "%s/none.yaml", dir);
	assert_int_equal(config_load(missing, &cfg, &diag), DH_EIO);
	assert_null(cfg);
	assert_int_equal(diag.n, 1);
	char want[256];
	snprintf(want, sizeof want, "%s: không đọc được tệp cấu hình: không có tệp này\n", missing);
	assert_string_equal(diag.lines[0], want);
	diag_free(&diag);
	assert_int_equal(config_load(dir, &cfg, &diag), DH_EIO);
	assert_non_null(strstr(diag.lines[0], "đây là một thư mục"));
}

static void test_crlf_and_bom(void **state)
{
	(void)state;
	/* Saved by a Windows editor: BOM and CRLF line ends. */
	size_t n = strlen(base);
	char *text = malloc(3 + 2 * n + 1);
	assert_non_null(text);
	size_t o = 0;
	memcpy(text, "\xef\xbb\xbf", 3);
	o = 3;
	for (size_t i = 0; i < n; i++) {
		if (base[i] == '\n')
			text[o++] = '\r';
		text[o++] = base[i];
	}
	int rc = load_bytes(text, o);
	if (rc)
		dump_diag();
	assert_int_equal(rc, 0);
	assert_string_equal(cfg->organization.name, "Thanh tra tỉnh Thử");
	assert_string_equal(cfg->council.name, "Hội đồng");
	/* positions after the BOM count from the first real character */
	char *bad = strstr(text, "2021, title");
	memcpy(bad, "2O21", 4);
	const char *s = expect_diag(load_bytes(text, o),
	                            "2:15: `year` phải là một số nguyên từ 2000 đến 2100, không phải `2O21`");
	assert_non_null(strstr(s, "\n 2 | plan: { year: 2O21, title: \"Kế hoạch năm 2021\" }\n"));
	memcpy(bad, "2021", 4);
	memcpy(strstr(text, "short"), "shrot", 5);
	expect_only(load_bytes(text, o),
	            "1:45: khóa không hợp lệ `shrot` trong `organization` — có phải `short`?");
	memcpy(strstr(text, "shrot"), "short", 5);
	memcpy(strstr(text, "TTr"), "TT\xff", 3);
	expect_only(load_bytes(text, o),
	            "1:55: tệp không phải UTF-8 hợp lệ: byte 0xFF không tạo thành ký tự (hãy lưu "
	            "tệp với mã hóa UTF-8)");
	free(text);
}

static void test_size_limits(void **state)
{
	(void)state;
	/* a file bigger than any config */
	size_t n = 1100 * 1024;
	char *text = malloc(n + 1);
	assert_non_null(text);
	memset(text, '#', n);
	for (size_t i = 80; i < n; i += 81)
		text[i] = '\n';
	text[n] = '\0';
	assert_int_equal(load_bytes(text, n), DH_EIO);
	assert_non_null(strstr(diag.lines[0], "tệp quá lớn cho một tệp cấu hình (quá 1 MiB)"));

	/* more values than any config has, within the byte limit */
	size_t o = (size_t)sprintf(text, "x: [");
	for (int i = 0; i < 150000; i++)
		o += (size_t)sprintf(text + o, "1,");
	strcpy(text + o, "1]\n");
	expect_only(load_text(text), "1:199999: tệp cấu hình quá lớn: hơn 100000 giá trị");
	free(text);
}

/* Hostile files cost time linear in their size: each of these would be
 * quadratic (or worse) if errors or lookups were computed naively. */
static void test_hostile_files_are_cheap(void **state)
{
	(void)state;
	size_t cap = 1000 * 1024;
	char *text = malloc(cap);
	assert_non_null(text);
	clock_t t0 = clock();

	/* a bad byte on every line */
	size_t o = 0;
	while (o + 8 < cap)
		o += (size_t)sprintf(text + o, "a: \xff\xfe\n");
	assert_int_equal(load_bytes(text, o), DH_ECONFIG);
	assert_int_equal(diag.n, 51);

	/* many unknown keys, then the same known key again and again */
	o = 0;
	for (int i = 0; i < 20000; i++)
		o += (size_t)sprintf(text + o, "k%05d: 1\n", i);
	for (int i = 0; i < 20000; i++)
		o += (size_t)sprintf(text + o, "plan: 1\n");
	assert_int_equal(load_bytes(text, o), DH_ECONFIG);
	assert_int_equal(diag.n, 51);

	/* a list far longer than any department list */
	o = (size_t)sprintf(text, "departments:\n");
	for (int i = 0; i < 5000; i++)
		o += (size_t)sprintf(text + o, "  - { id: d, name: \"Phòng\" }\n");
	assert_int_equal(load_bytes(text, o), DH_ECONFIG);
	assert_non_null(find_diag("2:3: `departments` có quá nhiều mục (5000, tối đa 500)"));

	double secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
	assert_true(secs < 5.0); /* under ASan; a fraction of a second without */
	free(text);
}

static void test_data_files(void **state)
{
	(void)state;
	/* the broken files kept for the command-line tests */
	static const struct {
		const char *file, *want;
	} cases[] = {
	    {"tests/data/config/unknown_key.yaml", "tests/data/config/unknown_key.yaml:5:3: khóa không hợp "
	                                           "lệ `titel` trong `plan` — có phải `title`?\n"},
	    {"tests/data/config/bad_date.yaml",
	     "tests/data/config/bad_date.yaml:21:49: ngày `2021-02-30` không có thật\n"},
	    {"tests/data/config/latin1.yaml", "tests/data/config/latin1.yaml:2:25: tệp không phải UTF-8 hợp "
	                                      "lệ: byte 0xEA không tạo thành ký tự "
	                                      "(hãy lưu tệp với mã hóa UTF-8)\n"},
	    {"tests/data/config/billion_laughs.yaml", "tests/data/config/billion_laughs.yaml:2:4: không hỗ "
	                                              "trợ neo YAML `&a` (và bí danh `*`): hãy viết "
	                                              "giá trị trực tiếp\n"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		diag_free(&diag);
		assert_int_equal(config_load(cases[i].file, &cfg, &diag), DH_ECONFIG);
		assert_true(diag.n >= 1);
		size_t n = strchr(diag.lines[0], '\n') - diag.lines[0] + 1;
		if (strlen(cases[i].want) != n || strncmp(diag.lines[0], cases[i].want, n) != 0) {
			fprintf(stderr, "expected %sgot:\n", cases[i].want);
			dump_diag();
			fail();
		}
	}
}

/* ---- documents and the Giấy khen ------------------------------------- */

static void test_example_documents(void **state)
{
	(void)state;
	assert_int_equal(config_load("config/dienhinh.yaml", &cfg, &diag), 0);
	assert_string_equal(cfg->organization.parent, "Ủy ban nhân dân tỉnh Hà Tĩnh");
	assert_string_equal(cfg->organization.parent_short, "UBND tỉnh Hà Tĩnh");
	assert_string_equal(cfg->organization.place, "Hà Tĩnh");
	assert_string_equal(cfg->organization.title, "Chánh Thanh tra");
	const dh_documents *d = &cfg->documents;
	assert_string_equal(d->folder, "~/dienhinh-van-ban");
	assert_true(d->top_mm == 20 && d->bottom_mm == 20 && d->left_mm == 30 && d->right_mm == 15);
	assert_true(d->font_pt == 14);
	assert_string_equal(d->codes[DH_DOC_CODE_AWARD], "QĐ-TTr");
	assert_string_equal(d->codes[DH_DOC_CODE_PROPOSAL], "TTr-HĐTĐKT");
	for (int k = 0; k < DH_DOC_CODES; k++) {
		assert_non_null(d->codes[k]);
		/* every kind has its nơi nhận, and the last line is the Lưu line */
		assert_true(d->n_recipients[k] >= 2);
		assert_non_null(strstr(d->recipients[k][d->n_recipients[k] - 1], "Lưu: VT"));
	}
	assert_string_equal(d->recipients[DH_DOC_CODE_DECISION][0], "Như Điều 3");
	assert_true(d->n_basis >= 6);
	assert_non_null(strstr(d->basis[0], "Luật Thi đua, khen thưởng ngày 26 tháng 11 năm 2003"));
	assert_non_null(strstr(d->basis[1], "91/2017/NĐ-CP"));
	assert_string_equal(d->basis[d->n_basis - 1],
	                    "Xét đề nghị của Hội đồng thi đua, khen thưởng Thanh tra tỉnh");
	const dh_certificate *c = &cfg->certificate;
	assert_true(c->width_mm == 297 && c->height_mm == 210);
	assert_true(c->fields[DH_CERT_POSITION].y_mm == 107.5);
	assert_true(c->fields[DH_CERT_NAME].bold && c->fields[DH_CERT_NAME].align == 1);
	assert_true(c->fields[DH_CERT_DECISION].italic && c->fields[DH_CERT_DECISION].align == 0);
	for (int i = 0; i < DH_CERT_FIELDS; i++)
		assert_true(c->fields[i].shown);
}

static void test_documents_defaults(void **state)
{
	(void)state;
	assert_int_equal(load_text(base), 0);
	assert_null(cfg->organization.parent);
	assert_null(cfg->organization.title);
	const dh_documents *d = &cfg->documents;
	assert_string_equal(d->folder, "~/dienhinh-van-ban");
	assert_true(d->top_mm == 20 && d->bottom_mm == 20 && d->left_mm == 30 && d->right_mm == 15);
	assert_true(d->font_pt == 14);
	static const char *const codes[DH_DOC_CODES] = {"BB-HĐTĐKT", "TTr-HĐTĐKT", "BC-VP", "QĐ-TTr",
	                                                "BC-TTr",    "BB-HĐTĐKT",  "QĐ-TTr"};
	for (int k = 0; k < DH_DOC_CODES; k++) {
		assert_string_equal(d->codes[k], codes[k]);
		assert_int_equal(d->n_recipients[k], 0);
	}
	assert_int_equal(d->n_basis, 0);
	const dh_certificate *c = &cfg->certificate;
	assert_true(c->width_mm == 297 && c->height_mm == 210);
	assert_true(c->shift_x_mm == 0 && c->shift_y_mm == 0);
	/* every box on the page, below the pre-printed titles, sizes 6–72 */
	for (int i = 0; i < DH_CERT_FIELDS; i++) {
		const dh_cert_field *f = &c->fields[i];
		assert_true(f->shown);
		assert_true(f->x_mm >= 0 && f->x_mm + f->w_mm <= 297);
		assert_true(f->y_mm >= 85 && f->y_mm + f->h_mm <= 210);
		assert_true(f->size_pt >= 6 && f->size_pt <= 72);
	}
	assert_true(c->fields[DH_CERT_NAME].size_pt > c->fields[DH_CERT_UNIT].size_pt);
	assert_true(c->fields[DH_CERT_SIGNER_NAME].x_mm >= 150);
	assert_true(c->fields[DH_CERT_BOOK].x_mm + c->fields[DH_CERT_BOOK].w_mm <= 140);
}

static const char documents_text[] =
    "organization: { name: \"Thanh tra tỉnh Thử\", short: \"TTr\", parent: \"Ủy ban nhân dân tỉnh "
    "Thử\",\n"
    "  parent_short: \"UBND tỉnh Thử\", place: \"Thử\", title: \"Chánh Thanh tra\" }\n"
    "documents:\n"
    "  folder: /srv/van-ban\n"
    "  page: { top: 22.5, bottom: 25, left: 35, right: 20 }\n"
    "  font_size: 13.5\n"
    "  codes: { decision: \"QĐ-TTT\", award: \"QĐ-TTT\" }\n"
    "  recipients:\n"
    "    award: [\"- Như Điều 3;\", \"Lưu: VT, TĐKT.\"]\n"
    "  basis:\n"
    "    - \"Căn cứ Luật Thi đua, khen thưởng;\"\n"
    "    - \"Xét đề nghị của Hội đồng.\"\n"
    "certificate:\n"
    "  page: { width: 297, height: 210 }\n"
    "  shift: { x: -2.5, y: 1 }\n"
    "  fields:\n"
    "    name: { x: 30, y: 90, width: 237, height: 15, size: 24, align: right }\n"
    "    book: { show: false }\n";

static int load_with(const char *extra)
{
	/* BASE's organization line replaced, the sections after it */
	const char *rest = strchr(base, '\n') + 1;
	size_t n = strlen(extra) + strlen(rest) + 1;
	char *text = malloc(n);
	assert_non_null(text);
	const char *split = strstr(extra, "documents:\n");
	assert_non_null(split);
	size_t head = (size_t)(split - extra);
	memcpy(text, extra, head);
	strcpy(text + head, rest);
	strcat(text, split);
	int rc = load_text(text);
	free(text);
	return rc;
}

static void test_documents_keys(void **state)
{
	(void)state;
	int rc = load_with(documents_text);
	if (rc)
		dump_diag();
	assert_int_equal(rc, 0);
	assert_string_equal(cfg->organization.parent, "Ủy ban nhân dân tỉnh Thử");
	assert_string_equal(cfg->organization.parent_short, "UBND tỉnh Thử");
	assert_string_equal(cfg->organization.place, "Thử");
	assert_string_equal(cfg->organization.title, "Chánh Thanh tra");
	const dh_documents *d = &cfg->documents;
	assert_string_equal(d->folder, "/srv/van-ban");
	assert_true(d->top_mm == 22.5 && d->bottom_mm == 25 && d->left_mm == 35 && d->right_mm == 20);
	assert_true(d->font_pt == 13.5);
	assert_string_equal(d->codes[DH_DOC_CODE_DECISION], "QĐ-TTT");
	assert_string_equal(d->codes[DH_DOC_CODE_AWARD], "QĐ-TTT");
	assert_string_equal(d->codes[DH_DOC_CODE_MINUTES], "BB-HĐTĐKT"); /* the default */
	/* "- " and the ending ";" or "." are the writer's to add */
	assert_int_equal(d->n_recipients[DH_DOC_CODE_AWARD], 2);
	assert_string_equal(d->recipients[DH_DOC_CODE_AWARD][0], "Như Điều 3");
	assert_string_equal(d->recipients[DH_DOC_CODE_AWARD][1], "Lưu: VT, TĐKT");
	assert_int_equal(d->n_recipients[DH_DOC_CODE_DECISION], 0);
	assert_int_equal(d->n_basis, 2);
	assert_string_equal(d->basis[0], "Căn cứ Luật Thi đua, khen thưởng");
	assert_string_equal(d->basis[1], "Xét đề nghị của Hội đồng");
	const dh_certificate *c = &cfg->certificate;
	assert_true(c->shift_x_mm == -2.5 && c->shift_y_mm == 1);
	const dh_cert_field *f = &c->fields[DH_CERT_NAME];
	assert_true(f->x_mm == 30 && f->y_mm == 90 && f->w_mm == 237 && f->h_mm == 15 && f->size_pt == 24);
	assert_int_equal(f->align, 2);
	assert_true(f->bold); /* not given: the default kept */
	assert_false(c->fields[DH_CERT_BOOK].shown);
	assert_true(c->fields[DH_CERT_BOOK].y_mm == 174);
}

/* DOCUMENTS_TEXT with FIND replaced: the error expected. */
static void expect_documents(const char *find, const char *replace, const char *want)
{
	const char *at = strstr(documents_text, find);
	assert_non_null(at);
	size_t pre = (size_t)(at - documents_text);
	char *text = malloc(sizeof documents_text + strlen(replace));
	assert_non_null(text);
	memcpy(text, documents_text, pre);
	strcpy(text + pre, replace);
	strcat(text, at + strlen(find));
	int rc = load_with(text);
	free(text);
	expect_only(rc, want);
}

static void test_documents_errors(void **state)
{
	(void)state;
	/* the documents section starts at line 29 once BASE is in front */
	expect_documents("top: 22.5", "top: 18",
	                 "31:16: `top` phải từ 20 đến 25 mm (lề trên theo Nghị định 30/2020/NĐ-CP), không "
	                 "phải `18`");
	expect_documents("left: 35", "left: 36",
	                 "31:40: `left` phải từ 30 đến 35 mm (lề trái theo Nghị định 30/2020/NĐ-CP), không "
	                 "phải `36`");
	expect_documents("right: 20", "right: 14.5",
	                 "31:51: `right` phải từ 15 đến 20 mm (lề phải theo Nghị định 30/2020/NĐ-CP), không "
	                 "phải `14.5`");
	expect_documents("top: 22.5", "top: 22mm",
	                 "31:16: `top` phải là một số (ví dụ 20 hoặc 20.5), không phải `22mm`");
	expect_documents("font_size: 13.5", "font_size: 12",
	                 "32:14: `font_size` phải từ 13 đến 14 pt (cỡ chữ nội dung văn bản theo Nghị định "
	                 "30/2020/NĐ-CP), không phải `12`");
	expect_documents("  folder:", "  fodler:",
	                 "30:3: khóa không hợp lệ `fodler` trong `documents` — có phải `folder`?");
	expect_documents(
	    "codes: { decision:", "codes: { decisions:",
	    "33:12: khóa không hợp lệ `decisions` trong `documents.codes` — có phải `decision`?");
	expect_documents("    award: [", "    awards: [",
	                 "35:5: khóa không hợp lệ `awards` trong `documents.recipients` — có phải `award`?");
	expect_documents(
	    "  basis:\n    - \"Căn cứ Luật Thi đua, khen thưởng;\"\n    - \"Xét đề nghị của Hội đồng.\"\n",
	    "  basis: \"Căn cứ\"\n",
	    "36:10: `documents.basis` phải là một danh sách (mỗi dòng bắt đầu bằng `- `)");
	expect_documents(
	    "  shift:", "  shfit:", "41:3: khóa không hợp lệ `shfit` trong `certificate` — có phải `shift`?");
	expect_documents(
	    "size: 24, align", "size: 24, colour: red, align",
	    "43:61: khóa không hợp lệ `colour` trong `certificate.fields.name` (chọn một trong: x, "
	    "y, width, height, size, bold, italic, align, show)");
	expect_documents("    book:", "    books:",
	                 "44:5: khóa không hợp lệ `books` trong `certificate.fields` — có phải `book`?");
	expect_documents("size: 24", "size: 80", "43:57: `size` phải là một số từ 6 đến 72, không phải `80`");
	expect_documents("x: -2.5", "x: -25", "41:15: `x` phải là một số từ -20 đến 20, không phải `-25`");
	expect_documents("align: right", "align: centre",
	                 "43:68: cách căn lề không hợp lệ `centre` — có phải `center`?");
	expect_documents(
	    "width: 237", "width: 277",
	    "43:11: `certificate.fields.name` ra ngoài trang: x + width = 307 mm (trang rộng 297 mm), "
	    "y + height = 105 mm (trang cao 210 mm)");
}

static void test_look_alikes_refused_at_their_column(void **state)
{
	(void)state;
	/* A right-to-left override in a department's name: the column is the
	 * override's own, after "Văn" (three codepoints, four bytes). */
	const char *s = expect_diag(load_variant("name: \"Văn phòng\"", "name: \"Văn\xe2\x80\xae phòng\""),
	                            "5:25: chứa ký tự điều khiển hướng chữ U+202E (không được phép)");
	/* The line is shown with a replacement character in its place, the
	 * caret under it: the override itself would turn the line around. */
	assert_non_null(strstr(s, " 5 |   - { id: vp, name: \"Văn\xef\xbf\xbd phòng\" }\n"));
	assert_non_null(strstr(s, "\n   |                         ^\n"));
	assert_null(strstr(s, "\xe2\x80\xae"));
	/* Every class, wherever it stands: a value, a key, a comment (once
	 * a line, as a bad byte). */
	expect_only(load_variant("\"Lê An\"", "\"Lê\xe2\x80\x8b An\""),
	            "9:27: chứa ký tự không độ rộng U+200B (không được phép)");
	expect_only(load_variant("  recuse: [self]", "  recuse: [self] # s\xe2\x81\xa0\xe2\x81\xa0"),
	            "18:21: chứa ký tự không độ rộng U+2060 (không được phép)");
	expect_only(load_variant("  recuse: [self]", "  rec\xe2\x81\xa7use: [self]"),
	            "18:6: chứa ký tự điều khiển hướng chữ U+2067 (không được phép)");
	/* A BOM opens a file; anywhere else it is one more invisible. */
	expect_only(load_variant("\"Lê An\"", "\"Lê An\xef\xbb\xbf\""),
	            "9:30: chứa ký tự BOM U+FEFF giữa văn bản (không được phép)");
	/* Written as an escape inside double quotes, it reaches the value:
	 * the same words, at the value. */
	expect_only(load_variant("\"Lê An\"", "\"Lê\\u200dAn\""),
	            "9:24: `name`: chứa ký tự không độ rộng U+200D (không được phép)");
	expect_only(load_variant("name: \"Văn phòng\"", "name: \"\\u202Eng\xc3\xb2hp n\xc4\x83V\""),
	            "5:21: `name`: chứa ký tự điều khiển hướng chữ U+202E (không được phép)");
}

static void test_department_names_compared_folded(void **state)
{
	(void)state;
	/* Upper case and decomposed marks: the same name to import. */
	expect_only(load_variant("name: \"Văn phòng\"", "name: \"BAN LA\xcc\x83NH \xc4\x90"
	                                                "A\xcc\xa3O\""),
	            "5:21: trùng tên phòng `BAN LÃNH ĐẠO` (đã có ở dòng 4)");
	assert_int_equal(load_variant("name: \"Văn phòng\"", "name: \"Ban lãnh đạo 2\""), 0);
}

static void test_no_cascade_after_too_many(void **state)
{
	(void)state;
	/* 501 people: one error; the council's members, whose logins could
	 * not be checked against a list that was not read, say nothing. */
	size_t cap = sizeof base + 501 * 100;
	char *people = malloc(cap);
	assert_non_null(people);
	size_t o = (size_t)sprintf(people, "people:\n");
	for (int i = 0; i < 499; i++)
		o += (size_t)sprintf(
		    people + o, "  - { login: u%03d, name: \"Người %d\", department: vp, roles: [staff] }\n",
		    i, i);
	(void)o;
	assert_true(o < cap);
	expect_only(load_variant("people:\n", people), "7:3: `people` có quá nhiều mục (502, tối đa 500)");
	free(people);
}

static void test_repeated_permission_keeps_the_first(void **state)
{
	(void)state;
	/* Unknown keys, then the same action again and again: the first one
	 * counts, every repeat and unknown key is an error (the first 50
	 * shown), and the file is read once. */
	size_t cap = 64 * 1024 * 10;
	char *perm = malloc(cap);
	assert_non_null(perm);
	size_t o = (size_t)sprintf(perm, "permissions:\n  record_votes: [chair]\n");
	for (int i = 0; i < 5000; i++)
		o += (size_t)sprintf(perm + o, "  k%d: 0\n", i);
	for (int i = 0; i < 5000; i++)
		o += (size_t)sprintf(perm + o, "  record_votes: [member]\n");
	strcpy(perm + o, "awards:");
	int rc = load_variant("awards:", perm);
	expect_diag(rc, "28:3: khóa không hợp lệ `k0` trong `permissions` (chọn một trong: create, edit, "
	                "delete, foster, nominate, late_override, nil_return, check_registration, return, "
	                "withdraw, manage_session, record_attendance, record_votes, close_item, reopen_item, "
	                "propose, recognise, award, revoke, hold, correct, ceremony, replicate, review, "
	                "disseminate, coordinate, import, export, view_audit)");
	assert_int_equal(diag.n, 51);
	assert_non_null(strstr(diag.lines[50], "… và 9950 lỗi khác không hiển thị"));
	/* Without the unknown keys: the repeat is named with the first line. */
	rc = load_variant("awards:",
	                  "permissions:\n  record_votes: [chair]\n  record_votes: [member]\nawards:");
	expect_only(rc, "28:3: khóa `record_votes` lặp lại trong `permissions` (đã có ở dòng 27)");
	free(perm);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_example_loads, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_buffer_loads_as_the_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_example_summary, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_example_documents, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_documents_defaults, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_documents_keys, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_documents_errors, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_summary_threshold_words, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_base_loads, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_department_lookup, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_department_short, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_text_is_nfc, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_roles, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_config_find, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unknown_key_suggests, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unknown_key_lists_valid_keys, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_date, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_fractions, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_missing_required_key, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_duplicate_department_id, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_duplicate_login_and_key, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_council_login_not_in_people, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_person_in_unknown_department, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_bad_role, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_council_structure, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_vote_values, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_numbers_in_range, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_ids_and_actions, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_wrong_shapes, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_control_characters, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_invalid_utf8, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_alias_bomb_is_refused_fast, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_merge_key_alias_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_deep_nesting_bounded, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_syntax_error, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_empty_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_root_not_mapping, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_two_documents, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_every_error_in_one_run_sorted, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_too_many_errors_capped, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unreadable_file, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_crlf_and_bom, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_size_limits, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_hostile_files_are_cheap, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_data_files, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_look_alikes_refused_at_their_column, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_department_names_compared_folded, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_no_cascade_after_too_many, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_repeated_permission_keeps_the_first, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
