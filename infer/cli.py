"""`stance predict`: inputs in, mentions with stances out, in the format asked for."""

from __future__ import annotations

import contextlib
import csv
import json
import sys
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from stance.errors import UsageError
from stance.infer.detect import DEFAULT_FALLBACK
from stance.infer.predictor import Sentence, StanceModel, iter_text_sentences, record_sentences
from stance.schema import iter_records
from stance.textio import STDIN, atomic_write

FIELDS = ("source", "id", "sentence_index", "sentence_start", "sentence_end", "start", "end", "text",
          "actor", "type", "label", "score", "scores")


def is_records(path: str) -> bool:
    return path != STDIN and path.endswith(".jsonl")


def input_sentences(path: str, labels, fallback: str | None = DEFAULT_FALLBACK) -> Iterator[Sentence]:
    if is_records(path):
        return record_sentences(iter_records(path, labels, require_labels=False), path, fallback)
    return iter_text_sentences(path, fallback=fallback)


def count_units(path: str) -> int:
    """Sentences (text) or records (JSON Lines) in one input, without running the model."""
    from stance.infer.sentences import split_sentences
    from stance.textio import iter_lines, iter_paragraph_blocks

    if is_records(path):
        return sum(1 for _, line in iter_lines(path) if line.strip())
    return sum(len(split_sentences(block)) for _, block in iter_paragraph_blocks(path))


def shard_range(n: int, num_shards: int, index: int) -> tuple[int, int]:
    """The `datasets` contiguous-shard convention: shard i of n items."""
    div, mod = divmod(n, num_shards)
    start = div * index + min(index, mod)
    return start, start + div + (1 if index < mod else 0)


def sharded(inputs: list[str], labels, num_shards: int, index: int, fallback: str | None = DEFAULT_FALLBACK) -> Iterator[Sentence]:
    """The sentences of all inputs, in order, restricted to one contiguous shard."""
    if num_shards == 1:
        for path in inputs:
            yield from input_sentences(path, labels, fallback)
        return
    if STDIN in inputs:
        raise UsageError("--num-shards needs files: stdin cannot be read twice")
    counts = [count_units(p) for p in inputs]
    lo, hi = shard_range(sum(counts), num_shards, index)
    seen = 0
    for path, n in zip(inputs, counts):
        a, b = max(lo - seen, 0), min(hi - seen, n)
        if a < b:
            yield from islice(input_sentences(path, labels, fallback), a, b)
        seen += n


def mention_rows(sentences: Iterable[Sentence]) -> Iterator[dict]:
    for s in sentences:
        for m in s.mentions:
            row = {"source": s.source, "id": s.id, "sentence_index": s.index, "sentence_start": s.start,
                   "sentence_end": s.end, **m.to_dict()}
            if s.id is None:
                del row["id"]
            yield row


def summarize(sentences: Iterable[Sentence], labels: list[str]) -> list[dict]:
    """Per actor: counts per label, the prevailing stance and its share, and the sentences behind it."""
    actors: dict[str, dict] = {}
    for s in sentences:
        for m in s.mentions:
            key = m.actor or m.text
            a = actors.setdefault(key, {"actor": key, "type": m.type, "names": {}, "counts": dict.fromkeys(labels, 0),
                                        "mentions": 0, "sentences": []})
            a["names"][m.text] = a["names"].get(m.text, 0) + 1
            a["mentions"] += 1
            if m.label:
                a["counts"][m.label] += 1
            ref = {"source": s.source, "sentence_index": s.index, "label": m.label, "text": s.text}
            if s.id is not None:
                ref["id"] = s.id
            if not a["sentences"] or a["sentences"][-1]["sentence_index"] != s.index or a["sentences"][-1]["source"] != s.source:
                a["sentences"].append(ref)
    out = []
    for a in actors.values():
        a["name"] = max(a.pop("names").items(), key=lambda kv: kv[1])[0]
        top = max(labels, key=lambda label: a["counts"][label])
        a["stance"] = top if a["counts"][top] else None
        a["share"] = round(a["counts"][top] / a["mentions"], 4) if a["counts"][top] else None
        out.append(a)
    return sorted(out, key=lambda a: (-a["mentions"], a["actor"]))


@contextlib.contextmanager
def open_output(output: Path | None):
    if output is None:
        yield sys.stdout
    else:
        with atomic_write(output) as f:
            yield f


def write_jsonl(rows: Iterable[dict], out) -> None:
    for row in rows:
        out.write(json.dumps(row, ensure_ascii=False) + "\n")


def write_csv(rows: Iterable[dict], out, labels: list[str]) -> None:
    columns = [f for f in FIELDS if f != "scores"] + [f"score_{label}" for label in labels]
    writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        scores = row.pop("scores") or {}
        writer.writerow({**row, **{f"score_{k}": v for k, v in scores.items()}})


def write_table(sentences: list[Sentence], out, summary: list[dict] | None) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(file=out, width=None if out.isatty() else 160)
    if summary is not None:
        table = Table(title="Stance per actor")
        for col in ("actor", "name", "type", "mentions", "stance", "share", "counts"):
            table.add_column(col)
        for a in summary:
            table.add_row(a["actor"], a["name"], a["type"] or "", str(a["mentions"]), a["stance"] or "-",
                          f"{a['share']:.0%}" if a["share"] is not None else "-",
                          ", ".join(f"{k} {v}" for k, v in a["counts"].items()))
        console.print(table)
        return
    table = Table(show_lines=False)
    for col in ("#", "sentence", "mention", "actor", "label", "confidence"):
        table.add_column(col, overflow="fold")
    for s in sentences:
        for k, m in enumerate(s.mentions):
            table.add_row(str(s.index) if k == 0 else "", s.text if k == 0 else "", m.text, m.actor or "",
                          m.label or "-", f"{m.score:.2f}" if m.score is not None else "-")
    console.print(table)


def predict_command(inputs: list[str], model: Path | None, fmt: str, output: Path | None, summary: bool,
                    mentions_only: bool, batch_size: int, device: str, num_shards: int, shard_index: int,
                    fallback: str | None = DEFAULT_FALLBACK, int8: bool = False) -> None:
    from stance import labels as label_sets

    runner = None if mentions_only else StanceModel.load(model, device=device, batch_size=batch_size, int8=int8)
    labels = runner.labels if runner else list(label_sets.DEFAULT)
    stream = sharded(inputs, labels, num_shards, shard_index, fallback)
    if runner:
        stream = runner.stream(stream)
    stream = _counted(stream, sys.stderr.isatty())
    with open_output(output) as out:
        if summary and fmt == "jsonl":
            json.dump(summarize(stream, labels), out, ensure_ascii=False, indent=1)
            out.write("\n")
        elif fmt == "jsonl":
            write_jsonl(mention_rows(stream), out)
        elif fmt == "csv":
            write_csv(mention_rows(stream), out, labels)
        elif fmt == "html":
            from stance.infer.html import render

            sentences = list(stream)
            out.write(render(sentences, summarize(sentences, labels), labels))
        else:
            sentences = list(stream)
            write_table(sentences, out, summarize(sentences, labels) if summary else None)


def _counted(stream: Iterable[Sentence], show: bool) -> Iterator[Sentence]:
    """Pass sentences through, with a live count on a terminal and a closing tally on stderr."""
    n_sent = n_with = n_ment = 0
    status = None
    if show:
        from rich.console import Console

        status = Console(stderr=True).status("reading...")
        status.start()
    try:
        for s in stream:
            n_sent += 1
            n_with += bool(s.mentions)
            n_ment += len(s.mentions)
            if status and n_sent % 256 == 0:
                status.update(f"{n_sent} sentences, {n_ment} mentions")
            yield s
    finally:
        if status:
            status.stop()
    print(f"stance: {n_sent} sentences ({n_with} with mentions), {n_ment} mentions", file=sys.stderr)
