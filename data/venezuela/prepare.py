"""Build data/venezuela/{train,dev,test,confirm}.jsonl from the hand-written sources in source/.

    python data/venezuela/prepare.py                 # rebuild the splits, print the split report
    python data/venezuela/prepare.py --check FILE    # parse one source file, write nothing

The sources (see source/README.md) are the truth; the .jsonl files are generated.
Splits are made by story (80/10/10 of the sentences of each file in source/, stories
in a fixed pseudo-random order), so paraphrases of one event and both sides of a
minimal pair always land in the same split. Files in source/train-only/ go to train
whole: they were written after dev and test were fixed, and adding them leaves those
two splits, and every figure measured on them, unchanged. Files in source/confirm/ go to
confirm.jsonl whole, never to train: a set written after models were compared, to confirm
a candidate on sentences no choice has seen. A late sentence (train-only or confirm) may not
paraphrase one it must stay apart from (token Jaccard below LATE_MAX_OVERLAP). The report
ends with the highest token overlap between any two sentences of different splits.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

from stance.schema import Mention, Record, parse_record, write_records

HERE = Path(__file__).resolve().parent
LABELS = {"M": "pro-Maduro", "G": "pro-Guaido", "N": "neutral"}
MENTION = re.compile(r"\[\[([^\[\]|]+)\|([MGN])\|([A-Z]{3}|[po]:[a-z0-9]+(?:-[a-z0-9]+)*)\]\]")
STORY = re.compile(r"^# story ([a-z0-9][a-z0-9-]*) \| (\d{4}-\d{2}(?:-\d{2})?) \| (wire|headline|analysis|opinion|quote)$")
PAIR = re.compile(r"^\{pair:([a-z0-9-]+)\} ")
SPLITS = (("train", 0.8), ("dev", 0.1), ("test", 0.1))
TRAIN_ONLY = "train-only"
CONFIRM = "confirm"
LATE_MAX_OVERLAP = 0.45
"""A late sentence this close (token Jaccard) to one it must stay apart from paraphrases it: refused."""


def actor_and_type(code: str) -> tuple[str, str]:
    if code.startswith("p:"):
        return code[2:], "person"
    if code.startswith("o:"):
        return code[2:], "organization"
    return code, "country"


def parse_line(body: str) -> tuple[str, list[Mention]]:
    """Markup -> plain text and mentions with offsets into it."""
    text, mentions, cursor = [], [], 0
    length = 0
    for m in MENTION.finditer(body):
        before = body[cursor:m.start()]
        text.append(before)
        length += len(before)
        surface, letter, code = m.groups()
        actor, kind = actor_and_type(code)
        mentions.append(Mention(length, length + len(surface), LABELS[letter], actor, kind))
        text.append(surface)
        length += len(surface)
        cursor = m.end()
    text.append(body[cursor:])
    return "".join(text), mentions


def read_source(path: Path) -> list[list[Record]]:
    """Stories of one source file, each a list of records; exits with FILE:LINE on bad markup."""
    stories: list[list[Record]] = []
    meta: dict = {}
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("%"):
            continue
        if line.startswith("#"):
            m = STORY.match(line)
            if not m:
                sys.exit(f"{path}:{lineno}: bad story header")
            meta = {"story": m.group(1), "date": m.group(2), "genre": m.group(3)}
            stories.append([])
            continue
        if not stories:
            sys.exit(f"{path}:{lineno}: sentence before the first story header")
        pair = PAIR.match(line)
        body = line[pair.end():] if pair else line
        text, mentions = parse_line(body)
        if "[[" in text or "]]" in text:
            sys.exit(f"{path}:{lineno}: malformed mention markup")
        rid = f"{meta['story']}-s{len(stories[-1]) + 1}"
        obj = {"id": rid, "text": text, **meta, **({"pair": pair.group(1)} if pair else {}),
               "mentions": [m.to_dict() for m in mentions]}
        try:
            stories[-1].append(parse_record(obj, tuple(LABELS.values())))
        except ValueError as e:
            sys.exit(f"{path}:{lineno}: {e}")
    return stories


def split_stories(stories: list[list[Record]]) -> dict[str, list[Record]]:
    """80/10/10 by sentences, whole stories only, in an order fixed by the story ids' hashes."""
    order = sorted(stories, key=lambda s: hashlib.sha256(s[0].meta["story"].encode()).hexdigest())
    total = sum(len(s) for s in order)
    out: dict[str, list[Record]] = {name: [] for name, _ in SPLITS}
    done, bounds = 0, [0.8 * total, 0.9 * total]
    for story in order:
        name = "train" if done < bounds[0] else "dev" if done < bounds[1] else "test"
        out[name].extend(story)
        done += len(story)
    return out


def max_overlap(a: list[Record], b: list[Record]) -> tuple[float, str, str]:
    """Highest token Jaccard overlap between a sentence of `a` and one of `b`, and their ids."""
    from sklearn.feature_extraction.text import CountVectorizer

    if not a or not b:
        return 0.0, "", ""
    vec = CountVectorizer(binary=True, lowercase=True, token_pattern=r"\w+").fit([r.text for r in a + b])
    ma, mb = vec.transform([r.text for r in a]), vec.transform([r.text for r in b])
    inter = (ma @ mb.T).toarray()
    sa, sb = ma.sum(1).A1, mb.sum(1).A1
    jac = inter / (sa[:, None] + sb[None, :] - inter)
    x, y = divmod(int(jac.argmax()), jac.shape[1])
    return float(jac[x, y]), a[x].id, b[y].id


def max_cross_overlap(splits: dict[str, list[Record]]) -> tuple[float, str, str]:
    """Highest token Jaccard overlap between two sentences of different splits."""
    names = list(splits)
    return max(max_overlap(splits[a], splits[b]) for i, a in enumerate(names) for b in names[i + 1:])


def late(source: Path, folder: str) -> list[Record]:
    """The records of the sources in `folder` (train-only/ or confirm/), which are not split."""
    return [r for path in sorted((source / folder).glob("*.txt")) for story in read_source(path) for r in story]


def build_splits(source: Path) -> dict[str, list[Record]]:
    """Every record of `source`, by split: each file split by story, train-only/ files to train whole."""
    splits: dict[str, list[Record]] = {name: [] for name, _ in SPLITS}
    for path in sorted(source.glob("*.txt")):
        for name, records in split_stories(read_source(path)).items():
            splits[name].extend(records)
    splits["train"].extend(late(source, TRAIN_ONLY))
    splits["confirm"] = late(source, CONFIRM)
    return splits


def check(path: Path) -> None:
    """Parse one source file and print what it holds, so a writer can validate a file alone."""
    from collections import Counter

    records = [r for story in read_source(path) for r in story]
    labels = Counter(m.label for r in records for m in r.mentions)
    pairs = Counter(r.meta["pair"] for r in records if "pair" in r.meta)
    odd = sorted(p for p, n in pairs.items() if n != 2)
    if odd:
        sys.exit(f"{path}: pair(s) without exactly two sentences: {', '.join(odd)}")
    print(f"{path}: {len(records)} sentences, {sum(labels.values())} mentions "
          f"({', '.join(f'{k} {v}' for k, v in sorted(labels.items()))}), {len(pairs)} pairs", file=sys.stderr)


def main() -> None:
    if sys.argv[1:2] == ["--check"]:
        for name in sys.argv[2:]:
            check(Path(name))
        return
    splits = build_splits(HERE / "source")
    texts: dict[str, str] = {}
    for name, records in splits.items():
        for r in records:
            if r.text in texts:
                sys.exit(f"duplicate sentence in {texts[r.text]} and {name}: {r.text}")
            texts[r.text] = name
    held_out = splits["dev"] + splits["test"]
    for what, mine, others in (("a train-only", late(HERE / "source", TRAIN_ONLY), held_out),
                               ("a confirm", splits["confirm"], splits["train"] + held_out)):
        overlap, a, b = max_overlap(mine, others)
        print(f"highest overlap of {what} sentence with the sentences it must stay apart from: "
              f"{overlap:.3f} ({a} vs {b})", file=sys.stderr)
        if overlap >= LATE_MAX_OVERLAP:
            sys.exit(f"{a} paraphrases {b} (overlap {overlap:.3f} >= {LATE_MAX_OVERLAP}): rewrite or remove it; "
                     "nothing written")
    for name, records in splits.items():
        write_records(records, HERE / f"{name}.jsonl")
        print(f"{name}: {len(records)} sentences, {sum(len(r.mentions) for r in records)} mentions, "
              f"{len({r.meta['story'] for r in records})} stories", file=sys.stderr)
    overlap, a, b = max_cross_overlap(splits)
    print(f"highest cross-split token overlap (Jaccard): {overlap:.3f} ({a} vs {b})", file=sys.stderr)

if __name__ == "__main__":
    main()
