# Lai Châu Explorer — the two Quick-start commands:
#   make run    install what is missing, build, import content/, index, serve on :8080
#   make test   the same set-up, then every test (normal build and ASan/UBSan build)
# Other targets: build, asan, fuzz, bench, loadtest, data, format, format-check, clean.

SHELL := /bin/bash
BUILD      ?= build
ASAN_BUILD ?= build-asan
DATA       ?= data
HOST       ?= 127.0.0.1
PORT       ?= 8080
JOBS       ?= $(shell nproc)
FUZZ_SECONDS ?= 60

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Debian packages. Build: the compiler, CMake and the libraries the engine and
# server link. Test: clang (sanitizer and libFuzzer build), Chromium and
# Node.js (browser tests), wrk (load tests), Python's Xapian bindings
# (the indexing peer in the benchmark), nginx and openssl (the front door
# test, tests/deploy/).
BUILD_PACKAGES := g++ cmake ninja-build pkg-config libxapian-dev libcpp-httplib-dev zlib1g-dev libsqlitecpp-dev \
                  libsqlite3-dev catch2 libicu-dev nlohmann-json3-dev libssl-dev libyaml-cpp-dev \
                  libcli11-dev python3 libvips-dev libwebp-dev
TEST_PACKAGES  := clang clang-format libclang-rt-14-dev chromium wrk python3-xapian xapian-tools sqlite3 procps curl \
                  nginx openssl libimage-exiftool-perl python3-html5lib

.PHONY: run test build asan fuzz bench loadtest data deps deps-test web-deps format format-check clean

define install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -q && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing; \
	fi
endef

deps:
	$(call install_missing,$(BUILD_PACKAGES))

deps-test: deps
	$(call install_missing,$(TEST_PACKAGES))
	@command -v node >/dev/null && command -v npm >/dev/null || { \
	  $(SUDO) apt-get update -q && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends nodejs npm; }

# playwright-core for the browser tests, pinned by tests/web/package-lock.json.
web-deps: deps-test
	@cd tests/web && { [ -d node_modules/playwright-core ] || npm ci --no-audit --no-fund --loglevel=error; }

build: deps
	@cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLC_WERROR=ON >/dev/null
	@cmake --build $(BUILD) -j $(JOBS)

# Import content/ into the catalog and rebuild the search index.
data: build
	$(BUILD)/indexer/lc-indexer import content/ --data $(DATA)
	$(BUILD)/indexer/lc-indexer index --data $(DATA)

run: data
	@echo "Serving on http://$(HOST):$(PORT)/ (Ctrl-C stops)"
	$(BUILD)/api/lc-api --data $(DATA) --host $(HOST) --port $(PORT) --web web

test: deps-test web-deps format-check build
	cd $(BUILD) && ctest --output-on-failure -j 2 --timeout 600
	$(MAKE) --no-print-directory asan

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer,
# built with clang, which also builds the libFuzzer targets (each replays its
# saved corpus as a test).
asan: deps-test web-deps
	@CC=clang CXX=clang++ cmake -S . -B $(ASAN_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
	  -DLC_SANITIZE=ON -DLC_FUZZ=ON -DLC_WERROR=ON >/dev/null
	@cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --output-on-failure -j 2 --timeout 900 -LE slow

# Each fuzz target runs for FUZZ_SECONDS, growing its corpus in tests/fuzz/corpus/.
fuzz: asan
	tests/fuzz/run_fuzzers.sh $(ASAN_BUILD) $(FUZZ_SECONDS)

bench: build deps-test
	tests/bench/run_bench.sh $(BUILD)

loadtest: build deps-test
	tests/load/run_loadtest.sh $(BUILD) 60

# Every tracked C++ file as the repository's .clang-format writes it; `make test`
# (and so CI) fails on the first file that differs. `make format` rewrites them.
CXX_SOURCES = $(shell git ls-files '*.cpp' '*.h' 2>/dev/null)
format-check: deps-test
	@clang-format --dry-run --Werror $(CXX_SOURCES) && echo "clang-format: $(words $(CXX_SOURCES)) files formatted"

format:
	clang-format -i $(CXX_SOURCES)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
