# Countersign: `make demo` runs the whole review lifecycle on a built-in example,
# `make test` runs the tests. Both install what they need first.
SHELL := /bin/bash
SWIFT ?= swift
BUILD_FLAGS ?=
BIN = $(shell $(SWIFT) build $(BUILD_FLAGS) --show-bin-path)/countersign

.PHONY: all build test demo deps bench fuzz clean install docs

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

# The rules part of docs/reference.md, from the rule catalogue; a test fails when it is stale.
docs: build
	@scripts/update-reference "$(BIN)"

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

# Fuzzing (not a test): libFuzzer drives each parser a push reaches from its seed corpus in
# fuzz/seeds, stopping at the first crash, input slower than 1 s, or memory past 2 GiB; see
# docs/performance.md. FUZZ_RUNS inputs per target (or FUZZ_SECONDS, whichever ends first).
FUZZ_TARGETS ?= sshsig armor policy review message anchor
FUZZ_RUNS ?= 100000
FUZZ_SECONDS ?= 600
FUZZ_DIR ?= .build/fuzz
FUZZ_FLAGS = -c release --build-path $(FUZZ_DIR) -Xswiftc -sanitize=fuzzer -Xswiftc -DFUZZING \
	-Xswiftc -Xclang-linker -Xswiftc -fuse-ld=lld -Xcc -fsanitize=fuzzer-no-link

fuzz: deps
	$(SWIFT) build $(FUZZ_FLAGS) --product countersign-fuzz
	@for target in $(FUZZ_TARGETS); do \
		mkdir -p "$(FUZZ_DIR)/corpus/$$target" "$(FUZZ_DIR)/findings/$$target"; \
		echo "== $$target"; \
		COUNTERSIGN_FUZZ_TARGET=$$target "$$($(SWIFT) build $(FUZZ_FLAGS) --show-bin-path)/countersign-fuzz" \
			-runs=$(FUZZ_RUNS) -max_total_time=$(FUZZ_SECONDS) -timeout=1 -rss_limit_mb=2048 -max_len=65536 \
			-print_final_stats=1 -artifact_prefix="$(FUZZ_DIR)/findings/$$target/" \
			"$(FUZZ_DIR)/corpus/$$target" fuzz/seeds/$$target 2>&1 | grep -E "^(#[0-9]+[[:space:]]+DONE|stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|==[0-9]+==|SUMMARY|Test unit written)" ; \
		test $${PIPESTATUS[0]} -eq 0 || exit 1; \
	done

clean:
	rm -rf .build
