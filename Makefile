# Two commands for a fresh machine (see README):  make run   |   make test
PYTHON ?= python3
VENV   ?= .venv
SHARED ?= ../shared
BIN     = $(VENV)/bin

# On a developer machine or in CI the statute texts sit beside the repository in ../shared; elsewhere set
# LABOR_CORPUS_DIRS in .env, or let the first start download them (labor corpus download).
ifneq ($(wildcard $(SHARED)/corpus/laws),)
export LABOR_CORPUS_DIRS ?= $(SHARED)/corpus/laws,$(SHARED)/corpus/cases,$(SHARED)/corpus/extra,$(SHARED)/corpus/local
endif

# torch is pinned to 2.13.0. Here pip finds the CPU wheel; on a machine outside this network the default index may
# resolve it to the CUDA build (several GB), so name PyTorch's CPU index there:
#   make run TORCH_INDEX=https://download.pytorch.org/whl/cpu
TORCH_INDEX ?=
TORCH_PIP_INDEX = $(if $(TORCH_INDEX),--index-url $(TORCH_INDEX))

.PHONY: setup setup-dev browser postgres run test lint eval eval-check bench clean

# setup: what running needs; setup-dev: plus the test, lint and benchmark extras (make test, make eval, CI).
setup: $(VENV)/.installed
setup-dev: $(VENV)/.installed-dev

# The end-to-end tests drive Debian's headless Chromium with CJK fonts; where apt is not ours to use they skip.
browser:
	@{ command -v chromium && fc-list :lang=zh | grep -q . ; } >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && \
	  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; } \
	  || echo "chromium not installed: browser tests will be skipped"; }

# A local PostgreSQL server for the case-desk tests (they run on SQLite otherwise, PostgreSQL cases skipped):
#   eval "$(make -s postgres)" && make test
postgres:
	@.ci/postgres

# torch first and pinned: a bare install of sentence-transformers would pull the CUDA build (several GB).
$(VENV)/.installed: pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt $(TORCH_PIP_INDEX) "torch==2.13.0"
	$(BIN)/pip install --quiet -c constraints.txt -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/pip install --quiet -c constraints.txt -e ".[test,bench]"
	touch $@

# The port and address come from LABOR_PORT / LABOR_HOST (environment or .env): LABOR_PORT=8080 make run
run: setup
	$(BIN)/python app.py

test: setup-dev browser
	$(BIN)/python -m pytest

# The gates CI runs after the tests: ruff over the whole tree, mypy over the files pyproject lists (both configured
# there).
lint: setup-dev
	$(BIN)/ruff check .
	$(BIN)/mypy

eval: setup-dev
	$(BIN)/labor eval --suite all

# The offline suites against the recorded baseline (evals/baseline.json); CI fails when a figure drops.
eval-check: setup-dev
	$(BIN)/labor eval --suite all -c lexical -c thesaurus --corpus $(SHARED)/corpus/laws \
	  --corpus $(SHARED)/corpus/cases --corpus $(SHARED)/corpus/extra --corpus $(SHARED)/corpus/local --check-baseline

bench: setup-dev
	$(BIN)/labor bench search

clean:
	rm -rf $(VENV) data
