/* demo: placeholder until the clone() demo lands. */
#include "src/demo.h"

#include <errno.h>

int demo_parse_flags(const char *list, unsigned long *ret_flags, const char **culprit)
{
	*culprit = "not available yet";
	return -EINVAL;
}

int demo_cli(unsigned long flags, bool json, FILE *out)
{
	return 1;
}
