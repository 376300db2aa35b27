"""briefgen absorb: a reviewed DOCX back into the positions (round trip, edits, merge, reports)."""

from __future__ import annotations

import json
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from click.testing import CliRunner
from docx.oxml.ns import qn
from docx.text.run import Run

from briefgen.absorb import absorb
from briefgen.absorb.yamledit import find_scalar
from briefgen.checks.docxtext import read_docx
from briefgen.cli import main

ROOT = Path(__file__).resolve().parents[1]
SYSTEM_PYTHON = Path("/usr/bin/python3")
WONEN = "03-wonen-mobiliteit.yaml"
DATE = "2026-12-07"


def _copy_project(target: Path) -> Path:
    for name in ("positions", "templates", "examples", "sources"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "briefgen.yaml", target / "briefgen.yaml")
    return target


def _build(project: Path, out: str, profile: str = "briefgen.yaml", *extra: str) -> Path:
    args = [
        "build",
        "--positions", str(project / "positions"),
        "--profile", str(project / profile),
        "--templates", str(project / "templates"),
        "--out", str(project / out),
        "--date", DATE,
        "--jobs", "1",
        "--format", "docx",
        *extra,
    ]  # fmt: skip
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    return project / out


def _absorb(project: Path, *documents: Path, profile: str = "briefgen.yaml", **options: Any) -> Any:
    return absorb(
        list(documents),
        project / "positions",
        project / profile,
        project / "templates" / "kinds",
        **options,
    )


def _snapshot(*folders: Path) -> dict[Path, bytes]:
    return {path: path.read_bytes() for folder in folders for path in sorted(folder.rglob("*.yaml"))}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The shipped project built once (DOCX only), shared and never edited."""
    project = _copy_project(tmp_path_factory.mktemp("absorb-built"))
    _build(project, "out")
    _build(project, "out-lindehoven", "examples/lindehoven.yaml")
    return project


@pytest.fixture
def project(tmp_path: Path, built: Path) -> Path:
    """A fresh copy of the inputs with the built DOCX files beside them, to edit."""
    copy = _copy_project(tmp_path / "p")
    shutil.copytree(built / "out", copy / "out")
    return copy


# ---------------------------------------------------------------- round trip


def test_claim_paragraphs_are_hidden_content_controls_tagged_with_file_and_field(built: Path) -> None:
    document = docx.Document(str(built / "out" / "briefing" / "wonen-mobiliteit.docx"))
    tags = [tag.get(qn("w:val")) for tag in document.element.body.iter(qn("w:tag"))]
    assert f"{WONEN}#summary" in tags and f"{WONEN}#topics[0].akkoord[1]" in tags
    assert "_algemeen.yaml#vervolg" in tags
    sdt_pr = next(document.element.body.iter(qn("w:sdtPr")))
    names = [child.tag.rpartition("}")[2] for child in sdt_pr]
    assert names == ["tag", "id", "lock", "appearance"] and "placeholder" not in names
    headings = {
        "".join(t.text for t in p.iter(qn("w:t")))
        for p in document.element.body.iter(qn("w:p"))
        if not list(p.iter(qn("w:sdt")))
    }
    assert "Wat staat er in het akkoord?" in headings  # template text stays outside
    with zipfile.ZipFile(built / "out" / "briefing" / "wonen-mobiliteit.docx") as archive:
        custom = archive.read("docProps/custom.xml").decode()
    assert 'name="briefgen.positions"' in custom and 'name="briefgen.record.000"' in custom


@pytest.mark.parametrize("out, profile", [("out", "briefgen.yaml"), ("out-lindehoven", "examples/lindehoven.yaml")])
def test_an_unedited_docx_of_every_kind_changes_nothing(built: Path, tmp_path: Path, out: str, profile: str) -> None:
    project = _copy_project(tmp_path / "p")
    documents = sorted((built / out).rglob("*.docx"))
    assert {path.parent.name for path in documents} == {"briefing", "memo", "press", "letter"}
    before = _snapshot(project / "positions", project / "examples")
    report = _absorb(project, *documents, profile=profile)
    assert report.edits == [] and report.written == []
    assert [f for f in report.findings if f.kind != "comment"] == []
    assert _snapshot(project / "positions", project / "examples") == before


def test_overlay_claims_name_the_overlay_file(built: Path) -> None:
    document = docx.Document(str(built / "out-lindehoven" / "briefing" / "wonen-mobiliteit.docx"))
    tags = {tag.get(qn("w:val")) for tag in document.element.body.iter(qn("w:tag"))}
    assert "lindehoven/03-wonen-mobiliteit.yaml#kernboodschap" in tags


# ---------------------------------------------------------------- LibreOffice, tracked changes


LO_EDITS = [
    {"replace": ["extra geld voor het bouwen", "extra geld voor de bouw"]},
    {"replace": ["roept vragen op.", "roept vragen op. Gemeenten willen snel duidelijkheid."]},
    {"delete": ", en aan een vol stroomnet (netcongestie)"},
    {"paragraph_after": ["Wij houden u op de hoogte.", "Een alinea die de lezer zelf typte."]},
    {"replace": ["Wij houden u op de hoogte.", "Wij houden u graag op de hoogte."]},
]


def _libreoffice_edit(source: Path, target: Path, edits: list[dict[str, Any]], tmp_path: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice is not installed")
    check = subprocess.run([str(SYSTEM_PYTHON), "-c", "import uno"], capture_output=True, check=False)
    if not SYSTEM_PYTHON.is_file() or check.returncode != 0:
        pytest.skip("LibreOffice's Python bridge (python3-uno) is not installed")
    script = tmp_path / "edits.json"
    script.write_text(json.dumps(edits), encoding="utf-8")
    helper = Path(__file__).parent / "helpers" / "lo_edit.py"
    done = subprocess.run(
        [str(SYSTEM_PYTHON), str(helper), str(source), str(target), str(script)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == [next(iter(edit)) for edit in edits]


def _scalar_lines(text: str, field: tuple[str | int, ...]) -> range:
    node, _, _ = find_scalar(text, field)
    end = node.end_mark.line + (1 if node.end_mark.column else 0)
    return range(node.start_mark.line, max(end, node.start_mark.line + 1))


@pytest.fixture(scope="module")
def lo_edited(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("lo")
    target = folder / "wonen-mobiliteit-reviewed.docx"
    _libreoffice_edit(built / "out" / "briefing" / "wonen-mobiliteit.docx", target, LO_EDITS, folder)
    return target


def test_libreoffice_tracked_changes_change_exactly_the_edited_scalars(project: Path, lo_edited: Path) -> None:
    path = project / "positions" / WONEN
    old_text = path.read_text(encoding="utf-8")
    others = _snapshot(project / "positions")
    del others[path]
    report = _absorb(project, lo_edited)
    new_text = path.read_text(encoding="utf-8")
    fields = {
        ("summary",): "Het akkoord geeft extra geld voor de bouw van huizen,",
        ("topics", 0, "kernboodschap"): "roept vragen op. Gemeenten willen snel duidelijkheid.",
        ("topics", 1, "betekenis", 1): "Denk aan zoet water en drinkwater. Ook de natuur",
    }
    assert sorted(edit.field for edit in report.edits) == [
        "summary",
        "topics[0].kernboodschap",
        "topics[1].betekenis[1]",
    ]
    old, new = yaml.safe_load(old_text), yaml.safe_load(new_text)
    for field, words in fields.items():
        old_value, new_value = _get(old, field), _get(new, field)
        assert words in new_value and words not in old_value
        _set(old, field, new_value)
    assert old == new  # nothing else in the data changed
    allowed = set().union(*(_scalar_lines(old_text, f) for f in fields))
    old_lines, new_lines = old_text.split("\n"), new_text.split("\n")
    changed = [i for i, line in enumerate(old_lines) if i >= len(new_lines) or new_lines[i] != line]
    first, last = min(changed), max(allowed)
    assert first in allowed
    assert old_lines[last + 1 :] and old_lines[-20:] == new_lines[-20:]  # the rest of the file as it was
    assert _snapshot(project / "positions") == {**others, path: new_text.encode("utf-8")}
    assert report.written == [str(path)] or report.written[0].endswith(WONEN)
    assert all(len(line) <= 100 for line in new_lines if line not in old_lines)  # wrapped as the file is


def _get(data: Any, field: tuple[str | int, ...]) -> Any:
    for part in field:
        data = data[part]
    return data["text"] if isinstance(data, dict) else data


def _set(data: Any, field: tuple[str | int, ...], value: Any) -> None:
    for part in field[:-1]:
        data = data[part]
    if isinstance(data[field[-1]], dict):
        data[field[-1]]["text"] = value
    else:
        data[field[-1]] = value


def test_libreoffice_edits_outside_claims_are_reported_with_template_file_and_line(
    project: Path, lo_edited: Path
) -> None:
    report = _absorb(project, lo_edited, dry_run=True)
    outside = [f for f in report.findings if f.kind == "outside"]
    template = project / "templates" / "kinds" / "briefing.html.j2"
    line = 1 + template.read_text(encoding="utf-8").split("\n").index(
        "<p>{{ ctx.text(ctx.positions.general.vervolg) }} Wij houden u op de hoogte.</p>"
    )
    changed = [f for f in outside if "Wij houden u graag op de hoogte." in f.message]
    assert len(changed) == 1 and changed[0].file.endswith("templates/kinds/briefing.html.j2")
    assert changed[0].line == line
    typed = [f for f in outside if "Een alinea die de lezer zelf typte." in f.message]
    assert len(typed) == 1 and "typed outside any claim" in typed[0].message
    assert not any(edit.field == "vervolg" for edit in report.edits)  # the claim beside it is unchanged


def test_rejecting_pending_changes_absorbs_nothing(project: Path, lo_edited: Path) -> None:
    before = _snapshot(project / "positions")
    report = _absorb(project, lo_edited, pending="reject")
    assert report.edits == [] and _snapshot(project / "positions") == before


def test_the_next_build_carries_the_absorbed_text(project: Path, lo_edited: Path) -> None:
    _absorb(project, lo_edited)
    out = _build(
        project, "out2", "briefgen.yaml", "--kind", "briefing", "--theme", "wonen-mobiliteit", "--format", "pdf"
    )
    built = read_docx(out / "briefing" / "wonen-mobiliteit.docx").text()
    assert "extra geld voor de bouw van huizen" in built and "Gemeenten willen snel duidelijkheid." in built
    from pypdf import PdfReader

    pdf = PdfReader(str(out / "briefing" / "wonen-mobiliteit.pdf"))
    text = " ".join(" ".join(page.extract_text() for page in pdf.pages).split())
    assert "extra geld voor de bouw van huizen" in text and "Denk aan zoet water en drinkwater." in text


# ---------------------------------------------------------------- python-docx edits


def _claim_runs(document: Any, tag: str) -> list[Any]:
    for sdt in document.element.body.iter(qn("w:sdt")):
        found = sdt.find(f"{qn('w:sdtPr')}/{qn('w:tag')}")
        if found is not None and found.get(qn("w:val")) == tag:
            return list(sdt.iter(qn("w:r")))
    raise AssertionError(f"no content control {tag}")


def _replace_in_claim(document: Any, tag: str, old: str, new: str) -> None:
    for run in _claim_runs(document, tag):
        for t in run.iter(qn("w:t")):
            if old in (t.text or ""):
                t.text = t.text.replace(old, new)
                return
    raise AssertionError(f"{old!r} not in {tag}")


def _edit_with_python_docx(source: Path, target: Path) -> None:
    document = docx.Document(str(source))
    _replace_in_claim(document, f"{WONEN}#topics[0].akkoord[0]", "een topprioriteit", "een hoge prioriteit")
    runs = _claim_runs(document, f"{WONEN}#topics[2].akkoord[1]")
    paragraph = document.paragraphs[0]
    document.add_comment([Run(runs[0], paragraph)], text="Klopt deze datum?", author="Wethouder")
    document.add_paragraph("Deze alinea typte de secretaris erbij.")
    document.save(str(target))


def test_python_docx_edit_comment_and_typed_paragraph(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "reviewed.docx"
    _edit_with_python_docx(project / "out" / "briefing" / "wonen-mobiliteit.docx", target)
    report = _absorb(project, target)
    assert [(edit.field, edit.action) for edit in report.edits] == [("topics[0].akkoord[0]", "change")]
    assert "een hoge prioriteit." in report.edits[0].after
    comments = [f for f in report.findings if f.kind == "comment"]
    assert len(comments) == 1 and "Wethouder" in comments[0].message and "Klopt deze datum?" in comments[0].message
    assert f"{WONEN}#topics[2].akkoord[1]" in comments[0].message
    typed = [f for f in report.findings if f.kind == "outside"]
    assert len(typed) == 1 and "Deze alinea typte de secretaris erbij." in typed[0].message
    assert "een hoge prioriteit" in (project / "positions" / WONEN).read_text(encoding="utf-8")


def test_a_changed_amount_in_a_text_is_refused(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "reviewed.docx"
    document = docx.Document(str(project / "out" / "briefing" / "wonen-mobiliteit.docx"))
    _replace_in_claim(document, f"{WONEN}#topics[0].akkoord[1]", "1\u00a0miljard", "2\u00a0miljard")
    document.save(str(target))
    before = _snapshot(project / "positions")
    report = _absorb(project, target)
    figure = [f for f in report.findings if f.kind == "figure"]
    assert len(figure) == 1 and "figure" in figure[0].message and report.gate_failed
    assert _snapshot(project / "positions") == before


# ---------------------------------------------------------------- three-way merge


def _edit_yaml(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_concurrent_yaml_edit_to_another_claim_merges(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "reviewed.docx"
    document = docx.Document(str(project / "out" / "briefing" / "wonen-mobiliteit.docx"))
    _replace_in_claim(document, f"{WONEN}#topics[0].akkoord[0]", "een topprioriteit", "een hoge prioriteit")
    document.save(str(target))
    path = project / "positions" / WONEN
    _edit_yaml(
        path, "geen zware regels om het geld aan te vragen", "geen ingewikkelde regels om het geld aan te vragen"
    )
    report = _absorb(project, target)
    assert report.merged and [edit.field for edit in report.edits] == ["topics[0].akkoord[0]"]
    text = path.read_text(encoding="utf-8")
    assert "een hoge prioriteit" in text and "geen ingewikkelde regels" in text


def test_a_concurrent_yaml_edit_to_the_same_claim_is_a_located_conflict(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "reviewed.docx"
    document = docx.Document(str(project / "out" / "briefing" / "wonen-mobiliteit.docx"))
    _replace_in_claim(document, f"{WONEN}#topics[0].akkoord[0]", "een topprioriteit", "een hoge prioriteit")
    _replace_in_claim(document, f"{WONEN}#summary", "extra geld voor het bouwen", "extra geld voor de bouw")
    document.save(str(target))
    path = project / "positions" / WONEN
    _edit_yaml(
        path,
        "voor het kabinet een topprioriteit. Het akkoord",
        "voor het kabinet de allerhoogste prioriteit. Het akkoord",
    )
    before = path.read_bytes()
    report = _absorb(project, target)
    conflicts = [f for f in report.conflicts if f.field]
    assert [f.field for f in conflicts] == ["topics[0].akkoord[0]"]
    line = (
        before.decode()
        .split("\n")
        .index(next(x for x in before.decode().split("\n") if "allerhoogste prioriteit" in x))
    )
    assert conflicts[0].line <= line + 1 and conflicts[0].file.endswith(WONEN)
    assert path.read_bytes() == before  # nothing of that file is written, not even the summary
    assert report.gate_failed


# ---------------------------------------------------------------- deleted claims, command line


def test_a_deleted_claim_paragraph_is_reported_and_kept_unless_allowed(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "reviewed.docx"
    document = docx.Document(str(project / "out" / "briefing" / "wonen-mobiliteit.docx"))
    runs = _claim_runs(document, f"{WONEN}#topics[1].betekenis[1]")
    paragraph = runs[0].getparent().getparent().getparent()
    paragraph.getparent().remove(paragraph)
    document.save(str(target))
    path = project / "positions" / WONEN
    before = path.read_bytes()
    report = _absorb(project, target)
    deleted = [f for f in report.findings if f.kind == "deleted"]
    assert [f.field for f in deleted] == ["topics[1].betekenis[1]"] and path.read_bytes() == before
    report = _absorb(project, target, allow_delete=True)
    assert [(e.field, e.action) for e in report.edits] == [("topics[1].betekenis[1]", "delete")]
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert len(data["topics"][1]["betekenis"]) == len(yaml.safe_load(before)["topics"][1]["betekenis"]) - 1


def test_command_dry_run_json_and_exit_codes(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "reviewed.docx"
    _edit_with_python_docx(project / "out" / "briefing" / "wonen-mobiliteit.docx", target)
    path = project / "positions" / WONEN
    before = path.read_bytes()
    common = ["--positions", str(project / "positions"), "--profile", str(project / "briefgen.yaml")]
    common += ["--templates", str(project / "templates" / "kinds")]
    result = CliRunner().invoke(main, ["absorb", str(target), *common, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert f"{WONEN}:" in result.output and "would change" in result.output and "een hoge prioriteit" in result.output
    assert path.read_bytes() == before
    result = CliRunner().invoke(main, ["absorb", str(target), *common, "--json", "--dry-run"])
    data = json.loads(result.output)
    assert data["edits"][0]["field"] == "topics[0].akkoord[0]" and data["passed"] is True
    result = CliRunner().invoke(main, ["absorb", str(tmp_path / "missing.docx"), *common])
    assert result.exit_code == 2
    plain = tmp_path / "plain.docx"
    docx.Document().save(str(plain))
    result = CliRunner().invoke(main, ["absorb", str(plain), *common])
    assert result.exit_code == 1 and "no record of its claims" in result.output + (result.stderr or "")
    assert "Traceback" not in result.output


# ---------------------------------------------------------------- the check follows


def test_the_check_names_a_changed_claim_that_lost_its_hedge_and_fails_the_gate(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "reviewed.docx"
    document = docx.Document(str(project / "out" / "briefing" / "wonen-mobiliteit.docx"))
    _replace_in_claim(
        document,
        f"{WONEN}#findings[0]",
        "Daardoor kunnen de plannen voor de fysieke leefomgeving met elkaar botsen.",
        "Daardoor botsen de plannen voor de fysieke leefomgeving met elkaar.",
    )
    document.save(str(target))
    report = _absorb(project, target)
    hedges = [f for f in report.findings if f.kind == "check"]
    assert hedges and {f.field.partition(".")[0] for f in hedges} == {"findings[0]"}
    assert any("botsen" in f.message for f in hedges)
    assert all(f.severity == "warning" for f in hedges) and not report.gate_failed
    profile = project / "briefgen.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("gates:\n", "gates:\n  hedges: error\n"), "utf-8")
    path = project / "positions" / WONEN
    _edit_yaml(path, "Daardoor botsen de plannen", "Daardoor kunnen de plannen")  # back as built
    _edit_yaml(path, "leefomgeving met elkaar.", "leefomgeving met elkaar botsen.")
    args = ["absorb", str(target), "--positions", str(project / "positions"), "--profile", str(profile)]
    result = CliRunner().invoke(main, [*args, "--templates", str(project / "templates" / "kinds")])
    assert result.exit_code == 1, result.output
    assert "findings[0]" in result.output and "the check failed" in result.output
    assert "Daardoor botsen de plannen" in path.read_text(encoding="utf-8")  # written all the same


# ---------------------------------------------------------------- more than one text per paragraph, overlay, headings


def test_an_ask_and_its_why_in_one_list_item_are_two_fields(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "reviewed.docx"
    document = docx.Document(str(project / "out" / "letter" / "wonen-mobiliteit.docx"))
    tag = f"{WONEN}#topics[0].asks[0].ask {WONEN}#topics[0].asks[0].why"
    _replace_in_claim(document, tag, "Besteed het geld", "Besteed al het geld")
    _replace_in_claim(document, tag, "mogelijk te maken.", "mogelijk te maken, juist nu.")
    document.save(str(target))
    ask = yaml.safe_load((project / "positions" / WONEN).read_text(encoding="utf-8"))["topics"][0]["asks"][0]
    report = _absorb(project, target)
    assert {edit.field: edit.after for edit in report.edits} == {
        "topics[0].asks[0].ask": ask["ask"].replace("Besteed het geld", "Besteed al het geld"),
        "topics[0].asks[0].why": ask["why"].replace("mogelijk te maken.", "mogelijk te maken, juist nu."),
    }


def test_an_overlay_claim_is_written_to_the_overlay_file(built: Path, tmp_path: Path) -> None:
    project = _copy_project(tmp_path / "p")
    target = tmp_path / "reviewed.docx"
    document = docx.Document(str(built / "out-lindehoven" / "briefing" / "wonen-mobiliteit.docx"))
    _replace_in_claim(document, f"lindehoven/{WONEN}#kernboodschap", "zekerheid", "snel zekerheid")
    document.save(str(target))
    shared = _snapshot(project / "positions")
    report = _absorb(project, target, profile="examples/lindehoven.yaml")
    assert [edit.field for edit in report.edits] == ["kernboodschap"]
    assert report.edits[0].file.endswith(f"lindehoven/{WONEN}")
    assert "snel zekerheid" in (project / "examples" / "lindehoven" / WONEN).read_text(encoding="utf-8")
    assert _snapshot(project / "positions") == shared


def test_an_edited_heading_is_named_with_the_field_it_comes_from(project: Path, tmp_path: Path) -> None:
    target = tmp_path / "reviewed.docx"
    document = docx.Document(str(project / "out" / "briefing" / "wonen-mobiliteit.docx"))
    heading = next(p for p in document.paragraphs if p.text == "Ruimtelijke ordening")
    next(heading._p.iter(qn("w:t"))).text = "Ruimtelijke ordening en ruimte"
    document.save(str(target))
    report = _absorb(project, target)
    outside = [f for f in report.findings if f.kind == "outside"]
    assert len(outside) == 1 and outside[0].file.endswith(WONEN) and outside[0].field == "topics[1].title"
    assert report.edits == [] and not report.gate_failed
