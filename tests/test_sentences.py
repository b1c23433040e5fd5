"""Sentence splitting of news text (stance.infer.sentences)."""

from __future__ import annotations

import pytest

from stance.infer.sentences import split_sentences


def pieces(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


@pytest.mark.parametrize("text", [
    "U.S. officials met on Tuesday.",
    "The U.S. Treasury imposed sanctions on PDVSA.",
    "On Jan. 13 the talks resumed.",
    "Dr. Smith spoke to Gen. Padrino and Mr. Maduro.",
    "Lt. Col. Rivas and Sgt. Pérez defected.",
    "They marched to St. Peter's Square.",
    "John F. Kennedy and George W. Bush were presidents.",
    "The vote passed 10 votes to No. 2 on the list.",
    "The meeting ended at 5 p.m. on Friday in Caracas.",
    "He cited e.g. the oil sanctions and i.e. the gold.",
    "A state of emergency was declared at 3 a.m. local time.",
])
def test_abbreviations_and_initials_do_not_split(text):
    assert pieces(text) == [text]


def test_us_at_sentence_end_splits_before_opener():
    assert pieces("Sanctions were imposed by the U.S. The oil price rose.") == [
        "Sanctions were imposed by the U.S.", "The oil price rose."]


def test_plain_sentences():
    assert pieces("Maduro spoke. Guaidó answered! Who won? Nobody.") == [
        "Maduro spoke.", "Guaidó answered!", "Who won?", "Nobody."]


def test_quote_ending_a_sentence():
    text = '"We will not surrender," he said. "The people are with us." Then he left.'
    assert pieces(text) == ['"We will not surrender," he said.', '"The people are with us."', "Then he left."]


def test_question_in_quote_followed_by_lowercase_speaker():
    text = '"Is this a coup?" she asked. He shrugged.'
    assert pieces(text) == ['"Is this a coup?" she asked.', "He shrugged."]


def test_curly_quotes():
    text = "“It is over.” The crowd cheered. “Really?” asked one."
    assert pieces(text) == ["“It is over.”", "The crowd cheered.", "“Really?” asked one."]


def test_headline_and_dateline_without_final_period():
    text = ("Venezuela's Guaidó declares himself interim president\n"
            "CARACAS (Reuters) - Opposition leader Juan Guaidó swore himself in on Wednesday.\n"
            "Maduro called it a coup.")
    assert pieces(text) == [
        "Venezuela's Guaidó declares himself interim president",
        "CARACAS (Reuters) - Opposition leader Juan Guaidó swore himself in on Wednesday.",
        "Maduro called it a coup."]


def test_blank_lines_and_paragraphs():
    text = "First paragraph without a stop\n\n\nSecond paragraph.\n\n  Third one  \n"
    assert pieces(text) == ["First paragraph without a stop", "Second paragraph.", "Third one"]


def test_hard_wrapped_line_continues_in_lower_case():
    text = "The opposition said the talks\nwould resume in Oslo. Maduro agreed."
    assert pieces(text) == ["The opposition said the talks\nwould resume in Oslo.", "Maduro agreed."]


def test_very_long_sentence_stays_whole():
    text = "Maduro said " + ", ".join(["the opposition would fail"] * 150) + "."
    assert len(text) > 2000
    assert split_sentences(text) == [(0, len(text))]


def test_offsets_point_into_original_text():
    text = "  \n Maduro spoke.   Guaidó answered.\r\n\r\nTrump tweeted  "
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == ["Maduro spoke.", "Guaidó answered.", "Trump tweeted"]
    assert spans[0][0] == 4


def test_ellipsis():
    assert pieces("He hesitated... then he signed. The end...") == ["He hesitated... then he signed.", "The end..."]
    assert pieces("He hesitated... Then he signed.") == ["He hesitated...", "Then he signed."]


def test_month_abbreviation_before_capital_opener_splits():
    assert pieces("The vote was set for Dec. The opposition boycotted it.") == [
        "The vote was set for Dec.", "The opposition boycotted it."]


def test_empty_and_whitespace():
    assert split_sentences("") == []
    assert split_sentences(" \n\t ") == []
