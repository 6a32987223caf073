"""The Rasa command lines the cluster, the tests and the benchmarks share."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.__main__ import create_argument_parser

from deploy.processes import rasa_server_args, rasa_server_env
from heartwise.__main__ import auth_token, rasa_arguments


@pytest.mark.parametrize("token", ["plain-token", "-starts-with-a-dash", "--two-dashes"])
def test_rasa_reads_the_auth_token_whatever_it_starts_with(token: str) -> None:
    args = rasa_server_args(5005, Path("endpoints.yml"), cors="http://a.example")
    assert token not in " ".join(args), "the token must not be visible in `ps`"
    assert args[1:4] == ["-m", "heartwise", "run"]

    given = rasa_arguments(args[3:], auth_token(rasa_server_env(token)))
    parsed = create_argument_parser().parse_args(given)

    assert parsed.auth_token == token
    assert parsed.cors == ["http://a.example"]
    assert (parsed.interface, parsed.port) == ("127.0.0.1", 5005)


def test_the_token_can_come_from_a_file_and_never_reaches_the_action_server(tmp_path) -> None:
    token_file = tmp_path / "api-token"
    token_file.write_text("from-a-file\n")

    token = auth_token({"HEARTWISE_AUTH_TOKEN_FILE": str(token_file)})

    assert token == "from-a-file"
    assert rasa_arguments(["run", "actions"], token) == ["run", "actions"]
