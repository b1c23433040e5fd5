"""Errors a user sees as one line, never as a traceback."""

from __future__ import annotations


class StanceError(Exception):
    """Bad input data, a bad file or a bad model: exit code 1."""

    exit_code = 1


class UsageError(StanceError):
    """A bad option or config setting: exit code 2."""

    exit_code = 2


def where(path: object, line: int | None = None) -> str:
    """`FILE:LINE` (or `FILE`) for messages, the format editors jump to."""
    return f"{path}:{line}" if line is not None else f"{path}"
