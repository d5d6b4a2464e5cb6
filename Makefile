# rapport: two commands for a newcomer.
#   make run    installs what is missing, builds, opens the dashboard
#   make test   installs what is missing, builds, runs every test
#   make stress the long reliability runs (kills, fuzzing, load), with figures
SWIFT ?= swift
PACKAGES := libncursesw5-dev libsqlite3-dev tmux
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test stress build release deps bench clean

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

stress: deps
	./scripts/stress.sh

clean:
	rm -rf .build
