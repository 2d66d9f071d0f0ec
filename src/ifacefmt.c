/*
 * ifacefmt: interface facts as text, shared by every output.
 */
#include "src/ifacefmt.h"

#include <arpa/inet.h>
#include <net/if.h>
#include <stdio.h>
#include <sys/socket.h>

#include "src/util.h"

/* net/if.h of Debian 12 stops at IFF_DYNAMIC; these three are from linux/if.h. */
#ifndef IFF_LOWER_UP
#define IFF_LOWER_UP (1 << 16)
#endif
#ifndef IFF_DORMANT
#define IFF_DORMANT (1 << 17)
#endif
#ifndef IFF_ECHO
#define IFF_ECHO (1 << 18)
#endif

/* IFF_* names in the order `ip link` prints them. */
static const struct {
	unsigned bit;
	const char *name;
} iff_names[] = {
	{ IFF_LOOPBACK, "LOOPBACK" },
	{ IFF_BROADCAST, "BROADCAST" },
	{ IFF_POINTOPOINT, "POINTOPOINT" },
	{ IFF_MULTICAST, "MULTICAST" },
	{ IFF_NOARP, "NOARP" },
	{ IFF_ALLMULTI, "ALLMULTI" },
	{ IFF_PROMISC, "PROMISC" },
	{ IFF_NOTRAILERS, "NOTRAILERS" },
	{ IFF_DEBUG, "DEBUG" },
	{ IFF_DYNAMIC, "DYNAMIC" },
	{ IFF_AUTOMEDIA, "AUTOMEDIA" },
	{ IFF_PORTSEL, "PORTSEL" },
	{ IFF_MASTER, "MASTER" },
	{ IFF_SLAVE, "SLAVE" },
	{ IFF_UP, "UP" },
	{ IFF_LOWER_UP, "LOWER_UP" },
	{ IFF_DORMANT, "DORMANT" },
	{ IFF_ECHO, "ECHO" },
};

/* IF_OPER_* (RFC 2863 operational states), indexed by value. */
static const char *const oper_names[] = {
	"UNKNOWN", "NOTPRESENT", "DOWN", "LOWERLAYERDOWN", "TESTING", "DORMANT", "UP",
};

const char *ifacefmt_operstate(uint8_t st)
{
	return st < ARRAY_SIZE(oper_names) ? oper_names[st] : NULL;
}

size_t ifacefmt_flags(unsigned flags, const char *names[IFACEFMT_FLAGS_MAX])
{
	size_t n = 0;
	for (size_t k = 0; k < ARRAY_SIZE(iff_names) && n < IFACEFMT_FLAGS_MAX; k++)
		if (flags & iff_names[k].bit)
			names[n++] = iff_names[k].name;
	return n;
}

void ifacefmt_mac(const struct iface *f, char buf[IFACEFMT_MAC_LEN])
{
	size_t len = 0;
	buf[0] = 0;
	for (size_t i = 0; i < f->maclen && i < sizeof f->mac; i++)
		len += (size_t)snprintf(buf + len, IFACEFMT_MAC_LEN - len, "%s%02x", i ? ":" : "",
					f->mac[i]);
}

void ifacefmt_addr(const struct addr *a, char buf[IFACEFMT_ADDR_LEN])
{
	int af = a->family == AF_INET6 ? AF_INET6 : a->family == AF_INET ? AF_INET : -1;
	if (af < 0 || !inet_ntop(af, a->bytes, buf, IFACEFMT_ADDR_LEN))
		snprintf(buf, IFACEFMT_ADDR_LEN, "?");
}
