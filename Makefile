# The two commands a newcomer needs: `make book` and `make test`.
# Everything they need (the virtual environment, the pinned Python packages,
# Debian packages from apt.txt) is installed here, never by hand.

PYTHON  ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
STAMP   := $(VENV)/.installed
# The strict build (warnings are errors, a failing cell fails it) lives in
# booktables/build.py, so every target and test builds the same way.
BUILD   := $(BIN)/python -m booktables.build

.PHONY: help setup book html pdf epub editions lab bench test check validate system-deps clean

help:
	@echo "make book      set up and build the whole publication: the website with its PDF, EPUB,"
	@echo "               runnable notebooks and data package linked from every page (_build/html)"
	@echo "make html      the website alone, for writing (faster; the editions' links wait for make book)"
	@echo "make test      set up, then run every test (data, quotes, build, browser)"
	@echo "make check     the fast loop: validate, lint (ruff) and the unit and extension tests"
	@echo "make validate  check every CSV in data/ against data/datapackage.json"
	@echo "make pdf       build the PDF edition with xelatex (_build/latex/book.pdf)"
	@echo "make epub      build the EPUB edition and check it with epubcheck (_build/epub)"
	@echo "make lab       open the chapters as notebooks in JupyterLab"
	@echo "make bench     time clean, no-op and incremental builds against the plain baseline"
	@echo "make clean     remove the build output"

# The virtual environment and the pinned packages, rebuilt when the pins change.
$(STAMP): requirements.txt pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or newer is needed"'
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV) || { \
	  echo "python3 -m venv failed: on Debian, install python3-venv (apt-get install -y python3-venv)"; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq python3-venv && $(PYTHON) -m venv $(VENV); else exit 1; fi; }
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

setup: $(STAMP)

# Debian packages from apt.txt: Chromium for the browser tests, TeX for the PDF.
system-deps:
	@bash scripts/apt-install.sh apt.txt

# Node packages for the tests (axe-core), pinned by package-lock.json.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	@touch $@

validate: setup
	@$(BIN)/python -m booktables

# The whole publication: the website first (it executes the notebooks; the
# other builders reuse its cache), then the PDF and the EPUB, then the editions
# copied beside the pages (booktables/editions.py).
book: html pdf epub
	$(BIN)/python -m booktables.editions
	@echo "The book is at $(CURDIR)/_build/html/index.html, with every edition in _build/html/editions/"

html: setup validate
	$(BUILD) --builder html
	@echo "The website is at $(CURDIR)/_build/html/index.html"

pdf: setup system-deps validate
	$(BUILD) --builder pdflatex
	@echo "The PDF is at $(CURDIR)/_build/latex/book.pdf"

# Debian's epubcheck is a Java program (its /usr/bin wrapper needs binfmt).
EPUBCHECK := java -jar /usr/share/java/epubcheck.jar

epub: setup system-deps validate
	$(BUILD) --builder epub
	$(EPUBCHECK) --quiet _build/epub/karabakh-2020-book.epub
	@echo "The EPUB is at $(CURDIR)/_build/epub/karabakh-2020-book.epub (epubcheck: no errors)"

# JupyterLab opens the MyST chapters as notebooks (jupytext); charts there
# inline their own copy of Vega (BOOK_RENDERER=inline), still with no network.
lab: setup
	cd $(CURDIR) && JUPYTERLAB_SETTINGS_DIR=$(CURDIR)/.jupyter/lab/user-settings BOOK_RENDERER=inline \
	  $(BIN)/jupyter lab --ServerApp.ip=127.0.0.1 --notebook-dir=$(CURDIR)

bench: setup system-deps
	$(BIN)/python scripts/bench.py

test: setup system-deps node_modules/.installed
	$(BIN)/python -m pytest

# The fast loop, for a warm environment: no system packages, no full builds.
check: setup validate
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not build"

clean:
	rm -rf _build
