# The European cluster directory. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
HOST ?= 127.0.0.1
PORT ?= 8000
TEST_SECRET_KEY := throwaway-test-key-not-secret-0123456789-abcdefghijklmnopqrstuvwxyz

# Django 6.1 needs Python >= 3.12: take the first candidate that is new enough.
PYTHON_CANDIDATES := python3.13 python3.12 python3 $(wildcard $(HOME)/.pyenv/versions/3.1[2-9]*/bin/python3) $(wildcard /usr/local/bin/python3.1[2-9]) $(wildcard /usr/bin/python3.1[2-9])
find_python = $(firstword $(foreach p,$(PYTHON_CANDIDATES),$(shell $(p) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1 && echo $(p))))

.PHONY: help run test venv install install-dev migrate seed lint format clean node-tools lighthouse bench-load

help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  \033[36m%-14s\033[0m %s\n", $$1, $$2}'

$(PY):
	@python="$(call find_python)"; \
	if [ -z "$$python" ]; then \
	  echo "No Python >= 3.12 found (tried: $(PYTHON_CANDIDATES)). Django 6.1 needs Python 3.12 or newer: install one and run make again." >&2; \
	  exit 1; \
	fi; \
	echo "Creating $(VENV) with $$python ($$($$python --version))"; \
	$$python -m venv $(VENV)

venv: $(PY) ## Create the virtualenv (.venv) with a Python >= 3.12

$(VENV)/.installed: requirements.txt | $(PY)
	$(PIP) install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(PY)
	$(PIP) install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed ## Install the runtime requirements

install-dev: $(VENV)/.installed-dev ## Install runtime and test requirements

run: export DJANGO_DEBUG ?= 1
run: install ## Set everything up (venv, install, migrate, seed, static) and serve on 127.0.0.1:8000
	mkdir -p var/static
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_seed
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py runserver $(HOST):$(PORT)

test: export DJANGO_SECRET_KEY ?= $(TEST_SECRET_KEY)
test: install-dev node-tools ## Run the whole test suite (SQLite unless DATABASE_URL is set)
	mkdir -p var/static
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev ## Format and autofix with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean: ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) var

# axe-core (browser accessibility tests) and Lighthouse, pinned in package-lock.json.
node_modules/axe-core:
	npm ci --no-audit --no-fund

node-tools: node_modules/axe-core ## Install the pinned npm test tools (axe-core, Lighthouse) once

lighthouse: export DJANGO_SECRET_KEY ?= $(TEST_SECRET_KEY)
lighthouse: install node-tools ## Lighthouse scores of the key pages against gunicorn (production settings)
	$(PY) tests/lighthouse/run.py

bench-load: export DJANGO_SECRET_KEY ?= $(TEST_SECRET_KEY)
bench-load: install ## Load benchmark: wrk against gunicorn on PostgreSQL (eca_bench), pages vs a static file
	$(PY) tests/bench/load.py $(BENCH_ARGS)
