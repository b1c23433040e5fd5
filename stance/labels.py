"""The label sets: the one place that names them."""

from __future__ import annotations

VENEZUELA = ("pro-Maduro", "pro-Guaido", "neutral")
"""The stance labels of ``../shared/annotation-guidelines.md``, in model order."""

NEWSMTSC = ("negative", "neutral", "positive")
"""NewsMTSC's sentiment labels, used to test the engine on a public benchmark."""

MENTION_TYPES = ("country", "person", "organization")

DEFAULT = VENEZUELA
