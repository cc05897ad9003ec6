# dienhinh — build, test, run.  `make help` lists the targets.
.SUFFIXES:

PREFIX ?= /usr/local
DESTDIR ?=
# The installed config is SYSCONFDIR/dienhinh/dienhinh.yaml (built into the
# program), the data STATEDIR, shared through GROUP (see `install` below).
SYSCONFDIR ?= /etc
STATEDIR ?= /var/lib/dienhinh
GROUP ?= dienhinh
INSTALL_OWNER ?= auto
CC := cc
PKG_CONFIG ?= pkg-config
VERSION := 0.1.0

PKGS := ncursesw lmdb yaml-0.1 libutf8proc libzip cairo pangocairo
# Debian packages the build, the tests and the benchmarks need.
DEB_PKGS := build-essential pkg-config libncurses-dev liblmdb-dev libyaml-dev \
	libutf8proc-dev libcmocka-dev tmux lmdb-utils sqlite3 cppcheck clang-tidy \
	libzip-dev libcairo2-dev libpango1.0-dev fonts-liberation2 poppler-utils libxml2-utils unzip

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
	-Wformat=2 -Wvla
CFLAGS := -O2 -g
ALL_CFLAGS := -std=c17 -D_GNU_SOURCE -DDH_VERSION='"$(VERSION)"' -Iinclude $(WARN) \
	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null) $(CFLAGS)
LIBS := $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
SAN := -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all

SRC := $(sort $(wildcard src/*.c src/*/*.c))
LIB_SRC := $(filter-out src/main.c,$(SRC))
OBJ := $(SRC:%.c=build/obj/%.o)
LIB_OBJ := $(LIB_SRC:%.c=build/obj/%.o)
SAN_OBJ := $(SRC:%.c=build/asan/obj/%.o)
SAN_LIB_OBJ := $(LIB_SRC:%.c=build/asan/obj/%.o)
UNIT_SRC := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BIN := $(UNIT_SRC:tests/unit/%.c=build/asan/tests/%)
BENCH_SRC := $(sort $(wildcard tests/bench/*.c))
BENCH_BIN := $(BENCH_SRC:tests/bench/%.c=build/bench/%)

.PHONY: all help deps run test unit cli e2e lint format install uninstall bench clean demo FORCE

all: build/dienhinh

help:
	@echo "make run      set up, build, open the app on a local demo database"
	@echo "make test     unit tests (ASan+UBSan), command-line and terminal tests"
	@echo "make deps     install the Debian packages the build needs"
	@echo "make lint     cppcheck and clang-tidy"
	@echo "make bench    benchmarks (tests/bench/run, ui.sh, documents.sh)"
	@echo "make install  PREFIX=$(PREFIX) DESTDIR="

deps:
	@missing=""; for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'ok installed' || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then \
		echo "Installing:$$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	else \
		echo "Missing Debian packages. Run:"; echo "  sudo apt-get install$$missing"; exit 1; \
	fi

build/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -MMD -MP -c $< -o $@

build/asan/obj/%.o: %.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -MMD -MP -c $< -o $@

# Only src/config/sysconf.c is built with SYSCONFDIR; build/sysconfdir holds
# the value it was built with, so that another value rebuilds it.
SYSCONF_OBJ := build/obj/src/config/sysconf.o build/asan/obj/src/config/sysconf.o
$(SYSCONF_OBJ): ALL_CFLAGS += -DDH_SYSCONFDIR='"$(SYSCONFDIR)"'
$(SYSCONF_OBJ): build/sysconfdir
build/sysconfdir: FORCE
	@mkdir -p $(@D)
	@printf '%s\n' '$(SYSCONFDIR)' | cmp -s - $@ || printf '%s\n' '$(SYSCONFDIR)' >$@

build/dienhinh: $(OBJ)
	$(CC) $(ALL_CFLAGS) -o $@ $(OBJ) $(LIBS) -lm

build/asan/dienhinh: $(SAN_OBJ)
	$(CC) $(ALL_CFLAGS) $(SAN) -o $@ $(SAN_OBJ) $(LIBS) -lm

build/asan/tests/%: tests/unit/%.c $(SAN_LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -o $@ $< $(SAN_LIB_OBJ) $(LIBS) $(shell $(PKG_CONFIG) --cflags --libs cmocka) -lm

build/bench/%: tests/bench/%.c $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJ) $(LIBS) -lm

# The demo database `make run` opens; made once, kept between runs.
DEMO_DIR := var/demo
$(DEMO_DIR)/data.mdb: | build/dienhinh
	@mkdir -p $(DEMO_DIR)
	DIENHINH_TODAY=2021-09-15 ./build/dienhinh -d $(DEMO_DIR) --as tdkt demo --records 300

demo: deps build/dienhinh $(DEMO_DIR)/data.mdb

run: deps
	@$(MAKE) --no-print-directory build/dienhinh
	@$(MAKE) --no-print-directory $(DEMO_DIR)/data.mdb
	DIENHINH_TODAY=2021-09-15 ./build/dienhinh -d $(DEMO_DIR) --as tdkt

test: deps
	@$(MAKE) --no-print-directory build/dienhinh build/asan/dienhinh $(UNIT_BIN)
	@tests/run

unit: $(UNIT_BIN)
	@tests/run unit

lint:
	cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,performance,portability \
		--inline-suppr --suppress=missingIncludeSystem -Iinclude src
	clang-tidy --quiet $(SRC) -- $(filter-out -Werror,$(ALL_CFLAGS))

format:
	clang-format -i $(SRC) $(wildcard include/dienhinh/*.h) $(UNIT_SRC) $(BENCH_SRC)

bench: build/dienhinh $(BENCH_BIN)
	tests/bench/run
	tests/bench/ui.sh
	tests/bench/documents.sh

install: build/dienhinh
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/dienhinh
	install -m 755 build/dienhinh $(DESTDIR)$(PREFIX)/bin/dienhinh
	install -m 644 config/dienhinh.yaml $(DESTDIR)$(PREFIX)/share/dienhinh/dienhinh.yaml.example

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/dienhinh $(DESTDIR)$(PREFIX)/share/dienhinh/dienhinh.yaml.example

clean:
	rm -rf build

-include $(OBJ:.o=.d) $(SAN_OBJ:.o=.d)
