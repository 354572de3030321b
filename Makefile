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

.PHONY: help run test venv install install-dev migrate seed lint format clean serve backup restore node-tools lighthouse bench-load superuser messages

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
run: export DJANGO_SITE_URL ?= http://$(HOST):$(PORT)
run: install ## Set everything up (venv, install, migrate, seed, static) and serve on 127.0.0.1:8000
	mkdir -p var/static
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_seed
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) manage.py runserver $(HOST):$(PORT)

# The first admin account, on the database `make run` uses (or DATABASE_URL's). Debug on like
# `make run`, so no secret key is needed; it asks for the name, e-mail and password, or takes
# them from DJANGO_SUPERUSER_USERNAME, DJANGO_SUPERUSER_EMAIL and DJANGO_SUPERUSER_PASSWORD.
superuser: export DJANGO_DEBUG ?= 1
superuser: install ## Create an admin account for /admin/ (migrates first)
	mkdir -p var/static
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) manage.py createsuperuser $(if $(DJANGO_SUPERUSER_PASSWORD),--noinput)

# Production-like: DEBUG off, collectstatic, then the container's command (`manage.py serve`:
# nginx in front of gunicorn, issue 12). Plain HTTP on 127.0.0.1, so the HTTPS redirect is off;
# a throwaway secret key unless you export one.
SERVE_PORT ?= 8001
SERVE_RUN_DIR ?= var/serve/$(SERVE_PORT)
serve: export DJANGO_DEBUG =
serve: export DJANGO_SECRET_KEY ?= $(shell $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' 2>/dev/null)
serve: export DJANGO_ALLOWED_HOSTS ?= 127.0.0.1,localhost
serve: export DJANGO_SECURE_SSL_REDIRECT ?= 0
serve: export DJANGO_SITE_URL ?= http://$(HOST):$(SERVE_PORT)
serve: export WEB_CONCURRENCY ?= 2
serve: install ## Production-like local server: migrate, collectstatic, nginx + gunicorn on 127.0.0.1:8001
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { echo "make serve needs nginx: apt-get install nginx" >&2; exit 1; }
	mkdir -p var/static
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_seed
	$(PY) manage.py collectstatic --noinput --verbosity 0
	exec $(PY) manage.py serve --listen $(HOST):$(SERVE_PORT) --run-dir $(SERVE_RUN_DIR)

# The settings need a secret key to load; backups sign nothing, so any key will do.
backup restore: export DJANGO_SECRET_KEY ?= $(shell $(PY) -c 'import secrets; print(secrets.token_urlsafe(50))' 2>/dev/null)
backup: install ## Back up DATABASE_URL's database to var/backups/ (or BACKUP=path)
	$(PY) -m eca_site.lib.backup backup $(BACKUP)

restore: install ## Replace DATABASE_URL's database with BACKUP=path (YES=1: no question)
	@test -n "$(BACKUP)" || { echo "Usage: make restore BACKUP=var/backups/<file> [YES=1]" >&2; exit 2; }
	$(PY) -m eca_site.lib.backup restore "$(BACKUP)" $(if $(YES),--yes)

test: export DJANGO_SECRET_KEY ?= $(TEST_SECRET_KEY)
test: install-dev node-tools ## Run the whole test suite (SQLite unless DATABASE_URL is set)
	mkdir -p var/static
	$(PY) -m pytest $(PYTEST_ARGS)

# The languages of settings.LANGUAGES but English (the source language).
CATALOGUE_LANGUAGES := bg cs de es fi fr hu lt lv nl pl pt ro sk
messages: export DJANGO_SECRET_KEY ?= $(TEST_SECRET_KEY)
messages: install-dev ## Update the translation catalogues (locale/) from the code, then compile them (needs GNU gettext)
	$(PY) manage.py taxonomy_messages
	$(PY) manage.py makemessages --no-obsolete --add-location=file $(foreach l,$(CATALOGUE_LANGUAGES),-l $(l)) \
	  --ignore='.venv/*' --ignore='node_modules/*' --ignore='var/*' --ignore='tests/*'
	$(PY) manage.py compile_catalogues

lint: install-dev ## ruff check and format check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install-dev ## Format and autofix with ruff
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean: ## Remove the virtualenv and local data (var/)
	rm -rf $(VENV) var

.PHONY: bench
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/eca_bench
BENCH_ORGANISATIONS ?= 10000
bench: export DATABASE_URL = $(BENCH_DATABASE_URL)
bench: export DJANGO_SECRET_KEY ?= $(TEST_SECRET_KEY)
bench: export DJANGO_ALLOWED_HOSTS = testserver
bench: export DJANGO_SECURE_SSL_REDIRECT = 0
bench: export DJANGO_PAGE_CACHE_SECONDS = 0  # uncached by default; the script turns the page cache on for its "cached" column
bench: export DJANGO_STATICFILES_STORAGE = django.contrib.staticfiles.storage.StaticFilesStorage
bench: install ## p50/p95 server time of every page (uncached cold/warm, cached, static file) on PostgreSQL with 10,000 demo profiles
	@db="$${DATABASE_URL##*/}"; admin="$${DATABASE_URL%/*}/postgres"; \
	if [ -z "$$(psql "$$admin" -tAc "SELECT 1 FROM pg_database WHERE datname = '$$db'")" ]; then \
	  psql "$$admin" -qc "CREATE DATABASE \"$$db\""; \
	fi
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) manage.py load_seed
	$(PY) manage.py generate_demo_data --organisations $(BENCH_ORGANISATIONS) --force
	psql "$$DATABASE_URL" -qc "VACUUM ANALYZE"
	$(PY) manage.py collectstatic --noinput --verbosity 0
	$(PY) tests/bench/directory.py $(BENCH_ARGS)

# axe-core (browser accessibility tests) and Lighthouse, pinned in package-lock.json.
node_modules/axe-core:
	npm ci --no-audit --no-fund

# The W3C Nu HTML checker (tests/eca_site/test_html_validity.py), added later: a checkout that
# has axe-core already installs it too.
node_modules/vnu-jar:
	npm ci --no-audit --no-fund

node-tools: node_modules/axe-core node_modules/vnu-jar ## Install the pinned npm test tools (axe-core, Lighthouse, vnu-jar) once

lighthouse: export DJANGO_SECRET_KEY ?= $(TEST_SECRET_KEY)
lighthouse: install node-tools ## Lighthouse scores of the key pages against gunicorn (production settings)
	$(PY) tests/lighthouse/run.py

bench-load: export DJANGO_SECRET_KEY ?= $(TEST_SECRET_KEY)
bench-load: install ## Load benchmark: wrk against gunicorn on PostgreSQL (eca_bench), pages vs a static file
	$(PY) tests/bench/load.py $(BENCH_ARGS)

# Background tasks (issue 17). `make run` needs no worker: in development DJANGO_TASKS_BACKEND
# defaults to `immediate` (a task runs in the process that enqueues it). To try the production
# queue locally: `DJANGO_TASKS_BACKEND=database make run` in one terminal, `make worker` in another.
.PHONY: worker
worker: export DJANGO_DEBUG ?= 1
worker: export DJANGO_TASKS_BACKEND = database
worker: install ## Run a background worker (django-tasks-db) on DATABASE_URL's queue: e-mail, digests
	$(PY) manage.py migrate --noinput
	$(PY) manage.py db_worker --queue-name '*'

# The digest at scale (issue 17): time and queries per digest for 100, 1,000 and 10,000
# subscribers on PostgreSQL, with the demo profiles of `make bench` as content.
.PHONY: bench-digest
BENCH_DIGEST_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/eca_bench_digest
bench-digest: export DATABASE_URL = $(BENCH_DIGEST_DATABASE_URL)
bench-digest: export DJANGO_SECRET_KEY ?= $(TEST_SECRET_KEY)
bench-digest: export DJANGO_LOG_LEVEL = WARNING
bench-digest: install ## Time and queries per digest as subscribers grow (100 / 1,000 / 10,000)
	@db="$${DATABASE_URL##*/}"; admin="$${DATABASE_URL%/*}/postgres"; \
	if [ -z "$$(psql "$$admin" -tAc "SELECT 1 FROM pg_database WHERE datname = '$$db'")" ]; then \
	  psql "$$admin" -qc "CREATE DATABASE \"$$db\""; \
	fi
	$(PY) manage.py migrate --noinput --verbosity 0
	$(PY) manage.py load_seed
	$(PY) manage.py generate_demo_data --organisations 2000 --events 0 --force
	$(PY) tests/bench/digest.py $(BENCH_ARGS)
