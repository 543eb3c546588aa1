# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
export PYTHONDONTWRITEBYTECODE :=

.PHONY: run test lint typecheck validate bench screenshots package clean golden

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/guidance-app

validate: $(STAMP)
	$(BIN)/guidance-app validate

lint: $(STAMP)
	$(BIN)/ruff check guidance_app tests build_scripts

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP) lint typecheck
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	PYTHONDONTWRITEBYTECODE= $(BIN)/python build_scripts/bench_load.py
	QT_QPA_PLATFORM=offscreen PYTHONDONTWRITEBYTECODE= $(BIN)/python build_scripts/bench.py
	$(BIN)/python build_scripts/bench_startup.py

screenshots: $(STAMP)
	$(BIN)/python build_scripts/screenshots.py build/screenshots

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

golden: $(STAMP)
	$(BIN)/python build_scripts/update_golden.py
