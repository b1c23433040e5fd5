"""Shared fixtures: a tiny random encoder and a tiny model trained on it, so that training, saving,
loading and prediction are all tested in seconds on CPU."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import make_tiny_encoder, tiny_settings


@pytest.fixture(scope="session")
def tiny_encoder(tmp_path_factory) -> Path:
    return make_tiny_encoder(tmp_path_factory.mktemp("tiny-encoder"))


@pytest.fixture(scope="session")
def tiny_model(tiny_encoder, tmp_path_factory) -> Path:
    """A model folder trained for two epochs on the tiny fixture."""
    from stance.config import from_dict
    from stance.train.trainer import run

    out = tmp_path_factory.mktemp("tiny-model")
    run(from_dict(tiny_settings(tiny_encoder)), out)
    return out
