# Set-up and the main jobs. `make demo` and `make test` install everything they need first.
# `make wheel-check` builds the package and runs it installed from its wheel (.ci/wheel-check).
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test wheel-check bench golden-embeddings clean

$(STAMP): pyproject.toml constraints.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -c constraints.txt -e '.[dev,dask]'
	# bertopic without its sentence-transformers requirement: no PyTorch (see pyproject.toml)
	$(BIN)/python -m pip install --quiet -c constraints.txt --no-deps bertopic
	touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	$(BIN)/mining run corpora/demo --config corpora/demo.toml --out reports/demo

test: $(STAMP)
	$(BIN)/python -m pytest

wheel-check: $(STAMP)
	bash .ci/wheel-check $(PYTHON)

bench: $(STAMP)
	$(BIN)/python benchmarks/sib200.py

clean:
	rm -rf $(VENV) reports/demo

# Refresh the golden tests' precomputed embeddings after editing the demo corpus.
golden-embeddings: $(STAMP)
	rm -rf tests/data/embeddings
	$(BIN)/python -c "import tempfile, mining; mining.run(['corpora/demo'], tempfile.mkdtemp(), \
	  mining.Config.from_file('corpora/demo.toml').updated('embedding', cache_dir='tests/data/embeddings'))"
