"""Property: arbitrary Unicode in a text field renders to the same words in DOCX and PDF,
or is rejected with a location (file:line:col) before anything is rendered.

Each example writes the text into one field of a real input file (positions or profile),
loads everything as ``briefgen build`` does, composes the lobby letter of one short theme and
renders it with both writers directly (no whole build, to keep the suite fast).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shutil
import unicodedata
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from briefgen.content.templating import make_environment
from briefgen.jobs import Scope
from briefgen.kinds import KINDS
from briefgen.kinds.base import Context
from briefgen.options import Options
from briefgen.problems import ProblemsError
from briefgen.readers.positions import load_positions
from briefgen.readers.profile import check_against_positions, load_profile
from briefgen.readers.yamlfile import read_yaml

pytest.importorskip("briefgen.writers.pdf")
pytest.importorskip("briefgen.writers.docx")
parity = pytest.importorskip("briefgen.checks.parity")

from briefgen.writers.docx import DocxWriter  # noqa: E402
from briefgen.writers.pdf import PdfWriter  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
THEME = "asiel-migratie"
THEME_FILE = "02-asiel-migratie.yaml"
BEGIN, END = "qqbegin", "qqeind"
EXAMPLES = int(os.environ.get("BRIEFGEN_HYPOTHESIS_EXAMPLES", "25"))

# Fields that the lobby letter of THEME shows, in different kinds of blocks: a paragraph, bold
# text in a numbered list, list text, the source list, the salutation and the signature.
# Profile entries are found by id (see ``_field``), so reordering the profile does not matter.
FIELDS = ["summary", "ask", "why", "source-title", "salutation", "signatory-name"]


def _field(label: str, data: dict[str, Any]) -> tuple[str, tuple[str | int, ...]]:
    """(file, path inside it) of a field label."""
    if label == "summary":
        return THEME_FILE, ("summary",)
    if label == "ask":
        return THEME_FILE, ("topics", 0, "asks", 0, "ask")
    if label == "why":
        return THEME_FILE, ("topics", 0, "asks", -1, "why")
    if label == "source-title":
        return "_algemeen.yaml", ("analysis", "title")
    letters = data["briefgen.yaml"]["letters"]
    if label == "salutation":
        addressee = letters.get("themes", {}).get(THEME, letters["default"])
        index = next(i for i, a in enumerate(letters["addressees"]) if a["id"] == addressee)
        return "briefgen.yaml", ("letters", "addressees", index, "salutation")
    index = next(i for i, person in enumerate(data["briefgen.yaml"]["people"]) if person["id"] == letters["signatory"])
    return "briefgen.yaml", ("people", index, "name")


# Characters that stress one layer or another: XML-invalid controls, YAML 1.1 line breaks,
# invisible and bidi format characters, markup, braces, non-Latin scripts, astral characters.
TRICKY = (
    "\x00\x01\x08\x0b\x0c\x1b\x7f\x85\x9f\xa0\xad\u0301\u034f\u061c\u200b\u200d\u200e\u202e\u2028\u2029"
    "\u2060\u2066\ufeff\ufffc\ufffd\ufffe\uffff\U0001f600\U0001d400\U000e0001"
    "<>&\"'{}\\/#%€ﬁß ÆæØøÅåĲĳéèëïöüİıΣσςЖжאבاب中文한글\t\n\r "
)
_PRINTABLE = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs"))
texts = st.one_of(
    # anything at all (often rejected: control characters)
    st.text(max_size=40),
    # the tricky characters above, mixed with plain letters
    st.text(alphabet=st.sampled_from(TRICKY + "abcdefghijklmnopqrstuvwxyz0123456789 "), max_size=40),
    # any script, symbol, mark or format character (mostly rendered)
    st.text(alphabet=_PRINTABLE, min_size=1, max_size=40),
    # long enough to wrap and hyphenate: words that break across lines must still match
    st.lists(
        st.sampled_from(["arbeidsmarktdiscriminatie", "ﬁnanciën", "Ĳmuiden", "co-financiering", "€\u00a05"])
        | st.text(alphabet=_PRINTABLE, min_size=1, max_size=12),
        min_size=10,
        max_size=40,
    ).map(" ".join),
)


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A copy of the inputs, their original data, and one warm writer of each format."""
    base = tmp_path_factory.mktemp("unicode")
    shutil.copytree(ROOT / "positions", base / "positions")
    shutil.copy(ROOT / "briefgen.yaml", base / "briefgen.yaml")
    paths = {THEME_FILE: base / "positions" / THEME_FILE, "_algemeen.yaml": base / "positions" / "_algemeen.yaml"}
    paths["briefgen.yaml"] = base / "briefgen.yaml"
    originals = {name: path.read_bytes() for name, path in paths.items()}
    data = {}
    for name, path in paths.items():
        located = read_yaml(path)
        assert not isinstance(located, Exception) and hasattr(located, "data"), located
        data[name] = located.data
    house = ROOT / "templates" / "house"
    return {
        "base": base,
        "paths": paths,
        "originals": originals,
        "data": data,
        "env": make_environment(ROOT / "templates" / "kinds"),
        "pdf": PdfWriter(house),
        "docx": DocxWriter(house),
    }


def _set(data: Any, path: tuple[str | int, ...], value: str) -> Any:
    data = json.loads(json.dumps(data))
    target = data
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    return data


def _write(world: dict[str, Any], name: str, path: tuple[str | int, ...], value: str) -> None:
    """Write the file as JSON (valid YAML) with the value in place; lone surrogates stay as bytes."""
    for other, original in world["originals"].items():
        world["paths"][other].write_bytes(original)
    text = json.dumps(_set(world["data"][name], path, value), ensure_ascii=False, indent=1)
    world["paths"][name].write_bytes(text.encode("utf-8", "surrogatepass"))


# Default-ignorable code points that are not format characters (Cf): invisible, never drawn.
_IGNORABLE = re.compile("[\u034f\u115f\u1160\u17b4\u17b5\u180b-\u180f\u3164\ufe00-\ufe0f\uffa0\U000e0000-\U000e0fff]")


def _key(text: str) -> str:
    """Letters, digits and marks as a reader sees them: invisible characters (format characters,
    variation selectors, the grapheme joiner) left out, canonical composition applied
    (``a`` + U+0300 = ``à``), case folded."""
    visible = "".join(ch for ch in _IGNORABLE.sub("", text) if unicodedata.category(ch) != "Cf")
    normal = unicodedata.normalize("NFKC", visible).casefold()
    return "".join(ch for ch in normal if ch.isalnum() or unicodedata.category(ch).startswith("M"))


def _marked(words: list[Any]) -> str | None:
    """The letters between the markers (a note number may follow the end marker: ``qqeind1``)."""
    keys = [_key(word.text) for word in words]
    if BEGIN not in keys:
        return None
    start = keys.index(BEGIN)
    end = next((i for i in range(start + 1, len(keys)) if keys[i].startswith(END)), None)
    return None if end is None else "".join(keys[start + 1 : end])


def _render(world: dict[str, Any], name: str, path: tuple[str | int, ...], text: str) -> None:
    _write(world, name, path, f"{BEGIN} {text} {END}")
    base = world["base"]
    try:
        positions = load_positions(base / "positions")
        profile = load_profile(base / "briefgen.yaml")
        check_against_positions(profile, positions)
        ctx = Context(positions, profile, Options(dt.date(2026, 5, 1)), world["env"])
        (job,) = KINDS["letter"].plan(ctx, Scope(theme=THEME))
        document = KINDS["letter"].compose(ctx, job)
    except ProblemsError as error:
        # rejected: every problem names the file and a line and column in it
        for problem in error.problems:
            assert problem.file.endswith(name), str(problem)
            assert problem.line >= 1 and problem.column >= 1, str(problem)
        return
    pdf = world["pdf"].render(document).data
    docx = world["docx"].render(document)
    # the same tokens as the extraction keeps (a lone combining mark is not a word)
    expected = "".join(_key(token) for token in text.split() if parity.word_key(token))
    in_pdf = _marked(parity.pdf_words(pdf))
    in_docx = _marked(parity.docx_words(docx))
    assert in_docx == expected, f"DOCX shows {in_docx!r}, expected {expected!r}"
    assert in_pdf == expected, f"PDF shows {in_pdf!r}, DOCX {in_docx!r}"


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(field=st.sampled_from(FIELDS), text=texts)
@example(field="summary", text="Gemeenten \x01 vrezen")  # control character: rejected
@example(field="ask", text="Trek \u2028 in")  # YAML 1.1 line break: rejected
@example(field="salutation", text="\ud800")  # lone surrogate (written as CESU bytes): rejected
@example(field="signatory-name", text="   ")  # blank: rejected
@example(field="summary", text="{fig:nope} {")  # braces outside figure markers: rejected
@example(field="why", text="Geachte \u202edam")  # right-to-left override: rejected
@example(field="why", text='<img src="file:///etc/passwd"> &amp; </p>')  # markup: literal text
@example(field="source-title", text="Ĳsselmeer café naïef ß ﬁets €\u00a05 ½ 😀")
def test_any_text_renders_the_same_words_or_is_rejected_with_a_location(
    world: dict[str, Any], field: str, text: str
) -> None:
    _render(world, *_field(field, world["data"]), text)
