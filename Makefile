# xinyu — quick start: `make site` (demo portal, preview build, into site/), `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml requirements.lock 2>/dev/null | cksum | cut -d' ' -f1)
export NO_MKDOCS_2_WARNING := 1
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: setup site test test-fast browser-deps lint bench bench-search serve check clean screenshots

# pip honours PIP_INDEX_URL / pip.conf, so a domestic mirror needs no change here (see README).
$(STAMP): pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "无法创建虚拟环境：请先安装 Python 3.11+ 和 venv（Debian/Ubuntu：sudo apt-get install -y python3-venv）" >&2; exit 2; }
	$(PY) -m pip install -q --disable-pip-version-check -r requirements.lock
	$(PY) -m pip install -q --disable-pip-version-check --no-deps -e .
	@rm -f $(VENV)/.installed-* && touch $@

setup: $(STAMP)

## The demo portal, as a preview build (its local numbers are examples).
site: setup
	$(VENV)/bin/xinyu build --preview
	@echo "查看：$(PY) -m http.server -d site 8000，然后在浏览器打开 http://127.0.0.1:8000/（或运行 make serve 边改边看）"

check: setup
	$(VENV)/bin/xinyu check

serve: setup
	$(VENV)/bin/xinyu serve

## Browser tests need Debian's Chromium and a Chinese font, and axe-core (npm, pinned in package-lock.json).
AXE := node_modules/axe-core/axe.min.js
$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

browser-deps: $(AXE)
	@bash scripts/ensure-system-deps.sh

## Every test. pytest's own exit status is kept (5 = no tests collected fails too).
test: setup browser-deps lint
	$(PY) -m pytest -n 2 -q --durations=8

## The README's screenshots of six key pages (375 px and 1280 px), from a preview build of the demo.
screenshots: setup browser-deps
	$(PY) scripts/screenshots.py

test-fast: setup
	$(PY) -m pytest -n 2 -q -m "not browser"

lint: setup
	$(VENV)/bin/ruff check src tests scripts
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports
	$(PY) scripts/check_imports.py src

bench: setup browser-deps
	$(PY) scripts/bench.py
	$(PY) scripts/bench_check.py

bench-search: setup browser-deps
	$(PY) scripts/bench_search.py $(if $(PAGEFIND),--pagefind $(PAGEFIND))  # PAGEFIND=path/to/pagefind also measures Pagefind

clean:
	rm -rf site .site-tmp-* .site-old-* .pytest_cache
