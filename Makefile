# One command to set up and run the demo (make run), one to set up and run the tests (make test).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
EXAMPLE ?= examples/togglemaster-monolith
ARGS ?=
# the accuracy harness: label files in the corpus format and a folder of checkouts named like them
LABELS ?= ../shared/corpus/labels
REPOS ?= /tmp/twelve-corpus
ACCURACY_JSON ?= .accuracy/latest.json

.PHONY: run test test-fast lint bench bench-adversarial bench-scan accuracy accuracy-fixtures venv clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

venv: $(STAMP)

run: $(STAMP)
	@tmp=$$(mktemp -d) && \
	$(BIN)/python scripts/materialize.py $(EXAMPLE) $$tmp/$$(basename $(EXAMPLE)) && \
	$(BIN)/twelve check $$tmp/$$(basename $(EXAMPLE)) $(ARGS); status=$$?; rm -rf $$tmp; exit $$status

test: $(STAMP)
	$(BIN)/python -m pytest -q

# the quick loop: everything but the tests marked slow (real servers, worker pools, a browser)
test-fast: $(STAMP)
	$(BIN)/python -m pytest -q -m "not slow"

# ruff (lint and format) and mypy, as CI runs them
lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks scripts
	$(BIN)/ruff format --check src tests benchmarks scripts
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py $(ARGS)

# hostile inputs at 1x, 4x and 16x: time and peak memory of each (issue 11)
bench-adversarial: $(STAMP)
	$(BIN)/python benchmarks/adversarial.py $(ARGS)

# twelve scan over the example, the fixtures and 200 generated repositories (SQLite with 1, 2, N
# workers, reuse, PostgreSQL, the dashboard): ARGS="--count 50 --no-postgres" for a quick one
bench-scan: $(STAMP)
	$(BIN)/python benchmarks/bench_scan.py $(ARGS)

accuracy: $(STAMP)
	@if [ -x $(LABELS)/../layout.sh ]; then $(LABELS)/../layout.sh $(REPOS) >/dev/null || exit 2; fi
	$(BIN)/python benchmarks/accuracy.py $(LABELS) $(REPOS) --json $(ACCURACY_JSON) $(ARGS)

# the same harness on the project's own calibration repositories and their labels
accuracy-fixtures: $(STAMP)
	@$(BIN)/python scripts/layout_calibration.py /tmp/twelve-calibration >/dev/null
	$(BIN)/python benchmarks/accuracy.py tests/data/calibration/labels /tmp/twelve-calibration --json .accuracy/fixtures.json $(ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis build dist src/*.egg-info
