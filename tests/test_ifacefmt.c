/*
 * test_ifacefmt: interface facts as text, as every output shows them.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <linux/if.h>
#include <string.h>
#include <sys/socket.h>

#include "src/ifacefmt.h"

static void test_operstate(void **state)
{
	assert_string_equal(ifacefmt_operstate(IF_OPER_UP), "UP");
	assert_string_equal(ifacefmt_operstate(IF_OPER_LOWERLAYERDOWN), "LOWERLAYERDOWN");
	assert_string_equal(ifacefmt_operstate(IF_OPER_UNKNOWN), "UNKNOWN");
	assert_null(ifacefmt_operstate(7));
	assert_null(ifacefmt_operstate(255));
}

static void test_flags(void **state)
{
	const char *names[IFACEFMT_FLAGS_MAX];
	/* ip's order, whatever the bit order; RUNNING is not named, as in ip */
	size_t n = ifacefmt_flags(IFF_UP | IFF_LOWER_UP | IFF_BROADCAST | IFF_MULTICAST | IFF_RUNNING,
				  names);
	assert_int_equal(n, 4);
	assert_string_equal(names[0], "BROADCAST");
	assert_string_equal(names[1], "MULTICAST");
	assert_string_equal(names[2], "UP");
	assert_string_equal(names[3], "LOWER_UP");
	assert_int_equal(ifacefmt_flags(0, names), 0);
	assert_int_equal(ifacefmt_flags(~0U, names), 18);
}

static void test_mac(void **state)
{
	struct iface f = { .maclen = 6, .mac = { 0xaa, 0xbb, 0x0c, 0x00, 0xee, 0xff } };
	char buf[IFACEFMT_MAC_LEN];
	ifacefmt_mac(&f, buf);
	assert_string_equal(buf, "aa:bb:0c:00:ee:ff");
	f.maclen = 0;
	ifacefmt_mac(&f, buf);
	assert_string_equal(buf, "");
	/* the longest hardware address fits */
	f.maclen = sizeof f.mac;
	memset(f.mac, 0xff, sizeof f.mac);
	ifacefmt_mac(&f, buf);
	assert_int_equal(strlen(buf), 3 * sizeof f.mac - 1);
}

static void test_addr(void **state)
{
	struct addr a = { .family = AF_INET, .prefix = 30, .bytes = { 169, 254, 1, 2 } };
	char buf[IFACEFMT_ADDR_LEN];
	ifacefmt_addr(&a, buf);
	assert_string_equal(buf, "169.254.1.2");
	struct addr b = { .family = AF_INET6, .prefix = 64, .bytes = { 0xfd, 0x6e, [15] = 1 } };
	ifacefmt_addr(&b, buf);
	assert_string_equal(buf, "fd6e::1");
	b.family = 99;
	ifacefmt_addr(&b, buf);
	assert_string_equal(buf, "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_operstate),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_mac),
		cmocka_unit_test(test_addr),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
