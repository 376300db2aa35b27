"""Accessibility of a built web page without a browser: the structure WCAG needs.

Checks ``lang``, a title, the landmarks (header, main, footer), a skip link to the main
content, heading order, alt text on every image and a scope on every table header. The
browser checks (axe-core in Chromium) live in the tests; this runs anywhere.
"""

from __future__ import annotations

import html.parser
import re
from pathlib import Path


class _Facts(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.headings: list[tuple[int, str]] = []
        self.title = ""
        self._open: str | None = None
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {name: value or "" for name, value in attrs}))
        if tag == "title" or re.fullmatch(r"h[1-6]", tag):
            self._open, self._text = tag, ""

    def handle_endtag(self, tag: str) -> None:
        if tag == self._open:
            if tag == "title":
                self.title = self._text.strip()
            else:
                self.headings.append((int(tag[1]), " ".join(self._text.split())))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self._text += data


def page_problems(path: Path) -> dict[str, str]:
    """Check name → problem (empty string when it passed) for the page at ``path``."""
    facts = _Facts()
    facts.feed(path.read_text(encoding="utf-8"))
    tags = [tag for tag, _ in facts.tags]
    attrs = {tag: a for tag, a in reversed(facts.tags)}
    results: dict[str, str] = {}
    lang = attrs.get("html", {}).get("lang", "")
    results["language"] = "" if lang.lower() in ("nl", "nl-nl") else f"<html lang> is {lang!r}, not nl"
    results["title"] = "" if facts.title else "no <title>"
    missing = [name for name in ("header", "main", "footer") if name not in tags]
    results["landmarks"] = f"missing: {', '.join(missing)}" if missing else ""
    links = [a for tag, a in facts.tags if tag == "a"]
    main_id = attrs.get("main", {}).get("id", "")
    skip = links[0].get("href", "") if links else ""
    results["skip link"] = "" if main_id and skip == f"#{main_id}" else "the first link does not lead to <main>"
    order = []
    previous = 0
    for level, text in facts.headings:
        if level > previous + 1:
            order.append(f"‘{text[:40]}’ is h{level} after h{previous}")
        previous = level
    if [level for level, _ in facts.headings].count(1) != 1:
        order.append("not exactly one h1")
    results["heading order"] = "; ".join(order[:3])
    no_alt = [a.get("src", "?") for tag, a in facts.tags if tag == "img" and not a.get("alt", "").strip()]
    results["alt text"] = ", ".join(no_alt[:3])
    no_scope = sum(1 for tag, a in facts.tags if tag == "th" and a.get("scope") not in ("col", "row"))
    results["table headers"] = f"{no_scope} <th> without scope" if no_scope else ""
    return results
