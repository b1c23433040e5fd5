"""The corpus's promises, asserted so that an edit of the sources cannot silently break them."""

from __future__ import annotations

import functools
import re
from collections import Counter

import pytest

from helpers import REPO
from stance.datastats import combine, file_stats
from stance.schema import load_records

DATA = REPO / "data" / "venezuela"
SPLITS = ("train", "dev", "test")


@pytest.fixture(scope="module")
def splits():
    return {s: load_records([DATA / f"{s}.jsonl"]) for s in SPLITS}


def test_sizes_and_coverage():
    stats = combine([file_stats(DATA / f"{s}.jsonl") for s in SPLITS])
    assert stats["sentences"] >= 3000 and stats["mentions"] >= 8000
    assert all(share >= 0.20 for share in stats["label_shares"].values()) and len(stats["label_shares"]) == 3
    assert stats["countries"] >= 150 and stats["surface_forms"] >= 400
    assert stats["people"] >= 250 and stats["organizations"] >= 60
    assert stats["several_sides_share"] >= 0.25
    assert stats["minimal_pairs"] >= 400


def test_split_proportions_by_story(splits):
    """80/10/10 over the sources that are split (source/train-only/ goes to train whole)."""
    split_sources = _split_stories()
    split_train = [r for r in splits["train"] if r.meta["story"] in split_sources]
    total = len(split_train) + len(splits["dev"]) + len(splits["test"])
    assert 0.75 <= len(split_train) / total <= 0.85
    assert 0.07 <= len(splits["dev"]) / total <= 0.13 and 0.07 <= len(splits["test"]) / total <= 0.13
    stories = {s: {r.meta["story"] for r in splits[s]} for s in SPLITS}
    assert not (stories["train"] & stories["dev"] or stories["train"] & stories["test"] or stories["dev"] & stories["test"])


def _split_stories() -> set[str]:
    prepare = _prepare()
    return {story[0].meta["story"] for path in (DATA / "source").glob("*.txt") for story in prepare.read_source(path)}


def test_no_sentence_in_two_splits(splits):
    def norm(t):
        return re.sub(r"\W+", " ", t.lower()).strip()

    seen = Counter(norm(r.text) for s in SPLITS for r in splits[s])
    assert max(seen.values()) == 1


def test_pairs_stay_in_one_split_and_flip_a_label(splits):
    pairs: dict[str, list] = {}
    for s in SPLITS:
        for r in splits[s]:
            if "pair" in r.meta:
                pairs.setdefault(r.meta["pair"], []).append((s, r))
    assert all(len(v) == 2 and v[0][0] == v[1][0] for v in pairs.values())
    for (_, a), (_, b) in pairs.values():
        assert [(m.actor, m.label) for m in a.mentions] != [(m.actor, m.label) for m in b.mentions]


def test_label_shares_per_split(splits):
    for s in SPLITS:
        labels = Counter(m.label for r in splits[s] for m in r.mentions)
        assert min(labels.values()) / sum(labels.values()) >= 0.20, (s, labels)


@functools.cache
def _prepare():
    import importlib.util

    spec = importlib.util.spec_from_file_location("prepare", DATA / "prepare.py")
    prepare = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(prepare)
    return prepare


def test_generated_files_match_the_sources():
    """The .jsonl files are exactly what prepare.py makes of source/: nobody edited them by hand."""
    built = _prepare().build_splits(DATA / "source")
    for s in SPLITS:
        assert [r.to_dict() for r in built[s]] == [r.to_dict() for r in load_records([DATA / f"{s}.jsonl"])]


def test_train_only_sources_stay_in_train(splits):
    """Stories written after dev and test were fixed never reach them."""
    prepare = _prepare()
    late = {r.meta["story"] for r in prepare.late(DATA / "source", prepare.TRAIN_ONLY)}
    assert late, "source/train-only/ holds no stories"
    for s in ("dev", "test"):
        assert not late & {r.meta["story"] for r in splits[s]}
    assert late <= {r.meta["story"] for r in splits["train"]}


def test_confirm_sources_stay_out_of_every_split(splits):
    """The confirmation set is written after models were compared: it may never train or select one."""
    prepare = _prepare()
    confirm = {r.meta["story"] for r in prepare.late(DATA / "source", prepare.CONFIRM)}
    assert confirm, "source/confirm/ holds no stories"
    assert not confirm & {r.meta["story"] for s in SPLITS for r in splits[s]}
    assert confirm == {r.meta["story"] for r in load_records([DATA / "confirm.jsonl"])}
