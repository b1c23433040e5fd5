"""The blind second pass of the data card: re-label a random 10 % and measure agreement.

    python data/venezuela/second_pass.py sample OUT.txt     # the sample, spans marked, labels hidden (`?`)
    python data/venezuela/second_pass.py score  OUT.txt     # Cohen's kappa of the filled-in file vs the corpus

The sample is drawn with a fixed seed from all three splits; the second annotator
sees only the sentence and its spans, never the first label.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
LETTER = {"pro-Maduro": "M", "pro-Guaido": "G", "neutral": "N"}
SEED, SHARE = 2019, 0.10
BLIND = re.compile(r"\[\[([^\[\]|]+)\|([?MGN])\]\]")


def corpus() -> list[dict]:
    return [json.loads(line) for split in ("train", "dev", "test")
            for line in (HERE / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()]


def sample() -> list[dict]:
    records = corpus()
    return random.Random(SEED).sample(records, round(SHARE * len(records)))


def blind_line(r: dict) -> str:
    out, cursor = [], 0
    for m in r["mentions"]:
        out.append(r["text"][cursor:m["start"]] + f"[[{r['text'][m['start']:m['end']]}|?]]")
        cursor = m["end"]
    return f"{r['id']}\t" + "".join(out) + r["text"][cursor:]


def score(path: Path) -> None:
    from sklearn.metrics import cohen_kappa_score

    gold = {r["id"]: r for r in corpus()}
    first, second, disagreements = [], [], []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rid, body = line.split("\t", 1)
        labels = [m.group(2) for m in BLIND.finditer(body)]
        original = [LETTER[m["label"]] for m in gold[rid]["mentions"]]
        if len(labels) != len(original) or "?" in labels:
            sys.exit(f"{path}: {rid}: expected {len(original)} filled-in labels")
        first += original
        second += labels
        if labels != original:
            disagreements.append(f"{rid}: corpus {''.join(original)} second pass {''.join(labels)}")
    kappa = cohen_kappa_score(first, second)
    agree = sum(a == b for a, b in zip(first, second)) / len(first)
    print(f"{len(set(l.split(chr(9))[0] for l in path.read_text().splitlines() if l.strip()))} sentences, "
          f"{len(first)} mentions: raw agreement {agree:.3f}, Cohen's kappa {kappa:.3f}")
    print("\n".join(disagreements))


def main() -> None:
    if len(sys.argv) != 3 or sys.argv[1] not in ("sample", "score"):
        sys.exit(__doc__)
    if sys.argv[1] == "sample":
        Path(sys.argv[2]).write_text("\n".join(blind_line(r) for r in sample()) + "\n", encoding="utf-8")
    else:
        score(Path(sys.argv[2]))


if __name__ == "__main__":
    main()
