# The two commands a newcomer needs are `make run` and `make test` (see README.md).

PYTHON_BASE ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test test-fast test-databases checks install system-packages lint lock bench screenshots audit css

# The web server, the background worker and the scheduler, side by side (Procfile).
run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py load_demo
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" $(VENV)/bin/honcho start

# Two workers, each a whole module at a time (modules build their data once).
PYTEST_WORKERS ?= 2
PYTEST_PARALLEL ?= -n $(PYTEST_WORKERS) --dist loadscope

# The checks run on one core while the workers' test databases are migrated on the other
# (tests/prepare_databases.py); pytest then finds them ready and migrated.
# (On SQLite, the default without DATABASE_URL, pytest makes its databases itself.)
PREPARED_DATABASES = $(if $(filter postgres%,$(DATABASE_URL)),--reuse-db --no-migrations,)

test: install system-packages node_modules/.installed
	$(MAKE) --no-print-directory -j2 checks test-databases
	$(VENV)/bin/pytest $(PYTEST_PARALLEL) $(PREPARED_DATABASES) --durations=20

# The inner loop: the checks and every test but the browser tests.
test-fast: install system-packages node_modules/.installed
	$(MAKE) --no-print-directory -j2 checks test-databases
	$(VENV)/bin/pytest $(PYTEST_PARALLEL) $(PREPARED_DATABASES) -m "not e2e"

test-databases: install
	$(PY) tests/prepare_databases.py $(PYTEST_WORKERS)

checks: install node_modules/.installed
	$(PY) scripts/build_css.py --check
	varnishd -C -f $(CURDIR)/deploy/varnish/govcms.vcl -p vcl_path=$(CURDIR)/deploy/varnish >/dev/null 2>&1 || varnishd -C -f $(CURDIR)/deploy/varnish/govcms.vcl -p vcl_path=$(CURDIR)/deploy/varnish
	DJANGO_SETTINGS_MODULE=govcms.settings.test $(PY) manage.py check --fail-level WARNING
	DJANGO_SETTINGS_MODULE=govcms.settings.test $(PY) manage.py makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=govcms.settings.test $(PY) manage.py update_catalogue --check
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff format --check .

install: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON_BASE) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

system-packages:
	bash scripts/install-system-packages.sh

# The public style sheet: USWDS themed to the portal (govcms/styles/), compiled and
# committed, so that serving the portal needs no Node.js; `make checks` fails when stale.
css: install node_modules/.installed
	$(PY) scripts/build_css.py

# The front-end tools (package.json): USWDS and Sass for the style sheet; axe-core,
# vnu-jar and Lighthouse for the tests and `make audit`.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch node_modules/.installed

# Pins: compile the .in files into requirements*.txt (UPGRADE=--upgrade moves them on).
UPGRADE ?=
PIP_COMPILE = $(VENV)/bin/pip-compile --quiet --strip-extras --no-emit-index-url --no-emit-find-links $(UPGRADE)

lock: install
	$(PIP_COMPILE) --output-file requirements.txt requirements.in
	$(PIP_COMPILE) --output-file requirements-dev.txt requirements-dev.in

lint: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Benchmark: seeds PostgreSQL with 100,000 articles (kept for later runs), serves the
# portal with gunicorn and measures each main page with wrk, the HTTP cache (Varnish and
# nginx from deploy/) against nginx's static rate, search, the admin's screens, and twenty
# editors under locust (bench/run.py; --only pages|edge|search|admin|load).
bench: install system-packages
	command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(PY) bench/run.py

# Pictures of each public page type at 360 and 1280 px, for docs/screenshots/ and the README.
screenshots: install system-packages
	$(PY) scripts/screenshots.py

# Lighthouse (npm, Debian's Chromium) on each public page type, mobile and desktop; fails
# below 100 in any category (scripts/audit.py). Needs PostgreSQL and Redis.
audit: install system-packages node_modules/.installed
	$(PY) scripts/audit.py
