/* test_report.c — the plan's documents as a council, a clerk and the Chief
 * Inspector would read them: a database built through the workflow with the
 * example config (11 council members, quorum 2/3, more than 1/2 of the
 * members, written opinions count, recusal of oneself), then each document
 * checked for the names, counts, results and reasons it must carry. */
#include "dienhinh/config.h"
#include "dienhinh/council.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/doc_md.h"
#include "dienhinh/report.h"
#include "dienhinh/store.h"
#include "dienhinh/workflow.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <inttypes.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define EXAMPLE_CONFIG "config/dienhinh.yaml"
#define TODAY          20210615 /* before every deadline of the example */

/* The council of the example, in its order. */
static const char *const council_logins[] = {"thuanpv", "hungnv",  "bichlth", "dungtq", "tdkt",   "minhdh",
                                             "tambv",   "cuongvd", "namhv",   "hailv",  "quangmv"};
#define N_COUNCIL 11

typedef struct fx {
	char dir[64];
	dh_config *cfg;
	dh_store *st;
	dh_ctx ctx[8];
	size_t n_ctx;
	char *texts[32]; /* documents written, freed at teardown */
	size_t n_texts;
} fx;

static int rm_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int setup(void **state)
{
	fx *f = calloc(1, sizeof(*f));
	assert_non_null(f);
	snprintf(f->dir, sizeof(f->dir), "/tmp/dh-report-XXXXXX");
	assert_non_null(mkdtemp(f->dir));
	dh_diag diag = {0};
	int rc = config_load(EXAMPLE_CONFIG, &f->cfg, &diag);
	diag_print(&diag, stderr);
	diag_free(&diag);
	assert_int_equal(rc, 0);
	char db[96];
	snprintf(db, sizeof(db), "%s/db", f->dir);
	assert_int_equal(store_open(&f->st, db, NULL), 0);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fx *f = *state;
	for (size_t i = 0; i < f->n_texts; i++)
		free(f->texts[i]);
	store_close(f->st);
	config_free(f->cfg);
	nftw(f->dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	free(f);
	return 0;
}

static dh_ctx *as(fx *f, const char *login)
{
	for (size_t i = 0; i < f->n_ctx; i++)
		if (strcmp(f->ctx[i].login, login) == 0)
			return &f->ctx[i];
	assert_true(f->n_ctx < sizeof(f->ctx) / sizeof(f->ctx[0]));
	dh_ctx *c = &f->ctx[f->n_ctx++];
	wf_ctx_init(c, f->cfg, f->st, login);
	c->today = TODAY;
	return c;
}

/* `dienhinh --as LOGIN report NAME ARGS...` (ARGS ends with NULL): the
 * return code, and the document in *TEXT (kept until teardown). */
static int doc_as(fx *f, const char *login, char **text, const char *name, ...)
{
	char *argv[8];
	int argc = 0;
	va_list ap;
	va_start(ap, name);
	for (const char *a; (a = va_arg(ap, const char *)) && argc < 8;)
		argv[argc++] = (char *)a;
	va_end(ap);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	int rc = report_write(as(f, login), name, argc, argv, out);
	assert_int_equal(fclose(out), 0);
	assert_true(f->n_texts < sizeof(f->texts) / sizeof(f->texts[0]));
	f->texts[f->n_texts++] = buf;
	*text = buf;
	/* DH_REPORT_DUMP=1: see every document the tests write. */
	if (getenv("DH_REPORT_DUMP"))
		fprintf(stderr, "=====8<===== %s\n%s\n", name, buf);
	return rc;
}

/* The document, which must come out. */
#define DOC(f, text, ...)                                                                                    \
	do {                                                                                                 \
		int rc_ = doc_as(f, "tdkt", &(text), __VA_ARGS__, (const char *)NULL);                       \
		if (rc_)                                                                                     \
			fail_msg("report: %d %s", rc_, as(f, "tdkt")->message);                              \
	} while (0)

static void assert_has(const char *text, const char *part)
{
	if (!strstr(text, part)) {
		fprintf(stderr, "%s\n", text);
		fail_msg("the document above lacks «%s»", part);
	}
}

static void assert_lacks(const char *text, const char *part)
{
	if (strstr(text, part)) {
		fprintf(stderr, "%s\n", text);
		fail_msg("the document above has «%s»", part);
	}
}

/* Characters below U+0020 other than the line feed. */
static void assert_no_controls(const char *text)
{
	for (const unsigned char *p = (const unsigned char *)text; *p; p++)
		if ((*p < 0x20 && *p != '\n') || *p == 0x7f)
			fail_msg("control character 0x%02x at offset %td", *p, (const char *)p - text);
}

/* --- building the data through the workflow ---------------------------- */

static uint64_t candidate(fx *f, const char *name, const char *dept, int kind, const char *title)
{
	dh_candidate c = {0};
	c.name = (char *)name;
	c.department = (char *)dept;
	c.kind = kind;
	c.title = (char *)title;
	c.position = kind == DH_KIND_INDIVIDUAL ? (char *)"Thanh tra viên" : NULL;
	uint64_t id = 0;
	dh_ctx *ctx = as(f, "tdkt");
	if (wf_candidate_save(ctx, &c, &id))
		fail_msg("create %s: %s", name, ctx->message);
	return id;
}

static uint64_t nominate_as(fx *f, const char *login, uint64_t cid)
{
	dh_registration r = {0};
	r.candidate_id = cid;
	r.description = (char *)"Bản mô tả sáng kiến";
	uint64_t id = 0;
	dh_ctx *ctx = as(f, login);
	if (wf_nominate(ctx, &r, &id))
		fail_msg("nominate: %s", ctx->message);
	return id;
}

static uint64_t nominee(fx *f, const char *name, const char *dept, int kind)
{
	uint64_t id = candidate(f, name, dept, kind, "Mô hình tiếp công dân");
	nominate_as(f, "tdkt", id);
	return id;
}

static uint64_t session_on(fx *f, int date, const char *title)
{
	dh_session s = {0};
	s.date = date;
	s.title = (char *)title;
	uint64_t id = 0;
	dh_ctx *ctx = as(f, "tdkt");
	if (wf_session_save(ctx, &s, &id))
		fail_msg("session: %s", ctx->message);
	return id;
}

static void attend(fx *f, uint64_t sid, const char *login, int how)
{
	dh_ctx *ctx = as(f, "tdkt");
	if (wf_attendance(ctx, sid, login, how))
		fail_msg("attendance %s: %s", login, ctx->message);
}

/* The first N members present. */
static void attend_first(fx *f, uint64_t sid, int n)
{
	for (int i = 0; i < n; i++)
		attend(f, sid, council_logins[i], DH_PRESENT);
}

static uint64_t item(fx *f, uint64_t sid, uint64_t cid)
{
	uint64_t id = 0;
	dh_ctx *ctx = as(f, "tdkt");
	if (wf_item_add(ctx, sid, cid, &id))
		fail_msg("item: %s", ctx->message);
	return id;
}

static void counts(fx *f, uint64_t it, int agree, int disagree, int abstain)
{
	dh_ctx *ctx = as(f, "tdkt");
	if (wf_vote_counts(ctx, it, agree, disagree, abstain))
		fail_msg("counts: %s", ctx->message);
}

static void close_item(fx *f, uint64_t it)
{
	dh_ctx *ctx = as(f, "tdkt");
	if (wf_item_close(ctx, it))
		fail_msg("close: %s", ctx->message);
}

/* A unanimous session of the whole council approving CIDS[0..N). */
static uint64_t approve_all(fx *f, const uint64_t *cids, size_t n, int date)
{
	uint64_t sid = session_on(f, date, NULL);
	attend_first(f, sid, N_COUNCIL);
	for (size_t i = 0; i < n; i++) {
		uint64_t it = item(f, sid, cids[i]);
		counts(f, it, N_COUNCIL, 0, 0);
		close_item(f, it);
	}
	return sid;
}

static uint64_t decide(fx *f, bool award, const char *number, int date, const uint64_t *cids, size_t n)
{
	dh_decision d = {0};
	d.number = (char *)number;
	d.date = date;
	for (size_t i = 0; i < n; i++)
		assert_int_equal(idlist_push(&d.candidates, cids[i]), 0);
	uint64_t id = 0;
	dh_ctx *ctx = as(f, "thuanpv");
	int rc = award ? wf_award(ctx, &d, &id) : wf_recognise(ctx, &d, &id);
	free(d.candidates.v);
	if (rc)
		fail_msg("decision %s: %s", number, ctx->message);
	return id;
}

/* --- Markdown ------------------------------------------------------------- */

static char *md(int mode, const char *s)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	assert_non_null(out);
	doc_md_text(out, s, mode);
	assert_int_equal(fclose(out), 0);
	return buf;
}

static void markdown_escapes_what_would_break_a_table(void **state)
{
	(void)state;
	char *t = md(DOC_MD_CELL, "Tổ *Tiếp dân* | số_1 [a](b) <b> #2 `x` ~y~ & \\");
	assert_string_equal(t, "Tổ \\*Tiếp dân\\* \\| số\\_1 \\[a\\](b) \\<b> \\#2 \\`x\\` \\~y\\~ & \\\\");
	free(t);
	/* '<' and '&' mean something only before a tag or an entity: our own
	 * arithmetic stays readable, an entity or a tag does not slip through. */
	t = md(DOC_MD_CELL, "7/11 < 2/3 & 1 <a href> &amp; &#38; </b>");
	assert_string_equal(t, "7/11 < 2/3 & 1 \\<a href> \\&amp; \\&\\#38; \\</b>");
	free(t);
	/* a cell is one line; control characters and bad bytes never pass */
	t = md(DOC_MD_CELL, "dòng một\r\ndòng\thai\x01\x7f\xff\xc2\x85.");
	assert_string_equal(t, "dòng một dòng hai\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD.");
	free(t);
	/* a block keeps its lines; a line cannot start a list, a heading or code */
	t = md(DOC_MD_BLOCK, "- gạch đầu dòng\n\n2021. năm\n    mã\n+ cộng\n= bằng\n> trích\n# tiêu đề");
	assert_string_equal(
	    t, "\\- gạch đầu dòng\n\n2021\\. năm  \nmã  \n\\+ cộng  \n\\= bằng  \n\\> trích  \n\\# tiêu đề");
	free(t);
	t = md(DOC_MD_INLINE, NULL);
	assert_string_equal(t, "");
	free(t);
}

static void money_has_dots_between_thousands(void **state)
{
	(void)state;
	char buf[32];
	assert_string_equal(report_money(1500000, buf), "1.500.000");
	assert_string_equal(report_money(0, buf), "0");
	assert_string_equal(report_money(999, buf), "999");
	assert_string_equal(report_money(1000, buf), "1.000");
	assert_string_equal(report_money(-2500, buf), "-2.500");
	assert_string_equal(report_money(1000000000000LL, buf), "1.000.000.000.000");
}

/* --- minutes -------------------------------------------------------------- */

/* Nine present, Lý Văn Hải absent with a written opinion, Mai Văn Quang
 * absent; Bùi Văn Tâm (a member) is a nominee, so he does not vote on
 * himself: his item has 9 voters over a base of 10, the other 10 over 11. */
static void minutes_secret_ballot_one_short_and_one_exactly_enough(void **state)
{
	fx *f = *state;
	uint64_t tam = nominee(f, "Bùi Văn Tâm", "nv2", DH_KIND_INDIVIDUAL);
	uint64_t team = nominee(f, "Tổ *Tiếp dân* | số 1", "tcd", DH_KIND_COLLECTIVE);
	uint64_t model = nominee(f, "Mô hình một cửa", "vp", DH_KIND_MODEL);
	uint64_t sid = session_on(f, 20211105, "Phiên bình xét năm 2021");
	attend_first(f, sid, 9);
	attend(f, sid, "hailv", DH_WRITTEN);
	uint64_t i1 = item(f, sid, tam), i2 = item(f, sid, team), i3 = item(f, sid, model);
	counts(f, i1, 5, 4, 0); /* 5/10: one vote short of more than half */
	counts(f, i2, 6, 3, 1); /* 6/11: the least that passes */
	counts(f, i3, 3, 2, 1); /* typed, not closed: stays secret */
	close_item(f, i1);
	close_item(f, i2);

	char *t;
	DOC(f, t, "minutes");
	assert_no_controls(t);
	assert_has(t, "| THANH TRA TỈNH HÀ TĨNH | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |");
	assert_has(t,
	           "| **HỘI ĐỒNG THI ĐUA, KHEN THƯỞNG THANH TRA TỈNH** | **Độc lập - Tự do - Hạnh phúc** |");
	assert_lacks(t, "*Hà Tĩnh, ngày"); /* a biên bản has no place-and-date line (NĐ 30, Mẫu 1.9) */
	assert_has(t, "Vào hồi … giờ … phút, ngày 05 tháng 11 năm 2021, tại trụ sở Thanh tra tỉnh Hà Tĩnh");
	assert_has(t,
	           "# BIÊN BẢN\n\n**Họp Hội đồng thi đua, khen thưởng bình xét mô hình tiêu biểu, điển hình "
	           "tiên tiến năm 2021**");
	assert_has(t, "**Phiên bình xét năm 2021**");
	assert_has(t, "bản dự thảo"); /* an item is still open */
	/* attendance and quorum, with the arithmetic */
	assert_has(t, "- Tổng số thành viên Hội đồng: **11**.");
	assert_has(t, "- Có mặt: **9**; vắng mặt: **2**, trong đó 1 thành viên có ý kiến bằng văn bản "
	              "(được tính vào kết quả biểu quyết).");
	assert_has(t, "| 1 | Phạm Văn Thuần | Chánh Thanh tra | Chủ tịch Hội đồng | Có mặt |");
	assert_has(t, "| 10 | Lý Văn Hải | Trưởng phòng Phòng, chống tham nhũng | Ủy viên Hội đồng | "
	              "Vắng mặt, có ý kiến bằng văn bản |");
	assert_has(t, "| 11 | Mai Văn Quang | Trưởng phòng Giám sát, kiểm tra và xử lý sau thanh tra | "
	              "Ủy viên Hội đồng | Vắng mặt |");
	assert_has(t,
	           "**Số thành viên dự họp: 9/11 = 81,8% ≥ 2/3 tổng số thành viên Hội đồng (cần ít nhất 8) "
	           "— phiên họp đủ điều kiện tiến hành.**");
	assert_has(t, "- Hình thức biểu quyết: bỏ phiếu kín.");
	assert_has(t, "- Hồ sơ đạt khi số phiếu tán thành trên 1/2 tổng số thành viên Hội đồng");
	assert_has(t, "Hội đồng đã bình xét **3** hồ sơ.");
	/* the nominee who is a member */
	assert_has(t, "### 1. Bùi Văn Tâm\n");
	assert_has(t, "- Không tham gia biểu quyết: Bùi Văn Tâm (người được xét).");
	assert_has(t, "- Số thành viên được biểu quyết: **9** (8 có mặt, 1 ý kiến bằng văn bản).");
	assert_has(t, "- Kết quả kiểm phiếu: tán thành **5**, không tán thành **4**, không biểu quyết **0** "
	              "(9 phiếu/9 thành viên được biểu quyết).");
	assert_has(t,
	           "- Tỷ lệ tính trên 10 thành viên (tổng số thành viên Hội đồng trừ thành viên không tham "
	           "gia biểu quyết).");
	assert_has(t, "- **Kết quả: Không đạt** — 5/10 = 50,0% ≤ 1/2 — không đạt.");
	/* the collective, exactly at the threshold, its name escaped */
	assert_has(t, "### 2. Tổ \\*Tiếp dân\\* \\| số 1\n");
	assert_has(t, "- Không tham gia biểu quyết: không có.");
	assert_has(t, "- Số thành viên được biểu quyết: **10** (9 có mặt, 1 ý kiến bằng văn bản).");
	assert_has(t, "- **Kết quả: Đạt** — 6/11 = 54,5% > 1/2 — đạt.");
	assert_lacks(t, "Tổ *Tiếp");
	/* the open secret ballot shows no count */
	assert_has(t, "### 3. Mô hình một cửa\n");
	assert_has(t, "- Kết quả kiểm phiếu: chưa công bố");
	assert_has(t, "- **Chưa chốt kết quả.**");
	assert_lacks(t, "kiểm phiếu: tán thành **3**");
	/* the conclusion */
	assert_has(t, "công nhận **1** hồ sơ đạt yêu cầu");
	assert_has(t, "| 1 | Tổ \\*Tiếp dân\\* \\| số 1 | Tập thể | Phòng Tiếp công dân - Xử lý đơn | "
	              "6/11 = 54,5% > 1/2 — đạt |");
	assert_has(t, "Không đạt (1):\n\n- Bùi Văn Tâm: 5/10 = 50,0% ≤ 1/2 — không đạt\n");
	assert_has(t, "Chưa chốt kết quả (1):\n\n- Mô hình một cửa\n");
	/* who signs */
	assert_has(t, "| THƯ KÝ | CHỦ TỌA |"); /* the secretary signs on the left, the chair on the right */
	assert_has(t, "| **Võ Thị Thanh Hương** | **Phạm Văn Thuần** |");
}

static void minutes_of_an_open_vote_name_each_members_vote(void **state)
{
	fx *f = *state;
	f->cfg->council.method = DH_VOTE_OPEN;
	f->cfg->council.recuse_department = true;
	uint64_t hoa = nominee(f, "Nguyễn Thị Thanh Hòa", "nv1", DH_KIND_INDIVIDUAL);
	uint64_t sid = session_on(f, 20211105, NULL);
	attend_first(f, sid, 9);
	attend(f, sid, "hailv", DH_WRITTEN);
	uint64_t it = item(f, sid, hoa);
	dh_ctx *sec = as(f, "tdkt");
	/* Đỗ Hữu Minh heads her department: recused by `department` */
	for (int i = 0; i < 9; i++) {
		if (strcmp(council_logins[i], "minhdh") == 0)
			continue;
		int v = i < 6 ? DH_VOTE_AGREE : i == 8 ? DH_VOTE_ABSTAIN : DH_VOTE_DISAGREE;
		assert_int_equal(wf_vote(sec, it, council_logins[i], v), 0);
	}
	assert_int_equal(wf_vote(sec, it, "hailv", DH_VOTE_AGREE), 0);
	close_item(f, it);
	assert_int_equal(wf_session_close(sec, sid), 0);

	char *t;
	DOC(f, t, "minutes", "--session", "1");
	assert_has(t, "- Hình thức biểu quyết: biểu quyết công khai.");
	assert_has(t, "- Thành viên không biểu quyết đối với hồ sơ của chính mình và hồ sơ của đơn vị mình.");
	assert_has(t, "- Không tham gia biểu quyết: Đỗ Hữu Minh (cùng đơn vị với hồ sơ được xét).");
	assert_has(t, "| 1 | Phạm Văn Thuần | Tán thành |");
	assert_has(t, "| 6 | Đỗ Hữu Minh | Không tham gia (cùng đơn vị với hồ sơ được xét) |");
	assert_has(t, "| 7 | Bùi Văn Tâm | Không tán thành |");
	assert_has(t, "| 9 | Hoàng Văn Nam | Không biểu quyết |");
	assert_has(t, "| 10 | Lý Văn Hải | Tán thành (ý kiến bằng văn bản) |");
	assert_has(t, "| 11 | Mai Văn Quang | Vắng mặt |");
	/* thuanpv, hungnv, bichlth, dungtq, tdkt agree, and hailv in writing */
	assert_has(t,
	           "- Tổng hợp biểu quyết: tán thành **6**, không tán thành **2**, không biểu quyết **1**.");
	assert_has(t, "- **Kết quả: Đạt** — 6/10 = 60,0% > 1/2 — đạt.");
	assert_lacks(t, "bản dự thảo");
	assert_has(t, "Biên bản được lập và thông qua tại phiên họp./.");
}

/* The reason the secretary gave for a recusal and the text of a written
 * opinion go into the minutes in the members' words. */
static void minutes_keep_recusal_reasons_and_written_opinions(void **state)
{
	fx *f = *state;
	f->cfg->council.method = DH_VOTE_OPEN;
	uint64_t hoa = nominee(f, "Nguyễn Thị Thanh Hòa", "nv1", DH_KIND_INDIVIDUAL);
	uint64_t sid = session_on(f, 20211105, NULL);
	attend_first(f, sid, 9);
	dh_ctx *sec = as(f, "tdkt");
	assert_int_equal(wf_written_opinion(sec, sid, "hailv", "Nhất trí đề nghị công nhận"), 0);
	/* an opinion needs its text */
	assert_int_equal(wf_written_opinion(sec, sid, "quangmv", ""), DH_EINVAL);
	uint64_t it = item(f, sid, hoa);
	assert_int_equal(wf_item_recuse_why(sec, it, "tambv", "Là người hướng dẫn mô hình"), 0);
	for (int i = 0; i < 9; i++)
		if (strcmp(council_logins[i], "tambv") != 0)
			assert_int_equal(wf_vote(sec, it, council_logins[i], DH_VOTE_AGREE), 0);
	assert_int_equal(wf_vote(sec, it, "hailv", DH_VOTE_AGREE), 0);
	close_item(f, it);
	char *t;
	DOC(f, t, "minutes", "--session", "1");
	assert_has(t, "Ý kiến bằng văn bản của Lý Văn Hải: Nhất trí đề nghị công nhận");
	assert_has(t, "Bùi Văn Tâm (Là người hướng dẫn mô hình)");
	assert_has(t, "| 7 | Bùi Văn Tâm | Không tham gia (Là người hướng dẫn mô hình) |");
}

static void minutes_say_when_there_is_no_quorum(void **state)
{
	fx *f = *state;
	uint64_t cid = nominee(f, "Người C", "nv2", DH_KIND_INDIVIDUAL);
	uint64_t sid = session_on(f, 20211105, NULL);
	attend_first(f, sid, 7);
	item(f, sid, cid);
	char *t;
	DOC(f, t, "minutes");
	assert_has(t,
	           "**Số thành viên dự họp: 7/11 = 63,6% < 2/3 tổng số thành viên Hội đồng (cần ít nhất 8) "
	           "— không đủ số thành viên, Hội đồng không biểu quyết.**");
	assert_has(t, "Không có hồ sơ nào đạt yêu cầu");
}

static void minutes_take_the_latest_session_and_refuse_what_is_missing(void **state)
{
	fx *f = *state;
	char *t;
	/* nothing yet: refused, and nothing written */
	assert_int_equal(doc_as(f, "tdkt", &t, "minutes", (const char *)NULL), DH_ENOTFOUND);
	assert_string_equal(as(f, "tdkt")->message, "Chưa có phiên họp Hội đồng nào của năm 2021.");
	assert_string_equal(t, "");
	session_on(f, 20211105, "Phiên sau");
	session_on(f, 20210910, "Phiên trước"); /* made later, held earlier */
	DOC(f, t, "minutes");
	assert_has(t, "**Phiên sau**");
	DOC(f, t, "minutes", "--session=2");
	assert_has(t, "**Phiên trước**");
	assert_int_equal(doc_as(f, "tdkt", &t, "minutes", "--session", "9", (const char *)NULL),
	                 DH_ENOTFOUND);
	assert_string_equal(as(f, "tdkt")->message, "Không có phiên họp Hội đồng mang mã số 9.");
	assert_int_equal(doc_as(f, "tdkt", &t, "minutes", "--year", "2022", (const char *)NULL),
	                 DH_ENOTFOUND);
	assert_string_equal(as(f, "tdkt")->message, "Chưa có phiên họp Hội đồng nào của năm 2022.");
	/* usage errors: DH_EINVAL, which the command line turns into 64 */
	assert_int_equal(doc_as(f, "tdkt", &t, "minutes", "--session", "abc", (const char *)NULL), DH_EINVAL);
	assert_has(as(f, "tdkt")->message, "--session cần mã số của một phiên họp");
	assert_int_equal(doc_as(f, "tdkt", &t, "minutes", "--session", (const char *)NULL), DH_EINVAL);
	assert_int_equal(doc_as(f, "tdkt", &t, "minutes", "--decision", "1", (const char *)NULL), DH_EINVAL);
	assert_has(as(f, "tdkt")->message, "report minutes không nhận “--decision”");
	assert_int_equal(doc_as(f, "tdkt", &t, "minutes", "--year", "20", (const char *)NULL), DH_EINVAL);
	assert_int_equal(doc_as(f, "tdkt", &t, "memo", (const char *)NULL), DH_EINVAL);
	assert_has(as(f, "tdkt")->message, "Không có văn bản “memo”");
	/* a login config does not know may only look up */
	assert_int_equal(doc_as(f, "nobody", &t, "minutes", (const char *)NULL), DH_EPERM);
	assert_string_equal(
	    as(f, "nobody")->message,
	    "Chỉ người có tên trong cấu hình mới được lập văn bản; “nobody” chỉ được tra cứu.");
	assert_string_equal(t, "");
	/* a deleted session is gone for the minutes too */
	assert_int_equal(wf_delete(as(f, "tdkt"), DH_R_SESSION, 1, "Nhập nhầm"), 0);
	assert_int_equal(doc_as(f, "tdkt", &t, "minutes", "--session", "1", (const char *)NULL),
	                 DH_ENOTFOUND);
	DOC(f, t, "minutes");
	assert_has(t, "**Phiên trước**");
}

/* --- proposal --------------------------------------------------------------- */

/* No option: the latest session's proposal (and ctx->message says which);
 * --year merges the year's sessions. The decision made last comes
 * without options even when an older one carries a later date. */
static void proposal_and_decision_default_to_the_latest(void **state)
{
	fx *f = *state;
	uint64_t first = nominee(f, "Nguyễn Văn An", "nv1", DH_KIND_INDIVIDUAL);
	uint64_t second = nominee(f, "Trần Thị Bình", "nv2", DH_KIND_INDIVIDUAL);
	approve_all(f, &first, 1, 20211105);
	uint64_t later = approve_all(f, &second, 1, 20211110);
	char *t;
	DOC(f, t, "proposal");
	assert_has(t, "Trần Thị Bình");
	assert_lacks(t, "Nguyễn Văn An");
	char want[160];
	snprintf(want, sizeof(want), "Tờ trình theo phiên họp mới nhất: ngày 10/11/2021 (mã số %" PRIu64 ")",
	         later);
	assert_has(as(f, "tdkt")->message, want);
	DOC(f, t, "proposal", "--year", "2021");
	assert_has(t, "Trần Thị Bình");
	assert_has(t, "Nguyễn Văn An");

	decide(f, false, "19/QĐ-TTr", 20211125, &first, 1);
	decide(f, false, "20/QĐ-TTr", 20211120, &second, 1);
	DOC(f, t, "decision");
	assert_has(t, "Kèm theo Quyết định số 20/QĐ-TTr");
	assert_has(as(f, "tdkt")->message, "Quyết định mới nhất: số 20/QĐ-TTr ngày 20/11/2021");
}

static void proposal_groups_the_passed_by_kind(void **state)
{
	fx *f = *state;
	uint64_t person = nominee(f, "Nguyễn Văn An", "nv1", DH_KIND_INDIVIDUAL);
	uint64_t team = nominee(f, "Phòng Nghiệp vụ 2", "nv2", DH_KIND_COLLECTIVE);
	uint64_t model = nominee(f, "Mô hình \"Một cửa\"", "tcd", DH_KIND_MODEL);
	uint64_t failed = nominee(f, "Trần Văn Bại", "nv3", DH_KIND_INDIVIDUAL);
	uint64_t sid = session_on(f, 20211105, "Phiên bình xét");
	attend_first(f, sid, N_COUNCIL);
	uint64_t ids[] = {model, person, team};
	for (size_t i = 0; i < 3; i++) {
		uint64_t it = item(f, sid, ids[i]);
		counts(f, it, 10, 1, 0);
		close_item(f, it);
	}
	uint64_t bad = item(f, sid, failed);
	counts(f, bad, 4, 7, 0);
	close_item(f, bad);

	char *t;
	DOC(f, t, "proposal");
	assert_no_controls(t);
	assert_has(t, "# TỜ TRÌNH");
	assert_has(t, "Số: ……/TTr-HĐTĐKT");
	assert_has(t, "Kính gửi: Chánh Thanh tra tỉnh Hà Tĩnh.");
	assert_has(t,
	           "Căn cứ Kế hoạch xây dựng, bồi dưỡng và nhân rộng điển hình tiên tiến xuất sắc năm 2021;");
	assert_has(t, "tại phiên họp ngày 05/11/2021 (Phiên bình xét)."); /* the last căn cứ ends with "." */
	assert_has(t, "kính trình Chánh Thanh tra tỉnh Hà Tĩnh xem xét, công nhận **3** hồ sơ (1 cá nhân, 1 "
	              "tập thể, 1 mô hình)");
	assert_has(t, "## I. Cá nhân (1)\n\n| STT | Họ và tên | Chức vụ | Đơn vị | Thành tích, sáng kiến | "
	              "Kết quả bình xét |");
	assert_has(t, "| 1 | Nguyễn Văn An | Thanh tra viên | Phòng Nghiệp vụ 1 | Mô hình tiếp công dân | "
	              "10/11 = 90,9% > 1/2 — đạt |");
	assert_has(t, "## II. Tập thể (1)");
	assert_has(t, "| 1 | Phòng Nghiệp vụ 2 | Phòng Nghiệp vụ 2 |");
	assert_has(
	    t, "## III. Mô hình (1)\n\n| STT | Tên mô hình | Đơn vị | Nội dung mô hình | Kết quả bình xét |");
	assert_has(t, "| 1 | Mô hình \"Một cửa\" | Phòng Tiếp công dân - Xử lý đơn |");
	assert_lacks(t, "Trần Văn Bại");
	assert_has(t, "|  | TM. HỘI ĐỒNG — CHỦ TỊCH |\n|:---:|:---:|\n");
	assert_has(t, "**Nơi nhận:**\n\n- ");
	assert_has(t, "- Như trên;\n- Thành viên Hội đồng;\n- Lưu: VT, HĐTĐKT.\n"); /* config's nơi nhận */
	assert_has(t, "|  | **Phạm Văn Thuần** |");

	/* The council's own proposal record decides the list and the number. */
	dh_proposal p = {.session_id = sid, .number = (char *)"05/TTr-HĐTĐKT", .date = 20211108};
	assert_int_equal(idlist_push(&p.candidates, person), 0);
	assert_int_equal(idlist_push(&p.candidates, model), 0);
	dh_ctx *sec = as(f, "tdkt");
	int rc = wf_proposal_save(sec, &p, NULL);
	free(p.candidates.v);
	if (rc)
		fail_msg("proposal: %s", sec->message);
	DOC(f, t, "proposal", "--session", "1");
	assert_has(t, "Số: 05/TTr-HĐTĐKT");
	assert_has(t, "*Hà Tĩnh, ngày 08 tháng 11 năm 2021*");
	assert_has(t, "**2** hồ sơ (1 cá nhân, 1 mô hình)");
	assert_has(t, "## II. Mô hình (1)");
	assert_lacks(t, "Tập thể (");
	assert_int_equal(doc_as(f, "tdkt", &t, "proposal", "--year", "2020", (const char *)NULL),
	                 DH_ENOTFOUND);
}

/* --- registrations ---------------------------------------------------------- */

static void registrations_per_department_with_who_has_not_answered(void **state)
{
	fx *f = *state;
	uint64_t a = candidate(f, "Hồ Văn Một", "nv1", DH_KIND_INDIVIDUAL, "Sáng kiến A");
	uint64_t b = candidate(f, "Tổ Hai", "nv1", DH_KIND_COLLECTIVE, "Tập thể B");
	uint64_t late = candidate(f, "Mô hình muộn", "pctn", DH_KIND_MODEL, "Mô hình C");
	nominate_as(f, "minhdh", a);
	uint64_t rb = nominate_as(f, "minhdh", b);
	dh_ctx *clerk = as(f, "tdkt");
	assert_int_equal(wf_registration_return(clerk, rb, "Thiếu bản mô tả | bổ sung"), 0);
	dh_nil_return n = {.department = (char *)"nv2", .note = (char *)"Năm nay chưa có"};
	assert_int_equal(wf_nil_return(as(f, "tambv"), &n, NULL), 0);
	/* after the deadline, a deputy chief lets one through */
	dh_ctx *deputy = as(f, "hungnv");
	deputy->today = 20211020;
	dh_registration r = {.candidate_id = late, .late_reason = (char *)"Bổ sung theo chỉ đạo"};
	r.description = (char *)"Mô tả";
	if (wf_nominate(deputy, &r, NULL))
		fail_msg("late: %s", deputy->message);

	char *t;
	DOC(f, t, "registrations");
	assert_no_controls(t);
	assert_has(t, "| THANH TRA TỈNH HÀ TĨNH | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |");
	assert_has(t, "| **VĂN PHÒNG** | **Độc lập - Tự do - Hạnh phúc** |");
	assert_has(t, "# BÁO CÁO\n\n**Tổng hợp đăng ký mô hình tiêu biểu, điển hình tiên tiến năm 2021**");
	assert_has(t, "*(Tính đến ngày 15/06/2021)*");
	assert_has(t, "- Hạn đăng ký mô hình, điển hình tiên tiến: 15/10/2021 (còn 122 ngày).");
	assert_has(t,
	           "- Đơn vị đã trả lời: **3/8** (đăng ký: 2, báo không có hồ sơ: 1); chưa trả lời: **5**.");
	assert_has(t, "- Hồ sơ đăng ký: **3** (Đã nộp 2, Đã tiếp nhận 0, Đã trả lại 1, Đã rút 0); "
	              "đang xét: 1 cá nhân, 1 mô hình.");
	assert_has(t, "| 3 | Phòng Nghiệp vụ 1 | 1 | 0 | 0 | 1 | Đã đăng ký 1 hồ sơ |");
	assert_has(t, "| 4 | Phòng Nghiệp vụ 2 | 0 | 0 | 0 | 0 | Báo không có hồ sơ (15/06/2021) |");
	assert_has(t, "| 5 | Phòng Nghiệp vụ 3 | 0 | 0 | 0 | 0 | **Chưa trả lời** |");
	assert_has(t, "| 7 | Phòng Phòng, chống tham nhũng | 0 | 0 | 1 | 0 | Đã đăng ký 1 hồ sơ |");
	assert_has(t, "| 1 | Hồ Văn Một | Cá nhân | Thanh tra viên | Sáng kiến A | 15/06/2021 | Đỗ Hữu Minh "
	              "| Đã nộp |");
	assert_has(t, "| 2 | Tổ Hai | Tập thể |  | Tập thể B | 15/06/2021 | Đỗ Hữu Minh | "
	              "Đã trả lại: Thiếu bản mô tả \\| bổ sung |");
	assert_has(t, "Đã nộp; đăng ký quá hạn, Nguyễn Văn Hùng cho phép: Bổ sung theo chỉ đạo |");
	assert_has(t,
	           "### 4. Phòng Nghiệp vụ 2\n\nBáo không có hồ sơ đề nghị: ngày 15/06/2021, Bùi Văn Tâm — "
	           "Năm nay chưa có.");
	assert_has(t, "### 5. Phòng Nghiệp vụ 3\n\n**Chưa trả lời.**");
	assert_has(t,
	           "## III. Đơn vị chưa trả lời\n\n- Ban lãnh đạo\n- Văn phòng\n- Phòng Nghiệp vụ 3\n"
	           "- Phòng Tiếp công dân - Xử lý đơn\n- Phòng Giám sát, kiểm tra và xử lý sau thanh tra\n");
	/* the same answer as the workflow's own */
	bool answered[16] = {0};
	assert_int_equal(wf_departments_answered(clerk, 2021, answered), 0);
	int yes = 0;
	for (size_t i = 0; i < f->cfg->n_departments; i++)
		yes += answered[i];
	assert_int_equal(yes, 3);
	/* another year has nothing: every department still to answer */
	DOC(f, t, "registrations", "--year", "2022");
	assert_has(t, "- Đơn vị đã trả lời: **0/8**");
	assert_has(t, "- Hồ sơ đăng ký: **0**");
}

/* --- decision annex ---------------------------------------------------------- */

static void decision_annex_lists_the_records_and_notes_revocation(void **state)
{
	fx *f = *state;
	uint64_t person = nominee(f, "Lê Văn Bình", "nv3", DH_KIND_INDIVIDUAL);
	uint64_t model = nominee(f, "Mô hình <số hóa> hồ sơ", "gs", DH_KIND_MODEL);
	uint64_t both[] = {person, model};
	approve_all(f, both, 2, 20211105);
	uint64_t d15 = decide(f, false, "15/QĐ-TTr", 20211120, both, 2);
	assert_int_equal(wf_decision_revoke(as(f, "thuanpv"), d15, "Sai thể thức", 20211121), 0);
	uint64_t d16 = decide(f, false, "16/QĐ-TTr", 20211122, both, 2);
	decide(f, true, "20/QĐ-TTr", 20211125, &person, 1);

	char *t;
	/* the latest: the Giấy khen */
	DOC(f, t, "decision");
	assert_no_controls(t);
	assert_has(t, "# QUYẾT ĐỊNH\n\n**Về việc tặng Giấy khen của Chánh Thanh tra tỉnh năm 2021**");
	assert_has(t, "Số: 20/QĐ-TTr | *Hà Tĩnh, ngày 25 tháng 11 năm 2021*");
	assert_has(t, "**CHÁNH THANH TRA TỈNH HÀ TĨNH**");
	assert_has(t, "**QUYẾT ĐỊNH:**");
	assert_has(
	    t, "**Điều 1.** Tặng Giấy khen của Chánh Thanh tra tỉnh cho 1 tập thể, cá nhân, mô hình (1 cá "
	       "nhân)");
	assert_has(t, "**Điều 3.** Quyết định này có hiệu lực kể từ ngày ký.");
	assert_has(t, "---\n\n**DANH SÁCH TẬP THỂ, CÁ NHÂN ĐƯỢC TẶNG GIẤY KHEN CỦA CHÁNH THANH TRA TỈNH NĂM "
	              "2021**"); /* the annex on a page of its own */
	assert_has(t,
	           "*(Kèm theo Quyết định số 20/QĐ-TTr ngày 25/11/2021 của Chánh Thanh tra tỉnh Hà Tĩnh)*");
	assert_has(t, "| 1 | Lê Văn Bình | Thanh tra viên | Phòng Nghiệp vụ 3 | Mô hình tiếp công dân |  |");
	assert_has(t, "**Tổng cộng: 1** (1 cá nhân).");
	assert_has(t, "|  | CHÁNH THANH TRA |");
	assert_has(t, "|  | **Phạm Văn Thuần** |");
	assert_lacks(t, "số hóa");
	/* by number: the revoked one says so, on top and on every row */
	DOC(f, t, "decision", "--decision", "15/QĐ-TTr");
	assert_has(t,
	           "**DANH SÁCH MÔ HÌNH TIÊU BIỂU, ĐIỂN HÌNH TIÊN TIẾN XUẤT SẮC ĐƯỢC CÔNG NHẬN NĂM 2021**");
	assert_has(t, "**(Quyết định này đã bị thu hồi ngày 21/11/2021. Lý do: Sai thể thức.)**");
	assert_has(
	    t,
	    "| 1 | Lê Văn Bình | Thanh tra viên | Phòng Nghiệp vụ 3 | Mô hình tiếp công dân | Đã thu hồi |");
	assert_has(t, "## II. Mô hình (1)");
	assert_has(t, "| 1 | Mô hình \\<số hóa> hồ sơ | Phòng Giám sát, kiểm tra và xử lý sau thanh tra | "
	              "Mô hình tiếp công dân | Đã thu hồi |");
	assert_has(t, "**Tổng cộng: 2** (1 cá nhân, 1 mô hình).");
	/* by id: the one in force */
	char id[24];
	snprintf(id, sizeof(id), "%llu", (unsigned long long)d16);
	DOC(f, t, "decision", "--decision", id);
	assert_has(t, "Quyết định số 16/QĐ-TTr ngày 22/11/2021");
	assert_lacks(t, "thu hồi");
	assert_int_equal(doc_as(f, "tdkt", &t, "decision", "--decision", "99/QĐ", (const char *)NULL),
	                 DH_ENOTFOUND);
	assert_string_equal(as(f, "tdkt")->message, "Không có quyết định số “99/QĐ”.");
	assert_int_equal(doc_as(f, "tdkt", &t, "decision", "--year", "2020", (const char *)NULL),
	                 DH_ENOTFOUND);
	/* A decision left with nobody in it is no document: a message, not "0 tập thể". */
	dh_decision empty = {
	    .year = 2021, .type = DH_DEC_AWARD, .number = (char *)"21/QĐ-TTr", .date = 20211126};
	assert_int_equal(repo_save(f->st, "thuanpv", "award", NULL, DH_R_DECISION, &empty), 0);
	free(empty.meta.created_by); /* what the save filled in */
	free(empty.meta.updated_by);
	assert_int_equal(doc_as(f, "tdkt", &t, "decision", "--decision", "21/QĐ-TTr", (const char *)NULL),
	                 DH_ENOTFOUND);
	assert_string_equal(as(f, "tdkt")->message,
	                    "Quyết định số 21/QĐ-TTr không còn tập thể, cá nhân nào: không lập văn bản.");
}

/* --- review report ----------------------------------------------------------- */

static void review_report_has_the_years_figures(void **state)
{
	fx *f = *state;
	uint64_t cid = nominee(f, "Đặng Thị Yến", "tcd", DH_KIND_INDIVIDUAL);
	candidate(f, "Tổ công tác số 3", "nv1", DH_KIND_COLLECTIVE, "Phối hợp");
	dh_ctx *clerk = as(f, "tdkt");
	dh_fostering fo[] = {
	    {.candidate_id = cid,
	     .date = 20210301,
	     .kind = DH_FOSTER_MATERIAL,
	     .amount = 1500000,
	     .description = (char *)"Hỗ trợ in tài liệu"},
	    {.candidate_id = cid,
	     .date = 20210401,
	     .kind = DH_FOSTER_MATERIAL,
	     .amount = 250000,
	     .description = (char *)"Hỗ trợ đi lại"},
	    {.candidate_id = cid,
	     .date = 20210402,
	     .kind = DH_FOSTER_GUIDANCE,
	     .description = (char *)"Hướng dẫn"},
	};
	for (size_t i = 0; i < 3; i++)
		if (wf_fostering_save(clerk, &fo[i], NULL))
			fail_msg("foster: %s", clerk->message);
	approve_all(f, &cid, 1, 20211105);
	decide(f, false, "15/QĐ-TTr", 20211120, &cid, 1);
	dh_activity acts[] = {
	    {.candidate_id = cid,
	     .kind = DH_ACT_MEETING,
	     .date = 20211201,
	     .title = (char *)"Hội nghị cơ quan",
	     .presenter = (char *)"Đặng Thị Yến",
	     .audience = (char *)"Toàn thể công chức",
	     .attendees = 40},
	    {.candidate_id = cid,
	     .kind = DH_ACT_WEBSITE,
	     .date = 20211205,
	     .title = (char *)"Bài viết",
	     .url = (char *)"https://thanhtra.hatinh.gov.vn/tin_tuc/1"},
	};
	for (size_t i = 0; i < 2; i++)
		if (wf_activity_save(clerk, &acts[i], NULL))
			fail_msg("activity: %s", clerk->message);
	dh_dissemination di = {.department = (char *)"nv1", .date = 20210120, .attendees = 12};
	if (wf_dissemination_save(clerk, &di, NULL))
		fail_msg("dissemination: %s", clerk->message);
	dh_review rv = {.kind = DH_REVIEW_PRELIMINARY,
	                .date = 20210715,
	                .title = (char *)"Sơ kết 6 tháng",
	                .notes = (char *)"Kết quả:\n- tốt\n\n2021. Năm bản lề"};
	if (wf_review_save(clerk, &rv, NULL))
		fail_msg("review: %s", clerk->message);

	char *t;
	DOC(f, t, "review");
	assert_no_controls(t);
	assert_has(t,
	           "# BÁO CÁO\n\n**Sơ kết công tác xây dựng, bồi dưỡng và nhân rộng điển hình tiên tiến năm "
	           "2021**");
	assert_has(t, "*Hà Tĩnh, ngày 15 tháng 07 năm 2021*");
	assert_has(t, "Đã quán triệt kế hoạch: **1/8** đơn vị.");
	assert_has(t, "| 3 | Phòng Nghiệp vụ 1 | 20/01/2021 | Võ Thị Thanh Hương | 12 |");
	assert_has(t, "| 1 | Ban lãnh đạo | **Chưa quán triệt** |  |  |");
	assert_has(t, "- Tổng số hồ sơ trong năm: **2** (1 cá nhân, 1 tập thể)");
	assert_has(t,
	           "- Bồi dưỡng: **3** lượt cho **1** hồ sơ; hỗ trợ vật chất tổng cộng **1.750.000 đồng**.");
	assert_has(t, "| Hướng dẫn | 1 |  |");
	assert_has(t, "| Hỗ trợ vật chất | 2 | 1.750.000 đồng |");
	assert_has(
	    t, "- Hội đồng thi đua, khen thưởng họp **1** phiên; **1** lượt bình xét đạt, **0** không đạt.");
	assert_has(t, "- Quyết định công nhận: **1**; quyết định tặng Giấy khen: **0**.");
	assert_has(
	    t,
	    "| 1 | Đặng Thị Yến | Cá nhân | Phòng Tiếp công dân - Xử lý đơn | 15/QĐ-TTr (20/11/2021) |  |");
	assert_has(t, "| Phòng Nghiệp vụ 1 | 0 | 1 | 0 | 1 | 0 | 0 |");
	assert_has(t, "| Phòng Tiếp công dân - Xử lý đơn | 1 | 0 | 0 | 1 | 1 | 1 |");
	assert_has(t, "| **Cộng** | **1** | **1** | **0** | **2** | **1** | **1** |");
	assert_has(t, "| Đã công nhận | 1 | 0 | 0 | 1 |");
	assert_has(t, "| Nhân tố mới | 0 | 1 | 0 | 1 |");
	assert_has(t,
	           "- **2** hoạt động nhân rộng (Hội nghị, cuộc họp 1, Đăng trên trang thông tin điện tử 1, "
	           "Hình thức khác 0), 40 lượt người dự.");
	assert_has(t,
	           "| 1 | 01/12/2021 | Hội nghị, cuộc họp | Hội nghị cơ quan | Đặng Thị Yến | Đặng Thị Yến | "
	           "Toàn thể công chức, 40 người |");
	assert_has(t, "| Đặng Thị Yến |  | <https://thanhtra.hatinh.gov.vn/tin_tuc/1> |");
	assert_has(
	    t,
	    "### 1. Sơ kết ngày 15/07/2021: Sơ kết 6 tháng\n\nKết quả:  \n\\- tốt\n\n2021\\. Năm bản lề\n");
	assert_has(t, "| CHÁNH THANH TRA |");
	DOC(f, t, "review", "--kind", "final");
	assert_has(t, "**Tổng kết công tác xây dựng");
	assert_has(t, "*Hà Tĩnh, ngày 15 tháng 06 năm 2021*"); /* no final review yet: today */
	assert_int_equal(doc_as(f, "tdkt", &t, "review", "--kind", "yearly", (const char *)NULL), DH_EINVAL);
	/* an empty year still has its report, with zeros */
	DOC(f, t, "review", "--year", "2022");
	assert_has(t, "**Kết quả công tác xây dựng");
	assert_has(t, "hỗ trợ vật chất tổng cộng **0 đồng**");
	assert_has(t, "Chưa tổ chức sơ kết, tổng kết trong năm.");
}

/* --- output ----------------------------------------------------------------- */

static void a_full_disk_is_an_io_error(void **state)
{
	fx *f = *state;
	FILE *full = fopen("/dev/full", "w");
	if (!full)
		skip();
	dh_ctx *ctx = as(f, "tdkt");
	assert_int_equal(report_write(ctx, "review", 0, NULL, full), DH_EIO);
	assert_string_equal(ctx->message, "Không ghi được văn bản ra tệp.");
	fclose(full);
}

static void names_round_trip(void **state)
{
	(void)state;
	for (int k = 0; k < DH_REPORT__COUNT; k++)
		assert_int_equal(report_from_name(report_name(k)), k);
	assert_int_equal(report_from_name("memo"), -1);
	assert_string_equal(report_usage(DH_REPORT_MINUTES), "[--session ID] [--year NĂM]");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(markdown_escapes_what_would_break_a_table),
	    cmocka_unit_test(money_has_dots_between_thousands),
	    cmocka_unit_test(names_round_trip),
	    cmocka_unit_test_setup_teardown(minutes_secret_ballot_one_short_and_one_exactly_enough, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(minutes_of_an_open_vote_name_each_members_vote, setup, teardown),
	    cmocka_unit_test_setup_teardown(minutes_keep_recusal_reasons_and_written_opinions, setup, teardown),
	    cmocka_unit_test_setup_teardown(minutes_say_when_there_is_no_quorum, setup, teardown),
	    cmocka_unit_test_setup_teardown(minutes_take_the_latest_session_and_refuse_what_is_missing, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(proposal_and_decision_default_to_the_latest, setup, teardown),
	    cmocka_unit_test_setup_teardown(proposal_groups_the_passed_by_kind, setup, teardown),
	    cmocka_unit_test_setup_teardown(registrations_per_department_with_who_has_not_answered, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(decision_annex_lists_the_records_and_notes_revocation, setup,
	                                    teardown),
	    cmocka_unit_test_setup_teardown(review_report_has_the_years_figures, setup, teardown),
	    cmocka_unit_test_setup_teardown(a_full_disk_is_an_io_error, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
