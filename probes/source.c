/*
 * source: open the root of every probe: /proc, or a fixture tree.
 */
#include "probes/source.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include "src/util.h"

#ifndef PROC_SUPER_MAGIC
#define PROC_SUPER_MAGIC 0x9fa0
#endif

#define PROC_ROOT "/proc"

int source_open(const char *dir, struct source *ret)
{
	struct source s = { .root = -1 };
	struct statfs sfs;
	struct stat st;
	int fd;

	/* O_RDONLY, not O_PATH: it proves the directory can be listed */
	fd = open(dir ? dir : PROC_ROOT, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	if (fstatfs(fd, &sfs) < 0) {
		int r = -errno;
		close(fd);
		return r;
	}
	s.root = fd;
	s.live = sfs.f_type == PROC_SUPER_MAGIC;
	/* an ns link followed gives the nsfs device that fd-held namespaces are on */
	if (s.live && fstatat(fd, "self/ns/net", &st, 0) == 0)
		s.nsfs_dev = st.st_dev;
	*ret = s;
	return 0;
}

void source_close(struct source *s)
{
	if (s && s->root >= 0) {
		close(s->root);
		s->root = -1;
	}
}

char *source_report_path(const char *rel)
{
	return xasprintf(PROC_ROOT "/%s", rel);
}
