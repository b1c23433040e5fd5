"""Is a candidate model measurably better than the shipped one? A paired comparison on gold mentions.

    python benchmarks/compare.py runs/candidate                       # vs checkpoints/venezuela, dev + unknown-actor set
    python benchmarks/compare.py runs/b --base runs/a --data FILE ...

For every data file, and for all of them pooled: each model's stance macro-F1 on the gold
mentions, and a paired bootstrap interval (sentences resampled, 2,000 draws, 95 %) for the
candidate minus the base. The rule for replacing the shipped model: the pooled interval
(dev plus the second held-out set, `data/detection/unknown_actors.jsonl`, which no model
is selected on) lies above zero, and neither set alone scores lower. Never pass the test
split while choosing.
"""

from __future__ import annotations

import argparse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = [ROOT / "data" / "venezuela" / "dev.jsonl", ROOT / "data" / "detection" / "unknown_actors.jsonl"]


def gold_and_predicted(model, records) -> list[tuple[list[str], list[str]]]:
    """(gold labels, predicted labels) per sentence, gold spans given: what `predict_records` returns."""
    return [([m.label for m in r.mentions], [m.label for m in predicted])
            for r, predicted in zip(records, model.predict_records(records))]


def main() -> None:
    import stance
    from stance.labels import DEFAULT
    from stance.schema import load_records

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("candidate", type=Path)
    parser.add_argument("--base", type=Path, default=ROOT / "checkpoints" / "venezuela")
    parser.add_argument("--data", type=Path, nargs="+", default=DEFAULT_DATA)
    args = parser.parse_args()
    labels = list(DEFAULT)
    print(f"| data | mentions | base `{args.base.name}` | candidate `{args.candidate.name}` | difference | 95 % paired interval |")
    print("| --- | --- | --- | --- | --- | --- |")
    models = [stance.load(args.base, device="cpu"), stance.load(args.candidate, device="cpu")]
    pooled: list[list] = [[], []]
    for path in args.data:
        records = [r for r in load_records([path], labels) if r.mentions]
        pair = [gold_and_predicted(m, records) for m in models]
        print(row(f"`{path.name}`", *pair, labels), flush=True)
        for kept, new in zip(pooled, pair):
            kept.extend(new)
    if len(args.data) > 1:
        print(row("all, pooled", *pooled, labels))


def row(name: str, base: list, cand: list, labels: list[str]) -> str:
    from stance.evaluate.metrics import bootstrap_delta, classification

    f1 = [classification([g for gs, _ in s for g in gs], [p for _, ps in s for p in ps], labels)["macro_f1"]
          for s in (base, cand)]
    low, high = bootstrap_delta(base, cand, labels)
    return (f"| {name} | {sum(len(g) for g, _ in base)} | {f1[0]:.4f} | {f1[1]:.4f} | "
            f"{f1[1] - f1[0]:+.4f} | {low:+.4f} to {high:+.4f} |")


if __name__ == "__main__":
    main()
