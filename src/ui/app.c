/* app.c — placeholder until the full-screen app lands (issue 3). */
#include "dienhinh/ui.h"

#include <stdio.h>
#include <sysexits.h>

int ui_run(dh_ctx *ctx)
{
	(void)ctx;
	fputs("Giao diện toàn màn hình chưa được xây dựng.\n", stderr);
	return EX_UNAVAILABLE;
}
