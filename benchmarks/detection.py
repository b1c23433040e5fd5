"""Detection speed: sentences per second of `Detector.detect` on one core.

    python benchmarks/detection.py [--gazetteer PATH] [--seconds 3]

Sentences: the corpus (`data/venezuela/*.jsonl`, texts only) when it exists, else a
built-in set of typical ~30-word news sentences. The requirement is >= 5,000 sentences/s.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_SAMPLE = [
    "President Nicolás Maduro on Wednesday accused the United States of orchestrating a coup and gave "
    "American diplomats 72 hours to leave Venezuela, as Juan Guaidó declared himself interim president.",
    "The Russian Foreign Ministry said Moscow would stand by Caracas, while the Trump administration "
    "imposed new sanctions on PDVSA and urged the military to abandon Maduro.",
    "Colombia, Brazil and Argentina joined Canada in recognising Guaidó, but Mexico and Uruguay called "
    "for dialogue and Bolivia's Evo Morales denounced the move as imperialist interference.",
    "At a rally in Caracas, opposition lawmakers said the National Assembly would appoint new boards "
    "for Citgo and the central bank, defying the Supreme Court and the Constituent Assembly.",
    "EU foreign policy chief Federica Mogherini said the bloc would set up an International Contact "
    "Group with Latin American countries to seek free and fair elections within 90 days.",
    "China's foreign ministry spokesman Geng Shuang said Beijing opposed outside interference in "
    "Venezuela's internal affairs and hoped all parties would resolve their differences peacefully.",
    "Secretary of State Mike Pompeo told the UN Security Council that the time had come for every "
    "nation to pick a side, as Russia and China blocked a statement backing Guaidó.",
    "Defence Minister Vladimir Padrino López said the armed forces remained loyal to Maduro and would "
    "not allow humanitarian aid to cross the bridges from Cúcuta into Venezuelan territory.",
]


def _sentences() -> list[str]:
    texts: list[str] = []
    for name in ("dev.jsonl", "train.jsonl"):
        p = ROOT / "data" / "venezuela" / name
        if p.exists():
            with open(p, encoding="utf-8") as f:
                for line in f:
                    line = line.strip()
                    if line:
                        texts.append(json.loads(line)["text"])
    return texts or _SAMPLE


def pin_one_core() -> None:
    """Time on one core, as the detection target is stated (where the OS allows pinning)."""
    if hasattr(os, "sched_setaffinity"):
        try:
            os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
        except OSError:
            pass


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gazetteer", default=None, help="gazetteer YAML (default: data/gazetteer/actors.yaml)")
    ap.add_argument("--seconds", type=float, default=3.0, help="how long to time (default 3)")
    args = ap.parse_args(argv)
    pin_one_core()
    from stance.infer.detect import Detector
    from stance.infer.gazetteer import Gazetteer

    t0 = time.perf_counter()
    det = Detector(Gazetteer.load(args.gazetteer))
    build = time.perf_counter() - t0
    print(f"gazetteer: {len(det.gazetteer.actors)} actors, detector built in {build * 1000:.0f} ms")
    worst = float("inf")
    for label, texts in (("corpus", _sentences()), ("30-word sample", _SAMPLE)):
        words = sum(len(t.split()) for t in texts) / len(texts)
        for t in texts[:200]:
            det.detect(t)  # warm-up
        n = mentions = 0
        start = time.perf_counter()
        while True:
            for t in texts:
                mentions += len(det.detect(t))
            n += len(texts)
            elapsed = time.perf_counter() - start
            if elapsed >= args.seconds / 2:
                break
        rate = n / elapsed
        worst = min(worst, rate)
        print(f"{label}: {len(texts)} distinct sentences, {words:.1f} words and {mentions / n:.2f} mentions each: "
              f"{rate:,.0f} sentences/s on one core ({1e6 / rate:.1f} µs/sentence)")
    print(f"detection: {worst:,.0f} sentences/s (slowest set; requirement >= 5,000)")
    return 0 if worst >= 5000 else 1


if __name__ == "__main__":
    sys.exit(main())
