VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: demo test lint typecheck run clean

$(PY):
	python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(STAMP): pyproject.toml | $(PY)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## Play the offline demo: a dozen people join against a local Slack stand-in, on SQLite.
demo: $(STAMP)
	$(PY) -m demo

## Lint, format check, type check and the whole test suite.
test: $(STAMP) lint typecheck
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: $(STAMP)
	$(VENV)/bin/mypy bot handlers storage

## Run the real bot (needs a .env or environment settings, see README).
run: $(STAMP)
	$(PY) -m bot

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
