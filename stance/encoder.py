"""A BERT encoder and its tokenizer in plain torch and `tokenizers`, read from a Hugging Face folder.

Why not `transformers.BertModel`? Importing it costs about 5 s on the 2-core machine, more than
classifying a whole news story. The default encoder (all-MiniLM-L6-v2) and most small sentence
encoders are plain BERT, so `stance.model` builds them with this module, for training and
prediction alike, and goes through `transformers.AutoModel` only for other architectures.
The parameter names are BERT's own, so a base `model.safetensors` and a stored delta load as
they are; `tests/test_encoder.py` checks the outputs against `transformers.BertModel`.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import torch
from torch import nn
from torch.nn import functional as F

WEIGHTS = "model.safetensors"


def supports(folder: Path) -> bool:
    """True for a local BERT folder (absolute positions, GELU) with safetensors weights."""
    try:
        cfg = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (cfg.get("model_type") == "bert" and (folder / WEIGHTS).is_file()
            and cfg.get("hidden_act", "gelu") == "gelu"
            and cfg.get("position_embedding_type", "absolute") == "absolute")


class Embeddings(nn.Module):
    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.word_embeddings = nn.Embedding(c.vocab_size, c.hidden_size, padding_idx=c.pad_token_id)
        self.position_embeddings = nn.Embedding(c.max_position_embeddings, c.hidden_size)
        self.token_type_embeddings = nn.Embedding(c.type_vocab_size, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, inputs_embeds: torch.Tensor) -> torch.Tensor:
        width = inputs_embeds.shape[1]
        x = inputs_embeds + self.token_type_embeddings.weight[0] + self.position_embeddings.weight[:width]
        return self.dropout(self.LayerNorm(x))


class SelfAttention(nn.Module):
    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.heads = c.num_attention_heads
        self.query = nn.Linear(c.hidden_size, c.hidden_size)
        self.key = nn.Linear(c.hidden_size, c.hidden_size)
        self.value = nn.Linear(c.hidden_size, c.hidden_size)
        self.dropout_p = c.attention_probs_dropout_prob

    def forward(self, x: torch.Tensor, mask: torch.Tensor, rows: torch.Tensor | None = None,
                cols: torch.Tensor | None = None) -> torch.Tensor:
        """[B, T, D]; or, given `rows`/`cols`, [N, 1, D] for those tokens' queries only (keys: all tokens)."""
        b, t, d = x.shape

        def split(y):
            return y.view(y.shape[0], -1, self.heads, d // self.heads).transpose(1, 2)

        k, v = self.key(x), self.value(x)
        if rows is None:
            q = self.query(x)
        else:
            q, k, v, mask = self.query(x[rows, cols]).unsqueeze(1), k[rows], v[rows], mask[rows]
        out = F.scaled_dot_product_attention(split(q), split(k), split(v), attn_mask=mask,
                                             dropout_p=self.dropout_p if self.training else 0.0)
        return out.transpose(1, 2).reshape(q.shape[0], -1, d)


class AddNorm(nn.Module):
    """BERT's `dense -> dropout -> LayerNorm(+ residual)` (its `*Output` modules)."""

    def __init__(self, c: SimpleNamespace, width: int):
        super().__init__()
        self.dense = nn.Linear(width, c.hidden_size)
        self.LayerNorm = nn.LayerNorm(c.hidden_size, eps=c.layer_norm_eps)
        self.dropout = nn.Dropout(c.hidden_dropout_prob)

    def forward(self, x: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        return self.LayerNorm(self.dropout(self.dense(x)) + residual)


class Attention(nn.Module):
    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.self = SelfAttention(c)
        self.output = AddNorm(c, c.hidden_size)

    def forward(self, x: torch.Tensor, mask: torch.Tensor, rows=None, cols=None) -> torch.Tensor:
        residual = x if rows is None else x[rows, cols].unsqueeze(1)
        return self.output(self.self(x, mask, rows, cols), residual)


class Intermediate(nn.Module):
    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.dense = nn.Linear(c.hidden_size, c.intermediate_size)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return F.gelu(self.dense(x))


class Layer(nn.Module):
    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.attention = Attention(c)
        self.intermediate = Intermediate(c)
        self.output = AddNorm(c, c.intermediate_size)

    def forward(self, x: torch.Tensor, mask: torch.Tensor, rows=None, cols=None) -> torch.Tensor:
        x = self.attention(x, mask, rows, cols)
        return self.output(self.intermediate(x), x)


class Stack(nn.Module):
    def __init__(self, c: SimpleNamespace):
        super().__init__()
        self.layer = nn.ModuleList(Layer(c) for _ in range(c.num_hidden_layers))

    def forward(self, x: torch.Tensor, mask: torch.Tensor, rows=None, cols=None) -> torch.Tensor:
        for i, layer in enumerate(self.layer):
            last = i == len(self.layer) - 1
            x = layer(x, mask, rows if last else None, cols if last else None)
        return x


class BertEncoder(nn.Module):
    """BERT without pooler, taking `inputs_embeds` (so that marker tokens can have embeddings of their own)."""

    def __init__(self, config: SimpleNamespace):
        super().__init__()
        self.config = config
        self.embeddings = Embeddings(config)
        self.encoder = Stack(config)

    def get_input_embeddings(self) -> nn.Embedding:
        return self.embeddings.word_embeddings

    def forward(self, inputs_embeds: torch.Tensor, attention_mask: torch.Tensor) -> SimpleNamespace:
        mask = attention_mask[:, None, None, :].bool()
        return SimpleNamespace(last_hidden_state=self.encoder(self.embeddings(inputs_embeds), mask))

    def hidden_at(self, inputs_embeds: torch.Tensor, attention_mask: torch.Tensor, rows: torch.Tensor,
                  cols: torch.Tensor) -> torch.Tensor:
        """Last-layer states [N, D] at tokens (rows[i], cols[i]) only. A marker head reads nothing
        else, so the last layer computes queries, attention and feed-forward for those tokens alone:
        about a sixth less work for a 6-layer encoder, the same numbers up to rounding."""
        n = rows.shape[0]
        pad = (-n) % 16  # as in the head: BLAS takes another path below 16 rows (see MentionClassifier)
        rows, cols = F.pad(rows, (0, pad)), F.pad(cols, (0, pad))
        mask = attention_mask[:, None, None, :].bool()
        return self.encoder(self.embeddings(inputs_embeds), mask, rows, cols)[:n, 0]


_DEFAULTS = {"type_vocab_size": 2, "layer_norm_eps": 1e-12, "hidden_dropout_prob": 0.1,
             "attention_probs_dropout_prob": 0.1, "pad_token_id": 0, "max_position_embeddings": 512}


def load_bert(folder: Path) -> BertEncoder:
    """The encoder of a BERT folder (see `supports`), weights read with safetensors only."""
    from safetensors.torch import load_file

    raw = json.loads((folder / "config.json").read_text(encoding="utf-8"))
    config = SimpleNamespace(**{**_DEFAULTS, **{k: v for k, v in raw.items() if v is not None}})
    model = BertEncoder(config)  # (not on the meta device: its init imports torch._dynamo, 2.5 s)
    state = {k.removeprefix("bert."): v.float() for k, v in load_file(str(folder / WEIGHTS)).items()
             if not k.removeprefix("bert.").startswith(("pooler.", "cls.")) and not k.endswith("position_ids")}
    model.load_state_dict(state, strict=True)
    return model


class Tokenizer:
    """The part of a `transformers` fast tokenizer that `stance.features` uses, on `tokenizers` alone.

    Reads `tokenizer.json` (which holds the marker tokens) and the special tokens named in
    `tokenizer_config.json`, as `save_pretrained` wrote them.
    """

    def __init__(self, folder: Path):
        from tokenizers import Tokenizer as Backend

        try:
            self.backend = Backend.from_file(str(folder / "tokenizer.json"))
        except Exception as e:  # tokenizers raises a bare Exception for a file it cannot parse
            raise ValueError(f"{folder / 'tokenizer.json'}: {e}") from None
        self.backend.no_truncation()
        self.backend.no_padding()
        try:
            special = json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            special = {}
        for role in ("cls", "sep", "bos", "eos", "pad"):
            token = special.get(f"{role}_token")
            if isinstance(token, dict):
                token = token.get("content")
            setattr(self, f"{role}_token_id", self.backend.token_to_id(token) if token else None)

    def convert_tokens_to_ids(self, tokens: list[str]) -> list[int | None]:
        return [self.backend.token_to_id(t) for t in tokens]

    def __call__(self, texts: list[str], **_) -> dict:
        """Token ids and character offsets, without special tokens (how `features.encode` calls it)."""
        out = self.backend.encode_batch(texts, add_special_tokens=False)
        return {"input_ids": [e.ids for e in out], "offset_mapping": [e.offsets for e in out]}
