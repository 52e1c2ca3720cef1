# mlops-scaffold's own tasks. `make demo` and `make test` are the two commands in the README.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PYTEST_ARGS ?=

.DEFAULT_GOAL := help
.PHONY: help setup demo test test-fast lint format lock lock-templates bench clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  %-15s %s\n", $$1, $$2}'

$(VENV)/.installed: requirements/test.txt pyproject.toml $(wildcard package-lock.json)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/test.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --silent; fi
	touch $@

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

lock: setup ## Refresh the tool's pinned, hashed test environment
	$(BIN)/uv pip compile pyproject.toml --extra test --universal --python-version 3.11 \
		--generate-hashes --quiet -o requirements/test.txt

lock-templates: setup ## Refresh the generated projects' locks shipped in templates/
	$(BIN)/python scripts/lock_template_requirements.py

bench: setup ## Run the benchmarks (minutes; prints figures)
	$(BIN)/python bench/new.py
	$(BIN)/python bench/doctor.py
	$(BIN)/python bench/serve.py

clean: ## Remove the virtual environment and caches (never ./demo)
	rm -rf $(VENV) node_modules .pytest_cache .ruff_cache
