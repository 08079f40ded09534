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
	$(SWIFT) build --build-tests $(BUILD_FLAGS)
	$(SWIFT) test --skip-build $(BUILD_FLAGS)

demo: build
	@scripts/demo "$(BIN)"

install: build
	install -m 0755 "$(BIN)" /usr/local/bin/countersign

clean:
	rm -rf .build
