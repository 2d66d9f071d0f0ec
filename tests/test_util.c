/*
 * test_util: the terminal sanitizer (every class of unsafe byte), the UTF-8 decoder,
 * the number parsers behind --from and --delay, string buffers and util_vanished.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "src/util.h"

static void expect_safe(const char *in, size_t n, const char *want)
{
	char *got = util_sanitize(in, n);
	assert_string_equal(got, want);
	free(got);
}

#define SAFE(lit, want) expect_safe(lit, sizeof(lit) - 1, want)

static void test_sanitize_passes(void **state)
{
	SAFE("", "");
	SAFE("sleep infinity", "sleep infinity");
	SAFE("~!@#$%^&*()_+{}|:\"<>?`-=[];',./", "~!@#$%^&*()_+{}|:\"<>?`-=[];',./");
	SAFE("caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x90\xb3",
	     "caf\xc3\xa9 \xe2\x86\x92 \xf0\x9f\x90\xb3");
	/* the neighbours of the bidi controls are ordinary characters */
	SAFE("\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa",
	     "\xe2\x80\xa9\xe2\x80\xaf\xe2\x81\xa5\xe2\x81\xaa");
	SAFE("\xc2\xa0", "\xc2\xa0"); /* U+00A0, just past C1 */
}

static void test_sanitize_controls(void **state)
{
	SAFE("\x1b]0;title\x07", "\\x1b]0;title\\x07");
	SAFE("a\nb\tc\rd", "a\\x0ab\\x09c\\x0dd");
	SAFE("nul\0byte", "nul\\x00byte");
	SAFE("\x01\x1f\x7f", "\\x01\\x1f\\x7f");
	/* C1 controls as UTF-8 and the 8-bit CSI as a lone byte */
	SAFE("\xc2\x80\xc2\x9b\xc2\x9f", "\\u0080\\u009b\\u009f");
	SAFE("\x9b"
	     "31m",
	     "\\x9b31m");
	/* the bidirectional overrides and isolates */
	SAFE("\xe2\x80\xaa\xe2\x80\xab\xe2\x80\xac\xe2\x80\xad\xe2\x80\xae",
	     "\\u202a\\u202b\\u202c\\u202d\\u202e");
	SAFE("\xe2\x81\xa6\xe2\x81\xa7\xe2\x81\xa8\xe2\x81\xa9", "\\u2066\\u2067\\u2068\\u2069");
	/* a backslash is doubled so every escape reads back unambiguously */
	SAFE("C:\\x1b", "C:\\\\x1b");
}

static void test_sanitize_invalid(void **state)
{
	SAFE("\xff\xfe", "\\xff\\xfe");
	SAFE("\xc3", "\\xc3");
	SAFE("\xc3(", "\\xc3(");
	SAFE("\xc0\xaf", "\\xc0\\xaf");
	SAFE("\xed\xa0\x80", "\\xed\\xa0\\x80");
	SAFE("\xf4\x90\x80\x80", "\\xf4\\x90\\x80\\x80");
	SAFE("ok\x80ok", "ok\\x80ok");
}

/* Whatever goes in, no byte below 0x20 nor DEL comes out, and the result is UTF-8. */
static void test_sanitize_every_byte(void **state)
{
	char in[512];
	for (int i = 0; i < 512; i++)
		in[i] = (char)(i * 37 + (i >> 3));
	char *out = util_sanitize(in, sizeof in);
	size_t n = strlen(out);
	for (size_t i = 0; i < n;) {
		uint32_t cp;
		int len = util_utf8_decode((const unsigned char *)out + i, n - i, &cp);
		assert_true(len > 0);
		assert_false(util_cp_unsafe(cp));
		i += (size_t)len;
	}
	free(out);

	out = util_sanitize_str(NULL);
	assert_string_equal(out, "");
	free(out);
	out = util_sanitize_str("a\x1b");
	assert_string_equal(out, "a\\x1b");
	free(out);
}

static void test_sb_add_safe(void **state)
{
	struct strbuf sb = { 0 };
	sb_adds(&sb, "comm=");
	sb_add_safe(&sb,
		    "x\x1b"
		    "y",
		    3);
	sb_add_safe(&sb, "", 0);
	assert_string_equal(sb.buf, "comm=x\\x1by");
	assert_int_equal(sb.len, strlen(sb.buf));
	sb_free(&sb);

	/* on an empty buffer an empty input still leaves a valid string */
	sb_add_safe(&sb, "", 0);
	assert_non_null(sb.buf);
	assert_string_equal(sb.buf, "");
	sb_free(&sb);
}

static void test_utf8_decode(void **state)
{
	uint32_t cp = 0;
	assert_int_equal(util_utf8_decode((const unsigned char *)"A", 1, &cp), 1);
	assert_int_equal(cp, 'A');
	assert_int_equal(util_utf8_decode((const unsigned char *)"\xc3\xa9", 2, &cp), 2);
	assert_int_equal(cp, 0xe9);
	assert_int_equal(util_utf8_decode((const unsigned char *)"\xe2\x86\x92", 3, &cp), 3);
	assert_int_equal(cp, 0x2192);
	assert_int_equal(util_utf8_decode((const unsigned char *)"\xf4\x8f\xbf\xbf", 4, &cp), 4);
	assert_int_equal(cp, 0x10ffff);
	/* truncated by the length given, even if more bytes follow in memory */
	assert_int_equal(util_utf8_decode((const unsigned char *)"\xe2\x86\x92", 2, &cp), 0);
	assert_int_equal(util_utf8_decode((const unsigned char *)"", 0, &cp), 0);
	assert_int_equal(util_utf8_decode((const unsigned char *)"\x80", 1, &cp), 0);
	assert_int_equal(util_utf8_decode((const unsigned char *)"\xc1\xbf", 2, &cp), 0);
	assert_int_equal(util_utf8_decode((const unsigned char *)"\xe0\x9f\xbf", 3, &cp), 0);
	assert_int_equal(util_utf8_decode((const unsigned char *)"\xed\xbf\xbf", 3, &cp), 0);
	assert_int_equal(util_utf8_decode((const unsigned char *)"\xf8\x88\x80\x80", 4, &cp), 0);

	assert_true(util_cp_unsafe(0));
	assert_true(util_cp_unsafe(0x1f));
	assert_false(util_cp_unsafe(0x20));
	assert_false(util_cp_unsafe(0x7e));
	assert_true(util_cp_unsafe(0x7f));
	assert_true(util_cp_unsafe(0x9f));
	assert_false(util_cp_unsafe(0xa0));
	assert_false(util_cp_unsafe(0x2029));
	assert_true(util_cp_unsafe(0x202a));
	assert_true(util_cp_unsafe(0x202e));
	assert_false(util_cp_unsafe(0x202f));
	assert_false(util_cp_unsafe(0x2065));
	assert_true(util_cp_unsafe(0x2066));
	assert_true(util_cp_unsafe(0x2069));
	assert_false(util_cp_unsafe(0x206a));
}

static void test_parse_ll(void **state)
{
	long long v = -7;
	assert_int_equal(util_parse_ll("1", 1, 0x7fffffff, &v), 0);
	assert_int_equal(v, 1);
	assert_int_equal(util_parse_ll("4321", 1, 0x7fffffff, &v), 0);
	assert_int_equal(v, 4321);
	assert_int_equal(util_parse_ll("-5", -10, 10, &v), 0);
	assert_int_equal(v, -5);
	assert_int_equal(util_parse_ll("2147483647", 1, 0x7fffffff, &v), 0);
	assert_int_equal(v, 2147483647);

	v = 99;
	assert_int_equal(util_parse_ll("", 1, 10, &v), -EINVAL);
	assert_int_equal(util_parse_ll(NULL, 1, 10, &v), -EINVAL);
	assert_int_equal(util_parse_ll("12a", 1, 100, &v), -EINVAL);
	assert_int_equal(util_parse_ll(" 12", 1, 100, &v), -EINVAL);
	assert_int_equal(util_parse_ll("+5", 1, 100, &v), -EINVAL);
	assert_int_equal(util_parse_ll("0x10", 1, 100, &v), -EINVAL);
	assert_int_equal(util_parse_ll("abc", 1, 100, &v), -EINVAL);
	assert_int_equal(util_parse_ll("-", 1, 100, &v), -EINVAL);
	assert_int_equal(util_parse_ll("0", 1, 100, &v), -ERANGE);
	assert_int_equal(util_parse_ll("-1", 1, 100, &v), -ERANGE);
	assert_int_equal(util_parse_ll("2147483648", 1, 0x7fffffff, &v), -ERANGE);
	assert_int_equal(util_parse_ll("99999999999999999999999", 1, 0x7fffffff, &v), -ERANGE);
	/* the out-parameter is untouched on failure */
	assert_int_equal(v, 99);
}

static void test_parse_secs(void **state)
{
	double d = -1;
	assert_int_equal(util_parse_secs("2", &d), 0);
	assert_true(d == 2.0);
	assert_int_equal(util_parse_secs("0.5", &d), 0);
	assert_true(d == 0.5);
	assert_int_equal(util_parse_secs(".25", &d), 0);
	assert_true(d == 0.25);
	assert_int_equal(util_parse_secs("86400", &d), 0);
	assert_int_equal(util_parse_secs("0.1", &d), 0);
	assert_true(d == 0.1);
	assert_int_equal(util_parse_secs("3.", &d), 0);
	assert_true(d == 3.0);

	d = 7;
	assert_int_equal(util_parse_secs("", &d), -EINVAL);
	assert_int_equal(util_parse_secs(NULL, &d), -EINVAL);
	assert_int_equal(util_parse_secs("-1", &d), -EINVAL);
	assert_int_equal(util_parse_secs("0", &d), -EINVAL);
	assert_int_equal(util_parse_secs("0.0", &d), -EINVAL);
	assert_int_equal(util_parse_secs("abc", &d), -EINVAL);
	assert_int_equal(util_parse_secs("2s", &d), -EINVAL);
	assert_int_equal(util_parse_secs(" 2", &d), -EINVAL);
	assert_int_equal(util_parse_secs("nan", &d), -EINVAL);
	assert_int_equal(util_parse_secs("inf", &d), -EINVAL);
	assert_int_equal(util_parse_secs("1e9", &d), -EINVAL);
	assert_int_equal(util_parse_secs("86401", &d), -EINVAL);
	/* decimal only, and no busy loop: at least UTIL_SECS_MIN */
	assert_int_equal(util_parse_secs("0x10", &d), -EINVAL);
	assert_int_equal(util_parse_secs("1e1", &d), -EINVAL);
	assert_int_equal(util_parse_secs("1e-9", &d), -EINVAL);
	assert_int_equal(util_parse_secs("0.000001", &d), -EINVAL);
	assert_int_equal(util_parse_secs("0.09", &d), -EINVAL);
	assert_int_equal(util_parse_secs("1.2.3", &d), -EINVAL);
	assert_int_equal(util_parse_secs(".", &d), -EINVAL);
	assert_true(d == 7);
}

static void test_strbuf(void **state)
{
	struct strbuf sb = { 0 };
	for (int i = 0; i < 1000; i++)
		sb_addf(&sb, "%d,", i);
	assert_int_equal(sb.len, strlen(sb.buf));
	assert_memory_equal(sb.buf, "0,1,2,", 6);
	assert_non_null(strstr(sb.buf, ",998,999,"));
	sb_addc(&sb, 'x');
	sb_add(&sb, "yz!", 2);
	assert_string_equal(sb.buf + sb.len - 3, "xyz");
	char *s = sb_steal(&sb);
	assert_null(sb.buf);
	assert_int_equal(sb.len, 0);
	free(s);
	/* stealing an empty buffer still gives a string */
	s = sb_steal(&sb);
	assert_string_equal(s, "");
	free(s);
	sb_free(&sb);
	sb_free(&sb);

	s = xasprintf("%s:[%llu]", "net", 4026531833ULL);
	assert_string_equal(s, "net:[4026531833]");
	free(s);
	s = xstrndup("abcdef", 3);
	assert_string_equal(s, "abc");
	free(s);
}

static void test_vanished(void **state)
{
	assert_true(util_vanished(-ENOENT));
	assert_true(util_vanished(-ESRCH));
	assert_false(util_vanished(-EACCES));
	assert_false(util_vanished(0));
	assert_false(util_vanished(ENOENT));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sanitize_passes),	 cmocka_unit_test(test_sanitize_controls),
		cmocka_unit_test(test_sanitize_invalid), cmocka_unit_test(test_sanitize_every_byte),
		cmocka_unit_test(test_sb_add_safe),	 cmocka_unit_test(test_utf8_decode),
		cmocka_unit_test(test_parse_ll),	 cmocka_unit_test(test_parse_secs),
		cmocka_unit_test(test_strbuf),		 cmocka_unit_test(test_vanished),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
