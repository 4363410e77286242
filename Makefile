# Two commands on a fresh machine (Python 3.11 and pip): `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
PORT   ?= 8501
# Test workers (pytest-xdist): tests that share a server or a cluster stay on one worker
# (--dist loadgroup). WORKERS=1 runs everything in this process, one test after another.
WORKERS ?= 2
ifeq ($(WORKERS),1)
XDIST  := -p no:xdist
else
XDIST  := -n $(WORKERS) --dist loadgroup
endif
PYTEST := $(BIN)/python -m pytest $(XDIST)

.PHONY: run test test-unit test-integration test-ui test-e2e test-scale lint install init demo bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

init: install
	$(BIN)/tracker init

demo: init
	$(BIN)/tracker demo --if-empty

## run the app (serve.py: the pages plus the HttpOnly session cookie) on the embedded default (SQLite in ./var)
run: demo
	$(BIN)/streamlit run serve.py --server.port $(PORT)

## run the whole test suite (starts its own PostgreSQL and Chromium); lint first
test: lint
	$(PYTEST) $(PYTEST_ARGS)

## one layer of the suite: pure functions; storage and services; pages under AppTest;
## pages in Chromium; replicas, load and faults
test-unit: install
	$(PYTEST) tests/unit $(PYTEST_ARGS)

test-integration: install
	$(PYTEST) tests/integration $(PYTEST_ARGS)

test-ui: install
	$(PYTEST) tests/ui $(PYTEST_ARGS)

test-e2e: install
	$(PYTEST) tests/e2e $(PYTEST_ARGS)

test-scale: install
	$(PYTEST) tests/scale $(PYTEST_ARGS)

## lint and format check (fast; `make test` runs it first)
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	$(BIN)/tracker bench

clean:
	rm -rf $(VENV) var .pytest_cache
