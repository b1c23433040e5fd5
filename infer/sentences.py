"""Sentence splitting for news text, with offsets into the original string.

Rules, in order of strength:

* a blank line (paragraph break) always ends a sentence;
* a line break after a line without final punctuation ends a sentence
  (headlines, datelines, bylines), unless the next line starts with a
  lower-case letter or the line ends with a comma, colon, semicolon or an
  opening bracket (a hard-wrapped sentence);
* `.`, `!`, `?`, `…` (plus any closing quotes or brackets after them) followed
  by white space end a sentence when the next word does not start in lower case
  (`...?" she asked` goes on), except after
  - titles and other abbreviations that are followed by a name or a number
    (`Mr.`, `Dr.`, `Gen.`, `Lt. Col.`, `St.`, `No. 2`, `Jan. 13`),
  - initials and dotted abbreviations (`John F. Kennedy`, `U.S. officials`),
    unless the next word is a common sentence opener (`... the U.S. The
    sanctions ...` is two sentences).

No sentence is ever cut for length: a 5,000-character sentence stays whole.
"""

from __future__ import annotations

import re

__all__ = ["split_sentences"]

# Abbreviations that (almost) never end a sentence: titles before names.
_TITLES = frozenset("""
Mr Mrs Ms Mssrs Messrs Dr Prof Gen Lt Col Maj Capt Cpt Sgt Cpl Adm Cmdr Cmdt Brig Gov Sen Rep Reps
Sens Pres Supt Insp Rev Fr Hon Amb Atty Gens Cols Pvt Mt Ft St Ste Sta No Nos Nr Vol vs Vs Art
Dept Mme Mlle Sr Sra Srta Dra Lic Ing Abg Av Avda Fig Figs approx ca cf eg ie
""".split())
# Abbreviations that may end a sentence: they end one only before a common sentence opener.
_MONTHS = frozenset("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
_MAYBE_END = frozenset("""
Jr Sr Inc Corp Co Ltd Bros Assn Univ Govt etc al Ave Blvd Rd
""".split()) | _MONTHS
# Capitalised words that typically open a sentence (after an ambiguous abbreviation).
_OPENERS = frozenset("""
The A An He She It They We I You His Her Its Their Our My This That These Those There Here
But And Or So Yet Still However Meanwhile Instead Then Now Also Both Neither Nor Some Many Most
Several Few All No Not In On At For From With By As After Before When While Since Although
Though If Because Despite During Under Over Asked According Earlier Later Last Next
One Two Three Four Five Six Seven Eight Nine Ten Such Other Another Each Every What Who Why How
Where Which Only Even Nevertheless Moreover Furthermore Indeed Until Once Unlike Like Among
""".split())

_LOWER_START = re.compile(r"[^\W\d_]")  # a letter
_CLOSERS = "\"'”’»)]}›"
_OPENERS_PUNCT = "\"'“‘«([{‹¿¡"
# A candidate end: terminal punctuation (runs like `?!` or `...`), then closers, then space or end.
_END = re.compile(r"[.!?…‽]+[\"'”’»)\]}›]*(?=\s|$)")
_NEWLINE = re.compile(r"\n")
_NEXT_WORD = re.compile(r"\s*([\"'“‘«(\[]*)(\S*)")


def _first_alpha(s: str) -> str:
    for ch in s:
        if ch.isalnum():
            return ch
    return ""


def _is_lower_start(word: str) -> bool:
    ch = _first_alpha(word)
    return bool(ch) and ch.isalpha() and ch.islower()


def _period_ends(text: str, dot: int, nxt_quote: str, nxt: str) -> bool:
    """Whether the `.` at `dot` (followed by white space and the word `nxt`) ends a sentence."""
    i = dot
    while i > 0 and (text[i - 1].isalnum() or text[i - 1] in ".'’-") and dot - i < 40:
        i -= 1
    token = text[i:dot]
    # strip leading punctuation the token regex allowed (quotes, hyphens)
    token = token.lstrip("'’-")
    if not token:
        return True
    bare = token.rstrip(".")
    next_word = nxt.strip(_CLOSERS + ".,;:!?")
    opener = next_word in _OPENERS or bool(nxt_quote)
    if bare in _TITLES:
        # `No. 2`, `Dr. Smith`, `Lt. Col. Smith`; only a quote or nothing after -> end
        return bool(nxt_quote) and not next_word[:1].isdigit() if next_word else True
    if bare in _MAYBE_END:
        if next_word[:1].isdigit():
            return bare not in _MONTHS
        return opener
    # initials: `F.`; dotted abbreviations: `U.S.`, `a.m.`, `D.C.`
    if (len(bare) == 1 and bare.isalpha() and bare.isupper()) or ("." in bare and len(bare) <= 8 and bare.replace(".", "").isalpha()):
        if next_word[:1].isdigit() and bare.lower() not in ("a.m", "p.m"):
            return False
        return opener or not next_word
    return True


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans [start, end) into `text`, in order, non-overlapping, whitespace-trimmed;
    every non-space char is inside exactly one span."""
    n = len(text)
    cuts: set[int] = set()
    # line-based cuts
    for m in _NEWLINE.finditer(text):
        i = m.start()
        # previous non-space char on this line
        j = i - 1
        while j >= 0 and text[j] in " \t\r\f\v":
            j -= 1
        if j < 0 or text[j] == "\n":
            cuts.add(i)  # blank line: paragraph break
            continue
        # next non-space char
        k = i + 1
        while k < n and text[k] in " \t\r\f\v":
            k += 1
        if k >= n or text[k] == "\n":
            cuts.add(i)  # next line blank
            continue
        last = text[j]
        if last in ".!?…‽" or (last in _CLOSERS and j > 0 and text[j - 1] in ".!?…‽"):
            continue  # punctuation rule decides
        if last in ",;:([{-–—&" :
            continue  # hard-wrapped sentence
        if _is_lower_start(text[k:k + 40]):
            continue  # wrapped: the sentence goes on in lower case
        cuts.add(i)
    # punctuation-based cuts
    for m in _END.finditer(text):
        e = m.end()
        if e >= n:
            continue
        nm = _NEXT_WORD.match(text, e)
        quote, word = nm.group(1), nm.group(2)
        if not quote and not word:
            continue
        if not quote and _is_lower_start(word):
            continue
        if not quote and word[:1] in ",;:)]}":
            continue
        punct = m.group(0).rstrip(_CLOSERS)
        if punct == ".":
            if not _period_ends(text, m.start(), quote, word):
                continue
        elif set(punct) <= {"."} and quote == "" and _is_lower_start(word):
            continue
        cuts.add(e)
    # build trimmed spans
    spans: list[tuple[int, int]] = []
    prev = 0
    for c in sorted(cuts) + [n]:
        s, t = prev, c
        while s < t and text[s].isspace():
            s += 1
        while t > s and text[t - 1].isspace():
            t -= 1
        if s < t:
            spans.append((s, t))
        prev = c
    return spans
