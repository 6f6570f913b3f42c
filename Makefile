# SNIA report site. `make serve` previews both languages; `make test` runs every test.
# Each target creates what it needs (virtual environment, Node test tools) by itself.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export NO_MKDOCS_2_WARNING := 1
export PYTHONHASHSEED := 0
# Same content, same bytes: dates in the site (sitemap) come from the last commit.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: help venv node new pre-commit check schema build serve test test-fast translations translations-check translations-mark translations-sheet translations-export translations-import bench clean

help:
	@echo "make serve         aperçu des sites français (/) et arabe (/ar/) sur http://127.0.0.1:$(PORT)/"
	@echo "make test          toutes les vérifications (contenu, rendu, site construit, navigateur)"
	@echo "make snapshots     régénère les fichiers de référence du rendu (tests/__snapshots__/), à relire dans le diff"
	@echo "make mutations     des régressions plausibles introduites une à une : chacune doit faire échouer les tests"
	@echo "make check         vérifie content/ (chaque problème en fichier:ligne:colonne)"
	@echo "make build         construit les deux sites dans site/ et site/ar/"
	@echo "make pdf           le rapport en PDF, un par langue (build/pdf/), puis les deux sites qui les publient"
	@echo "make translations  l'arabe manquant et périmé (ancien et nouveau français), non relus en nombre (ALL=1 : la liste ; STRICT=1 : échoue)"
	@echo "make translations-mark WHERE=fichier:ligne [REVIEWED=1]   enregistre une traduction faite"
	@echo "make translations-sheet   feuille de relecture (HTML, CSV) et glossaire (CSV, TBX) dans translations/revue/"
	@echo "make translations-export [ALL=1]   XLIFF des textes manquants et périmés (translations/a-traduire.xlf)"
	@echo "make translations-import FILE=fichier.xlf   écrit l'arabe traduit (refusé si le français a changé)"
	@echo "make new KIND=partner ID=identifiant [PROGRAMME=09]   commence un nouvel élément (modèle à remplir)"
	@echo "make bench         banc d'essai à ×1, ×10, ×100 du contenu (SCALES=\"1 10\"), avec les budgets"
	@echo "make lighthouse    Lighthouse (mobile) : accueil et programme 9, deux langues, à ×1 et ×10"
	@echo "make pre-commit    les vérifications avant un commit (contenu, schémas, espaces, YAML)"

$(BIN)/.installed: requirements.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	$(BIN)/python scripts/precompile.py
	touch $@

venv: $(BIN)/.installed

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --ignore-scripts
	touch $@

node: node_modules/.installed

check: venv
	$(BIN)/snia check

schema: venv
	$(BIN)/snia schema

# All or nothing: both languages are built into a temporary folder that
# replaces site/ only when both succeeded (scripts/build_site.py).
build: venv
	$(BIN)/snia check
	$(BIN)/python scripts/build_site.py

# The typeset report (snia.pdf: headless Chromium, /usr/bin/chromium), then the
# sites, which publish the PDFs in pdf/ (make build and make serve work without them).
.PHONY: pdf
pdf: venv
	$(BIN)/snia check
	$(BIN)/python -m snia.pdf
	$(BIN)/python scripts/build_site.py
	@ls -l site/pdf/

# A broken save never stops the preview: the page shows the problems (what and
# where) and the site comes back on the next good save.
serve: venv
	-$(BIN)/snia check
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:$(PORT)

test: venv node
	$(BIN)/python -m pytest

# Golden files of the rendered fragments and entity pages (tests/__snapshots__/):
# regenerate after an intended change of the output, then review their diff.
.PHONY: snapshots
snapshots: venv
	$(BIN)/python -m pytest tests/test_snapshots.py -q --snapshot-update

# Mutation run (scripts/mutations.py): plausible regressions patched into a copy
# of the repository, each must fail its tests; prints the table, exits 1 if one survives.
.PHONY: mutations
mutations: venv node
	$(BIN)/python scripts/mutations.py $(MUTATIONS)

test-fast: venv
	$(BIN)/python -m pytest -m "not site and not browser"

translations: venv
	$(BIN)/snia translations report $(if $(ALL),--all) $(if $(STRICT),--strict)
	$(BIN)/snia translations check

translations-sheet: venv
	$(BIN)/snia translations sheet
	$(BIN)/snia translations termbase

translations-export: venv
	$(BIN)/snia translations export $(if $(ALL),--all)

translations-import: venv
	@test -n "$(FILE)" || { echo "utilisation : make translations-import FILE=translations/a-traduire.xlf"; exit 2; }
	$(BIN)/snia translations import $(FILE)

translations-check: venv
	$(BIN)/snia translations status --strict
	$(BIN)/snia translations check

new: venv
	@test -n "$(KIND)" -a -n "$(ID)" || { echo "utilisation : make new KIND=partner|project|programme|objective|activity|figure|event|recommendation ID=identifiant [PROGRAMME=09]"; exit 2; }
	$(BIN)/snia new $(KIND) $(ID) $(if $(PROGRAMME),--programme $(PROGRAMME))

pre-commit: venv
	$(BIN)/pre-commit run --all-files

translations-mark: venv
	@test -n "$(WHERE)" || { echo "utilisation : make translations-mark WHERE=content/fichier.yml:LIGNE [REVIEWED=1]"; exit 2; }
	$(BIN)/snia translations mark $(WHERE) $(if $(REVIEWED),--reviewed)

clean:
	rm -rf site .pytest_cache

# Scaling benchmark (scripts/bench.py): synthetic content at each scale (snia.synth),
# built by the site and by plain Material on the same pages; prints the table and
# the budgets (PASS/FAIL). SCALES="1 10" for fewer; needs Chromium. Quiet machine only.
SCALES ?= 1 10 100
bench: venv
	$(BIN)/python scripts/bench.py --scales $(SCALES) $(if $(BASELINE_TIMEOUT),--baseline-timeout $(BASELINE_TIMEOUT))

# Lighthouse 12.2.3 (npm, package-lock.json) with Debian's Chromium, mobile, on the
# site served gzip-compressed: home and programme 9 of both languages at ×1 (today's
# content) and ×10; fails below performance 95 or another category below 100.
LIGHTHOUSE_SCALES ?= 1 10
.PHONY: lighthouse
lighthouse: venv node
	$(BIN)/python scripts/lighthouse.py --scales $(LIGHTHOUSE_SCALES)
