"""One house style: ``templates/house/style.yaml`` gives every writer its colours, fonts, sizes
and page. A colour changed there changes the WeasyPrint PDF, the Typst PDF, the web page's
style sheet and the Word reference document; a wrong value is named with file and field."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pikepdf
import pytest

from briefgen.writers import style
from briefgen.writers.docx.build_reference import build_reference
from briefgen.writers.docx.house_xml import HOUSE, House
from briefgen.writers.pdf import PdfWriter
from briefgen.writers.pdfbase import PdfRenderError
from briefgen.writers.typst import TypstWriter
from model_sample import sample_document

ROOT = Path(__file__).resolve().parents[1]
HOUSE_DIR = ROOT / "templates" / "house"
RED = "#d40000"
RED_PDF = re.compile(rb"0\.83\d* 0 0 (?:rg|RG|scn|SCN)")


@pytest.fixture(scope="module")
def red_house(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the house folder whose accent colour is red."""
    house = tmp_path_factory.mktemp("templates") / "house"
    shutil.copytree(HOUSE_DIR, house)
    path = house / "style.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace('"#1b4f72"', f'"{RED}"'), encoding="utf-8")
    return house


def _content(data: bytes) -> bytes:
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return b"\n".join(page.Contents.read_bytes() for page in pdf.pages if isinstance(page.Contents, pikepdf.Stream))


def test_the_sheets_name_the_style_and_read_as_before() -> None:
    loaded = style.load(HOUSE_DIR)
    for name in ("house.css", "web.css"):
        sheet = (HOUSE_DIR / name).read_text(encoding="utf-8")
        assert "var(--accent)" in sheet and "#1b4f72" not in sheet
        filled = style.apply(sheet, loaded)
        assert "var(--" not in filled and "#1b4f72" in filled
    assert House.from_style(loaded) == HOUSE  # the committed reference.docx follows style.yaml


@pytest.mark.parametrize("writer", [PdfWriter, TypstWriter])
def test_a_colour_changed_in_the_style_file_changes_each_pdf(red_house: Path, writer: type) -> None:
    doc = sample_document()
    assert not RED_PDF.search(_content(writer(HOUSE_DIR).render(doc).data))
    assert RED_PDF.search(_content(writer(red_house).render(doc).data))


def test_a_colour_changed_in_the_style_file_changes_web_page_and_word(red_house: Path, tmp_path: Path) -> None:
    import datetime as dt

    from briefgen.options import Options
    from briefgen.pipeline import BuildRequest, build
    from briefgen.pipeline.plan import Selection

    templates = red_house.parent
    shutil.copytree(ROOT / "templates" / "kinds", templates / "kinds", dirs_exist_ok=True)
    request = BuildRequest(
        positions=ROOT / "positions",
        profile=ROOT / "briefgen.yaml",
        templates=templates,
        out=tmp_path / "out",
        selection=Selection(kinds=("press",), formats=("html",)),
        options=Options(date=dt.date(2026, 11, 27)),
    )
    build(request)
    sheet = (tmp_path / "out" / "assets" / "web.css").read_text(encoding="utf-8")
    assert f"color: {RED}" in sheet and "var(--" not in sheet
    with zipfile.ZipFile(io.BytesIO(build_reference(red_house / "logo.png"))) as package:
        styles = package.read("word/styles.xml").decode()
    assert RED.lstrip("#").upper() in styles and "1B4F72" not in styles


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ('accent: "#1b4f72"', 'accent: "blauw"', "colours.accent"),
        ("body: 10.5", "body: groot", "sizes.body"),
        ("regular: fonts/NotoSans-Regular.ttf", "regular: /etc/passwd", "font.regular"),
        ("line-height: 1.45", "line-height: 9", "line-height"),
    ],
)
def test_a_wrong_value_is_named(tmp_path: Path, old: str, new: str, field: str) -> None:
    house = tmp_path / "house"
    shutil.copytree(HOUSE_DIR, house)
    path = house / "style.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(style.StyleError) as raised:
        style.load(house)
    assert raised.value.field == field and str(path) in str(raised.value)
    for writer in (PdfWriter, TypstWriter):
        with pytest.raises(PdfRenderError, match=re.escape(field)):
            writer(house)
