"""Reading what users feed us (files, stdin, scraped junk) and writing files atomically."""

from __future__ import annotations

import codecs
import contextlib
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from stance.errors import StanceError

STDIN = "-"
_SNIFF = 8192


def _warn_replaced(source: object) -> None:
    print(f"warning: {source}: invalid UTF-8, undecodable bytes replaced with U+FFFD "
          "(offsets refer to the decoded text)", file=sys.stderr)


def _open_binary(path: Path | str):
    """Open a path (or `-` for stdin) for binary reading, with one-line errors."""
    if str(path) == STDIN:
        return contextlib.nullcontext(sys.stdin.buffer)
    p = Path(path)
    if p.is_dir():
        raise StanceError(f"{p}: is a directory, not a file")
    try:
        return open(p, "rb")
    except FileNotFoundError:
        raise StanceError(f"{p}: no such file") from None
    except PermissionError:
        raise StanceError(f"{p}: permission denied") from None
    except OSError as e:
        raise StanceError(f"{p}: cannot read: {e.strerror}") from None


def _check_not_binary(source: object, head: bytes) -> None:
    if b"\x00" in head:
        raise StanceError(f"{source}: binary file (NUL bytes), not text")


def iter_lines(path: Path | str) -> Iterator[tuple[int, str]]:
    """(1-based line number, line without newline), streaming, for JSON Lines files."""
    warned = False
    with _open_binary(path) as f:
        for lineno, raw in enumerate(f, 1):
            if lineno == 1:
                _check_not_binary(path, raw[:_SNIFF])
            if b"\x00" in raw:
                raise StanceError(f"{path}:{lineno}: NUL byte in line (binary data?)")
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError:
                line = raw.decode("utf-8", errors="replace")
                if not warned:
                    _warn_replaced(f"{path}:{lineno}")
                    warned = True
            yield lineno, line.rstrip("\r\n")


def read_text(path: Path | str) -> str:
    """A whole text file, decoded as UTF-8 (invalid bytes replaced, with one warning)."""
    with _open_binary(path) as f:
        data = f.read()
    _check_not_binary(path, data[:_SNIFF])
    if b"\x00" in data:
        raise StanceError(f"{path}: binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        _warn_replaced(path)
        return data.decode("utf-8", errors="replace")


def iter_paragraph_blocks(path: Path | str, max_chars: int = 1 << 20) -> Iterator[tuple[int, str]]:
    """Stream a text file as (offset, block) pieces that end at blank lines when possible.

    Blocks are cut at paragraph breaks (or, for a giant line, at a whitespace
    near `max_chars`), so memory stays bounded on a 1 GB file while sentence
    splitting never sees a paragraph cut in half. Offsets are string offsets
    into the whole decoded text.
    """
    decoder = codecs.getincrementaldecoder("utf-8")()
    offset, pending, first = 0, "", True
    with _open_binary(path) as f:
        while True:
            raw = f.read(1 << 16)
            if first:
                _check_not_binary(path, raw[:_SNIFF])
                first = False
            if b"\x00" in raw:
                raise StanceError(f"{path}: binary file (NUL bytes), not text")
            state = decoder.getstate()
            try:
                pending += decoder.decode(raw, final=not raw)
            except UnicodeDecodeError:
                _warn_replaced(path)
                decoder = codecs.getincrementaldecoder("utf-8")(errors="replace")
                decoder.setstate(state)
                pending += decoder.decode(raw, final=not raw)
            while len(pending) >= max_chars or (not raw and pending):
                cut = _block_end(pending, max_chars) if raw else len(pending)
                yield offset, pending[:cut]
                offset += cut
                pending = pending[cut:]
            if not raw:
                return


def _block_end(text: str, max_chars: int) -> int:
    """Where to cut a long buffer: the last paragraph break, else the last whitespace, else hard."""
    window = text[:max_chars]
    for sep in ("\n\n", "\n", " "):
        i = window.rfind(sep)
        if i > 0:
            return i + len(sep)
    return max_chars


def load_yaml(path: Path | str, what: str, error: type[StanceError] = StanceError) -> object:
    """A YAML file's content (libyaml when available), with one-line `FILE[:LINE]` errors."""
    import yaml

    p = Path(path)
    try:
        text = p.read_bytes().decode("utf-8")
    except FileNotFoundError:
        raise error(f"{p}: {what} file not found") from None
    except IsADirectoryError:
        raise error(f"{p}: is a directory, not a {what} file") from None
    except OSError as e:
        raise error(f"{p}: cannot read {what}: {e.strerror}") from None
    except UnicodeDecodeError:
        raise error(f"{p}: {what} is not valid UTF-8") from None
    try:
        return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        where_ = f"{p}:{mark.line + 1}" if mark is not None else str(p)
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise error(f"{where_}: invalid YAML in {what}: {problem}") from None


@contextlib.contextmanager
def atomic_write(path: Path | str, mode: str = "w"):
    """Write to a temporary file beside `path`, then rename: never a half-written file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; the result should look like any new file
    try:
        with os.fdopen(fd, mode, **({} if "b" in mode else {"encoding": "utf-8"})) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
