"""Dialogue policies of Heartwise's own, named in config.yml beside Rasa's."""
