"""`--format html`: one self-contained page (no external assets) with every mention
highlighted in its label's colour, its confidence on hover, and the per-actor summary."""

from __future__ import annotations

from html import escape

from stance.infer.predictor import Sentence

PALETTE = ["#d7301f", "#2b8cbe", "#7f7f7f", "#31a354", "#756bb1", "#e6550d"]
STYLE = """
body{font:16px/1.6 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
h1{font-size:1.4rem} h2{font-size:1.1rem;margin-top:2rem}
.legend span,.m{padding:0 .25em;border-radius:.25em;color:#fff}
.legend span{margin-right:.6em}
.m{cursor:help;white-space:nowrap}
.src{color:#888;font-size:.8rem;margin-top:1rem}
p.s{margin:.2rem 0}
table{border-collapse:collapse;font-size:.9rem} td,th{border-bottom:1px solid #ddd;padding:.2rem .6rem;text-align:left}
.bar{display:inline-block;height:.7em;vertical-align:middle}
"""


def _colours(labels: list[str]) -> dict[str, str]:
    return {label: PALETTE[i % len(PALETTE)] for i, label in enumerate(labels)}


def _sentence(s: Sentence, colours: dict[str, str]) -> str:
    out, cursor = [], 0
    for m in s.mentions:
        a, b = m.start - s.start, m.end - s.start
        out.append(escape(s.text[cursor:a]))
        scores = ", ".join(f"{k} {v:.2f}" for k, v in (m.scores or {}).items())
        tip = f"{m.actor or '?'} ({m.type or '?'}): {m.label or 'no model'}" + (f" {m.score:.2f} | {scores}" if m.score is not None else "")
        colour = colours.get(m.label, "#555")
        out.append(f'<span class="m" style="background:{colour}" title="{escape(tip)}">{escape(s.text[a:b])}</span>')
        cursor = b
    out.append(escape(s.text[cursor:]))
    return f'<p class="s">{"".join(out)}</p>'


def _summary(summary: list[dict], labels: list[str], colours: dict[str, str]) -> str:
    rows = []
    for a in summary:
        bars = "".join(f'<span class="bar" style="background:{colours[k]};width:{4 * v}px" title="{k} {v}"></span>'
                       for k, v in a["counts"].items() if v)
        stance = escape(a["stance"] or "-")
        share = f"{a['share']:.0%}" if a["share"] is not None else "-"
        rows.append(f"<tr><td>{escape(a['name'])}</td><td>{escape(a['actor'])}</td><td>{a['mentions']}</td>"
                    f"<td>{stance}</td><td>{share}</td><td>{bars}</td></tr>")
    head = "<tr><th>actor</th><th>id</th><th>mentions</th><th>stance</th><th>share</th><th>labels</th></tr>"
    return f"<table>{head}{''.join(rows)}</table>"


def render(sentences: list[Sentence], summary: list[dict], labels: list[str]) -> str:
    colours = _colours(labels)
    legend = "".join(f'<span style="background:{c}">{escape(k)}</span>' for k, c in colours.items())
    body, source = [], None
    for s in sentences:
        if s.source != source:
            source = s.source
            body.append(f'<div class="src">{escape(source)}</div>')
        body.append(_sentence(s, colours))
    n_mentions = sum(len(s.mentions) for s in sentences)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>stance</title><style>{STYLE}</style></head>
<body><h1>Stance of every actor mention</h1>
<p>{len(sentences)} sentences, {n_mentions} mentions. Hover over a mention for its actor and confidence.</p>
<p class="legend">{legend}</p>
<h2>Per actor</h2>{_summary(summary, labels, colours)}
<h2>Text</h2>{''.join(body)}
</body></html>
"""
