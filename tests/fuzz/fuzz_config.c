/* fuzz_config.c — the YAML loader from a buffer (config_load_buffer):
 * libyaml's events, the node tree with its bounds, every key's parser, the
 * references between sections and the diagnostics with their carets. Any
 * bytes give a config or DH_ECONFIG with at least one diagnostic, and
 * nothing leaks either way. */
#include "fuzz.h"

#include "dienhinh/error.h"

static FILE *sink;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	sink = fopen("/dev/null", "w");
	return sink ? 0 : 1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	dh_config *cfg = NULL;
	dh_diag diag = {0};
	int rc = config_load_buffer("fuzz.yaml", (const char *)data, size, &cfg, &diag);
	fuzz_assert(rc == 0 || rc == DH_ECONFIG || rc == DH_EIO);
	if (rc == 0) {
		fuzz_assert(cfg && diag.n == 0);
		/* What check-config prints walks every section. */
		config_print_summary(cfg, sink, 20210915);
	} else {
		fuzz_assert(!cfg && diag.n > 0);
		for (size_t i = 0; i < diag.n; i++) {
			size_t n = strlen(diag.lines[i]);
			fuzz_assert(n > 0 && diag.lines[i][n - 1] == '\n');
		}
		diag_print(&diag, sink);
	}
	config_free(cfg);
	diag_free(&diag);
	return 0;
}
