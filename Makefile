# Porte-Voix — the two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY_STAMP := $(VENV)/.installed
NODE_STAMP := node_modules/.installed
PICO := server/static/vendor/pico/pico.min.css
WIDGET_SRC := $(wildcard widget_js/src/*.js widget_js/src/css/*.css) widget_js/build.mjs
LOCALES := fr en
CATALOGS := $(foreach l,$(LOCALES),server/translations/$(l)/LC_MESSAGES/messages.mo)
HOST ?= 127.0.0.1
PORT ?= 5000
PYTEST_WORKERS ?= 4

EXTENSION_SOURCES := $(shell find extension -type f ! -name README.md)
EXTENSION_BUILD := dist/extension/source.sha256

.PHONY: run test lint bench fuzz install assets translations messages chromium extension widget clean

## run: install, migrate, seed the demo if the database is empty, serve on http://127.0.0.1:5000 with a job worker
run: install
	$(BIN)/porte-voix db upgrade
	PV_BASE_URL=$${PV_BASE_URL:-http://$(HOST):$(PORT)} $(BIN)/porte-voix demo --if-empty
	PV_BASE_URL=$${PV_BASE_URL:-http://$(HOST):$(PORT)} $(BIN)/porte-voix run --host $(HOST) --port $(PORT)

## test: install everything the tests need (Python packages, Debian's chromium, the built extension) and run every test
## (in PYTEST_WORKERS processes: most tests wait on browsers, servers and sockets rather than on the CPU)
test: install chromium extension
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

## lint: ruff
lint: $(PY_STAMP)
	$(BIN)/ruff check .

## bench: every benchmark in bench/, each printing its figures and a final JSON line
bench: install
	@scripts/ensure-wrk
	@set -e; for script in bench/*.py; do \
	  [ -e "$$script" ] || { echo "no benchmark yet"; break; }; \
	  echo "== $$script"; $(BIN)/python "$$script"; \
	done

## fuzz: schemathesis against the JSON API in-process (5,000+ cases, every role); last line: cases, 5xx, schema failures
fuzz: install
	$(BIN)/python -m tests.support.fuzzing --cases $${FUZZ_CASES:-5000}

install: $(PY_STAMP) assets translations

$(PY_STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -e '.[test]'
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

assets: $(PICO) widget

## widget: build the share button (widget_js/src/) with esbuild into server/static/widget/
widget: server/static/widget/.built

server/static/widget/.built: $(WIDGET_SRC) $(NODE_STAMP)
	node widget_js/build.mjs
	@touch $@

$(PICO): $(NODE_STAMP)
	mkdir -p $(dir $@)
	cp node_modules/@picocss/pico/css/pico.min.css node_modules/@picocss/pico/LICENSE.md $(dir $@)

translations: $(CATALOGS)

server/translations/%/LC_MESSAGES/messages.mo: server/translations/%/LC_MESSAGES/messages.po $(PY_STAMP)
	$(BIN)/pybabel compile --statistics -d server/translations -l $* 2>&1 | grep -v "^$$" || true

## messages: extract the strings to translate and merge them into each catalogue
messages: $(PY_STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 --no-location \
	  --sort-output -o server/translations/messages.pot .
	$(BIN)/pybabel update --no-fuzzy-matching -i server/translations/messages.pot -d server/translations

chromium:
	@scripts/ensure-chromium

## extension: build the browser extension from extension/: dist/extension/{chrome,firefox}/ and both zips
extension: $(EXTENSION_BUILD)

$(EXTENSION_BUILD): $(EXTENSION_SOURCES) $(NODE_STAMP)
	node extension/build.mjs

clean:
	rm -rf $(VENV) node_modules server/static/vendor $(CATALOGS) .pytest_cache artifacts dist
