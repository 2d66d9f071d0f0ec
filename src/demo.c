/* demo: placeholder until the clone() demo lands. */
#include "src/demo.h"

#include <errno.h>

#include "src/util.h"

int demo_parse_flags(const char *list, unsigned long *ret_flags, const char **culprit)
{
	*culprit = "not available yet";
	return -EINVAL;
}

char *demo_flags_str(unsigned long flags)
{
	return xstrdup("none");
}

int demo_spawn(unsigned long flags, bool veth, struct demo_child **ret, const char **why)
{
	*why = "not available yet";
	return -ENOSYS;
}

const struct demo_inside *demo_inside(const struct demo_child *c)
{
	return NULL;
}

const struct demo_outside *demo_outside(const struct demo_child *c)
{
	return NULL;
}

unsigned long demo_flags(const struct demo_child *c)
{
	return 0;
}

struct demo_child *demo_find(pid_t pid)
{
	return NULL;
}

void demo_kill(struct demo_child *c)
{
}

void demo_kill_all(void)
{
}

int demo_cli(unsigned long flags, bool json, FILE *out)
{
	return 1;
}
