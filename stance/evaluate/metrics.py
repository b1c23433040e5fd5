"""Scores as pure functions of label lists and spans: no model, no torch, no files.

Conventions, used everywhere in the evaluation:

* **Which labels macro-F1 averages.** Every label of the label set is reported in
  `per_label`, but the macro average runs over the labels that occur in the gold
  labels *or* in the predictions. A label the data never has and the model never
  predicts says nothing about the model and is left out (its `f1` is `None`); a
  label that is predicted but never gold counts, with F1 0, so spurious predictions
  are penalised. The label list is passed to scikit-learn explicitly (`labels=`),
  so the set never depends on what happens to be in a resample.
* **Empty denominators** give 0.0 (no predictions: precision 0.0), never NaN.
* **Span matching** (detection, end to end) is one-to-one: a gold span is matched
  by at most one predicted span and the other way round.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

Span = tuple[int, int]


def present_labels(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> list[str]:
    """The labels macro-F1 averages over: those in gold or predicted, in label-set order."""
    seen = set(gold) | set(pred)
    return [label for label in labels if label in seen]


def classification(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict:
    """macro_f1, accuracy, per_label {precision, recall, f1, support}, confusion (rows gold, columns predicted)."""
    from sklearn.metrics import confusion_matrix, precision_recall_fscore_support

    if len(gold) != len(pred):
        raise ValueError(f"{len(gold)} gold labels but {len(pred)} predictions")
    labels = list(labels)
    unknown = (set(gold) | set(pred)) - set(labels)
    if unknown:
        raise ValueError(f"labels outside the label set: {sorted(unknown)}")
    n = len(gold)
    present = present_labels(gold, pred, labels)
    per_label = {label: {"precision": None, "recall": None, "f1": None, "support": 0} for label in labels}
    macro = 0.0
    if present:
        p, r, f, s = precision_recall_fscore_support(gold, pred, labels=present, zero_division=0)
        for i, label in enumerate(present):
            per_label[label] = {"precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
        macro = float(np.mean(f))
    cm = confusion_matrix(gold, pred, labels=labels).tolist() if n else [[0] * len(labels) for _ in labels]
    return {
        "macro_f1": macro,
        "accuracy": (sum(g == p for g, p in zip(gold, pred)) / n) if n else 0.0,
        "mentions": n,
        "per_label": per_label,
        "averaged_over": present,
        "confusion": {"labels": labels, "matrix": cm},
    }


def macro_f1_from_confusion(cm: np.ndarray) -> np.ndarray:
    """Macro-F1 of one [K, K] or many [..., K, K] confusion matrices, by the convention above."""
    cm = np.asarray(cm, dtype=float)
    tp = np.diagonal(cm, axis1=-2, axis2=-1)
    gold = cm.sum(axis=-1)
    pred = cm.sum(axis=-2)
    denom = gold + pred
    f1 = np.divide(2 * tp, denom, out=np.zeros_like(tp), where=denom > 0)
    present = denom > 0
    count = present.sum(axis=-1)
    return np.divide((f1 * present).sum(axis=-1), count, out=np.zeros(count.shape), where=count > 0)


def _per_sentence(groups: Sequence[tuple[Sequence[str], Sequence[str]]], labels: Sequence[str]) -> np.ndarray:
    """One flattened confusion matrix per sentence, so a resample is a weighted sum of rows."""
    index = {label: i for i, label in enumerate(labels)}
    k = len(labels)
    rows = np.zeros((len(groups), k * k))
    for s, (gold, pred) in enumerate(groups):
        for g, p in zip(gold, pred):
            rows[s, index[g] * k + index[p]] += 1
    return rows


def _resampled_f1(rows: np.ndarray, weights: np.ndarray, k: int) -> np.ndarray:
    return macro_f1_from_confusion((weights @ rows).reshape(len(weights), k, k))


def _draws(n: int, resamples: int, seed: int) -> np.ndarray:
    """How often each of n sentences is drawn, in each of `resamples` bootstrap samples."""
    rng = np.random.default_rng(seed)
    return np.stack([np.bincount(row, minlength=n) for row in rng.integers(0, n, size=(resamples, n))])


def _interval(scores: np.ndarray, level: float) -> list[float]:
    tail = (1 - level) / 2 * 100
    low, high = np.percentile(scores, [tail, 100 - tail])
    return [float(low), float(high)]


def bootstrap_macro_f1(groups: Sequence[tuple[Sequence[str], Sequence[str]]], labels: Sequence[str],
                       resamples: int = 1000, seed: int = 13, level: float = 0.95) -> list[float]:
    """Percentile bootstrap interval [low, high] for macro-F1, resampling whole sentences.

    `groups` holds one (gold labels, predicted labels) pair per sentence: mentions of a
    sentence are not independent, so the sentence is the unit that is drawn.
    """
    if not groups:
        return [0.0, 0.0]
    weights = _draws(len(groups), resamples, seed)
    return _interval(_resampled_f1(_per_sentence(groups, labels), weights, len(labels)), level)


def bootstrap_delta(base: Sequence[tuple[Sequence[str], Sequence[str]]],
                    other: Sequence[tuple[Sequence[str], Sequence[str]]], labels: Sequence[str],
                    resamples: int = 2000, seed: int = 13, level: float = 0.95) -> list[float]:
    """Paired bootstrap interval for macro-F1(other) - macro-F1(base) on the same sentences.

    Both systems are scored on the same draws, so the interval reflects their disagreements
    rather than how hard the sample is: the test for "measurably better".
    """
    if len(base) != len(other):
        raise ValueError("paired bootstrap needs the same sentences for both systems")
    if not base:
        return [0.0, 0.0]
    weights = _draws(len(base), resamples, seed)
    k = len(labels)
    diff = _resampled_f1(_per_sentence(other, labels), weights, k) - _resampled_f1(_per_sentence(base, labels), weights, k)
    return _interval(diff, level)


def prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def _overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(gold: Sequence[Span], pred: Sequence[Span], mode: str = "exact") -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) pairs: `exact` needs equal spans, `overlap` any shared character.

    Overlap matching pairs the largest overlaps first, so a detection is credited to the gold
    span it covers most.
    """
    if mode == "exact":
        where = {tuple(p): j for j, p in enumerate(pred)}
        return [(i, where[tuple(g)]) for i, g in enumerate(gold) if tuple(g) in where]
    if mode != "overlap":
        raise ValueError(f"unknown match mode {mode!r}")
    candidates = sorted(((_overlap(g, p), i, j) for i, g in enumerate(gold) for j, p in enumerate(pred)
                         if _overlap(g, p) > 0), reverse=True)
    used_g, used_p, pairs = set(), set(), []
    for _, i, j in candidates:
        if i not in used_g and j not in used_p:
            used_g.add(i)
            used_p.add(j)
            pairs.append((i, j))
    return sorted(pairs)


def detection(records: Sequence[tuple[Sequence[Span], Sequence[Span]]]) -> dict:
    """Precision/recall/F1 (and tp/fp/fn) of detected spans against gold spans, per match mode."""
    out = {}
    for mode in ("exact", "overlap"):
        tp = fp = fn = 0
        for gold, pred in records:
            hits = len(match_spans(gold, pred, mode))
            tp, fp, fn = tp + hits, fp + len(pred) - hits, fn + len(gold) - hits
        out[mode] = prf(tp, fp, fn)
    return out


def end_to_end(records: Sequence[tuple[Sequence[tuple[int, int, str]], Sequence[tuple[int, int, str]]]]) -> dict:
    """A detected mention is right only with the exact gold span *and* the gold label.

    A right span with a wrong label is one false positive and one false negative.
    """
    tp = fp = fn = 0
    for gold, pred in records:
        hits = len(set(map(tuple, gold)) & set(map(tuple, pred)))
        tp, fp, fn = tp + hits, fp + len(pred) - hits, fn + len(gold) - hits
    return prf(tp, fp, fn)


def by_group(groups: Sequence[str | None], gold: Sequence[str], pred: Sequence[str], labels: Sequence[str],
             names: Sequence[str]) -> dict:
    """Macro-F1, accuracy and support of the mentions of each group (e.g. mention type)."""
    out = {}
    keys = list(names) + (["(none)"] if any(g not in names for g in groups) else [])
    for name in keys:
        idx = [i for i, g in enumerate(groups) if (g if g in names else "(none)") == name]
        scores = classification([gold[i] for i in idx], [pred[i] for i in idx], labels)
        out[name] = {"macro_f1": scores["macro_f1"] if idx else None,
                     "accuracy": scores["accuracy"] if idx else None, "support": len(idx)}
    return out
