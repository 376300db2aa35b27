"""Word parity: the PDF, the DOCX and the web page of a document say the words of its model, in order.

The gate compares each rendering with the model's words (:func:`model_words`, from the text
view), so a difference names the writer at fault; files built from other inputs are compared
with each other (:func:`compare`).

Words are compared as readers see them, not as the engines lay them out:

- page furniture is left out: artifacts in the PDF (running header, footer, page numbers), the
  header and footer parts of the DOCX. Text the PDF shows before the document title (the
  first-page letterhead) counts as furniture when the DOCX has it in a header or footer;
- list labels (bullets, ``1.``) are left out: ``/Lbl`` in the PDF, automatic numbering in the DOCX;
- a word hyphenated at a line end in the PDF is joined again, and words are compared
  hyphen-insensitively, case-insensitively and without punctuation (``‘Citaat.’`` = ``citaat``);
  a word broken at a line end without a hyphen (a long URL) is joined too. Differences in
  punctuation alone are reported separately, as :attr:`ParityResult.punctuation`.

Use :func:`compare` (or :func:`assert_parity` in tests) on a PDF and a DOCX, or their bytes.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.checks.docxtext import DocxContent, read_docx
from briefgen.checks.pdftext import PdfContent, _lines, read_pdf
from briefgen.content.model import Document
from briefgen.content.text import document_units

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


def model_words(document: Document) -> list[Word]:
    """The words the model says a reader reads (the text view, note numbers included)."""
    lines = [
        (f"{unit.role} {number}", line)
        for number, unit in enumerate(document_units(document), start=1)
        for line in unit.text(note_numbers=True).split("\n")
    ]
    return words_from_lines(lines)


def model_furniture(document: Document) -> list[str]:
    """The page furniture of the model (letterhead, footer) that a rendering may show before the title."""
    return [unit.text() for unit in document_units(document, furniture=True) if unit.role == "furniture"]


def against_model(
    reference: list[Word], furniture: list[str], title: str, words: list[Word], name: str
) -> list[Difference]:
    """Where a rendering's words differ from the model's (``reference``, :func:`model_words`);
    its letterhead (the model's ``furniture``, shown before ``title``) is not a difference."""
    words, _ = _strip_letterhead(words, furniture, reference, title)
    return differences(reference, words, "model", name)


@dataclass(frozen=True)
class Difference:
    """One place where two renderings (or the model and a rendering) disagree."""

    kind: str
    """``only in <left>``, ``only in <right>`` or ``differs``."""
    left: str
    right: str
    left_where: str
    right_where: str
    context: str
    """The words just before, as on the right."""
    left_name: str = "PDF"
    right_name: str = "DOCX"

    def __str__(self) -> str:
        after = f" after ‘{self.context}’" if self.context else " at the start"
        if self.kind == f"only in {self.left_name}":
            return f"only in {self.left_name} ({self.left_where}){after}: ‘{self.left}’"
        if self.kind == f"only in {self.right_name}":
            return f"only in {self.right_name} ({self.right_where}){after}: ‘{self.right}’"
        return (
            f"{self.left_name} ({self.left_where}) ‘{self.left}’ ≠ "
            f"{self.right_name} ({self.right_where}) ‘{self.right}’{after}"
        )


Opcodes = Sequence[tuple[str, int, int, int, int]]


def _opcodes(left: list[Word], right: list[Word]) -> Opcodes:
    matcher = difflib.SequenceMatcher(None, [w.key for w in left], [w.key for w in right], autojunk=False)
    return matcher.get_opcodes()


def differences(
    left: list[Word], right: list[Word], left_name: str, right_name: str, opcodes: Opcodes | None = None
) -> list[Difference]:
    """Where two word sequences disagree (the same letters split differently is no difference)."""
    found = []
    for tag, i1, i2, j1, j2 in _opcodes(left, right) if opcodes is None else opcodes:
        a, b = left[i1:i2], right[j1:j2]
        if tag == "equal" or (tag == "replace" and _joined(a) == _joined(b)):
            continue
        context = " ".join(w.text for w in right[max(0, j1 - 5) : j1])
        kind = {"delete": f"only in {left_name}", "insert": f"only in {right_name}"}.get(tag, "differs")
        found.append(
            Difference(
                kind,
                _clip(a),
                _clip(b),
                a[0].where if a else (left[i1 - 1].where if i1 else ""),
                b[0].where if b else (right[j1 - 1].where if j1 else ""),
                context,
                left_name,
                right_name,
            )
        )
    return found


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
    pdf: list[Word], furniture: list[str], docx_words_: list[Word], title: str
) -> tuple[list[Word], list[str]]:
    """Drop words before the title that are page furniture elsewhere (the DOCX's header and
    footer, or the model's letterhead), keeping those the other side also has before the title."""
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
    available = Counter(w.key for w in words_from_lines([("", line) for line in furniture]))
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
    return compare_words(pdf_words(pdf_content), docx_content, docx_words(docx_content), title)


def compare_words(left: list[Word], docx: DocxContent, right: list[Word], title: str | None = None) -> ParityResult:
    """:func:`compare` on words already read (``right`` are ``docx``'s words)."""
    if title is None:
        title = next((p.text for p in docx.paragraphs if docx.heading_level(p.style) == 0), "")
        title = title or docx.core.get("title", "")
    left, furniture = _strip_letterhead(left, docx.furniture, right, title)
    result = ParityResult(len(left), len(right), furniture=furniture)
    opcodes = _opcodes(left, right)
    result.differences = differences(left, right, "PDF", "DOCX", opcodes)
    for tag, i1, i2, j1, j2 in opcodes:
        if tag == "equal":
            _punctuation(result, left[i1:i2], right[j1:j2])
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


WRITERS = {"PDF": "the PDF writer", "DOCX": "the DOCX writer", "web page": "the web writer"}
"""Who is at fault when a rendering differs from the model."""
FILE_FORMAT = {"PDF": "pdf", "DOCX": "docx", "web page": "html"}
"""The output format of each rendering compared."""


def _models(inputs: Any, result: Any) -> dict[str, Document]:
    """The composed model of every document, or nothing (with a note) when the inputs do not compose."""
    from briefgen.problems import ProblemsError

    try:
        return {item.doc_id: item.document for item in inputs.composed}
    except ProblemsError:
        result.notes.append(
            "The inputs do not compose (see the other gates): the files are compared with each other only."
        )
        return {}


def check(inputs: Any) -> Any:
    """Run the parity gate: every built file says the words of the model it was written from.

    Each rendering (PDF, DOCX, web page) is compared with the model composed from the current
    inputs, so a difference names the writer at fault. Files that agree with each other but not
    with the model were built from other inputs: they are compared with each other instead.
    """
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
    models = _models(inputs, result)
    table = ReportTable(
        "Word parity with the model (worst first)",
        ["document", "model words", "PDF words", "DOCX words", "web words", "differences", "first"],
    )
    rows = []
    for doc in built:
        if not (doc.files["pdf"].is_file() and doc.files["docx"].is_file()):
            continue
        try:
            docx = docx_content(inputs, doc.files["docx"])
            sides = {"PDF": pdf_words(pdf_content(inputs, doc.files["pdf"])), "DOCX": docx_words(docx)}
            cross = compare_words(sides["PDF"], docx, sides["DOCX"], str(doc.entry.get("title") or "") or None)
            page = doc.files.get("html")
            if page is not None and page.is_file():
                sides["web page"] = html_words(page)
        except Exception as error:  # an unreadable file is a finding
            result.error(f"cannot compare: {type(error).__name__}: {error}", file=doc.shown("pdf"), document=doc.doc_id)
            continue
        model = models.get(doc.doc_id)
        reference = model_words(model) if model else []
        per_writer = {}
        if model:
            furniture = model_furniture(model)
            per_writer = {
                name: against_model(reference, furniture, model.meta.title, words, name)
                for name, words in sides.items()
            }
        stale = bool(per_writer) and all(per_writer.values()) and cross.ok
        found: list[tuple[str, str, Difference]] = []  # (writer, file, difference)
        if per_writer and not stale:
            for name, diffs in per_writer.items():
                found += [(WRITERS[name], doc.shown(FILE_FORMAT[name]), d) for d in diffs]
        else:
            if stale:
                result.warning(
                    "the built files agree with each other but not with the model composed from the current "
                    "inputs (changed since the build, or built on another day or with other options): they are "
                    "compared with each other; rebuild to compare them with the model",
                    file=doc.shown("pdf"),
                    document=doc.doc_id,
                )
            pair = f"{doc.shown('pdf')} ↔ {doc.shown('docx')}"
            found += [("PDF ↔ DOCX", pair, d) for d in cross.differences]
            if "web page" in sides:
                web = differences(sides["web page"], sides["DOCX"], "HTML", "DOCX")
                found += [("web page ↔ DOCX", f"{doc.shown('html')} ↔ {doc.shown('docx')}", d) for d in web]
        for writer, file, difference in found[:DIFF_LIMIT]:
            result.error(f"{writer}: {difference}", file=file, document=doc.doc_id)
        if len(found) > DIFF_LIMIT:
            result.error(f"… and {len(found) - DIFF_LIMIT} more differences", file=found[0][1], document=doc.doc_id)
        for note in cross.punctuation[:3]:
            result.warning(f"punctuation differs: {note}", file=doc.shown("pdf"), document=doc.doc_id)
        details = cross.as_dict()
        details["model_words"] = len(reference) if model else None
        details["compared_with"] = "model" if per_writer and not stale else "each other"
        details["writer_differences"] = {name: len(diffs) for name, diffs in per_writer.items()}
        details["html_differences"] = sum(1 for writer, _, _ in found if "web" in writer)
        result.documents.setdefault(doc.doc_id, {"kind": doc.kind})["parity"] = details
        counts = {name: str(len(words)) for name, words in sides.items()}
        rows.append(
            (
                len(found),
                [
                    doc.doc_id,
                    str(details["model_words"]) if model else "–",
                    counts["PDF"],
                    counts["DOCX"],
                    counts.get("web page", "–"),
                    str(len(found)),
                    (f"{found[0][0]}: {found[0][2]}" if found else "–")[:70],
                ],
            )
        )
    table.rows = [row for _, row in sorted(rows, key=lambda item: -item[0])]
    result.tables.append(table)
    result.notes.append(
        "Compared: the words of each rendering with the model's, case-, hyphen- and punctuation-insensitive; "
        "left out: PDF artifacts, DOCX headers/footers, the letterhead, list labels, repeated table header rows."
    )
    return result


# ---------------------------------------------------------------- the web page

_SKIPPED_CLASSES = ("downloads", "dateline", "page-title")
"""Parts of a web page that the DOCX and PDF do not have: the download links, the dateline and the
page heading of a document that shows no title on paper (a letter)."""


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


def pdf_text(inputs: Any, path: Path) -> str:
    """Body words of a PDF joined by spaces (hyphenation at line ends undone; read once per run)."""
    from briefgen.checks.extract import pdf_content

    return " ".join(word.text for word in pdf_words(pdf_content(inputs, path)))


def docx_text(inputs: Any, path: Path) -> str:
    """Body words of a DOCX joined by spaces (read once per run)."""
    from briefgen.checks.extract import docx_content

    return " ".join(word.text for word in docx_words(docx_content(inputs, path)))
