"""Custom Rasa NLU components, named in config.yml by their module path.

The Rasa server imports this package whenever it loads the model, which makes
it the one place to switch on the server's speed-ups.
"""

from heartwise import server_speedups

server_speedups.apply()
