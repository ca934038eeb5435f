# Two commands on a fresh machine: `make run` (the offline demo) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run test lint bench clean-venv

$(BIN)/newsarchive: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/newsarchive
	$(BIN)/newsarchive demo

test: $(BIN)/newsarchive
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

bench: $(BIN)/newsarchive
	$(BIN)/python -m bench.quality --dataset $(DATASET)

clean-venv:
	rm -rf $(VENV)
