"""The review view of ``briefgen trace``: each claim beside the source fragments it rests on.

As lines for the terminal (:func:`review_lines`) and as one self-contained, accessible HTML page
(:func:`review_html`); all text is escaped.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

from briefgen.tracing.audit import Traced

STATUS = {True: "traced", False: "UNTRACED"}


def _fragment_where(traced: Traced, index: int) -> str:
    hit = traced.hits[index]
    if not hit.found:
        return "not found in the source"
    owners = sorted({str(owner) for owner in hit.owners})
    return f"source line {', '.join(map(str, hit.lines))}; {', '.join(owners)}"


def review_lines(items: list[Traced]) -> Iterator[str]:
    """The review as plain lines: location and status, the claim, then each fragment."""
    for item in items:
        claim = item.claim
        yield f"{claim.file}:{claim.line} {claim.field} ({claim.role}) [{STATUS[item.traced]}]"
        yield f"  claim : {claim.text}"
        for index, hit in enumerate(item.hits):
            yield f"  basis : ‘{hit.fragment}’ ({_fragment_where(item, index)})"
        for severity, _, message in item.problems:
            yield f"  {severity}: {message}"
        for problem in item.sentences:
            yield f"  {problem.kind} ({problem.where['line']}:{problem.where['column']}): {problem.message}"
        yield ""


def summary(items: list[Traced]) -> str:
    """One line with the counts."""
    traced = sum(item.traced for item in items)
    return f"{len(items)} claims, {traced} traced, {len(items) - traced} untraced"


_STYLE = """
body{font-family:system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem;color:#1a1a1a;line-height:1.45}
table{border-collapse:collapse;width:100%;margin-bottom:2rem}
th,td{border:1px solid #888;padding:.4rem .6rem;vertical-align:top;text-align:left}
th{background:#e8eef5}
.where{font-size:.85rem;color:#444}
.untraced{background:#fde8e8}
blockquote{margin:0 0 .4rem 0;padding-left:.6rem;border-left:3px solid #2a5d8f}
@media (max-width:40rem){td,th{display:block}}
"""


def review_html(items: list[Traced], source_path: str, title: str = "Claims en hun basis in de bron") -> str:
    """The review as one HTML page (Dutch labels, every value escaped)."""
    esc = html.escape
    rows: dict[str, list[str]] = {}
    for item in items:
        claim = item.claim
        fragments = "".join(
            f"<blockquote>{esc(hit.fragment)}</blockquote><p class=where>{esc(_fragment_where(item, index))}</p>"
            for index, hit in enumerate(item.hits)
        )
        problems = "".join(f"<p><strong>{esc(sev)}:</strong> {esc(msg)}</p>" for sev, _, msg in item.problems)
        problems += "".join(
            f"<p><strong>{esc(problem.kind)}</strong> (regel {problem.where['line']}): {esc(problem.message)}</p>"
            for problem in item.sentences
        )
        css = "" if item.traced else " class=untraced"
        status = "herleid" if item.traced else "NIET HERLEID"
        rows.setdefault(claim.owner.theme or "algemene reactie", []).append(
            f"<tr{css}><td><p class=where>{esc(claim.file)}:{claim.line} {esc(claim.field)} ({esc(claim.role)})"
            f" – {status}</p>{esc(claim.text)}</td><td>{fragments or '<p>geen basis</p>'}{problems}</td></tr>"
        )
    sections = "".join(
        f"<section><h2>{esc(group)}</h2><table><caption>Claims van {esc(group)}</caption>"
        f"<thead><tr><th scope=col>Claim (eigen woorden)</th><th scope=col>Basis in de bron</th></tr></thead>"
        f"<tbody>{''.join(group_rows)}</tbody></table></section>"
        for group, group_rows in rows.items()
    )
    return (
        f'<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width, initial-scale=1"><title>{esc(title)}</title>'
        f"<style>{_STYLE}</style></head><body><main><h1>{esc(title)}</h1>"
        f"<p>Bron: {esc(source_path)}. {esc(summary(items))}.</p>{sections}</main></body></html>\n"
    )
