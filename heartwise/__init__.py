"""Heartwise: the parts of the assistant that are not Rasa configuration.

A message flows channel -> NLU (``heartwise.nlu``, built on the shared spaCy
pipeline in ``heartwise.language``) -> policies (``config.yml``, ``data/``) ->
actions (``actions/``) -> tracker store (``heartwise.tracker_store``).
"""
