# Countersign: `make demo` runs the whole review lifecycle on a built-in example,
# `make test` runs the tests. Both install what they need first.
SWIFT ?= swift
BUILD_FLAGS ?=
BIN = $(shell $(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/countersign

.PHONY: all build test demo deps bench clean install

all: build

deps:
	@scripts/ensure-deps

build: deps
	$(SWIFT) build $(BUILD_FLAGS)

test: deps
	@scripts/ensure-test-deps
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build $(BUILD_FLAGS)

demo: build
	@scripts/demo "$(BIN)"

install: build
	install -m 0755 "$(BIN)" /usr/local/bin/countersign

# Benchmarks (not tests): generates signed review repositories of BENCH_SIZES commits and measures
# countersign against git on them; see docs/performance.md. BENCH_SIZES=1000,10000,100000 adds 100k.
BENCH_SIZES ?= 1000,10000
BENCH_RUNS ?= 5
BENCH_TIMEOUT ?= 600
BENCH_DIR ?= .build/bench
BENCH_REPORT ?= $(BENCH_DIR)/results.md

bench: deps
	@scripts/ensure-bench-deps
	$(SWIFT) build -c release $(BUILD_FLAGS) --product countersign
	$(SWIFT) build -c release $(BUILD_FLAGS) --product countersign-bench
	"$$($(SWIFT) build -c release $(BUILD_FLAGS) --show-bin-path)/countersign-bench" run --sizes "$(BENCH_SIZES)" \
		--runs $(BENCH_RUNS) --timeout $(BENCH_TIMEOUT) --work "$(BENCH_DIR)" --report "$(BENCH_REPORT)"

clean:
	rm -rf .build
