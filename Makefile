# Familieschool — the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEV    := $(PY) scripts/dev.py
# Type checks and lint import the settings but never connect: placeholder URLs are enough.
OFFLINE_ENV := DJANGO_DEBUG=1 DATABASE_URL=postgres://offline@localhost/offline REDIS_URL=redis://localhost:6379/15
PYTEST_ARGS ?=

.PHONY: run test install lint typecheck pytest test-real code manage clean-data help lock backup restore seed-board bench load drill-redis drill-worker

help:
	@echo "make run     start Familieschool with demo data on http://127.0.0.1:8000/"
	@echo "make test    lint, type checks and every test"
	@echo "make code EMAIL=...   current two-step code of a demo user"
	@echo "make seed-board       demo plus board-scale data (36 schools, three school years)"
	@echo "make backup           pg_dump of the database into .data/backups/"
	@echo "make restore FILE=... restore a backup into a new database and compare row counts"
	@echo "make bench            server time and queries of the key pages against a baseline page"
	@echo "make load             locust: LOAD_USERS (50) users for LOAD_TIME (2m) on loopback"
	@echo "make drill-redis      Redis stopped and restarted while pages and signals are used"
	@echo "make drill-worker     a worker killed mid-batch: reminders still exactly once"

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ nodig"'
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	touch $(STAMP)

install: $(STAMP)

run: install
	$(DEV) run

test: install lint typecheck pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/djlint --lint templates

typecheck: install
	$(OFFLINE_ENV) $(VENV)/bin/mypy familieschool partners gezinnen activiteiten subsidies dashboard meting bench scripts

pytest: install
	$(DEV) services -- $(PY) -m pytest -n 2 $(PYTEST_ARGS)

# The database and Celery integration tests against the real servers named by DATABASE_URL / REDIS_URL.
test-real: install
	@test -n "$$DATABASE_URL" && test -n "$$REDIS_URL" || (echo "zet DATABASE_URL en REDIS_URL"; exit 2)
	$(DEV) services -- $(PY) -m pytest -m "integration or realdb" $(PYTEST_ARGS)

code: install
	@$(DEV) services -- $(PY) manage.py demo_code $(EMAIL) 2>/dev/null | grep -v '^\[familieschool\]'

manage: install
	$(DEV) services -- $(PY) manage.py $(ARGS)

clean-data:
	rm -rf .data

# Re-pin requirements.lock from pyproject.toml (after changing a dependency).
lock: install
	$(PY) -m pip install --quiet uv
	$(VENV)/bin/uv pip compile pyproject.toml --extra dev --python-version 3.11 -o requirements.lock

# Board-scale data for measuring (docs/performance.md): the demo plus 36 schools with history.
seed-board: install
	FAMILIESCHOOL_DEMO=1 $(DEV) services -- sh -c '$(PY) manage.py migrate --noinput -v0 && $(PY) manage.py seed_demo --scale board'

# Backup and restore with pg_dump / pg_restore; a restore goes into a new database (INTO=name to
# choose it) and is compared with the backup table by table (docs/performance.md).
backup: install
	$(DEV) services -- $(PY) scripts/backup.py backup

restore: install
	@test -n "$(FILE)" || (echo "gebruik: make restore FILE=.data/backups/familieschool-....dump [INTO=naam]"; exit 2)
	$(DEV) services -- $(PY) scripts/backup.py restore "$(FILE)" $(if $(INTO),--into "$(INTO)")

# Measuring (docs/performance.md): gunicorn with production settings on loopback; figures are
# printed (and bench/results.json written), never asserted.
bench: install
	$(DEV) services -- $(PY) -m bench.run

load: install
	$(DEV) services -- $(PY) -m bench.load

drill-redis: install
	$(DEV) services -- $(PY) -m bench.drills.redis_down

drill-worker: install
	$(DEV) services -- $(PY) -m bench.drills.worker_killed
