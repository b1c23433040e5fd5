"""Training on a tiny random encoder: round trip, determinism, exact resume, and 2-process DDP."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
import torch

from helpers import TINY_DATA, tiny_settings
from stance import model as model_io
from stance.config import from_dict
from stance.runtime import classify
from stance.schema import load_records
from stance.train.trainer import STATE_NAME, Trainer, run


def _probs(model, tokenizer, records, max_length=128):
    return torch.cat(classify(model, tokenizer, [r.text for r in records],
                              [[(m.start, m.end) for m in r.mentions] for r in records], max_length))


def _trained_params(folder):
    from safetensors.torch import load_file

    return {k: v for k, v in load_file(str(folder / STATE_NAME)).items() if k.startswith("model.")}


@pytest.mark.parametrize("delta", ["layers", "lora"])
def test_train_save_load_predict_round_trip(tiny_encoder, tmp_path, delta):
    cfg = from_dict(tiny_settings(tiny_encoder, delta=delta, epochs=1))
    trainer = Trainer(cfg, tmp_path)
    trainer.train()
    records = load_records([TINY_DATA])
    model = trainer.model.eval()
    if delta == "layers":  # the checkpoint stores the layers in fp16: compare against exactly that
        with torch.no_grad():
            for p in model_io._layers(model.encoder).parameters():
                p.copy_(p.half().float())
    expected = _probs(model, trainer.tokenizer, records)
    loaded, tokenizer, config = model_io.load(tmp_path)
    assert config["id2label"] == {"0": "pro-Maduro", "1": "pro-Guaido", "2": "neutral"}
    assert torch.equal(_probs(loaded, tokenizer, records), expected)


def test_checkpoint_holds_only_the_delta(tiny_model, tiny_encoder):
    from safetensors.torch import load_file

    delta = load_file(str(tiny_model / model_io.DELTA_NAME))
    assert not any("word_embeddings" in k for k in delta), "the frozen base embeddings must not be stored"
    assert all(v.dtype == torch.float16 for k, v in delta.items() if k.startswith("layers."))
    card = (tiny_model / "README.md").read_text()
    assert "macro-F1" in card and "sha256" in card and str(TINY_DATA) in card


def test_same_seed_same_metrics(tiny_encoder, tmp_path):
    cfg = from_dict(tiny_settings(tiny_encoder))
    a = run(cfg, tmp_path / "a")
    b = run(cfg, tmp_path / "b")
    assert a["history"] and [h["dev"] for h in a["history"]] == [h["dev"] for h in b["history"]]
    assert _trained_params(tmp_path / "a").keys() == _trained_params(tmp_path / "b").keys()
    assert all(torch.equal(x, y) for x, y in zip(_trained_params(tmp_path / "a").values(),
                                                 _trained_params(tmp_path / "b").values()))


@pytest.mark.parametrize("ema_decay", [0.0, 0.9])
def test_resume_after_interrupt_gives_the_same_weights(tiny_encoder, tmp_path, ema_decay):
    cfg = from_dict(tiny_settings(tiny_encoder, epochs=3, ema_decay=ema_decay))
    run(cfg, tmp_path / "whole")
    trainer = Trainer(cfg, tmp_path / "cut")

    def interrupt(step):
        trainer.stop_requested = trainer.stop_requested or step == 4  # mid-epoch: 3 batches an epoch

    trainer.on_step = interrupt
    with pytest.raises(KeyboardInterrupt, match="--resume"):
        trainer.train()
    assert json.loads((tmp_path / "cut" / "config.json").read_text())  # epoch 1's best was saved
    run(cfg, tmp_path / "cut", resume=True)
    whole, cut = _trained_params(tmp_path / "whole"), _trained_params(tmp_path / "cut")
    assert whole.keys() == cut.keys()
    assert all(torch.equal(whole[k], cut[k]) for k in whole)
    saved = [model_io.delta_state(model_io.load(tmp_path / run_)[0], "layers") for run_ in ("whole", "cut")]
    assert all(torch.equal(saved[0][k], saved[1][k]) for k in saved[0])  # the same best epoch, averaged or not


def test_weight_average_is_what_gets_evaluated_and_saved(tiny_encoder, tmp_path):
    from stance.train.ema import WeightAverage

    cfg = from_dict(tiny_settings(tiny_encoder, epochs=1, ema_decay=0.9))
    trainer = Trainer(cfg, tmp_path)
    trainer.train()
    raw = {n: p.detach().clone() for n, p in trainer.average.params.items()}
    assert any(not torch.equal(raw[n], trainer.average.shadow[n]) for n in raw)
    with trainer.average.applied():
        expected = {k: v.clone() for k, v in model_io.delta_state(trainer.model, "layers").items()}
    assert all(torch.equal(p, raw[n]) for n, p in trainer.average.params.items())  # trained weights back
    stored = model_io.delta_state(model_io.load(tmp_path)[0], "layers")
    assert [k for k in expected if not torch.equal(stored[k], expected[k])] == []

    average = WeightAverage(torch.nn.Linear(1, 1, bias=False), decay=0.5)
    param = average.params["weight"]
    with torch.no_grad():
        start = param.item()
        param.fill_(start + 1.0)
    average.update(step=100)  # 0.5 after the warm-up: halfway to the new weight
    assert average.shadow["weight"].item() == pytest.approx(start + 0.5)


def _cli(*args, **kw):
    return subprocess.run([sys.executable, "-m", "stance", *args], capture_output=True, text=True, **kw)


@pytest.mark.slow
def test_sigterm_saves_state_and_resume_finishes(tiny_encoder, tmp_path):
    import signal
    import time

    out = tmp_path / "run"
    cmd = [sys.executable, "-m", "stance", "train", "--config", os.devnull, "--output", str(out)]
    for k, v in tiny_settings(tiny_encoder, epochs=400).items():
        cmd += ["--set", f"{k}={json.dumps(v)}"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    deadline = time.time() + 120
    while not (out / STATE_NAME).exists() and time.time() < deadline:
        time.sleep(0.2)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "state saved" in err and "--resume" in err and "Traceback" not in err
    done = _cli("train", "--resume", str(out), "--set", "epochs=2", timeout=300)
    assert done.returncode == 0, done.stderr
    assert json.loads((out / "metrics.json").read_text())["dev"]["macro_f1"] >= 0


@pytest.mark.slow
def test_torchrun_two_processes_on_cpu(tiny_encoder, tmp_path):
    single = tmp_path / "single"
    run(from_dict(tiny_settings(tiny_encoder)), single)
    ddp = tmp_path / "ddp"
    cmd = [sys.executable, "-m", "torch.distributed.run", "--standalone", "--nproc_per_node", "2",
           "-m", "stance", "train", "--config", os.devnull, "--output", str(ddp)]
    for k, v in tiny_settings(tiny_encoder).items():
        cmd += ["--set", f"{k}={json.dumps(v)}"]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=600,
                            env={**os.environ, "OMP_NUM_THREADS": "1"})
    assert result.returncode == 0, result.stderr[-3000:]
    files = sorted(p.name for p in ddp.iterdir())
    assert files == sorted(p.name for p in single.iterdir())
    a, b = (json.loads((d / "metrics.json").read_text()) for d in (single, ddp))
    assert a.keys() == b.keys() and a["dev"].keys() == b["dev"].keys()
    assert b["world_size"] == 2 and a["world_size"] == 1
    model_io.load(ddp)  # one loadable checkpoint
