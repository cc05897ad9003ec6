/* new_year.c — the next plan year's config from this one's text, edited
 * in place (see new_year.h). */
#include "dienhinh/new_year.h"

#include "dienhinh/buf.h"
#include "dienhinh/date.h"
#include "dienhinh/error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define NY_MAX_BYTES (1024 * 1024) /* config_load's own limit */

static bool digit(char c)
{
	return c >= '0' && c <= '9';
}

static int num(const char *s, int n)
{
	int v = 0;
	for (int i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	return v;
}

/* Where the comment of LINE (N bytes) starts: a '#' outside quotes at the
 * start or after a space, as YAML has it; N when there is none. */
static size_t comment_at(const char *line, size_t n)
{
	char quote = 0;
	for (size_t i = 0; i < n; i++) {
		char c = line[i];
		if (quote) {
			if (c == '\\' && quote == '"' && i + 1 < n)
				i++;
			else if (c == quote)
				quote = 0;
		} else if (c == '"' || c == '\'') {
			quote = c;
		} else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
			return i;
		}
	}
	return n;
}

static bool has(const char *s, size_t n, const char *what)
{
	size_t w = strlen(what);
	for (size_t i = 0; i + w <= n; i++)
		if (memcmp(s + i, what, w) == 0)
			return true;
	return false;
}

/* A "YYYY-MM-DD" at S (N bytes left), not inside a longer number. */
static bool iso_date_at(const char *s, size_t n, size_t i)
{
	if (i + 10 > n || (i > 0 && digit(s[i - 1])) || (i + 10 < n && digit(s[i + 10])))
		return false;
	for (size_t k = 0; k < 10; k++)
		if (k == 4 || k == 7 ? s[i + k] != '-' : !digit(s[i + k]))
			return false;
	return true;
}

/* "year: FROM" as a key of its own (not "…_year:"). */
static bool year_key_at(const char *s, size_t i)
{
	if (strncmp(s + i, "year:", 5) != 0)
		return false;
	return i == 0 || s[i - 1] == ' ' || s[i - 1] == '\t' || s[i - 1] == '{' || s[i - 1] == ',';
}

/* The code part of one line (no comment), edited. */
static void edit_code(dh_buf *b, const char *s, size_t n, int from, int to)
{
	char fy[16], ty[16], nf[24];
	snprintf(fy, sizeof(fy), "%d", from);
	snprintf(ty, sizeof(ty), "%d", to);
	snprintf(nf, sizeof(nf), "năm %d", from);
	size_t nfl = strlen(nf), fyl = strlen(fy);
	bool dated = false;
	for (size_t i = 0; i < n; i++)
		dated |= iso_date_at(s, n, i);
	/* The plan's own year in words: its title, its deadlines, a line
	 * naming the plan (the last căn cứ of a decision). */
	bool words = dated || has(s, n, "Kế hoạch") || has(s, n, "kế hoạch") || has(s, n, "title:");
	size_t i = 0;
	while (i < n) {
		if (iso_date_at(s, n, i)) {
			int y = num(s + i, 4) + (to - from), m = num(s + i + 5, 2), d = num(s + i + 8, 2);
			int ymd = y * 10000 + m * 100 + d;
			if (m == 2 && d == 29 && !date_valid(ymd))
				ymd -= 1; /* 29 February of a common year: the 28th */
			char iso[11];
			if (y > 0 && y < 10000 && date_valid(ymd)) {
				buf_add(b, date_iso(ymd, iso), 10);
				i += 10;
				continue;
			}
		}
		if (year_key_at(s, i)) {
			size_t k = i + 5;
			while (k < n && (s[k] == ' ' || s[k] == '\t'))
				k++;
			if (k + fyl <= n && memcmp(s + k, fy, fyl) == 0 &&
			    (k + fyl == n || !digit(s[k + fyl]))) {
				buf_add(b, s + i, k - i);
				buf_puts(b, ty);
				i = k + fyl;
				continue;
			}
		}
		if (words && i + nfl <= n && memcmp(s + i, nf, nfl) == 0 &&
		    (i + nfl == n || !digit(s[i + nfl]))) {
			buf_puts(b, "năm ");
			buf_puts(b, ty);
			i += nfl;
			continue;
		}
		buf_add(b, s + i, 1);
		i++;
	}
}

int new_year_text(const char *src, size_t len, int from, int to, char **out)
{
	dh_buf b = {0};
	*out = NULL;
	buf_add(&b, "", 0);
	size_t at = 0;
	while (at < len) {
		const char *line = src + at;
		const char *nl = memchr(line, '\n', len - at);
		size_t n = nl ? (size_t)(nl - line) : len - at;
		size_t c = comment_at(line, n);
		edit_code(&b, line, c, from, to);
		buf_add(&b, line + c, n - c + (nl ? 1 : 0));
		at += n + (nl ? 1 : 0);
	}
	if (b.oom) {
		free(b.p);
		return DH_ENOMEM;
	}
	*out = b.p;
	return 0;
}

/* --- the file --------------------------------------------------------- */

static int write_new(const char *path, const char *text, size_t n, char *msg, size_t msg_size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0) {
		snprintf(msg, msg_size,
		         errno == EEXIST
		             ? "%s đã có: không ghi đè (muốn làm lại thì đổi tên hoặc xóa tệp ấy)."
		             : "không tạo được %s: %s.",
		         path, strerror(errno));
		return errno == EEXIST ? DH_ECONFLICT : DH_EIO;
	}
	size_t done = 0;
	while (done < n) {
		ssize_t w = write(fd, text + done, n - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	int err = done < n ? errno : 0;
	if (fsync(fd) != 0 && !err)
		err = errno;
	if (close(fd) != 0 && !err)
		err = errno;
	if (done < n || err) {
		snprintf(msg, msg_size, "không ghi được %s: %s.", path, strerror(err ? err : EIO));
		unlink(path);
		return DH_EIO;
	}
	return 0;
}

int new_year_write(const dh_config *cfg, int year, char *path, size_t path_size, dh_config **next,
                   dh_diag *diag, char *msg, size_t msg_size)
{
	*next = NULL;
	msg[0] = '\0';
	path[0] = '\0';
	if (year <= cfg->plan.year) {
		snprintf(msg, msg_size, "năm %d không sau năm %d của cấu hình đang dùng (%s).", year,
		         cfg->plan.year, cfg->path ? cfg->path : "");
		return DH_EINVAL;
	}
	const char *slash = cfg->path ? strrchr(cfg->path, '/') : NULL;
	int dir = slash ? (int)(slash - cfg->path) : 0;
	int w = slash ? snprintf(path, path_size, "%.*s/dienhinh-%d.yaml", dir, cfg->path, year)
	              : snprintf(path, path_size, "dienhinh-%d.yaml", year);
	if (w < 0 || (size_t)w >= path_size) {
		snprintf(msg, msg_size, "đường dẫn của tệp cấu hình quá dài.");
		return DH_EINVAL;
	}
	size_t len = 0;
	char *src = cfg->path ? buf_read_file(cfg->path, NY_MAX_BYTES, &len) : NULL;
	if (!src) {
		snprintf(msg, msg_size, "không đọc được %s.", cfg->path ? cfg->path : "tệp cấu hình");
		return DH_EIO;
	}
	char *text = NULL;
	int rc = new_year_text(src, len, cfg->plan.year, year, &text);
	free(src);
	if (rc)
		return rc;
	rc = write_new(path, text, strlen(text), msg, msg_size);
	free(text);
	if (rc)
		return rc;
	rc = config_load(path, next, diag);
	if (rc) {
		*next = NULL;
		return rc == DH_EIO ? DH_EIO : DH_ECONFIG;
	}
	return 0;
}

/* --- what to edit ---------------------------------------------------- */

void new_year_print_todo(const dh_config *next, const char *path, FILE *out)
{
	char d[11];
	fprintf(out, "Đã ghi cấu hình năm %d: %s (đã kiểm tra: không có lỗi).\n", next->plan.year, path);
	fprintf(out, "Kế hoạch: %s\n\n", next->plan.title ? next->plan.title : "");
	fprintf(out, "Văn phòng cần xem và sửa trong tệp này trước khi dùng:\n");
	fprintf(out,
	        "1. Thành viên Hội đồng (council.members): %zu người như năm trước; sửa khi có người "
	        "chuyển đi, nghỉ hưu hoặc vai trò thay đổi; cả tỷ lệ có mặt và cách biểu quyết.\n",
	        next->council.n_members);
	fprintf(out,
	        "2. Thời hạn (deadlines): đã chuyển sang năm %d, cùng ngày và tháng; đổi ngày nào rơi "
	        "vào thứ Bảy, Chủ nhật hoặc ngày lễ:\n",
	        next->plan.year);
	for (size_t i = 0; i < next->n_deadlines; i++) {
		const dh_deadline *dl = &next->deadlines[i];
		fprintf(out, "   %s  %s\n", date_vn(dl->date, d), dl->label ? dl->label : dl->id);
	}
	fprintf(out, "3. Căn cứ pháp lý (documents.basis) của quyết định và tờ trình, giữ như năm trước:\n");
	for (size_t i = 0; i < next->documents.n_basis; i++)
		fprintf(out, "   - %s\n", next->documents.basis[i]);
	if (next->plan.year >= 2024)
		fprintf(out, "   Từ năm 2024 áp dụng Luật Thi đua, khen thưởng số 06/2022/QH15 và Nghị định "
		             "98/2023/NĐ-CP: thay các căn cứ cũ nếu còn.\n");
	fprintf(out, "4. Tiêu chí (criteria), người dùng (people) và các loại tạm dừng xét (holds): giữ như "
	             "năm trước, sửa nếu có thay đổi.\n");
	fprintf(out,
	        "Sửa xong, kiểm tra bằng: dienhinh check-config %s; rồi dùng tệp này (-c %s hoặc đổi "
	        "tên thành tệp cấu hình đang dùng).\n",
	        path, path);
}
