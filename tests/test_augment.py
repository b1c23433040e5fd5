"""Entity swap (stance.train.augment): who may be renamed, and that spans and labels follow the new text."""

from __future__ import annotations

import random

from stance.schema import Mention, Record
from stance.train.augment import swap_entities, swap_pools


def record(text: str, *spans: tuple[str, str, str, str]) -> Record:
    """A record from (surface, label, actor, type) tuples, located in `text` in order."""
    mentions, cursor = [], 0
    for surface, label, actor, kind in spans:
        start = text.index(surface, cursor)
        mentions.append(Mention(start, start + len(surface), label, actor, kind))
        cursor = start + len(surface)
    return Record("r", text, tuple(mentions))


TRAIN = [
    record("Canada and Venezuela met as Trump spoke to Padrino López.",
           ("Canada", "pro-Guaido", "CAN", "country"), ("Venezuela", "pro-Maduro", "VEN", "country"),
           ("Trump", "pro-Guaido", "donald-trump", "person"), ("Padrino López", "pro-Maduro", "vladimir-padrino-lopez", "person")),
    record("Russia backed Maduro, and Lavrov said so.",
           ("Russia", "pro-Maduro", "RUS", "country"), ("Maduro", "pro-Maduro", "nicolas-maduro", "person"),
           ("Lavrov", "pro-Maduro", "sergey-lavrov", "person")),
]
HOME = {"donald-trump": "USA", "sergey-lavrov": "RUS", "nicolas-maduro": "VEN", "vladimir-padrino-lopez": "VEN"}


def test_pools_leave_venezuela_and_venezuelans_out():
    pools = swap_pools(TRAIN, ("country", "person"), HOME)
    assert pools["country"].names == ("Canada", "Russia")
    assert pools["person"].names == ("Lavrov", "Trump")
    assert "person" not in swap_pools(TRAIN)  # countries only, by default
    assert "person" not in swap_pools(TRAIN, ("person",), {})  # a person of unknown state is never swapped


def test_swapped_spans_and_labels_follow_the_new_text():
    pools = swap_pools(TRAIN, ("country", "person"), HOME)
    for seed in range(20):
        for r in TRAIN:
            new = swap_entities(r, pools, 1.0, random.Random(seed))
            assert [m.label for m in new.mentions] == [m.label for m in r.mentions]
            for old, m in zip(r.mentions, new.mentions):
                surface = new.text[m.start:m.end]
                if old.actor in ("VEN", "nicolas-maduro", "vladimir-padrino-lopez"):
                    assert surface == r.text[old.start:old.end]
                else:
                    assert surface in pools[m.type].names


def test_no_swap_at_probability_zero_and_same_seed_same_copy():
    pools = swap_pools(TRAIN, ("country", "person"), HOME)
    assert swap_entities(TRAIN[0], pools, 0.0, random.Random(1)) is TRAIN[0]
    a = swap_entities(TRAIN[0], pools, 0.5, random.Random(3))
    assert a == swap_entities(TRAIN[0], pools, 0.5, random.Random(3))
