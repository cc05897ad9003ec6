/* summary.c — `check-config`'s human summary, in Vietnamese.
 *
 * What a clerk checks after editing the file: who is who, who sits on the
 * council, and what the quorum and the pass mark mean in numbers of people
 * for this council (exact integer arithmetic, as the session itself does). */
#include "dienhinh/config.h"

#include "dienhinh/date.h"
#include "dienhinh/plan_terms.h" /* DH_ACTIONS labels, candidate kinds */
#include "dienhinh/utf8.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name, *label;
} action_labels[] = {
#define DH_ACTION_LABEL(id, name, label) {name, label},
    DH_ACTIONS(DH_ACTION_LABEL)
#undef DH_ACTION_LABEL
};

static const char *const kind_labels[DH_CANDIDATE_KINDS] = {
    [DH_KIND_INDIVIDUAL] = "Cá nhân",
    [DH_KIND_COLLECTIVE] = "Tập thể",
    [DH_KIND_MODEL] = "Mô hình",
};

static const char *action_label(const char *name)
{
	for (size_t i = 0; i < sizeof action_labels / sizeof action_labels[0]; i++)
		if (strcmp(action_labels[i].name, name) == 0)
			return action_labels[i].label;
	return name;
}

/* S followed by spaces up to COLS terminal columns (at least one space). */
static void print_padded(FILE *out, const char *s, int cols)
{
	int w = utf8_width(s);
	fputs(s, out);
	do
		fputc(' ', out);
	while (++w < cols);
}

/* "Chánh Thanh tra, Chủ tịch Hội đồng" for the bits of MASK. */
static void print_roles(FILE *out, unsigned mask)
{
	const char *sep = "";
	for (unsigned bit = 1; bit < (1u << DH_ROLE_COUNT); bit <<= 1) {
		if (mask & bit) {
			fprintf(out, "%s%s", sep, config_role_label(bit));
			sep = ", ";
		}
	}
	if (!*sep)
		fputs("(không có)", out);
}

/* Smallest count k of N with k/N > F (more-than) or k/N >= F (at-least). */
static int count_needed(dh_frac f, int n, bool strictly_more)
{
	long prod = (long)f.num * n;
	if (strictly_more)
		return (int)(prod / f.den + 1);
	return (int)((prod + f.den - 1) / f.den);
}

static void print_council(const dh_config *cfg, FILE *out)
{
	const dh_council *c = &cfg->council;
	int n = (int)c->n_members;
	fprintf(out, "%s (%d thành viên):\n", c->name, n);
	for (unsigned role = DH_ROLE_CHAIR; role <= DH_ROLE_MEMBER; role <<= 1) {
		for (size_t i = 0; i < c->n_members; i++) {
			if (c->members[i].role != role)
				continue;
			const dh_person *p = config_person(cfg, c->members[i].login);
			fputs("  ", out);
			print_padded(out, config_role_label(role), 24);
			fprintf(out, "%s (%s)\n", p ? p->name : "?", c->members[i].login);
		}
	}
	int quorum = count_needed(c->quorum, n, false);
	fprintf(out, "  Số thành viên dự họp tối thiểu: %d/%d tổng số thành viên (%d/%d)\n", c->quorum.num,
	        c->quorum.den, quorum, n);
	fprintf(out, "  Hình thức biểu quyết: %s\n",
	        c->method == DH_VOTE_SECRET ? "bỏ phiếu kín" : "biểu quyết công khai");
	bool more = c->rule == DH_RULE_MORE_THAN;
	const char *base =
	    c->base == DH_BASE_MEMBERS ? "tổng số thành viên Hội đồng" : "số thành viên dự họp";
	if (more)
		fprintf(out, "  Đạt khi: trên %d/%d %s", c->threshold.num, c->threshold.den, base);
	else
		fprintf(out, "  Đạt khi: từ %d/%d %s trở lên", c->threshold.num, c->threshold.den, base);
	if (c->base == DH_BASE_MEMBERS)
		fprintf(out, " (ít nhất %d/%d phiếu đồng ý)\n", count_needed(c->threshold, n, more), n);
	else
		fprintf(out, " (khi %d người dự họp: ít nhất %d phiếu đồng ý)\n", quorum,
		        count_needed(c->threshold, quorum, more));
	fprintf(out, "  Ý kiến bằng văn bản của thành viên vắng mặt: %s\n",
	        c->written_votes_count ? "được tính" : "không tính");
	if (c->recuse_self || c->recuse_department)
		fprintf(out, "  Không biểu quyết:%s%s%s\n", c->recuse_self ? " người được xét" : "",
		        c->recuse_self && c->recuse_department ? ";" : "",
		        c->recuse_department ? " thành viên cùng phòng với người được xét" : "");
	else
		fputs("  Không biểu quyết: không quy định (người được xét vẫn biểu quyết)\n", out);
}

static void print_deadlines(const dh_config *cfg, FILE *out, int today)
{
	char buf[11];
	fprintf(out, "Mốc thời gian (tính đến ngày %s):\n", date_vn(today, buf));
	/* In date order, whatever the file's order. */
	size_t n = cfg->n_deadlines;
	const dh_deadline **v = malloc((n ? n : 1) * sizeof(const dh_deadline *));
	if (!v)
		return;
	for (size_t i = 0; i < n; i++) {
		size_t j = i;
		while (j > 0 && v[j - 1]->date > cfg->deadlines[i].date) {
			v[j] = v[j - 1];
			j--;
		}
		v[j] = &cfg->deadlines[i];
	}
	int label_cols = 0;
	for (size_t i = 0; i < n; i++) {
		int w = utf8_width(v[i]->label);
		label_cols = w > label_cols ? w : label_cols;
	}
	for (size_t i = 0; i < n; i++) {
		const dh_deadline *d = v[i];
		int left = date_diff(today, d->date);
		fprintf(out, "  %s  ", date_vn(d->date, buf));
		print_padded(out, d->label, label_cols + 2);
		if (left > 0)
			fprintf(out, "còn %d ngày", left);
		else if (left == 0)
			fputs("hôm nay", out);
		else
			fprintf(out, "quá hạn %d ngày", -left);
		if (d->closes)
			fprintf(out, " — sau hạn khóa: %s", action_label(d->closes));
		fputc('\n', out);
	}
	free(v);
}

/* A length as a Vietnamese reads it: "20", "20,5" (at most two decimals),
 * whatever the C locale. */
static void print_mm(FILE *out, double v)
{
	long c = (long)(v * 100 + (v < 0 ? -0.5 : 0.5));
	if (c < 0) {
		fputc('-', out);
		c = -c;
	}
	fprintf(out, "%ld", c / 100);
	if (c % 100)
		fprintf(out, c % 10 ? ",%02ld" : ",%ld", c % 10 ? c % 100 : c % 100 / 10);
}

void config_print_summary(const dh_config *cfg, FILE *out, int today)
{
	fprintf(out, "Tệp cấu hình: %s — hợp lệ\n\n", cfg->path);
	fprintf(out, "Cơ quan: %s (%s)\n", cfg->organization.name, cfg->organization.short_name);
	if (cfg->organization.website)
		fprintf(out, "Trang thông tin điện tử: %s\n", cfg->organization.website);
	fprintf(out, "Kế hoạch năm %d: %s\n", cfg->plan.year, cfg->plan.title);
	fprintf(out, "Thư mục dữ liệu: %s\n\n", cfg->storage_path);

	fprintf(out, "Phòng, ban (%zu):\n", cfg->n_departments);
	int name_cols = 0;
	for (size_t i = 0; i < cfg->n_departments; i++) {
		int w = utf8_width(cfg->departments[i].name);
		name_cols = w > name_cols ? w : name_cols;
	}
	for (size_t i = 0; i < cfg->n_departments; i++) {
		size_t people = 0;
		for (size_t j = 0; j < cfg->n_people; j++)
			people += strcmp(cfg->people[j].department, cfg->departments[i].id) == 0;
		fputs("  ", out);
		print_padded(out, cfg->departments[i].id, 8);
		print_padded(out, cfg->departments[i].name, name_cols + 2);
		fprintf(out, "%zu người\n", people);
	}

	fprintf(out, "\nNgười dùng (%zu):\n", cfg->n_people);
	for (size_t i = 0; i < cfg->n_people; i++) {
		const dh_person *p = &cfg->people[i];
		const dh_department *d = config_department(cfg, p->department);
		fputs("  ", out);
		print_padded(out, p->login, 12);
		fputs(p->name, out);
		if (p->position)
			fprintf(out, " — %s", p->position);
		fprintf(out, " (%s)\n", d ? d->name : p->department);
		fprintf(out, "  %12svai trò: ", "");
		print_roles(out, p->roles);
		fputc('\n', out);
	}
	fputc('\n', out);
	print_council(cfg, out);

	fputs("\nTiêu chí:\n", out);
	for (int k = 0; k < DH_CANDIDATE_KINDS; k++) {
		fprintf(out, "  %s (%zu):\n", kind_labels[k], cfg->criteria.n[k]);
		for (size_t i = 0; i < cfg->criteria.n[k]; i++) {
			fputs("    ", out);
			print_padded(out, cfg->criteria.list[k][i].id, 12);
			fprintf(out, "%s\n", cfg->criteria.list[k][i].text);
		}
	}
	fprintf(out, "  Nhân tố mới: đạt từ %d tiêu chí trở lên\n\n", cfg->criteria.new_factor_min);

	print_deadlines(cfg, out, today);

	const dh_documents *doc = &cfg->documents;
	fprintf(out, "\nVăn bản (Nghị định 30/2020/NĐ-CP): lưu tại %s; lề trên ", doc->folder);
	print_mm(out, doc->top_mm);
	fputs(", dưới ", out);
	print_mm(out, doc->bottom_mm);
	fputs(", trái ", out);
	print_mm(out, doc->left_mm);
	fputs(", phải ", out);
	print_mm(out, doc->right_mm);
	fputs(" mm; cỡ chữ ", out);
	print_mm(out, doc->font_pt);
	fputs("\nGiấy khen: trang ", out);
	print_mm(out, cfg->certificate.width_mm);
	fputs(" × ", out);
	print_mm(out, cfg->certificate.height_mm);
	fputs(" mm, xê dịch khi in ", out);
	print_mm(out, cfg->certificate.shift_x_mm);
	fputs("; ", out);
	print_mm(out, cfg->certificate.shift_y_mm);
	fputs(" mm\n", out);

	fputs("\nHình thức khen thưởng:\n", out);
	for (size_t i = 0; i < cfg->n_awards; i++)
		fprintf(out, "  %s (%s)\n", cfg->awards[i].name, cfg->awards[i].id);

	if (cfg->n_permissions) {
		fputs("\nPhân quyền riêng (thay cho mặc định):\n", out);
		for (size_t i = 0; i < cfg->n_permissions; i++) {
			fprintf(out, "  %s (%s): ", action_label(cfg->permissions[i].action),
			        cfg->permissions[i].action);
			print_roles(out, cfg->permissions[i].roles);
			fputc('\n', out);
		}
	}
}
