/* snapshot: placeholder until the probes land. */
#include "probes/snapshot.h"

#include <errno.h>

int snapshot_open(const struct snapshot_opts *o, struct snapshot_ctx **ret)
{
	return -ENOSYS;
}

int snapshot_take(struct snapshot_ctx *c, struct snapshot **ret)
{
	return -ENOSYS;
}

void snapshot_close(struct snapshot_ctx *c)
{
}
