"""Match the paragraphs of an edited DOCX to the ones the build wrote, and find what changed:
claim texts, template text around them, paragraphs removed or added."""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from briefgen.writers.docx.claims import ClaimRecord
from briefgen.writers.docx.readback import EditedDocx, EditedParagraph

NBSP = "\u00a0"


@dataclass(frozen=True)
class ClaimEdit:
    """One claim as the edited DOCX shows it."""

    ref: str
    shown_before: str
    """The claim's text as built (as the DOCX showed it)."""
    written_before: str
    """The claim's text in the YAML at build time."""
    shown_after: str
    """The claim's text in the edited DOCX ("" when its paragraph was deleted)."""
    deleted: bool = False
    comments: tuple[int, ...] = ()


@dataclass(frozen=True)
class OutsideEdit:
    """Text changed outside any claim: ``before`` → ``after`` ("" for added or removed)."""

    before: str
    after: str
    near: str = ""
    """The claim nearest before it (its ref), to say where in the document it is."""


@dataclass
class Matched:
    """Everything that differs between the record and the edited DOCX."""

    claims: list[ClaimEdit] = field(default_factory=list)
    outside: list[OutsideEdit] = field(default_factory=list)
    comments: list[tuple[int, str]] = field(default_factory=list)
    """(comment id, ref of the claim it is on, or "")."""


def _norm(text: str) -> str:
    return text.replace(NBSP, " ")


def _claim_paragraphs(record: ClaimRecord) -> list[int]:
    return [index for index, entry in enumerate(record.paragraphs) if entry.get("claims")]


def _anchors(record: ClaimRecord, edited: list[EditedParagraph]) -> dict[int, int]:
    """Record paragraph index → edited paragraph index, for the claim paragraphs found."""
    claim_rows = _claim_paragraphs(record)
    by_refs: dict[tuple[str, ...], list[int]] = {}
    for claim_row in claim_rows:
        by_refs.setdefault(tuple(c[0] for c in record.paragraphs[claim_row]["claims"]), []).append(claim_row)
    used: set[int] = set()
    found: dict[int, int] = {}
    for j, paragraph in enumerate(edited):
        row: int | None = None
        for number in paragraph.numbers:
            if 0 <= number < len(claim_rows) and claim_rows[number] not in used:
                row = claim_rows[number]
                break
        if row is None and paragraph.refs:
            row = next((r for r in by_refs.get(paragraph.refs, []) if r not in used), None)
        if row is not None:
            used.add(row)
            found[row] = j
    return found


def match(edited: EditedDocx) -> Matched:
    """Compare the edited paragraphs with the record (which ``edited`` must have)."""
    record = edited.record
    assert record is not None
    rows = record.paragraphs
    anchors = _anchors(record, edited.paragraphs)
    result = Matched()
    near = ""
    prev_row, prev_j = -1, -1
    for row in [*sorted(anchors), len(rows)]:
        j = anchors.get(row, len(edited.paragraphs))
        _between(rows[prev_row + 1 : row], edited.paragraphs[prev_j + 1 : j], near, result)
        if row == len(rows):
            break
        entry = rows[row]
        near = entry["claims"][0][0]
        _claim_paragraph(entry, edited.paragraphs[j], result)
        prev_row, prev_j = row, j
    for row in _claim_paragraphs(record):
        if row not in anchors:
            for ref, shown, written in rows[row]["claims"]:
                result.claims.append(ClaimEdit(ref, shown, written, "", deleted=True))
    return result


def _between(rows: list[dict[str, Any]], paragraphs: list[EditedParagraph], near: str, result: Matched) -> None:
    """Paragraphs without claims between two claim paragraphs: aligned by text."""
    before = [_norm(entry["text"]) for entry in rows if not entry.get("claims") and entry["text"].strip()]
    after_items = [p for p in paragraphs if p.text.strip() and not p.numbers and not p.refs]
    after = [_norm(p.text) for p in after_items]
    for p in after_items:
        result.comments.extend((number, "") for number in p.comments)
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        old, new = before[i1:i2], after[j1:j2]
        for k in range(max(len(old), len(new))):
            result.outside.append(OutsideEdit(old[k] if k < len(old) else "", new[k] if k < len(new) else "", near))


def _claim_paragraph(entry: dict[str, Any], paragraph: EditedParagraph, result: Matched) -> None:
    claims = entry["claims"]
    before = _norm(entry["text"])
    after = _norm(paragraph.text)
    refs = [ref for ref, _, _ in claims]
    result.comments.extend((number, refs[0]) for number in paragraph.comments)
    if not after.strip():
        for ref, shown, written in claims:
            result.claims.append(ClaimEdit(ref, shown, written, "", deleted=True, comments=paragraph.comments))
        return
    spans = _spans(before, [_norm(shown) for _, shown, _ in claims])
    if before == after or spans is None:
        if spans is None and before != after:  # the record cannot place the claims: treat all as template text
            result.outside.append(OutsideEdit(before, after, refs[0]))
        for ref, shown, written in claims:
            result.claims.append(ClaimEdit(ref, shown, written, shown, comments=paragraph.comments))
        return
    mapped = _map_spans(before, after, spans)
    literal_before = _literals(before, spans)
    literal_after = _literals(after, mapped)
    if literal_before != literal_after:
        result.outside.append(OutsideEdit(before, after, refs[0]))
    for (ref, shown, written), (start, end) in zip(claims, mapped, strict=True):
        text = _restore_nbsp(shown, after[start:end].strip())
        result.claims.append(ClaimEdit(ref, shown, written, text, comments=paragraph.comments))


def _spans(text: str, parts: list[str]) -> list[tuple[int, int]] | None:
    """Where each part stands in ``text``, in order; None when one is not found."""
    spans = []
    position = 0
    for part in parts:
        start = text.find(part, position)
        if start < 0:
            return None
        spans.append((start, start + len(part)))
        position = start + len(part)
    return spans


def _map_spans(before: str, after: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans of ``before`` carried over to ``after``; text typed at a claim's edge belongs to
    the claim."""
    opcodes = difflib.SequenceMatcher(None, before, after, autojunk=False).get_opcodes()

    def start_of(x: int) -> int:
        for tag, i1, i2, j1, j2 in opcodes:
            if tag == "equal" and i1 <= x < i2:
                return j1 + x - i1
            if tag != "equal" and i1 <= x <= i2:  # typed at the start or across it: the claim's
                return j2 if i1 < x == i2 else j1
        return len(after)

    def end_of(x: int) -> int:
        for tag, i1, i2, _, j2 in opcodes:
            if tag != "equal" and i1 <= x <= i2 and (i1 < x or i1 == i2):
                return j2
        for tag, i1, i2, j1, _ in opcodes:
            if tag == "equal" and i1 < x <= i2:
                return j1 + x - i1
        return len(after)

    mapped = []
    floor = 0
    for start, end in spans:
        new_start = max(start_of(start), floor)
        new_end = max(end_of(end), new_start)
        mapped.append((new_start, new_end))
        floor = new_end
    return mapped


def _literals(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The text around and between the spans (the template's part of a paragraph)."""
    pieces = []
    position = 0
    for start, end in spans:
        pieces.append(text[position:start].strip())
        position = end
    pieces.append(text[position:].strip())
    return pieces


def _restore_nbsp(shown: str, text: str) -> str:
    """Put back the no-break spaces of the built text where the same words still stand."""
    if NBSP not in shown:
        return text
    for chunk in {piece for piece in _nbsp_chunks(shown)}:
        text = text.replace(chunk.replace(NBSP, " "), chunk)
    return text


def _nbsp_chunks(shown: str) -> list[str]:
    """Runs of words joined by no-break spaces (``€ 1,1 miljard``)."""
    words = shown.split(" ")
    return [word for word in words if NBSP in word]
