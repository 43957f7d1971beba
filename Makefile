# Bắc Giang plan-scenario notebooks. `make help` lists the targets.
# `make report` and `make test` each build .venv from requirements.lock on first use.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
LANG_REPORT ?= vi
# The plan pack (data/raw/plans/<id>/); empty: the default one (data/raw/plans/default.yaml).
PLAN ?=
PLAN_ARG := $(if $(PLAN),--plan $(PLAN),)
# The port `make explore` serves the explorer on (always on 127.0.0.1, this computer only).
EXPLORE_PORT ?= 8866

.DEFAULT_GOAL := help
.PHONY: help setup report check plans explore test test-fast lab bench lint format lock clean

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-zA-Z_-]+:.*## / {printf "  \033[1m%-10s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

$(STAMP): requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python -m ipykernel install --sys-prefix --name python3 --display-name "Python 3 (bacgiang-plan)" >/dev/null
	@touch $(STAMP)

setup: $(STAMP) ## Create .venv from requirements.lock and install the package

check: $(STAMP) ## Validate the plan packs and their scenarios (PLAN=<id>: one), write data/processed
	$(BIN)/python -m analysis check $(PLAN_ARG)

report: $(STAMP) ## Run a plan's notebooks (PLAN=<id>, default pack); publish reports/<plan>/latest
	$(BIN)/python -m analysis run $(PLAN_ARG) --jobs $(JOBS) --lang $(LANG_REPORT)

plans: $(STAMP) ## List the plan packs with their years and titles
	$(BIN)/python -m analysis plans

explore: $(STAMP) ## Serve the what-if explorer with Voilà on http://127.0.0.1:8866 (PLAN=<id>)
	$(BIN)/python -m analysis.run.explore_server $(PLAN_ARG) --port $(EXPLORE_PORT)

test: $(STAMP) ## Run the whole test suite (units, data, notebooks, runner end to end)
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile

test-fast: $(STAMP) ## Tests without notebook execution
	$(BIN)/python -m pytest -n $(JOBS) -m "not notebook and not browser"

lab: $(STAMP) ## Open JupyterLab on the notebooks
	$(BIN)/jupyter lab --notebook-dir=notebooks

bench: $(STAMP) ## Time the start-up, the default report four ways (bare papermill/nbconvert loop, cold runner, rerun unchanged, rerun after one scenario changes), the arithmetic and the explorer (benchmarks/)
	$(BIN)/python benchmarks/run.py

lint: $(STAMP) ## ruff check and format check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP) ## Apply ruff's formatting and safe fixes
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

lock: ## Re-resolve dependencies from pyproject.toml into requirements.lock
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --upgrade pip
	.venv-lock/bin/python -m pip install --quiet -e ".[dev]"
	{ echo "# Exact versions for reproducible scheduled runs (Python 3.11, Linux)."; \
	  echo "# Regenerate with 'make lock' after changing pyproject.toml."; \
	  .venv-lock/bin/python -m pip freeze --exclude-editable; } > requirements.lock
	rm -rf .venv-lock

clean: ## Remove caches and processed tables (keeps reports/ and .venv)
	rm -rf .pytest_cache .ruff_cache .hypothesis build *.egg-info
	find . -name __pycache__ -not -path './.venv/*' -prune -exec rm -rf {} +
	find data/processed -mindepth 1 -not -name .gitkeep -delete
