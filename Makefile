# The two commands of the README: `make run` and `make test`. Everything else is their plumbing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VEILLE_INSTANCE ?= ./instance
VEILLE_PORT ?= 8000
export VEILLE_INSTANCE

.PHONY: install run test clean

install: $(STAMP)

# Reinstall only when the project's metadata changes; the install is editable, so code edits need nothing.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: install
	test -e $(VEILLE_INSTANCE)/veille.db || $(BIN)/veille init
	exec $(BIN)/veille serve --host 127.0.0.1 --port $(VEILLE_PORT)

test: install
	$(BIN)/ruff check veille webui tests bench
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) build *.egg-info
