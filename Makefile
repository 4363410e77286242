# Two commands on a fresh machine (Python 3.11 and pip): `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
PORT   ?= 8501

.PHONY: run test lint install init demo bench clean

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

## run the whole test suite (starts its own PostgreSQL and Chromium)
test: lint
	$(BIN)/python -m pytest $(PYTEST_ARGS)

## lint and format check (fast; `make test` runs it first)
lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

bench: install
	$(BIN)/tracker bench

clean:
	rm -rf $(VENV) var .pytest_cache
