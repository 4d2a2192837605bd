# The two commands a fresh clone needs: `make generate` and `make test`.
# Each first creates .venv with the pinned tools from requirements.txt.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PIP := $(BIN)/python -m pip --quiet --disable-pip-version-check

.PHONY: generate check lint test test-fast install clean bench bench-runtime bench-typecheck format fuzz docs golden

$(STAMP): requirements.txt pyproject.toml package.json package-lock.json
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -r requirements.txt
	$(PIP) install --no-deps -e .
	# The pinned pyright the tests run (tests/test_pyright.py), from the npm registry.
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

install: $(STAMP)

## Regenerate the committed bindings in generated/.
generate: $(STAMP)
	$(BIN)/codegen

## What CI runs before the tests: the linter, mypy --strict over all the project's
## Python (pyproject.toml's [tool.mypy]), and a failure if generated/ is stale.
check: $(STAMP) lint
	$(BIN)/mypy
	$(BIN)/codegen --check

## The linter over everything that is Python (generated code aside).
lint: $(STAMP)
	$(BIN)/ruff check --quiet .

## Run every test: unit, golden output, round trips, hypothesis, mypy --strict, black.
test: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile

## Rewrite the expected golden output (tests/golden/expected) and layout cases
## (tests/layout_cases) from the current generator; review the diff, then commit it.
golden: $(STAMP)
	$(BIN)/python -m pytest -q -p no:xdist tests/test_golden.py tests/test_layout_cases.py --update-golden

## The inner loop (under a minute on 2 cores): every test but the slow tiers, the
## markers registered in pyproject.toml. `make test` (CI) runs them all.
SLOW_TIERS := catalogue or wholeservice or fuzz or mypy or sphinx or browser or precommit or pyright or slow
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n auto --dist loadfile -m "not ($(SLOW_TIERS))"

## Format the generator's own code (the tests check it).
format: $(STAMP)
	$(BIN)/ruff check --quiet --fix --select I .
	$(BIN)/black codegen tests benchmarks docs

## The user guide and the HTML reference of generated/ (or DOCS_PACKAGE=DIR) in build/docs/
## (or DOCS_OUT=DIR), warnings as errors; DOCS_JOBS=N reads and writes pages in N processes.
## The reference alone, of any project's output, is `codegen docs` (codegen/reference/).
## $$CODEGEN_DOCS_PACKAGE works as DOCS_PACKAGE does.
docs: $(STAMP)
	$(BIN)/python docs/build.py --strict $(if $(DOCS_PACKAGE),--package $(DOCS_PACKAGE)) $(if $(DOCS_OUT),--out $(DOCS_OUT)) $(if $(DOCS_JOBS),-j $(DOCS_JOBS))

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .hypothesis

## Benchmarks against the catalogue targets (prints a table; see docs/guide/performance.rst).
bench: $(STAMP)
	$(BIN)/python benchmarks/bench.py --compare

## A long fuzz run: FUZZ_MODELS random models from FUZZ_SEED, and the reST check on
## more whole services (see docs/guide/architecture.rst). `make test` runs 30 models.
FUZZ_MODELS ?= 1000
FUZZ_SEED ?= 0
fuzz: $(STAMP)
	CODEGEN_FUZZ_MODELS=$(FUZZ_MODELS) CODEGEN_FUZZ_SEED=$(FUZZ_SEED) \
	CODEGEN_REST_SERVICES=ec2,s3,sagemaker,iam,quicksight \
	$(BIN)/python -m pytest -q tests/test_fuzz.py tests/test_fuzz_regressions.py tests/test_rest.py

## The runtime against pydantic v2, msgspec and a plain dict walk (see docs/guide/performance.rst).
bench-runtime: $(STAMP)
	$(PIP) install -r benchmarks/requirements.txt
	$(BIN)/python benchmarks/bench_runtime.py
	$(BIN)/python benchmarks/to_dict_floor.py

## Type-checking a user's script with these bindings against boto3-stubs: mypy --strict
## and pyright strict, cold, side by side, and the bindings without their .pyi as a third side
## (see docs/guide/performance.rst). Its venvs are kept in .codegen-cache/typecheck-bench/.
bench-typecheck: $(STAMP)
	$(BIN)/python benchmarks/typecheck_bench.py --variant no-stubs
