"""Status and approval: drafts never reach the press, and a concept says so on every page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from docx import Document as open_docx
from pypdf import PdfReader

from briefgen.cli import main

ROOT = Path(__file__).resolve().parents[1]
WONEN = "positions/03-wonen-mobiliteit.yaml"
APPROVED = "status: vastgesteld\napproved_by: algemeen-directeur\napproved_on: 2024-05-16\n"
LOCAL_APPROVED = "status: vastgesteld\napproved_by: burgemeester\napproved_on: 2024-06-04\n"


@pytest.fixture()
def work(tmp_path: Path) -> Path:
    for name in ("positions", "templates", "examples"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "briefgen.yaml", tmp_path / "briefgen.yaml")
    return tmp_path


def _edit(work: Path, name: str, old: str, new: str) -> int:
    """Replace ``old`` once; the 1-based line where ``new`` starts."""
    path = work / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def _build(work: Path, *args: str, profile: str = "briefgen.yaml") -> tuple[int, str]:
    argv = ["build", "--positions", str(work / "positions"), "--profile", str(work / profile)]
    argv += ["--templates", str(work / "templates"), "--out", str(work / "out"), "--date", "2026-11-27", "--jobs", "1"]
    result = CliRunner().invoke(main, [*argv, *args])
    return result.exit_code, result.output


def test_a_concept_theme_blocks_the_press_statement_and_the_letter(work: Path) -> None:
    line = _edit(work, WONEN, APPROVED, "status: concept\n")
    for kind, doc in (("press", "press/hoofdlijnenakkoord"), ("letter", "letter/wonen-mobiliteit")):
        code, output = _build(work, "--kind", kind)
        assert code == 1, output
        assert f"{work / WONEN}:{line}:9: status: is 'concept'" in output
        assert doc in output and "--concept" in output
        assert not (work / "out").exists()  # nothing written


def test_a_concept_topic_blocks_too_and_the_message_points_at_it(work: Path) -> None:
    line = _edit(work, WONEN, "  - id: mobiliteit\n", "  - id: mobiliteit\n    status: ter-review\n") + 1
    code, output = _build(work, "--kind", "letter", "--theme", "wonen-mobiliteit")
    assert code == 1
    assert f"{work / WONEN}:{line}:13: topics[2].status: is 'ter-review'" in output


def _pdf_pages(path: Path) -> list[str]:
    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_concept_builds_are_marked_on_every_page_and_never_published(work: Path) -> None:
    _edit(work, WONEN, APPROVED, "status: concept\n")
    code, output = _build(work, "--kind", "press", "--kind", "letter", "--theme", "wonen-mobiliteit", "--concept")
    assert code == 0, output
    out = work / "out-niet-openbaar"  # never in the public folder
    for doc_id in ("press/wonen-mobiliteit", "letter/wonen-mobiliteit"):
        pages = _pdf_pages(out / f"{doc_id}.pdf")
        assert pages and all("CONCEPT" in page for page in pages), doc_id
        pdf = PdfReader(str(out / f"{doc_id}.pdf"))
        assert str(pdf.metadata.title).startswith("Concept: ")
        document = open_docx(str(out / f"{doc_id}.docx"))
        assert document.core_properties.content_status == "concept"
        assert document.core_properties.title.startswith("Concept: ")
        for section in document.sections:  # the mark sits in the page furniture, editable in Word
            for footer in (section.footer, section.first_page_footer):
                assert any("CONCEPT" in p.text for p in footer.paragraphs) or any(
                    "CONCEPT" in cell.text for table in footer.tables for row in table.rows for cell in row.cells
                )
        assert not (out / f"{doc_id}.html").exists() and not (out / f"{doc_id}.diwoo.xml").exists()
        assert not list((work / "out").glob(f"{doc_id}.*"))
    assert not (work / "out" / "index.html").exists() and not (work / "out" / "sitemap.xml").exists()
    press = _pdf_pages(out / "press" / "wonen-mobiliteit.pdf")[0]
    assert "CONCEPT – niet voor publicatie" in press and "Voor directe publicatie" not in press
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert {d["id"]: d["status"] for d in manifest["documents"]} == {
        "press/wonen-mobiliteit": "concept",
        "letter/wonen-mobiliteit": "concept",
    }


def test_internal_briefings_may_carry_concepts_visibly_marked(work: Path) -> None:
    _edit(work, WONEN, APPROVED, "status: ter-review\n")
    code, output = _build(work, "--kind", "briefing", "--theme", "wonen-mobiliteit", "--format", "pdf")
    assert code == 0, output
    pages = _pdf_pages(work / "out-niet-openbaar" / "briefing" / "wonen-mobiliteit.pdf")
    assert all("CONCEPT" in page for page in pages)
    assert "Concept (ter review): Hoofdlijnenakkoord" in pages[0]


def test_vastgesteld_needs_an_approver(work: Path) -> None:
    line = _edit(work, WONEN, APPROVED, "status: vastgesteld\n")
    code, output = _build(work, "--kind", "press")
    assert code == 1
    assert f"{work / WONEN}:{line}:9: status: status vastgesteld needs approved_by (who) and approved_on" in output
    _edit(work, WONEN, "status: vastgesteld\n", "status: concept\napproved_by: algemeen-directeur\n")
    code, output = _build(work, "--kind", "press")
    assert f"{work / WONEN}:{line}:9: status: approved_by and approved_on belong to status vastgesteld" in output


def test_an_unknown_approver_and_an_unknown_status_are_located(work: Path) -> None:
    line = _edit(
        work,
        WONEN,
        APPROVED,
        "status: vastgesteld\napproved_by: wethouder\napproved_on: 2024-05-20\n",
    )
    code, output = _build(work, "--kind", "press")
    assert code == 1 and f"{work / WONEN}:{line + 1}:14: approved_by: unknown approver 'wethouder'" in output
    _edit(work, WONEN, "status: vastgesteld\napproved_by: wethouder\napproved_on: 2024-05-20\n", "status: klaar\n")
    code, output = _build(work, "--kind", "press")
    assert code == 1 and f"{work / WONEN}:{line}:9: status:" in output and "'klaar'" in output


def test_an_overlay_has_its_own_status(work: Path) -> None:
    local = "examples/lindehoven/_lokaal.yaml"
    line = _edit(work, local, "status: vastgesteld\napproved_by: burgemeester\napproved_on: 2024-06-04\n", "")
    code, output = _build(work, "--kind", "letter", "--theme", "financien-economie", profile="examples/lindehoven.yaml")
    assert code == 1 and f"{work / local}:" in output and "sets no status, so it is a concept" in output
    assert line > 0
    _edit(
        work,
        local,
        "kernboodschap: >-",
        "status: vastgesteld\napproved_by: niemand\napproved_on: 2024-06-04\nkernboodschap: >-",
    )
    code, output = _build(work, "--kind", "letter", "--theme", "financien-economie", profile="examples/lindehoven.yaml")
    assert code == 1 and "approved_by: unknown person 'niemand' of the profile" in output


def _statuses(work: Path) -> dict[str, str]:
    """Status per document id over the public and the non-public manifest."""
    found = {}
    for folder in ("out", "out-niet-openbaar"):
        path = work / folder / "manifest.json"
        if path.is_file():
            found.update({d["id"]: d["status"] for d in json.loads(path.read_text(encoding="utf-8"))["documents"]})
    return found


def test_a_theme_file_without_status_is_a_concept_and_every_refusal_is_named(work: Path) -> None:
    line = _edit(work, WONEN, APPROVED, "")
    code, output = _build(work, "--kind", "press", "--kind", "letter", "--format", "docx")
    assert code == 1, output
    refusals = [text for text in output.splitlines() if "sets no status, so it is a concept" in text]
    assert len(refusals) == 2, output  # the overall press statement and the letter, both named
    assert any("press/hoofdlijnenakkoord" in text for text in refusals)
    assert any("letter/wonen-mobiliteit" in text for text in refusals)
    assert all(text.startswith(f"{work / WONEN}:") for text in refusals)
    assert line > 1 and not (work / "out").exists()


def test_an_approval_after_the_document_date_is_refused_at_its_line(work: Path) -> None:
    line = _edit(work, WONEN, "approved_on: 2024-05-16\n", "approved_on: 2030-01-01\n")
    code, output = _build(work, "--kind", "letter", "--theme", "wonen-mobiliteit", "--format", "docx")
    assert code == 1, output
    where = f"{work / WONEN}:{line}:14: approved_on:"
    assert f"{where} approved on 2030-01-01, after the document date 2026-11-27" in output
    assert not (work / "out").exists()
    code, output = _build(work, "--kind", "briefing", "--theme", "wonen-mobiliteit", "--format", "docx")
    assert code == 1 and "approved on 2030-01-01" in output  # internal documents too: it is no approval yet
    code, output = _build(work, "--kind", "letter", "--theme", "energie-klimaat", "--format", "docx")
    assert code == 0, output  # a document that does not show the theme is not affected


def test_status_is_worked_out_per_document_from_the_topics_it_shows(work: Path) -> None:
    _edit(work, WONEN, "  - id: mobiliteit\n", "  - id: mobiliteit\n    status: ter-review\n")
    code, output = _build(work, "--kind", "memo", "--format", "docx")
    assert code == 0, output
    statuses = _statuses(work)
    assert statuses["memo/mobiliteit"] == "ter-review"  # covers the topic under review
    assert statuses["memo/financien"] == "intern"  # covers wonen of the same theme, not mobiliteit
    assert statuses["memo/wonen-ruimte"] == "intern"


def test_an_overlay_part_counts_only_for_the_documents_that_show_it(work: Path) -> None:
    local = "examples/lindehoven/_lokaal.yaml"
    _edit(work, local, LOCAL_APPROVED, "status: concept\n")
    profile = "examples/lindehoven.yaml"
    code, output = _build(work, "--kind", "letter", "--theme", "asiel-migratie", "--format", "docx", profile=profile)
    assert code == 0, output  # the overlay adds nothing to this theme
    code, output = _build(work, "--kind", "letter", "--theme", "wonen-mobiliteit", "--format", "docx", profile=profile)
    assert code == 1 and f"{work / local}:" in output and "is 'concept'" in output
    _edit(work, local, "status: concept\n", LOCAL_APPROVED)
    theme_file = "examples/lindehoven/03-wonen-mobiliteit.yaml"
    _edit(work, theme_file, LOCAL_APPROVED, "")
    code, output = _build(work, "--kind", "letter", "--theme", "wonen-mobiliteit", "--format", "docx", profile=profile)
    assert code == 1 and f"{work / theme_file}:" in output and "sets no status" in output
