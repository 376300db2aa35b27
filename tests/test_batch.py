"""``briefgen build --profiles DIR``: many organisations in one run, one index."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from briefgen.checks.docxtext import read_docx
from briefgen.cli import main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture()
def work(tmp_path: Path) -> Path:
    """Positions, templates and a profiles folder: the VNG, Lindehoven (with overlay) and a broken one."""
    shutil.copytree(ROOT / "positions", tmp_path / "positions")
    shutil.copytree(ROOT / "templates", tmp_path / "templates")
    profiles = tmp_path / "profielen"
    profiles.mkdir()
    shutil.copy(ROOT / "briefgen.yaml", profiles / "vng.yaml")
    shutil.copy(ROOT / "examples" / "lindehoven.yaml", profiles / "lindehoven.yaml")
    shutil.copytree(ROOT / "examples" / "lindehoven", profiles / "lindehoven")
    broken = (ROOT / "examples" / "lindehoven.yaml").read_text(encoding="utf-8")
    (profiles / "kapot.yaml").write_text(broken.replace("holder: burgemeester", "holder: niemand"), encoding="utf-8")
    return tmp_path


def _build(work: Path, *extra: str) -> tuple[int, str]:
    args = [
        "build",
        "--positions",
        str(work / "positions"),
        "--templates",
        str(work / "templates"),
        "--profiles",
        str(work / "profielen"),
        "--out",
        str(work / "out"),
        "--kind",
        "briefing",
        "--format",
        "docx",
        "--date",
        "2026-11-27",
        "--jobs",
        "1",
        *extra,
    ]
    result = CliRunner().invoke(main, args)
    return result.exit_code, result.output


def _docx_text(path: Path) -> str:
    """Body text (claim paragraphs are content controls, which python-docx's ``paragraph.text`` skips)."""
    return read_docx(path).text()


def test_a_broken_profile_is_reported_and_the_others_are_built(work: Path) -> None:
    code, output = _build(work)
    assert code == 1, output
    assert "2 of 3 organisations built, 1 failed" in output
    assert f"{work / 'profielen' / 'kapot.yaml'}:" in output and "unknown person 'niemand'" in output
    out = work / "out"
    assert not (out / "kapot").exists()
    index = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    status = {entry["id"]: entry["status"] for entry in index["organisations"]}
    assert status == {"kapot": "failed", "lindehoven": "built", "vng": "built"}
    for organisation in ("lindehoven", "vng"):
        manifest = json.loads((out / organisation / "manifest.json").read_text(encoding="utf-8"))
        ids = {document["id"] for document in manifest["documents"]}
        assert len(ids) == 11 and "briefing/hoofdlijnenakkoord" in ids
        for document in manifest["documents"]:
            for file in document["files"]:
                assert (out / organisation / file["path"]).is_file()
    lindehoven = _docx_text(out / "lindehoven" / "briefing" / "publieke-voorzieningen.docx")
    assert "Wat betekent dit voor Lindehoven?" in lindehoven
    assert "Wat betekent dit voor Lindehoven?" not in _docx_text(
        out / "vng" / "briefing" / "publieke-voorzieningen.docx"
    )


def test_a_shared_edit_reaches_every_organisation_and_overlays_stay(work: Path) -> None:
    (work / "profielen" / "kapot.yaml").unlink()
    code, output = _build(work)
    assert code == 0, output
    again_code, again = _build(work)
    assert again_code == 0 and "0 built, 22 reused" in again, again
    position = work / "positions" / "06-publieke-voorzieningen.yaml"
    text = position.read_text(encoding="utf-8")
    topics = yaml.safe_load(text)["topics"]
    kernboodschap = next(topic for topic in topics if topic["id"] == "jeugd")["kernboodschap"]["text"]
    old = " ".join(kernboodschap.split()[:4])  # the first words of the jeugd topic's kernboodschap
    assert text.count(old) == 1
    new = f"Bericht: {old}"
    position.write_text(text.replace(old, new), encoding="utf-8")
    code, output = _build(work)
    assert code == 0, output
    assert "lindehoven: 11 documents: 2 built, 9 reused" in output  # the theme's briefing and the overall one
    assert "vng: 11 documents: 2 built, 9 reused" in output
    for organisation in ("lindehoven", "vng"):
        briefing = _docx_text(work / "out" / organisation / "briefing" / "publieke-voorzieningen.docx")
        assert new in briefing
        overall = _docx_text(work / "out" / organisation / "briefing" / "hoofdlijnenakkoord.docx")
        assert new in overall
    local = _docx_text(work / "out" / "lindehoven" / "briefing" / "publieke-voorzieningen.docx")
    assert "Wat betekent dit voor Lindehoven?" in local and "Lindehoven gaf in 2025" in local


def test_an_overlay_edit_rebuilds_only_that_organisation(work: Path) -> None:
    (work / "profielen" / "kapot.yaml").unlink()
    assert _build(work)[0] == 0
    overlay = work / "profielen" / "lindehoven" / "10-financien-economie.yaml"
    overlay.write_text(
        overlay.read_text(encoding="utf-8").replace("Het college komt", "Het college doet"), encoding="utf-8"
    )
    code, output = _build(work)
    assert code == 0, output
    # the theme's briefing and the overall one (its DOCX records the positions and overlays it was built from)
    assert "lindehoven: 11 documents: 2 built, 9 reused" in output
    assert "vng: 11 documents: 0 built, 11 reused" in output
    briefing = _docx_text(work / "out" / "lindehoven" / "briefing" / "financien-economie.docx")
    assert "Het college doet" in briefing and "Het college komt" not in briefing


def test_profiles_and_profile_exclude_each_other(work: Path) -> None:
    code, output = _build(work, "--profile", str(work / "profielen" / "vng.yaml"))
    assert code == 2 and "--profile and --profiles exclude each other" in output


def test_the_top_index_links_every_organisation_with_web_pages(work: Path) -> None:
    code, output = _build(work, "--format", "html")
    assert code == 1, output  # kapot.yaml still fails
    page = (work / "out" / "index.html").read_text(encoding="utf-8")
    assert '<a href="lindehoven/index.html">Gemeente Lindehoven</a>' in page
    assert '<a href="vng/index.html">Vereniging van Nederlandse Gemeenten</a>' in page
    assert '<th scope="row">kapot</th><td>niet gebouwd</td>' in page
    stylesheet = page.split('<link rel="stylesheet" href="', 1)[1].split('"', 1)[0]
    assert (work / "out" / stylesheet).is_file()
    assert (work / "out" / "lindehoven" / "index.html").is_file()


def test_what_an_interrupted_batch_left_is_removed_and_said(work: Path) -> None:
    (work / "profielen" / "kapot.yaml").unlink()
    assert _build(work)[0] == 0
    left = work / "out" / "lindehoven" / "briefing" / ".hoofdlijnenakkoord.docx.briefgen-4242.tmp"
    left.write_bytes(b"half")  # as a build killed while writing leaves it
    code, output = _build(work)
    assert code == 0, output
    assert "lindehoven: removed 1 temporary file that an interrupted build had left" in output
    assert not left.exists()


def test_a_folder_whose_profile_was_removed_is_named_and_left_alone(work: Path) -> None:
    (work / "profielen" / "kapot.yaml").unlink()
    assert _build(work)[0] == 0
    (work / "profielen" / "lindehoven.yaml").unlink()
    code, output = _build(work)
    assert code == 0, output
    assert "no profile lindehoven.yaml in" in output and "builds this folder any more" in output
    assert (work / "out" / "lindehoven" / "manifest.json").is_file()  # nothing deleted behind the user's back
    index = json.loads((work / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert [entry["id"] for entry in index["organisations"]] == ["vng"]


GENERATED = 6
"""Generated organisations built in the test (the full set in DOCX and web files only, to stay
quick): enough for two with an overlay. The same run over 25 with every format is done by hand."""


def test_every_generated_organisation_builds_by_default(tmp_path: Path) -> None:
    import subprocess
    import sys

    profiles = tmp_path / "profielen"
    subprocess.run(
        [sys.executable, str(ROOT / "tools" / "synthetic_profiles.py"), str(GENERATED), str(profiles)], check=True
    )
    assert len(list(profiles.glob("*/_lokaal.yaml"))) == 2  # overlays too, each approved by its college
    args = ["build", "--positions", str(ROOT / "positions"), "--templates", str(ROOT / "templates")]
    args += ["--profiles", str(profiles), "--out", str(tmp_path / "out"), "--jobs", "1"]
    args += ["--format", "docx", "--format", "html", "--format", "woo"]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert f"{GENERATED} of {GENERATED} organisations built" in result.output
    index = json.loads((tmp_path / "out" / "manifest.json").read_text(encoding="utf-8"))
    assert [entry["status"] for entry in index["organisations"]] == ["built"] * GENERATED
    assert not (tmp_path / "out-niet-openbaar").exists()  # nothing of them is a concept
