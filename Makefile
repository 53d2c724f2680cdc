# unvotes — two commands on a fresh machine:
#   make run    set up, build the record from ../shared/data if missing or of an older
#               schema, fit the ideal points if none are stored, show a vote and serve the
#               dashboard (its address is printed)
#   make test   set up and run the test suite
PYTHON ?= python3
VENV   ?= .venv
DATA   ?= ../shared/data
PORT   ?= 8000
BIN     = $(VENV)/bin

.PHONY: run test setup build bench lint clean

$(BIN)/unvotes: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

setup: $(BIN)/unvotes

build: setup
	$(BIN)/unvotes build --from $(DATA)

run: setup
	@$(BIN)/python -c "import unvotes, sys; unvotes.open()" 2>/dev/null \
		|| $(BIN)/unvotes build --from $(DATA)
	@$(BIN)/python -c "import unvotes; unvotes.open().ideal_fit()" 2>/dev/null \
		|| $(BIN)/unvotes ideal fit
	$(BIN)/unvotes vote A/RES/ES-11/7
	$(BIN)/unvotes serve --port $(PORT)

test: setup lint
	$(BIN)/python -m pytest -q

bench: setup
	$(BIN)/python bench/bench_build.py --data $(DATA)
	$(BIN)/python bench/bench_vote.py
	$(BIN)/python bench/bench_outcomes.py
	$(BIN)/python bench/bench_alignment.py
	$(BIN)/python bench/bench_claims.py
	$(BIN)/python bench/bench_claims.py --set heldout
	$(BIN)/python bench/bench_web.py

lint: setup
	$(BIN)/ruff check src tests bench
	$(BIN)/mypy

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .mypy_cache
