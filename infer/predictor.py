"""Prediction: raw text or records in, every mention with its stance and confidence out.

Text flows as a stream: blocks of the input (cut at paragraph breaks) are split
into sentences, mentions are found and linked by the gazetteer detector, and
sentences are classified in length-sorted batches, all mentions of a sentence
in one forward pass. Memory stays bounded by the chunk size, whatever the input.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

from stance.errors import StanceError
from stance.infer.detect import DEFAULT_FALLBACK
from stance.schema import Record

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_MODEL = REPO_ROOT / "checkpoints" / "venezuela"
CHUNK_SENTENCES = 2048
"""Sentences classified together: large enough for good length batching, small enough for bounded memory."""


@dataclass
class Mention:
    """One classified mention. `start`/`end` index the input text (or the record's text)."""

    start: int
    end: int
    text: str
    actor: str | None
    type: str | None
    label: str | None = None
    score: float | None = None
    scores: dict[str, float] | None = None

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Sentence:
    """One sentence of the input with its mentions; every input sentence yields one, mentions or not."""

    source: str
    index: int
    start: int
    end: int
    text: str
    mentions: list[Mention] = field(default_factory=list)
    id: str | None = None
    """The record id, for record input."""


def default_model_path() -> Path:
    return Path(os.environ.get("STANCE_MODEL", DEFAULT_MODEL))


@functools.lru_cache(maxsize=4)
def shared_detector(fallback: str | None = DEFAULT_FALLBACK):
    """One detector per fallback for the process: building one compiles the gazetteer's patterns.
    `fallback`: `"rule"` (the default), `"ner"`, or None for the gazetteer only."""
    from stance.infer.detect import Detector

    return Detector(fallback=fallback)


def iter_text_sentences(path: str, source: str | None = None,
                        fallback: str | None = DEFAULT_FALLBACK) -> Iterator[Sentence]:
    """Sentences of a text file (or `-`), offsets into the whole decoded input, mentions detected."""
    from stance.infer.sentences import split_sentences
    from stance.textio import iter_paragraph_blocks

    detector = shared_detector(fallback)
    index = 0
    for offset, block in iter_paragraph_blocks(path):
        for s, e in split_sentences(block):
            text = block[s:e]
            found = detector.detect(text)
            yield Sentence(source or str(path), index, offset + s, offset + e, text,
                           [Mention(offset + s + d.start, offset + s + d.end, text[d.start:d.end], d.actor, d.type)
                            for d in found])
            index += 1


def record_sentences(records: Iterable[Record], source: str,
                     fallback: str | None = DEFAULT_FALLBACK) -> Iterator[Sentence]:
    """Records as sentences: given mentions are kept exactly (labels dropped); missing ones detected."""
    for index, r in enumerate(records):
        if r.mentions is None:
            found = shared_detector(fallback).detect(r.text)
            mentions = [Mention(d.start, d.end, r.text[d.start:d.end], d.actor, d.type) for d in found]
        else:
            mentions = [Mention(m.start, m.end, r.text[m.start:m.end], m.actor, m.type) for m in r.mentions]
        yield Sentence(source, index, 0, len(r.text), r.text, mentions, id=r.id)


def chunked(items: Iterable, size: int) -> Iterator[list]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class StanceModel:
    """A loaded classifier. `predict(text)` for a text, `predict_records(records)` for records."""

    def __init__(self, model, tokenizer, config: dict, device, path: Path, batch_size: int = 64):
        self.model, self.tokenizer, self.config = model, tokenizer, config
        self.device, self.path, self.batch_size = device, path, batch_size
        self.labels = [config["id2label"][str(i)] for i in range(len(config["id2label"]))]

    @classmethod
    def load(cls, path: Path | str | None = None, device: str = "auto", batch_size: int = 64,
             int8: bool = False) -> "StanceModel":
        """Load a checkpoint. `int8`: Linear layers in dynamic int8 on CPU, about twice as fast, allowed
        when training found that it keeps the dev score (`"cpu_int8": true` in config.json). Its
        activation scales are per batch, so a sentence's scores then vary (slightly) with its batch;
        fp32 scores do not, which is why fp32 is the default."""
        from stance import model as model_io
        from stance.runtime import INT8_TOLERANCE, pick_device, quantize_int8

        path = Path(path) if path else default_model_path()
        if path == DEFAULT_MODEL and not path.is_dir():
            raise StanceError(f"{path}: the shipped model is missing (is this a full checkout?)")
        model, tokenizer, config = model_io.load(path)
        dev = pick_device(device)
        if int8:
            if dev.type != "cpu":
                raise StanceError(f"int8 runs on the CPU only, not on {dev}")
            if not config.get("cpu_int8"):
                raise StanceError(f"{path}: int8 changes this model's dev macro-F1 by more than {INT8_TOLERANCE} "
                                  "(or was never checked; see its model card); use fp32")
            model = quantize_int8(model)
        model.to(dev)
        return cls(model, tokenizer, config, dev, path, batch_size)

    def classify(self, sentences: Sequence[Sentence]) -> list[Sentence]:
        """Fill label, score and scores of every mention of `sentences`, in place."""
        from stance.runtime import classify

        todo = [s for s in sentences if s.mentions]
        if not todo:
            return list(sentences)
        probs = classify(self.model, self.tokenizer, [s.text for s in todo],
                         [[(m.start - s.start, m.end - s.start) for m in s.mentions] for s in todo],
                         self.config["max_length"], self.batch_size, self.device)
        for s, p in zip(todo, probs):
            for m, row in zip(s.mentions, p.tolist()):
                best = max(range(len(row)), key=row.__getitem__)
                m.label, m.score = self.labels[best], row[best]
                m.scores = {label: v for label, v in zip(self.labels, row)}
        return list(sentences)

    def stream(self, sentences: Iterable[Sentence]) -> Iterator[Sentence]:
        for chunk in chunked(sentences, CHUNK_SENTENCES):
            yield from self.classify(chunk)

    def predict(self, text: str) -> list[Mention]:
        """Every mention of `text` with its stance; offsets index `text`."""
        from stance.infer.sentences import split_sentences

        detector = shared_detector()
        sentences = []
        for i, (s, e) in enumerate(split_sentences(text)):
            found = detector.detect(text, s, e)
            sentences.append(Sentence("<text>", i, s, e, text[s:e],
                                      [Mention(d.start, d.end, text[d.start:d.end], d.actor, d.type) for d in found]))
        return [m for s in self.stream(sentences) for m in s.mentions]

    def predict_records(self, records: Iterable[Record]) -> list[list[Mention]]:
        """For each record, its mentions (the given spans, or detected ones) with their stance."""
        return [s.mentions for s in self.stream(record_sentences(records, "<records>"))]
