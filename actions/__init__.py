"""Custom actions, served by `rasa run actions` (one module per concern).

The action server imports every module of this package and registers each
``Action`` subclass it finds.
"""

from heartwise.language import load_pipeline

# Loaded when the action server starts, so that the first person to ask for a
# draft check or an assessment does not wait for spaCy.
load_pipeline()
