/* lookup_bench.c — realistic Vietnamese candidates for the lookup
 * benchmark, and the timings taken inside the process.
 *
 *   lookup_bench gen DIR N CSV       N candidates into a new database DIR
 *                                    (through repo, index and audit, as an
 *                                    import), the same rows into CSV
 *   lookup_bench query DIR QUERY...  each query: first and warm time, and
 *                                    every keystroke of it as screen 7 runs
 *                                    it (limit 200, recognised only)
 *   lookup_bench search DIR QUERY    one query, hits as TSV, like
 *                                    `dienhinh search --format tsv`
 *
 * The records are made from a fixed seed, so two runs give the same data. */
#include "dienhinh/config.h"
#include "dienhinh/error.h"
#include "dienhinh/lookup.h"
#include "dienhinh/record.h"
#include "dienhinh/repo.h"
#include "dienhinh/store.h"
#include "dienhinh/utf8.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

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

static double bench_ms(const struct timespec *a, const struct timespec *b)
{
	return (double)(b->tv_sec - a->tv_sec) * 1e3 + (double)(b->tv_nsec - a->tv_nsec) / 1e6;
}

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

static void bench_csv_field(FILE *f, const char *s)
{
	if (!s)
		return;
	if (!strpbrk(s, ",\"\n")) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

static void bench_csv_date(FILE *f, int ymd)
{
	if (ymd)
		fprintf(f, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

typedef struct gen_ctx {
	dh_candidate **v;
	size_t count;
} gen_ctx;

/* repo keeps pointers to the records until the write ends (it puts their
 * meta back if the transaction is re-run), so they live until then. */
static int bench_gen_batch(dh_repo_tx *tx, void *ctx)
{
	gen_ctx *g = ctx;
	for (size_t i = 0; i < g->count; i++) {
		int rc = repo_tx_put(tx, "import", NULL, DH_R_CANDIDATE, g->v[i]);
		if (rc)
			return rc;
	}
	return 0;
}

static void bench_csv_row(FILE *f, const dh_candidate *c)
{
	fprintf(f, "%d,%s,", c->year, kind_name(c->kind));
	bench_csv_field(f, c->name);
	fputc(',', f);
	bench_csv_field(f, c->department);
	fputc(',', f);
	bench_csv_field(f, c->position);
	fputc(',', f);
	bench_csv_field(f, c->title);
	fputc(',', f);
	bench_csv_field(f, c->description);
	fprintf(f, ",%s,", stage_name(c->stage));
	bench_csv_field(f, c->recognised_decision);
	fputc(',', f);
	bench_csv_date(f, c->recognised_date);
	fputc(',', f);
	bench_csv_field(f, c->award_decision);
	fputc(',', f);
	bench_csv_date(f, c->award_date);
	fputs("\r\n", f);
}

static int bench_gen(const char *dir, size_t n, const char *csv_path)
{
	enum { BATCH = 20000 };
	dh_store *st;
	int rc = store_open(&st, dir, NULL);
	if (rc) {
		fprintf(stderr, "%s: %s\n", dir, dh_strerror(rc));
		return 1;
	}
	FILE *csv = fopen(csv_path, "w");
	if (!csv) {
		perror(csv_path);
		return 1;
	}
	fputs("year,kind,name,department,position,title,description,stage,recognised_decision,"
	      "recognised_date,award_decision,award_date\r\n",
	      csv);
	gen_ctx g = {.v = calloc(BATCH, sizeof(dh_candidate *))};
	double write_ms = 0;
	for (size_t done = 0; done < n; done += g.count) {
		g.count = n - done < BATCH ? n - done : BATCH;
		for (size_t i = 0; i < g.count; i++)
			g.v[i] = bench_candidate();
		struct timespec t0, t1;
		clock_gettime(CLOCK_MONOTONIC, &t0);
		rc = repo_write(st, "bench", bench_gen_batch, &g);
		clock_gettime(CLOCK_MONOTONIC, &t1);
		write_ms += bench_ms(&t0, &t1);
		if (rc) {
			fprintf(stderr, "ghi: %s\n", dh_strerror(rc));
			return 1;
		}
		for (size_t i = 0; i < g.count; i++) {
			bench_csv_row(csv, g.v[i]);
			record_free(DH_R_CANDIDATE, g.v[i]);
		}
	}
	free(g.v);
	fclose(csv);
	dh_store_info info;
	store_info(st, &info);
	printf("gen\t%zu records\t%.0f ms in repo_write\t%zu bytes used\n", n, write_ms, info.used_bytes);
	store_close(st);
	return 0;
}

/* The configuration's department names, as `dienhinh search` gets them. */
static dh_config *bench_config(void)
{
	static dh_department d[sizeof depts / sizeof depts[0]];
	static dh_config cfg;
	for (size_t i = 0; i < sizeof depts / sizeof depts[0]; i++)
		d[i] = (dh_department){.id = (char *)depts[i].id, .name = (char *)depts[i].name};
	cfg.departments = d;
	cfg.n_departments = sizeof depts / sizeof depts[0];
	return &cfg;
}

static double bench_one(dh_store *st, const char *q, const dh_lookup_opts *o, size_t *nhits)
{
	struct timespec t0, t1;
	dh_hit *hits;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	int rc = lookup_search(st, q, o, &hits, nhits);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	if (rc) {
		fprintf(stderr, "%s: %s\n", q, dh_strerror(rc));
		exit(1);
	}
	free(hits);
	return bench_ms(&t0, &t1);
}

static int bench_query(const char *dir, char **queries, int nq)
{
	dh_store *st;
	dh_store_opts so = {.read_only = true};
	if (store_open(&st, dir, &so))
		return 1;
	dh_lookup_opts all = {.cfg = bench_config()};
	dh_lookup_opts screen = {.cfg = bench_config(), .recognised_only = true, .limit = 200};
	printf("query\thits\tfirst ms\twarm ms\tkeystrokes\tworst key ms\tmean key ms\n");
	for (int i = 0; i < nq; i++) {
		const char *q = queries[i];
		size_t n;
		double first = bench_one(st, q, &all, &n);
		double warm = 1e9;
		for (int k = 0; k < 5; k++) {
			double t = bench_one(st, q, &all, &n);
			if (t < warm)
				warm = t;
		}
		/* Each keystroke: the query typed so far, one grapheme more. */
		double worst = 0, sum = 0;
		int keys = 0;
		size_t len = strlen(q);
		char *prefix = malloc(len + 1);
		for (size_t off = 0; off < len;) {
			off += utf8_grapheme_len(q + off, len - off);
			memcpy(prefix, q, off);
			prefix[off] = '\0';
			size_t m;
			double t = bench_one(st, prefix, &screen, &m);
			if (getenv("DH_BENCH_KEYS"))
				fprintf(stderr, "  key\t%s\t%zu\t%.2f ms\n", prefix, m, t);
			worst = t > worst ? t : worst;
			sum += t;
			keys++;
		}
		free(prefix);
		printf("%s\t%zu\t%.2f\t%.2f\t%d\t%.2f\t%.2f\n", q, n, first, warm, keys, worst, sum / keys);
	}
	store_close(st);
	return 0;
}

typedef struct print_ctx {
	const dh_hit *hits;
	size_t n;
} print_ctx;

typedef struct bench_row {
	uint64_t id;
	size_t rank;
	char *line;
} bench_row;

static int bench_row_by_id(const void *a, const void *b)
{
	const bench_row *x = a, *y = b;
	return x->id < y->id ? -1 : x->id > y->id;
}

static int bench_row_by_rank(const void *a, const void *b)
{
	const bench_row *x = a, *y = b;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* Every hit's record in one read transaction, as a command would: read in
 * id order (neighbouring records share pages), printed in rank order. */
static int bench_print(dh_stxn *txn, void *ctx)
{
	print_ctx *p = ctx;
	bench_row *rows = calloc(p->n + 1, sizeof *rows);
	if (!rows)
		return DH_ENOMEM;
	for (size_t i = 0; i < p->n; i++)
		rows[i] = (bench_row){.id = p->hits[i].id, .rank = i};
	qsort(rows, p->n, sizeof *rows, bench_row_by_id);
	for (size_t i = 0; i < p->n; i++) {
		unsigned char key[9];
		key[0] = DH_R_CANDIDATE;
		store_put_u64(key + 1, rows[i].id);
		const void *val;
		size_t vlen;
		void *rec;
		if (store_get(txn, DH_T_RECORDS, key, sizeof key, &val, &vlen) ||
		    record_decode(DH_R_CANDIDATE, val, vlen, &rec))
			continue;
		const dh_candidate *c = rec;
		if (asprintf(&rows[i].line, "%llu\t%d\t%s\t%s\t%s\t%s\n", (unsigned long long)c->meta.id,
		             c->year, kind_name(c->kind), c->name ? c->name : "",
		             c->department ? c->department : "", stage_name(c->stage)) < 0)
			rows[i].line = NULL;
		record_free(DH_R_CANDIDATE, rec);
	}
	qsort(rows, p->n, sizeof *rows, bench_row_by_rank);
	for (size_t i = 0; i < p->n; i++) {
		if (rows[i].line)
			fputs(rows[i].line, stdout);
		free(rows[i].line);
	}
	free(rows);
	return 0;
}

static int bench_search(const char *dir, const char *query)
{
	dh_store *st;
	dh_store_opts so = {.read_only = true};
	if (store_open(&st, dir, &so))
		return 1;
	dh_lookup_opts o = {.cfg = bench_config()};
	dh_hit *hits;
	size_t n;
	if (lookup_search(st, query, &o, &hits, &n))
		return 1;
	print_ctx p = {.hits = hits, .n = n};
	store_read(st, bench_print, &p);
	free(hits);
	store_close(st);
	return n ? 0 : 1;
}

int main(int argc, char **argv)
{
	if (argc == 5 && strcmp(argv[1], "gen") == 0)
		return bench_gen(argv[2], (size_t)strtoull(argv[3], NULL, 10), argv[4]);
	if (argc >= 4 && strcmp(argv[1], "query") == 0)
		return bench_query(argv[2], argv + 3, argc - 3);
	if (argc == 5 && strcmp(argv[1], "repeat") == 0) {
		/* profiling aid: one screen query, many times */
		dh_store *st;
		dh_store_opts so = {.read_only = true};
		if (store_open(&st, argv[2], &so))
			return 1;
		dh_lookup_opts screen = {.cfg = bench_config(), .recognised_only = true, .limit = 200};
		double sum = 0;
		int times = atoi(argv[4]);
		size_t n = 0;
		for (int i = 0; i < times; i++)
			sum += bench_one(st, argv[3], &screen, &n);
		printf("%s\t%zu\t%.2f ms mean\n", argv[3], n, sum / (times ? times : 1));
		store_close(st);
		return 0;
	}
	if (argc == 4 && strcmp(argv[1], "search") == 0)
		return bench_search(argv[2], argv[3]);
	fprintf(stderr, "usage: lookup_bench gen DIR N CSV | query DIR QUERY... | search DIR QUERY\n");
	return 64;
}
