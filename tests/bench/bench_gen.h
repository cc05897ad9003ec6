/* bench_gen.h — realistic Vietnamese candidates for the benchmarks, from a
 * fixed seed (two runs give the same records). Included by one benchmark
 * program each: its functions are static. */
#ifndef DIENHINH_BENCH_GEN_H
#define DIENHINH_BENCH_GEN_H

#include "dienhinh/record.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t bench_rng = 0x9e3779b97f4a7c15ull;

static uint64_t bench_next(void)
{
	/* splitmix64 */
	uint64_t z = (bench_rng += 0x9e3779b97f4a7c15ull);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
	return z ^ (z >> 31);
}

static unsigned bench_below(unsigned n)
{
	return (unsigned)(bench_next() % n);
}

typedef struct weighted {
	const char *text;
	unsigned weight;
} weighted;

static const char *bench_weighted(const weighted *v, size_t n)
{
	unsigned total = 0;
	for (size_t i = 0; i < n; i++)
		total += v[i].weight;
	unsigned r = bench_below(total);
	for (size_t i = 0; i < n; i++) {
		if (r < v[i].weight)
			return v[i].text;
		r -= v[i].weight;
	}
	return v[0].text;
}

#define PICK(arr)  ((arr)[bench_below(sizeof(arr) / sizeof((arr)[0]))])
#define PICKW(arr) bench_weighted((arr), sizeof(arr) / sizeof((arr)[0]))

/* Family names by their share of the population (per mille, rounded). */
static const weighted family[] = {
    {"Nguyễn", 380}, {"Trần", 110}, {"Lê", 95},   {"Phạm", 70}, {"Hoàng", 51}, {"Huỳnh", 30}, {"Phan", 45},
    {"Vũ", 39},      {"Võ", 30},    {"Đặng", 21}, {"Bùi", 20},  {"Đỗ", 14},    {"Hồ", 13},    {"Ngô", 13},
    {"Dương", 10},   {"Lý", 5},     {"Đinh", 8},  {"Đào", 6},   {"Trịnh", 6},  {"Mai", 4},    {"Lương", 4},
    {"Cao", 4},      {"Tạ", 3},     {"Quách", 2}, {"Thái", 2},  {"Kiều", 1},   {"Lã", 1},     {"Khổng", 1},
};
static const weighted middle_m[] = {
    {"Văn", 40}, {"Hữu", 10}, {"Đức", 10}, {"Minh", 10}, {"Quang", 8}, {"Thanh", 8},
    {"Xuân", 5}, {"Công", 5}, {"Ngọc", 4}, {"Đình", 6},  {"Tiến", 3},  {"Trọng", 3},
};
static const weighted middle_f[] = {
    {"Thị", 60}, {"Ngọc", 8}, {"Thu", 6},  {"Thanh", 6}, {"Minh", 4},
    {"Hồng", 5}, {"Kim", 4},  {"Thùy", 3}, {"Thuỳ", 1},  {"Mai", 3},
};
static const char *const given_m[] = {
    "An",    "Anh",   "Bảo",  "Bình", "Cường", "Chiến", "Dũng", "Duy",   "Dương",  "Đạt",   "Định",  "Đông",
    "Đức",   "Giang", "Hải",  "Hào",  "Hiếu",  "Hòa",   "Hoà",  "Hoàng", "Hùng",   "Huy",   "Khánh", "Khoa",
    "Kiên",  "Lâm",   "Long", "Lộc",  "Mạnh",  "Minh",  "Nam",  "Nghĩa", "Nguyên", "Nhân",  "Phong", "Phúc",
    "Quân",  "Quang", "Quý",  "Sơn",  "Tài",   "Tâm",   "Thái", "Thắng", "Thành",  "Thiện", "Thịnh", "Thuận",
    "Thuần", "Tiến",  "Toàn", "Trí",  "Trung", "Tú",    "Tuấn", "Tùng",  "Việt",   "Vinh",  "Vũ",    "Vương",
};
static const char *const given_f[] = {
    "An",   "Anh",  "Ánh",  "Bích", "Châu",  "Chi",   "Diệp",  "Dung",   "Duyên", "Giang", "Hà",   "Hạnh",
    "Hằng", "Hiền", "Hoa",  "Hòa",  "Hoà",   "Hồng",  "Huệ",   "Hương",  "Lan",   "Liên",  "Linh", "Loan",
    "Mai",  "My",   "Nga",  "Ngân", "Ngọc",  "Nhung", "Oanh",  "Phương", "Quyên", "Quỳnh", "Tâm",  "Thảo",
    "Thơ",  "Thu",  "Thủy", "Thuỷ", "Trang", "Trinh", "Tuyết", "Uyên",   "Vân",   "Yến",
};
static const char *const positions[] = {
    "Thanh tra viên",
    "Thanh tra viên chính",
    "Thanh tra viên cao cấp",
    "Chuyên viên",
    "Chuyên viên chính",
    "Trưởng phòng",
    "Phó Trưởng phòng",
    "Chánh Văn phòng",
    "Phó Chánh Văn phòng",
    "Kế toán",
    "Văn thư",
    "Phó Chánh Thanh tra",
};
typedef struct bench_dept {
	const char *id, *name;
} bench_dept;
/* The departments of config/dienhinh.yaml. */
static const bench_dept depts[] = {
    {"ld", "Ban lãnh đạo"},
    {"vp", "Văn phòng"},
    {"nv1", "Phòng Nghiệp vụ 1"},
    {"nv2", "Phòng Nghiệp vụ 2"},
    {"nv3", "Phòng Nghiệp vụ 3"},
    {"tcd", "Phòng Tiếp công dân - Xử lý đơn"},
    {"pctn", "Phòng Phòng, chống tham nhũng"},
    {"gs", "Phòng Giám sát, kiểm tra và xử lý sau thanh tra"},
};
static const char *const model_head[] = {
    "Mô hình", "Sáng kiến", "Giải pháp", "Cách làm hay", "Mô hình điểm", "Kinh nghiệm",
};
static const char *const model_topic[] = {
    "tiếp công dân thường xuyên",
    "tiếp công dân định kỳ của lãnh đạo",
    "giải quyết khiếu nại ngay từ cơ sở",
    "đối thoại trực tiếp với người khiếu nại",
    "xử lý đơn thư tồn đọng, kéo dài",
    "theo dõi, đôn đốc thực hiện kết luận thanh tra",
    "phòng, chống tham nhũng trong cơ quan",
    "kê khai, công khai tài sản, thu nhập",
    "số hóa hồ sơ thanh tra",
    "ứng dụng công nghệ thông tin trong quản lý đơn thư",
    "phối hợp liên ngành trong thanh tra đất đai",
    "thanh tra chuyên đề về xây dựng cơ bản",
    "hòa giải ở cơ sở",
    "cải cách hành chính, một cửa liên thông",
    "đường dây nóng tiếp nhận phản ánh",
    "giám sát việc thực hiện kiến nghị sau thanh tra",
    "bồi dưỡng nghiệp vụ cho thanh tra viên trẻ",
    "thu hồi tiền, tài sản sai phạm về ngân sách",
};
static const char *const model_where[] = {
    "",
    " tại Văn phòng",
    " tại Ban Tiếp công dân tỉnh",
    " ở cấp huyện",
    " ở cấp xã",
    " trong lĩnh vực đất đai",
    " trong lĩnh vực tài chính, ngân sách",
    " trong lĩnh vực giáo dục",
    " trong lĩnh vực y tế",
};
static const char *const collectives[] = {
    "Phòng Nghiệp vụ", "Đoàn thanh tra", "Tổ tiếp công dân",    "Tổ công tác",
    "Chi bộ",          "Công đoàn",      "Chi đoàn thanh niên", "Tổ xử lý đơn",
};
static const char *const achievements[] = {
    "Hoàn thành xuất sắc nhiệm vụ được giao",
    "Có nhiều đóng góp trong công tác tiếp công dân",
    "Điển hình tiên tiến trong phong trào thi đua yêu nước",
    "Tham gia nhiều đoàn thanh tra, kiến nghị thu hồi lớn",
    "Tích cực trong công tác phòng, chống tham nhũng",
};
static const char *const descriptions[] = {
    "Thực hiện nghiêm túc, có hiệu quả; được cơ quan, đơn vị ghi nhận và nhân rộng.",
    "Cách làm đã giảm số đơn thư vượt cấp, tạo sự đồng thuận trong nhân dân.",
    "Đã triển khai trong nhiều năm, được đánh giá cao qua các đợt sơ kết, tổng kết.",
    "Có khả năng nhân rộng ra các đơn vị khác trong tỉnh.",
};

/* One realistic candidate (strings malloc'd). */
static dh_candidate *bench_candidate(void)
{
	dh_candidate *c = record_new(DH_R_CANDIDATE);
	char buf[512];
	const bench_dept *d = &depts[bench_below(sizeof depts / sizeof depts[0])];
	unsigned r = bench_below(100);
	c->year = 2010 + (int)bench_below(12);
	c->department = strdup(d->id);
	if (r < 60) {
		c->kind = DH_KIND_INDIVIDUAL;
		bool female = bench_below(2);
		snprintf(buf, sizeof buf, "%s %s %s", PICKW(family),
		         female ? PICKW(middle_f) : PICKW(middle_m), female ? PICK(given_f) : PICK(given_m));
		c->name = strdup(buf);
		c->position = strdup(PICK(positions));
		c->title = strdup(PICK(achievements));
	} else if (r < 75) {
		c->kind = DH_KIND_COLLECTIVE;
		snprintf(buf, sizeof buf, "%s %s", PICK(collectives), d->name);
		c->name = strdup(buf);
		c->title = strdup(PICK(achievements));
	} else {
		c->kind = DH_KIND_MODEL;
		snprintf(buf, sizeof buf, "%s %s%s", PICK(model_head), PICK(model_topic), PICK(model_where));
		c->title = strdup(buf);
		/* a model is owned by a person or a collective */
		snprintf(buf, sizeof buf, "%s %s %s", PICKW(family), PICKW(middle_m), PICK(given_m));
		c->name = strdup(buf);
	}
	c->description = strdup(PICK(descriptions));
	unsigned s = bench_below(100);
	c->stage = s < 45   ? DH_STAGE_RECOGNISED
	           : s < 60 ? DH_STAGE_AWARDED
	           : s < 70 ? DH_STAGE_NOT_APPROVED
	                    : (int)bench_below(DH_STAGE_NOT_APPROVED);
	if (c->stage == DH_STAGE_RECOGNISED || c->stage == DH_STAGE_AWARDED) {
		snprintf(buf, sizeof buf, "%u/QĐ-TTr", 1 + bench_below(300));
		c->recognised_decision = strdup(buf);
		c->recognised_date = c->year * 10000 + 1200 + 1 + (int)bench_below(28);
	}
	if (c->stage == DH_STAGE_AWARDED) {
		snprintf(buf, sizeof buf, "%u/QĐ-TTr", 301 + bench_below(300));
		c->award_decision = strdup(buf);
		c->award_date = c->year * 10000 + 1200 + 1 + (int)bench_below(28);
	}
	return c;
}

#endif
