"""Heartwise's own Rasa channels (named by module path in credentials.yml)."""
