# osl-plan: every target sets up what it needs; a fresh machine needs only Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# The tests run in one process per core (pytest-xdist; `make test WORKERS=1` for one). Tests that
# share a module's fixture stay in one process (tests/conftest.py). Python may cache the compiled
# tests (pytest's assertion rewriting: seconds per process), whatever the shell says.
WORKERS ?= auto
PYTEST  := env -u PYTHONDONTWRITEBYTECODE $(BIN)/python -m pytest -n $(WORKERS) --dist loadgroup

.PHONY: run test test-fast lint format bench docs skeletons i18n dist clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

## make run: set up, validate and render the example plan, its yearly report and attendance lists into out/
run: $(STAMP)
	$(BIN)/osl-plan validate examples/plan_2023.yaml
	mkdir -p out
	$(BIN)/osl-plan render examples/plan_2023.yaml --format docx -o out/plan_2023.docx
	$(BIN)/osl-plan render examples/plan_2023.yaml --format md -o out/plan_2023.md
	$(BIN)/osl-plan render examples/plan_2023.yaml --format html -o out/plan_2023.html
	$(BIN)/osl-plan validate examples/plan_2023_realizacja.yaml
	$(BIN)/osl-plan report examples/plan_2023_realizacja.yaml --format docx -o out/sprawozdanie_2023.docx
	$(BIN)/osl-plan report examples/plan_2023_realizacja.yaml --format html -o out/sprawozdanie_2023.html
	$(BIN)/osl-plan lista examples/plan_2023.yaml --miesiac 2023-03 -o out/listy_obecnosci_2023_03.docx
	@echo "Gotowe. W out/: plan_2023.docx, plan_2023.md, plan_2023.html,"
	@echo "sprawozdanie za 2023 r.: sprawozdanie_2023.docx, sprawozdanie_2023.html,"
	@echo "listy obecności na marzec 2023 r.: listy_obecnosci_2023_03.docx"
	@echo "osl-plan zainstalowano w folderze $(VENV)/, którego nie ma w PATH. Aby go uruchomić:"
	@echo "  . $(BIN)/activate            (potem: osl-plan validate examples/plan_2023.yaml)"
	@echo "  albo $(BIN)/osl-plan validate examples/plan_2023.yaml"

## make test: set up and run every test (pytest's exit 5, "no tests ran", is a failure here)
test: $(STAMP)
	@$(PYTEST); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test: pytest ran no tests; that is a failure" >&2; exit 1; fi; \
	exit $$rc

## make test-fast: every test but those needing LibreOffice and those marked slow; the property
## tests try a quarter of their examples, the complexity guards time smaller sizes
## (OSL_PLAN_TEST_QUICK, tests/helpers.py)
test-fast: $(STAMP)
	@OSL_PLAN_TEST_QUICK=1 $(PYTEST) -m "not libreoffice and not slow"; rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "make test-fast: pytest ran no tests; that is a failure" >&2; exit 1; fi; \
	exit $$rc

lint: $(STAMP)
	$(BIN)/ruff check osl_plan tests
	$(BIN)/ruff format --check osl_plan tests
	$(BIN)/mypy

format: $(STAMP)
	$(BIN)/ruff format osl_plan tests
	$(BIN)/ruff check --fix osl_plan tests

## make bench: the benchmark against pandoc; writes BENCHMARKS.md
bench: $(STAMP)
	$(BIN)/python bench/run.py --write BENCHMARKS.md

## make docs: regenerate docs/cli.md (Polish), docs/cli.en.md (English) and schema/plan.schema.json
docs: $(STAMP)
	$(BIN)/python -m osl_plan.devtools.gendocs

## make skeletons: rebuild the DOCX skeletons shipped in osl_plan/render/skeletons/ (after changing
## a module that builds one, or the version)
skeletons: $(STAMP)
	$(BIN)/python -m osl_plan.devtools.skeletons

## make i18n: extract the messages from the code, update the Polish catalog, compile it
i18n: $(STAMP)
	$(BIN)/python -m osl_plan.devtools.catalog

## make dist: the offline bundles for Windows and Linux (x86-64) in dist/; needs the package index
dist: $(STAMP)
	$(BIN)/python -m osl_plan.devtools.bundle --out dist

clean:
	rm -rf $(VENV) out dist build .pytest_cache .mypy_cache .ruff_cache
