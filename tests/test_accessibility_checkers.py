"""Independent PDF/UA checkers (test-only dependencies) find no errors in what briefgen makes."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from briefgen.kinds.base import Options
from briefgen.pipeline import BuildRequest
from briefgen.pipeline.compose import compose_all
from briefgen.pipeline.plan import Selection
from briefgen.writers.pdf import PdfWriter
from model_sample import sample_document

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    found = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (pip install '.[test]')")
    return found


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("pdf")
    writer = PdfWriter(ROOT / "templates/house")
    request = BuildRequest(
        positions=ROOT / "positions",
        profile=ROOT / "briefgen.yaml",
        templates=ROOT / "templates",
        out=folder,
        selection=Selection(theme="landelijk-gebied"),
        options=Options(date=dt.date(2026, 11, 27)),
    )
    documents = {"sample": sample_document()}
    documents.update({item.doc_id.replace("/", "-"): item.document for item in compose_all(request)})
    paths = []
    for name, document in documents.items():
        path = folder / f"{name}.pdf"
        path.write_bytes(writer.render(document).data)
        paths.append(path)
    return paths


def test_outloud_finds_no_errors(pdfs: list[Path]) -> None:
    result = subprocess.run(
        [_tool("outloud"), "--quiet", "--fail-on", "error", *map(str, pdfs)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("0 error(s)") == len(pdfs)


def test_pdfua_finds_nothing(pdfs: list[Path]) -> None:
    result = subprocess.run([_tool("pdfua"), "check", *map(str, pdfs)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("result: PASS") == len(pdfs)
