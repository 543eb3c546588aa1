# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BUILD_STAMP := $(VENV)/.installed-build
export PYTHONDONTWRITEBYTECODE :=
# `make package ONEFILE=1`: one executable (dist/policy-guidance-onefile) instead of the folder.
ONEFILE ?=
ONEFILE_ON := $(filter-out 0 no false,$(ONEFILE))
# PyInstaller's own cache under build/ too, so `rm -rf build dist` really starts from scratch.
PYINSTALLER := PYINSTALLER_CONFIG_DIR=$(CURDIR)/build/pyinstaller-cache $(BIN)/pyinstaller

.PHONY: run test lint typecheck validate bench screenshots package clean golden smoke-frozen \
	bench-frozen

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
	$(BIN)/ruff format --check guidance_app tests build_scripts

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

# --- the frozen app (build_scripts/PACKAGING.md) ----------------------------------------------

$(BUILD_STAMP): $(STAMP) pyproject.toml
	$(BIN)/python -m pip install --quiet -e ".[dev,build]"
	@touch $(BUILD_STAMP)

package: $(BUILD_STAMP)
	$(BIN)/python build_scripts/make_icons.py build/icons
	$(BIN)/python build_scripts/make_version_info.py build/version_info.txt
	GUIDANCE_APP_ONEFILE=$(if $(ONEFILE_ON),1,0) $(PYINSTALLER) --noconfirm --clean \
		--workpath build/pyinstaller --distpath dist build_scripts/guidance_app.spec
	$(MAKE) --no-print-directory smoke-frozen ONEFILE=$(ONEFILE)

smoke-frozen: $(STAMP)
	$(BIN)/python build_scripts/smoke_frozen.py $(if $(ONEFILE_ON),--onefile)

bench-frozen: $(STAMP)
	@test -x dist/PolicyGuidance/policy-guidance || { \
		echo "bench-frozen: dist/PolicyGuidance is missing; run 'make package' first." >&2; \
		exit 2; }
	$(BIN)/python build_scripts/bench_frozen.py
