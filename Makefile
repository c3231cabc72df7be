# perfeval — two targets a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PLUGINS := $(wildcard plugins/perfeval-*)
EXAMPLES := examples/*/*.toml

.PHONY: setup demo test test-fast lint dist smoke bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml $(wildcard plugins/*/pyproject.toml)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test,dev]' $(foreach p,$(PLUGINS),-e '$(p)[test]')
	touch $@

## Score, review and export the shipped evaluations (13 如皋 2024, 3 national), with a summary
## and the review site (its pages linked to the Word documents).
demo: setup
	$(BIN)/perfeval score $(EXAMPLES)
	$(BIN)/perfeval check $(EXAMPLES)
	$(BIN)/perfeval export $(EXAMPLES) --format docx -o out/docx --force
	$(BIN)/perfeval export $(EXAMPLES) --format xlsx -o out/xlsx --force
	$(BIN)/perfeval export $(EXAMPLES) --format json -o out/json --force
	$(BIN)/perfeval batch examples --summary out/summary.xlsx --force
	$(BIN)/perfeval batch examples --export docx -o out/docx --force --report out/site >/dev/null
	@echo "review site: $(CURDIR)/out/site/index.html"

## Run the whole test suite: core and every plugin.
test: setup
	$(BIN)/python -m pytest

## The suite without the slow fuzz and property tests, for a quick check while working.
test-fast: setup
	$(BIN)/python -m pytest -m "not slow"

## Lint, format check and type check, as CI runs them.
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

## Build the sdist and wheel of every distribution into dist/, and check them.
dist: setup
	rm -rf dist
	$(BIN)/python -m build --outdir dist . $(foreach p,$(PLUGINS),&& $(BIN)/python -m build --outdir dist $(p)) >/dev/null
	$(BIN)/twine check --strict dist/*

## Install the wheels (not editable) into a fresh venv and use them as a user would.
smoke: dist
	$(BIN)/python tools/smoke.py dist

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) out dist .pytest_cache .hypothesis
