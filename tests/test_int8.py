"""The optional int8 CPU path: checked after training, refused where it would cost score."""

from __future__ import annotations

import json
import shutil

import pytest

import stance
from stance import model as model_io
from stance.errors import StanceError
from stance.infer.predictor import StanceModel

TEXT = "Russia and Cuba stood by Maduro, while Canada recognised Guaidó."


def test_training_records_the_int8_check(tiny_model):
    metrics = json.loads((tiny_model / "metrics.json").read_text())
    delta = abs(metrics["dev_int8"]["macro_f1"] - metrics["dev"]["macro_f1"])
    assert metrics["cpu_int8"] == (delta <= 0.005)
    assert model_io.read_config(tiny_model)["cpu_int8"] == metrics["cpu_int8"]
    assert "int8" in (tiny_model / "README.md").read_text()


@pytest.mark.parametrize("allowed", [True, False])
def test_int8_only_where_it_keeps_the_score(tiny_model, tmp_path, allowed):
    folder = tmp_path / "model"
    shutil.copytree(tiny_model, folder)
    model_io.update_config(folder, cpu_int8=allowed)
    if not allowed:
        with pytest.raises(StanceError, match="int8 changes this model's dev macro-F1"):
            StanceModel.load(folder, int8=True)
        return
    fp32 = StanceModel.load(folder).predict(TEXT)
    int8 = stance.load(folder, int8=True).predict(TEXT)
    assert [(m.start, m.end) for m in int8] == [(m.start, m.end) for m in fp32]
    for a, b in zip(fp32, int8):
        assert all(abs(a.scores[k] - b.scores[k]) < 0.05 for k in a.scores)


def test_cli_int8_flag(tiny_model, tmp_path):
    from typer.testing import CliRunner

    from stance.cli import app

    folder = tmp_path / "model"
    shutil.copytree(tiny_model, folder)
    text = tmp_path / "story.txt"
    text.write_text(TEXT, encoding="utf-8")
    for allowed, code in ((False, 1), (True, 0)):
        model_io.update_config(folder, cpu_int8=allowed)
        result = CliRunner().invoke(app, ["predict", str(text), "--model", str(folder), "--int8", "--format", "jsonl"])
        assert result.exit_code == code, result.output
        if allowed:
            assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == ["Russia", "Cuba", "Maduro", "Canada", "Guaidó"]
        else:
            assert "int8 changes this model's dev macro-F1" in result.output and "Traceback" not in result.output


def test_training_without_dev_set_leaves_int8_unchecked(tiny_encoder, tmp_path):
    from helpers import tiny_settings
    from stance.config import from_dict
    from stance.train.trainer import run

    summary = run(from_dict(tiny_settings(tiny_encoder, dev_files=[], epochs=1)), tmp_path)
    assert summary["dev"] == {} and summary["cpu_int8"] is False and "dev_int8" not in summary
    assert model_io.read_config(tmp_path)["cpu_int8"] is False
    assert "was not checked (no dev set)" in (tmp_path / "README.md").read_text()
    with pytest.raises(StanceError, match="int8"):
        StanceModel.load(tmp_path, int8=True)
