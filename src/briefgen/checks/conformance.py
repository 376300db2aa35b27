"""Conformance of built files: accessible, archivable PDFs and well-formed, labelled DOCX files.

PDF (read with pikepdf): tagged (``StructTreeRoot``, ``MarkInfo/Marked``), ``/Lang`` nl-NL, a
title in the XMP and the document info shown in the title bar (``DisplayDocTitle``), every font
embedded, page furniture as artifacts (no orphaned marked content, no untagged text), alt text
on figures, the PDF/A identification in the XMP, no attachments.

DOCX (zipfile + lxml): headings in order without skipped levels, the document language nl-NL
in the ``docDefaults`` of styles.xml, core properties set (title, author, created — not the
python-docx defaults), alt text on every image.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from briefgen.checks.base import BuiltDocument, GateResult, Inputs, ReportTable
from briefgen.problems import display_path
from briefgen.writers.pdf.structure import struct_elements

NAME = "conformance"
LANGUAGE = "nl-NL"
PYTHON_DOCX_AUTHOR = "python-docx"
PYTHON_DOCX_CREATED = "2013-12-23"
"""The python-docx default template says it was created by ``python-docx`` on this day."""


@dataclass
class FileChecks:
    """Named checks of one file: name → (passed, detail)."""

    fmt: str
    path: Path
    results: dict[str, tuple[bool, str]] = field(default_factory=dict)

    def add(self, name: str, passed: bool, detail: str = "") -> None:
        """Record one check."""
        self.results[name] = (passed, detail)

    @property
    def failed(self) -> list[str]:
        """Names of the failed checks."""
        return [name for name, (ok, _) in self.results.items() if not ok]

    def as_dict(self) -> dict[str, Any]:
        """The checks for ``--json``."""
        return {name: {"passed": ok, "detail": detail} for name, (ok, detail) in self.results.items()}


# ---------------------------------------------------------------- PDF


def _fonts(resources: Any, seen: set[Any], depth: int = 0) -> list[tuple[str, Any]]:
    """Every font used through ``resources`` (forms, patterns and Type3 resources followed)."""
    if not isinstance(resources, Dictionary) or depth > 8:
        return []
    found: list[tuple[str, Any]] = []
    for name, font in resources.get("/Font", Dictionary()).items():
        key = font.objgen if font.is_indirect else id(font)
        if key in seen:
            continue
        seen.add(key)
        found.append((str(font.get("/BaseFont", name)), font))
        if font.get("/Subtype") == Name.Type3:
            found += _fonts(font.get("/Resources"), seen, depth + 1)
    for group in ("/XObject", "/Pattern"):
        for obj in resources.get(group, Dictionary()).values():
            res_key = ("res", obj.objgen) if obj.is_indirect else None
            if res_key is not None and res_key in seen:
                continue
            if res_key is not None:
                seen.add(res_key)
            if isinstance(obj, (pikepdf.Stream, Dictionary)) and "/Resources" in obj:
                found += _fonts(obj.Resources, seen, depth + 1)
    return found


def _embedded(font: Any) -> bool:
    if font.get("/Subtype") == Name.Type3:
        return True
    if font.get("/Subtype") == Name.Type0:
        descendants = font.get("/DescendantFonts", Array())
        if not descendants:
            return False
        font = descendants[0]
    descriptor = font.get("/FontDescriptor")
    return isinstance(descriptor, Dictionary) and any(
        k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")
    )


def _figures_without_alt(pdf: pikepdf.Pdf) -> int:
    root = pdf.Root.get("/StructTreeRoot")
    if root is None:
        return 0
    return sum(
        1
        for node in struct_elements(root)
        if node.get("/S") == Name.Figure and not str(node.get("/Alt", "")).strip() and "/ActualText" not in node
    )


def check_pdf(path: Path, inputs: Inputs | None = None, title: str = "") -> FileChecks:
    """Conformance checks of one PDF file."""
    from briefgen.checks.extract import pdf_content
    from briefgen.checks.pdftext import read_pdf

    checks = FileChecks("pdf", path)
    with pikepdf.open(path) as pdf:
        root = pdf.Root
        tagged = "/StructTreeRoot" in root
        marked = bool(root.get("/MarkInfo", Dictionary()).get("/Marked", False))
        checks.add("tagged", tagged and marked, "" if tagged and marked else "no StructTreeRoot / MarkInfo Marked")
        lang = str(root.get("/Lang", ""))
        checks.add("language", lang.lower() == LANGUAGE.lower(), f"/Lang is {lang!r}" if lang else "no /Lang")
        meta = pdf.open_metadata()
        xmp_title = str(meta.get("dc:title", "") or "")
        info_title = str(pdf.docinfo.get("/Title", "")) if "/Title" in pdf.docinfo else ""
        display = bool(root.get("/ViewerPreferences", Dictionary()).get("/DisplayDocTitle", False))
        problems = []
        if not xmp_title.strip():
            problems.append("no dc:title in the XMP")
        if not display:
            problems.append("DisplayDocTitle is not true")
        if title and xmp_title and xmp_title != title:
            problems.append(f"title {xmp_title!r} is not the manifest's {title!r}")
        if info_title and xmp_title and info_title != xmp_title:
            problems.append("document info /Title and XMP dc:title differ")
        checks.add("title", not problems, "; ".join(problems))
        seen: set[Any] = set()
        fonts = [font for page in pdf.pages for font in _fonts(page.obj.get("/Resources"), seen)]
        for page in pdf.pages:
            for annot in page.obj.get("/Annots", Array()):
                appearance = annot.get("/AP", Dictionary()).get("/N")
                if isinstance(appearance, pikepdf.Stream):
                    fonts += _fonts(appearance.get("/Resources"), seen)
        not_embedded = sorted({name for name, font in fonts if not _embedded(font)})
        checks.add("fonts embedded", not not_embedded, ", ".join(not_embedded))
        part = str(meta.get("pdfaid:part", "") or "")
        conformance = str(meta.get("pdfaid:conformance", "") or "")
        checks.add(
            "PDF/A id",
            bool(part and conformance),
            f"PDF/A-{part}{conformance.lower()}" if part and conformance else "no pdfaid:part/conformance in the XMP",
        )
        attachments = []
        names = root.get("/Names", Dictionary())
        if "/EmbeddedFiles" in names:
            attachments.append("EmbeddedFiles name tree")
        if "/AF" in root:
            attachments.append("associated files (/AF)")
        for number, page in enumerate(pdf.pages, start=1):
            for annot in page.obj.get("/Annots", Array()):
                if annot.get("/Subtype") == Name.FileAttachment:
                    attachments.append(f"file attachment on page {number}")
        checks.add("no attachments", not attachments, ", ".join(attachments))
        missing_alt = _figures_without_alt(pdf)
        checks.add("alt text", missing_alt == 0, f"{missing_alt} figure(s) without /Alt" if missing_alt else "")
    content = pdf_content(inputs, path) if inputs is not None else read_pdf(path)
    detail = []
    if content.orphaned:
        pages = sorted({page for page, _ in content.orphaned})
        detail.append(f"{len(content.orphaned)} orphaned marked-content sequence(s) on page(s) {pages}")
    if content.untagged:
        first_page, text = content.untagged[0]
        detail.append(f"{len(content.untagged)} untagged text(s), first on page {first_page}: ‘{text[:40]}’")
    artifacts = sum(1 for c in content.chunks if c.role == "artifact")
    checks.add(
        "furniture as artifacts",
        tagged and not content.orphaned and not content.untagged,
        "; ".join(detail) if detail else f"{artifacts} artifact text(s)",
    )
    return checks


# ---------------------------------------------------------------- DOCX


def check_docx(path: Path, inputs: Inputs | None = None, title: str = "") -> FileChecks:
    """Conformance checks of one DOCX file."""
    from briefgen.checks.docxtext import read_docx
    from briefgen.checks.extract import docx_content

    checks = FileChecks("docx", path)
    content = docx_content(inputs, path) if inputs is not None else read_docx(path)
    previous: tuple[int, str] | None = None
    skipped = []
    for number, paragraph in enumerate(content.paragraphs, start=1):
        level = content.heading_level(paragraph.style)
        if level is None:
            continue
        if level == 0:
            previous = (0, paragraph.text)
            continue
        before = previous[0] if previous else 0
        if level > before + 1:
            after = f" after ‘{previous[1][:40]}’ (level {before})" if previous else " as the first heading"
            skipped.append(f"¶ {number} ‘{paragraph.text[:40]}’ is level {level}{after}")
        previous = (level, paragraph.text)
    checks.add("heading order", not skipped, "; ".join(skipped[:3]))
    languages = content.default_languages
    checks.add(
        "language",
        bool(languages) and all(lang.lower() == LANGUAGE.lower() for lang in languages),
        f"docDefaults w:lang is {languages}" if languages else "no w:lang in the docDefaults of styles.xml",
    )
    core = content.core
    problems = []
    if not core.get("title"):
        problems.append("no title")
    elif title and core["title"] != title:
        problems.append(f"title {core['title']!r} is not the manifest's {title!r}")
    if not core.get("creator") or core.get("creator") == PYTHON_DOCX_AUTHOR:
        problems.append(f"author is {core.get('creator')!r}")
    if core.get("lastModifiedBy") == PYTHON_DOCX_AUTHOR:
        problems.append("last modified by 'python-docx'")
    if not core.get("created") or core["created"].startswith(PYTHON_DOCX_CREATED):
        problems.append(f"created is {core.get('created')!r} (the python-docx default)")
    checks.add("core properties", not problems, "; ".join(problems))
    missing = [
        f"{image.part}: {image.name or 'image'}"
        for image in content.images
        if not image.descr.strip() and not image.decorative
    ]
    checks.add("alt text", not missing, ", ".join(missing[:3]))
    return checks


def check_html(path: Path, inputs: Inputs | None = None, title: str = "") -> FileChecks:
    """Accessibility checks of one web page (structure; the browser checks are in the tests)."""
    from briefgen.checks.htmlpage import page_problems

    checks = FileChecks("html", path)
    for name, problem in page_problems(path).items():
        checks.add(name, not problem, problem)
    return checks


# ---------------------------------------------------------------- the gate


def check_built(inputs: Inputs, doc: BuiltDocument) -> list[FileChecks]:
    """The checks of both files of one built document."""
    title = str(doc.entry.get("title", ""))
    done = []
    for fmt, checker in (("pdf", check_pdf), ("docx", check_docx), ("html", check_html)):
        path = doc.files.get(fmt)
        if path is None:
            continue
        if not path.is_file():
            checks = FileChecks(fmt, path)
            checks.add("exists", False, "listed in the manifest but missing")
            done.append(checks)
            continue
        try:
            done.append(checker(path, inputs, title))
        except Exception as error:  # a broken file is a finding, not a crash
            checks = FileChecks(fmt, path)
            checks.add("readable", False, f"{type(error).__name__}: {error}")
            done.append(checks)
    return done


def _freshness(result: GateResult, inputs: Inputs, built: list[BuiltDocument]) -> None:
    from briefgen.pipeline.output import sha256

    for doc in built:
        for item in doc.entry.get("files", []):
            path = doc.files.get(str(item.get("format")))
            if (
                path is not None
                and path.is_file()
                and item.get("sha256")
                and sha256(path.read_bytes()) != item["sha256"]
            ):
                result.warning(
                    "file changed since it was built (sha256 differs from the manifest)",
                    file=display_path(path),
                    document=doc.doc_id,
                )
    planned = {c.doc_id for c in inputs.composed}
    missing = sorted(planned - {doc.doc_id for doc in built})
    if missing:
        result.warning(
            f"{len(missing)} document(s) of a full build are not in the output folder: {', '.join(missing[:5])}"
            + (" …" if len(missing) > 5 else "")
            + "; run briefgen build",
            file=display_path(inputs.out_dir) if inputs.out_dir else "",
        )


def check(inputs: Inputs) -> GateResult:
    """Run the conformance gate on the output folder."""
    result = GateResult(NAME)
    if inputs.out_dir is None:
        result.skipped = "no output folder: run briefgen build, or pass --out DIR"
        return result
    built = inputs.built_documents()
    if not built:
        result.skipped = f"no built documents in {display_path(inputs.out_dir)}"
        return result
    if inputs.manifest is None:
        result.warning("no manifest.json: documents found by file name", file=display_path(inputs.out_dir))
    table = ReportTable("Conformance per document (worst first)", ["document", "PDF", "DOCX", "HTML", "failed checks"])
    rows = []
    for doc in built:
        files = check_built(inputs, doc)
        data = result.documents.setdefault(doc.doc_id, {"kind": doc.kind})
        conformance: dict[str, Any] = {}
        failed: list[str] = []
        status = {"pdf": "–", "docx": "–", "html": "–"}
        for checks in files:
            conformance[checks.fmt] = checks.as_dict()
            status[checks.fmt] = "ok" if not checks.failed else f"{len(checks.failed)} failed"
            for name in checks.failed:
                failed.append(f"{checks.fmt.upper()} {name}")
                result.error(f"{name}: {checks.results[name][1]}", file=display_path(checks.path), document=doc.doc_id)
        data["conformance"] = conformance
        rows.append(
            (len(failed), [doc.doc_id, status["pdf"], status["docx"], status["html"], ", ".join(failed) or "–"])
        )
    table.rows = [row for _, row in sorted(rows, key=lambda item: -item[0])]
    result.tables.append(table)
    _freshness(result, inputs, built)
    return result
