# One task runner. `make serve` is the main job, `make test` runs every test.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: setup chromium serve build validate test lint bench bench-targets bench-site bench-aging clean

# Create the virtual environment and install the package with its test tools.
setup: $(BIN)/tipkb
$(BIN)/tipkb: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[test]'
	@touch $@

# Debian's chromium for the browser tests and PDF handouts (Playwright drives it; it never
# downloads a browser), and a Chinese font so that Chinese pages and handouts print.
chromium:
	@{ command -v chromium >/dev/null 2>&1 && fc-list :lang=zh 2>/dev/null | grep -q . ; } || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq --no-install-recommends \
	    chromium fonts-noto-cjk; }

# Validate the corpus, build the site and serve it on http://127.0.0.1:8000 (rebuilds on edits).
serve: setup
	$(BIN)/tipkb validate
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

# Build the static site into site/ (strict: any warning fails).
build: setup
	$(BIN)/tipkb validate
	$(BIN)/mkdocs build --strict

validate: setup
	$(BIN)/tipkb validate

# Lint, validate, then every test (unit, site build, browser).
test: setup chromium
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/tipkb validate
	CI=$${CI:-} $(BIN)/pytest -q

lint: setup
	$(BIN)/ruff check .

# Benchmarks print Markdown tables; they are not part of the tests.
# The figures of issue 19 in one run, each table with the load average: whole-command update
# time (bench_update), phrase p95 (bench_search), plugin build / plain mkdocs (bench_site).
bench: setup
	$(BIN)/python benchmarks/bench_update.py --sizes 1000,10000
	$(BIN)/python benchmarks/bench_search.py --sizes 1000,10000
	$(BIN)/python benchmarks/bench_site.py --vs-files --sizes 1000 5000 --runs 2

# The same three figures against their targets, as one table with a verdict each (~25 min).
bench-targets: setup
	$(BIN)/python benchmarks/bench_targets.py

# tipkb index after each of 300 edits in a row at 10,000 entries: percentiles, the slowest
# update and the segments left (about 5 minutes).
bench-aging: setup
	$(BIN)/python benchmarks/bench_aging.py

# Site builds at 1,000, 5,000 and 10,000 entries: time, memory, size, bytes before the first
# search result in chromium.
bench-site: setup
	$(BIN)/python benchmarks/bench_site.py

clean:
	rm -rf build site .pytest_cache
