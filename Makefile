# Two commands on a fresh machine: `make demo` and `make test`. Everything else is set up from here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test install browser fonts lint typecheck pytest bench clean

demo: install fonts
	$(BIN)/gongkai demo

test: install browser lint typecheck pytest

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(INSTALLED): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

install: $(INSTALLED)

# Debian's Chromium and its driver for the browser tests (never a browser download), CJK fonts for
# rendering Chinese.
browser:
	@if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ] || ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then \
		echo "installing Debian packages chromium chromium-driver fonts-noto-cjk"; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq chromium chromium-driver fonts-noto-cjk >/dev/null; \
	fi

# CJK fonts for the PDF letters (WeasyPrint) when only the demo is run.
fonts:
	@if ! fc-list 2>/dev/null | grep -qi 'Noto Sans CJK'; then \
		echo "installing Debian package fonts-noto-cjk"; \
		$(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq fonts-noto-cjk >/dev/null; \
	fi

lint: install
	$(BIN)/ruff check .

typecheck: install
	$(BIN)/mypy

pytest: install
	$(BIN)/pytest

bench: install
	$(BIN)/python bench/workdays.py
	$(BIN)/python bench/clock.py
	$(BIN)/python bench/checker.py
	$(BIN)/python bench/annual_report.py  # minutes: loads 2,000,000 items into SQLite and PostgreSQL
	$(BIN)/python bench/search.py  # about 1¼ hours: 1,000,000 items searched on SQLite and PostgreSQL vs LIKE and Whoosh+jieba
	$(BIN)/python bench/district_lookup.py --db both  # minutes: 学区查询 at 1,000 / 10,000 / 100,000 rows, before vs after

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
