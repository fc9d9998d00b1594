# wfplatform: `make run` starts the platform, `make test` runs the tests. Both set up what they need.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: run setup install install-dev test lint bench clean

run: setup
	$(PY) manage.py runplatform --host $(HOST) --port $(PORT)

setup: install .env
	$(PY) manage.py migrate --noinput
	$(PY) manage.py createcachetable
	$(PY) manage.py collectstatic --noinput -v 0
	$(PY) manage.py bootstrap_demo --base-url http://$(HOST):$(PORT)
	$(PY) manage.py load_code_review --username admin
	$(PY) manage.py load_catalog

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

$(VENV)/bin/python:
	@$(PYTHON) -m venv $(VENV) || { echo "Could not create a virtual environment with '$(PYTHON) -m venv'. On Debian/Ubuntu: apt-get install python3-venv"; exit 1; }
	$(PY) -m pip install --quiet --upgrade pip

$(VENV)/.installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	@touch $@

$(VENV)/.installed-dev: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-dev.txt
	@touch $(VENV)/.installed $@

# The benchmarks compare against LangGraph, which only they need: CI and `make test` never install it.
$(VENV)/.installed-bench: requirements.txt requirements-bench.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements-bench.txt
	@touch $@

.env:
	cp .env.example .env

test: install-dev
	$(PY) -m pytest $(PYTEST_ARGS)

lint: install-dev
	$(VENV)/bin/ruff check .

bench: $(VENV)/.installed-bench
	$(PY) bench/csv_apply.py
	$(PY) bench/csv_inference.py
	$(PY) bench/graph_engine.py
	$(PY) bench/agent_pipeline.py
	$(PY) bench/intent_classifier.py
	$(PY) bench/catalog_retrieval.py

clean:
	rm -rf $(VENV) var/test .pytest_cache
