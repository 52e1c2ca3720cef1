# mlops-scaffold's own tasks. `make demo` and `make test` are the two commands in the README.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help setup demo test test-fast lint format lock lock-templates bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-15s %s\n", $$1, $$2}'

# Quiet by default: one line per step. `make setup V=1` shows every command and the installers' full log.
V ?= 0
Q := $(if $(filter 1,$(V)),,@)
QUIET := $(if $(filter 1,$(V)),,--quiet)
TO_LOG := $(if $(filter 1,$(V)),,>/dev/null)
# uv installs the lock in seconds: the one on PATH, else the hash-locked requirements/uv.txt, installed into
# .venv first. `make setup INSTALLER=pip` installs the same files, hashes checked, with pip alone.
INSTALLER ?= uv
UV_ON_PATH := $(shell command -v uv 2>/dev/null)
PIP := $(BIN)/python -m pip --disable-pip-version-check $(QUIET)

$(VENV)/.installed: requirements/test.txt requirements/uv.txt pyproject.toml $(wildcard package-lock.json)
	@echo "Installing requirements/test.txt into $(VENV) ($(if $(filter pip,$(INSTALLER)),pip,uv))..."
	$(Q)set -e; uv=$(if $(filter pip,$(INSTALLER)),,$(UV_ON_PATH)); \
	if [ ! -x $(BIN)/python ]; then \
		if [ -n "$$uv" ]; then "$$uv" venv $(QUIET) --python "$$(command -v $(PYTHON))" $(VENV); \
		else $(PYTHON) -m venv --without-pip $(VENV); fi; \
	fi; \
	if [ "$(INSTALLER)" != pip ] && [ -z "$$uv" ] && [ -x $(BIN)/uv ]; then uv=$(BIN)/uv; fi; \
	if [ "$(INSTALLER)" != pip ] && [ -z "$$uv" ]; then \
		if $(PYTHON) -m pip --version >/dev/null 2>&1; then pip="$(PYTHON) -m pip --python $(BIN)/python"; \
		else $(BIN)/python -m ensurepip $(TO_LOG); pip="$(BIN)/python -m pip"; fi; \
		if $$pip --disable-pip-version-check install $(QUIET) --require-hashes -r requirements/uv.txt; then uv=$(BIN)/uv; \
		else echo "uv could not be installed from requirements/uv.txt: installing with pip instead" >&2; fi; \
	fi; \
	if [ -n "$$uv" ]; then \
		"$$uv" pip sync $(QUIET) --python $(BIN)/python --require-hashes requirements/test.txt; \
		"$$uv" pip install $(QUIET) --python $(BIN)/python --no-deps --no-build-isolation -e .; \
	else \
		$(BIN)/python -m pip --version >/dev/null 2>&1 || $(BIN)/python -m ensurepip $(TO_LOG); \
		$(PIP) install --require-hashes -r requirements/test.txt; \
		$(PIP) install --no-deps --no-build-isolation -e .; \
	fi
	$(Q)if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --silent; fi
	$(Q)touch $@

setup: $(VENV)/.installed ## Create .venv with the tool and its pinned test tools

demo: setup ## Set up, then generate, train and serve a demo project in ./demo
	$(BIN)/python scripts/demo.py demo

test: setup ## Run the whole test suite, end-to-end tests included
	$(BIN)/python -m pytest -n 2 --dist loadscope $(PYTEST_ARGS)

test-fast: setup ## Skip the slow end-to-end tests
	$(BIN)/python -m pytest -n 2 --dist loadscope -m "not e2e" $(PYTEST_ARGS)

lint: setup ## ruff on the tool's code, mypy --strict on src
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts
	$(BIN)/mypy --strict src

format: setup ## Format the tool's code
	$(BIN)/ruff check --fix src tests bench scripts
	$(BIN)/ruff format src tests bench scripts

lock: setup ## Refresh the tool's pinned, hashed test environment (and the uv that installs it)
	$(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
		--generate-hashes --quiet -o requirements/test.txt
	$(BIN)/uv pip compile requirements/uv.in --universal --python-version 3.11 \
		--generate-hashes --quiet -o requirements/uv.txt

lock-templates: setup ## Refresh the generated projects' locks shipped in templates/
	$(BIN)/python scripts/lock_template_requirements.py

bench: setup ## Run the benchmarks (minutes; prints figures)
	$(BIN)/python bench/new.py
	$(BIN)/python bench/doctor.py
	$(BIN)/python bench/serve.py
	$(BIN)/python bench/doctor.py corpus  # needs the snapshots: it names each `fetch` to run

clean: ## Remove the virtual environment and caches (never ./demo)
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache
