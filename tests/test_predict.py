"""`stance predict` and the Python API on a tiny trained model: offsets, given spans, long
sentences, shards, formats, and agreement between the CLI and the API."""

from __future__ import annotations

import csv
import io
import json

from typer.testing import CliRunner

import stance
from helpers import REPO
from stance.cli import app

STORY = REPO / "examples" / "story.txt"
UNICODE = ("Venezuela’s “crisis” deepened 🇻🇪 as Russia backed Nicolás Maduro.\n\n"
           "Bogotá and Brasília recognised Guaidó — Canada too 🙂, said Chrystia Freeland.\n")


def predict(*args, input=None):
    result = CliRunner().invoke(app, ["predict", *map(str, args)], input=input)
    assert result.exit_code == 0, result.stderr
    return result


def rows(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_offsets_round_trip_on_unicode(tiny_model, tmp_path):
    path = tmp_path / "u.txt"
    path.write_text(UNICODE, encoding="utf-8")
    out = rows(predict(path, "--model", tiny_model, "--format", "jsonl"))
    assert {r["text"] for r in out} >= {"Venezuela", "Russia", "Nicolás Maduro", "Bogotá", "Brasília", "Guaidó", "Canada"}
    for r in out:
        assert UNICODE[r["start"]:r["end"]] == r["text"]
        assert r["sentence_start"] <= r["start"] < r["end"] <= r["sentence_end"]
        assert abs(sum(r["scores"].values()) - 1) < 1e-4 and r["score"] == max(r["scores"].values())
        assert r["label"] in ("pro-Maduro", "pro-Guaido", "neutral")


def test_stdin_gives_the_same_as_the_file(tiny_model):
    from_file = rows(predict(STORY, "--model", tiny_model, "--format", "jsonl"))
    from_stdin = rows(predict("-", "--model", tiny_model, "--format", "jsonl", input=STORY.read_text()))
    assert [{**r, "source": None} for r in from_file] == [{**r, "source": None} for r in from_stdin]
    assert len(from_file) > 10


def test_given_spans_are_classified_exactly(tiny_model, tmp_path):
    path = tmp_path / "r.jsonl"
    text = "Russia backed Maduro while the US recognised Guaidó."
    path.write_text(json.dumps({"id": "r1", "text": text, "mentions": [
        {"start": 0, "end": 6, "label": "neutral"}, {"start": 27, "end": 33}]}) + "\n"
        + json.dumps({"id": "r2", "text": text}) + "\n")
    out = rows(predict(path, "--model", tiny_model, "--format", "jsonl"))
    given = [r for r in out if r["id"] == "r1"]
    assert [(r["start"], r["end"]) for r in given] == [(0, 6), (27, 33)]  # "the US" as given, labels ignored
    detected = [r["text"] for r in out if r["id"] == "r2"]
    assert detected == ["Russia", "Maduro", "US", "Guaidó"]


def test_a_3000_token_sentence_keeps_mentions_at_both_ends(tiny_model):
    model = stance.load(tiny_model)
    text = "Russia backed " + "the long and winding negotiation " * 600 + "while Canada recognised Guaidó."
    found = model.predict(text)
    assert [m.text for m in found] == ["Russia", "Canada", "Guaidó"]
    assert all(m.label is not None and m.score > 0 for m in found)


def test_shards_concatenate_to_the_single_run(tiny_model, tmp_path):
    second = tmp_path / "second.txt"
    second.write_text(UNICODE, encoding="utf-8")
    whole = predict(STORY, second, "--model", tiny_model, "--format", "jsonl").stdout
    parts = [predict(STORY, second, "--model", tiny_model, "--format", "jsonl", "--num-shards", "3",
                     "--shard-index", str(i)).stdout for i in range(3)]
    assert all(parts) and "".join(parts) == whole


def test_api_and_cli_agree(tiny_model):
    cli = rows(predict(STORY, "--model", tiny_model, "--format", "jsonl"))
    api = stance.load(tiny_model).predict(STORY.read_text(encoding="utf-8"))
    assert [(r["start"], r["end"], r["actor"], r["label"]) for r in cli] == [(m.start, m.end, m.actor, m.label) for m in api]
    assert [r["scores"] for r in cli] == [m.scores for m in api]


def test_csv_has_a_header_and_one_row_per_mention(tiny_model):
    out = predict(STORY, "--model", tiny_model, "--format", "csv").stdout
    table = list(csv.DictReader(io.StringIO(out)))
    assert len(table) == len(rows(predict(STORY, "--model", tiny_model, "--format", "jsonl")))
    assert {"text", "actor", "label", "score", "score_pro-Maduro"} <= set(table[0])


def test_summary_json_counts_every_mention(tiny_model):
    summary = json.loads(predict(STORY, "--model", tiny_model, "--format", "jsonl", "--summary").stdout)
    total = len(rows(predict(STORY, "--model", tiny_model, "--format", "jsonl")))
    assert sum(a["mentions"] for a in summary) == total
    maduro = next(a for a in summary if a["actor"] == "nicolas-maduro")
    assert sum(maduro["counts"].values()) == maduro["mentions"] >= 3 and maduro["sentences"]


def test_html_is_one_self_contained_page(tiny_model, tmp_path):
    out = tmp_path / "page.html"
    predict(STORY, "--model", tiny_model, "--format", "html", "--output", out)
    page = out.read_text()
    assert page.startswith("<!DOCTYPE html>") and "Per actor" in page and 'title="' in page
    assert "http://" not in page and "https://" not in page and "<script src" not in page


def test_table_is_the_terminal_format(tiny_model):
    out = predict(STORY, "--model", tiny_model, "--format", "table").stdout
    assert "Kremlin" in out and "RUS" in out


def test_mentions_only_needs_no_model():
    out = rows(predict(STORY, "--mentions-only", "--format", "jsonl"))
    assert out and all(r["label"] is None for r in out)
    assert {"Trump administration", "Kremlin", "Lima Group"} <= {r["text"] for r in out}


def test_every_sentence_is_accounted_for(tiny_model):
    result = predict(STORY, "--model", tiny_model, "--format", "jsonl")
    assert "stance: 7 sentences (7 with mentions)" in result.stderr
