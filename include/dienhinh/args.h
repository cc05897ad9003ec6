/* args.h — reading a command line's words. */
#ifndef DIENHINH_ARGS_H
#define DIENHINH_ARGS_H

/* "--name VALUE" or "--name=VALUE" at ARGV[*I]: 1 and *VALUE (advancing *I
 * past a separate value), 0 when ARGV[*I] is not that option, -1 when the
 * value is missing. */
int args_option(int argc, char **argv, int *i, const char *name, const char **value);

#endif
