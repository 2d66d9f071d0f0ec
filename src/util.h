/*
 * util: allocation that aborts on out-of-memory, a growable string buffer,
 * number parsing, and the one sanitizer that makes bytes from the system safe
 * to show on a terminal.
 */
#ifndef NSVIEW_UTIL_H
#define NSVIEW_UTIL_H

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* A process or file that went away between listing and reading: skip it silently. */
static inline bool util_vanished(int err)
{
	return err == -ENOENT || err == -ESRCH;
}

/* A growable NUL-terminated byte string. Zero-initialise; sb_free when done. */
struct strbuf {
	char *buf;
	size_t len, cap;
};

void sb_add(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addc(struct strbuf *sb, char c);
void sb_addf(struct strbuf *sb, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sb_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
/* Append bytes from the system made safe for a terminal (see util_sanitize). */
void sb_add_safe(struct strbuf *sb, const char *s, size_t n);
/* Give up the buffer (caller frees it); the strbuf is empty again. Never NULL. */
char *sb_steal(struct strbuf *sb);
void sb_free(struct strbuf *sb);

/*
 * Make n bytes from the system safe to show: valid printable UTF-8 passes
 * through; C0 controls, DEL and invalid bytes become \xNN, C1 controls and the
 * bidirectional overrides and isolates (U+202A-U+202E, U+2066-U+2069) \uXXXX,
 * and a backslash \\, so nothing from the system can steer the terminal and
 * every escape reads back unambiguously. Returns a new string.
 */
char *util_sanitize(const char *s, size_t n);
/* Same for a NUL-terminated string; NULL gives "". */
char *util_sanitize_str(const char *s);

/*
 * Decode one UTF-8 character at s (n bytes left). Returns its length (1-4) and
 * the code point in *cp, or 0 for an invalid or truncated sequence (overlongs,
 * surrogates and values above U+10FFFF are invalid).
 */
int util_utf8_decode(const unsigned char *s, size_t n, uint32_t *cp);
/* Whether a code point must be escaped (controls, DEL, C1, bidi overrides). */
bool util_cp_unsafe(uint32_t cp);

/* Parse a whole decimal string into [min, max]; -EINVAL or -ERANGE on failure. */
int util_parse_ll(const char *s, long long min, long long max, long long *ret);
/* Parse a number of seconds with an optional fraction ("0.5"), from UTIL_SECS_MIN to a
 * day; -EINVAL if not. */
#define UTIL_SECS_MIN 0.1
int util_parse_secs(const char *s, double *ret);

#endif
