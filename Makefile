# rapport: two commands for a newcomer.
#   make run    installs what is missing, builds, opens the dashboard
#   make test   installs what is missing, builds, runs every test
#   make bench  release benchmarks at 1k, 10k, 100k contacts (table + .build/bench/results.json)
#   make bench-peers  rapport against khard and abook on the same 10,000 contacts
#   make stress the long reliability runs (kills, fuzzing, load), with figures
SWIFT ?= swift
PACKAGES := libncursesw5-dev libsqlite3-dev tmux
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test stress build release deps bench bench-peers clean

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

test: deps
	$(SWIFT) build --build-tests
	RAPPORT_BIN=$(CURDIR)/.build/debug/rapport $(SWIFT) test --skip-build

BENCH_SIZES ?= 1000,10000,100000
bench: deps
	$(SWIFT) build -c release
	./.build/release/rapport-bench --sizes $(BENCH_SIZES)

bench-peers: deps
	$(SWIFT) build -c release
	./scripts/bench-peers.sh

stress: deps
	./scripts/stress.sh

clean:
	rm -rf .build
