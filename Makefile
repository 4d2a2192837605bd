# The two commands a fresh clone needs: `make generate` and `make test`.
# Each first creates .venv with the pinned tools from requirements.txt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check

.PHONY: generate check test test-fast install clean bench bench-runtime format fuzz docs

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
	$(BIN)/python -m pytest -n auto --dist loadfile

## The inner loop (under a minute on 2 cores): every test but the slow tiers, the
## markers registered in pyproject.toml. `make test` (CI) runs them all.
SLOW_TIERS := catalogue or wholeservice or fuzz or mypy or sphinx or browser or precommit
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile -m "not ($(SLOW_TIERS))"

## Format the generator's own code (the tests check it).
format: $(STAMP)
	$(BIN)/black codegen tests benchmarks docs

## HTML reference of generated/ (or DOCS_PACKAGE=DIR) in build/docs/ (or DOCS_OUT=DIR),
## warnings as errors; DOCS_JOBS=N reads and writes pages in N processes.
## $$CODEGEN_DOCS_PACKAGE works as DOCS_PACKAGE does.
docs: $(STAMP)
	$(BIN)/python docs/build.py --strict $(if $(DOCS_PACKAGE),--package $(DOCS_PACKAGE)) $(if $(DOCS_OUT),--out $(DOCS_OUT)) $(if $(DOCS_JOBS),-j $(DOCS_JOBS))

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .hypothesis

## Benchmarks against the catalogue targets (prints a table; see README).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py --compare

## A long fuzz run: FUZZ_MODELS random models from FUZZ_SEED, and the reST check on
## more whole services (see README). `make test` runs 30 models.
FUZZ_MODELS ?= 1000
FUZZ_SEED ?= 0
fuzz: $(STAMP)
	CODEGEN_FUZZ_MODELS=$(FUZZ_MODELS) CODEGEN_FUZZ_SEED=$(FUZZ_SEED) \
	CODEGEN_REST_SERVICES=ec2,s3,sagemaker,iam,quicksight \
	$(BIN)/python -m pytest -q tests/test_fuzz.py tests/test_fuzz_regressions.py tests/test_rest.py

## The runtime against pydantic v2, msgspec and a plain dict walk (see README).
bench-runtime: $(STAMP)
	$(PIP) install -r benchmarks/requirements.txt
	$(BIN)/python benchmarks/bench_runtime.py
	$(BIN)/python benchmarks/to_dict_floor.py
