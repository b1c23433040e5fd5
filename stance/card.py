"""The model card: a README.md generated from the run that made the model, saved beside it."""

from __future__ import annotations

import hashlib
import platform
from importlib import metadata
from pathlib import Path

from stance.textio import atomic_write


def sha256(path: Path | str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def versions() -> dict[str, str]:
    out = {"python": platform.python_version()}
    for pkg in ("stance", "torch", "transformers", "datasets", "scikit-learn", "safetensors"):
        try:
            out[pkg] = metadata.version(pkg)
        except metadata.PackageNotFoundError:
            out[pkg] = "not installed"
    return out


def _scores(block: dict | None) -> str:
    if not block:
        return "not measured"
    return f"macro-F1 **{block['macro_f1']:.4f}**, accuracy {block['accuracy']:.4f} ({block['mentions']} mentions)"


def _int8_line(summary: dict) -> str:
    from stance.runtime import INT8_TOLERANCE

    if "dev_int8" not in summary:
        return "the int8 CPU path was not checked (no dev set), so `stance predict --int8` refuses this model"
    verdict = "within" if summary["cpu_int8"] else "not within"
    use = "may use it" if summary["cpu_int8"] else "refuses this model"
    return (f"dev with dynamic int8 Linear layers (the CPU fast path): {_scores(summary['dev_int8'])};\n"
            f"  {verdict} {INT8_TOLERANCE} of fp32, so `stance predict --int8` {use}")


def write_card(folder: Path, cfg, summary: dict) -> None:
    folder = Path(folder)
    size = sum(f.stat().st_size for f in folder.iterdir() if f.is_file() and not f.name.startswith(("train_state", ".")))
    data_rows = "\n".join(f"| train | `{p}` | `{sha256(p)}` |" for p in cfg.train_files)
    data_rows += "\n" + "\n".join(f"| dev | `{p}` | `{sha256(p)}` |" for p in cfg.dev_files)
    data_rows += "\n" + "\n".join(f"| test | `{p}` | `{sha256(p)}` |" for p in summary.get("test_files", []))
    history = "\n".join(f"| {h['epoch']} | {h['step']} | {h['dev']['macro_f1']:.4f} | {h['dev']['accuracy']:.4f} | {h['seconds']} |"
                        for h in summary["history"])
    settings = "\n".join(f"| `{k}` | `{v}` |" for k, v in cfg.to_dict().items())
    libs = ", ".join(f"{k} {v}" for k, v in versions().items())
    text = f"""---
library_name: stance
base_model: {cfg.encoder}
labels: [{', '.join(cfg.labels)}]
---

# stance model: {folder.name}

A mention-level stance classifier (`{'`, `'.join(cfg.labels)}`): each mention of a sentence is
wrapped in `[M] ... [/M]` markers and all mentions are classified in one forward pass of
`{cfg.encoder}` with a `{cfg.head}` head. This folder stores only what differs from the base
encoder (`{cfg.delta}` delta, {size / 1e6:.1f} MB in all); the encoder comes from its package.

## Results

- dev (model selection): {_scores(summary.get('dev'))}
- test (held out, never used for selection): {_scores(summary.get('test'))}
- {_int8_line(summary)}
- best epoch {summary['best_epoch']} of {len(summary['history'])}; training took {summary['train_seconds']:.0f} s
  on {summary['hardware']} ({summary['device']}, world size {summary['world_size']})

| epoch | step | dev macro-F1 | dev accuracy | seconds |
| --- | --- | --- | --- | --- |
{history}

## Data

| split | file | sha256 |
| --- | --- | --- |
{data_rows}

## Settings

Trained with `stance train` and these settings (also in `train_config.yaml`), seed {cfg.seed}:

| setting | value |
| --- | --- |
{settings}

## Use

```python
import stance
model = stance.load("{folder}")
for m in model.predict("Russia and Cuba stood by Maduro, while Canada recognised Guaidó."):
    print(m.text, m.label, round(m.score, 3))
```

Libraries: {libs}.

Limits: trained on sentences written for the 2019-2021 Venezuelan crisis in English
news register; other crises, languages or genres are out of scope.
"""
    with atomic_write(folder / "README.md") as f:
        f.write(text)
