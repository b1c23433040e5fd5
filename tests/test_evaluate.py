"""`stance evaluate`: metrics with known answers, baselines, scoring with a fake model, the gate, the CLI."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest

from stance.errors import StanceError
from stance.evaluate import metrics as M
from stance.evaluate.baselines import ActorPrior, Majority, TfidfLogReg, context_window
from stance.schema import Mention, Record

LABELS = ("pro-Maduro", "pro-Guaido", "neutral")
PM, PG, NE = LABELS
FIXTURES = Path(__file__).parent / "fixtures"


# ----- classification metrics ------------------------------------------------------------------
def test_perfect():
    s = M.classification([PM, PG, NE, NE], [PM, PG, NE, NE], LABELS)
    assert s["macro_f1"] == 1.0 and s["accuracy"] == 1.0
    assert s["per_label"][NE] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "support": 2}
    assert s["confusion"]["matrix"] == [[1, 0, 0], [0, 1, 0], [0, 0, 2]]


def test_all_wrong():
    s = M.classification([PM, PG, NE], [PG, NE, PM], LABELS)
    assert s["macro_f1"] == 0.0 and s["accuracy"] == 0.0
    assert all(v["f1"] == 0.0 for v in s["per_label"].values())


def test_label_missing_from_gold_and_predictions_is_left_out_of_macro():
    # No neutral anywhere: macro averages pro-Maduro and pro-Guaido only; neutral's scores are None.
    s = M.classification([PM, PM, PG, PG], [PM, PG, PG, PG], LABELS)
    f_pm, f_pg = 2 * 1 / (2 * 1 + 0 + 1), 2 * 2 / (2 * 2 + 1 + 0)
    assert s["averaged_over"] == [PM, PG]
    assert s["per_label"][NE] == {"precision": None, "recall": None, "f1": None, "support": 0}
    assert s["macro_f1"] == pytest.approx((f_pm + f_pg) / 2)


def test_label_predicted_but_never_gold_counts_as_zero():
    s = M.classification([PM, PM], [PM, NE], LABELS)
    assert s["averaged_over"] == [PM, NE]
    assert s["per_label"][NE] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}
    assert s["macro_f1"] == pytest.approx((2 / 3 + 0.0) / 2)


def test_confusion_based_macro_agrees_with_sklearn_path():
    import numpy as np

    gold = [PM, PM, PG, NE, NE, NE, PG]
    pred = [PM, NE, PG, NE, PM, NE, PM]
    s = M.classification(gold, pred, LABELS)
    assert M.macro_f1_from_confusion(np.array(s["confusion"]["matrix"])) == pytest.approx(s["macro_f1"])


# ----- bootstrap ----------------------------------------------------------------------------------
def test_bootstrap_contains_point_estimate_and_is_reproducible():
    groups = [([PM, PG], [PM, PG]), ([NE], [PM]), ([NE, NE], [NE, NE]), ([PG], [PG]), ([PM], [PM]),
              ([PG, NE], [NE, NE]), ([PM, PM, NE], [PM, PM, NE]), ([NE], [NE])] * 3
    gold = [g for gs, _ in groups for g in gs]
    pred = [p for _, ps in groups for p in ps]
    point = M.classification(gold, pred, LABELS)["macro_f1"]
    lo, hi = M.bootstrap_macro_f1(groups, LABELS, resamples=1000, seed=7)
    assert lo <= point <= hi and lo < hi
    assert M.bootstrap_macro_f1(groups, LABELS, resamples=1000, seed=7) == [lo, hi]
    assert M.bootstrap_macro_f1(groups, LABELS, resamples=1000, seed=8) != [lo, hi]


def test_paired_bootstrap_delta_separates_a_clear_gain_from_a_coin_flip():
    gold = [[PM, PG], [NE], [PG, NE], [PM], [NE, NE], [PG]] * 5
    base = [(g, [NE] * len(g)) for g in gold]            # calls everything neutral
    better = [(g, list(g)) for g in gold]                 # always right
    lo, hi = M.bootstrap_delta(base, better, LABELS, resamples=500)
    assert 0 < lo <= hi
    assert M.bootstrap_delta(base, base, LABELS, resamples=500) == [0.0, 0.0]
    # two systems that each get a different half of the sentences right: no measurable difference
    half_a = [(g, list(g)) if i % 2 else (g, [NE] * len(g)) for i, g in enumerate(gold)]
    half_b = [(g, [NE] * len(g)) if i % 2 else (g, list(g)) for i, g in enumerate(gold)]
    lo, hi = M.bootstrap_delta(half_a, half_b, LABELS, resamples=500)
    assert lo < 0 < hi
    with pytest.raises(ValueError):
        M.bootstrap_delta(base, better[:-1], LABELS)


# ----- detection and end to end ---------------------------------------------------------------
def test_detection_exact_overlap_spurious_missed():
    gold = [(0, 7), (12, 16), (30, 40)]
    pred = [(0, 7),      # exact
            (11, 16),    # overlap only
            (20, 25)]    # spurious; (30, 40) is missed
    d = M.detection([(gold, pred)])
    assert (d["exact"]["tp"], d["exact"]["fp"], d["exact"]["fn"]) == (1, 2, 2)
    assert d["exact"]["precision"] == pytest.approx(1 / 3) and d["exact"]["recall"] == pytest.approx(1 / 3)
    assert (d["overlap"]["tp"], d["overlap"]["fp"], d["overlap"]["fn"]) == (2, 1, 1)
    assert d["overlap"]["f1"] == pytest.approx(2 / 3)


def test_overlap_matching_is_one_to_one():
    # one long detection covering two gold mentions matches only one of them
    assert M.match_spans([(0, 5), (6, 10)], [(0, 10)], "overlap") == [(0, 0)]
    d = M.detection([([(0, 5), (6, 10)], [(0, 10)])])["overlap"]
    assert (d["tp"], d["fp"], d["fn"]) == (1, 0, 1)


def test_detection_nothing_found():
    d = M.detection([([(0, 3)], [])])["exact"]
    assert d == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 1}


def test_end_to_end_right_span_wrong_label_is_an_error():
    gold = [(0, 7, PM), (12, 16, PG)]
    pred = [(0, 7, PM), (12, 16, NE)]
    e = M.end_to_end([(gold, pred)])
    assert (e["tp"], e["fp"], e["fn"]) == (1, 1, 1)
    assert e["f1"] == pytest.approx(0.5)


def test_by_group():
    out = M.by_group(["country", "person", "country", None], [PM, PG, NE, NE], [PM, PG, PM, NE], LABELS,
                     ("country", "person", "organization"))
    assert out["person"] == {"macro_f1": 1.0, "accuracy": 1.0, "support": 1}
    assert out["country"]["support"] == 2 and out["country"]["accuracy"] == 0.5
    assert out["organization"] == {"macro_f1": None, "accuracy": None, "support": 0}
    assert out["(none)"]["support"] == 1


# ----- baselines --------------------------------------------------------------------------------
def rec(rid: str, text: str, *spans: tuple[str, str, str | None]) -> Record:
    """A record from (surface, label, actor) triples, located by search in `text`."""
    mentions, pos = [], 0
    for surface, label, actor in spans:
        start = text.index(surface, pos)
        mentions.append(Mention(start, start + len(surface), label, actor, "country"))
        pos = start + len(surface)
    return Record(rid, text, tuple(mentions))


TRAIN = [
    rec("a", "Russia backs Maduro.", ("Russia", PM, "RUS"), ("Maduro", PM, "maduro")),
    rec("b", "Russia vetoed the resolution.", ("Russia", PM, "RUS")),
    rec("c", "Canada recognised Guaido.", ("Canada", PG, "CAN"), ("Guaido", PG, "guaido")),
    rec("d", "Russia said it was worried.", ("Russia", NE, "RUS")),
    rec("e", "Mexico offered talks.", ("Mexico", NE, None)),
]
TEST = [
    rec("x", "Russia and Canada disagree while Peru watches.", ("Russia", PM, "RUS"), ("Canada", PG, "CAN"),
        ("Peru", NE, "PER")),
    rec("y", "Mexico stayed out.", ("Mexico", NE, None)),
]


def test_majority_baseline():
    # train labels: 3 pro-Maduro, 2 pro-Guaido, 2 neutral
    assert Majority(LABELS).fit(TRAIN).predict(TEST) == [PM, PM, PM, PM]


def test_actor_prior_baseline():
    # RUS -> its majority pro-Maduro; CAN -> pro-Guaido; PER unseen -> neutral;
    # the Mexico mentions have no actor, so the key is the lower-cased text "mexico" -> neutral
    prior = ActorPrior(LABELS).fit(TRAIN)
    assert prior.prior["mexico"] == NE
    assert prior.predict(TEST) == [PM, PG, NE, NE]


def test_tfidf_baseline_runs():
    preds = TfidfLogReg(LABELS).fit(TRAIN).predict(TEST)
    assert len(preds) == 4 and set(preds) <= set(LABELS)


def test_context_window_masks_the_mention():
    text = "one two three four five six seven eight nine ten Russia a b c d e f g h i j"
    start = text.index("Russia")
    w = context_window(text, start, start + 6)
    assert w.split() == "three four five six seven eight nine ten xxmentionxx a b c d e f g h".split()


# ----- scoring with a fake model and a fake detector -----------------------------------------
@dataclass(frozen=True)
class FakeDetected:
    start: int
    end: int
    actor: str
    type: str


class FakeDetector:
    """Finds only "Russia" and "Canada"."""

    def detect(self, text, start=0, end=None):
        out = []
        for name, actor in (("Russia", "RUS"), ("Canada", "CAN")):
            i = text.find(name)
            if i >= 0:
                out.append(FakeDetected(i, i + len(name), actor, "country"))
        return sorted(out, key=lambda d: d.start)


def fake_classify(sentences):
    """Everything pro-Maduro, with 0.9 confidence."""
    for s in sentences:
        for m in s.mentions:
            m.label, m.score = PM, 0.9
            m.scores = {PM: 0.9, PG: 0.05, NE: 0.05}
    return sentences


def test_score_with_fakes():
    from stance.evaluate.run import score, worst_errors

    metrics, errors = score(TEST, fake_classify, FakeDetector(), TRAIN, LABELS)
    assert metrics["stance"]["accuracy"] == pytest.approx(1 / 4)
    assert metrics["stance"]["errors"] == 3 == len(errors)
    assert {e["text"] for e in errors} == {"Canada", "Peru", "Mexico"}
    assert set(errors[0]) == {"id", "sentence", "start", "end", "text", "actor", "type", "gold", "predicted", "scores"}
    # detection: Russia and Canada found exactly; Peru and Mexico missed
    d = metrics["detection"]["exact"]
    assert (d["tp"], d["fp"], d["fn"]) == (2, 0, 2)
    # end to end: Russia right, Canada right span wrong label
    e = metrics["end_to_end"]
    assert (e["tp"], e["fp"], e["fn"]) == (1, 1, 3)
    assert set(metrics["baselines"]) == {"majority", "actor prior", "TF-IDF + logistic regression"}
    assert metrics["baselines"]["actor prior"]["macro_f1"] == 1.0
    lo, hi = metrics["stance"]["macro_f1_ci95"]
    assert lo <= metrics["stance"]["macro_f1"] <= hi
    assert metrics["confusion"]["labels"] == list(LABELS)
    assert len(worst_errors(errors, 15)) == 3


def test_report_renders_and_png_is_written(tmp_path):
    from stance.evaluate.run import score, write_outputs

    metrics, errors = score(TEST, fake_classify, FakeDetector(), TRAIN, LABELS)
    metrics["model"] = {"path": "m", "sha256": "0" * 64, "encoder": "enc", "head": "marker", "delta": "layers"}
    metrics["data"] = {"files": ["t.jsonl"], "sha256": ["1" * 64], "sentences": 2, "mentions": 4}
    metrics["baselines_train"] = {"files": ["train.jsonl"], "sha256": ["2" * 64], "mentions": 7}
    prov = {"name": "t", "command": "stance evaluate t.jsonl", "date": "today", "versions": {"python": "3"}}
    report = write_outputs(tmp_path, metrics, errors, prov)
    text = report.read_text()
    assert "![confusion](confusion.png)" in text and "**Canada**" in text and "the majority baseline" in text and "points" in text
    assert (tmp_path / "confusion.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert len((tmp_path / "errors.jsonl").read_text().splitlines()) == 3
    assert json.loads((tmp_path / "metrics.json").read_text())["stance"]["errors"] == 3
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# ----- the gate -----------------------------------------------------------------------------------
def gate_file(tmp_path, value, tolerance=0.02) -> Path:
    path = tmp_path / "threshold.json"
    path.write_text(json.dumps({"macro_f1": value, "tolerance": tolerance}))
    return path


def test_gate(tmp_path):
    from stance.evaluate.run import check_gate

    metrics = {"stance": {"macro_f1": 0.70}}
    assert "passed" in check_gate(metrics, gate_file(tmp_path, 0.71))      # within tolerance
    assert "passed" in check_gate(metrics, gate_file(tmp_path, 0.50))
    with pytest.raises(StanceError, match=r"0\.7000.*0\.9000") as e:
        check_gate(metrics, gate_file(tmp_path, 0.90))
    assert "\n" not in str(e.value)
    with pytest.raises(StanceError, match="not set"):
        check_gate(metrics, gate_file(tmp_path, None))
    bad = tmp_path / "bad.json"
    bad.write_text("{nope")
    with pytest.raises(StanceError, match="invalid JSON"):
        check_gate(metrics, bad)


def test_shipped_threshold_file_is_well_formed():
    gate = json.loads((Path(__file__).resolve().parents[1] / "reports" / "threshold.json").read_text())
    assert "macro_f1" in gate and gate["tolerance"] == 0.02


def test_no_training_split_is_a_clear_error(tmp_path):
    """No --train-data and a model folder without train_config.yaml: a one-line error, not a traceback."""
    from stance.evaluate.run import train_files_for

    with pytest.raises(StanceError, match="--train-data"):
        train_files_for([], tmp_path)


@pytest.mark.slow
def test_cli_gate_end_to_end(tiny_model, tmp_path):
    from typer.testing import CliRunner

    from stance.cli import app

    data = str(FIXTURES / "tiny.jsonl")
    out = tmp_path / "report"
    runner = CliRunner()
    ok = runner.invoke(app, ["evaluate", data, "--model", str(tiny_model), "--output-dir", str(out),
                             "--train-data", data, "--gate", str(gate_file(tmp_path, 0.0))])
    assert ok.exit_code == 0, ok.output
    for name in ("metrics.json", "report.md", "confusion.png", "errors.jsonl"):
        assert (out / name).is_file()
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["model"]["sha256"] and metrics["data"]["mentions"] > 0
    assert str(out / "report.md") in ok.output

    high = runner.invoke(app, ["evaluate", data, "--model", str(tiny_model), "--output-dir", str(out),
                               "--gate", str(gate_file(tmp_path, 1.5))])  # train split from train_config.yaml
    assert high.exit_code == 1
    last = high.output.strip().splitlines()[-1]
    assert last.startswith("error: gate failed: macro-F1") and "1.5000" in last
    assert "Traceback" not in high.output
