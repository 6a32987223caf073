"""The shared spaCy pipeline and the pattern libraries that run on it."""

from __future__ import annotations

import functools
from pathlib import Path

import spacy
from spacy.language import Language

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# Built by `make spacy-model` from spacy.cfg; see the Makefile.
DEFAULT_PIPELINE_PATH = PROJECT_ROOT / "var" / "spacy" / "en_heartwise"


@functools.lru_cache(maxsize=1)
def load_pipeline() -> Language:
    """Load the assembled pipeline once per process (used by the action server)."""
    if not DEFAULT_PIPELINE_PATH.exists():
        raise RuntimeError(
            f"spaCy pipeline not found at {DEFAULT_PIPELINE_PATH}: run `make spacy-model` first."
        )
    return spacy.load(DEFAULT_PIPELINE_PATH)
