# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# Every runtime, dev and build dependency at an exact version with its hashes (`make lock`).
LOCK := requirements.lock
UV_VERSION := 0.13.9
LATEST_VENV := build/latest-env
PY_DIRS := guidance_app tests build_scripts dev_tools
export PYTHONDONTWRITEBYTECODE :=
# `make package ONEFILE=1`: one executable (dist/policy-guidance-onefile) instead of the folder.
ONEFILE ?=
ONEFILE_ON := $(filter-out 0 no false,$(ONEFILE))
# PyInstaller's own cache under build/ too, so `rm -rf build dist` really starts from scratch.
PYINSTALLER := PYINSTALLER_CONFIG_DIR=$(CURDIR)/build/pyinstaller-cache $(BIN)/pyinstaller

.PHONY: run test checks test-latest lock lint typecheck validate bench screenshots package clean \
	golden smoke-frozen bench-frozen

# The `bench` extra's packages: locked like the rest, installed only by `make bench`.
BENCH_ONLY := tantivy
# $(call lock_part,1): the lock's entries for BENCH_ONLY; $(call lock_part,0): all the others.
lock_part = awk -v want=$(1) -v names="$(BENCH_ONLY)" 'BEGIN { n = split(names, p, " ") } \
	/^[A-Za-z]/ { on = 0; for (i = 1; i <= n; i++) if (index($$0, p[i] "==") == 1) on = 1 } \
	on == want' $(LOCK)

# Installs exactly the lock (hashes checked), then the app itself without touching its dependencies.
$(STAMP): $(LOCK) pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(call lock_part,0) > $(VENV)/requirements-app.txt
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r $(VENV)/requirements-app.txt
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	@touch $(STAMP)

# Refresh the lock to the newest versions pyproject.toml allows (see README, "Dependencies").
lock:
	rm -rf build/lock-env
	$(PYTHON) -m venv build/lock-env
	build/lock-env/bin/python -m pip install --quiet uv==$(UV_VERSION)
	$(PYTHON) -c "import tomllib; print(*tomllib.load(open('pyproject.toml', 'rb'))['build-system']['requires'], sep='\n')" \
		| build/lock-env/bin/uv pip compile pyproject.toml - --all-extras --universal \
		--python-version 3.11 --generate-hashes --upgrade --custom-compile-command "make lock" \
		--quiet -o $(LOCK)

run: $(STAMP)
	$(BIN)/guidance-app

validate: $(STAMP)
	$(BIN)/guidance-app validate

lint: $(STAMP)
	$(BIN)/ruff check $(PY_DIRS)
	$(BIN)/ruff format --check $(PY_DIRS)

typecheck: $(STAMP)
	$(BIN)/mypy

test: $(STAMP)
	@$(MAKE) --no-print-directory checks

# Lint, type checks and the whole suite with the tools in $(BIN) (the locked .venv by default).
checks:
	$(BIN)/ruff check $(PY_DIRS)
	$(BIN)/ruff format --check $(PY_DIRS)
	$(BIN)/mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# The weekly drift check: a throwaway environment from pyproject.toml's ranges alone (the newest
# versions they allow today), then the same checks. Not part of .ci/run: it finds drift on purpose.
test-latest:
	rm -rf $(LATEST_VENV)
	$(PYTHON) -m venv $(LATEST_VENV)
	$(LATEST_VENV)/bin/python -m pip install --quiet --upgrade pip
	$(LATEST_VENV)/bin/python -m pip install --quiet --upgrade --upgrade-strategy eager -e ".[dev]"
	@echo "test-latest: newest allowed versions:"
	@$(LATEST_VENV)/bin/python -m pip list --format=freeze --exclude-editable | sed 's/^/  /'
	@$(MAKE) --no-print-directory checks BIN=$(LATEST_VENV)/bin

# Installs the `bench` extra first; without it (no wheel for this machine, offline) the bench says
# why and leaves that baseline out.
bench: $(STAMP)
	@$(call lock_part,1) > $(VENV)/requirements-bench.txt
	@$(BIN)/python -m pip install --quiet --require-hashes --no-deps \
		-r $(VENV)/requirements-bench.txt \
		|| echo "bench: the bench extra ($(BENCH_ONLY)) could not be installed (above)"
	PYTHONDONTWRITEBYTECODE= $(BIN)/python dev_tools/bench_load.py
	QT_QPA_PLATFORM=offscreen PYTHONDONTWRITEBYTECODE= $(BIN)/python dev_tools/bench.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python dev_tools/bench_keystroke.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python dev_tools/bench_import.py
	QT_QPA_PLATFORM=offscreen $(BIN)/python dev_tools/bench_author.py
	$(BIN)/python dev_tools/bench_startup.py

screenshots: $(STAMP)
	$(BIN)/python dev_tools/screenshots.py build/screenshots

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache

golden: $(STAMP)
	$(BIN)/python dev_tools/update_golden.py

# --- the frozen app (build_scripts/PACKAGING.md) ----------------------------------------------

package: $(STAMP)
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
	$(BIN)/python dev_tools/bench_frozen.py
