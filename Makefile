# The two commands a fresh clone needs: `make generate` and `make test`.
# Each first creates .venv with the pinned tools from requirements.txt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check

.PHONY: generate check test install clean bench bench-runtime format

$(STAMP): requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -e .
	touch $@

install: $(STAMP)

## Regenerate the committed bindings in generated/.
generate: $(STAMP)
	$(BIN)/codegen

## Fail if generated/ is stale (what CI runs before the tests).
check: $(STAMP)
	$(BIN)/codegen --check

## Run every test: unit, golden output, round trips, hypothesis, mypy --strict, black.
test: $(STAMP)
	$(BIN)/python -m pytest

## Format the generator's own code (the tests check it).
format: $(STAMP)
	$(BIN)/black codegen tests benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .hypothesis

## Benchmarks against the catalogue targets (prints a table; see README).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py --compare

## The runtime against pydantic v2, msgspec and a plain dict walk (see README).
bench-runtime: $(STAMP)
	$(PIP) install -r benchmarks/requirements.txt
	$(BIN)/python benchmarks/bench_runtime.py
