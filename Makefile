# Two commands for a newcomer: `make run` serves the demo, `make test` runs every check.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
PG_URL ?= postgresql+psycopg://postgres@127.0.0.1:5432/test
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test check lint lint-py lint-js typecheck format serve venv system-deps node-deps browser-deps office-deps bench-deps postgres bench clean

run: venv system-deps ## set up, migrate, load demo data into an empty database, serve
	$(PY) -m app.cli migrate
	$(PY) -m app.cli demo --if-empty
	@echo
	@echo "  Consenso: http://$(HOST):$(PORT)/"
	@$(PY) -m app.cli logins
	@echo
	$(PY) -m app.cli serve --host $(HOST) --port $(PORT)

# The suite in two parts: everything that runs in-process on parallel workers (pytest-xdist,
# PYTEST_WORKERS of them), then the tests marked `serial` (browsers, real servers, load) alone.
PYTEST_WORKERS ?= auto
test: venv system-deps browser-deps office-deps postgres lint typecheck ## linters, types + the whole suite on SQLite and PostgreSQL
	@if [ -f .pg-available ]; then \
	  echo "Running the suite on SQLite and PostgreSQL ($(PG_URL))"; export CONSENSO_TEST_DATABASE_URL=$(PG_URL); \
	else \
	  echo "PostgreSQL unreachable: running the suite on SQLite only"; \
	fi; \
	part() { $(PY) -m pytest --durations=8 "$$@" $(PYTEST_ARGS); s=$$?; [ $$s -eq 0 ] || [ $$s -eq 5 ]; }; \
	part -n $(PYTEST_WORKERS) -m "not serial" && part -m serial  # 5: PYTEST_ARGS left a part empty

# The inner loop: linters, types, unit and API tests on SQLite. No browser, and none of the
# tests that drive a real server (races, crashes): `make test` runs those.
check: venv lint typecheck
	$(PY) -m pytest -q -p no:cacheprovider -n $(PYTEST_WORKERS) --ignore=tests/e2e --ignore=tests/crash \
	  --ignore=tests/concurrency/test_races.py $(PYTEST_ARGS)

lint: lint-py lint-js

lint-py: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: venv ## mypy: strict on app/drafting and app/services, the rest of app checked too
	$(VENV)/bin/mypy

# ESLint comes from the npm registry, pinned in frontend/package-lock.json like the vendored assets.
NODE_STAMP := frontend/node_modules/.installed
lint-js: node-deps $(NODE_STAMP)
	cd frontend && npx --no-install eslint --max-warnings 0 js scripts

$(NODE_STAMP): frontend/package.json frontend/package-lock.json
	cd frontend && npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $(NODE_STAMP)

# Debian's Node.js for the JS linter; installed only when missing.
node-deps:
	@if ! command -v npm >/dev/null; then \
	  echo "Installing Debian's nodejs and npm for the JavaScript linter"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; \
	fi

format: venv
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

venv: $(STAMP)

$(STAMP): pyproject.toml requirements.lock
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q -r requirements.lock
	$(PY) -m pip install -q --no-deps -e .
	touch $(STAMP)

# Debian libraries WeasyPrint needs for PDF export; installed only when missing.
SYSTEM_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core
system-deps:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing Debian packages: $$missing"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

# Headless LibreOffice for the test that opens Consenso's DOCX (tracked changes, comments) the way
# the secretariat's office suite does; installed only when missing (~220 MB).
office-deps:
	@if ! command -v soffice >/dev/null; then \
	  echo "Installing Debian's LibreOffice Writer (headless) for the DOCX round-trip test"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui; \
	fi
	@# pdftoppm (poppler-utils) pages the compilation's files into docs/screenshots.
	@if ! command -v pdftoppm >/dev/null; then \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq poppler-utils; \
	fi

# Debian's Chromium for the Playwright browser tests (Playwright cannot download browsers here).
browser-deps:
	@if [ ! -x /usr/bin/chromium ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; \
	fi

# wrk drives the HTTP write benchmark (benchmarks/bench_writes.py); installed only
# when missing.
bench-deps:
	@if ! command -v wrk >/dev/null; then \
	  echo "Installing Debian's wrk for the HTTP benchmarks"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk; \
	fi

# Start the local PostgreSQL if it is down; in CI a missing PostgreSQL fails the run.
postgres:
	@rm -f .pg-available
	@if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
	  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then \
	    echo "Starting PostgreSQL"; \
	    pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start || true; \
	  fi; \
	  for i in $$(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null && break; sleep 1; done; \
	fi
	@if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then \
	  touch .pg-available; \
	elif [ "$$CI" = "true" ]; then \
	  echo "ERROR: PostgreSQL is not reachable on 127.0.0.1:5432; CI must test on it." >&2; exit 1; \
	else \
	  echo "WARNING: PostgreSQL is not reachable on 127.0.0.1:5432; testing SQLite only." >&2; \
	fi

bench: venv bench-deps postgres ## print the benchmark figures (see docs/performance.md)
	@for f in benchmarks/bench_*.py; do echo "== $$f"; $(PY) $$f || exit 1; done

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .mypy_cache .hypothesis test-artifacts .pg-available frontend/node_modules
