# Familieschool — the two commands are `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
DEV    := $(PY) scripts/dev.py
# Type checks and lint import the settings but never connect: placeholder URLs are enough.
OFFLINE_ENV := DJANGO_DEBUG=1 DATABASE_URL=postgres://offline@localhost/offline REDIS_URL=redis://localhost:6379/15
PYTEST_ARGS ?=

.PHONY: run test install lint typecheck pytest test-real code manage clean-data help lock

help:
	@echo "make run     start Familieschool with demo data on http://127.0.0.1:8000/"
	@echo "make test    lint, type checks and every test"
	@echo "make code EMAIL=...   current two-step code of a demo user"

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
	$(OFFLINE_ENV) $(VENV)/bin/mypy familieschool partners gezinnen activiteiten subsidies dashboard scripts

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
