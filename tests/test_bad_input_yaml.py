"""Bad input at the YAML level: every problem is located, nothing silently changes meaning.

These call the reader and the validator directly (fast); ``test_bad_input_build.py`` runs the
same kinds of input through ``briefgen build``.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from briefgen.problems import Problem
from briefgen.readers.validate import validate
from briefgen.readers.yamlfile import MAX_DEPTH, MAX_FILE_BYTES, MAX_STRING_CHARS, Located, read_yaml
from briefgen.schema.positions import Figure, Source
from briefgen.schema.profile import Gates

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "bad"


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Work inside tmp_path, so files are named as users see them (``x.yaml``)."""
    monkeypatch.chdir(tmp_path)


def _read(tmp_path: Path, content: str | bytes, name: str = "x.yaml") -> Located | Problem:
    path = tmp_path / name
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8")
    else:
        path.write_bytes(content)
    return read_yaml(path)


def _problem(tmp_path: Path, content: str | bytes, name: str = "x.yaml") -> Problem:
    result = _read(tmp_path, content, name)
    assert isinstance(result, Problem), f"accepted: {result}"
    assert result.file.endswith(name), result
    return result


def _data(tmp_path: Path, content: str) -> object:
    result = _read(tmp_path, content)
    assert isinstance(result, Located), str(result)
    return result.data


def _messages(tmp_path: Path, model: type, content: str) -> list[str]:
    located = _read(tmp_path, content)
    assert isinstance(located, Located), str(located)
    value, problems = validate(model, located)
    assert value is None, f"accepted: {value}"
    return [str(p) for p in problems]


# ---------------------------------------------------------------- syntax and structure


def test_syntax_error_is_located(tmp_path: Path) -> None:
    problem = _problem(tmp_path, "id: a\ntitle: [open\nnext: 1\n")
    assert (problem.line, problem.column) == (3, 5)
    assert problem.message.startswith("YAML syntax:")
    assert str(problem).startswith(f"{problem.file}:3:5: YAML syntax:")


def test_tab_indentation_is_located(tmp_path: Path) -> None:
    problem = _problem(tmp_path, "id: a\nsub:\n\tkey: 1\n")
    assert (problem.line, problem.column) == (3, 1) and "YAML syntax" in problem.message


def test_duplicate_keys_are_rejected_with_both_lines(tmp_path: Path) -> None:
    problem = _problem(tmp_path, "id: a\ntitle: Eerste\nurl: https://x.nl\ntitle: Tweede\n")
    assert (problem.line, problem.column) == (4, 1)
    assert problem.message == "duplicate key 'title' (first defined on line 2)"


def test_nested_duplicate_keys_are_rejected(tmp_path: Path) -> None:
    problem = _problem(tmp_path, "topics:\n  - id: a\n    id: b\n")
    assert (problem.line, problem.message) == (3, "duplicate key 'id' (first defined on line 2)")


def test_several_documents_in_one_file_are_rejected(tmp_path: Path) -> None:
    problem = _problem(tmp_path, "id: a\n---\nid: b\n")
    assert problem.line == 2 and "single document" in problem.message


def test_non_text_keys_are_rejected(tmp_path: Path) -> None:
    problem = _problem(tmp_path, "? [a, b]\n: 1\n")
    assert problem.line == 1 and problem.message == "keys must be plain text"


# ---------------------------------------------------------------- YAML 1.1 surprises


@pytest.mark.parametrize("text", ["NO", "no", "No", "on", "ON", "off", "yes", "Yes", "y", "n", "True", "FALSE"])
def test_yaml11_booleans_stay_text(tmp_path: Path, text: str) -> None:
    assert _data(tmp_path, f"value: {text}\n") == {"value": text}


def test_only_true_and_false_are_booleans(tmp_path: Path) -> None:
    assert _data(tmp_path, "a: true\nb: false\n") == {"a": True, "b": False}


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("no", "'no'"),
        ("off", "'off'"),
        ("NO", "'NO'"),
        ("'yes'", "'yes'"),
        ("0", "0"),
        ("1", "1"),
        ("'true'", "'true'"),
    ],
)
def test_boolean_fields_refuse_anything_but_true_and_false(tmp_path: Path, text: str, shown: str) -> None:
    (message,) = _messages(tmp_path, Gates, f"figures: {text}\n")
    assert message == f"x.yaml:1:10: figures: expected true or false, got {shown}"


@pytest.mark.parametrize("text", ["012", "007", "-012", "0_12", "00"])
def test_leading_zero_numbers_are_refused_not_read_as_octal(tmp_path: Path, text: str) -> None:
    problem = _problem(tmp_path, f"id: a\nvalue: {text}\n")
    assert (problem.line, problem.column) == (2, 8)
    assert f"number {text!r} has a leading zero" in problem.message and "quote it" in problem.message


def test_quoted_leading_zero_is_text(tmp_path: Path) -> None:
    assert _data(tmp_path, "phone: '0612345678'\n") == {"phone": "0612345678"}


def test_sexagesimal_stays_text(tmp_path: Path) -> None:
    assert _data(tmp_path, "time: 12:30\nlong: 1:02:03\n") == {"time": "12:30", "long": "1:02:03"}


@pytest.mark.parametrize("text", ["0x1F", "0o17", "1e3", "1_000", ".inf", "-.inf", ".nan", "+1", "1.", ".5", "0b101"])
def test_other_yaml11_numbers_stay_text(tmp_path: Path, text: str) -> None:
    assert _data(tmp_path, f"value: {text}\n") == {"value": text}


def test_dates_stay_text_until_the_schema_reads_them(tmp_path: Path) -> None:
    assert _data(tmp_path, "date: 2026-05-01\n") == {"date": "2026-05-01"}


def test_version_like_number_in_a_text_field_is_shown_as_written(tmp_path: Path) -> None:
    (message,) = _messages(tmp_path, Source, "id: a\ntitle: 1.10\n")
    assert message == "x.yaml:2:8: title: expected text, got 1.10 (put it in quotes)"


def test_time_is_not_a_number(tmp_path: Path) -> None:
    content = "id: a\nlabel: Tijd\nkind: count\nvalue: 12:30\nsource: analyse\n"
    (message,) = _messages(tmp_path, Figure, content)
    assert message == "x.yaml:4:8: value: expected a number (or a date as YYYY-MM-DD), got '12:30'"


def test_overlong_numbers_are_refused(tmp_path: Path) -> None:
    problem = _problem(tmp_path, "value: " + "9" * 5000 + "\n")
    assert problem.line == 1 and "is longer than" in problem.message


# ---------------------------------------------------------------- anchors, aliases, tags


def test_anchors_are_refused(tmp_path: Path) -> None:
    problem = _problem(tmp_path, "a: &naam Tekst\nb: *naam\n")
    assert (problem.line, problem.column) == (1, 4) and "anchors (&name) are not allowed" in problem.message


def test_aliases_are_refused(tmp_path: Path) -> None:
    problem = _problem(tmp_path, "a: Tekst\nb: *naam\n")
    assert problem.line == 2 and ("alias" in problem.message or "undefined" in problem.message)


def test_billion_laughs_is_refused_quickly(tmp_path: Path) -> None:
    started = time.perf_counter()
    problem = _problem(tmp_path, (FIXTURES / "billion-laughs.yaml").read_bytes())
    assert time.perf_counter() - started < 1
    assert problem.line == 1 and "anchors" in problem.message


def test_merge_keys_are_just_unknown_fields(tmp_path: Path) -> None:
    (message,) = _messages(tmp_path, Source, "id: a\ntitle: b\n<<: {url: https://x.nl}\n")
    assert message.startswith("x.yaml:3:1: <<: unknown field '<<'")


TAGS = ["!!python/object/apply:os.system ['true']", "!!int '1'", "!!binary aGVsbG8=", "!foo x"]


@pytest.mark.parametrize("tag", TAGS)
def test_explicit_tags_are_refused(tmp_path: Path, tag: str) -> None:
    problem = _problem(tmp_path, f"value: {tag}\n")
    assert problem.line == 1 and "explicit tags" in problem.message


# ---------------------------------------------------------------- limits


def test_file_size_is_limited(tmp_path: Path) -> None:
    problem = _problem(tmp_path, "title: " + "x" * MAX_FILE_BYTES + "\n")
    assert problem.line == 0 and f"the limit is {MAX_FILE_BYTES:,}" in problem.message
    assert str(problem).startswith(f"{problem.file}: is ")


def test_string_length_is_limited(tmp_path: Path) -> None:
    problem = _problem(tmp_path, "id: a\ntitle: " + "x" * (MAX_STRING_CHARS + 1) + "\n")
    assert (problem.line, problem.column) == (2, 8)
    limit = MAX_STRING_CHARS
    assert problem.message == f"text of {limit + 1} characters is longer than the limit of {limit}"


def test_string_at_the_limit_is_accepted(tmp_path: Path) -> None:
    assert _data(tmp_path, "title: " + "x" * MAX_STRING_CHARS + "\n") == {"title": "x" * MAX_STRING_CHARS}


def test_block_nesting_is_limited(tmp_path: Path) -> None:
    lines = "".join("  " * level + f"k{level}:\n" for level in range(MAX_DEPTH + 2)) + "  " * (MAX_DEPTH + 2) + "v\n"
    problem = _problem(tmp_path, lines)
    assert problem.line > 1 and f"nested more than {MAX_DEPTH} levels deep" in problem.message


def test_very_deep_flow_nesting_is_refused_without_crashing(tmp_path: Path) -> None:
    started = time.perf_counter()
    problem = _problem(tmp_path, "a: " + "[" * 200_000 + "]" * 200_000 + "\n")
    assert time.perf_counter() - started < 10
    assert problem.line >= 1 and "nested" in problem.message


def test_many_keys_within_limits_are_fine(tmp_path: Path) -> None:
    data = _data(tmp_path, "".join(f"k{i}: {i}\n" for i in range(5000)))
    assert isinstance(data, dict) and len(data) == 5000


# ---------------------------------------------------------------- characters


@pytest.mark.parametrize(
    ("raw", "code"),
    [("\x00", "0000"), ("\x07", "0007"), ("\x1b", "001B"), ("\x7f", "007F"), ("\x9b", "009B"), ("\ufffe", "FFFE")],
)
def test_raw_invalid_characters_are_located_exactly(tmp_path: Path, raw: str, code: str) -> None:
    problem = _problem(tmp_path, f"id: a\ntitle: Goed{raw}bedoeld\n")
    assert (problem.line, problem.column) == (2, 12)
    assert problem.message.startswith(f"invalid character U+{code} (")


ESCAPES = [("\\x00", "0000"), ("\\x0b", "000B"), ("\\e", "001B"), ("\\ud800", "D800")]


@pytest.mark.parametrize(("escape", "code"), ESCAPES)
def test_escaped_invalid_characters_are_located(tmp_path: Path, escape: str, code: str) -> None:
    problem = _problem(tmp_path, f'id: a\ntitle: "Goed{escape}bedoeld"\n')
    assert (problem.line, problem.column) == (2, 8)
    assert problem.message.startswith(f"invalid character U+{code} (") and "position 5 of the text" in problem.message


@pytest.mark.parametrize("raw", ["\x85", "\u2028", "\u2029"])
def test_yaml11_line_breaks_are_refused_not_folded(tmp_path: Path, raw: str) -> None:
    problem = _problem(tmp_path, f"id: a\ntitle: Een{raw}twee\nurl: x\n")
    assert (problem.line, problem.column) == (2, 11) and "line separator" in problem.message


@pytest.mark.parametrize("text", ["שלום", "مرحبا", "abc\u202eevil", "x\u2067y"])
def test_right_to_left_text_is_refused(tmp_path: Path, text: str) -> None:
    problem = _problem(tmp_path, f"id: a\ntitle: {text}\n")
    assert (problem.line, problem.column) == (2, 8) and "right-to-left character" in problem.message


def test_ordinary_unicode_is_accepted(tmp_path: Path) -> None:
    text = "Ĳsselmeer, café, naïef, ‘citaat’, € 5, ½, 😀, 中文, Ελλάδα, ﬁets, e\u0301, zacht\u00adkoppel\u200bteken"
    assert _data(tmp_path, f'title: "{text}"\n') == {"title": text}


def test_byte_order_mark_is_ignored(tmp_path: Path) -> None:
    assert _data(tmp_path, "\ufeffid: a\n") == {"id": "a"}


# ---------------------------------------------------------------- empty, binary, wrong encoding


@pytest.mark.parametrize("content", ["", "   \n\n", "# alleen commentaar\n", "---\n", "~\n", "null\n"])
def test_empty_files_are_reported_by_name(tmp_path: Path, content: str) -> None:
    problem = _problem(tmp_path, content, "leeg.yaml")
    assert str(problem) == f"{problem.file}: is empty"


def test_latin1_file_is_reported_with_the_place_of_the_first_bad_byte(tmp_path: Path) -> None:
    problem = _problem(tmp_path, "id: a\ntitle: Caf\xe9\n".encode("latin-1"), "latin1.yaml")
    assert (problem.line, problem.column) == (2, 11)
    assert problem.message == "is not UTF-8 text (save it as UTF-8)"


def test_utf16_file_is_reported(tmp_path: Path) -> None:
    problem = _problem(tmp_path, "id: a\n".encode("utf-16"), "utf16.yaml")
    assert "is not UTF-8 text" in problem.message


def test_binary_file_is_reported(tmp_path: Path) -> None:
    problem = _problem(tmp_path, (FIXTURES / "binary.yaml").read_bytes(), "binary.yaml")
    assert problem.message == "is not UTF-8 text (save it as UTF-8)" or "invalid character" in problem.message


def test_nul_bytes_are_reported(tmp_path: Path) -> None:
    problem = _problem(tmp_path, b"\x00" * 64, "nul.yaml")
    assert (problem.line, problem.column) == (1, 1) and "U+0000" in problem.message


def test_folder_and_missing_file_are_reported_by_name(tmp_path: Path) -> None:
    (tmp_path / "map.yaml").mkdir()
    folder = read_yaml(tmp_path / "map.yaml")
    missing = read_yaml(tmp_path / "weg.yaml")
    assert isinstance(folder, Problem) and folder.message == "is a folder, not a YAML file"
    assert isinstance(missing, Problem) and missing.message.startswith("cannot be read")


def test_pipes_and_devices_are_refused_without_reading_them(tmp_path: Path) -> None:
    os = pytest.importorskip("os")
    if not hasattr(os, "mkfifo") or not Path("/dev/zero").exists():
        pytest.skip("needs named pipes and /dev/zero")
    os.mkfifo(tmp_path / "pijp.yaml")
    (tmp_path / "nul.yaml").symlink_to("/dev/zero")
    for name in ("pijp.yaml", "nul.yaml"):
        problem = read_yaml(Path(name))
        assert isinstance(problem, Problem) and str(problem) == f"{name}: is not a regular file"


def test_top_level_must_be_a_mapping(tmp_path: Path) -> None:
    (message,) = _messages(tmp_path, Source, "- id: a\n")
    assert message == "x.yaml:1:1: expected a mapping of fields, got [{'id': 'a'}]"


def test_editor_lock_and_hidden_files_in_positions_are_ignored(project: Path) -> None:
    from briefgen.readers.positions import load_positions

    (project / "positions" / ".#03-wonen-mobiliteit.yaml").symlink_to("user@host.1234:1700000000")
    (project / "positions" / ".03-wonen-mobiliteit.yaml.swp.yaml").write_bytes(b"\x00binary")
    assert len(load_positions(project / "positions").themes) == 10
