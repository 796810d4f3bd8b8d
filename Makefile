# Two commands matter: `make site` builds the site from data/, `make test` runs every test.
# Each sets up its own virtual environment on a fresh machine.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: site test test-core lint lock check schema bench clean chromium nginx libreoffice pack wheelhouse

LOCK   := requirements/all.lock

# Exact versions with hashes from the lock; the project itself is installed without touching the index.
$(STAMP): pyproject.toml $(LOCK)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install -q --no-deps --no-build-isolation -e .
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/hongling build --strict

check: $(STAMP)
	$(BIN)/hongling check

schema: $(STAMP)
	$(BIN)/hongling schema

# Browser tests drive Debian's Chromium through Playwright (never a downloaded browser); printed
# handouts are read back from PDF, which needs a Chinese font on the machine.
chromium:
	@command -v chromium >/dev/null 2>&1 || { \
		echo "installing Debian chromium for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@fc-list :lang=zh 2>/dev/null | grep -q . || { \
		echo "installing a Chinese font (fonts-wqy-microhei) for the print tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-wqy-microhei >/dev/null; }

# One Word handout and the exported workbooks are converted by LibreOffice, to prove they open outside
# python-docx and openpyxl; a workbook LibreOffice saved back must import.
libreoffice:
	@{ command -v soffice >/dev/null 2>&1 && test -e /usr/lib/libreoffice/program/libscfiltlo.so; } || { \
		echo "installing Debian LibreOffice Writer and Calc (headless) for the Word and Excel tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libreoffice-writer-nogui libreoffice-calc-nogui >/dev/null; }

# The nginx test runs Debian's nginx in the foreground with a generated config (no service is started).
nginx:
	@command -v nginx >/dev/null 2>&1 || test -x /usr/sbin/nginx || { \
		echo "installing Debian nginx for the web-server tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }

test: lint chromium nginx libreoffice
	$(BIN)/python -m pytest

# The core's tests alone (load, validate, link, the registry, the embedded data): seconds, no browser.
test-core: $(STAMP)
	$(BIN)/python -m pytest -q tests/core tests/library

# ruff (style, imports, likely bugs) and mypy (types) over the whole package; part of `make test`.
lint: $(STAMP)
	$(BIN)/ruff check generator tests benchmarks
	$(BIN)/mypy

# Versioned, reproducible archives of the site (zip and tar.gz with MANIFEST.json and SHA256SUMS) in dist/.
pack: $(STAMP)
	$(BIN)/hongling pack --strict

# Every wheel of the lock, and the project's own, into wheelhouse/ for installing without internet:
#   pip install --no-index --find-links wheelhouse --require-hashes -r requirements/all.lock
#   pip install --no-index --find-links wheelhouse --no-deps hongling
wheelhouse: $(STAMP)
	$(BIN)/python -m pip download -q --require-hashes --only-binary=:all: --dest wheelhouse -r $(LOCK)
	$(BIN)/python -m pip wheel -q --no-deps --no-build-isolation --wheel-dir wheelhouse .

# Re-resolve the locks after changing pyproject.toml (then `make test` is the gate); see requirements/README.md.
lock: $(STAMP)
	$(BIN)/python -m pip install -q uv
	$(BIN)/uv pip compile -q --universal --generate-hashes --python-version 3.11 --extra test \
		pyproject.toml requirements/build.in -o requirements/all.lock
	$(BIN)/uv pip compile -q --universal --generate-hashes --python-version 3.11 \
		pyproject.toml requirements/build.in -o requirements/runtime.lock


bench: $(STAMP)
	$(BIN)/python benchmarks/bench_check.py

clean:
	rm -rf $(VENV) site site.tmp-* site.old-* .pytest_cache dist wheelhouse
