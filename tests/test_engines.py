"""Both PDF engines (WeasyPrint, Typst) build the full default set and pass every gate on it.

The full set is built once per engine for this module (both in about 20 s of CPU on 2 cores);
each engine is then held to the same gates: figures, provenance, readability, conformance and
parity with the model, an independent PDF/UA checker, and the same bytes when a document is
rendered again.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pikepdf
import pytest
import yaml
from click.testing import CliRunner

from briefgen.checks import run_checks
from briefgen.cli import main
from briefgen.options import PDF_ENGINES, Options
from briefgen.pipeline import BuildRequest, build
from briefgen.pipeline.compose import compose_all
from briefgen.pipeline.plan import Selection
from briefgen.pipeline.render import Renderer
from briefgen.writers.pdf.structure import in_reading_order

ROOT = Path(__file__).resolve().parents[1]
DATE = dt.date(2026, 11, 27)
GATES = ["figures", "provenance", "readability", "conformance", "parity"]
PRODUCER = {"weasyprint": "WeasyPrint ", "typst": "Typst "}
EVERYTHING = Selection()


def _request(out: Path, engine: str | None, selection: Selection = EVERYTHING, **changes: object) -> BuildRequest:
    return BuildRequest(
        positions=ROOT / "positions",
        profile=changes.pop("profile", ROOT / "briefgen.yaml"),  # type: ignore[arg-type]
        templates=ROOT / "templates",
        out=out,
        selection=selection,
        options=Options(date=DATE),
        jobs=2,
        pdf_engine=engine,
        **changes,  # type: ignore[arg-type]
    )


def _inputs() -> list[str]:
    return ["--positions", str(ROOT / "positions"), "--templates", str(ROOT / "templates")]


def _producer(path: Path) -> str:
    with pikepdf.open(path) as pdf:
        return str(pdf.docinfo.Producer)


@pytest.fixture(scope="module", params=PDF_ENGINES)
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Path]:
    engine = str(request.param)
    out = tmp_path_factory.mktemp(f"out-{engine}")
    report = build(_request(out, engine))
    assert report.total == 35 and len(report.built) == 35
    return engine, out


def test_every_gate_passes(built: tuple[str, Path]) -> None:
    engine, out = built
    report = run_checks(ROOT / "positions", ROOT / "briefgen.yaml", ROOT / "templates", out, GATES, DATE)
    assert [gate.name for gate in report.gates] == GATES
    rendered = {gate.name: gate for gate in report.gates if gate.name in ("figures", "conformance", "parity")}
    assert all(gate.passed for gate in rendered.values()), [str(f) for gate in rendered.values() for f in gate.errors]
    # the other gates judge the content (the same for both engines); nothing of a PDF may fail them
    pdf_findings = [str(f) for f in report.findings() if f.file.endswith(".pdf") and f.severity == "error"]
    assert not pdf_findings, pdf_findings
    hyphens = [str(f) for f in report.findings() if f.file.endswith(".pdf") and "hyphenated line ends" in f.message]
    assert not hyphens, hyphens
    pdfs = sorted(out.glob("*/*.pdf"))
    assert len(pdfs) == 35 and all(_producer(path).startswith(PRODUCER[engine]) for path in pdfs)


def test_independent_checker_finds_no_errors(built: tuple[str, Path]) -> None:
    _, out = built
    tool = shutil.which("outloud", path=str(Path(sys.executable).parent)) or shutil.which("outloud")
    if tool is None:
        pytest.skip("outloud is not installed (pip install '.[test]')")
    pdfs = sorted(map(str, out.glob("*/*.pdf")))
    result = subprocess.run([tool, "--quiet", "--fail-on", "error", *pdfs], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(" 0 error(s)") == len(pdfs)


def test_every_letter_starts_with_an_h1(built: tuple[str, Path]) -> None:
    _, out = built
    letters = sorted(out.glob("letter/*.pdf"))
    assert len(letters) == 10
    for path in letters:
        with pikepdf.open(path) as pdf:
            tags = [str(e.S) for e in in_reading_order(pdf.Root.StructTreeRoot)]
        headings = [tag for tag in tags if tag in ("/H1", "/H2", "/H3", "/H4", "/H5", "/H6")]
        assert headings and headings[0] == "/H1", (path.name, headings)


@pytest.mark.parametrize("doc_id", ["briefing/hoofdlijnenakkoord", "memo/financien", "press/hoofdlijnenakkoord"])
def test_same_bytes_when_rendered_again(built: tuple[str, Path], doc_id: str) -> None:
    engine, out = built
    composed = {item.doc_id: item.document for item in compose_all(_request(out, engine))}
    again = Renderer(ROOT / "templates" / "house", engine).pdf.render(composed[doc_id]).data
    assert again == (out / f"{doc_id}.pdf").read_bytes()


# ---------------------------------------------------------------- choosing the engine


def test_the_profile_chooses_the_engine_and_the_option_overrides_it(tmp_path: Path) -> None:
    data = yaml.safe_load((ROOT / "briefgen.yaml").read_text(encoding="utf-8"))
    data["pdf"] = {"engine": "typst"}
    profile = tmp_path / "profiel.yaml"
    profile.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    press = Selection(kinds=("press",), formats=("pdf",))
    build(_request(tmp_path / "out", None, press, profile=profile))
    pdf = tmp_path / "out" / "press" / "hoofdlijnenakkoord.pdf"
    assert _producer(pdf).startswith("Typst ")
    report = build(_request(tmp_path / "out", "weasyprint", press, profile=profile))
    assert report.built == ["press/hoofdlijnenakkoord"]  # another engine: not reused
    assert _producer(pdf).startswith("WeasyPrint ")
    assert build(_request(tmp_path / "out", "weasyprint", press, profile=profile)).noop


def test_unknown_engine_in_the_profile_names_file_and_field(tmp_path: Path) -> None:
    text = (ROOT / "briefgen.yaml").read_text(encoding="utf-8") + "\npdf:\n  engine: latex\n"
    profile = tmp_path / "profiel.yaml"
    profile.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(main, ["build", *_inputs(), "--profile", str(profile), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    line = len(text.splitlines())
    assert f"profiel.yaml:{line}:" in result.output and "pdf.engine" in result.output
    assert not (tmp_path / "out" / "press").exists()


def test_command_line_option(tmp_path: Path) -> None:
    out = tmp_path / "out"
    args = ["build", *_inputs(), "--profile", str(ROOT / "briefgen.yaml"), "--kind", "press", "--format", "pdf"]
    args += ["--out", str(out), "--date", DATE.isoformat(), "-j", "1"]
    result = CliRunner().invoke(main, [*args, "--pdf-engine", "typst"])
    assert result.exit_code == 0, result.output
    assert _producer(out / "press" / "hoofdlijnenakkoord.pdf").startswith("Typst ")
    wrong = CliRunner().invoke(main, [*args, "--pdf-engine", "latex"])
    assert wrong.exit_code == 2 and "latex" in wrong.output
