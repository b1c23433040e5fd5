"""Bad input, faults and safe loading, through the real CLI: one line naming the file (and line),
exit 1 for bad data, 2 for bad usage, never a traceback; and a fuzz run that loses nothing."""

from __future__ import annotations

import builtins
import gzip
import json
import random
import shutil

import pytest
from typer.testing import CliRunner

from helpers import REPO, TINY_DATA
from stance.cli import app

STORY = REPO / "examples" / "story.txt"


def invoke(*args, input=None):
    return CliRunner().invoke(app, [str(a) for a in args], input=input)


def assert_one_line_error(result, code: int, *fragments: str):
    assert result.exit_code == code, (result.exit_code, result.stdout, result.stderr)
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("error: ")
    for f in fragments:
        assert f in lines[0]
    assert "Traceback" not in result.stderr + result.stdout


# ----- files that are not there or not text ---------------------------------------------------
@pytest.mark.parametrize("command", [["predict", "--mentions-only"], ["data", "validate"], ["data", "stats"]])
def test_missing_file(tmp_path, command):
    assert_one_line_error(invoke(*command, tmp_path / "nope.txt"), 1, "nope.txt", "no such file")


def test_directory(tmp_path):
    assert_one_line_error(invoke("predict", "--mentions-only", tmp_path), 1, str(tmp_path), "is a directory")


def test_unreadable_file(tmp_path, monkeypatch):
    path = tmp_path / "secret.txt"
    path.write_text("Russia backs Maduro.")
    real_open = builtins.open

    def guarded(file, *args, **kwargs):  # root ignores file modes, so refuse the read here
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded)
    assert_one_line_error(invoke("predict", "--mentions-only", path), 1, "secret.txt", "permission denied")


@pytest.mark.parametrize("payload", [b"Russia\x00backs Maduro", gzip.compress(b"Russia backs Maduro. " * 50)])
def test_binary_file(tmp_path, payload):
    path = tmp_path / "blob.txt"
    path.write_bytes(payload)
    assert_one_line_error(invoke("predict", "--mentions-only", path), 1, "blob.txt", "binary file")


def test_binary_jsonl(tmp_path):
    path = tmp_path / "blob.jsonl"
    path.write_bytes(b'{"id": "a"}\n\x00\x01\x02')
    assert_one_line_error(invoke("data", "validate", path), 1, "blob.jsonl:2", "NUL byte")


def test_invalid_utf8_is_replaced_with_one_warning(tmp_path, tiny_model):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Bogotá and Russia backed Maduro.\nCanada recognised Guaidó \xff\xfe.\n".encode("latin-1"))
    result = invoke("predict", path, "--model", tiny_model, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    assert result.stderr.count("invalid UTF-8") == 1 and "latin1.txt" in result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    text = path.read_bytes().decode("utf-8", errors="replace")
    assert {r["text"] for r in rows} >= {"Russia", "Maduro", "Canada"}
    assert all(text[r["start"]:r["end"]] == r["text"] for r in rows)


@pytest.mark.parametrize("use_stdin", [False, True])
def test_empty_input_exits_0_with_no_output(tmp_path, tiny_model, use_stdin):
    path = tmp_path / "empty.txt"
    path.write_text("")
    args = ["-"] if use_stdin else [path]
    result = invoke("predict", *args, "--model", tiny_model, "--format", "jsonl", input="" if use_stdin else None)
    assert result.exit_code == 0 and result.stdout == ""


def test_giant_line_loses_no_mention(tmp_path, tiny_model):
    """5 MB with no sentence boundary: read in bounded blocks and windows; every mention kept."""
    filler = "the negotiations dragged on without any breakthrough at all "
    names = ["Russia", "Canada", "Cuba", "Maduro", "Guaidó"]
    parts = []
    for i in range(100):
        parts.append(filler * 850)
        parts.append(names[i % 5] + " ")
    text = "".join(parts)
    assert len(text) > 5_000_000
    path = tmp_path / "giant.txt"
    path.write_text(text)
    result = invoke("predict", path, "--model", tiny_model, "--format", "jsonl")
    assert result.exit_code == 0, result.stderr
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["text"] for r in rows] == [names[i % 5] for i in range(100)]
    assert all(r["label"] for r in rows)


# ----- bad records in training and evaluation data --------------------------------------------
BAD_LINES = {
    "invalid JSON": "{oops",
    "must be an integer": '{"id": "x", "text": "Cuba", "mentions": [{"start": "0", "end": 4, "label": "neutral"}]}',
    "out of range": '{"id": "x", "text": "Cuba", "mentions": [{"start": 0, "end": 9, "label": "neutral"}]}',
    "overlapping": '{"id": "x", "text": "Cuba Cuba", "mentions": [{"start": 0, "end": 6, "label": "neutral"}, '
                   '{"start": 5, "end": 9, "label": "neutral"}]}',
    "inverted": '{"id": "x", "text": "Cuba", "mentions": [{"start": 3, "end": 1, "label": "neutral"}]}',
    "unknown label": '{"id": "x", "text": "Cuba", "mentions": [{"start": 0, "end": 4, "label": "pro-Cuba"}]}',
}


def _bad_copy(tmp_path, line: str):
    path = tmp_path / "bad.jsonl"
    path.write_text(TINY_DATA.read_text() + line + "\n")
    return path, TINY_DATA.read_text().count("\n") + 1


@pytest.mark.parametrize("fragment,line", BAD_LINES.items())
def test_bad_training_data(tmp_path, tiny_encoder, fragment, line):
    path, lineno = _bad_copy(tmp_path, line)
    result = invoke("train", "--config", REPO / "configs" / "venezuela.yaml", "--output", tmp_path / "run",
                    "--set", f"train_files=[{path}]", "--set", f"encoder={tiny_encoder}")
    assert_one_line_error(result, 1, f"{path}:{lineno}:", fragment)


@pytest.mark.parametrize("fragment,line", BAD_LINES.items())
def test_bad_evaluation_data(tmp_path, tiny_model, fragment, line):
    path, lineno = _bad_copy(tmp_path, line)
    result = invoke("evaluate", path, "--model", tiny_model, "--output-dir", tmp_path / "rep")
    assert_one_line_error(result, 1, f"{path}:{lineno}:", fragment)


def test_bad_usage_exits_2():
    result = invoke("predict", STORY, "--num-shards", "2", "--shard-index", "5", "--mentions-only")
    assert result.exit_code == 2 and "Traceback" not in result.stderr


def test_verbose_shows_the_traceback(tmp_path):
    result = invoke("--verbose", "predict", "--mentions-only", tmp_path / "nope.txt")
    assert result.exit_code == 1 and "Traceback" in result.stderr


# ----- checkpoints --------------------------------------------------------------------------
def _copy_model(tiny_model, tmp_path):
    folder = tmp_path / "model"
    shutil.copytree(tiny_model, folder, ignore=shutil.ignore_patterns("train_state*"))
    return folder


def test_missing_checkpoint(tmp_path):
    assert_one_line_error(invoke("predict", STORY, "--model", tmp_path / "none"), 1, "no such model folder")


def test_partial_checkpoint(tiny_model, tmp_path):
    folder = _copy_model(tiny_model, tmp_path)
    (folder / "delta.safetensors").unlink()
    assert_one_line_error(invoke("predict", STORY, "--model", folder), 1, "partial checkpoint")


def test_not_a_checkpoint(tmp_path):
    (tmp_path / "m").mkdir()
    assert_one_line_error(invoke("predict", STORY, "--model", tmp_path / "m"), 1, "not a stance model")


@pytest.mark.parametrize("damage", ["truncate", "garbage"])
def test_corrupt_weights(tiny_model, tmp_path, damage):
    folder = _copy_model(tiny_model, tmp_path)
    weights = folder / "delta.safetensors"
    data = weights.read_bytes()
    weights.write_bytes(data[: len(data) // 2] if damage == "truncate" else b"\x93NUMPY" + data[100:])
    assert_one_line_error(invoke("predict", STORY, "--model", folder), 1, "delta.safetensors")


def test_corrupt_config(tiny_model, tmp_path):
    folder = _copy_model(tiny_model, tmp_path)
    (folder / "config.json").write_text("{not json")
    assert_one_line_error(invoke("predict", STORY, "--model", folder), 1, "config.json", "corrupt model config")


def test_checkpoint_on_another_encoder(tiny_model, tmp_path):
    folder = _copy_model(tiny_model, tmp_path)
    config = json.loads((folder / "config.json").read_text())
    config["encoder_fingerprint"] = "30522x32:1.0e+00"
    (folder / "config.json").write_text(json.dumps(config))
    assert_one_line_error(invoke("predict", STORY, "--model", folder), 1, "the installed one differs")


def test_checkpoint_with_another_label_set(tiny_model, tmp_path):
    folder = _copy_model(tiny_model, tmp_path)
    config = json.loads((folder / "config.json").read_text())
    config["id2label"] = {"0": "negative", "1": "neutral", "2": "positive"}
    config["label2id"] = {v: int(k) for k, v in config["id2label"].items()}
    (folder / "config.json").write_text(json.dumps(config))
    result = invoke("evaluate", TINY_DATA, "--model", folder, "--output-dir", tmp_path / "rep")
    assert_one_line_error(result, 1, f"{TINY_DATA}:1:", "unknown label 'pro-Maduro' (allowed: negative, neutral, positive)")


def test_weights_load_without_unpickling(tiny_model, monkeypatch):
    import pickle

    import torch

    import stance

    def refuse(*args, **kwargs):
        raise AssertionError("something was unpickled")

    monkeypatch.setattr(pickle, "load", refuse)
    monkeypatch.setattr(pickle, "loads", refuse)
    monkeypatch.setattr(torch, "load", refuse)
    assert stance.load(tiny_model).predict("Russia backs Maduro.")


# ----- atomic writes ----------------------------------------------------------------------
def test_interrupted_write_leaves_the_old_file(tmp_path):
    from stance.textio import atomic_write

    path = tmp_path / "out.jsonl"
    path.write_text("old\n")
    with pytest.raises(RuntimeError):
        with atomic_write(path) as f:
            f.write("half a new fi")
            raise RuntimeError("killed")
    assert path.read_text() == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_atomic_write_gives_ordinary_permissions(tmp_path):
    import os

    from stance.textio import atomic_write

    with atomic_write(tmp_path / "report.md") as f:
        f.write("ok\n")
    plain = tmp_path / "plain.md"
    plain.write_text("ok\n")
    assert os.stat(tmp_path / "report.md").st_mode == os.stat(plain).st_mode


def test_failed_predict_does_not_leave_a_half_written_output(tmp_path, tiny_model):
    out = tmp_path / "out.jsonl"
    bad = tmp_path / "blob.txt"
    bad.write_bytes(b"\x00\x01")
    result = invoke("predict", STORY, bad, "--model", tiny_model, "--format", "jsonl", "--output", out)
    assert result.exit_code == 1 and not out.exists() and list(tmp_path.iterdir()) == [bad]


# ----- fuzz ------------------------------------------------------------------------------
SCRIPTS = ["Москва поддерживает Мадуро", "الولايات المتحدة", "委内瑞拉危机", "वेनेज़ुएला", "Ελλάδα", "🇻🇪🇺🇸🔥",
           "\u200b\u200d\ufeff", "\x07\x1b[31m", "\u202eRussia", "ｕｓ ＵＮ", "Guaidó\u0301", "\r\n\r\n", "\t\t"]


def _mutate(text: str, rng: random.Random) -> str:
    ops = rng.randint(1, 4)
    for _ in range(ops):
        i = rng.randrange(len(text) + 1)
        kind = rng.random()
        if kind < 0.3:
            text = text[:i] + rng.choice(SCRIPTS) + text[i:]
        elif kind < 0.45:
            text = text[:i] + "".join(rng.choice("Xx.-'\"") for _ in range(rng.randint(200, 3000))) + text[i:]
        elif kind < 0.6:
            text = text[:i] + chr(rng.randrange(0, 32)) + text[i:]
        elif kind < 0.75:
            j = rng.randrange(len(text) + 1)
            text = text[:min(i, j)] + text[max(i, j):]
        elif kind < 0.9:
            text = text[:i] + rng.choice([". ", "? ", "U.S. ", "Jan. ", "\n\n", "\"", "…"]) + text[i:]
        else:
            text = text[:i] + "".join(chr(rng.randrange(32, 0x2FFF)) for _ in range(rng.randint(1, 40))) + text[i:]
    return text


@pytest.mark.slow
def test_fuzz_ten_thousand_texts(tiny_model):
    from stance.infer.detect import Detector
    from stance.infer.predictor import Mention, Sentence, StanceModel
    from stance.infer.sentences import split_sentences

    rng = random.Random(1234)
    base = [json.loads(line)["text"] for p in ("train", "dev") for line in
            (REPO / "data" / "venezuela" / f"{p}.jsonl").read_text().splitlines()]
    model = StanceModel.load(tiny_model, batch_size=128)
    detector = Detector()
    texts = [_mutate(" ".join(rng.sample(base, rng.randint(1, 3))), rng) for _ in range(10_000)]
    crashes, sentences = [], []
    for t, text in enumerate(texts):
        try:
            spans = split_sentences(text)
            found = [detector.detect(text, s, e) for s, e in spans]
        except Exception as e:  # counted and reported, so one bad input shows all the others too
            crashes.append(f"text {t}: {type(e).__name__}: {e}")
            continue
        kept = "".join(text[s:e] for s, e in spans)
        assert "".join(kept.split()) == "".join(text.split())  # every non-space character is in a sentence
        for k, ((s, e), mentions) in enumerate(zip(spans, found)):
            assert all(s <= d.start < d.end <= e for d in mentions)
            sentences.append(Sentence(str(t), k, s, e, text[s:e],
                                      [Mention(d.start, d.end, text[d.start:d.end], d.actor, d.type) for d in mentions]))
    n_sent, n_ment = len(sentences), sum(len(s.mentions) for s in sentences)
    out = list(model.stream(sentences))
    lost = n_sent - len(out) + sum(1 for s in out for m in s.mentions if m.label is None)
    print(f"\nfuzz: {len(texts)} texts, {n_sent} sentences, {n_ment} mentions, {len(crashes)} crashes, {lost} lost")
    assert not crashes, crashes[:5]
    assert len(texts) >= 10_000 and n_sent >= 10_000 and n_ment > 10_000
    assert lost == 0
