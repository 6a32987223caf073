"""The shared spaCy pipeline and the pattern libraries that run on it."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import spacy
from spacy.language import Language

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Built by `make spacy-model` from spacy.cfg; see the Makefile.
DEFAULT_PIPELINE_PATH = PROJECT_ROOT / "var" / "spacy" / "en_heartwise"


@functools.lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """Load the assembled pipeline once per process (used by the action server)."""
    path = Path(os.environ.get("HEARTWISE_SPACY_MODEL", DEFAULT_PIPELINE_PATH))
    if not path.exists():
        raise RuntimeError(f"spaCy pipeline not found at {path}: run `make spacy-model` first.")
    return spacy.load(path)
