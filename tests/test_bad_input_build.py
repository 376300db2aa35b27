"""Bad input never hurts ``briefgen build``: located messages, the right exit code, and an
output folder exactly as it was (file names, hashes and modification times).

Every case starts from a copy of the shipped inputs (the ``project`` fixture) and an out/
folder holding the outputs of an earlier build, breaks one thing and runs ``briefgen build``
in-process. Messages are checked as printed: ``FILE:LINE:COL: FIELD: MESSAGE``.
"""

from __future__ import annotations

import hashlib
import io
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from briefgen.cli import main

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bad"
DATE = "2026-05-01"
BASE_ARGS = ("--kind", "press", "--date", DATE, "--jobs", "1")
"""The default selection: the press statement only (one short document, both formats)."""

WONEN = "positions/03-wonen-mobiliteit.yaml"
ASIEL = "positions/02-asiel-migratie.yaml"
ALGEMEEN = "positions/_algemeen.yaml"
PROFILE = "briefgen.yaml"
THEME_IDS = (
    "bestaanszekerheid, asiel-migratie, wonen-mobiliteit, landelijk-gebied, energie-klimaat, "
    "publieke-voorzieningen, goed-bestuur, nationale-veiligheid, internationaal-europa, financien-economie"
)


# ---------------------------------------------------------------- helpers


def snapshot(folder: Path) -> dict[str, tuple[str, int]] | None:
    """Every file and folder under ``folder``: name → (sha256, mtime in ns); None if it is missing."""
    if not folder.exists():
        return None
    if folder.is_file():
        return {"": (hashlib.sha256(folder.read_bytes()).hexdigest(), folder.stat().st_mtime_ns)}
    result: dict[str, tuple[str, int]] = {}
    for path in sorted(folder.rglob("*")):
        name = path.relative_to(folder).as_posix()
        if path.is_dir():
            result[name + "/"] = ("folder", 0)
        else:
            result[name] = (hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns)
    return result


def edit(project: Path, name: str, old: str, new: str) -> tuple[int, int]:
    """Replace the first ``old`` in ``project/name``; return the line and column (1-based) where it was."""
    path = project / name
    text = path.read_text(encoding="utf-8")
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :], encoding="utf-8")
    return text.count("\n", 0, index) + 1, index - (text.rfind("\n", 0, index) + 1) + 1


def invoke(project: Path, *args: str, out: Path | None = None, debug: bool = False) -> Result:
    """``briefgen build`` on the project's inputs (paths relative to the project folder)."""
    argv = [*(["--debug"] if debug else []), "build", "--positions", "positions", "--profile", PROFILE]
    argv += ["--templates", "templates", "--out", str(out if out is not None else project / "out")]
    before = _temporary_files(project)
    result = CliRunner().invoke(main, [*argv, *args])
    result.new_temporary_files = sorted(_temporary_files(project) - before)  # type: ignore[attr-defined]
    return result


def _temporary_files(project: Path) -> set[str]:
    return {path.relative_to(project).as_posix() for path in project.rglob("*.tmp")}


def _build_args(base: Path) -> list[str]:
    """``build`` with absolute input and output paths under ``base`` and the default selection."""
    inputs = ["--positions", str(base / "positions"), "--profile", str(base / PROFILE)]
    return ["build", *inputs, "--templates", str(base / "templates"), "--out", str(base / "out"), *BASE_ARGS]


@pytest.fixture(scope="module")
def earlier_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The out/ folder of an earlier, successful build (press statement, DOCX and PDF)."""
    base = tmp_path_factory.mktemp("earlier")
    for name in ("positions", "templates", "sources"):
        shutil.copytree(ROOT / name, base / name)
    shutil.copy(ROOT / PROFILE, base / PROFILE)
    result = CliRunner().invoke(
        main,
        _build_args(base),
    )
    assert result.exit_code == 0, result.output
    assert (base / "out/press/hoofdlijnenakkoord.pdf").is_file()
    return base / "out"


@pytest.fixture
def work(project: Path, earlier_out: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project with the earlier outputs in out/, as the working folder (messages name
    files relative to it, as users see them)."""
    shutil.copytree(earlier_out, project / "out")
    monkeypatch.chdir(project)
    return project


def expect_failure(project: Path, result: Result, code: int, lines: list[str], before: object, out: Path) -> None:
    """The exit code, every expected message line (exactly, or a regex when it starts with ``^``),
    no traceback, and an untouched output folder."""
    printed = result.stderr.splitlines()
    assert result.exit_code == code, result.output
    for line in lines:
        if line.startswith("^"):
            assert any(re.search(line, p) for p in printed), f"no line matches {line!r} in:\n{result.stderr}"
        else:
            assert line in printed, f"missing {line!r} in:\n{result.stderr}"
    assert "Traceback" not in result.output
    assert snapshot(out) == before, "the output folder changed"
    assert not result.new_temporary_files, result.new_temporary_files  # type: ignore[attr-defined]


@dataclass(frozen=True)
class Case:
    """One bad input: how to make it, what briefgen must say, and with which exit code."""

    id: str
    make: Callable[[Path], list[str]]
    """Breaks the inputs in the project folder; returns the expected message lines."""
    code: int = 1
    args: tuple[str, ...] = field(default=BASE_ARGS)


def _count(n: int) -> str:
    return f"{n} problem{'s' if n != 1 else ''} found."


# ---------------------------------------------------------------- the corpus: loading


def _syntax(p: Path) -> list[str]:
    line, _ = edit(p, WONEN, "chapter: 3\n", "chapter: [3\n")
    return [f"^{re.escape(WONEN)}:{line + 1}:\\d+: YAML syntax: ", _count(1)]


def _duplicate_key(p: Path) -> list[str]:
    line, _ = edit(p, WONEN, "chapter: 3\n", "chapter: 3\nchapter: 4\n")
    return [f"{WONEN}:{line + 1}:1: chapter: duplicate key 'chapter' (first defined on line {line})"]


def _octal(p: Path) -> list[str]:
    line, col = edit(p, WONEN, "chapter: 3\n", "chapter: 012\n")
    return [
        f"{WONEN}:{line}:{col + 9}: chapter: number '012' has a leading zero (YAML 1.1 reads it as octal); "
        "quote it or drop the zero"
    ]


def _yaml11_boolean(p: Path) -> list[str]:
    line, col = edit(p, PROFILE, "  figures: true\n", "  figures: no\n")
    return [f"{PROFILE}:{line}:{col + 11}: gates.figures: expected true or false, got 'no'"]


def _yaml11_on(p: Path) -> list[str]:
    line, col = edit(p, PROFILE, "  readability: true\n", "  readability: on\n")
    return [f"{PROFILE}:{line}:{col + 15}: gates.readability: expected true or false, got 'on'"]


def _version_number(p: Path) -> list[str]:
    line, col = edit(p, WONEN, "short_title: Wonen en mobiliteit\n", "short_title: 1.10\n")
    return [f"{WONEN}:{line}:{col + 13}: short_title: expected text, got 1.10 (put it in quotes)"]


def _sexagesimal(p: Path) -> list[str]:
    line, col = edit(p, WONEN, "        value: 1\n", "        value: 12:30\n")
    return [
        f"{WONEN}:{line}:{col + 15}: topics[0].figures[0].value: expected a number (or a date as YYYY-MM-DD), "
        "got '12:30'"
    ]


def _anchor(p: Path) -> list[str]:
    line, col = edit(p, WONEN, "chapter: 3\n", "chapter: &hoofdstuk 3\n")
    return [f"{WONEN}:{line}:{col + 9}: anchors (&name) are not allowed; write the value out"]


def _billion_laughs(p: Path) -> list[str]:
    shutil.copy(FIXTURES / "billion-laughs.yaml", p / "positions/99-lol.yaml")
    return ["positions/99-lol.yaml:1:4: anchors (&name) are not allowed; write the value out"]


def _huge_file(p: Path) -> list[str]:
    size = (p / "positions/99-groot.yaml").write_text("summary: " + "x" * 1_100_000 + "\n")
    return [f"positions/99-groot.yaml: is {size:,} bytes; the limit is 1,000,000"]


def _huge_string(p: Path) -> list[str]:
    line, col = edit(p, WONEN, "short_title: Wonen en mobiliteit\n", "short_title: " + "lang " * 4001 + "\n")
    return [f"{WONEN}:{line}:{col + 13}: short_title: text of 20004 characters is longer than the limit of 20000"]


def _deep_nesting(p: Path) -> list[str]:
    nested = "{a: " * 14 + "x" + "}" * 14
    line, _ = edit(p, WONEN, "chapter: 3\n", f"chapter: 3\nextra: {nested}\n")
    return [f"^{re.escape(WONEN)}:{line + 1}:\\d+: extra(\\.a)+: nested more than 12 levels deep"]


def _deep_flow(p: Path) -> list[str]:
    (p / "positions/99-diep.yaml").write_text("a: " + "[" * 100_000 + "]" * 100_000 + "\n")
    return ["positions/99-diep.yaml:1:1: nested too deeply (limit 12 levels)"]


def _control_raw(p: Path) -> list[str]:
    line, col = edit(p, WONEN, "Wonen en mobiliteit\n", "Wonen en\x07mobiliteit\n")
    return [f"{WONEN}:{line}:{col + 8}: invalid character U+0007 (control character)"]


def _control_escaped(p: Path) -> list[str]:
    line, col = edit(p, WONEN, "short_title: Wonen en mobiliteit\n", 'short_title: "Wonen\\x0ben mobiliteit"\n')
    return [
        f"{WONEN}:{line}:{col + 13}: short_title: invalid character U+000B (control character) "
        "at position 6 of the text"
    ]


def _null_byte(p: Path) -> list[str]:
    line, col = edit(p, PROFILE, "name: Leonard Geluk", "name: Leonard\x00Geluk")
    return [f"{PROFILE}:{line}:{col + 13}: invalid character U+0000 (control character)"]


def _line_separator(p: Path) -> list[str]:
    line, col = edit(p, ALGEMEEN, "agreement: het hoofdlijnenakkoord", "agreement: het\u2028hoofdlijnenakkoord")
    return [
        f"{ALGEMEEN}:{line}:{col + 14}: invalid character U+2028 (line separator; YAML 1.1 reads it as a line break)"
    ]


def _right_to_left(p: Path) -> list[str]:
    line, col = edit(p, WONEN, "short_title: Wonen en mobiliteit\n", "short_title: Wonen \u202eneelnow\n")
    return [f"^{re.escape(WONEN)}:{line}:{col + 13}: short_title: right-to-left character U\\+202E "]


def _unknown_field(p: Path) -> list[str]:
    line, col = edit(p, WONEN, "    stance: gemengd\n", "    stance: gemengd\n    standpunt: steun\n")
    return [
        f"{WONEN}:{line + 1}:{col + 4}: topics[0].standpunt: unknown field 'standpunt'; allowed: akkoord, "
        "approved_by, approved_on, asks, betekenis, cites, figures, id, kernboodschap, portfolios, risks, sources, "
        "stance, status, talking_points, title"
    ]


def _misspelt_field(p: Path) -> list[str]:
    topic, _ = edit(p, WONEN, "  - id: wonen\n", "  - id: wonen\n")
    line, col = edit(p, WONEN, "    kernboodschap:\n", "    kernboodshap:\n")
    return [
        f"{WONEN}:{line}:{col + 4}: topics[0].kernboodshap: unknown field 'kernboodshap'; "
        "did you mean 'kernboodschap'?",
        f"{WONEN}:{topic}:5: topics[0].kernboodschap: required field is missing",
        _count(2),
    ]


def _missing_required(p: Path) -> list[str]:
    edit(p, WONEN, "short_title: Wonen en mobiliteit\n", "")
    return [f"{WONEN}:1:1: short_title: required field is missing"]


def _wrong_type_number(p: Path) -> list[str]:
    line, col = edit(p, WONEN, "        value: 1\n", "        value: een miljard\n")
    return [
        f"{WONEN}:{line}:{col + 15}: topics[0].figures[0].value: expected a number (or a date as YYYY-MM-DD), "
        "got 'een miljard'"
    ]


def _wrong_type_list(p: Path) -> list[str]:
    line, col = edit(p, PROFILE, "postal_address: [Postbus 30435, 2500 GK Den Haag]", "postal_address: Postbus 30435")
    return [f"{PROFILE}:{line}:{col + 16}: organisation.postal_address: expected a list, got 'Postbus 30435'"]


def _wrong_type_mapping(p: Path) -> list[str]:
    line, col = edit(p, PROFILE, "memo:\n  author: beleid\n  department: Beleid\n", "memo: Beleid\n")
    return [f"{PROFILE}:{line}:{col + 6}: memo: expected a mapping of fields, got 'Beleid'"]


def _wrong_enum(p: Path) -> list[str]:
    line, col = edit(p, WONEN, "    stance: gemengd\n", "    stance: misschien\n")
    return [
        f"{WONEN}:{line}:{col + 12}: topics[0].stance: expected one of 'steun', 'gemengd', 'zorg', 'afwijzend' "
        "or 'neutraal', got 'misschien'"
    ]


def _unsafe_slug(p: Path) -> list[str]:
    line, col = edit(p, WONEN, "id: wonen-mobiliteit\n", "id: ../../etc/evil\n")
    return [f"{WONEN}:{line}:{col + 4}: id: expected a lower-case id (letters, digits, hyphens), got '../../etc/evil'"]


def _unsafe_url(p: Path) -> list[str]:
    line, col = edit(p, ALGEMEEN, "  publisher: VNG\n", "  publisher: VNG\n  url: javascript:alert(1)\n")
    return [f"{ALGEMEEN}:{line + 1}:{col + 7}: analysis.url: expected an https:// address, got 'javascript:alert(1)'"]


def _empty_file(p: Path) -> list[str]:
    (p / "positions/99-leeg.yaml").write_text("")
    return ["positions/99-leeg.yaml: is empty"]


def _comment_only_file(p: Path) -> list[str]:
    (p / "positions/99-leeg.yaml").write_text("# nog invullen\n---\n")
    return ["positions/99-leeg.yaml: is empty"]


def _latin1_file(p: Path) -> list[str]:
    (p / "positions/99-latin1.yaml").write_bytes("id: latin\ntitle: Financi\xebn\n".encode("latin-1"))
    return ["positions/99-latin1.yaml:2:15: is not UTF-8 text (save it as UTF-8)"]


def _binary_file(p: Path) -> list[str]:
    shutil.copy(FIXTURES / "binary.yaml", p / "positions/99-plaatje.yaml")
    return ["positions/99-plaatje.yaml:1:1: is not UTF-8 text (save it as UTF-8)"]


def _binary_profile(p: Path) -> list[str]:
    shutil.copy(FIXTURES / "binary.yaml", p / PROFILE)
    return [f"{PROFILE}:1:1: is not UTF-8 text (save it as UTF-8)", _count(1)]


def _empty_profile(p: Path) -> list[str]:
    (p / PROFILE).write_text("\n\n")
    return [f"{PROFILE}: is empty"]


def _not_a_mapping(p: Path) -> list[str]:
    (p / "positions/99-lijst.yaml").write_text("- een\n- twee\n")
    return ["positions/99-lijst.yaml:1:1: expected a mapping of fields, got ['een', 'twee']"]


# ---------------------------------------------------------------- the corpus: references


def _unknown_theme_in_positions(p: Path) -> list[str]:
    line, col = edit(p, ALGEMEEN, "themes: [bestaanszekerheid]", "themes: [bestaanszekerhied]")
    return [f"{ALGEMEEN}:{line}:{col + 9}: reaction.sections[0].themes[0]: unknown theme 'bestaanszekerhied'"]


def _unknown_theme_in_profile(p: Path) -> list[str]:
    line, col = edit(p, PROFILE, "    asiel-migratie: tk-asiel\n", "    asiel: tk-asiel\n")
    return [f"{PROFILE}:{line}:{col + 4}: letters.themes.asiel: unknown theme 'asiel'; known: {_sorted_themes()}"]


def _unknown_portfolio_theme_in_profile(p: Path) -> list[str]:
    old = "{id: mobiliteit, title: Mobiliteit, holder: pfh-mobiliteit}"
    new = "{id: mobiliteit, title: Mobiliteit, holder: pfh-mobiliteit, themes: [vervoer]}"
    line, col = edit(p, PROFILE, old, new)
    where = col + new.index("vervoer")
    return [f"{PROFILE}:{line}:{where}: portfolios[4].themes[0]: unknown theme 'vervoer'; known: {_sorted_themes()}"]


def _unknown_portfolio_in_positions(p: Path) -> list[str]:
    line, col = edit(p, "positions/08-nationale-veiligheid.yaml", "portfolios: [veiligheid]", "portfolios: [brandweer]")
    return [
        f"positions/08-nationale-veiligheid.yaml:{line}:{col + 13}: topics[0].portfolios[0]: "
        "no portfolio of profile briefgen.yaml covers 'brandweer'"
    ]


def _unknown_person_in_profile(p: Path) -> list[str]:
    line, col = edit(p, PROFILE, "holder: pfh-mobiliteit}", "holder: niemand}")
    return [f"^{re.escape(PROFILE)}:{line}:{col + 8}: portfolios\\[4\\]\\.holder: unknown person 'niemand'; known: "]


def _unknown_source(p: Path) -> list[str]:
    line, col = edit(p, WONEN, "        source: ", "        source: nergens-")
    return [f"^{re.escape(WONEN)}:{line}:{col + 16}: topics\\[0\\]\\.figures\\[0\\]\\.source: source 'nergens-"]


def _undefined_figure_marker(p: Path) -> list[str]:
    line, _ = edit(p, ASIEL, "  Het kabinet wil veel minder", "  Het kabinet ({fig:bestaat-niet}) wil veel minder")
    # the problem points at the start of the folded block (``text: >-``), one line up
    return [f"{ASIEL}:{line - 1}:9: summary.text: figure 'bestaat-niet' in {{fig:bestaat-niet}} is not defined"]


def _logo_outside_house(p: Path) -> list[str]:
    line, col = edit(p, PROFILE, "logo: logo.svg", "logo: ../../../../../../etc/passwd")
    return [
        f"{PROFILE}:{line}:{col + 6}: organisation.logo: logo '../../../../../../etc/passwd' is not a file in the "
        "house-style folder templates/house"
    ]


def _numbering_too_long(p: Path) -> list[str]:
    line, col = edit(p, PROFILE, "press: PB-{year}-{seq:03d}", "press: PB-{seq:0999999d}")
    return [f"{PROFILE}:{line}:{col + 7}: numbering.press: gives a number of 1000002 characters; the limit is 60"]


def _numbering_wrong_format(p: Path) -> list[str]:
    line, col = edit(p, PROFILE, "press: PB-{year}-{seq:03d}", "press: PB-{theme:d}")
    return [
        f"{PROFILE}:{line}:{col + 7}: numbering.press: cannot number: Unknown format code 'd' for object of type 'str'"
    ]


def _all_at_once(p: Path) -> list[str]:
    a = edit(p, WONEN, "    stance: gemengd\n", "    stance: misschien\n")
    b = edit(p, ASIEL, "chapter: 2\n", "chapter: twee\n")
    c = edit(p, PROFILE, "email: info@vng.nl", "email: geen-adres")
    return [
        f"^{re.escape(WONEN)}:{a[0]}:{a[1] + 12}: topics\\[0\\]\\.stance: expected one of ",
        f"{ASIEL}:{b[0]}:10: chapter: expected a number, got 'twee'",
        f"^{re.escape(PROFILE)}:{c[0]}:{c[1] + 7}: organisation\\.email: expected an e-mail address",
        _count(3),
    ]


def _sorted_themes() -> str:
    return ", ".join(sorted(THEME_IDS.split(", ")))


# ---------------------------------------------------------------- the corpus: templates


def _append(p: Path, template: str, text: str) -> int:
    path = p / "templates/kinds" / template
    lines = path.read_text(encoding="utf-8").count("\n")
    with path.open("a", encoding="utf-8") as stream:
        stream.write(text)
    return lines + 1


def _template_syntax(p: Path) -> list[str]:
    line = _append(p, "press.html.j2", "<p>{% if %}</p>\n")
    return [f"templates/kinds/press.html.j2:{line}:1: Expected an expression, got 'end of statement block'"]


def _template_undefined(p: Path) -> list[str]:
    line = _append(p, "press.html.j2", "<p>{{ bestaat_niet }}</p>\n")
    return [f"templates/kinds/press.html.j2:{line}:1: 'bestaat_niet' is undefined"]


def _template_undefined_attribute(p: Path) -> list[str]:
    line = _append(p, "press.html.j2", "<p>{{ press.bestaat_niet }}</p>\n")
    return [f"^templates/kinds/press\\.html\\.j2:{line}:1: .*has no attribute 'bestaat_niet'"]


def _template_undefined_in_macro(p: Path) -> list[str]:
    """An undefined name inside the ``sources`` macro of _macros.html.j2 (used by every kind)."""
    path = p / "templates/kinds/_macros.html.j2"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    index = next(i for i, line in enumerate(lines) if line.startswith("{% macro sources("))
    lines[index] = lines[index].rstrip("\n") + "{{ tekst }}\n"
    path.write_text("".join(lines), encoding="utf-8")
    return [f"templates/kinds/_macros.html.j2:{index + 1}:1: 'tekst' is undefined"]


def _template_missing_include(p: Path) -> list[str]:
    line = _append(p, "press.html.j2", '{% include "bestaat-niet.html.j2" %}\n')
    return [f"templates/kinds/press.html.j2:{line}:1: template 'bestaat-niet.html.j2' not found"]


def _template_error_in_expression(p: Path) -> list[str]:
    line = _append(p, "press.html.j2", "<p>{{ 1 // 0 }}</p>\n")
    return [f"templates/kinds/press.html.j2:{line}:1: ZeroDivisionError: integer division or modulo by zero"]


def _template_includes_itself(p: Path) -> list[str]:
    _append(p, "press.html.j2", '{% include "press.html.j2" %}\n')
    return ["^templates/kinds/press\\.html\\.j2:\\d+:1: RecursionError: maximum recursion depth exceeded"]


def _template_style(p: Path) -> list[str]:
    _append(p, "press.html.j2", "<style>@import url(file:///etc/passwd);</style>\n")
    return ["^templates/kinds/press\\.html\\.j2: line \\d+ of the rendered template: <style> is not allowed here$"]


def _template_image(p: Path) -> list[str]:
    _append(p, "press.html.j2", '<p>Zie <img src="file:///etc/passwd"></p>\n')
    return ["^templates/kinds/press\\.html\\.j2: line \\d+ of the rendered template: <img> is not allowed inside text"]


def _template_control_character(p: Path) -> list[str]:
    _append(p, "press.html.j2", "<p>bel\x07</p>\n")
    return ["^templates/kinds/press\\.html\\.j2: line \\d+ of the rendered template: invalid character U\\+0007"]


def _template_not_utf8(p: Path) -> list[str]:
    with (p / "templates/kinds/press.html.j2").open("ab") as stream:
        stream.write("<p>Financi\xebn</p>\n".encode("latin-1"))
    return ["^templates/kinds/press\\.html\\.j2: a template is not UTF-8 text"]


# ---------------------------------------------------------------- the corpus: rendering


def _house_css_reads_a_file(p: Path) -> list[str]:
    css = p / "templates/house/house.css"
    css.write_text(css.read_text(encoding="utf-8") + "\np { background: url(file:///etc/passwd); }\n")
    return ["^templates/house: cannot render press/hoofdlijnenakkoord: .*refused to fetch 'file:///etc/passwd'"]


def _house_css_imports_from_the_web(p: Path) -> list[str]:
    css = p / "templates/house/house.css"
    css.write_text('@import url("https://example.com/evil.css");\n' + css.read_text(encoding="utf-8"))
    return [
        "^templates/house: cannot render press/hoofdlijnenakkoord: .*refused to fetch 'https://example.com/evil.css'"
    ]


def _house_font_symlink_out(p: Path) -> list[str]:
    css = p / "templates/house/house.css"
    (p / "templates/house/evil.svg").symlink_to("/etc/passwd")
    css.write_text(css.read_text(encoding="utf-8") + '\nh1 { background: url("evil.svg"); }\n')
    return ["^templates/house: cannot render press/hoofdlijnenakkoord: .*outside the house-style folder"]


# ---------------------------------------------------------------- the corpus: usage errors (exit 2)


def _nothing(p: Path) -> list[str]:
    return []


CASES = [
    # loading (issue item 1)
    Case("yaml-syntax", _syntax),
    Case("duplicate-key", _duplicate_key),
    Case("yaml11-octal", _octal),
    Case("yaml11-boolean-no", _yaml11_boolean),
    Case("yaml11-boolean-on", _yaml11_on),
    Case("yaml11-version-number", _version_number),
    Case("yaml11-sexagesimal", _sexagesimal),
    Case("anchor", _anchor),
    Case("billion-laughs", _billion_laughs),
    Case("huge-file", _huge_file),
    Case("huge-string", _huge_string),
    Case("deep-nesting", _deep_nesting),
    Case("deep-flow-nesting", _deep_flow),
    Case("control-character-raw", _control_raw),
    Case("control-character-escaped", _control_escaped),
    Case("null-byte-in-profile", _null_byte),
    Case("yaml11-line-separator", _line_separator),
    Case("right-to-left-override", _right_to_left),
    Case("unknown-field", _unknown_field),
    Case("misspelt-field", _misspelt_field),
    Case("empty-file", _empty_file),
    Case("comment-only-file", _comment_only_file),
    Case("latin1-file", _latin1_file),
    Case("binary-file", _binary_file),
    Case("binary-profile", _binary_profile),
    Case("empty-profile", _empty_profile),
    Case("not-a-mapping", _not_a_mapping),
    # schema: missing fields, wrong types
    Case("missing-required-field", _missing_required),
    Case("wrong-type-number", _wrong_type_number),
    Case("wrong-type-list", _wrong_type_list),
    Case("wrong-type-mapping", _wrong_type_mapping),
    Case("wrong-enum-value", _wrong_enum),
    Case("unsafe-slug", _unsafe_slug),
    Case("unsafe-url", _unsafe_url),
    # references
    Case("unknown-theme-in-positions", _unknown_theme_in_positions),
    Case("unknown-theme-in-profile-letters", _unknown_theme_in_profile),
    Case("unknown-theme-in-profile-portfolio", _unknown_portfolio_theme_in_profile),
    Case("unknown-portfolio-in-positions", _unknown_portfolio_in_positions),
    Case("unknown-person-in-profile", _unknown_person_in_profile),
    Case("unknown-source", _unknown_source),
    Case("undefined-figure-marker", _undefined_figure_marker),
    Case("logo-outside-house-style", _logo_outside_house),
    Case("numbering-too-long", _numbering_too_long),
    Case("numbering-wrong-format", _numbering_wrong_format),
    Case("all-problems-at-once", _all_at_once),
    # templates
    Case("template-syntax", _template_syntax),
    Case("template-undefined", _template_undefined),
    Case("template-undefined-attribute", _template_undefined_attribute),
    Case(
        "template-undefined-in-macro",
        _template_undefined_in_macro,
        args=("--kind", "letter", "--theme", "asiel-migratie", "--date", DATE, "--jobs", "1"),
    ),
    Case("template-missing-include", _template_missing_include),
    Case("template-error-in-expression", _template_error_in_expression),
    Case("template-includes-itself", _template_includes_itself),
    Case("template-style-element", _template_style),
    Case("template-image", _template_image),
    Case("template-control-character", _template_control_character),
    Case("template-not-utf8", _template_not_utf8),
    # rendering: the one URL fetcher refuses everything outside the house style (issue item 4)
    Case("house-css-reads-a-file", _house_css_reads_a_file),
    Case("house-css-imports-from-the-web", _house_css_imports_from_the_web),
    Case("house-asset-symlink-out", _house_font_symlink_out),
    Case("house-css-refused-in-a-worker", _house_css_reads_a_file, args=("--kind", "press", "--date", DATE, "-j", "2")),
    # usage errors on the command line: exit 2
    Case(
        "unknown-theme-option",
        lambda p: [f"Error: --theme: unknown theme 'nope'; valid: {THEME_IDS}"],
        2,
        ("--theme", "nope", "--date", DATE),
    ),
    Case(
        "unknown-portfolio-option",
        lambda p: ["^Error: --portfolio: unknown portfolio 'nope'; valid: werk-inkomen, zorg-welzijn, "],
        2,
        ("--portfolio", "nope"),
    ),
    Case(
        "unknown-kind-option",
        lambda p: ["Error: --kind: unknown kind 'brochure'; valid: briefing, memo, press, letter, changes"],
        2,
        ("--kind", "brochure"),
    ),
    Case(
        "unknown-format-option",
        lambda p: ["Error: --format: unknown format 'odt'; valid: docx, pdf, html, woo"],
        2,
        ("--format", "odt", "--kind", "press"),
    ),
    Case(
        "bad-date-option",
        lambda p: ["Error: --date: expected YYYY-MM-DD, got '2026-13-01'"],
        2,
        ("--date", "2026-13-01"),
    ),
    Case(
        "bad-embargo-option",
        lambda p: ["Error: --embargo: expected 'YYYY-MM-DD HH:MM', got 'morgen'"],
        2,
        ("--embargo", "morgen"),
    ),
    Case(
        "control-character-in-option",
        lambda p: ["Error: --embargo-reason: invalid character U+001B at position 4"],
        2,
        ("--kind", "press", "--embargo", "2026-05-01 10:00", "--embargo-reason", "wat\x1b[2J"),
    ),
    Case(
        "overlong-option",
        lambda p: ["Error: --embargo-reason: 5000 characters; the limit is 200"],
        2,
        ("--kind", "press", "--embargo", "2026-05-01 10:00", "--embargo-reason", "x" * 5000),
    ),
    Case(
        "missing-profile-file",
        lambda p: (p / PROFILE).unlink() or [f"Error: --profile: file '{PROFILE}' not found"],
        2,
    ),
    Case(
        "missing-positions-folder",
        lambda p: shutil.rmtree(p / "positions") or ["Error: --positions: folder 'positions' not found"],
        2,
    ),
    Case(
        "missing-templates-folder",
        lambda p: (
            shutil.rmtree(p / "templates/kinds") or ["Error: --templates: folder 'templates' has no kinds/ folder"]
        ),
        2,
    ),
]


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_bad_input_is_reported_and_nothing_is_written(work: Path, case: Case) -> None:
    expected = case.make(work)
    before = snapshot(work / "out")
    result = invoke(work, *case.args)
    expect_failure(work, result, case.code, expected, before, work / "out")
    if case.code == 1:
        assert result.stderr.splitlines()[-1].endswith("found."), result.stderr


def test_bad_input_with_a_new_output_folder_creates_nothing(work: Path) -> None:
    _wrong_enum(work)
    result = invoke(work, *BASE_ARGS, out=work / "nieuw" / "out")
    expect_failure(work, result, 1, [], None, work / "nieuw")


def test_unknown_theme_option_creates_no_output_folder(work: Path) -> None:
    result = invoke(work, "--theme", "nope", out=work / "nieuw")
    expect_failure(work, result, 2, [f"Error: --theme: unknown theme 'nope'; valid: {THEME_IDS}"], None, work / "nieuw")


def test_refused_render_with_a_new_output_folder_leaves_no_folder(work: Path) -> None:
    _house_css_reads_a_file(work)
    result = invoke(work, *BASE_ARGS, out=work / "nieuw")
    expect_failure(work, result, 1, [], None, work / "nieuw")


# ---------------------------------------------------------------- the output folder itself


def test_output_path_that_is_a_file(work: Path) -> None:
    target = work / "uitvoer.pdf"
    target.write_bytes(b"%PDF-1.7 earlier work")
    before = snapshot(target)
    result = invoke(work, *BASE_ARGS, out=target)
    expect_failure(work, result, 2, [f"Error: --out: {str(target)!r} is a file, not a folder"], before, target)


def test_output_path_below_a_file(work: Path) -> None:
    (work / "bestand").write_text("x")
    before = snapshot(work / "bestand")
    result = invoke(work, *BASE_ARGS, out=work / "bestand" / "out")
    expected = f"Error: --out: cannot create folder {str(work / 'bestand' / 'out')!r}: 'bestand' is a file"
    expect_failure(work, result, 2, [expected], before, work / "bestand")


def test_folder_in_the_way_of_an_output_file(work: Path) -> None:
    (work / "out/press/hoofdlijnenakkoord.pdf").unlink()
    (work / "out/press/hoofdlijnenakkoord.pdf").mkdir()
    before = snapshot(work / "out")
    result = invoke(work, *BASE_ARGS, "--force")
    expected = "Error: cannot write 'press/hoofdlijnenakkoord.pdf': a folder of that name is in the way"
    expect_failure(work, result, 2, [expected], before, work / "out")


def test_file_in_the_way_of_a_kind_folder(work: Path) -> None:
    shutil.rmtree(work / "out/press")
    (work / "out/press").write_text("geen map")
    before = snapshot(work / "out")
    result = invoke(work, *BASE_ARGS)
    expected = "^Error: cannot write 'press/hoofdlijnenakkoord\\.(docx|pdf)': '.*press' is a file, not a folder"
    expect_failure(work, result, 2, [expected], before, work / "out")


def test_failure_while_rendering_leaves_earlier_outputs_and_no_temporary_files(
    work: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second document fails after the first was written to its temporary files."""
    from briefgen.pipeline import render

    original = render.Renderer.render_file
    calls: list[str] = []

    def flaky(self: render.Renderer, doc_id: str, fmt: str, document: object, target: str) -> object:
        calls.append(doc_id)
        if len(set(calls)) > 1:
            raise RuntimeError("schijf vol")
        return original(self, doc_id, fmt, document, target)  # type: ignore[arg-type]

    monkeypatch.setattr(render.Renderer, "render_file", flaky)
    before = snapshot(work / "out")
    args = ("--kind", "press", "--kind", "letter", "--theme", "asiel-migratie", "--date", DATE, "--jobs", "1")
    result = invoke(work, *args)
    expect_failure(
        work,
        result,
        1,
        ["Error: RuntimeError: schijf vol", "Run again with --debug for details."],
        before,
        work / "out",
    )
    assert len(set(calls)) == 2


def test_debug_shows_the_traceback_of_an_unexpected_error(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.pipeline import compose

    def broken(*_: object) -> None:
        raise RuntimeError("onverwacht")

    monkeypatch.setattr(compose.Composer, "load", broken)
    quiet = invoke(work, *BASE_ARGS)
    assert quiet.exit_code == 1 and "Traceback" not in quiet.output
    assert quiet.stderr.splitlines() == ["Error: RuntimeError: onverwacht", "Run again with --debug for details."]
    loud = invoke(work, *BASE_ARGS, debug=True)
    assert isinstance(loud.exception, RuntimeError) and str(loud.exception) == "onverwacht"


def test_unexpected_error_messages_are_cut_short(work: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from briefgen.pipeline import compose

    def broken(*_: object) -> None:
        raise ValueError("x" * 100_000)

    monkeypatch.setattr(compose.Composer, "load", broken)
    result = invoke(work, *BASE_ARGS)
    assert result.exit_code == 1 and len(result.stderr) < 1000


# ---------------------------------------------------------------- injection: literal text in both formats

INJECTIONS = {
    "img": '<img src="file:///etc/passwd">',
    "style": "</p><style>@import url(file:///etc/passwd)</style>",
    "script": "<script>alert('x')</script>&amp;&lt;b&gt;",
    "link": '<a href="javascript:alert(1)">klik</a><link rel="attachment" href="file:///etc/passwd">',
}


def _squash(text: str) -> str:
    """Text without white space or soft/automatic hyphens (line breaks may fall anywhere)."""
    return re.sub(r"[\s\u00ad\u2010]", "", text)


@pytest.fixture(scope="module")
def injected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    """A press statement whose texts (positions and profile) hold markup; built in both formats."""
    base = tmp_path_factory.mktemp("injected")
    for name in ("positions", "templates", "sources"):
        shutil.copytree(ROOT / name, base / name)
    shutil.copy(ROOT / PROFILE, base / PROFILE)
    edit(base, ALGEMEEN, "  lead:\n    text: >-\n", f"  lead:\n    text: >-\n      Begin {INJECTIONS['img']} midden\n")
    edit(base, ALGEMEEN, "  quote: >-\n", f"  quote: >-\n    {INJECTIONS['style']}\n")
    edit(
        base,
        ALGEMEEN,
        "    - heading: Bestaanszekerheid\n",
        f'    - heading: "Bestaanszekerheid {INJECTIONS["script"]}"\n',
    )
    edit(
        base,
        PROFILE,
        "  no_embargo: Voor directe publicatie",
        f"  no_embargo: 'Voor directe publicatie {INJECTIONS['link']}'",
    )
    result = CliRunner().invoke(
        main,
        _build_args(base),
    )
    assert result.exit_code == 0, result.output
    return {
        "pdf": (base / "out/press/hoofdlijnenakkoord.pdf").read_bytes(),
        "docx": (base / "out/press/hoofdlijnenakkoord.docx").read_bytes(),
        "manifest": (base / "out/manifest.json").read_bytes(),
        "out": str(base / "out").encode(),
    }


def _pdf_text(data: bytes) -> str:
    pypdf = pytest.importorskip("pypdf")
    reader = pypdf.PdfReader(io.BytesIO(data))
    return "\n".join(page.extract_text() or "" for page in reader.pages)


def _docx_text(data: bytes) -> str:
    """Body text, tables included (claim paragraphs are content controls, which python-docx's
    ``paragraph.text`` skips)."""
    from briefgen.checks.docxtext import read_docx

    return read_docx(data).text()


@pytest.mark.parametrize("name", list(INJECTIONS))
def test_injected_markup_is_literal_text_in_the_pdf(injected: dict[str, bytes], name: str) -> None:
    assert _squash(INJECTIONS[name]) in _squash(_pdf_text(injected["pdf"]))


@pytest.mark.parametrize("name", list(INJECTIONS))
def test_injected_markup_is_literal_text_in_the_docx(injected: dict[str, bytes], name: str) -> None:
    assert _squash(INJECTIONS[name]) in _squash(_docx_text(injected["docx"]))


def test_injected_markup_fetched_and_embedded_nothing(injected: dict[str, bytes]) -> None:
    import zipfile

    import pikepdf

    with pikepdf.open(io.BytesIO(injected["pdf"])) as pdf:
        assert "/EmbeddedFiles" not in pdf.Root.get("/Names", {})
        for page in pdf.pages:
            assert "/Annots" not in page or all(
                "javascript" not in str(annot.get("/A", {}).get("/URI", "")).lower() for annot in page.Annots
            )
            assert all(
                "javascript" not in str(annot.get("/A", {}).get("/URI", "")).lower()
                for annot in page.get("/Annots", [])
            )
    with zipfile.ZipFile(io.BytesIO(injected["docx"])) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        names = archive.namelist()
    assert "&lt;img src=" in body and "<img" not in body and "<style" not in body and "<script" not in body
    assert not [name for name in names if "passwd" in name or name.startswith("word/embeddings")]
    passwd = Path("/etc/passwd")
    if passwd.is_file():
        first = passwd.read_bytes().splitlines()[0]
        assert first not in injected["docx"] and first not in injected["pdf"]


def test_manifest_lists_exactly_what_was_written(injected: dict[str, bytes]) -> None:
    import json

    out = Path(injected["out"].decode())
    manifest = json.loads(injected["manifest"])
    listed = {file["path"]: file for doc in manifest["documents"] for file in doc["files"]}
    assert set(listed) == {f"press/hoofdlijnenakkoord.{suffix}" for suffix in ("docx", "pdf", "html", "diwoo.xml")}
    listed.update({file["path"]: file for file in manifest["site"]})
    for path, file in listed.items():
        data = (out / path).read_bytes()
        assert hashlib.sha256(data).hexdigest() == file["sha256"] and len(data) == file["bytes"]
    written = {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and ".briefgen" not in p.parts}
    assert written == {*listed, "manifest.json"}


# ---------------------------------------------------------------- templates: unit level


@pytest.mark.parametrize("name", ["brief.html.j2", "brief.j2", "brief.txt", "brief"])
def test_every_template_is_autoescaped_whatever_its_name(tmp_path: Path, name: str) -> None:
    from briefgen.content.templating import make_environment

    (tmp_path / name).write_text("<p>{{ text }}</p>")
    rendered = make_environment(tmp_path).get_template(name).render(text='<img src="x"> & </p>')
    assert rendered == "<p>&lt;img src=&#34;x&#34;&gt; &amp; &lt;/p&gt;</p>"


def test_missing_fields_are_errors_naming_template_and_line(tmp_path: Path) -> None:
    import jinja2

    from briefgen.content.templating import make_environment

    (tmp_path / "brief.html.j2").write_text("<p>een</p>\n<p>{{ topic.titel }}</p>\n")
    with pytest.raises(jinja2.UndefinedError) as caught:
        make_environment(tmp_path).get_template("brief.html.j2").render(topic={"title": "x"})
    frames = [
        (tb.tb_frame.f_code.co_filename, tb.tb_lineno)
        for tb in _traceback(caught.value.__traceback__)
        if tb.tb_frame.f_code.co_filename.endswith("brief.html.j2")
    ]
    assert frames and frames[-1][1] == 2


def _traceback(tb: object) -> list:  # type: ignore[type-arg]
    result = []
    while tb is not None:
        result.append(tb)
        tb = tb.tb_next  # type: ignore[attr-defined]
    return result


# ---------------------------------------------------------------- writing: unit level


def test_contained_refuses_paths_outside_the_output_folder(tmp_path: Path) -> None:
    from briefgen.pipeline.output import contained
    from briefgen.problems import UsageError

    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "link").symlink_to(tmp_path)
    for relative in ("../elders.pdf", "/etc/passwd", "press/../../elders.pdf", "link/elders.pdf"):
        with pytest.raises(UsageError, match="would leave the output folder"):
            contained(tmp_path / "out", relative)
    assert contained(tmp_path / "out", "press/a.pdf") == (tmp_path / "out/press/a.pdf").resolve()


def test_write_atomic_replaces_nothing_when_one_file_cannot_be_written(tmp_path: Path) -> None:
    from briefgen.pipeline.output import write_atomic

    good = tmp_path / "goed.json"
    good.write_text("oud")
    (tmp_path / "bestand").write_text("geen map")
    with pytest.raises(OSError):
        write_atomic({good: b"nieuw", tmp_path / "bestand" / "x.json": b"x"})
    assert good.read_text() == "oud"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bestand", "goed.json"]  # no temporary files left
