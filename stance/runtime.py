"""Running the classifier on batches of windows: shared by training (dev scores) and prediction."""

from __future__ import annotations

from collections.abc import Sequence

import torch

from stance.features import Window, encode


def pick_device(name: str = "auto") -> torch.device:
    if name == "auto":
        return torch.device("cuda" if torch.cuda.is_available() else "cpu")
    return torch.device(name)


BUCKET = 8
"""Windows are padded to a multiple of this many tokens and batched only with windows of the same
padded width, so a sentence's numbers never depend on which sentences share its batch."""


def bucket(n_tokens: int) -> int:
    return max(16, -(-n_tokens // BUCKET) * BUCKET)


def collate(windows: Sequence[Window], pad_id: int, labels: Sequence[Sequence[int]] | None = None) -> dict:
    """Pad windows into one batch; mentions are flattened with their row index."""
    width = bucket(max(len(w.input_ids) for w in windows))
    ids = torch.full((len(windows), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(windows), width), dtype=torch.long)
    rows, starts, ends = [], [], []
    for r, w in enumerate(windows):
        ids[r, : len(w.input_ids)] = torch.tensor(w.input_ids)
        mask[r, : len(w.input_ids)] = 1
        rows += [r] * len(w.starts)
        starts += w.starts
        ends += w.ends
    batch = {"input_ids": ids, "attention_mask": mask, "mention_row": torch.tensor(rows),
             "mention_start": torch.tensor(starts), "mention_end": torch.tensor(ends)}
    if labels is not None:
        batch["labels"] = torch.tensor([y for ys in labels for y in ys])
    return batch


def length_batches(windows: Sequence[Window], batch_size: int, max_tokens: int | None = None) -> list[list[int]]:
    """Indices of windows grouped by padded width (see `BUCKET`), so little compute goes to padding."""
    groups: dict[int, list[int]] = {}
    for i, w in enumerate(windows):
        groups.setdefault(bucket(len(w.input_ids)), []).append(i)
    batches = []
    for width, members in sorted(groups.items()):
        size = max(1, min(batch_size, max_tokens // width)) if max_tokens else batch_size
        batches += [members[i:i + size] for i in range(0, len(members), size)]
    return batches


INT8_TOLERANCE = 0.005
"""The int8 CPU path is switched on for a model only if its dev macro-F1 stays this close to fp32's."""


def quantize_int8(model: torch.nn.Module) -> torch.nn.Module:
    """A copy with dynamic int8 Linear layers and one weight scale per output channel: about twice as
    fast on CPU. (One scale per tensor cost the shipped model 0.017 dev macro-F1; per channel, nothing.)"""
    import warnings

    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

    with warnings.catch_warnings():  # torch.ao's notice that this API moves to torchao
        warnings.simplefilter("ignore")
        return quantize_dynamic(model, qconfig_spec={torch.nn.Linear: per_channel_dynamic_qconfig}, dtype=torch.qint8)


@torch.inference_mode()
def classify(model, tokenizer, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]],
             max_length: int, batch_size: int = 64, device: torch.device | None = None) -> list[torch.Tensor]:
    """Label probabilities [len(spans[i]), num_labels] for every span of every text."""
    device = device or next(model.parameters()).device
    windows = encode(tokenizer, texts, spans, max_length)
    out = [torch.empty((len(s), model.head[-1].out_features)) for s in spans]
    for batch_ids in length_batches(windows, batch_size, max_tokens=batch_size * 48):
        chosen = [windows[i] for i in batch_ids]
        batch = {k: v.to(device) for k, v in collate(chosen, tokenizer.pad_token_id).items()}
        probs = model(**batch).float().softmax(-1).cpu()
        k = 0
        for w in chosen:
            n = len(w.mentions)
            out[w.item][w.mentions] = probs[k:k + n]
            k += n
    return out
