"""``build --changes-since REV``: a wijzigingsoverzicht per changed theme, with real tracked changes."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from lxml import etree
from pypdf import PdfReader

from briefgen.cli import main

sys.path.insert(0, str(Path(__file__).parent))
from test_diff import edit

ROOT = Path(__file__).resolve().parents[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
SYSTEM_PYTHON = Path("/usr/bin/python3")


def _reworded_paragraph() -> str:
    """The jeugd paragraph that ``edit`` rewords, as it reads after the edit."""
    topics = yaml.safe_load((ROOT / "positions" / "06-publieke-voorzieningen.yaml").read_text(encoding="utf-8"))[
        "topics"
    ]
    akkoord = next(topic for topic in topics if topic["id"] == "jeugd")["akkoord"]
    text = next(" ".join(item["text"].split()) for item in akkoord if "drie punten." in item["text"])
    return text.replace("drie punten.", "drie zaken.")


NEW_TEXT = _reworded_paragraph()


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@example.org", *args], check=True)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path_factory.mktemp("repo")
    for name in ("positions", "templates"):
        shutil.copytree(ROOT / name, repo / name)
    shutil.copy(ROOT / "briefgen.yaml", repo / "briefgen.yaml")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "before")
    edit(repo / "positions")
    args = ["build", "--positions", str(repo / "positions"), "--profile", str(repo / "briefgen.yaml")]
    args += ["--templates", str(repo / "templates"), "--out", str(repo / "out"), "--date", "2026-11-27"]
    args += ["--kind", "changes", "--changes-since", "HEAD", "--jobs", "1"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return repo / "out"


def test_one_change_document_per_changed_theme(built: Path) -> None:
    names = sorted(path.name for path in (built / "changes").iterdir())
    themes = {name.split(".")[0] for name in names}
    assert themes == {"wonen-mobiliteit", "publieke-voorzieningen", "financien-economie"}
    assert "publieke-voorzieningen.docx" in names and "publieke-voorzieningen.pdf" in names


def _accept_all(docx: Path) -> list[str]:
    """Paragraph texts after "Accept all": deletions dropped, insertions kept."""
    with zipfile.ZipFile(docx) as archive:
        root = etree.fromstring(archive.read("word/document.xml"))
    for deleted in root.iter(f"{W}del"):
        deleted.getparent().remove(deleted)
    return ["".join(t.text or "" for t in p.iter(f"{W}t")) for p in root.iter(f"{W}p")]


def test_the_docx_has_tracked_changes_and_accepting_them_gives_the_new_text(built: Path) -> None:
    docx = built / "changes" / "publieke-voorzieningen.docx"
    with zipfile.ZipFile(docx) as archive:
        xml = archive.read("word/document.xml").decode()
    assert re.search(r'<w:del w:id="\d+" w:author="[^"]+" w:date="2026-11-27T00:00:00Z">', xml)
    assert "<w:delText" in xml and "<w:ins " in xml
    paragraphs = _accept_all(docx)
    assert f"Wat staat er in het akkoord: {NEW_TEXT}" in paragraphs
    assert not any("drie punten" in p for p in paragraphs)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_accepting_all_changes_gives_exactly_the_new_text(built: Path) -> None:
    check = subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True, check=False)
    if not SYSTEM_PYTHON.is_file() or check.returncode != 0:
        pytest.skip("LibreOffice's Python bridge (python3-uno) is not installed")
    helper = Path(__file__).parent / "helpers" / "lo_accept_all.py"
    docx = built / "changes" / "publieke-voorzieningen.docx"
    done = subprocess.run([str(SYSTEM_PYTHON), str(helper), str(docx)], capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert f"Wat staat er in het akkoord: {NEW_TEXT}" in lines
    assert "drie punten" not in done.stdout and "€ 511 miljoen" not in done.stdout


def test_pdf_and_web_page_show_deletions_and_insertions(built: Path) -> None:
    pdf = PdfReader(str(built / "changes" / "publieke-voorzieningen.pdf"))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())  # no-break spaces too
    assert "drie punten. zaken." in text  # both: the deletion and the insertion
    assert "Gewijzigde standpunten en cijfers" in text and "€ 511 miljoen → € 520 miljoen" in text
    html = (built / "changes" / "publieke-voorzieningen.html").read_text(encoding="utf-8")
    assert "<del>punten. </del><ins>zaken. </ins>" in html


def test_no_change_documents_without_changes_since(tmp_path: Path) -> None:
    args = ["build", "--out", str(tmp_path / "out"), "--kind", "changes", "--date", "2026-11-27"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0 and "0 documents" in result.output
