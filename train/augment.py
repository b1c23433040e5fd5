"""Entity-swap augmentation: put other actors' names in the same context, so the model
learns to read what the sentence says about an actor, not which actor it is.

Country names are swapped for other country names, never Venezuela's, whose label the
guidelines tie to its role in the sentence (the state under Maduro, or a place).
Optionally foreign people are swapped for other foreign people: a president's name
says nothing about what this sentence says he did. Venezuelans and institutions keep
their names: their camp is part of their label by definition (Maduro's officials are
pro-Maduro whatever the sentence says).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from stance.schema import Mention, Record

PROTECTED = "VEN"
SWAPPABLE = ("country", "person")


@dataclass(frozen=True)
class Pool:
    """Surface forms that may replace each other, and the actors whose mentions may be replaced."""

    names: tuple[str, ...]
    actors: frozenset[str]


def swap_pools(records: Sequence[Record], types: Sequence[str] = ("country",),
               home: Mapping[str, str | None] | None = None) -> dict[str, Pool]:
    """Pools of swappable surface forms seen in training data, by mention type.

    `home` maps a person's actor id to the state they belong to (the gazetteer's
    `country`); a person is swappable only when that state is known and is not Venezuela.
    Countries are swapped by their one-word forms (`Russia`, `Moscow`), which keeps
    government phrases (`Russian Foreign Ministry`) out.
    """
    home = home or {}
    found: dict[str, tuple[set[str], set[str]]] = {t: (set(), set()) for t in types}
    for r in records:
        for m in r.mentions or ():
            surface = r.text[m.start:m.end]
            if m.type not in found or not surface[:1].isupper():
                continue
            if m.type == "country" and (m.actor == PROTECTED or " " in surface):
                continue
            if m.type == "person" and home.get(m.actor) in (None, PROTECTED):
                continue
            names, actors = found[m.type]
            names.add(surface)
            actors.add(m.actor)
    return {t: Pool(tuple(sorted(names)), frozenset(actors)) for t, (names, actors) in found.items() if names}


def swap_entities(record: Record, pools: Mapping[str, Pool], probability: float, rng: random.Random) -> Record:
    """A copy of `record` with some mentions renamed; labels and other spans kept."""
    if not pools or probability <= 0:
        return record
    pieces, mentions, cursor, shift = [], [], 0, 0
    for m in record.mentions:
        surface = record.text[m.start:m.end]
        pool = pools.get(m.type)
        swap = pool is not None and m.actor in pool.actors and surface in pool.names and rng.random() < probability
        new = rng.choice(pool.names) if swap else surface
        pieces.append(record.text[cursor:m.start])
        pieces.append(new)
        start = m.start + shift
        mentions.append(Mention(start, start + len(new), m.label, m.actor, m.type))
        shift += len(new) - len(surface)
        cursor = m.end
    pieces.append(record.text[cursor:])
    return Record(record.id, "".join(pieces), tuple(mentions), record.meta)
