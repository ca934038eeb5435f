# Two commands on a fresh machine: `make run` (the offline demo) and `make test`.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin

.PHONY: run serve test bench clean-venv

$(BIN)/newsarchive: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

run: $(BIN)/newsarchive
	$(BIN)/newsarchive demo

serve: $(BIN)/newsarchive
	$(BIN)/newsarchive serve

test: $(BIN)/newsarchive
	$(BIN)/ruff check .
	$(BIN)/python -m pytest

# DATASET=path/to/article-extraction-benchmark adds the Scrapinghub set to the quality benchmark.
bench: $(BIN)/newsarchive
	$(BIN)/python -m bench.quality $(if $(DATASET),--dataset $(DATASET))
	$(BIN)/python -m bench.reprocess
	$(BIN)/python -m bench.crawl
	$(BIN)/python -m bench.index

clean-venv:
	rm -rf $(VENV)
