"""From (text, spans) to marked token windows: the model's only view of a sentence.

Every mention of a sentence is wrapped in marker tokens ``[M] ... [/M]`` and the
whole sentence goes through the encoder once; the head reads each mention at
its start marker. A sentence longer than the window is cut into overlapping
windows and each mention is classified in the window where it sits most
centrally, so nothing is lost and each mention still sees its context.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

MARKERS = ("[M]", "[/M]")


@dataclass
class Window:
    """One encoder input: token ids plus, for each mention it classifies, marker positions."""

    item: int
    """Index of the sentence (in the batch given to `encode`) this window belongs to."""
    input_ids: list[int]
    mentions: list[int]
    """Indices (into the sentence's span list) of the mentions classified here."""
    starts: list[int]
    """Position of each mention's `[M]` token."""
    ends: list[int]
    """Position of each mention's `[/M]` token."""


def _mark(offsets: Sequence[tuple[int, int]], ids: Sequence[int], spans: Sequence[tuple[int, int]],
          open_id: int, close_id: int) -> tuple[list[int], list[int], list[int]]:
    """Insert markers around each span's tokens; return ids and marker positions per span."""
    n = len(spans)
    first, last = [-1] * n, [-1] * n
    order = sorted(range(n), key=lambda i: spans[i])
    k = 0
    for t, (a, b) in enumerate(offsets):
        while k < len(order) and spans[order[k]][1] <= a:
            k += 1
        for j in order[k:]:
            s, e = spans[j]
            if s >= b:
                break
            if a < e and b > s:
                if first[j] < 0:
                    first[j] = t
                last[j] = t
    opens: dict[int, list[int]] = {}
    closes: dict[int, list[int]] = {}
    for j in range(n):
        if first[j] < 0:  # a span with no token (e.g. only characters the tokenizer drops)
            pos = next((t for t, (a, _) in enumerate(offsets) if a >= spans[j][0]), len(offsets))
            first[j], last[j] = pos, pos - 1
        opens.setdefault(first[j], []).append(j)
        closes.setdefault(last[j], []).append(j)
    out, starts, ends = [], [0] * n, [0] * n
    for t in range(len(ids) + 1):
        for j in closes.get(t - 1, ()):
            ends[j] = len(out)
            out.append(close_id)
        if t == len(ids):
            break
        for j in opens.get(t, ()):
            starts[j] = len(out)
            out.append(open_id)
        out.append(ids[t])
    for j in opens.get(len(ids), ()):  # empty span at the very end
        starts[j] = len(out)
        out.append(open_id)
        ends[j] = len(out)
        out.append(close_id)
    return out, starts, ends


def encode(tokenizer, texts: Sequence[str], spans: Sequence[Sequence[tuple[int, int]]],
           max_length: int, stride: int | None = None) -> list[Window]:
    """Windows for a batch of sentences; every span is classified in exactly one window."""
    open_id, close_id = tokenizer.convert_tokens_to_ids(list(MARKERS))
    cls_id, sep_id = tokenizer.cls_token_id, tokenizer.sep_token_id
    if cls_id is None:
        cls_id, sep_id = tokenizer.bos_token_id, tokenizer.eos_token_id
    enc = tokenizer(list(texts), add_special_tokens=False, return_offsets_mapping=True,
                    return_attention_mask=False, return_token_type_ids=False,
                    verbose=False)  # long sentences are expected: they are cut into windows below
    body = max_length - 2
    stride = stride or body // 2
    windows: list[Window] = []
    for item, (ids, offsets, sp) in enumerate(zip(enc["input_ids"], enc["offset_mapping"], spans)):
        if not sp:
            continue
        marked, starts, ends = _mark(offsets, ids, sp, open_id, close_id)
        if len(marked) <= body:
            windows.append(Window(item, [cls_id, *marked, sep_id], list(range(len(sp))),
                                  [s + 1 for s in starts], [e + 1 for e in ends]))
            continue
        lo_list = list(range(0, max(len(marked) - body, 0) + 1, stride))
        if lo_list[-1] + body < len(marked):
            lo_list.append(len(marked) - body)
        assigned: dict[int, list[int]] = {}
        for j, (s, e) in enumerate(zip(starts, ends)):
            fits = [w for w, lo in enumerate(lo_list) if lo <= s and e < lo + body]
            if fits:  # the window where the mention is most central
                best = max(fits, key=lambda w: min(s - lo_list[w], lo_list[w] + body - 1 - e))
            else:  # a mention longer than a window: keep its start marker and what follows
                best = max(w for w, lo in enumerate(lo_list) if lo <= s)
            assigned.setdefault(best, []).append(j)
        for w, members in sorted(assigned.items()):
            lo = lo_list[w]
            windows.append(Window(item, [cls_id, *marked[lo:lo + body], sep_id], members,
                                  [starts[j] - lo + 1 for j in members],
                                  [min(ends[j] - lo, body - 1) + 1 for j in members]))
    return windows
