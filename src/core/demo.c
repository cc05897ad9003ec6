/* demo.c — realistic sample data, deterministic for a seed (demo.h).
 *
 * The data is made year by year, in council rounds ("đợt") of up to
 * DEMO_ROUND candidates: the round's candidates get their stage first, then
 * everything the stage implies is derived from it — criteria met, fostering,
 * a registration, a council session whose vote counts give exactly the
 * result the stage needs (computed by the council arithmetic itself), the
 * proposal, recognition and award decisions, replication activities. After
 * a year's last round come the year's own records: nil returns of the
 * departments that proposed nobody, the ceremony, reviews, dissemination
 * and coordination notes. The plan year stops where today is: nothing is
 * dated after today, and no stage is further than the deadlines passed.
 *
 * Writes go in transactions of about DEMO_TX_CANDIDATES candidates. All
 * generator state lives in one plain struct copied at the start of each
 * transaction, so the store may re-run a transaction (after growing the
 * map) and make exactly the same records again. */
#include "dienhinh/demo.h"

#include "dienhinh/buf.h"
#include "dienhinh/council.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/snapshot.h"
#include "dienhinh/store.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define DEMO_YEARS         5
#define DEMO_ROUND         50
#define DEMO_TX_CANDIDATES 2500
#define DEMO_MAX_DEPTS     64
#define DEMO_MAX_MEMBERS   64
#define DEMO_CEREMONY_MAX  40

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* --- words ---------------------------------------------------------------- */

/* Family names with rough shares of the population (per cent). */
static const struct {
	const char *name;
	unsigned weight;
} demo_families[] = {
    {"Nguyễn", 31}, {"Trần", 11}, {"Lê", 9},   {"Phạm", 7},   {"Hoàng", 4}, {"Phan", 4},  {"Vũ", 3},
    {"Võ", 3},      {"Huỳnh", 2}, {"Đặng", 2}, {"Bùi", 2},    {"Đỗ", 2},    {"Hồ", 2},    {"Ngô", 2},
    {"Dương", 1},   {"Lý", 1},    {"Đinh", 1}, {"Trương", 1}, {"Mai", 1},   {"Trịnh", 1}, {"Đào", 1},
    {"Cao", 1},     {"Lưu", 1},   {"Hà", 1},   {"Tạ", 1},     {"Chu", 1},   {"Lương", 1}, {"Thái", 1},
};

static const char *const demo_middle_m[] = {
    "Văn",  "Văn",  "Văn",  "Hữu",   "Đức",   "Minh", "Quốc", "Công",  "Thanh",
    "Xuân", "Đình", "Ngọc", "Trọng", "Quang", "Tiến", "Mạnh", "Hoàng", "Anh",
};
static const char *const demo_middle_f[] = {
    "Thị", "Thị",   "Thị", "Thị Thu", "Thị Thanh", "Thị Hồng", "Thị Minh", "Ngọc",
    "Thu", "Thanh", "Kim", "Bích",    "Phương",    "Diệu",     "Thùy",     "Hải",
};
static const char *const demo_given_m[] = {
    "Anh",   "Bảo",   "Bình", "Cường", "Dũng",  "Duy",  "Đạt",  "Đức",   "Hải",   "Hiếu",
    "Hoàng", "Hùng",  "Huy",  "Khánh", "Khoa",  "Kiên", "Long", "Lâm",   "Minh",  "Nam",
    "Nghĩa", "Phong", "Phúc", "Quân",  "Quang", "Sơn",  "Tài",  "Thắng", "Thành", "Thịnh",
    "Toàn",  "Trung", "Tuấn", "Tùng",  "Việt",  "Vinh", "Hòa",  "Lộc",   "Tâm",   "Thuận",
};
static const char *const demo_given_f[] = {
    "An",   "Anh", "Chi",  "Diệp",  "Dung",  "Duyên", "Giang",  "Hà",    "Hạnh", "Hằng",
    "Hiền", "Hoa", "Hòa",  "Hồng",  "Huệ",   "Hương", "Lan",    "Linh",  "Loan", "Mai",
    "My",   "Nga", "Ngân", "Ngọc",  "Nhung", "Oanh",  "Phương", "Quỳnh", "Tâm",  "Thảo",
    "Thơ",  "Thu", "Thủy", "Trang", "Tuyết", "Uyên",  "Vân",    "Yến",
};
/* The tone mark on the other vowel, as many people write these names: lookup
 * must find both (DESIGN.md §7). */
static const struct {
	const char *usual, *other;
} demo_respell[] = {{"Hòa", "Hoà"}, {"Thủy", "Thuỷ"}, {"Thùy", "Thuỳ"}};

static const char *const demo_positions[] = {
    "Thanh tra viên",    "Thanh tra viên",   "Thanh tra viên chính", "Chuyên viên",
    "Chuyên viên chính", "Phó Trưởng phòng", "Trưởng phòng",         "Kế toán",
    "Văn thư",           "Cán sự",
};

/* What fills the one conversion of a title's format. */
enum demo_arg {
	ARG_NONE,
	ARG_YEAR,    /* the candidate's year */
	ARG_COUNT,   /* a small count: 3..14 */
	ARG_DAYS,    /* 3..7 days */
	ARG_PERCENT, /* 15..44 */
	ARG_PEOPLE,  /* 100..490 */
	ARG_DEPT,    /* the department's name (%s) */
	ARG_TEAM,    /* an inspection team number */
};

typedef struct demo_text {
	const char *fmt;
	enum demo_arg arg;
} demo_text;

static const demo_text demo_individual_titles[] = {
    {"Hoàn thành xuất sắc nhiệm vụ năm %d", ARG_YEAR},
    {"Có sáng kiến rút ngắn thời gian xác minh đơn khiếu nại còn %d ngày", ARG_DAYS},
    {"Tham gia %d cuộc thanh tra, kiến nghị thu hồi nhiều khoản chi sai quy định", ARG_COUNT},
    {"Gương mẫu, tận tụy trong công tác tiếp công dân năm %d", ARG_YEAR},
    {"Điển hình trong phong trào thi đua “Dân vận khéo” năm %d", ARG_YEAR},
    {"Xác minh, kết luận đúng hạn %d vụ việc khiếu nại, tố cáo phức tạp", ARG_COUNT},
    {"Tích cực ứng dụng công nghệ thông tin trong quản lý hồ sơ thanh tra", ARG_NONE},
    {"Hoàn thành vượt mức kế hoạch thanh tra chuyên đề năm %d", ARG_YEAR},
};

static const demo_text demo_collective_names[] = {
    {"Tập thể %s", ARG_DEPT},
    {"Đoàn thanh tra số %d", ARG_TEAM},
    {"Tổ tiếp công dân thường xuyên", ARG_NONE},
    {"Tổ xác minh đơn thư, %s", ARG_DEPT},
    {"Chi bộ %s", ARG_DEPT},
    {"Tổ công tác phòng, chống tham nhũng", ARG_NONE},
    {"Đoàn kiểm tra công vụ số %d", ARG_TEAM},
    {"Chi đoàn Thanh tra tỉnh", ARG_NONE},
    {"Công đoàn cơ sở Thanh tra tỉnh", ARG_NONE},
    {"Tổ giúp việc Hội đồng thi đua, khen thưởng", ARG_NONE},
};

static const demo_text demo_collective_titles[] = {
    {"Hoàn thành xuất sắc kế hoạch công tác năm %d", ARG_YEAR},
    {"Kết thúc đúng hạn 100%% cuộc thanh tra theo kế hoạch năm %d", ARG_YEAR},
    {"Giải quyết dứt điểm %d vụ việc khiếu nại kéo dài", ARG_COUNT},
    {"Nội bộ đoàn kết, không có đơn thư vượt cấp trong năm %d", ARG_YEAR},
    {"Dẫn đầu phong trào thi đua chuyên đề của cơ quan năm %d", ARG_YEAR},
};

/* Models: a kind of practice and what it is applied to. */
static const struct {
	const char *head;
	const char *tails[6];
} demo_models[] = {
    {"Mô hình tiếp công dân",
     {"lưu động tại xã, phường", "trực tuyến kết hợp trực tiếp", "“một cửa” tại trụ sở Thanh tra tỉnh",
      "có luật sư, trợ giúp viên pháp lý tham gia", "định kỳ của Chánh Thanh tra tại cơ sở",
      "vào sáng thứ Bảy"}},
    {"Mô hình “Dân vận khéo” trong",
     {"giải quyết khiếu nại về đất đai", "đối thoại với công dân", "vận động rút đơn khiếu nại kéo dài",
      "hòa giải tranh chấp tại cơ sở", "tiếp nhận phản ánh của người dân", "thực hiện kết luận thanh tra"}},
    {"Mô hình số hóa",
     {"hồ sơ thanh tra", "sổ tiếp công dân", "quy trình xử lý đơn thư", "kết luận thanh tra và kiến nghị",
      "hồ sơ kê khai tài sản, thu nhập", "lưu trữ hồ sơ giải quyết khiếu nại"}},
    {"Mô hình đối thoại",
     {"trước khi ban hành quyết định giải quyết khiếu nại", "ba bên tại cơ sở",
      "định kỳ với người khiếu nại đông người", "với doanh nghiệp sau thanh tra", "tại nơi phát sinh vụ việc",
      "có sự tham gia của Mặt trận Tổ quốc"}},
    {"Sáng kiến",
     {"theo dõi, đôn đốc thực hiện kết luận thanh tra bằng bảng điện tử",
      "chấm điểm rủi ro tham nhũng tại đơn vị", "sổ tay nghiệp vụ thanh tra hành chính",
      "phân loại đơn thư theo thẩm quyền bằng phần mềm", "mẫu hóa biên bản làm việc trong thanh tra",
      "nhắc hạn giải quyết đơn thư qua tin nhắn"}},
    {"Mô hình phối hợp",
     {"giữa Thanh tra tỉnh và Ban Tiếp công dân tỉnh", "với Ủy ban Mặt trận Tổ quốc trong giám sát",
      "liên ngành xác minh tài sản, thu nhập", "với Công an tỉnh trong chuyển hồ sơ có dấu hiệu tội phạm",
      "với Thanh tra huyện trong giải quyết đơn thư", "với cơ quan báo chí tuyên truyền pháp luật"}},
};

static const demo_text demo_model_titles[] = {
    {"Giảm %d%% số đơn khiếu nại vượt cấp", ARG_PERCENT},
    {"Rút ngắn thời gian xử lý đơn từ 10 xuống %d ngày làm việc", ARG_DAYS},
    {"Hơn %d lượt công dân được tiếp, đa số hài lòng", ARG_PEOPLE},
    {"Được Thanh tra Chính phủ ghi nhận, đề nghị nhân rộng năm %d", ARG_YEAR},
    {"Duy trì ổn định, áp dụng tại %d đơn vị trong tỉnh", ARG_COUNT},
};

static const char *const demo_places[] = {
    "Hội trường Thanh tra tỉnh",
    "Phòng họp tầng 3, Thanh tra tỉnh",
    "Hội trường Ủy ban nhân dân tỉnh",
};

/* --- the generator's state ------------------------------------------------ */

typedef struct demo_plan {
	dh_ctx *ctx;
	const dh_config *cfg;
	size_t target;
	int today;
	int years[DEMO_YEARS];
	size_t per_year[DEMO_YEARS];
	size_t n_depts;
	const char *head_login[DEMO_MAX_DEPTS]; /* department head, or NULL */
	const char *head_name[DEMO_MAX_DEPTS];
	const char *chief_login;
	const char *chief_name;
	const char *office_login;
	const char *office_name;
	const char *leader_names[8];
	size_t n_leaders;
	size_t n_members;
	/* Month and day (MMDD) of the plan's moments, from config deadlines. */
	int md_preliminary, md_registration, md_council, md_decisions, md_final;
} demo_plan;

/* Everything that changes while generating: plain data, copied whole at the
 * start of a transaction so that a re-run starts from the same point. */
typedef struct demo_state {
	uint64_t rng;
	int year_index;
	size_t done_in_year;
	int round; /* council round within the year, from 1 */
	int decision_no;
	int proposal_no;
	int team_no;                     /* "Đoàn thanh tra số N" */
	bool registered[DEMO_MAX_DEPTS]; /* this year: an active registration */
	uint64_t award_decisions[DEMO_CEREMONY_MAX];
	size_t n_award_decisions;
	size_t candidates, records;
} demo_state;

typedef struct demo_job {
	const demo_plan *plan;
	demo_state start; /* as of the last commit */
	demo_state cur;
	bool first;
	dh_repo_tx *tx;
	/* Every record made in the current write: the store restores their
	 * meta if it runs the write again, so they live until it returns. */
	struct demo_kept {
		dh_rtype type;
		void *rec;
	} * kept;
	size_t n_kept, cap_kept;
	char buf[1024]; /* scratch for text */
} demo_job;

/* splitmix64: small, fast, and the same numbers everywhere. */
static uint64_t demo_next(demo_state *s)
{
	uint64_t z = (s->rng += 0x9E3779B97F4A7C15ull);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

/* A number in [0, N). */
static unsigned demo_below(demo_state *s, unsigned n)
{
	return n ? (unsigned)(((demo_next(s) >> 32) * (uint64_t)n) >> 32) : 0;
}

static bool demo_chance(demo_state *s, unsigned percent)
{
	return demo_below(s, 100) < percent;
}

#define DEMO_PICK(s, list) ((list)[demo_below((s), COUNT_OF(list))])

/* A date between A and B (YYYYMMDD, A <= B), never after today. */
static int demo_date_between(demo_job *j, int a, int b)
{
	if (b > j->plan->today)
		b = j->plan->today;
	if (a > b)
		a = b;
	return date_add_days(a, (int)demo_below(&j->cur, (unsigned)date_diff(a, b) + 1));
}

static int demo_ymd(int year, int mmdd)
{
	return year * 10000 + mmdd;
}

static char *demo_fmt(demo_job *j, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* A malloc'd copy of the formatted text; NULL on ENOMEM. */
static char *demo_fmt(demo_job *j, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(j->buf, sizeof(j->buf), fmt, ap);
	va_end(ap);
	return strdup(j->buf);
}

/* --- people and text ------------------------------------------------------- */

static void demo_person_name(demo_job *j, char *buf, size_t size)
{
	demo_state *s = &j->cur;
	unsigned total = 0, r;
	for (size_t i = 0; i < COUNT_OF(demo_families); i++)
		total += demo_families[i].weight;
	r = demo_below(s, total);
	const char *family = demo_families[0].name;
	for (size_t i = 0; i < COUNT_OF(demo_families); i++) {
		if (r < demo_families[i].weight) {
			family = demo_families[i].name;
			break;
		}
		r -= demo_families[i].weight;
	}
	bool female = demo_chance(s, 50);
	const char *middle = female ? DEMO_PICK(s, demo_middle_f) : DEMO_PICK(s, demo_middle_m);
	const char *given = female ? DEMO_PICK(s, demo_given_f) : DEMO_PICK(s, demo_given_m);
	if (demo_chance(s, 25))
		for (size_t i = 0; i < COUNT_OF(demo_respell); i++)
			if (strcmp(given, demo_respell[i].usual) == 0)
				given = demo_respell[i].other;
	snprintf(buf, size, "%s %s %s", family, middle, given);
}

static const dh_department *demo_dept(const demo_plan *p, size_t i)
{
	return &p->cfg->departments[i];
}

/* T's text with its number (or DEPT's name) filled in, into J->buf. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
static const char *demo_text_fill(demo_job *j, const demo_text *t, int year, const char *dept)
{
	demo_state *s = &j->cur;
	int n = 0;
	switch (t->arg) {
	case ARG_NONE: snprintf(j->buf, sizeof(j->buf), "%s", t->fmt); return j->buf;
	case ARG_DEPT: snprintf(j->buf, sizeof(j->buf), t->fmt, dept); return j->buf;
	case ARG_YEAR: n = year; break;
	case ARG_COUNT: n = 3 + (int)demo_below(s, 12); break;
	case ARG_DAYS: n = 3 + (int)demo_below(s, 5); break;
	case ARG_PERCENT: n = 15 + (int)demo_below(s, 30); break;
	case ARG_PEOPLE: n = 100 + 10 * (int)demo_below(s, 40); break;
	case ARG_TEAM: n = 1 + (int)(s->team_no++ % 30); break;
	}
	snprintf(j->buf, sizeof(j->buf), t->fmt, n);
	return j->buf;
}
#pragma GCC diagnostic pop

/* Fill CAND's descriptive fields for its kind. */
static int demo_describe(demo_job *j, dh_candidate *c, size_t dept)
{
	demo_state *s = &j->cur;
	const char *dname = demo_dept(j->plan, dept)->name;
	char name[160];
	switch (c->kind) {
	case DH_KIND_INDIVIDUAL:
		demo_person_name(j, name, sizeof(name));
		c->name = strdup(name);
		c->position = strdup(DEMO_PICK(s, demo_positions));
		c->title = strdup(demo_text_fill(j, &DEMO_PICK(s, demo_individual_titles), c->year, dname));
		if (c->name && c->position && c->title && demo_chance(s, 60))
			c->description =
			    demo_fmt(j,
			             "Đồng chí %s, %s %s, luôn hoàn thành tốt nhiệm vụ được giao; %s. "
			             "Là tấm gương về tinh thần trách nhiệm, được đồng nghiệp tín nhiệm.",
			             c->name, c->position, dname, c->title);
		break;
	case DH_KIND_COLLECTIVE:
		c->name = strdup(demo_text_fill(j, &DEMO_PICK(s, demo_collective_names), c->year, dname));
		c->title = strdup(demo_text_fill(j, &DEMO_PICK(s, demo_collective_titles), c->year, dname));
		if (c->name && c->title && demo_chance(s, 50))
			c->description = demo_fmt(
			    j,
			    "%s gồm %d thành viên, thuộc %s. Trong năm %d: %s; thực hiện tốt quy chế "
			    "dân chủ, không có cá nhân vi phạm kỷ luật.",
			    c->name, 4 + (int)demo_below(s, 12), dname, c->year, c->title);
		break;
	default: {
		size_t m = demo_below(s, COUNT_OF(demo_models));
		const char *tail = demo_models[m].tails[demo_below(s, COUNT_OF(demo_models[m].tails))];
		snprintf(name, sizeof(name), "%s %s", demo_models[m].head, tail);
		c->name = strdup(name);
		c->title = strdup(demo_text_fill(j, &DEMO_PICK(s, demo_model_titles), c->year, dname));
		c->position = demo_fmt(j, "Đơn vị chủ trì: %s", dname);
		if (c->name && c->title)
			c->description = demo_fmt(
			    j,
			    "%s được %s triển khai từ tháng %d/%d. Cách làm: phân công rõ người, rõ "
			    "việc, công khai quy trình và thời hạn; định kỳ rút kinh nghiệm. Kết quả: "
			    "%s. Có thể nhân rộng tại các phòng nghiệp vụ và Thanh tra các huyện.",
			    c->name, dname, 1 + (int)demo_below(s, 12), c->year - (int)demo_below(s, 2),
			    c->title);
		break;
	}
	}
	if (!c->name || !c->title)
		return DH_ENOMEM;
	if (demo_chance(s, 30))
		c->prospects = strdup(demo_chance(s, 50) ? "Có triển vọng trở thành điển hình cấp tỉnh"
		                                         : "Tiếp tục theo dõi, bồi dưỡng trong năm tới");
	return 0;
}

/* Criteria met: at least the new-factor minimum once a candidate is
 * nominated, anything from one up before. */
static int demo_criteria(demo_job *j, dh_candidate *c)
{
	const dh_criteria *cr = &j->plan->cfg->criteria;
	size_t n = cr->n[c->kind];
	if (!n)
		return 0;
	size_t min =
	    c->stage >= DH_STAGE_NOMINATED && cr->new_factor_min > 0 ? (size_t)cr->new_factor_min : 1;
	if (min > n)
		min = n;
	size_t want = min + demo_below(&j->cur, (unsigned)(n - min + 1));
	size_t start = demo_below(&j->cur, (unsigned)n);
	for (size_t i = 0; i < want; i++)
		if (strlist_push(&c->criteria, cr->list[c->kind][(start + i) % n].id))
			return DH_ENOMEM;
	return 0;
}

/* --- stages ----------------------------------------------------------------- */

/* Shares of the stages at one point of the year: a draw below BELOW (of
 * 100) is STAGE; the last share's BELOW is 100, so every draw has one. */
typedef struct demo_share {
	unsigned below;
	int stage;
} demo_share;

static const demo_share demo_decided[] = {
    {8, DH_STAGE_NEW_FACTOR},    {23, DH_STAGE_FOSTERING},  {25, DH_STAGE_APPROVED},
    {35, DH_STAGE_NOT_APPROVED}, {60, DH_STAGE_RECOGNISED}, {100, DH_STAGE_AWARDED},
};
static const demo_share demo_voting[] = {
    {20, DH_STAGE_NEW_FACTOR},
    {45, DH_STAGE_FOSTERING},
    {85, DH_STAGE_APPROVED},
    {100, DH_STAGE_NOT_APPROVED},
};
static const demo_share demo_nominating[] = {
    {30, DH_STAGE_NEW_FACTOR},
    {70, DH_STAGE_FOSTERING},
    {100, DH_STAGE_NOMINATED},
};
static const demo_share demo_growing[] = {
    {50, DH_STAGE_NEW_FACTOR},
    {100, DH_STAGE_FOSTERING},
};
static const demo_share demo_starting[] = {
    {100, DH_STAGE_NEW_FACTOR},
};

/* The stage of draw R (below 100) in SHARES. */
static int demo_draw(unsigned r, const demo_share *shares)
{
	while (r >= shares->below)
		shares++;
	return shares->stage;
}

/* How far a candidate of YEAR can have got by today, and a stage drawn with
 * the shares a real year shows. */
static int demo_stage(demo_job *j, int year)
{
	const demo_plan *p = j->plan;
	unsigned r = demo_below(&j->cur, 100);
	int today = p->today;
	if (today >= demo_ymd(year, p->md_decisions) || today >= demo_ymd(year + 1, 101))
		return demo_draw(r, demo_decided); /* the year's decisions are made */
	if (today >= demo_ymd(year, p->md_council))
		return demo_draw(r, demo_voting);
	if (today >= demo_ymd(year, 301))
		return demo_draw(r, demo_nominating);
	if (today >= demo_ymd(year, 201))
		return demo_draw(r, demo_growing);
	return demo_draw(r, demo_starting);
}

static bool demo_voted(int stage)
{
	return stage == DH_STAGE_APPROVED || stage == DH_STAGE_NOT_APPROVED || stage == DH_STAGE_RECOGNISED ||
	       stage == DH_STAGE_AWARDED;
}

static bool demo_recognised(int stage)
{
	return stage == DH_STAGE_RECOGNISED || stage == DH_STAGE_AWARDED;
}

/* --- writing ------------------------------------------------------------------ */

static int demo_put(demo_job *j, dh_rtype type, void *rec)
{
	int rc = repo_tx_put(j->tx, "demo", NULL, type, rec);
	if (!rc)
		j->cur.records++;
	return rc;
}

/* A new record of TYPE, kept until the write returns; NULL on ENOMEM. */
static void *demo_new(demo_job *j, dh_rtype type)
{
	if (buf_reserve(&j->kept, &j->cap_kept, j->n_kept + 1, sizeof(*j->kept)))
		return NULL;
	void *rec = record_new(type);
	if (rec)
		j->kept[j->n_kept++] = (struct demo_kept){type, rec};
	return rec;
}

static void demo_release(demo_job *j)
{
	for (size_t i = 0; i < j->n_kept; i++)
		record_free(j->kept[i].type, j->kept[i].rec);
	j->n_kept = 0;
}

static int demo_fostering(demo_job *j, const dh_candidate *c, int until)
{
	demo_state *s = &j->cur;
	int year = c->year;
	int n = 1 + (int)demo_below(s, 3);
	/* The log reads in date order, as it was kept. */
	int dates[3];
	for (int i = 0; i < n; i++)
		dates[i] = demo_date_between(j, demo_ymd(year, 115), until);
	for (int i = 1; i < n; i++)
		for (int k = i; k > 0 && dates[k - 1] > dates[k]; k--) {
			int t = dates[k];
			dates[k] = dates[k - 1];
			dates[k - 1] = t;
		}
	for (int i = 0; i < n; i++) {
		dh_fostering *f = demo_new(j, DH_R_FOSTERING);
		if (!f)
			return DH_ENOMEM;
		f->candidate_id = c->meta.id;
		f->date = dates[i];
		unsigned r = demo_below(s, 100);
		f->kind = r < 45 ? DH_FOSTER_GUIDANCE : r < 80 ? DH_FOSTER_ENCOURAGEMENT : DH_FOSTER_MATERIAL;
		static const char *const guidance[] = {
		    "Hướng dẫn hoàn thiện hồ sơ, tổng kết cách làm",
		    "Hướng dẫn xây dựng báo cáo thành tích, lượng hóa kết quả",
		    "Trao đổi, góp ý cách triển khai với lãnh đạo phòng",
		};
		static const char *const encouragement[] = {
		    "Động viên, biểu dương tại cuộc họp giao ban cơ quan",
		    "Lãnh đạo cơ quan thăm hỏi, động viên",
		    "Tạo điều kiện tham gia lớp bồi dưỡng nghiệp vụ",
		};
		if (f->kind == DH_FOSTER_GUIDANCE) {
			f->description = strdup(DEMO_PICK(s, guidance));
		} else if (f->kind == DH_FOSTER_ENCOURAGEMENT) {
			f->description = strdup(DEMO_PICK(s, encouragement));
		} else {
			f->amount = 500000 + 100000 * (int64_t)demo_below(s, 46);
			f->description = strdup("Hỗ trợ kinh phí triển khai, in ấn tài liệu");
		}
		const demo_plan *p = j->plan;
		f->by = strdup(p->n_leaders    ? p->leader_names[demo_below(s, (unsigned)p->n_leaders)]
		               : p->chief_name ? p->chief_name
		                               : "Lãnh đạo cơ quan");
		int rc = demo_put(j, DH_R_FOSTERING, f);
		if (rc)
			return rc;
	}
	return 0;
}

static int demo_registration(demo_job *j, const dh_candidate *c, size_t dept, int status)
{
	const demo_plan *p = j->plan;
	demo_state *s = &j->cur;
	dh_registration *r = demo_new(j, DH_R_REGISTRATION);
	if (!r)
		return DH_ENOMEM;
	r->year = c->year;
	r->candidate_id = c->meta.id;
	r->department = strdup(c->department);
	r->registered_by = strdup(p->head_login[dept] ? p->head_login[dept] : p->ctx->login);
	r->date = demo_date_between(j, demo_ymd(c->year, 301), demo_ymd(c->year, p->md_registration));
	r->description = strdup(c->description ? c->description : c->title);
	r->status = status;
	if (status == DH_REG_ACCEPTED) {
		r->complete = true;
		r->checked_by = strdup(p->office_login ? p->office_login : p->ctx->login);
	} else if (status == DH_REG_RETURNED) {
		static const char *const why[] = {
		    "Hồ sơ chưa có bản mô tả sáng kiến, mô hình",
		    "Chưa đạt số tiêu chí tối thiểu theo kế hoạch",
		    "Thành tích chưa được lượng hóa, đề nghị bổ sung số liệu",
		};
		r->reason = strdup(DEMO_PICK(s, why));
	}
	if (dept < DEMO_MAX_DEPTS && (status == DH_REG_SUBMITTED || status == DH_REG_ACCEPTED))
		s->registered[dept] = true;
	return demo_put(j, DH_R_REGISTRATION, r);
}

static int demo_activity(demo_job *j, const dh_candidate *c, int from)
{
	const demo_plan *p = j->plan;
	demo_state *s = &j->cur;
	dh_activity *a = demo_new(j, DH_R_ACTIVITY);
	if (!a)
		return DH_ENOMEM;
	a->candidate_id = c->meta.id;
	a->date = demo_date_between(j, from, date_add_days(from, 90));
	unsigned r = demo_below(s, 100);
	a->kind = r < 50 ? DH_ACT_MEETING : r < 85 ? DH_ACT_WEBSITE : DH_ACT_OTHER;
	if (a->kind == DH_ACT_MEETING) {
		a->title = demo_fmt(j, "Trao đổi kinh nghiệm tại cuộc họp giao ban cơ quan tháng %d/%d",
		                    a->date / 100 % 100, a->date / 10000);
		a->audience = strdup("Cán bộ, công chức, người lao động cơ quan");
		a->attendees = 25 + (int)demo_below(s, 40);
	} else if (a->kind == DH_ACT_WEBSITE) {
		a->title = demo_fmt(j, "Giới thiệu điển hình: %s", c->name);
		const char *site = p->cfg->organization.website ? p->cfg->organization.website
		                                                : "https://thanhtra.example.vn";
		a->url = demo_fmt(j, "%s/tin-tuc/dien-hinh-tien-tien-%d-%llu", site, c->year,
		                  (unsigned long long)c->meta.id);
		a->audience = strdup("Người đọc Trang thông tin điện tử");
	} else {
		a->title = demo_fmt(j, "Tọa đàm chuyên đề “%s”", c->title);
		a->audience = strdup("Thanh tra các huyện, thị xã, thành phố");
		a->attendees = 30 + (int)demo_below(s, 50);
	}
	a->presenter = strdup(c->kind == DH_KIND_INDIVIDUAL ? c->name : "Đại diện đơn vị");
	return demo_put(j, DH_R_ACTIVITY, a);
}

/* The round's council session (not yet written): attendance with one or two
 * members sometimes absent, never below the quorum. */
static dh_session *demo_session(demo_job *j, int year)
{
	const demo_plan *p = j->plan;
	demo_state *s = &j->cur;
	const dh_council *cc = &p->cfg->council;
	dh_session *se = demo_new(j, DH_R_SESSION);
	if (!se)
		return NULL;
	se->year = year;
	se->date = demo_date_between(j, demo_ymd(year, p->md_council), demo_ymd(year, p->md_council));
	se->title = demo_fmt(j, "Phiên họp bình xét mô hình tiêu biểu, điển hình tiên tiến năm %d (đợt %d)",
	                     year, s->round);
	se->method = cc->method;
	se->closed = true;
	int absent = (int)demo_below(s, 3);
	while (absent > 0 && !council_has_quorum(cc, (int)p->n_members - absent))
		absent--;
	size_t first_absent = p->n_members - (size_t)absent;
	for (size_t m = 0; m < p->n_members; m++) {
		const char *login = cc->members[m].login;
		/* The chair and the secretary are always there. */
		bool away = m >= first_absent && cc->members[m].role != DH_ROLE_CHAIR &&
		            cc->members[m].role != DH_ROLE_SECRETARY;
		if (!away)
			strlist_push(&se->present, login);
		else if (cc->written_votes_count && demo_chance(s, 50))
			strlist_push(&se->written, login);
	}
	se->notes =
	    strdup("Phiên họp đủ số thành viên theo quy định; bỏ phiếu theo phương thức của Hội đồng.");
	if (snapshot_take(se, p->cfg))
		return NULL;
	return se;
}

/* Votes on IT giving the result PASS wants; returns the result reached. */
static int demo_votes(demo_job *j, const dh_session *se, dh_vote_item *it, bool pass)
{
	const dh_council *cc = &j->plan->cfg->council;
	demo_state *s = &j->cur;
	dh_tally t;
	council_tally(cc, se, it, &t);
	int voters = t.voters, needed = t.needed;
	int agree;
	if (pass && needed <= voters)
		agree = needed + (int)demo_below(s, (unsigned)(voters - needed + 1));
	else
		agree = needed > 0 ? needed - 1 - (int)demo_below(s, (unsigned)(needed < 4 ? needed : 4)) : 0;
	if (agree > voters)
		agree = voters;
	int rest = voters - agree;
	int disagree = (int)demo_below(s, (unsigned)rest + 1);
	int abstain = rest - disagree;
	if (se->method == DH_VOTE_SECRET) {
		it->agree = agree;
		it->disagree = disagree;
		it->abstain = abstain;
	} else {
		int k = 0;
		for (size_t m = 0; m < j->plan->n_members; m++) {
			const char *login = cc->members[m].login;
			dh_attendance at = council_attendance(se, login);
			if (at == DH_ABSENT || (at == DH_WRITTEN && !cc->written_votes_count))
				continue;
			dh_vote v = k < agree              ? DH_VOTE_AGREE
			            : k < agree + disagree ? DH_VOTE_DISAGREE
			                                   : DH_VOTE_ABSTAIN;
			if (council_set_vote(&it->votes, login, v))
				return -1;
			k++;
		}
	}
	council_tally(cc, se, it, &t);
	it->closed = true;
	it->result = t.result;
	it->reason = strdup(t.reason);
	return t.result;
}

/* One council round of N candidates of the current year. */
static int demo_round(demo_job *j, size_t n)
{
	const demo_plan *p = j->plan;
	demo_state *s = &j->cur;
	int year = p->years[s->year_index];
	int rc = 0;
	dh_candidate *c[DEMO_ROUND] = {0};
	size_t dept_of[DEMO_ROUND];
	dh_vote_item *items[DEMO_ROUND] = {0};
	dh_session *se = NULL;
	dh_decision *recog = NULL, *award = NULL;
	dh_proposal *prop = NULL;
	bool any_voted = false, any_recognised = false, any_awarded = false;

	int council = demo_ymd(year, p->md_council);
	int decided = demo_ymd(year, p->md_decisions);
	for (size_t i = 0; i < n; i++) {
		if (!(c[i] = demo_new(j, DH_R_CANDIDATE))) {
			rc = DH_ENOMEM;
			goto out;
		}
		c[i]->year = year;
		unsigned r = demo_below(s, 100);
		c[i]->kind = r < 50 ? DH_KIND_INDIVIDUAL : r < 75 ? DH_KIND_COLLECTIVE : DH_KIND_MODEL;
		dept_of[i] = demo_below(s, (unsigned)p->n_depts);
		if (!(c[i]->department = strdup(demo_dept(p, dept_of[i])->id))) {
			rc = DH_ENOMEM;
			goto out;
		}
		c[i]->stage = demo_stage(j, year);
		if ((rc = demo_describe(j, c[i], dept_of[i])) || (rc = demo_criteria(j, c[i])))
			goto out;
		any_voted |= demo_voted(c[i]->stage);
	}

	/* The council's votes decide between approved and not approved; the
	 * counts are drawn so that the council arithmetic gives that result. */
	if (any_voted) {
		if (!(se = demo_session(j, year))) {
			rc = DH_ENOMEM;
			goto out;
		}
		int order = 0;
		for (size_t i = 0; i < n; i++) {
			if (!demo_voted(c[i]->stage))
				continue;
			if (!(items[i] = demo_new(j, DH_R_VOTE_ITEM))) {
				rc = DH_ENOMEM;
				goto out;
			}
			items[i]->order = ++order;
			int result = demo_votes(j, se, items[i], c[i]->stage != DH_STAGE_NOT_APPROVED);
			if (result < 0) {
				rc = DH_ENOMEM;
				goto out;
			}
			if (result != DH_RESULT_PASSED)
				c[i]->stage = DH_STAGE_NOT_APPROVED;
			any_recognised |= demo_recognised(c[i]->stage);
			any_awarded |= c[i]->stage == DH_STAGE_AWARDED;
		}
	}
	/* Decision numbers go on the candidates before they are written. */
	char recog_no[32] = "", award_no[32] = "";
	int recog_date = demo_date_between(j, decided, decided);
	int award_date = recog_date;
	if (any_recognised)
		snprintf(recog_no, sizeof(recog_no), "%d/QĐ-TTr", ++s->decision_no);
	if (any_awarded)
		snprintf(award_no, sizeof(award_no), "%d/QĐ-TTr", ++s->decision_no);
	for (size_t i = 0; i < n; i++) {
		if (demo_recognised(c[i]->stage)) {
			c[i]->recognised_decision = strdup(recog_no);
			c[i]->recognised_date = recog_date;
			if (c[i]->kind == DH_KIND_MODEL && demo_chance(s, 20)) {
				c[i]->aims_provincial = true;
				c[i]->followup_notes =
				    strdup("Tiếp tục theo dõi, hỗ trợ để đề nghị công nhận cấp tỉnh");
			}
		}
		if (c[i]->stage == DH_STAGE_AWARDED) {
			c[i]->award_decision = strdup(award_no);
			c[i]->award_date = award_date;
		}
		if (c[i]->stage <= DH_STAGE_NOMINATED && demo_chance(s, 1)) {
			c[i]->on_hold = true;
			c[i]->hold_reason = strdup("Đang xem xét đơn phản ánh liên quan, tạm dừng xét");
		}
		if ((rc = demo_put(j, DH_R_CANDIDATE, c[i])))
			goto out;
		s->candidates++;
	}

	/* What each stage implies, candidate by candidate. */
	for (size_t i = 0; i < n; i++) {
		dh_candidate *ci = c[i];
		int reg_deadline = demo_ymd(year, p->md_registration);
		if (ci->stage >= DH_STAGE_FOSTERING &&
		    (rc = demo_fostering(j, ci, ci->stage >= DH_STAGE_NOMINATED ? reg_deadline : council)))
			goto out;
		if (ci->stage >= DH_STAGE_NOMINATED) {
			int status = ci->stage == DH_STAGE_NOMINATED && demo_chance(s, 50) ? DH_REG_SUBMITTED
			                                                                   : DH_REG_ACCEPTED;
			if ((rc = demo_registration(j, ci, dept_of[i], status)))
				goto out;
		} else if (ci->stage == DH_STAGE_FOSTERING && demo_chance(s, 8) &&
		           p->today >= demo_ymd(year, 401)) {
			if ((rc = demo_registration(j, ci, dept_of[i], DH_REG_RETURNED)))
				goto out;
		}
	}

	if (se) {
		if ((rc = demo_put(j, DH_R_SESSION, se)))
			goto out;
		if (!(prop = demo_new(j, DH_R_PROPOSAL))) {
			rc = DH_ENOMEM;
			goto out;
		}
		for (size_t i = 0; i < n; i++) {
			if (!items[i])
				continue;
			items[i]->session_id = se->meta.id;
			items[i]->candidate_id = c[i]->meta.id;
			if ((rc = demo_put(j, DH_R_VOTE_ITEM, items[i])))
				goto out;
			if (items[i]->result == DH_RESULT_PASSED &&
			    idlist_push(&prop->candidates, c[i]->meta.id)) {
				rc = DH_ENOMEM;
				goto out;
			}
		}
		if (prop->candidates.n) {
			prop->year = year;
			prop->session_id = se->meta.id;
			prop->date =
			    demo_date_between(j, date_add_days(se->date, 2), date_add_days(se->date, 5));
			prop->number = demo_fmt(j, "%d/TTr-HĐTĐKT", ++s->proposal_no);
			prop->notes =
			    strdup("Hội đồng đề nghị Chánh Thanh tra xem xét, quyết định công nhận.");
			if ((rc = demo_put(j, DH_R_PROPOSAL, prop)))
				goto out;
		}
	}

	if (any_recognised) {
		if (!(recog = demo_new(j, DH_R_DECISION)) || !(award = demo_new(j, DH_R_DECISION))) {
			rc = DH_ENOMEM;
			goto out;
		}
		recog->year = award->year = year;
		recog->type = DH_DEC_RECOGNITION;
		recog->number = strdup(recog_no);
		recog->date = recog_date;
		recog->signer = strdup(p->chief_login ? p->chief_login : p->ctx->login);
		award->type = DH_DEC_AWARD;
		award->number = strdup(award_no);
		award->date = award_date;
		award->signer = strdup(recog->signer);
		if (p->cfg->n_awards)
			award->award_id = strdup(p->cfg->awards[0].id);
		for (size_t i = 0; i < n; i++) {
			if (demo_recognised(c[i]->stage) && idlist_push(&recog->candidates, c[i]->meta.id))
				rc = DH_ENOMEM;
			if (c[i]->stage == DH_STAGE_AWARDED && idlist_push(&award->candidates, c[i]->meta.id))
				rc = DH_ENOMEM;
		}
		if (!rc && ((rc = snapshot_take_decision(recog, p->cfg)) ||
		            (rc = snapshot_take_decision(award, p->cfg))))
			goto out;
		if (rc || (rc = demo_put(j, DH_R_DECISION, recog)))
			goto out;
		if (any_awarded) {
			if ((rc = demo_put(j, DH_R_DECISION, award)))
				goto out;
			if (s->n_award_decisions < DEMO_CEREMONY_MAX)
				s->award_decisions[s->n_award_decisions++] = award->meta.id;
		}
		for (size_t i = 0; i < n; i++) {
			if (!demo_recognised(c[i]->stage))
				continue;
			unsigned r = demo_below(s, 100);
			int k = r < 45 ? 0 : r < 85 ? 1 : 2;
			if (p->today < date_add_days(recog_date, 3))
				k = 0;
			for (int a = 0; a < k && !rc; a++)
				rc = demo_activity(j, c[i], date_add_days(recog_date, 3));
			if (rc)
				goto out;
		}
	}
out:
	return rc;
}

/* The year's own records, after its last round. */

/* Who disseminates in department D: its head, else the chief or a deputy
 * who sits in it (the leadership board has no dept_head). */
static const char *demo_dept_leader_name(const demo_plan *p, size_t d)
{
	if (p->head_name[d])
		return p->head_name[d];
	const char *id = demo_dept(p, d)->id;
	const char *deputy = NULL;
	for (size_t i = 0; i < p->cfg->n_people; i++) {
		const dh_person *per = &p->cfg->people[i];
		if (!per->department || strcmp(per->department, id) != 0)
			continue;
		if (per->roles & DH_ROLE_CHIEF)
			return per->name;
		if ((per->roles & DH_ROLE_LEADER) && !deputy)
			deputy = per->name;
	}
	return deputy ? deputy : "Lãnh đạo phòng";
}

static int demo_year_end(demo_job *j)
{
	const demo_plan *p = j->plan;
	demo_state *s = &j->cur;
	int year = p->years[s->year_index];
	int rc;
	bool past = p->today >= demo_ymd(year + 1, 101);
	int reg_deadline = demo_ymd(year, p->md_registration);

	/* Departments that proposed nobody say so; in the running year some
	 * have not answered yet. */
	for (size_t d = 0; d < p->n_depts; d++) {
		if (s->registered[d] || p->today < demo_ymd(year, 401) || (!past && demo_chance(s, 40)))
			continue;
		dh_nil_return *nr = demo_new(j, DH_R_NIL_RETURN);
		if (!nr)
			return DH_ENOMEM;
		nr->year = year;
		nr->department = strdup(demo_dept(p, d)->id);
		nr->by = strdup(p->head_login[d] ? p->head_login[d] : p->ctx->login);
		nr->date = demo_date_between(j, date_add_days(reg_deadline, -20), reg_deadline);
		nr->note = strdup("Năm nay đơn vị không có tập thể, cá nhân, mô hình đủ điều kiện đề nghị.");
		if ((rc = demo_put(j, DH_R_NIL_RETURN, nr)))
			return rc;
	}

	/* The plan is disseminated early in the year in every department. */
	for (size_t d = 0; d < p->n_depts; d++) {
		if (p->today < demo_ymd(year, 220) || (!past && d == p->n_depts - 1))
			continue;
		dh_dissemination *di = demo_new(j, DH_R_DISSEMINATION);
		if (!di)
			return DH_ENOMEM;
		di->year = year;
		di->department = strdup(demo_dept(p, d)->id);
		di->date = demo_date_between(j, demo_ymd(year, 201), demo_ymd(year, 220));
		di->by = strdup(demo_dept_leader_name(p, d));
		di->attendees = 5 + (int)demo_below(s, 20);
		di->notes = demo_fmt(
		    j,
		    "Quán triệt Kế hoạch xây dựng, bồi dưỡng và nhân rộng điển hình tiên tiến năm %d "
		    "đến toàn thể công chức của phòng.",
		    year);
		if ((rc = demo_put(j, DH_R_DISSEMINATION, di)))
			return rc;
		if (demo_chance(s, 50) && p->today >= demo_ymd(year, 601)) {
			dh_coordination *co = demo_new(j, DH_R_COORDINATION);
			if (!co)
				return DH_ENOMEM;
			co->year = year;
			co->department = strdup(demo_dept(p, d)->id);
			co->date = demo_date_between(j, demo_ymd(year, 501), demo_ymd(year, 601));
			co->by = strdup(di->by);
			co->notes = strdup("Phối hợp với Văn phòng rà soát danh sách nhân tố mới, thống nhất "
			                   "hồ sơ đăng ký.");
			if ((rc = demo_put(j, DH_R_COORDINATION, co)))
				return rc;
		}
	}

	if (s->n_award_decisions && p->today >= date_add_days(demo_ymd(year, p->md_decisions), 10)) {
		dh_ceremony *ce = demo_new(j, DH_R_CEREMONY);
		if (!ce)
			return DH_ENOMEM;
		ce->year = year;
		ce->date = date_add_days(demo_ymd(year, p->md_decisions), 10);
		ce->title = demo_fmt(
		    j, "Lễ tuyên dương, trao Giấy khen các mô hình tiêu biểu, điển hình tiên tiến năm %d",
		    year);
		ce->place = strdup(DEMO_PICK(s, demo_places));
		for (size_t i = 0; i < s->n_award_decisions; i++)
			idlist_push(&ce->decisions, s->award_decisions[i]);
		ce->notes = strdup(
		    "Lãnh đạo cơ quan trao Giấy khen; đại diện điển hình phát biểu, chia sẻ kinh nghiệm.");
		if ((rc = demo_put(j, DH_R_CEREMONY, ce)))
			return rc;
	}

	static const struct {
		int kind;
		const char *title;
	} reviews[] = {
	    {DH_REVIEW_PRELIMINARY,
	     "Sơ kết 6 tháng công tác xây dựng, bồi dưỡng, nhân rộng điển hình tiên tiến năm %d"},
	    {DH_REVIEW_FINAL, "Tổng kết công tác xây dựng, bồi dưỡng, nhân rộng điển hình tiên tiến năm %d"},
	};
	for (size_t i = 0; i < COUNT_OF(reviews); i++) {
		int date = demo_ymd(year, i == 0 ? p->md_preliminary : p->md_final);
		if (p->today < date)
			continue;
		dh_review *rv = demo_new(j, DH_R_REVIEW);
		if (!rv)
			return DH_ENOMEM;
		rv->year = year;
		rv->kind = reviews[i].kind;
		rv->date = date;
		rv->title = strdup(demo_text_fill(j, &(demo_text){reviews[i].title, ARG_YEAR}, year, NULL));
		rv->notes = strdup(
		    "Các phòng báo cáo kết quả; Văn phòng tổng hợp số liệu, đề xuất nhiệm vụ thời gian tới.");
		if ((rc = demo_put(j, DH_R_REVIEW, rv)))
			return rc;
	}
	return 0;
}

/* Nothing may be in the store yet: the demo never mixes with real data. */
static int demo_check_empty(demo_job *j)
{
	for (int t = DH_R_CANDIDATE; t < DH_R__COUNT; t++) {
		if (t == DH_R_DRAFT || t == DH_R_AUDIT || t == DH_R_PLAN)
			continue;
		void *rec = NULL;
		int rc = repo_tx_get(j->tx, (dh_rtype)t, 1, &rec);
		if (rc == 0) {
			record_free((dh_rtype)t, rec);
			snprintf(j->plan->ctx->message, sizeof(j->plan->ctx->message),
			         "Cơ sở dữ liệu đã có dữ liệu (%s): dữ liệu mẫu chỉ được tạo trong cơ sở dữ "
			         "liệu trống.",
			         record_type_name((dh_rtype)t));
			return DH_EINVAL;
		}
		if (rc != DH_ENOTFOUND)
			return rc;
	}
	return 0;
}

static bool demo_finished(const demo_state *s)
{
	return s->year_index >= DEMO_YEARS;
}

static int demo_tx(dh_repo_tx *tx, void *ctx)
{
	demo_job *j = ctx;
	j->tx = tx;
	j->cur = j->start; /* a re-run makes the same records again */
	int rc = repo_bulk_begin(tx, "demo", NULL);
	if (rc)
		return rc;
	if (j->first && (rc = demo_check_empty(j)))
		return rc;
	size_t made = 0;
	while (made < DEMO_TX_CANDIDATES && !demo_finished(&j->cur)) {
		demo_state *s = &j->cur;
		size_t left = j->plan->per_year[s->year_index] - s->done_in_year;
		if (left == 0) {
			if ((rc = demo_year_end(j)))
				return rc;
			s->year_index++;
			s->done_in_year = 0;
			s->round = 0;
			s->n_award_decisions = 0;
			memset(s->registered, 0, sizeof(s->registered));
			continue;
		}
		size_t n = left < DEMO_ROUND ? left : DEMO_ROUND;
		s->round++;
		if ((rc = demo_round(j, n)))
			return rc;
		s->done_in_year += n;
		made += n;
	}
	return 0;
}

/* MMDD of the config deadline ID, or FALLBACK. */
static int demo_md(const dh_config *cfg, const char *id, int fallback)
{
	const dh_deadline *d = config_deadline(cfg, id);
	return d && d->date ? d->date % 10000 : fallback;
}

static int demo_plan_init(demo_plan *p, dh_ctx *ctx, const dh_demo_opts *opts)
{
	const dh_config *cfg = ctx->cfg;
	memset(p, 0, sizeof(*p));
	p->ctx = ctx;
	p->cfg = cfg;
	p->target = opts->records;
	p->today = ctx->today ? ctx->today : date_today();
	p->n_depts = cfg->n_departments < DEMO_MAX_DEPTS ? cfg->n_departments : DEMO_MAX_DEPTS;
	p->n_members = cfg->council.n_members < DEMO_MAX_MEMBERS ? cfg->council.n_members : DEMO_MAX_MEMBERS;
	if (!p->n_depts) {
		snprintf(ctx->message, sizeof(ctx->message), "Cấu hình chưa có phòng nào (departments).");
		return DH_EINVAL;
	}
	int plan_year = cfg->plan.year ? cfg->plan.year : p->today / 10000;
	/* Five years up to the plan's; the plan year a little busier. */
	size_t base = p->target / (DEMO_YEARS + 1);
	size_t given = 0;
	for (int y = 0; y < DEMO_YEARS; y++) {
		p->years[y] = plan_year - (DEMO_YEARS - 1) + y;
		p->per_year[y] = y == DEMO_YEARS - 1 ? p->target - given : base;
		given += p->per_year[y];
	}
	for (size_t i = 0; i < cfg->n_people; i++) {
		const dh_person *per = &cfg->people[i];
		if ((per->roles & DH_ROLE_CHIEF) && !p->chief_login) {
			p->chief_login = per->login;
			p->chief_name = per->name;
		}
		if ((per->roles & DH_ROLE_OFFICE) && !p->office_login) {
			p->office_login = per->login;
			p->office_name = per->name;
		}
		if ((per->roles & (DH_ROLE_LEADER | DH_ROLE_CHIEF)) &&
		    p->n_leaders < COUNT_OF(p->leader_names))
			p->leader_names[p->n_leaders++] = per->name;
		if (per->roles & DH_ROLE_DEPT_HEAD)
			for (size_t d = 0; d < p->n_depts; d++)
				if (per->department && strcmp(per->department, cfg->departments[d].id) == 0 &&
				    !p->head_login[d]) {
					p->head_login[d] = per->login;
					p->head_name[d] = per->name;
				}
	}
	p->md_preliminary = demo_md(cfg, "preliminary_review", 715);
	p->md_registration = demo_md(cfg, "registration", 1015);
	p->md_council = demo_md(cfg, "council_session", 1105);
	p->md_decisions = demo_md(cfg, "decisions", 1130);
	p->md_final = demo_md(cfg, "final_review", 1228);
	return 0;
}

int demo_generate(dh_ctx *ctx, const dh_demo_opts *opts, dh_demo_result *res)
{
	memset(res, 0, sizeof(*res));
	int rc = wf_check(ctx, DH_ACT_IMPORT);
	if (rc)
		return rc;
	demo_plan *plan = malloc(sizeof(*plan));
	demo_job *job = calloc(1, sizeof(*job));
	if (!plan || !job) {
		free(plan);
		free(job);
		return DH_ENOMEM;
	}
	if ((rc = demo_plan_init(plan, ctx, opts)))
		goto out;
	job->plan = plan;
	job->start.rng = opts->seed ^ 0x64696E68696E68ull; /* "dinhinh": seed 0 is a seed too */
	job->first = true;
	while (!demo_finished(&job->start)) {
		rc = repo_write(ctx->store, ctx->login, demo_tx, job);
		demo_release(job);
		if (rc)
			break;
		/* the pages of the data file this batch read stay in the page
		 * cache, not in our memory: it stays flat to a million */
		store_forget_pages(ctx->store);
		job->start = job->cur;
		job->first = false;
	}
	res->candidates = job->start.candidates;
	res->records = job->start.records;
out:
	free(job->kept);
	free(plan);
	free(job);
	return rc;
}
