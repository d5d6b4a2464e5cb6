# rapport: two commands for a newcomer.
#   make run    installs what is missing, builds, opens the dashboard
#   make test   installs what is missing, builds, runs every test, then the
#               Store contract again on PostgreSQL (scripts/run-tests.sh)
#               (pytools: Radicale and vdirsyncer from PyPI into .build/pyvenv;
#               PostgreSQL: a throwaway server for the run, Debian's package
#               installed when missing: scripts/test-with-postgres.sh)
#   make bench  release benchmarks at 1k, 10k, 100k contacts, on a file and on a throwaway
#               PostgreSQL server (tables + .build/bench/results.json)
#   make bench-peers  rapport against khard and abook on the same 10,000 contacts
#   make stress the long reliability runs (kills, fuzzing, load), with figures
#   make install   the release binary, man page and completions under $(DESTDIR)$(PREFIX)
#   make uninstall removes exactly what make install put there
SWIFT ?= swift
PACKAGES := libncursesw5-dev libsqlite3-dev tmux
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test stress build release deps pytools bench bench-peers clean install uninstall

deps:
	@missing=""; for p in $(PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	@./.build/release/rapport

# Radicale (a CardDAV server) and vdirsyncer for the CardDAV round trip test
# (CardDAVRoundTripTests), from PyPI into a venv of the checkout. When PyPI
# cannot be reached this says so and goes on: the test then prints a line and
# skips, except under CI=true, where it fails.
PYVENV := $(CURDIR)/.build/pyvenv
PYTOOLS := radicale vdirsyncer
pytools:
	@if [ -x $(PYVENV)/bin/radicale ] && [ -x $(PYVENV)/bin/vdirsyncer ]; then exit 0; fi; \
	if ! python3 -m venv --help >/dev/null 2>&1 || ! python3 -c 'import ensurepip' >/dev/null 2>&1; then \
	  $(MAKE) --no-print-directory deps PACKAGES="python3-venv"; fi; \
	{ [ -x $(PYVENV)/bin/pip ] || python3 -m venv $(PYVENV); } && \
	$(PYVENV)/bin/pip install -q --disable-pip-version-check --retries 1 --timeout 20 $(PYTOOLS) \
	|| echo "pytools: could not install $(PYTOOLS) from PyPI; the CardDAV round trip will be skipped (failed under CI=true)"

test: deps pytools
	$(SWIFT) build --build-tests
	RAPPORT_BIN=$(CURDIR)/.build/debug/rapport RAPPORT_PYVENV=$(PYVENV) SWIFT=$(SWIFT) \
	  ./scripts/test-with-postgres.sh ./scripts/run-tests.sh

BENCH_SIZES ?= 1000,10000,100000
# The PostgreSQL scenarios run on a throwaway server (scripts/test-with-postgres.sh),
# stopped and deleted afterwards, with PostgreSQL's default 128 MB of shared
# buffers rather than the tests' 16 MB; without a server they are skipped with a line.
bench: deps
	$(SWIFT) build -c release
	RAPPORT_PG_SHARED_BUFFERS=128MB ./scripts/test-with-postgres.sh ./.build/release/rapport-bench --sizes $(BENCH_SIZES)

bench-peers: deps
	$(SWIFT) build -c release
	./scripts/bench-peers.sh

stress: deps
	./scripts/stress.sh

clean:
	rm -rf .build

# Installing. PREFIX and DESTDIR as in GNU's conventions; NO_BUILD=1 installs
# the release binary already built (`make release && sudo make install NO_BUILD=1`,
# so that root does not build in the checkout). The man page and the
# completions are written by the binary itself, from its argument parser.
PREFIX ?= /usr/local
BINDIR = $(DESTDIR)$(PREFIX)/bin
MAN1DIR = $(DESTDIR)$(PREFIX)/share/man/man1
BASHDIR = $(DESTDIR)$(PREFIX)/share/bash-completion/completions
ZSHDIR = $(DESTDIR)$(PREFIX)/share/zsh/site-functions
FISHDIR = $(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d
RELEASE_BIN = .build/release/rapport
INSTALLED = $(BINDIR)/rapport $(MAN1DIR)/rapport.1 $(BASHDIR)/rapport $(ZSHDIR)/_rapport $(FISHDIR)/rapport.fish

install: $(if $(filter 1,$(NO_BUILD)),,release)
	@test -x $(RELEASE_BIN) || { echo "no $(RELEASE_BIN): run make release first"; exit 1; }
	install -d $(BINDIR) $(MAN1DIR) $(BASHDIR) $(ZSHDIR) $(FISHDIR)
	install -m 755 $(RELEASE_BIN) $(BINDIR)/rapport
	$(RELEASE_BIN) generate-manual > $(MAN1DIR)/rapport.1
	$(RELEASE_BIN) --generate-completion-script bash > $(BASHDIR)/rapport
	$(RELEASE_BIN) --generate-completion-script zsh > $(ZSHDIR)/_rapport
	$(RELEASE_BIN) --generate-completion-script fish > $(FISHDIR)/rapport.fish
	chmod 644 $(MAN1DIR)/rapport.1 $(BASHDIR)/rapport $(ZSHDIR)/_rapport $(FISHDIR)/rapport.fish

uninstall:
	rm -f $(INSTALLED)
