/*
 * json: the --json writer (schema "nsview/1", see the contract) over one snapshot,
 * and the JSON string writer that makes any bytes a valid JSON string.
 */
#ifndef NSVIEW_JSON_H
#define NSVIEW_JSON_H

#include <stdio.h>

#include "src/model.h"
#include "src/util.h"

/* Write the whole snapshot as one JSON document and a newline; -errno on a write error. */
int json_write(FILE *f, const struct snapshot *s);
/* Append s (n bytes, any content) to sb as a quoted JSON string. */
void json_add_string(struct strbuf *sb, const char *s, size_t n);

#endif
