"""The Rasa command lines the cluster, the tests and the benchmarks share."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.__main__ import create_argument_parser

from deploy.processes import rasa_server_args


@pytest.mark.parametrize("token", ["plain-token", "-starts-with-a-dash", "--two-dashes"])
def test_rasa_reads_the_auth_token_whatever_it_starts_with(token: str) -> None:
    args = rasa_server_args(5005, Path("endpoints.yml"), auth_token=token, cors="http://a.example")

    parsed = create_argument_parser().parse_args(args[1:])

    assert parsed.auth_token == token
    assert parsed.cors == ["http://a.example"]
    assert (parsed.interface, parsed.port) == ("127.0.0.1", 5005)
