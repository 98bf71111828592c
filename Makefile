# xinyu — quick start: `make site` (demo portal, preview build, into site/), `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock 2>/dev/null | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup site test test-fast browser-deps lint bench bench-search serve check clean

$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -e .
	@rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)

## The demo portal, as a preview build (its local numbers are examples).
site: setup
	$(VENV)/bin/xinyu build --preview

check: setup
	$(VENV)/bin/xinyu check

serve: setup
	$(VENV)/bin/xinyu serve

## Browser tests need Debian's Chromium and a Chinese font.
browser-deps:
	@bash scripts/ensure-system-deps.sh

test: setup browser-deps
	$(PY) -m pytest -n 2 -q

test-fast: setup
	$(PY) -m pytest -n 2 -q -m "not browser"

lint: setup
	$(VENV)/bin/ruff check src tests scripts
	$(VENV)/bin/mypy

bench: setup browser-deps
	$(PY) scripts/bench.py

bench-search: setup browser-deps
	$(PY) scripts/bench_search.py

clean:
	rm -rf site .site-tmp-* .site-old-* .pytest_cache
