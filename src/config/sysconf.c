/* sysconf.c — where the installed config lives (config_system_path). The
 * only file built with SYSCONFDIR, so that tests/cli/setgid.sh can link a
 * copy of the program that looks for it in a folder of its own
 * (build/setgid/dienhinh, see the Makefile). */
#include "dienhinh/config.h"

#ifndef DH_SYSCONFDIR
#define DH_SYSCONFDIR "/etc"
#endif

const char *config_system_path(void)
{
	return DH_SYSCONFDIR "/dienhinh/dienhinh.yaml";
}
