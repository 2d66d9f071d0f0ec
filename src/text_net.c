/* text_net: placeholder until the --net writer lands. */
#include <errno.h>

#include "src/text.h"

int text_net(FILE *f, const struct snapshot *s)
{
	return -ENOSYS;
}
