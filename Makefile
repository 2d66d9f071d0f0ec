# nsview: a Linux namespace explorer.
#
#   make run      install what is missing (as root), build, start nsview
#   make check    install what is missing, build, run every test, then again with sanitizers
#   make deps     install the Debian packages to build, test and run (as root; else print the line)
#   make install  PREFIX=/usr/local DESTDIR=  the binary and the man page
#   make test     the tests only, on the current build (SAN=1: the sanitizer build)
#   make lint     layering rules and the man page

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANDIR ?= $(PREFIX)/share/man
SAN ?= 0
WERROR ?= 0
VERSION := 0.1.0
Q := $(if $(V),,@)

BUILD ?= build$(if $(filter 1,$(SAN)),-san)
CC ?= cc
PKGS := ncursesw libmnl libproc2
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

WARN := -Wall -Wextra -Wshadow -Wpointer-arith -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wundef -Wcast-align -Wwrite-strings -Wno-unused-parameter
ifeq ($(WERROR),1)
WARN += -Werror
endif
OPT := -O2 -g
ifeq ($(SAN),1)
OPT := -O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined
endif
ALL_CFLAGS := -std=gnu11 -D_GNU_SOURCE -DNSVIEW_VERSION='"$(VERSION)"' -I. $(PKG_CFLAGS) \
	$(OPT) $(WARN) -MMD -MP $(CFLAGS)
ALL_LDFLAGS := $(OPT) $(LDFLAGS)

SRCS := $(wildcard src/*.c probes/*.c ui/*.c)
OBJS := $(SRCS:%.c=$(BUILD)/%.o)
LIB_OBJS := $(filter-out $(BUILD)/src/main.o,$(OBJS))
TEST_SRCS := $(wildcard tests/test_*.c)
TEST_BINS := $(TEST_SRCS:tests/%.c=$(BUILD)/tests/%)
# every tests/*.sh is a test script, except these helpers
TEST_HELPERS := tests/lib.sh tests/mkfixture.sh tests/harness.sh
TEST_SCRIPTS := $(filter-out $(TEST_HELPERS),$(sort $(wildcard tests/*.sh)))

# Debian 12 packages to build, test and run
DEB_PKGS := gcc make pkg-config libncurses-dev libmnl-dev libproc2-dev libcmocka-dev \
	tmux iproute2 util-linux procps groff-base jq iputils-ping hostname mount

all: $(BUILD)/nsview

$(BUILD)/nsview: $(OBJS)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $(OBJS) $(PKG_LIBS)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c
	@mkdir -p $(dir $@)
	$(Q)$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/tests/test_%: $(BUILD)/tests/test_%.o $(LIB_OBJS)
	$(Q)$(CC) $(ALL_LDFLAGS) -o $@ $< $(LIB_OBJS) $(PKG_LIBS) $(CMOCKA_LIBS)

deps:
	@missing=$$(for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${db:Status-Status}\n' $$p 2>/dev/null | grep -qx installed || echo $$p; \
	done); \
	[ -z "$$missing" ] && exit 0; \
	missing=$$(echo $$missing); \
	if [ "$$(id -u)" = 0 ]; then \
		echo "nsview: installing $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing; \
	else \
		echo "nsview: missing packages; install them as root with:" >&2; \
		echo "  apt-get update && apt-get install -y $$missing" >&2; \
		exit 1; \
	fi

run: deps
	@$(MAKE) --no-print-directory all
	./$(BUILD)/nsview

check: deps
	@$(MAKE) --no-print-directory all $(TEST_BINS)
	@$(MAKE) --no-print-directory test lint
	@$(MAKE) --no-print-directory SAN=1 all
	@$(MAKE) --no-print-directory SAN=1 test

test: $(BUILD)/nsview $(TEST_BINS)
	@BUILD=$(BUILD) SAN=$(SAN) NSVIEW=$(CURDIR)/$(BUILD)/nsview \
		bash tests/harness.sh $(TEST_BINS) $(TEST_SCRIPTS)

lint:
	@bash tests/lint-layers
	@out=$$(groff -man -ww -z nsview.1 2>&1); [ -z "$$out" ] || { echo "$$out"; exit 1; }
	@echo "lint: layering and man page ok"

install: $(BUILD)/nsview
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1
	install -m 0755 $(BUILD)/nsview $(DESTDIR)$(BINDIR)/nsview
	install -m 0644 nsview.1 $(DESTDIR)$(MANDIR)/man1/nsview.1

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/nsview $(DESTDIR)$(MANDIR)/man1/nsview.1

format:
	clang-format -i $(SRCS) $(wildcard src/*.h probes/*.h ui/*.h) $(TEST_SRCS)

clean:
	rm -rf build build-san

.PHONY: all deps run check test lint install uninstall format clean
.SECONDARY:

-include $(OBJS:.o=.d) $(TEST_BINS:=.d)
