"""`stance evaluate`: load, predict, score, write metrics.json / report.md / confusion.png / errors.jsonl, gate.

`score()` does all the scoring from records, a classify function and a detector, so it can be
tested without a model; `evaluate()` wires in the real model, the files and the gate.
"""

from __future__ import annotations

import json
import shlex
import sys
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path

from stance.errors import StanceError, UsageError
from stance.evaluate import metrics as M
from stance.labels import MENTION_TYPES
from stance.schema import Record

BOOTSTRAP_RESAMPLES = 1000
BOOTSTRAP_SEED = 13


def log(msg: str) -> None:
    print(msg, file=sys.stderr, flush=True)


# ----- the training split for the baselines ---------------------------------------------------
def train_files_for(train_data: Sequence[Path], model_path: Path) -> list[Path]:
    """`--train-data` if given, else the model's `train_config.yaml` `train_files`."""
    if train_data:
        return [Path(p) for p in train_data]
    cfg_path = model_path / "train_config.yaml"
    if not cfg_path.is_file():
        raise UsageError(f"{model_path}: no train_config.yaml to find the training split for the baselines; "
                         "give it with --train-data FILE")
    import yaml

    try:
        cfg = yaml.safe_load(cfg_path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as e:
        raise StanceError(f"{cfg_path}: invalid YAML: {e}") from None
    files = cfg.get("train_files") if isinstance(cfg, dict) else None
    if not files or not isinstance(files, list):
        raise UsageError(f"{cfg_path}: no train_files; give the training split with --train-data FILE")
    from stance.infer.predictor import REPO_ROOT

    out = []
    for f in map(Path, files):
        # paths in a config are relative to where training ran: usually the repository root
        out.append(f if f.is_absolute() or f.exists() or not (REPO_ROOT / f).exists() else REPO_ROOT / f)
    return out


# ----- scoring ---------------------------------------------------------------------------------
def _sentences(records: Sequence[Record], spans: Sequence[Sequence[tuple[int, int, str | None, str | None]]]):
    from stance.infer.predictor import Mention, Sentence

    return [Sentence("<eval>", i, 0, len(r.text), r.text,
                     [Mention(s, e, r.text[s:e], actor, mtype) for s, e, actor, mtype in found], id=r.id)
            for i, (r, found) in enumerate(zip(records, spans))]


def score(records: Sequence[Record], classify: Callable, detector, train: Sequence[Record],
          labels: Sequence[str]) -> tuple[dict, list[dict]]:
    """(metrics without model/data provenance, every misclassified gold mention).

    `classify(sentences)` fills `label` and `scores` of the sentences' mentions (as
    `StanceModel.stream` does); `detector.detect(text)` returns spans with actor and type.
    """
    from stance.evaluate.baselines import all_baselines

    labels = list(labels)
    gold_spans = [[(m.start, m.end, m.actor, m.type) for m in r.mentions] for r in records]
    log(f"classifying {sum(map(len, gold_spans))} gold mentions in {len(records)} sentences")
    gold_sents = list(classify(_sentences(records, gold_spans)))

    gold, pred, types, groups, errors = [], [], [], [], []
    for r, s in zip(records, gold_sents):
        g_sent = [m.label for m in r.mentions]
        p_sent = [m.label for m in s.mentions]
        groups.append((g_sent, p_sent))
        for gm, pm in zip(r.mentions, s.mentions):
            gold.append(gm.label)
            pred.append(pm.label)
            types.append(gm.type)
            if gm.label != pm.label:
                errors.append({"id": r.id, "sentence": r.text, "start": gm.start, "end": gm.end, "text": pm.text,
                               "actor": gm.actor, "type": gm.type, "gold": gm.label, "predicted": pm.label,
                               "scores": pm.scores})
    stance = M.classification(gold, pred, labels)
    confusion = stance.pop("confusion")
    stance["macro_f1_ci95"] = M.bootstrap_macro_f1(groups, labels, BOOTSTRAP_RESAMPLES, BOOTSTRAP_SEED)
    stance["errors"] = len(errors)

    log("detecting mentions in the raw text")
    detected = [[(d.start, d.end, d.actor, d.type) for d in detector.detect(r.text)] for r in records]
    det_sents = list(classify(_sentences(records, detected)))
    detection = M.detection([([(m.start, m.end) for m in r.mentions], [(d[0], d[1]) for d in found])
                             for r, found in zip(records, detected)])
    e2e = M.end_to_end([([(m.start, m.end, m.label) for m in r.mentions],
                         [(m.start, m.end, m.label) for m in s.mentions]) for r, s in zip(records, det_sents)])

    log(f"baselines trained on {sum(len(r.mentions) for r in train)} training mentions")
    baselines = {}
    for b in all_baselines(labels):
        b_pred = b.fit(train).predict(records)
        s = M.classification(gold, b_pred, labels)
        baselines[b.name] = {"macro_f1": s["macro_f1"], "accuracy": s["accuracy"], "description": b.description,
                             "per_label": {label: {"f1": v["f1"]} for label, v in s["per_label"].items()}}

    metrics = {
        "labels": labels,
        "stance": stance,
        "bootstrap": {"resamples": BOOTSTRAP_RESAMPLES, "seed": BOOTSTRAP_SEED, "unit": "sentence", "level": 0.95},
        "detection": detection,
        "end_to_end": e2e,
        "by_type": M.by_group(types, gold, pred, labels, MENTION_TYPES),
        "baselines": baselines,
        "confusion": confusion,
    }
    return metrics, errors


def worst_errors(errors: Sequence[dict], n: int) -> list[dict]:
    """The n errors with the highest confidence in the wrong label."""
    return sorted(errors, key=lambda x: -(x["scores"] or {}).get(x["predicted"], 0.0))[:n]


# ----- the gate --------------------------------------------------------------------------------
def check_gate(metrics: dict, gate_file: Path | str) -> str:
    """Raise StanceError if stance macro-F1 is below threshold - tolerance; else return a one-line verdict."""
    path = Path(gate_file)
    try:
        gate = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StanceError(f"{path}: no such gate file") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise StanceError(f"{path}: invalid JSON: {e}") from None
    if not isinstance(gate, dict) or "macro_f1" not in gate:
        raise StanceError(f"{path}: a gate file is a JSON object with 'macro_f1' and 'tolerance'")
    threshold, tolerance = gate["macro_f1"], gate.get("tolerance", 0.0)
    if threshold is None:
        raise StanceError(f"{path}: the macro-F1 threshold is not set (macro_f1 is null)")
    if not all(isinstance(x, (int, float)) and not isinstance(x, bool) for x in (threshold, tolerance)):
        raise StanceError(f"{path}: 'macro_f1' and 'tolerance' must be numbers")
    achieved = metrics["stance"]["macro_f1"]
    floor = threshold - tolerance
    if achieved < floor:
        raise StanceError(f"gate failed: macro-F1 {achieved:.4f} is below the threshold {threshold:.4f} "
                          f"minus tolerance {tolerance:.4f} ({floor:.4f}) from {path}")
    return f"gate passed: macro-F1 {achieved:.4f} >= {floor:.4f} (threshold {threshold:.4f} - tolerance {tolerance:.4f})"


# ----- writing ---------------------------------------------------------------------------------
def _command(data, model, output_dir, train_data, gate) -> str:
    args = ["stance", "evaluate", *map(str, data)]
    for flag, value in (("--model", model), ("--output-dir", output_dir), ("--gate", gate)):
        if value is not None:
            args += [flag, str(value)]
    for t in train_data:
        args += ["--train-data", str(t)]
    return shlex.join(args)


def write_outputs(out: Path, metrics: dict, errors: Sequence[dict], provenance: dict) -> Path:
    from stance.evaluate.report import WORST_ERRORS, plot_confusion, render
    from stance.textio import atomic_write

    out.mkdir(parents=True, exist_ok=True)
    with atomic_write(out / "metrics.json") as f:
        json.dump(metrics, f, indent=2, ensure_ascii=False)
        f.write("\n")
    with atomic_write(out / "errors.jsonl") as f:
        for e in errors:
            f.write(json.dumps(e, ensure_ascii=False) + "\n")
    plot_confusion(metrics["confusion"]["matrix"], metrics["confusion"]["labels"], out / "confusion.png",
                   title=f"{provenance['name']}: {metrics['stance']['mentions']} mentions")
    with atomic_write(out / "report.md") as f:
        f.write(render(metrics, worst_errors(errors, WORST_ERRORS), provenance))
    return out / "report.md"


def evaluate(data: Sequence[Path], model: Path | None, output_dir: Path | None,
             train_data: Sequence[Path], gate: Path | None) -> dict:
    """Score a model on labelled files and write the reports; raise StanceError if the gate fails."""
    from stance.card import sha256, versions
    from stance.infer.detect import Detector
    from stance.infer.predictor import StanceModel, default_model_path
    from stance.model import read_config
    from stance.schema import load_records

    files = [Path(p) for p in data]
    if not files:
        raise UsageError("give at least one labelled JSON Lines file")
    train_data = list(train_data or [])
    model_path = Path(model) if model is not None else default_model_path()
    out = Path(output_dir) if output_dir is not None else Path("reports") / files[0].stem
    if gate is not None and not Path(gate).is_file():  # fail before minutes of work, not after
        raise StanceError(f"{gate}: no such gate file")

    config = read_config(model_path)  # cheap: check the data against the model's labels first
    labels = [config["id2label"][str(i)] for i in range(len(config["id2label"]))]
    records = load_records(files, labels)
    train_files = train_files_for(train_data, model_path)
    train = load_records(train_files, labels)
    log(f"loading model {model_path}")
    sm = StanceModel.load(model_path)

    metrics, errors = score(records, lambda sents: sm.stream(sents), Detector(), train, labels)
    metrics["model"] = {"path": str(model_path), "sha256": sha256(model_path / "delta.safetensors"),
                        "encoder": sm.config.get("encoder"), "head": sm.config.get("head"),
                        "delta": sm.config.get("delta")}
    metrics["data"] = {"files": [str(f) for f in files], "sha256": [sha256(f) for f in files],
                       "sentences": len(records), "mentions": sum(len(r.mentions) for r in records)}
    metrics["baselines_train"] = {"files": [str(f) for f in train_files], "sha256": [sha256(f) for f in train_files],
                                  "mentions": sum(len(r.mentions) for r in train)}
    provenance = {"name": files[0].stem, "command": _command(files, model, output_dir, train_data, gate),
                  "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"), "versions": versions()}
    report = write_outputs(out, metrics, errors, provenance)
    st = metrics["stance"]
    log(f"macro-F1 {st['macro_f1']:.4f} (95% CI {st['macro_f1_ci95'][0]:.4f}-{st['macro_f1_ci95'][1]:.4f}), "
        f"accuracy {st['accuracy']:.4f}, {st['mentions']} mentions")
    log(str(report))
    if gate is not None:
        log(check_gate(metrics, gate))
    return metrics
