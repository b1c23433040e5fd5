"""NewsMTSC (Hamborg and Donnay, EACL 2021, MIT) into the record format, to test the engine
on a public benchmark. The data stays in ../shared; this converts it at run time."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from stance.errors import StanceError, where
from stance.schema import Mention, Record, write_records
from stance.textio import iter_lines

SPLITS = ("train", "dev_rw", "test_rw", "dev_mt", "test_mt")
POLARITY = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}


def convert_line(obj: dict, path: Path, lineno: int) -> list[Record]:
    """One NewsMTSC sentence -> records; targets whose spans overlap go to separate records."""
    text = obj["sentence_normalized"]
    groups: list[list[Mention]] = []
    for t in sorted(obj["targets"], key=lambda t: (t["from"], t["to"])):
        if text[t["from"]:t["to"]] != t["mention"]:
            raise StanceError(f"{where(path, lineno)}: target {t['mention']!r} does not match its offsets")
        if t["polarity"] not in POLARITY:
            raise StanceError(f"{where(path, lineno)}: unknown polarity {t['polarity']!r}")
        m = Mention(t["from"], t["to"], POLARITY[t["polarity"]])
        home = next((g for g in groups if all(m.start >= o.end or m.end <= o.start for o in g)), None)
        if home is None:
            groups.append(home := [])
        home.append(m)
    base = obj.get("primary_gid", f"{path.stem}-{lineno}")
    return [Record(base if i == 0 else f"{base}#{i}", text, tuple(sorted(g, key=lambda m: m.start)))
            for i, g in enumerate(groups)]


def convert_file(path: Path) -> list[Record]:
    records, seen = [], set()
    for lineno, line in iter_lines(path):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            converted = convert_line(obj, path, lineno)
        except (json.JSONDecodeError, KeyError, TypeError) as e:
            raise StanceError(f"{where(path, lineno)}: not a NewsMTSC record: {e}") from None
        for r in converted:  # a few sentences occur twice: keep ids unique
            rid, k = r.id, 1
            while rid in seen:
                rid, k = f"{r.id}~{k}", k + 1
            seen.add(rid)
            records.append(Record(rid, r.text, r.mentions))
    return records


def import_folder(source: Path, out: Path) -> dict[str, int]:
    """Convert every split found in `source` into `out/<split>.jsonl`; return mentions per split."""
    source, out = Path(source), Path(out)
    found = [s for s in SPLITS if (source / f"{s}.jsonl").is_file()]
    if not found:
        raise StanceError(f"{source}: no NewsMTSC files ({', '.join(s + '.jsonl' for s in SPLITS)})")
    counts = {}
    for split in found:
        records = convert_file(source / f"{split}.jsonl")
        write_records(records, out / f"{split}.jsonl")
        counts[split] = sum(len(r.mentions) for r in records)
        print(f"{split}: {len(records)} records, {counts[split]} targets -> {out / (split + '.jsonl')}", file=sys.stderr)
    return counts
