"""NewsMTSC import (read from ../shared at run time) and a few training steps on a slice of it."""

from __future__ import annotations

import json
from itertools import islice

import pytest

from helpers import REPO, tiny_settings
from stance.newsmtsc import convert_file, import_folder
from stance.schema import iter_records

SHARED = REPO.parent / "shared" / "newsmtsc"


@pytest.fixture(scope="module")
def slice_dir(tmp_path_factory):
    """The first 60 lines of each split, as a small NewsMTSC folder."""
    if not SHARED.is_dir():
        pytest.fail(f"{SHARED} is missing: the NewsMTSC tests read the shared copy beside the checkout")
    folder = tmp_path_factory.mktemp("newsmtsc-slice")
    for split in ("train", "dev_rw", "test_rw", "dev_mt", "test_mt"):
        with open(SHARED / f"{split}.jsonl", encoding="utf-8") as f:
            (folder / f"{split}.jsonl").write_text("".join(islice(f, 60)), encoding="utf-8")
    return folder


def test_import_keeps_every_target_with_its_polarity(slice_dir, tmp_path):
    counts = import_folder(slice_dir, tmp_path)
    for split, n in counts.items():
        source = [json.loads(line) for line in (slice_dir / f"{split}.jsonl").read_text().splitlines()]
        assert n == sum(len(s["targets"]) for s in source)
        records = list(iter_records(tmp_path / f"{split}.jsonl", ("negative", "neutral", "positive")))
        polarity = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
        expected = sorted((s["sentence_normalized"][t["from"]:t["to"]], polarity[t["polarity"]])
                          for s in source for t in s["targets"])
        got = sorted((r.text[m.start:m.end], m.label) for r in records for m in r.mentions)
        assert got == expected


def test_overlapping_targets_go_to_separate_records(tmp_path):
    line = {"primary_gid": "g1", "sentence_normalized": "President Trump met Putin.",
            "targets": [{"from": 0, "to": 15, "mention": "President Trump", "polarity": 2.0},
                        {"from": 10, "to": 15, "mention": "Trump", "polarity": 4.0},
                        {"from": 20, "to": 25, "mention": "Putin", "polarity": 6.0}]}
    path = tmp_path / "train.jsonl"
    path.write_text(json.dumps(line) + "\n")
    records = convert_file(path)
    assert [r.id for r in records] == ["g1", "g1#1"]
    assert [[(m.start, m.end, m.label) for m in r.mentions] for r in records] == [
        [(0, 15, "negative"), (20, 25, "positive")], [(10, 15, "neutral")]]


def test_tiny_model_trains_on_a_newsmtsc_slice(slice_dir, tmp_path, tiny_encoder):
    from stance.config import from_dict
    from stance.train.trainer import run

    data = tmp_path / "data"
    import_folder(slice_dir, data)
    cfg = from_dict(tiny_settings(tiny_encoder, train_files=[str(data / "train.jsonl")],
                                  dev_files=[str(data / "dev_rw.jsonl")], labels=["negative", "neutral", "positive"],
                                  epochs=1, max_steps=5))
    summary = run(cfg, tmp_path / "model")
    assert summary["dev"]["mentions"] == sum(1 for r in iter_records(data / "dev_rw.jsonl", cfg.labels) for _ in r.mentions)
    config = json.loads((tmp_path / "model" / "config.json").read_text())
    assert config["id2label"] == {"0": "negative", "1": "neutral", "2": "positive"}
