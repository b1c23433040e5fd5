"""Rendering: the Markdown page a person reads and the confusion-matrix picture. No computation here."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

WORST_ERRORS = 15


def _f(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _table(header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join("---" for _ in header) + " |"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell or emphasis."""
    return text.replace("\\", "\\\\").replace("|", "\\|").replace("*", "\\*").replace("_", "\\_").replace("\n", " ")


def bold_mention(sentence: str, start: int, end: int) -> str:
    return f"{_md(sentence[:start])}**{_md(sentence[start:end])}**{_md(sentence[end:])}"


def _versus(model: float, name: str, baseline: float) -> str:
    gap = 100 * (model - baseline)
    verb = "beats" if gap > 0 else "trails" if gap < 0 else "ties"
    return f"it {verb} the {name} baseline ({_f(baseline)}) by {abs(gap):.1f} points"


def summary(metrics: dict) -> str:
    st = metrics["stance"]
    lo, hi = st["macro_f1_ci95"]
    beats = "; ".join(_versus(st["macro_f1"], name, b["macro_f1"]) for name, b in metrics["baselines"].items())
    data = metrics["data"]
    det, e2e = metrics["detection"]["exact"], metrics["end_to_end"]
    return (f"On {data['mentions']} gold mentions in {data['sentences']} sentences "
            f"({', '.join(f'`{f}`' for f in data['files'])}), the model reaches a stance **macro-F1 of "
            f"{_f(st['macro_f1'])}** (95 % bootstrap interval {_f(lo)}–{_f(hi)}, "
            f"{metrics['bootstrap']['resamples']} resamples of sentences) and accuracy {_f(st['accuracy'])}. "
            f"Against the baselines, {beats}. The project's own mention detection finds the gold spans exactly with "
            f"F1 {_f(det['f1'])} (precision {_f(det['precision'])}, recall {_f(det['recall'])}); "
            f"detecting and labelling together, end to end, scores F1 {_f(e2e['f1'])}.")


def render(metrics: dict, worst: Sequence[dict], provenance: dict) -> str:
    """The whole report.md."""
    st, labels = metrics["stance"], metrics["labels"]
    per_label = _table(["label", "precision", "recall", "F1", "support"],
                       [[f"`{label}`", _f(v["precision"]), _f(v["recall"]), _f(v["f1"]), v["support"]]
                        for label, v in st["per_label"].items()])
    matrix = metrics["confusion"]["matrix"]
    confusion = _table(["gold \\ predicted", *(f"`{label}`" for label in labels)],
                       [[f"`{label}`", *row] for label, row in zip(labels, matrix)])
    systems = [("**model**", st)] + list(metrics["baselines"].items())
    compare = _table(["system", "macro-F1", "accuracy", *(f"F1 `{label}`" for label in labels)],
                     [[name, _f(s["macro_f1"]), _f(s["accuracy"]),
                       *(_f(s["per_label"][label]["f1"]) for label in labels)] for name, s in systems])
    described = "\n".join(f"- **{name}**: {b['description']}" for name, b in metrics["baselines"].items())
    by_type = _table(["type", "macro-F1", "accuracy", "support"],
                     [[t, _f(v["macro_f1"]), _f(v["accuracy"]), v["support"]] for t, v in metrics["by_type"].items()])
    det = metrics["detection"]
    detection = _table(["match", "precision", "recall", "F1", "tp", "fp", "fn"],
                       [[mode, _f(v["precision"]), _f(v["recall"]), _f(v["f1"]), v["tp"], v["fp"], v["fn"]]
                        for mode, v in det.items()])
    e = metrics["end_to_end"]
    e2e = _table(["precision", "recall", "F1", "tp", "fp", "fn"],
                 [[_f(e["precision"]), _f(e["recall"]), _f(e["f1"]), e["tp"], e["fp"], e["fn"]]])
    errors = _table(["#", "id", "sentence", "gold", "predicted", "confidence"],
                    [[i, f"`{x['id']}`", bold_mention(x["sentence"], x["start"], x["end"]), f"`{x['gold']}`",
                      f"`{x['predicted']}`", _f(x["scores"][x["predicted"]])] for i, x in enumerate(worst, 1)]
                    ) if worst else "No errors."
    model = metrics["model"]
    data_rows = _table(["file", "sha256"], [[f"`{f}`", f"`{h}`"] for f, h in zip(metrics["data"]["files"],
                                                                                 metrics["data"]["sha256"])])
    libs = ", ".join(f"{k} {v}" for k, v in provenance["versions"].items())
    train = ", ".join(f"`{f}`" for f in metrics["baselines_train"]["files"])
    return f"""# Evaluation: {provenance['name']}

{summary(metrics)}

## Stance per label

Macro-F1 averages the labels that occur in the gold data or the predictions
({', '.join(f'`{label}`' for label in st['averaged_over'])}).

{per_label}

## Confusion matrix

Rows are gold labels, columns predicted labels.

{confusion}

![confusion](confusion.png)

## Model and baselines

The baselines are trained on {train} ({metrics['baselines_train']['mentions']} mentions) and scored on the
same gold mentions as the model.

{described}

{compare}

## By mention type

{by_type}

## Mention detection

The project's detector (`stance.infer.detect`) run on each sentence's raw text against the gold spans:
`exact` needs the same span, `overlap` any shared character (one-to-one).

{detection}

## End to end

Detected mentions classified by the model; one counts only with the exact gold span and the gold label
(a right span with a wrong label is a false positive and a false negative).

{e2e}

## The {min(WORST_ERRORS, len(worst))} worst errors

Misclassified gold mentions with the highest confidence in the wrong label (all
{metrics['stance']['errors']} errors are in `errors.jsonl`).

{errors}

## Provenance

- model: `{model['path']}` (encoder `{model['encoder']}`, head `{model['head']}`),
  `delta.safetensors` sha256 `{model['sha256']}`
- command: `{provenance['command']}`
- date: {provenance['date']}
- libraries: {libs}

{data_rows}
"""


def plot_confusion(matrix: Sequence[Sequence[int]], labels: Sequence[str], path: Path | str, title: str = "") -> None:
    """A readable confusion-matrix PNG: counts in the cells, gold rows, predicted columns. Written atomically."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    from stance.textio import atomic_write

    cm = np.asarray(matrix, dtype=int)
    k = len(labels)
    fig, ax = plt.subplots(figsize=(1.6 * k + 2.4, 1.4 * k + 1.8), dpi=120)
    try:
        ax.imshow(cm, cmap="Blues", vmin=0, vmax=max(int(cm.max()), 1))
        ax.set_xticks(range(k), labels=list(labels))
        ax.set_yticks(range(k), labels=list(labels))
        ax.set_xlabel("predicted")
        ax.set_ylabel("gold")
        if title:
            ax.set_title(title)
        threshold = cm.max() / 2 if cm.size else 0
        for i in range(k):
            for j in range(k):
                ax.text(j, i, str(cm[i, j]), ha="center", va="center", fontsize=13,
                        color="white" if cm[i, j] > threshold else "black")
        fig.tight_layout()
        with atomic_write(path, "wb") as f:
            fig.savefig(f, format="png")
    finally:
        plt.close(fig)
