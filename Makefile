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

PKGS := ncursesw lmdb yaml-0.1 libutf8proc libzip cairo pangocairo libsodium xlsxwriter expat
# Debian packages the build, the tests and the benchmarks need.
DEB_PKGS := build-essential pkg-config libncurses-dev liblmdb-dev libyaml-dev \
	libutf8proc-dev libcmocka-dev tmux lmdb-utils sqlite3 cppcheck clang-tidy \
	libzip-dev libcairo2-dev libpango1.0-dev fonts-liberation2 poppler-utils libxml2-utils unzip \
	libsodium-dev clang libclang-rt-14-dev python3 libxlsxwriter-dev libexpat1-dev

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

# libFuzzer targets (tests/fuzz/): clang, the library built apart under
# build/fuzz/ with the fuzzer's coverage hooks, ASan and UBSan. -Werror
# stays with gcc's build (clang warns on a few things gcc accepts); the
# targets themselves are held to it. Field tables whose entries stop before
# a form field's last members (.bind, .invalid: zero by C's rule) are what
# clang's -Wmissing-field-initializers names and gcc's does not (it reads an
# entry under [INDEX] = as designated), so clang's is off here.
FUZZ_CC := clang
FUZZ_SECONDS ?= 60
FUZZ_TARGETS := $(patsubst tests/fuzz/fuzz_%.c,%,$(sort $(wildcard tests/fuzz/fuzz_*.c)))
FUZZ_BIN := $(FUZZ_TARGETS:%=build/fuzz/fuzz_%)
FUZZ_CFLAGS := -std=c17 -D_GNU_SOURCE -DDH_VERSION='"$(VERSION)"' -Iinclude $(filter-out -Werror,$(WARN)) \
	$(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null) -O1 -g -fno-omit-frame-pointer \
	-fno-sanitize-recover=all -Wno-format-nonliteral -Wno-missing-field-initializers
FUZZ_LIB_OBJ := $(LIB_SRC:%.c=build/fuzz/obj/%.o)

.PHONY: all help deps run test unit cli e2e lint format install uninstall bench clean demo FORCE \
	fuzz fuzz-build fuzz-ci fuzz-seeds

all: build/dienhinh

help:
	@echo "make run      set up, build, open the app on a local demo database"
	@echo "make test     unit tests (ASan+UBSan), command-line and terminal tests"
	@echo "make deps     install the Debian packages the build needs"
	@echo "make lint     cppcheck and clang-tidy"
	@echo "make bench    benchmarks (tests/bench/run, ui.sh, stats.sh, documents.sh)"
	@echo "make fuzz     libFuzzer targets, FUZZ_SECONDS=$(FUZZ_SECONDS) each (fuzz-ci: 20)"
	@echo "make install  PREFIX=$(PREFIX) DESTDIR= SYSCONFDIR=$(SYSCONFDIR) STATEDIR=$(STATEDIR)"
	@echo "              GROUP=$(GROUP) INSTALL_OWNER=auto|yes|no (set-group-id install, README)"

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

# tests/cli/setgid.sh: the program with its installed config under
# SETGID_SYSCONFDIR (the test's own folder), relinked every time.
build/setgid/dienhinh: $(filter-out build/obj/src/config/sysconf.o,$(OBJ)) FORCE
	@test -n "$(SETGID_SYSCONFDIR)" || { echo "SETGID_SYSCONFDIR=DIR is needed" >&2; exit 2; }
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -DDH_SYSCONFDIR='"$(SETGID_SYSCONFDIR)"' -c src/config/sysconf.c -o $(@D)/sysconf.o
	$(CC) $(ALL_CFLAGS) -o $@ $(filter-out build/obj/src/config/sysconf.o,$(OBJ)) $(@D)/sysconf.o $(LIBS) -lm

build/asan/tests/%: tests/unit/%.c $(SAN_LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -O1 $(SAN) -o $@ $< $(SAN_LIB_OBJ) $(LIBS) $(shell $(PKG_CONFIG) --cflags --libs cmocka) -lm

build/fuzz/obj/%.o: %.c
	@mkdir -p $(@D)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -MMD -MP -c $< -o $@

# An archive, so a target links only the objects it reaches.
build/fuzz/libdienhinh.a: $(FUZZ_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $(FUZZ_LIB_OBJ)

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h build/fuzz/libdienhinh.a
	$(FUZZ_CC) $(FUZZ_CFLAGS) -Werror -fsanitize=fuzzer,address,undefined -o $@ $< build/fuzz/libdienhinh.a \
		$(LIBS) -lm

build/fuzz/seed_records: tests/fuzz/seed_records.c $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(LIB_OBJ) $(LIBS) -lm

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
	@$(MAKE) --no-print-directory build/dienhinh build/asan/dienhinh $(UNIT_BIN) $(FUZZ_BIN)
	@tests/run

unit: $(UNIT_BIN)
	@tests/run unit

fuzz-build: $(FUZZ_BIN)

# Each target replays its regression inputs, then fuzzes FUZZ_SECONDS; the
# last line of libFuzzer's report is shown, the whole log on a failure.
fuzz: deps
	@$(MAKE) --no-print-directory fuzz-build
	@fail=0; for t in $(FUZZ_TARGETS); do \
		if tests/fuzz/run $$t $(FUZZ_SECONDS) >build/fuzz/$$t.log 2>&1; then \
			printf 'ok   fuzz/%-7s %s\n' $$t "$$(grep -E '^#[0-9]+.*DONE' build/fuzz/$$t.log | tail -n 1)"; \
		else \
			printf 'FAIL fuzz/%s (build/fuzz/%s.log)\n' $$t $$t; tail -n 40 build/fuzz/$$t.log; fail=1; \
		fi; \
	done; exit $$fail

fuzz-ci:
	@$(MAKE) --no-print-directory fuzz FUZZ_SECONDS=20

# The record codec's seeds, written again from the current format.
fuzz-seeds: build/fuzz/seed_records
	build/fuzz/seed_records tests/fuzz/corpus/record

lint:
	cppcheck --quiet --error-exitcode=1 --std=c11 --enable=warning,performance,portability \
		--inline-suppr --suppress=missingIncludeSystem -Iinclude src
	clang-tidy --quiet $(SRC) -- $(filter-out -Werror,$(ALL_CFLAGS))

format:
	clang-format -i $(SRC) $(wildcard include/dienhinh/*.h) $(UNIT_SRC) $(BENCH_SRC)

bench: build/dienhinh $(BENCH_BIN)
	tests/bench/run
	tests/bench/ui.sh
	tests/bench/stats.sh
	tests/bench/documents.sh

# The set-group-id pattern of shared score files (DESIGN.md §11, README):
#   PREFIX/bin/dienhinh                root:GROUP 2755
#   STATEDIR                           root:GROUP 2770, with empty data.mdb and
#                                      lock.mdb root:GROUP 0660 (so that no user
#                                      ever owns them; kept when present)
#   SYSCONFDIR/dienhinh/dienhinh.yaml  the example with storage.path STATEDIR,
#                                      0644; never overwritten
#   PREFIX/share/dienhinh/dienhinh.yaml.example
# INSTALL_OWNER: yes creates GROUP (groupadd --system) when missing and sets
# the owners, which needs root; no sets the modes only and leaves owners to
# a packager; auto, the default, is yes for root and no otherwise. DESTDIR
# does not change it: a DESTDIR install by root sets the owners as well.
install: build/dienhinh
	@set -e; \
	case "$(INSTALL_OWNER)" in \
	yes) own=yes ;; no) own=no ;; \
	auto) if [ "$$(id -u)" = 0 ]; then own=yes; else own=no; fi ;; \
	*) echo "INSTALL_OWNER must be auto, yes or no" >&2; exit 2 ;; \
	esac; \
	o=""; \
	if [ $$own = yes ]; then \
		if ! getent group $(GROUP) >/dev/null; then \
			echo "groupadd --system $(GROUP)"; groupadd --system $(GROUP); \
		fi; \
		o="-o root -g $(GROUP)"; \
	fi; \
	install -d -m 755 $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/dienhinh \
		$(DESTDIR)$(SYSCONFDIR)/dienhinh; \
	install -m 2755 $$o build/dienhinh $(DESTDIR)$(PREFIX)/bin/dienhinh; \
	install -m 644 config/dienhinh.yaml $(DESTDIR)$(PREFIX)/share/dienhinh/dienhinh.yaml.example; \
	install -d -m 2770 $$o $(DESTDIR)$(STATEDIR); \
	for f in data.mdb lock.mdb; do \
		[ -e $(DESTDIR)$(STATEDIR)/$$f ] || install -m 660 $$o /dev/null $(DESTDIR)$(STATEDIR)/$$f; \
	done; \
	conf=$(DESTDIR)$(SYSCONFDIR)/dienhinh/dienhinh.yaml; \
	if [ -e "$$conf" ]; then \
		echo "$$conf: kept as it is (the new example is in $(PREFIX)/share/dienhinh)"; \
	else \
		sed '/^storage:/,/^[^ #]/ s|^\(  path:\).*|\1 $(STATEDIR)   # make install: root:$(GROUP) 2770|' \
			config/dienhinh.yaml >"$$conf.new"; \
		grep -q '^  path: $(STATEDIR) ' "$$conf.new" || { rm -f "$$conf.new"; \
			echo "config/dienhinh.yaml: no storage.path line to set" >&2; exit 1; }; \
		chmod 644 "$$conf.new"; mv "$$conf.new" "$$conf"; \
		echo "$$conf: written; add the staff to people: in it"; \
	fi

# The data and the config stay: they are the office's, not the program's.
uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/dienhinh $(DESTDIR)$(PREFIX)/share/dienhinh/dienhinh.yaml.example
	rmdir $(DESTDIR)$(PREFIX)/share/dienhinh 2>/dev/null || true
	@echo "kept: $(DESTDIR)$(SYSCONFDIR)/dienhinh/dienhinh.yaml and the data in $(DESTDIR)$(STATEDIR)"

clean:
	rm -rf build

-include $(OBJ:.o=.d) $(SAN_OBJ:.o=.d) $(FUZZ_LIB_OBJ:.o=.d)
