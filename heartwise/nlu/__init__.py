"""Custom Rasa NLU components, named in config.yml by their module path.

The Rasa server imports this package whenever it loads the model, which makes
it the one place to switch on the server's speed-ups and the batching of
messages that arrive together.
"""

from heartwise import server_speedups
from heartwise.nlu import batching

server_speedups.apply()
batching.apply()
