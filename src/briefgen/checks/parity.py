"""Word parity: the PDF, the DOCX and the web page of a document say the same words in the same order.

Words are compared as readers see them, not as the engines lay them out:

- page furniture is left out: artifacts in the PDF (running header, footer, page numbers), the
  header and footer parts of the DOCX. Text the PDF shows before the document title (the
  first-page letterhead) counts as furniture when the DOCX has it in a header or footer;
- list labels (bullets, ``1.``) are left out: ``/Lbl`` in the PDF, automatic numbering in the DOCX;
- a word hyphenated at a line end in the PDF is joined again, and words are compared
  hyphen-insensitively, case-insensitively and without punctuation (``‘Citaat.’`` = ``citaat``);
  a word broken at a line end without a hyphen (a long URL) is joined too. Differences in
  punctuation alone are reported separately, as :attr:`ParityResult.punctuation`.

Use :func:`compare` (or :func:`assert_parity` in tests) on two files or their bytes.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.checks.docxtext import DocxContent, read_docx
from briefgen.checks.pdftext import PdfContent, _lines, read_pdf

_HYPHENS = "-\u2010\u2011\u00ad"
_KEEP = "€%"
DIFF_LIMIT = 8


@dataclass(frozen=True)
class Word:
    """A word as shown, its comparison key and where it is."""

    text: str
    key: str
    where: str
    """``p. 2`` (PDF page) or ``¶ 14`` (DOCX paragraph)."""
    line_end: bool = False


_INVISIBLE_MARKS = frozenset("\u034f" + "".join(chr(c) for c in range(0xFE00, 0xFE10)))


def word_key(text: str) -> str:
    """The comparison key of a word: letters, digits, marks, ``€`` and ``%``, NFKC, case-folded;
    invisible characters (word joiners, the combining grapheme joiner, variation selectors) are ignored."""
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf" and ch not in _INVISIBLE_MARKS)
    normal = unicodedata.normalize("NFKC", visible).casefold()
    return "".join(ch for ch in normal if ch.isalnum() or ch in _KEEP or unicodedata.category(ch).startswith("M"))


def words_from_lines(lines: list[tuple[str, str]]) -> list[Word]:
    """Words of (where, line) pairs; a word hyphenated at a line end is joined with the next line's first."""
    result: list[Word] = []
    carry = ""
    for where, line in lines:
        tokens = line.split()
        for index, token in enumerate(tokens):
            if carry:
                token = carry + token
                carry = ""
            last = index == len(tokens) - 1
            if last and len(token) > 1 and token[-1] in _HYPHENS and token[-2].isalpha():
                carry = token[:-1] if token[-1] != "-" else token
                continue
            key = word_key(token)
            if key:
                result.append(Word(token, key, where, last))
    if carry and word_key(carry):
        result.append(Word(carry, word_key(carry), lines[-1][0] if lines else "", True))
    return result


def pdf_words(source: Path | bytes | PdfContent) -> list[Word]:
    """The body words of a PDF: no artifacts, no list labels, hyphenation undone."""
    content = source if isinstance(source, PdfContent) else read_pdf(source)
    chunks = [c for c in content.chunks if c.role in ("body", "untagged")]
    return words_from_lines([(f"p. {page}", text) for page, text in _lines(chunks)])


def docx_words(source: Path | bytes | DocxContent) -> list[Word]:
    """The body words of a DOCX: paragraphs and table cells in order, no headers or footers."""
    content = source if isinstance(source, DocxContent) else read_docx(source)
    lines = []
    for number, paragraph in enumerate(content.paragraphs, start=1):
        for line in paragraph.text.split("\n"):
            lines.append((f"¶ {number}", line))
    return words_from_lines(lines)


@dataclass(frozen=True)
class Difference:
    """One place where the two files disagree."""

    kind: str
    """``only in PDF``, ``only in DOCX`` or ``differs``."""
    pdf: str
    docx: str
    pdf_where: str
    docx_where: str
    context: str
    """The words just before, as in the DOCX."""

    def __str__(self) -> str:
        after = f" after ‘{self.context}’" if self.context else " at the start"
        if self.kind == "only in PDF":
            return f"only in PDF ({self.pdf_where}){after}: ‘{self.pdf}’"
        if self.kind == "only in DOCX":
            return f"only in DOCX ({self.docx_where}){after}: ‘{self.docx}’"
        return f"PDF ({self.pdf_where}) ‘{self.pdf}’ ≠ DOCX ({self.docx_where}) ‘{self.docx}’{after}"


@dataclass
class ParityResult:
    """The outcome of :func:`compare`."""

    pdf_words: int
    docx_words: int
    differences: list[Difference] = field(default_factory=list)
    furniture: list[str] = field(default_factory=list)
    """PDF words before the title that the DOCX has in its header or footer (not compared)."""
    punctuation: list[str] = field(default_factory=list)
    """Places where the words agree but the punctuation does not."""

    @property
    def ok(self) -> bool:
        """True when both files have the same words in the same order."""
        return not self.differences

    def diff(self, limit: int = DIFF_LIMIT) -> str:
        """A readable account of the differences (at most ``limit``)."""
        if self.ok:
            return f"same {self.pdf_words} words in the same order"
        lines = [f"{len(self.differences)} difference(s); PDF {self.pdf_words} words, DOCX {self.docx_words} words:"]
        lines += [f"  - {d}" for d in self.differences[:limit]]
        if len(self.differences) > limit:
            lines.append(f"  … and {len(self.differences) - limit} more")
        return "\n".join(lines)

    def as_dict(self) -> dict[str, Any]:
        """The result for ``--json``."""
        return {
            "ok": self.ok,
            "pdf_words": self.pdf_words,
            "docx_words": self.docx_words,
            "differences": [str(d) for d in self.differences],
            "furniture_words": len(self.furniture),
            "punctuation": self.punctuation,
        }


def _strip_letterhead(
    pdf: list[Word], docx: DocxContent, docx_words_: list[Word], title: str
) -> tuple[list[Word], list[str]]:
    """Drop PDF words before the title that the DOCX shows as page furniture (its first-page
    letterhead), keeping those that the DOCX also has before the title in its body."""
    title_keys = [k for k in (word_key(t) for t in title.split()) if k]

    def start_of(words: list[Word]) -> int:
        keys = [w.key for w in words]
        for index in range(len(keys) - len(title_keys) + 1):
            if title_keys and keys[index : index + len(title_keys)] == title_keys:
                return index
        return -1

    start = start_of(pdf)
    if start <= 0:
        return pdf, []
    body_prefix = docx_words_[: max(start_of(docx_words_), 0)]
    matcher = difflib.SequenceMatcher(None, [w.key for w in pdf[:start]], [w.key for w in body_prefix], autojunk=False)
    in_body = {i for block in matcher.get_matching_blocks() for i in range(block.a, block.a + block.size)}
    available = Counter(w.key for w in words_from_lines([("", line) for line in docx.furniture]))
    kept: list[Word] = []
    dropped: list[str] = []
    for index, word in enumerate(pdf[:start]):
        if index not in in_body and available[word.key] > 0:
            available[word.key] -= 1
            dropped.append(word.text)
        else:
            kept.append(word)
    return kept + pdf[start:], dropped


def _joined(words: list[Word]) -> str:
    return "".join(w.key for w in words)


_PUNCT_SPACE = re.compile(r"\s+")


def compare(pdf: Path | bytes | PdfContent, docx: Path | bytes | DocxContent, title: str | None = None) -> ParityResult:
    """Compare the words of a PDF and a DOCX of the same document.

    ``title`` is the document title (default: the DOCX's ``Title`` paragraph, else its core title);
    it marks where the letterhead ends.
    """
    pdf_content = pdf if isinstance(pdf, PdfContent) else read_pdf(pdf)
    docx_content = docx if isinstance(docx, DocxContent) else read_docx(docx)
    if title is None:
        title = next((p.text for p in docx_content.paragraphs if docx_content.heading_level(p.style) == 0), "")
        title = title or docx_content.core.get("title", "")
    left = pdf_words(pdf_content)
    right = docx_words(docx_content)
    left, furniture = _strip_letterhead(left, docx_content, right, title)
    result = ParityResult(len(left), len(right), furniture=furniture)
    matcher = difflib.SequenceMatcher(None, [w.key for w in left], [w.key for w in right], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = left[i1:i2], right[j1:j2]
        if tag == "equal":
            _punctuation(result, a, b)
            continue
        if tag == "replace" and _joined(a) == _joined(b):
            continue  # the same letters, split differently (a line break inside a word)
        context = " ".join(w.text for w in right[max(0, j1 - 5) : j1])
        kind = {"delete": "only in PDF", "insert": "only in DOCX"}.get(tag, "differs")
        result.differences.append(
            Difference(
                kind,
                _clip(a),
                _clip(b),
                a[0].where if a else (left[i1 - 1].where if i1 else ""),
                b[0].where if b else (right[j1 - 1].where if j1 else ""),
                context,
            )
        )
    return result


def _clip(words: list[Word], limit: int = 14) -> str:
    text = " ".join(w.text for w in words[:limit])
    return text + (" …" if len(words) > limit else "")


def _punctuation(result: ParityResult, a: list[Word], b: list[Word], limit: int = DIFF_LIMIT) -> None:
    for left, right in zip(a, b, strict=False):
        if len(result.punctuation) >= limit:
            return
        lt = unicodedata.normalize("NFKC", left.text).strip(_HYPHENS)
        rt = unicodedata.normalize("NFKC", right.text).strip(_HYPHENS)
        if left.line_end and lt != rt and lt.rstrip(_HYPHENS) == rt.rstrip(_HYPHENS):
            continue
        if lt.replace("\u2010", "-") != rt.replace("\u2010", "-"):
            result.punctuation.append(f"PDF ({left.where}) ‘{left.text}’ vs DOCX ({right.where}) ‘{right.text}’")


def assert_parity(pdf: Path | bytes, docx: Path | bytes, title: str | None = None) -> ParityResult:
    """Raise :class:`AssertionError` with the differences when the files do not agree."""
    result = compare(pdf, docx, title)
    if not result.ok:
        raise AssertionError(result.diff())
    return result


# ---------------------------------------------------------------- the gate

NAME = "parity"


def check(inputs: Any) -> Any:
    """Run the parity gate: every built document's PDF and DOCX say the same words."""
    from briefgen.checks.base import GateResult, ReportTable
    from briefgen.checks.extract import docx_content, pdf_content

    result = GateResult(NAME)
    if inputs.out_dir is None:
        result.skipped = "no output folder: run briefgen build, or pass --out DIR"
        return result
    built = [d for d in inputs.built_documents() if {"pdf", "docx"} <= set(d.files)]
    if not built:
        result.skipped = "no document built in both formats"
        return result
    table = ReportTable(
        "DOCX/PDF word parity (worst first)", ["document", "PDF words", "DOCX words", "differences", "first"]
    )
    rows = []
    for doc in built:
        if not (doc.files["pdf"].is_file() and doc.files["docx"].is_file()):
            continue
        try:
            outcome = compare(
                pdf_content(inputs, doc.files["pdf"]),
                docx_content(inputs, doc.files["docx"]),
                str(doc.entry.get("title") or "") or None,
            )
        except Exception as error:  # an unreadable file is a finding
            result.error(f"cannot compare: {type(error).__name__}: {error}", file=doc.shown("pdf"), document=doc.doc_id)
            continue
        result.documents.setdefault(doc.doc_id, {"kind": doc.kind})["parity"] = outcome.as_dict()
        page = doc.files.get("html")
        if page is not None and page.is_file():
            web = compare_web(page, docx_content(inputs, doc.files["docx"]))
            result.documents[doc.doc_id]["parity"]["html_differences"] = len(web)
            for difference in web[:DIFF_LIMIT]:
                result.error(str(difference), file=f"{doc.shown('html')} ↔ {doc.shown('docx')}", document=doc.doc_id)
        for difference in outcome.differences[:DIFF_LIMIT]:
            result.error(str(difference), file=f"{doc.shown('pdf')} ↔ {doc.shown('docx')}", document=doc.doc_id)
        if len(outcome.differences) > DIFF_LIMIT:
            result.error(
                f"… and {len(outcome.differences) - DIFF_LIMIT} more differences",
                file=f"{doc.shown('pdf')} ↔ {doc.shown('docx')}",
                document=doc.doc_id,
            )
        for note in outcome.punctuation[:3]:
            result.warning(f"punctuation differs: {note}", file=doc.shown("pdf"), document=doc.doc_id)
        first = str(outcome.differences[0]) if outcome.differences else "–"
        rows.append(
            (
                len(outcome.differences),
                [
                    doc.doc_id,
                    str(outcome.pdf_words),
                    str(outcome.docx_words),
                    str(len(outcome.differences)),
                    first[:70],
                ],
            )
        )
    table.rows = [row for _, row in sorted(rows, key=lambda item: -item[0])]
    result.tables.append(table)
    result.notes.append(
        "Compared: body words, case-, hyphen- and punctuation-insensitive; left out: PDF artifacts, DOCX "
        "headers/footers, list labels, repeated table header rows, letterhead words the DOCX has in its header."
    )
    return result


# ---------------------------------------------------------------- the web page

_SKIPPED_CLASSES = ("downloads", "dateline")
"""Parts of a web page that the DOCX and PDF do not have: the download links and the dateline."""


def html_words(path: Path) -> list[Word]:
    """The words of a web page's ``<main>``, without the downloads and the dateline."""
    import html.parser

    class Reader(html.parser.HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.lines: list[tuple[str, str]] = []
            self.depth = 0  # inside <main>
            self.skip = 0  # inside a skipped element
            self.stack: list[bool] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag in ("br", "img", "meta", "link"):
                return
            classes = (dict(attrs).get("class") or "").split()
            skipped = any(name in _SKIPPED_CLASSES for name in classes) or (tag == "a" and "back" in classes)
            self.stack.append(skipped)
            self.skip += skipped
            self.depth += tag == "main" or bool(self.depth)

        def handle_endtag(self, tag: str) -> None:
            if tag in ("br", "img", "meta", "link") or not self.stack:
                return
            self.skip -= self.stack.pop()
            if self.depth:
                self.depth -= 1

        def handle_data(self, data: str) -> None:
            if self.depth and not self.skip and data.strip():
                self.lines.append(("web page", data))

    reader = Reader()
    reader.feed(path.read_text(encoding="utf-8"))
    return [word for word in words_from_lines(reader.lines) if word.key]


def compare_web(page: Path, docx: Path | bytes | DocxContent) -> list[Difference]:
    """Where the web page's words differ from the DOCX body's (the same model, so: nowhere)."""
    docx_content = docx if isinstance(docx, DocxContent) else read_docx(docx)
    left = html_words(page)
    right = [word for word in docx_words(docx_content) if word.key]
    matcher = difflib.SequenceMatcher(None, [w.key for w in left], [w.key for w in right], autojunk=False)
    differences = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        a, b = left[i1:i2], right[j1:j2]
        if tag == "equal" or (tag == "replace" and _joined(a) == _joined(b)):
            continue
        kind = {"delete": "only in HTML", "insert": "only in DOCX"}.get(tag, "differs")
        context = " ".join(w.text for w in right[max(0, j1 - 5) : j1])
        differences.append(Difference(kind, _clip(a), _clip(b), "web page", b[0].where if b else "", context))
    return differences
