"""``python -m heartwise run …``: Rasa's command line, started the way Heartwise needs.

The API token never appears on the command line, where ``ps`` shows it to
every user of the machine. It is read from RASA_AUTH_TOKEN, or from the file
that HEARTWISE_AUTH_TOKEN_FILE names (``make run`` keeps one, mode 600, in
``var/``), and handed to Rasa inside this process. Every other argument goes
to Rasa unchanged.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import List, Mapping, Optional


def auth_token(environ: Mapping[str, str] = os.environ) -> Optional[str]:
    token = environ.get("RASA_AUTH_TOKEN", "").strip()
    if token:
        return token
    path = environ.get("HEARTWISE_AUTH_TOKEN_FILE", "").strip()
    if path:
        token = Path(path).read_text().strip()
        if not token:
            raise SystemExit(f"The API token file {path} is empty.")
        return token
    return None


def rasa_arguments(arguments: List[str], token: Optional[str]) -> List[str]:
    """Rasa's arguments, with the token added where the HTTP server takes one."""
    serves_api = arguments[:1] == ["run"] and arguments[1:2] != ["actions"]
    if token and serves_api and not any(a.startswith("--auth-token") for a in arguments):
        # "=": a token may start with '-'.
        return [*arguments, f"--auth-token={token}"]
    return arguments


def main() -> None:
    arguments = rasa_arguments(sys.argv[1:], auth_token())
    # Child processes have no business with the token.
    os.environ.pop("RASA_AUTH_TOKEN", None)
    from rasa.__main__ import main as rasa_main

    sys.argv = ["rasa", *arguments]
    rasa_main()


if __name__ == "__main__":
    main()
