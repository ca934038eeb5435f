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

# DATASETS="dir1 dir2 ..." adds article-extraction sets (ground-truth.json + html/) to the quality
# benchmark: the Scrapinghub benchmark, CleanEval, Dragnet, L3S-GN1, fundus' test pages, ...
# A year of 100 sites: 200,000 articles fill in about an hour; bench.year's default is a million.
YEAR_ARTICLES ?= 200000
bench: $(BIN)/newsarchive
	$(BIN)/python -m bench.quality --jobs 2 $(if $(DATASETS),--dataset $(DATASETS))
	$(BIN)/python -m bench.stages $(if $(DATASETS),--dataset $(DATASETS))
	$(BIN)/python -m bench.reprocess
	$(BIN)/python -m bench.crawl
	$(BIN)/python -m bench.index
	$(BIN)/python -m bench.year --articles $(YEAR_ARTICLES)
	$(BIN)/python -m bench.scale

clean-venv:
	rm -rf $(VENV)
