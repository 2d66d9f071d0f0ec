/*
 * ifacefmt: the names and text forms of interface facts (operational state,
 * IFF_* flags, MAC and IP addresses), so that --json, --net and the TUI call
 * them alike, as ip does.
 */
#ifndef NSVIEW_IFACEFMT_H
#define NSVIEW_IFACEFMT_H

#include <stddef.h>
#include <stdint.h>

#include "src/model.h"

#define IFACEFMT_MAC_LEN  (3 * 32)
#define IFACEFMT_ADDR_LEN 46 /* INET6_ADDRSTRLEN */
#define IFACEFMT_FLAGS_MAX 20

/* The IF_OPER_* name ("UP", "LOWERLAYERDOWN"); NULL for a value the kernel does not define. */
const char *ifacefmt_operstate(uint8_t st);
/* The names of the IFF_* flags set, in the order `ip link` prints them (RUNNING left out,
 * as ip does); returns how many were stored in names (at most IFACEFMT_FLAGS_MAX). */
size_t ifacefmt_flags(unsigned flags, const char *names[IFACEFMT_FLAGS_MAX]);
/* "aa:bb:cc:dd:ee:ff"; "" when the interface has no hardware address. */
void ifacefmt_mac(const struct iface *f, char buf[IFACEFMT_MAC_LEN]);
/* The address without its prefix ("169.254.1.1", "fd00::1"); "?" for an unknown family. */
void ifacefmt_addr(const struct addr *a, char buf[IFACEFMT_ADDR_LEN]);

#endif
