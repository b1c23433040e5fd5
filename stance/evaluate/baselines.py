"""Simple baselines the model has to beat, trained on the training split and scored on the same mentions.

Each baseline has `fit(train_records)` and `predict(records) -> list[str]`: one label per gold
mention, in record order and, within a record, in mention order (the order of
`stance.schema.Record.mentions`).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence

from stance.schema import Mention, Record

PLACEHOLDER = "xxmentionxx"
WINDOW = 8
_TOKEN = re.compile(r"\w+|[^\w\s]")


def _mentions(records: Sequence[Record]) -> list[tuple[Record, Mention]]:
    return [(r, m) for r in records for m in (r.mentions or ())]


def _labels(records: Sequence[Record]) -> list[str]:
    return [m.label for _, m in _mentions(records)]


class Majority:
    """The most frequent label of the training split, for every mention (ties: label-set order)."""

    name = "majority"
    description = "most frequent training label for every mention"

    def __init__(self, labels: Sequence[str]):
        self.labels = list(labels)
        self.label: str | None = None

    def fit(self, train: Sequence[Record]) -> "Majority":
        counts = Counter(_labels(train))
        self.label = max(self.labels, key=lambda label: (counts[label], -self.labels.index(label)))
        return self

    def predict(self, records: Sequence[Record]) -> list[str]:
        return [self.label] * len(_mentions(records))


def actor_key(record: Record, mention: Mention) -> str:
    """The mention's canonical `actor`, else its lower-cased surface text."""
    return mention.actor or record.text[mention.start:mention.end].lower()


class ActorPrior:
    """Each actor's most frequent training label; unseen actors get `neutral` (or the majority label
    when the label set has no `neutral`)."""

    name = "actor prior"
    description = "each actor's most frequent training label; neutral for unseen actors"

    def __init__(self, labels: Sequence[str], unseen: str = "neutral"):
        self.labels = list(labels)
        self.unseen = unseen
        self.prior: dict[str, str] = {}

    def fit(self, train: Sequence[Record]) -> "ActorPrior":
        counts: dict[str, Counter] = defaultdict(Counter)
        for r, m in _mentions(train):
            counts[actor_key(r, m)][m.label] += 1
        order = {label: i for i, label in enumerate(self.labels)}
        self.prior = {key: max(c, key=lambda label: (c[label], -order.get(label, 99))) for key, c in counts.items()}
        if self.unseen not in self.labels:
            self.unseen = Majority(self.labels).fit(train).label
        return self

    def predict(self, records: Sequence[Record]) -> list[str]:
        return [self.prior.get(actor_key(r, m), self.unseen) for r, m in _mentions(records)]


def context_window(text: str, start: int, end: int, width: int = WINDOW) -> str:
    """About `width` tokens either side of the mention, the mention replaced by a placeholder."""
    left = _TOKEN.findall(text[:start])[-width:] if width else []
    right = _TOKEN.findall(text[end:])[:width]
    return " ".join([*left, PLACEHOLDER, *right]).lower()


class TfidfLogReg:
    """Logistic regression on TF-IDF of the context window (1-2 grams, mention masked) plus, as a
    separate feature block, the mention's own words."""

    name = "TF-IDF + logistic regression"
    description = f"TF-IDF of ±{WINDOW} words around the masked mention + the mention's words; logistic regression"

    def __init__(self, labels: Sequence[str], seed: int = 13):
        self.labels = list(labels)
        self.seed = seed
        self.clf = None
        self.constant: str | None = None

    @staticmethod
    def _rows(records: Sequence[Record]) -> tuple[list[str], list[str]]:
        pairs = _mentions(records)
        return ([context_window(r.text, m.start, m.end) for r, m in pairs],
                [r.text[m.start:m.end].lower() for r, m in pairs])

    def _features(self, records: Sequence[Record], fit: bool = False):
        from scipy.sparse import hstack

        context, mention = self._rows(records)
        if fit:
            return hstack([self.context_vec.fit_transform(context), self.mention_vec.fit_transform(mention)]).tocsr()
        return hstack([self.context_vec.transform(context), self.mention_vec.transform(mention)]).tocsr()

    def fit(self, train: Sequence[Record]) -> "TfidfLogReg":
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        y = _labels(train)
        self.constant = Majority(self.labels).fit(train).label
        if len(set(y)) < 2:  # nothing to learn: logistic regression needs two classes
            return self
        self.context_vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, token_pattern=r"\S+")
        self.mention_vec = TfidfVectorizer(token_pattern=r"\w+")
        self.clf = LogisticRegression(max_iter=2000, C=4.0, class_weight="balanced", random_state=self.seed)
        self.clf.fit(self._features(train, fit=True), y)
        return self

    def predict(self, records: Sequence[Record]) -> list[str]:
        n = len(_mentions(records))
        if self.clf is None or not n:
            return [self.constant] * n
        return [str(p) for p in self.clf.predict(self._features(records))]


def all_baselines(labels: Sequence[str]) -> list:
    return [Majority(labels), ActorPrior(labels), TfidfLogReg(labels)]
