/* test_parse_mutation: the parsers of untrusted bytes (status, cmdline, cgroup,
 * mountinfo, ns links, the nsfs sidecar, rtnetlink dumps) fed thousands of mutated
 * copies of real inputs: truncated, bytes flipped, lengths made bogus. A fixed seed
 * makes every run the same. Each input sits in a heap buffer of exactly its size, so
 * ASan sees any read or write past it; the parsers must not crash, leak or break the
 * invariants the rest of nsview relies on. Run from the top of the tree. */
#include <errno.h>
#include <glob.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <libmnl/libmnl.h>

#include "probes/netlink_parse.h"
#include "probes/nsfs.h"
#include "probes/procfs.h"
#include "src/model.h"
#include "src/util.h"

#define ROUNDS 3000

struct seed {
	char *buf;
	size_t len;
};

struct seeds {
	struct seed *v;
	size_t n;
};

static uint64_t rng = 0x6e73766965770001ULL; /* fixed: every run mutates alike */

static uint64_t rnd(void)
{
	/* xorshift64 */
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static size_t rnd_below(size_t n)
{
	return n ? (size_t)(rnd() % n) : 0;
}

static void seeds_add(struct seeds *s, const void *buf, size_t len)
{
	s->v = xrealloc(s->v, (s->n + 1) * sizeof *s->v);
	s->v[s->n].buf = xmalloc(len ? len : 1);
	memcpy(s->v[s->n].buf, buf, len);
	s->v[s->n++].len = len;
}

static void seeds_add_file(struct seeds *s, const char *path)
{
	static char buf[65536];
	FILE *f = fopen(path, "rb");
	if (!f)
		fail_msg("%s: %s (run the tests from the top of the tree)", path, strerror(errno));
	size_t n = fread(buf, 1, sizeof buf, f);
	assert_false(ferror(f));
	fclose(f);
	seeds_add(s, buf, n);
}

static void seeds_add_glob(struct seeds *s, const char *pattern)
{
	glob_t g;
	assert_int_equal(glob(pattern, 0, NULL, &g), 0);
	for (size_t i = 0; i < g.gl_pathc; i++)
		seeds_add_file(s, g.gl_pathv[i]);
	globfree(&g);
}

static void seeds_free(struct seeds *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i].buf);
	free(s->v);
}

/* Bytes that steer these parsers: separators, escapes, digits at the edges. */
static const char special[] = { 0,    '\n', '\t', ' ', ':', '[',	']',	    '/',
				'\\', '-',  '0',  '9', 'x', (char)0x7f, (char)0x80, (char)0xff };

/* One mutated copy of a seed, in a buffer of exactly its length (plus extra bytes,
 * for parsers that are given one). netlink: also make message and attribute lengths
 * bogus, at the 4-byte boundaries where those fields sit. */
static char *mutate(const struct seed *sd, bool netlink, size_t extra, size_t *ret_len)
{
	size_t len = sd->len;
	char *b = xmalloc(len + 64 + extra);
	memcpy(b, sd->buf, len);
	int edits = 1 + (int)rnd_below(4);
	for (int e = 0; e < edits; e++) {
		size_t at = rnd_below(len);
		switch (rnd_below(netlink ? 7 : 5)) {
		case 0: /* cut short */
			len = rnd_below(len + 1);
			break;
		case 1: /* flip a bit */
			if (len)
				b[at] ^= (char)(1u << rnd_below(8));
			break;
		case 2: /* a byte that means something */
			if (len)
				b[at] = special[rnd_below(sizeof special)];
			break;
		case 3: /* drop a run of bytes */
			if (len) {
				size_t k = 1 + rnd_below(len - at < 16 ? len - at : 16);
				memmove(b + at, b + at + k, len - at - k);
				len -= k;
			}
			break;
		case 4: /* repeat a run of bytes (room for 64 more was kept) */
			if (len) {
				size_t k = 1 + rnd_below(len - at < 64 ? len - at : 64);
				if (len + k <= sd->len + 64) {
					memmove(b + at + k, b + at, len - at);
					len += k;
				}
			}
			break;
		default: { /* a bogus 16- or 32-bit length at an aligned offset */
			static const uint32_t bogus[] = { 0,	     1,	     3,	      4,
							  8,	     15,     16,      17,
							  0xfffc,    0xffff, 0x10000, 0x7fffffff,
							  0xffffffff };
			uint32_t v =
			    rnd_below(3) ? bogus[rnd_below(ARRAY_SIZE(bogus))] : (uint32_t)rnd();
			size_t o = at & ~(size_t)3;
			if (o + 4 <= len) {
				if (rnd_below(2)) {
					memcpy(b + o, &v, 4);
				} else {
					uint16_t h = (uint16_t)v;
					memcpy(b + o, &h, 2);
				}
			}
			break;
		}
		}
	}
	/* exactly len (+ extra) bytes: anything past them is out of bounds */
	char *out = xmalloc(len + extra ? len + extra : 1);
	memcpy(out, b, len);
	memset(out + len, 0, extra);
	free(b);
	*ret_len = len;
	return out;
}

static void test_status(void **state)
{
	struct seeds s = { 0 };
	seeds_add_glob(&s, "tests/fixtures/*/[0-9]*/status");
	for (int i = 0; i < ROUNDS; i++) {
		size_t n;
		char *b = mutate(&s.v[rnd_below(s.n)], false, 0, &n);
		struct proc p = { .pid = 77 };
		unsigned threads = 0;
		int r = procfs_parse_status(b, n, &p, &threads);
		assert_true(r == 0 || r == -EINVAL);
		assert_true(memchr(p.comm, 0, sizeof p.comm) != NULL);
		assert_in_range(p.nnspid, 1, NSPID_MAX);
		for (int k = 0; k < p.nnspid; k++)
			assert_true(p.nspid[k] >= 0);
		assert_true(p.ppid >= 0);
		assert_true(threads >= 1);
		free(b);
	}
	seeds_free(&s);
}

static void test_cmdline_cgroup(void **state)
{
	static const char *const cgroups[] = {
		"0::/system.slice/docker-0123456789abcdef0123456789abcdef.scope\n",
		"0::/kubepods/besteffort/pod1/0123456789abcdef0123\n",
		"0::/lxc.payload.web\n",
		"0::/machine.slice/machine-a\\x2db.scope\n",
		"12:cpu:/docker/0123456789ab\n0::/libpod/0123456789abcdef\n",
	};
	struct seeds c = { 0 }, g = { 0 };
	seeds_add_glob(&c, "tests/fixtures/*/[0-9]*/cmdline");
	seeds_add_glob(&g, "tests/fixtures/*/[0-9]*/cgroup");
	for (size_t i = 0; i < ARRAY_SIZE(cgroups); i++)
		seeds_add(&g, cgroups[i], strlen(cgroups[i]));
	for (int i = 0; i < ROUNDS; i++) {
		size_t n;
		struct proc p = { .pid = 1 };
		char *b = mutate(&c.v[rnd_below(c.n)], false, 0, &n);
		procfs_parse_cmdline(b, n, &p);
		assert_non_null(p.argv);
		assert_null(p.argv[p.argc]);
		assert_true(p.argc <= n);
		for (size_t k = 0; k < p.argc; k++)
			assert_non_null(p.argv[k]);
		free(b);

		b = mutate(&g.v[rnd_below(g.n)], false, 0, &n);
		procfs_parse_cgroup(b, n, &p);
		assert_true(!p.ctr_runtime == !p.ctr_id);
		if (p.cgroup)
			assert_true(strlen(p.cgroup) <= n);
		free(b);
		model_proc_clear(&p);
	}
	seeds_free(&c);
	seeds_free(&g);
}

static void on_bind(void *arg, enum ns_type t, uint64_t ino, const char *path)
{
	int *count = arg;
	assert_in_range(t, 0, NS_TYPE_MAX - 1);
	assert_true(ino != 0);
	assert_non_null(path);
	(void)strlen(path); /* NUL-terminated within the buffer, or ASan says so */
	(*count)++;
}

static void test_mountinfo_links(void **state)
{
	static const char mi[] =
	    "43 42 0:4 net:[4026532177] /run/netns/blue rw shared:4 - nsfs nsfs rw\n"
	    "44 42 0:4 uts:[4026532300] /tmp/a\\040b\\012c\\134 rw - nsfs nsfs rw\n"
	    "22 1 0:21 / /proc rw,nosuid - proc proc rw\n"
	    "45 42 0:4 time:[1] /x rw - nsfs nsfs rw";
	static const char *const links[] = { "net:[4026531833]",    "pid:[1]",
					     "cgroup:[4026531835]", "time:[18446744073709551615]",
					     "user:[4026531837]",   "socket:[123]" };
	struct seeds m = { 0 }, l = { 0 };
	seeds_add_glob(&m, "tests/fixtures/*/[0-9]*/mountinfo");
	seeds_add(&m, mi, sizeof mi - 1);
	for (size_t i = 0; i < ARRAY_SIZE(links); i++)
		seeds_add(&l, links[i], strlen(links[i]));
	for (int i = 0; i < ROUNDS; i++) {
		size_t n;
		int count = 0;
		char *b = mutate(&m.v[rnd_below(m.n)], false, 0, &n);
		int r = procfs_parse_mountinfo(b, n, on_bind, &count);
		assert_int_equal(r, count);
		free(b);

		uint64_t ino = 0;
		b = mutate(&l.v[rnd_below(l.n)], false, 0, &n);
		int t = procfs_parse_ns_link(b, n, &ino);
		if (t >= 0) {
			assert_true(t < NS_TYPE_MAX);
			assert_true(ino != 0);
		} else {
			assert_int_equal(t, -EINVAL);
		}
		free(b);
	}
	seeds_free(&m);
	seeds_free(&l);
}

static void test_sidecar(void **state)
{
	struct seeds s = { 0 };
	seeds_add_glob(&s, "tests/fixtures/*/nsfs");
	for (int i = 0; i < ROUNDS; i++) {
		size_t n;
		/* as nsfs_sidecar_load gives it: a NUL after the text */
		char *b = mutate(&s.v[rnd_below(s.n)], false, 1, &n);
		struct nsfs_sidecar *sc = NULL;
		int line = 0;
		int r = nsfs_sidecar_parse(b, n, &sc, &line);
		if (r == 0) {
			for (size_t k = 0; k < sc->n; k++)
				assert_true(sc->e[k].ino != 0);
			nsfs_sidecar_free(sc);
		} else {
			assert_int_equal(r, -EINVAL);
			assert_true(line >= 1);
		}
		free(b);
	}
	seeds_free(&s);
}

/* Parse a mutated dump of kind d into n; every result is one the header allows. */
static void parse_mutated(struct netns *n, enum netlink_dump d, const struct seeds *s)
{
	size_t len;
	char *b = mutate(&s->v[rnd_below(s->n)], true, 0, &len);
	struct netlink_parse p = { .dump = d, .net = n };
	int r = netlink_parse(&p, b, len);
	assert_true(r == 0 || r == 1 || r < 0);
	free(b);
	if (r != 0)
		return;
	for (size_t k = 0; k < n->nifs; k++) {
		const struct iface *f = &n->ifs[k];
		assert_true(f->maclen <= sizeof f->mac);
		if (k)
			assert_true(n->ifs[k - 1].ifindex <= f->ifindex);
		for (size_t a = 0; a < f->naddrs; a++)
			assert_true(f->addrs[a].prefix <= 128);
	}
	for (size_t k = 1; d == NETLINK_NSIDS && k < n->nnsids; k++)
		assert_true(n->nsids[k - 1].nsid <= n->nsids[k].nsid);
}

static void test_netlink(void **state)
{
	struct seeds links = { 0 }, addrs = { 0 }, nsids = { 0 };
	seeds_add_file(&links, "tests/fixtures/netlink/links.bin");
	seeds_add_file(&addrs, "tests/fixtures/netlink/addrs.bin");
	seeds_add_file(&nsids, "tests/fixtures/netlink/nsids.bin");
	for (int i = 0; i < ROUNDS; i++) {
		struct snapshot *s = model_new();
		struct netns *a = model_add_netns(s, 4026532200ULL);
		model_add_netns(s, 4026532300ULL);
		a = model_find_netns(s, 4026532200ULL);
		parse_mutated(a, NETLINK_LINKS, &links);
		parse_mutated(a, NETLINK_ADDRS, &addrs);
		parse_mutated(a, NETLINK_NSIDS, &nsids);
		/* nsids must be resolved to namespaces before peers are */
		for (size_t k = 0; k < a->nnsids; k++)
			a->nsids[k].netns = rnd_below(2) ? 4026532300ULL : 0;
		netlink_parse_peers(s);
		/* a dump parsed into the wrong kind of namespace state is ignored, not fatal */
		struct netns *b = model_find_netns(s, 4026532300ULL);
		parse_mutated(b, NETLINK_ADDRS, &links);
		parse_mutated(b, NETLINK_LINKS, &nsids);
		netlink_parse_reset(b, NETLINK_LINKS);
		model_free(s);
	}
	seeds_free(&links);
	seeds_free(&addrs);
	seeds_free(&nsids);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_status),		cmocka_unit_test(test_cmdline_cgroup),
		cmocka_unit_test(test_mountinfo_links), cmocka_unit_test(test_sidecar),
		cmocka_unit_test(test_netlink),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
