VENV := .venv
PY := $(VENV)/bin/python
APP_STAMP := $(VENV)/.installed-app
TEST_STAMP := $(VENV)/.installed-test

.PHONY: demo demo-faults test lint typecheck run migration clean bench-matching bench-nudges bench-digest bench-latency

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(APP_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e .
	touch $(APP_STAMP)

$(TEST_STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(APP_STAMP) $(TEST_STAMP)

## Play the offline demo: a dozen people join against a local Slack stand-in, on SQLite.
demo: $(APP_STAMP)
	$(PY) -m demo

## The demo while the stand-in fails one Web API call in ten (fixed seed): what was retried,
## what failed for good, and whether every pair, check-in and outbox row still agrees.
demo-faults: $(APP_STAMP)
	$(PY) -m demo --faults

## Lint, format check, type check and the whole test suite.
test: lint typecheck
	$(PY) -m pytest

lint: $(TEST_STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(TEST_STAMP)
	$(VENV)/bin/mypy bot handlers storage

## Matching benchmark: time, memory and quality from 100 to 100,000 participants.
bench-matching: $(APP_STAMP)
	$(PY) bench/matching.py

## Nudge benchmark: 10,000 nudges due at once against the stand-in; idle tick cost at 100,000 pairs.
bench-nudges: $(TEST_STAMP)
	PYTHONPATH=. $(PY) bench/nudges.py

## Digest benchmark: a 10,000-person cohort with 100,000 check-ins, on SQLite and PostgreSQL.
bench-digest: $(APP_STAMP)
	PYTHONPATH=. $(PY) bench/digest.py

## A new schema migration from the models' changes: make migration m="add cohort.goal"; read it.
migration: $(TEST_STAMP)
	@test -n "$(m)" || { echo 'usage: make migration m="what it changes"' >&2; exit 2; }
	$(PY) -m migrations "$(m)"
	$(VENV)/bin/ruff format migrations
	$(VENV)/bin/ruff check --fix migrations

## Latency benchmark: acks of /mentoring status and We met over HTTP (python -m bot serve on
## PostgreSQL, 50 connections, 30 s), next to an empty Bolt app; 1, 2 and 4 workers.
bench-latency: $(TEST_STAMP)
	PYTHONPATH=. $(PY) bench/latency.py

## Run the real bot (needs a .env or environment settings, see README).
run: $(APP_STAMP)
	$(PY) -m bot

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
