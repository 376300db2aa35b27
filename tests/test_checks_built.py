"""Gates on built files: conformance of PDF and DOCX, DOCX/PDF parity, figures and source lists.

One small build (a briefing, a letter and a press statement about energy and climate) is made
once for this module; the bad cases are copies of its files, damaged in one way each.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import zipfile
from pathlib import Path

import pikepdf
import pytest

from briefgen.checks import conformance, figures, parity, provenance, run_checks
from briefgen.checks.base import Inputs

ROOT = Path(__file__).resolve().parents[1]
DATE = dt.date(2026, 11, 27)
THEME = "energie-klimaat"
DOCS = (f"briefing/{THEME}", f"letter/{THEME}", f"press/{THEME}")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with templates/ (reference.docx made if the house folder lacks it) and out/."""
    from briefgen.kinds.base import Options
    from briefgen.pipeline import BuildRequest, build
    from briefgen.pipeline.plan import Selection

    base = tmp_path_factory.mktemp("built")
    templates = base / "templates"
    shutil.copytree(ROOT / "templates", templates)
    reference = templates / "house" / "reference.docx"
    if not reference.is_file():
        from briefgen.writers.docx.build_reference import build_reference

        reference.write_bytes(build_reference(templates / "house" / "logo.png"))
    request = BuildRequest(
        positions=ROOT / "positions",
        profile=ROOT / "briefgen.yaml",
        templates=templates,
        out=base / "out",
        selection=Selection(kinds=("briefing", "letter", "press"), theme=THEME),
        options=Options(date=DATE),
        jobs=1,
    )
    report = build(request)
    assert sorted(report.built) == sorted(DOCS)
    return base


@pytest.fixture
def out(built: Path, tmp_path: Path) -> Path:
    """A private copy of the built output folder, to damage."""
    shutil.copytree(built / "out", tmp_path / "out")
    return tmp_path / "out"


def inputs(built: Path, out: Path, positions: Path = ROOT / "positions") -> Inputs:
    # the build was dated with --date: the check composes at that date (as `check` does for a checked build)
    return Inputs(positions, ROOT / "briefgen.yaml", built / "templates", out, DATE, date_given=True)


def rewrite_docx(path: Path, part: str, change) -> None:  # type: ignore[no-untyped-def]
    """Rewrite one part of a DOCX package with ``change(text) -> text``."""
    with zipfile.ZipFile(path) as source:
        items = [(info, source.read(info.filename)) for info in source.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in items:
            if info.filename == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            target.writestr(info, data)
    path.write_bytes(buffer.getvalue())


# ---------------------------------------------------------------- conformance


def test_fresh_build_conforms(built: Path) -> None:
    result = conformance.check(inputs(built, built / "out"))
    assert result.passed, [str(f) for f in result.errors]
    for doc_id in DOCS:
        checks = result.documents[doc_id]["conformance"]
        assert all(item["passed"] for item in checks["pdf"].values()), checks["pdf"]
        assert all(item["passed"] for item in checks["docx"].values()), checks["docx"]


def test_pdf_without_language_fails(built: Path, out: Path) -> None:
    path = out / "letter" / f"{THEME}.pdf"
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        del pdf.Root.Lang
        pdf.save(path)
    result = conformance.check(inputs(built, out))
    [finding] = result.errors
    assert finding.file.endswith(f"letter/{THEME}.pdf") and finding.document == f"letter/{THEME}"
    assert finding.message.startswith("language: no /Lang")


def test_pdf_title_attachment_and_tags(built: Path, out: Path) -> None:
    path = out / "press" / f"{THEME}.pdf"
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        pdf.Root.ViewerPreferences.DisplayDocTitle = False
        pdf.attachments["secret.txt"] = pikepdf.AttachedFileSpec(pdf, b"hidden")
        del pdf.Root.StructTreeRoot
        pdf.save(path)
    checks = conformance.check_pdf(path)
    assert {"title", "no attachments", "tagged", "furniture as artifacts"} <= set(checks.failed)
    assert "DisplayDocTitle" in checks.results["title"][1]


def test_pdf_with_orphaned_marked_content_fails(built: Path, out: Path) -> None:
    # unlink the letterhead from the structure tree: its text is still marked content, but no
    # structure element in the tree owns it (what WeasyPrint does with page margin boxes)
    path = out / "letter" / f"{THEME}.pdf"
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        root = pdf.Root.StructTreeRoot
        document = root.K[0] if isinstance(root.K, pikepdf.Array) else root.K
        del document.K[0]
        pdf.save(path)
    checks = conformance.check_pdf(path)
    assert checks.failed == ["furniture as artifacts"]
    assert "orphaned marked-content" in checks.results["furniture as artifacts"][1]


def test_docx_with_skipped_heading_level_fails(built: Path, out: Path) -> None:
    path = out / "briefing" / f"{THEME}.docx"
    rewrite_docx(path, "word/document.xml", lambda xml: xml.replace('w:val="Heading1"', 'w:val="Heading3"', 1))
    result = conformance.check(inputs(built, out))
    [finding] = result.errors
    assert finding.file.endswith(f"briefing/{THEME}.docx")
    assert finding.message.startswith("heading order:") and "is level 3" in finding.message


def test_docx_defaults_language_and_alt_text(built: Path, out: Path) -> None:
    path = out / "letter" / f"{THEME}.docx"
    rewrite_docx(
        path,
        "docProps/core.xml",
        lambda xml: re.sub(r"<dc:creator>[^<]*</dc:creator>", "<dc:creator>python-docx</dc:creator>", xml),
    )
    rewrite_docx(path, "word/styles.xml", lambda xml: xml.replace('w:val="nl-NL"', 'w:val="en-US"'))
    rewrite_docx(path, "word/header1.xml", lambda xml: re.sub(r'descr="[^"]*"', 'descr=""', xml))
    checks = conformance.check_docx(path)
    assert set(checks.failed) == {"core properties", "language", "alt text"}


# ---------------------------------------------------------------- parity


def test_parity_of_fresh_build(built: Path) -> None:
    """Hyphenation, page furniture, list labels and repeated table headers do not count."""
    for doc_id in DOCS:
        pdf, docx = (built / "out" / f"{doc_id}.{fmt}" for fmt in ("pdf", "docx"))
        result = parity.compare(pdf, docx)
        assert result.ok, f"{doc_id}: {result.diff()}"
        assert result.pdf_words > 100


def test_parity_names_a_changed_word(built: Path, out: Path) -> None:
    path = out / "briefing" / f"{THEME}.docx"
    rewrite_docx(path, "word/document.xml", lambda xml: xml.replace("Klimaatadaptatie", "Klimaatbeleid", 1))
    pdf = (out / "briefing" / f"{THEME}.pdf").read_bytes()
    result = parity.compare(pdf, path.read_bytes())
    assert not result.ok
    first = result.differences[0]
    assert first.kind == "differs" and "Klimaatadaptatie" in first.left and "Klimaatbeleid" in first.right
    assert first.left_where.startswith("p. ") and first.right_where.startswith("¶ ")
    with pytest.raises(AssertionError, match="Klimaatbeleid"):
        parity.assert_parity(pdf, path.read_bytes())
    gate = parity.check(inputs(built, out))
    assert {f.document for f in gate.errors} == {f"briefing/{THEME}"}
    # compared with the model, the DOCX writer is named: the PDF and the web page agree with it
    assert [(f.message.split(":")[0], Path(f.file).suffix) for f in gate.errors] == [("the DOCX writer", ".docx")]
    assert "model" in gate.errors[0].message and "Klimaatbeleid" in gate.errors[0].message
    details = gate.documents[f"briefing/{THEME}"]["parity"]
    assert details["compared_with"] == "model" and details["writer_differences"] == {"PDF": 0, "DOCX": 1, "web page": 0}


def test_parity_names_the_pdf_writer_for_a_word_only_the_pdf_lacks(built: Path, out: Path) -> None:
    path = out / "letter" / f"{THEME}.pdf"
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for page in pdf.pages:  # blank the last page's text: the PDF lacks the end of the letter
            page.Contents = pdf.make_stream(b"")
            break
        pdf.save(path)
    gate = parity.check(inputs(built, out))
    writers = {f.message.split(":")[0] for f in gate.errors if f.document == f"letter/{THEME}"}
    assert writers == {"the PDF writer"}


def test_files_built_from_other_inputs_are_compared_with_each_other(built: Path, project: Path) -> None:
    theme_file = project / "positions" / "05-energie-klimaat.yaml"
    text = theme_file.read_text(encoding="utf-8")
    changed = text.replace("Klimaatadaptatie", "Klimaatbestendigheid")
    assert changed != text
    theme_file.write_text(changed, encoding="utf-8")
    gate = parity.check(inputs(built, built / "out", project / "positions"))
    assert gate.passed, [str(f) for f in gate.errors]  # the files still agree with each other
    stale = {f.document for f in gate.warnings if "not with the model" in f.message}
    assert f"briefing/{THEME}" in stale
    assert gate.documents[f"briefing/{THEME}"]["parity"]["compared_with"] == "each other"


# ---------------------------------------------------------------- figures and sources in built files


def test_built_amounts_agree_when_fresh(built: Path) -> None:
    result = figures.check(inputs(built, built / "out"))
    assert result.passed, [str(f) for f in result.errors]
    assert result.documents[f"briefing/{THEME}"]["figures"]["amounts"] > 0


def test_stale_amounts_are_flagged(built: Path, project: Path) -> None:
    theme_file = project / "positions" / "05-energie-klimaat.yaml"
    text = theme_file.read_text(encoding="utf-8")
    theme_file.write_text(text.replace("value: 1.2\n", "value: 1.5\n", 1), encoding="utf-8")
    result = figures.check(inputs(built, built / "out", project / "positions"))
    stale = [f for f in result.errors if f.document == f"briefing/{THEME}"]
    assert any("differ from the current positions" in f.message and "€ 1,2 miljard" in f.message for f in stale)
    assert {Path(f.file).suffix for f in stale} == {".pdf", ".docx"}
    assert any("reads € 1,2 miljard here" in f.message for f in stale)


def test_built_source_lists(built: Path, out: Path) -> None:
    fresh = provenance.check(inputs(built, built / "out"))
    assert fresh.passed, [str(f) for f in fresh.errors]
    assert fresh.documents[f"letter/{THEME}"]["provenance"]["built_source_list"] == {"pdf": "ok", "docx": "ok"}
    path = out / "letter" / f"{THEME}.docx"
    rewrite_docx(path, "word/document.xml", lambda xml: xml.replace(">Bronnen<", ">Literatuur<"))
    result = provenance.check(inputs(built, out))
    [finding] = result.errors
    assert finding.file.endswith(f"letter/{THEME}.docx") and "no source list" in finding.message


def test_whole_report_on_fresh_build(built: Path) -> None:
    report = run_checks(
        ROOT / "positions",
        ROOT / "briefgen.yaml",
        built / "templates",
        built / "out",
        gates=["figures", "provenance", "conformance", "parity"],
        date=DATE,
    )
    assert report.passed, [str(f) for f in report.findings() if f.severity == "error"]
    data = report.as_dict()
    assert set(data["documents"][f"letter/{THEME}"]) >= {"conformance", "parity", "problems"}


def test_broken_file_is_a_finding_not_a_crash(built: Path, out: Path) -> None:
    (out / "letter" / f"{THEME}.pdf").write_bytes(b"%PDF-1.7\nnot really a pdf")
    report = run_checks(
        ROOT / "positions",
        ROOT / "briefgen.yaml",
        built / "templates",
        out,
        gates=["figures", "provenance", "conformance", "parity"],
        date=DATE,
    )
    failed = {gate.name for gate in report.failed}
    assert failed == {"figures", "provenance", "conformance", "parity"}
    for gate in report.failed:
        assert all(f.document == f"letter/{THEME}" for f in gate.errors), [str(f) for f in gate.errors]
        assert any(f.file.endswith(f"letter/{THEME}.pdf") or f"letter/{THEME}.pdf" in f.file for f in gate.errors)
