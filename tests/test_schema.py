"""The record loader and `stance data validate`: every malformed case gets one FILE:LINE line."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from stance.cli import app
from stance.schema import RecordError, iter_records, load_records, validate_file

from helpers import TINY_DATA

GOOD = {"id": "a", "text": "Russia backs Maduro.", "mentions": [{"start": 0, "end": 6, "label": "pro-Maduro"}]}

BAD = [
    ("{not json", "invalid JSON"),
    ('["a list"]', "must be a JSON object"),
    ('{"text": "x", "mentions": []}', "missing field 'id'"),
    ('{"id": "a", "mentions": []}', "missing field 'text'"),
    ('{"id": "a", "text": "Russia"}', "missing field 'mentions'"),
    ('{"id": "a", "text": "Russia", "mentions": [{"start": 0, "end": 6}]}', "missing field 'label'"),
    ('{"id": "a", "text": "Russia", "mentions": [{"start": "0", "end": 6, "label": "neutral"}]}', "'start' must be an integer"),
    ('{"id": "a", "text": "Russia", "mentions": [{"start": 0, "end": 60, "label": "neutral"}]}', "out of range"),
    ('{"id": "a", "text": "Russia", "mentions": [{"start": -1, "end": 3, "label": "neutral"}]}', "out of range"),
    ('{"id": "a", "text": "Russia", "mentions": [{"start": 4, "end": 2, "label": "neutral"}]}', "inverted or empty span"),
    ('{"id": "a", "text": "Russia and Cuba", "mentions": [{"start": 0, "end": 8, "label": "neutral"}, '
     '{"start": 4, "end": 10, "label": "neutral"}]}', "overlapping spans"),
    ('{"id": "a", "text": "Russia", "mentions": [{"start": 0, "end": 6, "label": "neutral", "text": "Cuba"}]}', "not 'Cuba'"),
    ('{"id": "a", "text": "Russia", "mentions": [{"start": 0, "end": 6, "label": "pro-Putin"}]}',
     "unknown label 'pro-Putin' (allowed: pro-Maduro, pro-Guaido, neutral)"),
    ('{"id": "a", "text": "Russia", "mentions": [{"start": 0, "end": 6, "label": "neutral", "type": "city"}]}', "unknown type"),
]


def write(tmp_path, lines: list[str]):
    path = tmp_path / "data.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_valid_file_loads():
    records = load_records([TINY_DATA])
    assert len(records) == 12
    assert records[0].text[records[0].mentions[0].start:records[0].mentions[0].end] == "Bolivia"


@pytest.mark.parametrize("line,message", BAD)
def test_bad_record_reports_file_and_line(tmp_path, line, message):
    path = write(tmp_path, [json.dumps(GOOD), line])
    with pytest.raises(RecordError) as e:
        list(iter_records(path))
    assert str(e.value).startswith(f"{path}:2: ")
    assert message in str(e.value)


@pytest.mark.parametrize("line,message", BAD)
def test_validate_cli_one_line_and_exit_1(tmp_path, line, message):
    path = write(tmp_path, [json.dumps(GOOD), line])
    result = CliRunner().invoke(app, ["data", "validate", str(path)])
    assert result.exit_code == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"{path}:2: ") and message in first
    assert "Traceback" not in result.output + result.stderr


def test_validate_reports_every_problem(tmp_path):
    path = write(tmp_path, [BAD[0][0], json.dumps(GOOD), BAD[7][0]])
    valid, problems = validate_file(path)
    assert valid == 1
    assert [p.split(": ")[0] for p in problems] == [f"{path}:1", f"{path}:3"]


def test_duplicate_ids(tmp_path):
    path = write(tmp_path, [json.dumps(GOOD), json.dumps(GOOD)])
    assert "duplicate id 'a'" in validate_file(path)[1][0]


def test_validate_cli_passes_valid_file():
    result = CliRunner().invoke(app, ["data", "validate", str(TINY_DATA)])
    assert result.exit_code == 0, result.stderr
    assert "12 valid records, 0 problems" in result.stderr


def test_prediction_input_may_omit_mentions_and_labels(tmp_path):
    path = write(tmp_path, ['{"id": "x", "text": "Russia backs Maduro."}',
                            '{"id": "y", "text": "Russia", "mentions": [{"start": 0, "end": 6}]}'])
    first, second = iter_records(path, require_labels=False)
    assert first.mentions is None
    assert second.mentions[0].label is None


def test_round_trip_keeps_extra_fields(tmp_path):
    from stance.schema import write_records

    record = {**GOOD, "pair": "p1", "story": "s1"}
    src = write(tmp_path, [json.dumps(record)])
    out = tmp_path / "out.jsonl"
    write_records(iter_records(src), out)
    assert json.loads(out.read_text()) == {**record, "mentions": [{"start": 0, "end": 6, "label": "pro-Maduro"}]}
