"""A document that mentions a bijlage must carry it: the ``Bijlage(n)`` field lists what the
document holds under a heading ``Bijlage N. …``, and no text speaks of a bijlage it lacks."""

from __future__ import annotations

import re

from briefgen.content import model as m
from briefgen.content.text import document_units

_MENTION = re.compile(r"(?<!financiële )\bbijlage\b", re.IGNORECASE)
"""A mention of a bijlage of the document itself (the agreement's ``financiële bijlage`` is not one)."""
_HEADING = re.compile(r"^Bijlage (\d+)\. (.+)$")
_FIELD = "Bijlage(n)"
_NONE = "geen"


def problems(document: m.Document) -> list[str]:
    """What is wrong with the bijlagen of ``document`` (empty: nothing)."""
    carried: list[str] = []
    listed: list[str] | None = None
    mentioned = False
    for unit in document_units(document):
        text = unit.text()
        if unit.role == "heading":
            match = _HEADING.match(text)
            if match:
                carried.append(match.group(2))
                continue
        if unit.role == "field" and unit.spans and unit.spans[0].role == "label" and unit.spans[0].text == _FIELD:
            value = "".join(span.text for span in unit.spans[1:]).strip()
            listed = [] if value == _NONE else [re.sub(r"^\d+\. ", "", part) for part in value.split("; ")]
            continue
        if unit.role in ("caption", "cell", "header-cell"):
            continue
        if _MENTION.search(text):
            mentioned = True
    found = []
    if mentioned and not carried:
        found.append("mentions a bijlage but carries none")
    if listed is not None and listed != carried:
        shown = "; ".join(listed) or _NONE
        found.append(f"field {_FIELD} lists {shown!r} but the document carries {'; '.join(carried) or _NONE!r}")
    return found
