"""The record format of the annotation guidelines, and the one loader for it.

A record is one sentence (or short text) with character-offset mentions:

    {"id": "doc7-s3", "text": "...", "mentions": [{"start": 0, "end": 7, "label": "pro-Maduro",
                                                   "actor": "BOL", "type": "country"}]}

Training, evaluation, prediction and `stance data validate` all read records
through `iter_records`, so a file is either valid everywhere or nowhere, and a
bad record is always reported as ``FILE:LINE: what is wrong``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from stance import labels as label_sets
from stance.errors import StanceError, where
from stance.textio import iter_lines


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    label: str | None = None
    actor: str | None = None
    type: str | None = None

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}


@dataclass(frozen=True)
class Record:
    id: str
    text: str
    mentions: tuple[Mention, ...] | None
    """None when the record gives no mentions (prediction then detects them)."""
    meta: dict = field(default_factory=dict, compare=False)
    """Any other top-level fields (`pair`, `story`, ...), kept for round trips."""

    def to_dict(self) -> dict:
        out = {"id": self.id, "text": self.text, **self.meta}
        if self.mentions is not None:
            out["mentions"] = [m.to_dict() for m in self.mentions]
        return out


class RecordError(StanceError):
    """One bad record; the message starts with ``FILE:LINE:``."""


def _int(value: object, name: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"'{name}' must be an integer, got {json.dumps(value)}")
    return value


def _opt_str(value: object, name: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ValueError(f"'{name}' must be a string, got {json.dumps(value)}")
    return value


def parse_record(obj: object, allowed: Sequence[str], require_labels: bool = True) -> Record:
    """Validate one decoded JSON value; raise ValueError saying what is wrong."""
    if not isinstance(obj, dict):
        raise ValueError(f"a record must be a JSON object, got {type(obj).__name__}")
    for key in ("id", "text"):
        if key not in obj:
            raise ValueError(f"missing field '{key}'")
    rid, text = obj["id"], obj["text"]
    if not isinstance(rid, (str, int)) or isinstance(rid, bool):
        raise ValueError("'id' must be a string")
    if not isinstance(text, str):
        raise ValueError("'text' must be a string")
    meta = {k: v for k, v in obj.items() if k not in ("id", "text", "mentions")}
    if "mentions" not in obj:
        if require_labels:
            raise ValueError("missing field 'mentions'")
        return Record(str(rid), text, None, meta)
    raw = obj["mentions"]
    if not isinstance(raw, list):
        raise ValueError("'mentions' must be a list")
    mentions = []
    for i, m in enumerate(raw):
        if not isinstance(m, dict):
            raise ValueError(f"mention {i} must be a JSON object")
        for key in ("start", "end") + (("label",) if require_labels else ()):
            if key not in m:
                raise ValueError(f"mention {i}: missing field '{key}'")
        start, end = _int(m["start"], "start"), _int(m["end"], "end")
        if start >= end:
            raise ValueError(f"mention {i}: inverted or empty span [{start}, {end})")
        if start < 0 or end > len(text):
            raise ValueError(f"mention {i}: span [{start}, {end}) out of range for a text of {len(text)} characters")
        if "text" in m and text[start:end] != m["text"]:
            raise ValueError(f"mention {i}: span [{start}, {end}) is {text[start:end]!r}, not {m['text']!r}")
        label = _opt_str(m.get("label"), "label")
        if label is not None and label not in allowed:
            raise ValueError(f"mention {i}: unknown label {label!r} (allowed: {', '.join(allowed)})")
        mtype = _opt_str(m.get("type"), "type")
        if mtype is not None and mtype not in label_sets.MENTION_TYPES:
            raise ValueError(f"mention {i}: unknown type {mtype!r} (allowed: {', '.join(label_sets.MENTION_TYPES)})")
        mentions.append(Mention(start, end, label if require_labels else None, _opt_str(m.get("actor"), "actor"), mtype))
    ordered = sorted(mentions, key=lambda m: (m.start, m.end))
    for a, b in zip(ordered, ordered[1:]):
        if b.start < a.end:
            raise ValueError(f"overlapping spans [{a.start}, {a.end}) and [{b.start}, {b.end})")
    return Record(str(rid), text, tuple(ordered), meta)


def _parse_lines(path: Path | str, allowed: Sequence[str], require_labels: bool) -> Iterator[tuple[int, Record | str]]:
    """(line number, record or error message) for every non-blank line."""
    seen: set[str] = set()
    for lineno, line in iter_lines(path):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            yield lineno, f"invalid JSON: {e.msg} (column {e.colno})"
            continue
        try:
            record = parse_record(obj, allowed, require_labels)
        except ValueError as e:
            yield lineno, str(e)
            continue
        if record.id in seen:
            yield lineno, f"duplicate id {record.id!r}"
            continue
        seen.add(record.id)
        yield lineno, record


def iter_records(path: Path | str, allowed: Sequence[str] = label_sets.DEFAULT,
                 require_labels: bool = True) -> Iterator[Record]:
    """Stream the records of a JSON Lines file; stop at the first bad one with ``FILE:LINE: ...``."""
    for lineno, item in _parse_lines(path, allowed, require_labels):
        if isinstance(item, str):
            raise RecordError(f"{where(path, lineno)}: {item}")
        yield item


def load_records(paths: Iterable[Path | str], allowed: Sequence[str] = label_sets.DEFAULT,
                 require_labels: bool = True) -> list[Record]:
    return [r for p in paths for r in iter_records(p, allowed, require_labels)]


def validate_file(path: Path | str, allowed: Sequence[str] = label_sets.DEFAULT) -> tuple[int, list[str]]:
    """Every problem in a labelled file: (number of valid records, ``FILE:LINE: ...`` messages)."""
    valid, problems = 0, []
    for lineno, item in _parse_lines(path, allowed, require_labels=True):
        if isinstance(item, str):
            problems.append(f"{where(path, lineno)}: {item}")
        else:
            valid += 1
    return valid, problems


def write_records(records: Iterable[Record], path: Path | str) -> None:
    from stance.textio import atomic_write

    with atomic_write(path) as f:
        for r in records:
            f.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
