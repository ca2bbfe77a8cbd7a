# The commands the README tells people to run. `make help` lists them.
VENV ?= .venv
PYTHON ?= python3
PY := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed

.DEFAULT_GOAL := help
.PHONY: help setup run test lint fix check bench soak fuzz screenshots translations check-translations clean

help: ## List the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-20s %s\n", $$1, $$2}'

$(INSTALLED): pyproject.toml scripts/install-system-deps
	scripts/install-system-deps
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet --editable '.[dev]'
	touch $@

setup: $(INSTALLED) ## Install system packages and the project into .venv

run: $(INSTALLED) ## Run the desktop app
	$(PY) -m interview_app

test: $(INSTALLED) ## Run the whole test suite
	QT_QPA_PLATFORM=offscreen $(PY) -m pytest

lint: $(INSTALLED) ## Ruff and mypy
	$(VENV)/bin/ruff check .
	$(VENV)/bin/mypy

fix: $(INSTALLED) ## Let ruff fix what it can
	$(VENV)/bin/ruff check --fix .

check: lint check-translations test ## Everything CI runs

bench: $(INSTALLED) ## Benchmarks against same-run baselines; writes bench/RESULTS.md
	QT_QPA_PLATFORM=offscreen $(PY) bench/run_all.py

soak: $(INSTALLED) ## SIGKILL soak during saves, passphrase changes, backups, exports (SOAK_KILLS=600); writes bench/SOAK.md
	QT_QPA_PLATFORM=offscreen $(PY) -m tests.soak.soak --kills $${SOAK_KILLS:-600} --report bench/SOAK.md

fuzz: $(INSTALLED) ## Long hypothesis run of every test_*fuzz* (FUZZ_EXAMPLES=20000)
	HYPOTHESIS_PROFILE=fuzz QT_QPA_PLATFORM=offscreen $(PY) -m pytest -k fuzz tests

screenshots: $(INSTALLED) ## Render every view in every interface and interview language to ./screenshots/ (look at them)
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots.py
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots_interview.py
	QT_QPA_PLATFORM=offscreen $(PY) scripts/screenshots_languages.py

translations: $(INSTALLED) ## Extract strings, update catalogues (changed text becomes fuzzy), compile
	$(PY) scripts/translations.py extract
	$(PY) scripts/translations.py update
	$(PY) scripts/translations.py pseudo
	$(PY) scripts/translations.py compile

check-translations: $(INSTALLED) ## Fail when a committed .pot is stale or a catalogue does not compile
	$(PY) scripts/translations.py check

clean: ## Remove the environment and caches (never touches vaults)
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
	find . -name '*.mo' -path './translations/*' -delete
