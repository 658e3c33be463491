# Reinserción — `make help` lists the targets.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
STAMP := $(VENV)/.installed
PG_URL ?= postgres://postgres@127.0.0.1:5432/reinsercion

# The site and, beside it, the background task worker (TASKS_BACKEND=database); Ctrl-C stops both.
RUN_SITE = $(PY) manage.py db_worker & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT; \
	$(PY) manage.py runserver 127.0.0.1:8000

.DEFAULT_GOAL := help
.PHONY: help install demo serve migrate backup restore test test-sqlite test-postgres test-e2e lint bench check clean pdf-examples

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP) ## Create .venv and install the dependencies

migrate: install ## Apply database migrations
	$(PY) manage.py migrate --noinput

demo: migrate ## Load the demo data and serve the site at http://127.0.0.1:8000
	$(PY) manage.py demo
	@echo "Sitio público:  http://127.0.0.1:8000/"
	@echo "Equipo:         http://127.0.0.1:8000/equipo/"
	@echo "Red (socios):   http://127.0.0.1:8000/red/"
	@echo "Administración: http://127.0.0.1:8000/admin/"
	$(RUN_SITE)

serve: install ## Serve without reloading demo data
	$(RUN_SITE)

check: install ## Django system checks and migrations in step with models
	$(PY) manage.py check
	$(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=cms.settings.production SECRET_KEY=$$(head -c 48 /dev/urandom | base64) \
	  ALLOWED_HOSTS=example.org $(PY) manage.py check --deploy --fail-level WARNING

# The database and the private files (signed PDFs, signatures) together; docs/security.md.
backup: install ## Back up the database and the private files into backups/*.tar.gz (FILE=…)
	$(PY) manage.py backup $(FILE)

restore: install ## Restore the database and the private files from FILE=backups/….tar.gz
	@test -n "$(FILE)" || { echo "make restore FILE=backups/reinsercion-….tar.gz"; exit 1; }
	$(PY) manage.py restore "$(FILE)"

# The multi-node test needs PostgreSQL and Redis: it runs in test-postgres only.
test-sqlite: install ## The suite on SQLite (without browser flows)
	$(PY) -m pytest -m "not e2e and not multinode" -q

test-postgres: install ## The suite on PostgreSQL ($$PG_URL) and Redis; fails if either is unreachable
	$(PY) bench/require_postgres.py "$(PG_URL)"
	DATABASE_URL="$(PG_URL)" $(PY) -m pytest -m "not e2e" -q --create-db

# Each browser-flow file runs in its own process: a live-server test flushes the database,
# and migration-made rows (Wagtail root, groups, shipped instruments) must not leak between them.
test-e2e: install ## Browser flows in headless Chromium (/usr/bin/chromium)
	@files=$$(grep -rl "pytest.mark.e2e" tests --include="test_*.py" | sort); \
	  test -n "$$files" || { echo "No e2e tests found"; exit 1; }; \
	  for f in $$files; do $(PY) -m pytest -m e2e -q -p no:xdist "$$f" || exit 1; done

# CI (CI=true) or TEST_POSTGRES=1 adds the PostgreSQL run.
test: lint check test-sqlite ## Install and run the whole suite (SQLite; PostgreSQL too in CI)
	@if [ -n "$$CI" ] || [ -n "$$TEST_POSTGRES" ]; then $(MAKE) --no-print-directory test-postgres; fi
	@if [ -x /usr/bin/chromium ]; then $(MAKE) --no-print-directory test-e2e; \
	  elif [ -n "$$CI" ]; then echo "CI needs /usr/bin/chromium for the e2e flows"; exit 1; \
	  else echo "Sin /usr/bin/chromium: se omiten los flujos e2e (apt-get install chromium)."; fi

lint: install ## ruff check and format check; one-way imports and the cycle comments
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(PY) -m pytest -q -p no:xdist tests/test_dependencies.py

# National scale on PostgreSQL: creates/migrates $(BENCH_DB_URL), loads `demo` + `demo_scale`
# once (BENCH_CASES, BENCH_RECORDS), then gunicorn + wrk per page. See docs/performance.md.
BENCH_DB_URL ?= postgres://postgres@127.0.0.1:5432/reinsercion_bench
bench: install ## National-scale benchmark: gunicorn + wrk on PostgreSQL (docs/performance.md)
	@command -v wrk >/dev/null || { echo "make bench necesita wrk: apt-get install wrk (Debian/Ubuntu)"; exit 1; }
	$(PY) bench/require_postgres.py "$(BENCH_DB_URL)"
	DATABASE_URL="$(BENCH_DB_URL)" $(PY) bench/run.py

pdf-examples: install ## Regenerate the example PDFs in artifacts/pdf/ (look at them with pdftoppm)
	PDF_EXAMPLES=1 $(PY) -m pytest -q -p no:xdist tests/reinsercion/plans/test_plan_pdf.py tests/contratos/test_official_pdf.py tests/red/test_official_pdf.py \
	  tests/reinsercion/reports/test_follow_up_reports.py tests/reinsercion/reports/test_sentence_requests.py \
	  tests/reinsercion/reports/test_pena_mixta.py tests/reinsercion/cases/test_intake.py tests/cupos/test_consent_and_reports.py \
	  tests/reinsercion/indicators/test_pages.py::test_the_management_report_pdf

clean: ## Remove the virtualenv and the local SQLite database
	rm -rf $(VENV) db.sqlite3
