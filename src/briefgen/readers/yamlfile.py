"""Strict, located YAML reading.

PyYAML composes the node tree (safe: no Python tags); this module builds plain Python data
from it with YAML 1.2-like rules, so nothing silently changes meaning:

- only ``true``/``false`` are booleans (``NO``, ``on``, ``yes`` stay text);
- numbers with a leading zero (``012``) are refused, ``12:30`` stays text, dates stay text
  (the schema parses them);
- duplicate keys, anchors/aliases and explicit tags are refused;
- file size, string length and nesting depth are bounded;
- characters that are invalid in XML (control characters, lone surrogates) are refused, and so
  are NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR (YAML 1.1 line breaks), raw or escaped,
  and right-to-left letters and bidirectional controls (the PDF could not say the same).

Every node's position is recorded, so schema errors can name ``file:line:col``.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
import yaml.cyaml
import yaml.reader
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from briefgen.characters import FORBIDDEN_CHARS
from briefgen.problems import Problem, display_path

MAX_FILE_BYTES = 1_000_000
MAX_STRING_CHARS = 20_000
MAX_DEPTH = 12
MAX_NUMBER_CHARS = 30

Path_ = tuple[str | int, ...]

_INT = re.compile(r"-?(?:0|[1-9][0-9]*)")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9_]+")
_FLOAT = re.compile(r"-?(?:0|[1-9][0-9]*)\.[0-9]+")
_NULL = {"", "~", "null"}
_LINE_SEPARATORS = re.compile("[\x85\u2028\u2029]")
"""YAML 1.1 reads these as line breaks (PyYAML does), so they would silently change the text."""
_RTL_CLASSES = {"R", "AL", "RLE", "RLO", "LRE", "LRO", "PDF", "RLI", "LRI", "FSI", "PDI"}
_REFUSED = re.compile(f"{FORBIDDEN_CHARS.pattern}|{_LINE_SEPARATORS.pattern}")


@dataclass
class Located:
    """Data read from a YAML file, with the line and column of every node."""

    data: Any
    file: str
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    raw: dict[Path_, str] = field(default_factory=dict)
    """The source text of every unquoted scalar that became a number, boolean or null (``1.10``)."""

    def where(self, path: Path_, key: bool = False) -> tuple[int, int]:
        """Line and column (1-based) of ``path``, or of its nearest located parent."""
        table = self.key_positions if key else self.positions
        probe = tuple(path)
        while probe:
            if probe in table:
                return table[probe]
            if probe in self.positions:
                return self.positions[probe]
            probe = probe[:-1]
        return self.positions.get((), (1, 1))

    def problem(self, path: Path_, message: str, key: bool = False) -> Problem:
        """A problem located at ``path`` in this file."""
        line, column = self.where(path, key)
        return Problem(self.file, line, column, format_path(path), message)


def format_path(path: Path_) -> str:
    """``("topics", 3, "figures", 0, "value")`` → ``topics[3].figures[0].value``."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


class _YamlProblem(Exception):
    def __init__(self, message: str, node_or_mark: Any, path: Path_ | None = None) -> None:
        super().__init__(message)
        mark = getattr(node_or_mark, "start_mark", node_or_mark)
        self.line = mark.line + 1 if mark is not None else 1
        self.column = mark.column + 1 if mark is not None else 1
        self.path = path


class _StrictComposer(Composer):
    """A composer that refuses aliases, anchors and explicit tags."""

    def compose_node(self, parent: Node | None, index: Any) -> Node:  # type: ignore[override]
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, AliasEvent):
            raise _YamlProblem("aliases (*name) are not allowed; write the value out", event)
        if isinstance(event, (ScalarEvent, CollectionStartEvent)):
            if event.anchor is not None:
                raise _YamlProblem("anchors (&name) are not allowed; write the value out", event)
            tag = event.tag
            if tag is not None and tag not in ("!", "tag:yaml.org,2002:str"):
                raise _YamlProblem(f"explicit tags such as {tag!r} are not allowed", event)
        node = super().compose_node(parent, index)
        assert node is not None  # only at the end of a stream, which compose_node is not called for
        return node


class _Loader(Reader, Scanner, Parser, _StrictComposer, SafeConstructor, Resolver):
    def __init__(self, stream: str) -> None:
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _StrictComposer.__init__(self)
        SafeConstructor.__init__(self)
        Resolver.__init__(self)


_FastLoader: type | None = None
if getattr(yaml, "__with_libyaml__", False):

    class _LibyamlLoader(_StrictComposer, yaml.cyaml.CParser, SafeConstructor, Resolver):  # type: ignore[misc,name-defined]
        """The same strict composer on libyaml's scanner and parser (several times faster); a file
        it cannot read is read again with the pure-Python parser, for the usual message."""

        def __init__(self, stream: str) -> None:
            yaml.cyaml.CParser.__init__(self, stream)  # type: ignore[attr-defined]
            _StrictComposer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)

        def compose_scalar_node(self, anchor: Any) -> ScalarNode:
            node: ScalarNode = super().compose_scalar_node(anchor)
            if node.style == "":  # libyaml's plain style; the Python parser says None
                node.style = None
            return node

    _FastLoader = _LibyamlLoader


def _single_node(text: str) -> Node | None:
    """The root node of ``text`` (libyaml when installed; any error is reported by the Python parser)."""
    if _FastLoader is not None:
        fast = _FastLoader(text)
        try:
            return fast.get_single_node()  # type: ignore[no-any-return]
        except yaml.YAMLError:
            pass
        finally:
            fast.dispose()
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


def _scalar(node: ScalarNode) -> Any:
    text = node.value
    if node.style is not None:  # quoted or block scalar: always text
        return text
    if text in _NULL:
        return None
    if text in ("true", "false"):
        return text == "true"
    if _LEADING_ZERO.fullmatch(text):
        raise _YamlProblem(
            f"number {text!r} has a leading zero (YAML 1.1 reads it as octal); quote it or drop the zero", node
        )
    if (_INT.fullmatch(text) or _FLOAT.fullmatch(text)) and len(text) > MAX_NUMBER_CHARS:
        raise _YamlProblem(f"number {text[:20]}… is longer than {MAX_NUMBER_CHARS} characters", node)
    if _INT.fullmatch(text):
        return int(text)
    if _FLOAT.fullmatch(text):
        return float(text)
    return text


class _Builder:
    def __init__(self, located: Located) -> None:
        self.located = located

    def build(self, node: Node, path: Path_, depth: int) -> Any:
        try:
            return self._build(node, path, depth)
        except _YamlProblem as problem:
            if problem.path is None:  # the innermost node names the field
                problem.path = path
            raise

    def _build(self, node: Node, path: Path_, depth: int) -> Any:
        if depth > MAX_DEPTH:
            raise _YamlProblem(f"nested more than {MAX_DEPTH} levels deep", node)
        self.located.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if isinstance(node, ScalarNode):
            value = _scalar(node)
            if isinstance(value, str):
                self._check_text(value, node)
            else:
                self.located.raw[path] = node.value
            return value
        if isinstance(node, SequenceNode):
            return [self.build(item, (*path, i), depth + 1) for i, item in enumerate(node.value)]
        if isinstance(node, MappingNode):
            return self._mapping(node, path, depth)
        raise _YamlProblem("unsupported YAML node", node)

    def _mapping(self, node: MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                raise _YamlProblem("keys must be plain text", key_node)
            key = key_node.value
            if key in result:
                line = self.located.key_positions[(*path, key)][0]
                raise _YamlProblem(f"duplicate key {key!r} (first defined on line {line})", key_node, (*path, key))
            try:
                self._check_text(key, key_node)
            except _YamlProblem as problem:
                problem.path = (*path, key)
                raise
            self.located.key_positions[(*path, key)] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            result[key] = self.build(value_node, (*path, key), depth + 1)
        return result

    @staticmethod
    def _check_text(text: str, node: Node) -> None:
        if len(text) > MAX_STRING_CHARS:
            raise _YamlProblem(f"text of {len(text)} characters is longer than the limit of {MAX_STRING_CHARS}", node)
        bad = _REFUSED.search(text)
        if bad:
            raise _YamlProblem(f"{_describe(bad.group())} at position {bad.start() + 1} of the text", node)
        rtl = right_to_left(text)
        if rtl is not None:
            char = text[rtl]
            name = unicodedata.name(char, "a bidirectional control")
            raise _YamlProblem(
                f"right-to-left character U+{ord(char):04X} ({name}) at position {rtl + 1} of the text is not "
                "supported: PDF and DOCX would not show the same text",
                node,
            )


def right_to_left(text: str) -> int | None:
    """Index of the first right-to-left letter or bidirectional control in ``text``, if any.

    The PDF keeps right-to-left runs in visual order (copied or read aloud reversed), so such
    text cannot say the same in both formats; Dutch documents do not need it.
    """
    if text.isascii():
        return None
    for index, char in enumerate(text):
        if unicodedata.bidirectional(char) in _RTL_CLASSES:
            return index
    return None


def _describe(char: str) -> str:
    """``invalid character U+0001 (control character)`` and the like."""
    code = ord(char)
    if _LINE_SEPARATORS.fullmatch(char):
        kind = "line separator; YAML 1.1 reads it as a line break"
    elif 0xD800 <= code <= 0xDFFF:
        kind = "lone surrogate"
    elif code in (0xFFFE, 0xFFFF):
        kind = "not a character"
    else:
        kind = "control character"
    return f"invalid character U+{code:04X} ({kind})"


def _scan_characters(text: str) -> tuple[int, int, str] | None:
    """Line, column and description of the first character the file may not hold raw."""
    bad = _REFUSED.search(text)
    if bad is None:
        return None
    before = text[: bad.start()]
    return before.count("\n") + 1, bad.start() - (before.rfind("\n") + 1) + 1, _describe(bad.group())


def read_yaml(path: Path) -> Located | Problem:
    """Read ``path`` strictly; return the located data, or one problem naming the file."""
    name = display_path(path)
    if path.is_dir():
        return Problem(name, message="is a folder, not a YAML file")
    if path.exists() and not path.is_file():  # a pipe or a device (/dev/zero) would never end
        return Problem(name, message="is not a regular file")
    try:
        with path.open("rb") as stream:
            raw = stream.read(MAX_FILE_BYTES + 1)
            size = max(len(raw), path.stat().st_size)
    except OSError as error:
        return Problem(name, message=f"cannot be read: {error.strerror or error}")
    if len(raw) > MAX_FILE_BYTES:
        return Problem(name, message=f"is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
    return _parsed(name, raw)


@functools.lru_cache(maxsize=512)
def _parsed(name: str, raw: bytes) -> Located | Problem:
    """The located data of a file's bytes (cached by name and content: a preview or a batch
    parses each version of a file once; the results are never changed by their users)."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        return Problem(name, line, column, message="is not UTF-8 text (save it as UTF-8)")
    if text.startswith("\ufeff"):
        text = text[1:]
    if not text.strip():
        return Problem(name, message="is empty")
    bad_character = _scan_characters(text)
    if bad_character is not None:
        line, column, description = bad_character
        return Problem(name, line, column, message=description)
    located = Located(None, name)
    try:
        node = _single_node(text)
        if node is None or (isinstance(node, ScalarNode) and not node.style and node.value in _NULL):
            return Problem(name, message="is empty")
        located.data = _Builder(located).build(node, (), 0)
    except _YamlProblem as problem:
        return Problem(name, problem.line, problem.column, format_path(problem.path or ()), str(problem))
    except yaml.reader.ReaderError as error:  # other characters YAML does not allow (e.g. U+FFFE)
        before = text[: error.position]
        line, column = before.count("\n") + 1, error.position - (before.rfind("\n") + 1) + 1
        return Problem(name, line, column, message=f"invalid character U+{error.character:04X}")
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        message = " ".join(part for part in (error.context, error.problem) if part) or "invalid YAML"
        return Problem(name, line, column, message=f"YAML syntax: {message}")
    except yaml.YAMLError as error:
        return Problem(name, message=f"YAML syntax: {error}")
    except RecursionError:
        return Problem(name, 1, 1, message=f"nested too deeply (limit {MAX_DEPTH} levels)")
    return located
