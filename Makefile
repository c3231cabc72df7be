# perfeval — two targets a newcomer needs: `make demo` and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PLUGINS := $(wildcard plugins/perfeval-*)
EXAMPLES := examples/*/*.toml

.PHONY: setup demo test bench clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml $(wildcard plugins/*/pyproject.toml)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]' $(foreach p,$(PLUGINS),-e '$(p)[test]')
	touch $@

## Score, review and export the shipped evaluations (13 如皋 2024, 3 national), with a summary.
demo: setup
	$(BIN)/perfeval score $(EXAMPLES)
	$(BIN)/perfeval check $(EXAMPLES)
	$(BIN)/perfeval export $(EXAMPLES) --format docx -o out/docx --force
	$(BIN)/perfeval export $(EXAMPLES) --format xlsx -o out/xlsx --force
	$(BIN)/perfeval export $(EXAMPLES) --format json -o out/json --force
	$(BIN)/perfeval batch examples --summary out/summary.xlsx --force

## Run the whole test suite: core and every plugin.
test: setup
	$(BIN)/python -m pytest

bench: setup
	$(BIN)/python benchmarks/run.py

clean:
	rm -rf $(VENV) out .pytest_cache .hypothesis
