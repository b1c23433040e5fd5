"""Property tests (hypothesis) for sentence splitting and mention detection."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from stance.infer.detect import Detector
from stance.infer.gazetteer import Gazetteer
from stance.infer.sentences import split_sentences

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "gazetteer_small.yaml"
GAZ = Gazetteer.load(FIXTURE)
DET = Detector(GAZ, fallback=None)  # the gazetteer's matches; the default adds RuleFallback's
RULE = Detector(GAZ)

SURFACES = sorted(set(GAZ.aliases) | set(GAZ.demonyms) | set(GAZ.metonyms))
FILLER = ["the", "The", "said", "on", "Tuesday", "in", "to", "from", "government", "administration", "regime",
          "Foreign", "Ministry", "President", "Pope", "Mr.", "Dr.", "Gen.", "U.S.", "Jan.", "13", "F.", "'s", "’s",
          "military", "armed", "forces", "security", "backed", "rally", "pro-", "Latin", "South", "Lake", "Sea",
          "pig", "First", "Post", "George", "residents", "-based", "flew", "envoy", "May", "Story", "AN", "OIL"]
PUNCT = [".", ",", "!", "?", ";", ":", '"', "“", "”", "'", "(", ")", "-", "—", "...", "\n", "\n\n", " ", "  ", "\t"]

token = st.one_of(st.sampled_from(SURFACES), st.sampled_from(FILLER), st.sampled_from(PUNCT),
                  st.text(alphabet="abcXYZ .\n\"'?!", min_size=1, max_size=4))
news_text = st.lists(token, max_size=40).map(
    lambda toks: "".join(t if t in PUNCT or t.startswith(("'", "’", "-")) else " " + t for t in toks))
any_text = st.one_of(news_text, st.text(max_size=200))

GOV = re.compile(r"(?:['’]s)? (?:government|administration|regime|[\w ]*Ministry[\w ]*|[\w ]*Department|"
                 r"Treasury|Foreign Office|Government|Administration|Regime|[a-z]+ ministry)$")
KNOWN = {s.lower() for s in SURFACES}


def _check_spans(text: str, spans: list[tuple[int, int]]) -> None:
    pos = 0
    rebuilt = []
    for s, e in spans:
        assert pos <= s < e <= len(text)
        assert not text[s].isspace() and not text[e - 1].isspace()
        gap = text[pos:s]
        assert gap.strip() == "", "a non-space character outside every sentence"
        rebuilt += [gap, text[s:e]]
        pos = e
    assert text[pos:].strip() == ""
    rebuilt.append(text[pos:])
    assert "".join(rebuilt) == text


@settings(max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(any_text)
def test_splitter_spans_cover_text(text):
    _check_spans(text, split_sentences(text))


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(news_text)
def test_detector_spans_valid(text):
    for s, e in [(0, len(text))] + split_sentences(text):
        last = s
        for d in RULE.detect(text, s, e):  # the default detector: every span in bounds, sorted, disjoint
            assert last <= d.start < d.end <= e and d.type in ("country", "person", "organization")
            last = d.end
        got = DET.detect(text, s, e)
        last = s
        for d in got:
            assert last <= d.start < d.end <= e, "sorted, non-overlapping, inside the bounds"
            last = d.end
            assert d.actor in GAZ.actors
            span = text[d.start:d.end]
            if d.type != GAZ.actors[d.actor].type:
                assert d.type == "country" and GAZ.actors[d.actor].country == d.actor
            if span.lower() not in KNOWN:
                head = next((k for k in sorted(SURFACES, key=len, reverse=True)
                             if span.lower().startswith(k.lower()) and GOV.match(span[len(k):])), None)
                assert head is not None, f"{span!r} is neither a name nor a government phrase"


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(news_text)
def test_detection_per_sentence_equals_detection_alone(text):
    """A sentence inside a longer text gives the same mentions as the sentence alone (no context
    leaks in or out), except for the names whose actor depends on an earlier full mention."""
    for s, e in split_sentences(text):
        inside = [(d.start - s, d.end - s, d.actor) for d in DET.detect(text, s, e)]
        alone = [(d.start, d.end, d.actor) for d in DET.detect(text[s:e])]
        if "Rodr" in text or "May" in text or "Story" in text:
            inside = [x[:2] for x in inside]
            alone = [x[:2] for x in alone]
        assert inside == alone


PLAIN = ["Russia", "Cuba", "China", "Colombia", "Brazil", "Venezuela", "Mexico", "Russian Federation",
         "Equatorial Guinea", "Maduro", "Juan Guaidó", "Putin", "OAS", "European Union", "Lima Group"]
SEPS = [", ", " and ", "; ", " backed ", " said ", " - "]


@settings(max_examples=300)
@given(st.lists(st.tuples(st.sampled_from(PLAIN), st.sampled_from(SEPS)), min_size=1, max_size=12))
def test_nothing_dropped(parts):
    text, expect = "", []
    for name, sep in parts:
        expect.append((len(text), len(text) + len(name)))
        text += name + sep
    text = text.rstrip() + "."
    assert [(d.start, d.end) for d in DET.detect(text)] == expect
