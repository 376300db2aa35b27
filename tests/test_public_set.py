"""The output folder holds exactly the public set: what may not go out (an embargo, a concept)
goes to the non-public folder, and what is no longer published leaves the public folder, its
index and its sitemap."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from briefgen.cli import main
from briefgen.pipeline.output import build_lock

ROOT = Path(__file__).resolve().parents[1]
ENERGIE = "positions/05-energie-klimaat.yaml"
APPROVED = "status: vastgesteld\napproved_by: algemeen-directeur\napproved_on: 2024-05-16\n"
BASE_URL = "https://www.example.nl/woo/"


@pytest.fixture()
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("positions", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "briefgen.yaml", tmp_path / "briefgen.yaml")
    temp = tmp_path / "tmp"
    temp.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(temp))  # the system's temporary folder, for this test
    return tmp_path


def _build(work: Path, *args: str) -> str:
    argv = ["build", "--positions", str(work / "positions"), "--profile", str(work / "briefgen.yaml")]
    argv += ["--templates", str(work / "templates"), "--out", str(work / "out"), "--date", "2026-11-27", "--jobs", "1"]
    result = CliRunner().invoke(main, [*argv, *args])
    assert result.exit_code == 0, result.output
    return result.output


def _manifest(folder: Path) -> dict:
    return json.loads((folder / "manifest.json").read_text(encoding="utf-8"))


def _public_files(out: Path) -> set[str]:
    return {
        path.relative_to(out).as_posix()
        for path in out.rglob("*")
        if path.is_file() and path.relative_to(out).parts[0] != ".briefgen"
    }


def _assert_exactly_the_manifest(work: Path) -> None:
    """The public folder holds exactly the files its manifest lists; the same for the non-public one;
    and no lock is left anywhere."""
    out = work / "out"
    manifest = _manifest(out)
    listed = {"manifest.json", *(item["path"] for item in manifest["site"])}
    listed |= {item["path"] for entry in manifest["documents"] for item in entry["files"]}
    assert _public_files(out) == listed
    private = work / "out-niet-openbaar"
    if private.exists() and any(path.is_file() for path in private.rglob("*")):
        hidden = _manifest(private)
        listed = {"manifest.json", *(item["path"] for entry in hidden["documents"] for item in entry["files"])}
        assert {p.relative_to(private).as_posix() for p in private.rglob("*") if p.is_file()} == listed
        assert not {entry["id"] for entry in hidden["documents"]} & {entry["id"] for entry in manifest["documents"]}
    assert not (out / ".briefgen" / "lock").exists()
    assert not list((work / "tmp").glob("briefgen*"))  # no lock left in the temporary folder


def _withdrawn(work: Path, doc_id: str) -> None:
    """No file, index row or sitemap entry of ``doc_id`` in the public folder."""
    out = work / "out"
    assert not list(out.glob(f"{doc_id}.*"))
    for name in ("index.html", "sitemap.xml"):
        if (out / name).exists():
            assert doc_id not in (out / name).read_text(encoding="utf-8"), name
    assert doc_id not in {entry["id"] for entry in _manifest(out)["documents"]}


def test_a_public_press_statement_rebuilt_under_embargo_leaves_the_public_folder(work: Path) -> None:
    select = ("--kind", "press", "--kind", "letter", "--theme", "energie-klimaat", "--base-url", BASE_URL)
    _build(work, *select)
    out = work / "out"
    assert (out / "press" / "energie-klimaat.html").is_file() and (
        out / "press" / "energie-klimaat.diwoo.xml"
    ).is_file()
    assert "press/energie-klimaat.html" in (out / "sitemap.xml").read_text(encoding="utf-8")
    _assert_exactly_the_manifest(work)

    output = _build(work, *select, "--embargo", "2026-11-28 10:00")
    _withdrawn(work, "press/energie-klimaat")
    assert "letter/energie-klimaat.html" in (out / "sitemap.xml").read_text(encoding="utf-8")  # the rest stays
    assert (
        "no longer published, removed from" in output and "press/energie-klimaat (diwoo.xml, docx, html, pdf)" in output
    )
    private = work / "out-niet-openbaar"
    assert (private / "press" / "energie-klimaat.pdf").is_file() and (
        private / "press" / "energie-klimaat.docx"
    ).is_file()
    (entry,) = _manifest(private)["documents"]
    assert entry["id"] == "press/energie-klimaat" and entry["embargo"] == "2026-11-28 10:00"
    assert entry["status"] == "definitief"
    _assert_exactly_the_manifest(work)

    _build(work, *select)  # the embargo is lifted: public again, nothing left in the non-public folder
    assert (out / "press" / "energie-klimaat.html").is_file()
    assert not [path for path in private.rglob("*") if path.is_file()]
    _assert_exactly_the_manifest(work)


def test_a_public_letter_rebuilt_as_a_concept_leaves_the_public_folder(work: Path) -> None:
    select = ("--kind", "letter", "--theme", "energie-klimaat", "--base-url", BASE_URL)
    _build(work, *select)
    assert (work / "out" / "letter" / "energie-klimaat.pdf").is_file()
    path = work / ENERGIE
    path.write_text(path.read_text(encoding="utf-8").replace(APPROVED, "status: concept\n"), encoding="utf-8")

    output = _build(work, *select, "--concept")
    _withdrawn(work, "letter/energie-klimaat")
    assert not (work / "out" / "index.html").exists() and not (work / "out" / "sitemap.xml").exists()
    assert "letter/energie-klimaat: a concept, so it is written to" in output
    private = work / "out-niet-openbaar"
    assert (private / "letter" / "energie-klimaat.pdf").is_file()
    (entry,) = _manifest(private)["documents"]
    assert entry["status"] == "concept" and entry["title"].startswith("Concept: ") and entry["embargo"] is None
    _assert_exactly_the_manifest(work)


def test_a_format_no_longer_built_and_a_removed_theme_leave_the_public_folder(work: Path) -> None:
    _build(work, "--format", "docx", "--format", "html", "--format", "woo")
    out = work / "out"
    assert (out / "letter" / "internationaal-europa.html").is_file()
    (work / "positions" / "09-internationaal-europa.yaml").unlink()
    profile = work / "briefgen.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("    internationaal-europa: tk-eu\n", ""), "utf-8")
    output = _build(work, "--format", "docx", "--format", "html", "--format", "woo")
    _withdrawn(work, "letter/internationaal-europa")
    _withdrawn(work, "briefing/internationaal-europa")
    assert "letter/internationaal-europa" in output
    _assert_exactly_the_manifest(work)

    _build(work, "--format", "docx")
    assert not list(out.rglob("*.html")) and not list(out.rglob("*.diwoo.xml")) and not (out / "assets").exists()
    assert (out / "letter" / "energie-klimaat.docx").is_file()
    _assert_exactly_the_manifest(work)


def test_a_file_briefgen_did_not_make_is_named_not_removed(work: Path) -> None:
    (work / "out").mkdir()
    (work / "out" / "notities.txt").write_text("eigen aantekeningen", encoding="utf-8")
    output = _build(work, "--kind", "press", "--format", "docx")
    assert "also holds notities.txt: not made by briefgen and not in its manifest" in output
    assert (work / "out" / "notities.txt").is_file()


def test_the_lock_lives_in_the_output_folder_and_is_removed(work: Path) -> None:
    out = work / "fresh"
    with build_lock(out):
        assert (out / ".briefgen" / "lock").is_file()
        assert not list((work / "tmp").glob("*"))
    assert not out.exists()  # made only for the lock: removed with it
    _build(work, "--kind", "press", "--format", "docx")
    assert not (work / "out" / ".briefgen" / "lock").exists() and (work / "out" / ".briefgen" / "state.json").is_file()
    assert not list((work / "tmp").glob("briefgen*"))


def test_the_non_public_folder_may_not_lie_inside_the_output_folder(work: Path) -> None:
    argv = ["build", "--positions", str(work / "positions"), "--profile", str(work / "briefgen.yaml")]
    argv += ["--templates", str(work / "templates"), "--out", str(work / "out"), "--kind", "press"]
    result = CliRunner().invoke(main, [*argv, "--non-public", str(work / "out" / "intern")])
    assert result.exit_code == 2 and "must lie outside the output folder" in result.output
    elsewhere = work / "pers-onder-embargo"
    result = CliRunner().invoke(
        main, [*argv, "--format", "docx", "--non-public", str(elsewhere), "--embargo", "2026-11-28 10:00"]
    )
    assert result.exit_code == 0, result.output
    assert (elsewhere / "press" / "hoofdlijnenakkoord.docx").is_file() and (elsewhere / "manifest.json").is_file()


def test_the_help_names_every_format_and_whole_commands() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    assert "DOCX, PDF, web page and Woo metadata" in result.output
    commands = result.output.split("Commands:", 1)[1]
    assert "..." not in commands and all(name in commands for name in ("build", "check", "diff", "preview", "trace"))
    result = CliRunner().invoke(main, ["build", "--help"])
    assert "--non-public DIR" in result.output and "public set" in result.output
