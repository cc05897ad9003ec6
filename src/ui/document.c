/* document.c — the screens' document keys (o .docx, O PDF): one call that
 * writes what report.h builds into the documents folder and says on the
 * message line which file it wrote, or why not. The documents of a normal
 * database take milliseconds, so this is done at once, between keys. */
#include "dienhinh/certificate.h"
#include "dienhinh/error.h"
#include "dienhinh/report.h"
#include "dienhinh/ui_app.h"
#include "dienhinh/utf8.h"

#include <limits.h>
#include <stdio.h>
#include <string.h>

#define DOC_FOLDER_DEFAULT "~/dienhinh-van-ban"

bool ui_document_may(ui_app *app)
{
	return ui_ctx(app)->person != NULL;
}

/* MSG made to fit COLS columns by cutting the folders off the paths in it
 * ("Không ghi được tệp /home/a/b/c.pdf: lý do" -> "… tệp …/c.pdf: lý do"),
 * so that the reason after the path still shows. Into OUT. */
static const char *fit_paths(const char *msg, int cols, char *out, size_t size)
{
	if (utf8_width(msg) <= cols) {
		snprintf(out, size, "%s", msg);
		return out;
	}
	size_t n = 0;
	for (const char *p = msg; *p && n + 1 < size;) {
		bool starts = *p == '/' && (p == msg || p[-1] == ' ');
		if (!starts) {
			out[n++] = *p++;
			continue;
		}
		/* The path runs to a space, to ": " or to the end. */
		const char *end = p, *last = p;
		while (*end && *end != ' ' && !(end[0] == ':' && end[1] == ' ')) {
			if (*end == '/')
				last = end;
			end++;
		}
		int w = snprintf(out + n, size - n, "%s%.*s", last > p ? "…" : "", (int)(end - last), last);
		if (w < 0 || (size_t)w >= size - n)
			break;
		n += (size_t)w;
		p = end;
	}
	out[n < size ? n : size - 1] = '\0';
	return out;
}

static const char *doc_folder(const dh_ctx *ctx)
{
	const char *folder = ctx->cfg ? ctx->cfg->documents.folder : NULL;
	return folder && *folder ? folder : DOC_FOLDER_DEFAULT;
}

/* The file written, or why not, on the message line. */
static unsigned doc_said(ui_app *app, int rc, const char *what, const char *path)
{
	dh_ctx *ctx = ui_ctx(app);
	if (rc) {
		char msg[sizeof(ctx->message) + 8];
		if (ctx->message[0])
			ui_error(app, "%s", fit_paths(ctx->message, COLS - 2, msg, sizeof(msg)));
		else
			ui_error(app, "Chưa ghi được văn bản (%s): %s.", what, dh_strerror(rc));
		return UI_R_DRAW;
	}
	/* The file name must show: a long folder loses its start instead. */
	static const char said[] = "Đã ghi văn bản: ";
	const char *shown = path;
	int room = COLS - 2 - utf8_width(said) - utf8_width("…");
	while (utf8_width(shown) > room && *shown)
		shown += utf8_grapheme_len(shown, strlen(shown));
	ui_message(app, "%s%s%s", said, shown == path ? "" : "…", shown);
	return UI_R_DRAW;
}

unsigned ui_document(ui_app *app, int kind, const struct dh_report_opts *o, int key)
{
	dh_ctx *ctx = ui_ctx(app);
	int format = key == 'O' ? DH_FORMAT_PDF : DH_FORMAT_DOCX;
	char path[PATH_MAX + 64];
	ctx->message[0] = '\0';
	int rc = report_save(ctx, kind, o, format, NULL, doc_folder(ctx), path, sizeof(path));
	return doc_said(app, rc, report_label(kind), path);
}

unsigned ui_certificate(ui_app *app, uint64_t decision_id, uint64_t only)
{
	dh_ctx *ctx = ui_ctx(app);
	dh_cert_opts o;
	certificate_opts_init(&o);
	o.decision_id = decision_id;
	if (only) {
		o.only = &only;
		o.n_only = 1;
	}
	char path[PATH_MAX + 64];
	ctx->message[0] = '\0';
	int rc = certificate_save(ctx, &o, doc_folder(ctx), path, sizeof(path), NULL);
	return doc_said(app, rc, "Giấy khen", path);
}
