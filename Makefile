# kaidian 开店 — after cloning: `make demo` or `make test`.
#
# Both create .venv with python3 -m venv when it is missing and install the project into it.
# A stamp file in .venv remembers the install, so re-runs skip pip until pyproject.toml changes.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip --disable-pip-version-check
# Extra pytest arguments, e.g. make test PYTEST_ARGS="-x -k cli"
PYTEST_ARGS ?=
# Extra `kaidian demo` arguments, e.g. make demo DEMO_ARGS="--port 8001"
DEMO_ARGS ?=

.PHONY: demo test test-fast install install-dev admin plugin-screens wheel

demo: install admin
	$(BIN)/kaidian demo $(DEMO_ARGS)

test: install-dev admin
	$(BIN)/python -m pytest $(PYTEST_ARGS)

test-fast: install-dev admin
	$(BIN)/python -m pytest -m "not slow" $(PYTEST_ARGS)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# The dev install includes the base one, so a fresh dev stamp satisfies `install` too.
# (Written for /bin/sh: a missing stamp counts as out of date.)
install: | $(BIN)/python
	@if { [ -f $(VENV)/.installed-dev ] && [ ! pyproject.toml -nt $(VENV)/.installed-dev ]; } || \
	    { [ -f $(VENV)/.installed ] && [ ! pyproject.toml -nt $(VENV)/.installed ]; }; then :; else \
		echo "installing kaidian into $(VENV)"; \
		$(PIP) install --quiet -e . && touch $(VENV)/.installed; \
	fi

install-dev: $(VENV)/.installed-dev

$(VENV)/.installed-dev: pyproject.toml | $(BIN)/python
	@echo "installing kaidian with dev extras into $(VENV)"
	$(PIP) install --quiet -e '.[dev]'
	@touch $@

# The merchant admin (admin/, Vue 3 + Element Plus) builds into core/admin_ui/static, served at
# /admin. Rebuilt only when its sources or lock file change; without npm, /admin says how to build.
ADMIN_DIST := core/admin_ui/static/index.html
ADMIN_SOURCES := $(shell find admin/src -type f 2>/dev/null) admin/index.html admin/vite.config.js admin/package.json

admin: $(ADMIN_DIST)

admin/node_modules/.installed: admin/package-lock.json
	cd admin && npm ci --no-audit --no-fund
	@touch $@

$(ADMIN_DIST): admin/node_modules/.installed $(ADMIN_SOURCES)
	cd admin && npm run build

# The admin screens plugins ship (plugins/*/admin/, and the scaffold's template) are committed
# built, so a pip install needs no Node.js; rebuild them after changing their sources
# (tests/admin/test_plugin_screens.py fails when a committed dist/ is out of date).
plugin-screens: admin/node_modules/.installed
	cd admin && npm run build:plugins

# A wheel that serves /admin: the admin is built into core/admin_ui/static first, and the
# package data ships it (a wheel built without it answers /admin with how to build one).
wheel: admin | $(BIN)/python
	$(PIP) wheel . --no-deps -w dist/
