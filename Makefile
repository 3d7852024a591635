# The two commands of the README: `make run` and `make test`. Everything else is their plumbing.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VEILLE_INSTANCE ?= ./instance
VEILLE_PORT ?= 8000
export VEILLE_INSTANCE
# The web UI's translations: catalogues in git (.po), compiled here (.mo, not in git).
LOCALES := webui/translations
CATALOGUES := $(wildcard $(LOCALES)/*/LC_MESSAGES/messages.po)
COMPILED := $(CATALOGUES:.po=.mo)
POT_HEADER := \# The texts of veille's web UI, in French, its source language (make translations).

.PHONY: install run test clean translations

install: $(STAMP) $(COMPILED)

# Reinstall only when the project's metadata changes; the install is editable, so code edits need nothing.
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# A catalogue is compiled again whenever its .po changes (Babel comes with the install).
%.mo: %.po | $(STAMP)
	$(BIN)/pybabel compile --statistics -i $< -o $@

run: install $(COMPILED)
	test -e $(VEILLE_INSTANCE)/veille.db || $(BIN)/veille init
	exec $(BIN)/veille serve --host 127.0.0.1 --port $(VEILLE_PORT)

# The tests run in one process per core (pytest-xdist's workers); `pytest` alone runs them in one.
test: install $(COMPILED)
	$(BIN)/ruff check veille webui tests bench
	$(BIN)/mypy
	$(BIN)/python -m pytest -n logical

# For developers, after changing texts of the web UI: extract them (babel.cfg) into the
# template, bring each catalogue up to date (new texts come untranslated: translate them in
# the .po, then run this again), and compile.
translations: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -c TRANSLATORS: --sort-by-file --add-location=file \
	    --no-wrap --project veille --copyright-holder veille --header-comment "$(POT_HEADER)" \
	    -o $(LOCALES)/messages.pot .
	$(BIN)/pybabel update -i $(LOCALES)/messages.pot -d $(LOCALES) --no-wrap \
	    --ignore-obsolete
	$(BIN)/pybabel compile --statistics -d $(LOCALES)

clean:
	rm -rf $(VENV) build *.egg-info $(COMPILED)
