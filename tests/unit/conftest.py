"""Fixtures shared by the unit tests of Rasa's own components."""

from __future__ import annotations

import pytest

from tests.unit.small_diet import TrainedDiet, train_small_diet


@pytest.fixture(scope="session")
def trained_diet(tmp_path_factory: pytest.TempPathFactory) -> TrainedDiet:
    return train_small_diet(tmp_path_factory.mktemp("diet"))
