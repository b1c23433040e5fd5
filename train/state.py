"""Resumable training state in one safetensors file: weights, their average, optimiser, scheduler, RNG, progress.

Nothing is pickled: tensors go into safetensors, everything else into its JSON metadata.
The file is written to a temporary name and renamed, so a kill mid-write leaves the
previous state intact.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import torch

from stance.errors import StanceError


def save_state(path: Path, model, optimizer, scheduler, progress: dict, average: dict | None = None) -> None:
    """`average`: the weight average's tensors by parameter name (`WeightAverage.shadow`), if any."""
    from safetensors.torch import save_file

    # only what training changes: the frozen base comes back from the encoder package
    tensors = {f"model.{k}": v.detach().contiguous() for k, v in model.named_parameters() if v.requires_grad}
    tensors.update({f"average.{k}": v.contiguous() for k, v in (average or {}).items()})
    opt = optimizer.state_dict()
    for idx, slots in opt["state"].items():
        for name, value in slots.items():
            tensors[f"opt.{idx}.{name}"] = (value if torch.is_tensor(value) else torch.tensor(value)).contiguous()
    tensors["rng.torch"] = torch.get_rng_state()
    meta = {"param_groups": opt["param_groups"], "scheduler": scheduler.state_dict(), "progress": progress}
    tmp = path.with_name(f".{path.name}.tmp")
    save_file(tensors, str(tmp), metadata={"state": json.dumps(meta)})
    os.replace(tmp, path)


def load_state(path: Path, model, optimizer, scheduler, average: dict | None = None) -> dict:
    """Restore everything `save_state` wrote (the weight average into `average`); return the progress dict."""
    from safetensors import SafetensorError, safe_open

    if not path.is_file():
        raise StanceError(f"{path.parent}: nothing to resume ({path.name} is missing)")
    try:
        with safe_open(str(path), framework="pt") as f:
            meta = json.loads(f.metadata()["state"])
            tensors = {k: f.get_tensor(k) for k in f.keys()}
    except (SafetensorError, OSError, KeyError, json.JSONDecodeError) as e:
        raise StanceError(f"{path}: corrupt training state: {e}") from None
    trained = {k[6:]: v for k, v in tensors.items() if k.startswith("model.")}
    expected = {k for k, v in model.named_parameters() if v.requires_grad}
    if set(trained) != expected:
        raise StanceError(f"{path}: training state does not fit this model (settings changed?)")
    model.load_state_dict(trained, strict=False)
    if average is not None:
        stored = {k[8:]: v for k, v in tensors.items() if k.startswith("average.")}
        if set(stored) != set(average):
            raise StanceError(f"{path}: training state has no weight average for this run (ema_decay changed?)")
        for name, value in stored.items():
            average[name].copy_(value)
    state: dict = {}
    for key, value in tensors.items():
        if key.startswith("opt."):
            _, idx, name = key.split(".", 2)
            state.setdefault(int(idx), {})[name] = value
    optimizer.load_state_dict({"state": state, "param_groups": meta["param_groups"]})
    scheduler.load_state_dict(meta["scheduler"])
    torch.set_rng_state(tensors["rng.torch"])
    return meta["progress"]
