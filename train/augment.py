"""Entity-swap augmentation: put other countries' names in the same context, so the
model learns to read what the sentence says about an actor, not which actor it is.

Only country names are swapped, and never Venezuela, whose label the guidelines
tie to its role in the sentence (the state under Maduro, or a place). Persons and
institutions keep their names: their camp is part of their label by definition.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from stance.schema import Mention, Record

PROTECTED = {"VEN"}


def country_names(records: Sequence[Record]) -> list[str]:
    """Surface forms of swappable countries seen in training data (names, not metonyms)."""
    names = set()
    for r in records:
        for m in r.mentions or ():
            surface = r.text[m.start:m.end]
            if m.type == "country" and m.actor not in PROTECTED and surface[:1].isupper() and " " not in surface:
                names.add(surface)
    return sorted(names)


def swap_entities(record: Record, names: Sequence[str], probability: float, rng: random.Random) -> Record:
    """A copy of `record` with some country mentions renamed; labels and other spans kept."""
    if not names or probability <= 0:
        return record
    pieces, mentions, cursor, shift = [], [], 0, 0
    for m in record.mentions:
        surface = record.text[m.start:m.end]
        swap = (m.type == "country" and m.actor not in PROTECTED and surface in names
                and rng.random() < probability)
        new = rng.choice(names) if swap else surface
        pieces.append(record.text[cursor:m.start])
        pieces.append(new)
        start = m.start + shift
        mentions.append(Mention(start, start + len(new), m.label, m.actor, m.type))
        shift += len(new) - len(surface)
        cursor = m.end
    pieces.append(record.text[cursor:])
    return Record(record.id, "".join(pieces), tuple(mentions), record.meta)
