"""Change one scalar of a YAML file in place, keeping everything else byte for byte: comments,
order, indentation, and the scalar's own style (folded ``>-`` re-wrapped to the file's width,
plain, quoted)."""

from __future__ import annotations

import copy
import difflib
import re
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from briefgen.readers.yamlfile import Path_

DEFAULT_WIDTH = 100
_PLAIN_UNSAFE = re.compile(r"(^[-?:,\[\]{}#&*!|>'\"%@`\s])|(: )|( #)|(:$)|(\s$)")


class EditError(ValueError):
    """The change cannot be written without touching more than the scalar."""


def _compose(text: str) -> Node:
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if node is None:
        raise EditError("the file is empty")
    return node


def _child(node: Node, part: str | int) -> tuple[Node, Node | None]:
    """The child of ``node`` at ``part`` and, in a mapping, its key node."""
    if isinstance(node, MappingNode) and isinstance(part, str):
        for key, value in node.value:
            if isinstance(key, ScalarNode) and key.value == part:
                return value, key
    if isinstance(node, SequenceNode) and isinstance(part, int) and 0 <= part < len(node.value):
        return node.value[part], None
    raise EditError(f"no field {part!r} here")


def find_scalar(text: str, path: Path_) -> tuple[ScalarNode, Node | None, Path_]:
    """The scalar at ``path`` (a claim mapping's ``text``), its key node and its full path."""
    node: Node = _compose(text)
    key: Node | None = None
    for part in path:
        node, key = _child(node, part)
    if isinstance(node, MappingNode):
        node, key = _child(node, "text")
        path = (*path, "text")
    if not isinstance(node, ScalarNode):
        raise EditError("not a text")
    return node, key, path


def file_width(text: str) -> int:
    """The width the file's folded texts are wrapped at: nearly all their wrapped lines fit in it
    (a long word or a fragment kept on one line may stick out); 100 when there are too few."""
    wrapped: list[int] = []
    lines = text.split("\n")
    indent = None
    for index, line in enumerate(lines[:-1]):
        if re.search(r"(:|-)\s+>-?\s*$", line):
            indent = len(line) - len(line.lstrip(" ")) + 1
            continue
        following = lines[index + 1]
        if indent is None or not line.strip() or len(line) - len(line.lstrip(" ")) < indent:
            indent = None
            continue
        if following.strip() and len(following) - len(following.lstrip(" ")) >= indent:
            wrapped.append(len(line))
    if len(wrapped) < 5:
        return DEFAULT_WIDTH
    wrapped.sort()
    return min(max(wrapped[int(0.97 * (len(wrapped) - 1))], 60), 120)


def wrap(text: str, indent: int, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` characters (a longer word stands alone)."""
    lines: list[str] = []
    current = ""
    for word in text.split(" "):
        candidate = f"{current} {word}" if current else word
        if current and indent + len(candidate) > width:
            lines.append(" " * indent + current)
            current = word
        else:
            current = candidate
    if current:
        lines.append(" " * indent + current)
    return lines


def rewrap(old_lines: list[str], value: str, indent: int, width: int) -> list[str]:
    """The lines of a folded text changed to ``value`` with as few lines changed as possible:
    each word stays on its line, new words join the line of the word before them, and only a
    line that grows too long passes its last words on to the next."""
    old_words = [(number, word) for number, line in enumerate(old_lines) for word in line.split()]
    new_words = value.split(" ")
    if not old_words or any("  " in line.strip() for line in old_lines):
        return wrap(value, indent, width)
    lines: list[list[str]] = [[] for _ in old_lines]
    matcher = difflib.SequenceMatcher(None, [w for _, w in old_words], new_words, autojunk=False)
    for tag, i1, _, j1, j2 in matcher.get_opcodes():
        for offset, word in enumerate(new_words[j1:j2]):
            if tag == "equal":
                number = old_words[i1 + offset][0]
            elif i1 > 0:
                number = old_words[i1 - 1][0]
            else:
                number = old_words[min(i1, len(old_words) - 1)][0]
            lines[number].append(word)
    result: list[list[str]] = [words for words in lines if words]
    index = 0
    while index < len(result):
        words = result[index]
        while len(words) > 1 and indent + len(" ".join(words)) > width:
            if index + 1 == len(result):
                result.append([])
            result[index + 1].insert(0, words.pop())
        index += 1
    return [" " * indent + " ".join(words) for words in result if words]


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _block_end(text: str, node: ScalarNode) -> int:
    """End of the last content line of a block scalar (before its line break)."""
    start = node.start_mark.index
    first_break = text.find("\n", start)
    if first_break < 0:
        return len(text)
    end = first_break
    indent = None
    position = first_break + 1
    while position < len(text):
        next_break = text.find("\n", position)
        line = text[position : next_break if next_break >= 0 else len(text)]
        if line.strip():
            current = len(line) - len(line.lstrip(" "))
            if indent is None:
                indent = current
            if current < indent:
                break
            end = position + len(line)
        elif indent is None:
            pass
        if next_break < 0:
            break
        position = next_break + 1
    return end


def _content_indent(text: str, node: ScalarNode, key: Node | None) -> int:
    if key is not None:
        return key.start_mark.column + 2
    return node.start_mark.column  # a sequence item: the text starts after "- "


def replace_scalar(text: str, path: Path_, value: str, width: int | None = None) -> str:
    """``text`` with the scalar at ``path`` set to ``value``; nothing else changes."""
    if "\n" in value:
        raise EditError("a claim is one paragraph: no line breaks")
    node, key, full_path = find_scalar(text, path)
    width = width or file_width(text)
    indent = _content_indent(text, node, key)
    start = node.start_mark.index
    style = node.style
    if style in (">", "|"):
        header_end = text.find("\n", start)
        header = text[start:header_end]
        end = _block_end(text, node)
        content_indent = _first_content_indent(text, header_end) or indent
        if style == ">":
            body = rewrap(text[header_end + 1 : end].split("\n"), value, content_indent, width)
        else:
            body = wrap(value, content_indent, 10**6)
        new = header + "\n" + "\n".join(body)
    else:
        end = node.end_mark.index
        line_start = _line_start(text, start)
        one_line = text[line_start:start] + value
        if style is None and not _PLAIN_UNSAFE.search(value) and len(one_line) <= width and _plain_ok(value):
            new = value
        elif style in ("'", '"') and len(one_line) + 2 <= width:
            new = yaml.dump(value, default_style=style, allow_unicode=True, width=10**6).rstrip("\n")
            new = new.removesuffix("\n...")
        else:
            new = ">-\n" + "\n".join(wrap(value, indent, width))
    result = text[:start] + new + text[end:]
    _verify(text, result, full_path, value)
    return result


def _first_content_indent(text: str, header_end: int) -> int:
    position = header_end + 1
    while position < len(text):
        next_break = text.find("\n", position)
        line = text[position : next_break if next_break >= 0 else len(text)]
        if line.strip():
            return len(line) - len(line.lstrip(" "))
        if next_break < 0:
            break
        position = next_break + 1
    return 0


def _plain_ok(value: str) -> bool:
    """Whether ``value`` reads back as the same text when written plain."""
    try:
        return yaml.safe_load(f"k: {value}") == {"k": value}
    except yaml.YAMLError:
        return False


def delete_item(text: str, path: Path_) -> str:
    """``text`` without the sequence item at ``path`` (its lines, comments inside it included)."""
    *parent_path, index = path
    if not isinstance(index, int):
        raise EditError("only an item of a list can be deleted")
    parent: Node = _compose(text)
    for part in parent_path:
        parent, _ = _child(parent, part)
    if not isinstance(parent, SequenceNode) or parent.flow_style or not 0 <= index < len(parent.value):
        raise EditError("not an item of a block list")
    item = parent.value[index]
    start = _line_start(text, item.start_mark.index)
    dash_column = item.start_mark.column - 2
    if index + 1 < len(parent.value):
        end = _keep_comments_before(text, _line_start(text, parent.value[index + 1].start_mark.index), dash_column)
    else:
        end = _item_end(text, start, dash_column)
    result = text[:start] + text[end:]
    expected = yaml.safe_load(text)
    _delete(expected, path)
    if yaml.safe_load(result) != expected:
        raise EditError("the list item cannot be removed on its own")
    return result


def _keep_comments_before(text: str, end: int, dash_column: int) -> int:
    """Move ``end`` up past comment lines at the list's own indentation (they belong to the next item)."""
    while end > 0:
        previous = _line_start(text, end - 1)
        line = text[previous : end - 1]
        if line.strip().startswith("#") and len(line) - len(line.lstrip(" ")) <= dash_column:
            end = previous
        else:
            break
    return end


def _item_end(text: str, start: int, dash_column: int) -> int:
    position = text.find("\n", start)
    if position < 0:
        return len(text)
    position += 1
    end = position
    while position < len(text):
        next_break = text.find("\n", position)
        line = text[position : next_break if next_break >= 0 else len(text)]
        if line.strip() and len(line) - len(line.lstrip(" ")) <= dash_column:
            break
        if line.strip():
            end = next_break + 1 if next_break >= 0 else len(text)
        if next_break < 0:
            break
        position = next_break + 1
    return end


def _delete(data: Any, path: Path_) -> None:
    for part in path[:-1]:
        data = data[part]
    del data[path[-1]]


def _verify(before: str, after: str, path: Path_, value: str) -> None:
    """The new file reads as the old one with only ``path`` changed (else nothing is written)."""
    expected = copy.deepcopy(yaml.safe_load(before))
    target = expected
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    try:
        actual = yaml.safe_load(after)
    except yaml.YAMLError as error:
        raise EditError(f"the new text would not be valid YAML: {error}") from None
    if actual != expected:
        raise EditError("the new text would change more than this field")
