# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test test-slow lint bench browser clean

$(STAMP): setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,dev,postgres]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/sws-demo

# Browser tests need Debian's chromium; install it where we can, skip them where we cannot.
browser:
	@sh scripts/ensure-chromium.sh

# One worker per core; a module's tests stay on one worker so its shared fixtures are built once.
test: $(STAMP) browser
	$(BIN)/pytest -n auto --dist loadfile

test-slow: $(STAMP)
	$(BIN)/pytest -m slow

lint: $(STAMP)
	$(BIN)/ruff check .

bench: $(STAMP)
	$(BIN)/python -m bench

clean:
	rm -rf $(VENV) demo-data .pytest_cache
