"""`stance data stats`: the figures a data card needs, computed from the files themselves."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from stance.schema import iter_records


def file_stats(path: Path) -> dict:
    """Counts for one labelled file (read with the project's loader, any label set)."""
    sentences = mentions = several_sides = 0
    labels, types, actors, surfaces = Counter(), Counter(), Counter(), set()
    people, orgs, countries, pairs = set(), set(), set(), Counter()
    for r in iter_records(path, allowed=_labels_of(path)):
        sentences += 1
        sides = set()
        for m in r.mentions:
            mentions += 1
            labels[m.label] += 1
            types[m.type or "unknown"] += 1
            actors[m.actor or r.text[m.start:m.end]] += 1
            surfaces.add(r.text[m.start:m.end])
            {"person": people, "organization": orgs, "country": countries}.get(m.type, set()).add(m.actor)
            if m.label != "neutral":
                sides.add(m.label)
        several_sides += len(sides) > 1
        if "pair" in r.meta:
            pairs[r.meta["pair"]] += 1
    return {"file": str(path), "sentences": sentences, "mentions": mentions,
            "labels": dict(labels.most_common()),
            "label_shares": {k: round(v / max(mentions, 1), 4) for k, v in labels.most_common()},
            "types": dict(types.most_common()), "actors": len(actors), "countries": len(countries),
            "people": len(people), "organizations": len(orgs), "surface_forms": len(surfaces),
            "several_sides_sentences": several_sides,
            "several_sides_share": round(several_sides / max(sentences, 1), 4),
            "minimal_pairs": sum(1 for n in pairs.values() if n == 2),
            "top_actors": dict(actors.most_common(15)),
            "_sets": {"actors": set(actors), "countries": countries, "people": people, "orgs": orgs,
                      "surfaces": surfaces, "labels": labels, "types": types}}


def _labels_of(path: Path) -> tuple[str, ...]:
    """Accept whatever labels the file uses: stats describe data, `validate` judges it."""
    seen = set()
    from stance.textio import iter_lines

    for _, line in iter_lines(path):
        try:
            for m in json.loads(line).get("mentions", []):
                if isinstance(m, dict) and isinstance(m.get("label"), str):
                    seen.add(m["label"])
        except (json.JSONDecodeError, AttributeError):
            continue
    return tuple(seen)


def combine(per_file: list[dict]) -> dict:
    """Totals over all files (distinct actors, forms and so on counted once)."""
    sets = [f["_sets"] for f in per_file]
    labels = sum((s["labels"] for s in sets), Counter())
    mentions = sum(f["mentions"] for f in per_file)
    sentences = sum(f["sentences"] for f in per_file)
    several = sum(f["several_sides_sentences"] for f in per_file)
    return {"file": "all", "sentences": sentences, "mentions": mentions, "labels": dict(labels.most_common()),
            "label_shares": {k: round(v / max(mentions, 1), 4) for k, v in labels.most_common()},
            "types": dict(sum((s["types"] for s in sets), Counter()).most_common()),
            "actors": len(set().union(*(s["actors"] for s in sets))),
            "countries": len(set().union(*(s["countries"] for s in sets))),
            "people": len(set().union(*(s["people"] for s in sets))),
            "organizations": len(set().union(*(s["orgs"] for s in sets))),
            "surface_forms": len(set().union(*(s["surfaces"] for s in sets))),
            "several_sides_sentences": several, "several_sides_share": round(several / max(sentences, 1), 4),
            "minimal_pairs": sum(f["minimal_pairs"] for f in per_file)}


def print_stats(files: list[Path], as_json: bool = False) -> None:
    per_file = [file_stats(Path(f)) for f in files]
    rows = per_file + ([combine(per_file)] if len(per_file) > 1 else [])
    for row in per_file:
        row.pop("_sets")
    if as_json:
        json.dump(rows, sys.stdout, indent=1)
        sys.stdout.write("\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="Labelled data")
    columns = ("file", "sentences", "mentions", "label shares", "types", "countries", "people", "orgs",
               "actors", "forms", "several sides", "pairs")
    for c in columns:
        table.add_column(c, overflow="fold")
    for r in rows:
        table.add_row(Path(r["file"]).name, str(r["sentences"]), str(r["mentions"]),
                      ", ".join(f"{k} {r['labels'][k]} ({v:.0%})" for k, v in r["label_shares"].items()),
                      ", ".join(f"{k} {v}" for k, v in r["types"].items()), str(r["countries"]), str(r["people"]),
                      str(r["organizations"]), str(r["actors"]), str(r["surface_forms"]),
                      f"{r['several_sides_sentences']} ({r['several_sides_share']:.0%})", str(r["minimal_pairs"]))
    Console(width=200).print(table)
