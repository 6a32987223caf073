"""Custom actions, served by `rasa run actions` (one module per concern).

The action server imports every module of this package and registers each
``Action`` subclass it finds.
"""
