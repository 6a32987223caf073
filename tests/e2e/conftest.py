"""Each end-to-end test gets its own conversation on the shared servers."""

from __future__ import annotations

import uuid

import pytest


@pytest.fixture
def sender() -> str:
    """A fresh conversation for each test."""
    return f"e2e-{uuid.uuid4().hex[:12]}"
