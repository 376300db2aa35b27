"""The source text a position rests on: loaded, normalised, split into sections, searched.

A basis fragment is *found* when it occurs in the source allowing only for differences a
copy from a PDF or a text export brings: line breaks and other whitespace, a word hyphenated
at a line end (``gemeen-`` / ``ten``), soft hyphens, curly or straight quotation marks and
non-breaking spaces. Nothing else: case, words and punctuation must be exact.

Sections: the source is the VNG analysis, so the part before the first chapter heading is the
director's reaction, each chapter heading opens a theme and each topic heading (the topic's
``title``, exactly as in the analysis) opens that topic's section.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from briefgen.problems import Problem, ProblemsError, display_path

REACTION = "reaction"
"""Owner of the part before the first chapter: the general reaction."""

_BREAK = "\x1f"
"""Stands for a line break right after a hyphen in the flat text."""

_QUOTES = str.maketrans(
    {"‘": "'", "’": "'", "‚": "'", "‛": "'", "`": "'", "´": "'", "“": '"', "”": '"', "„": '"', "‟": '"'}
)
_SPACES = re.compile(r"[ \t\u00a0\u2007\u202f]+")


def normalise(text: str) -> str:
    """Unicode NFC, straight quotes, no soft hyphens, plain spaces."""
    text = unicodedata.normalize("NFC", text).translate(_QUOTES).replace("\u00ad", "")
    return _SPACES.sub(" ", text)


@dataclass(frozen=True)
class Owner:
    """Who a stretch of the source belongs to: the reaction, a theme's chapter text or a topic."""

    theme: str = ""
    topic: str = ""

    @property
    def is_reaction(self) -> bool:
        """True for the director's general reaction."""
        return not self.theme

    def __str__(self) -> str:
        if self.is_reaction:
            return "the general reaction"
        return f"topic {self.topic!r}" if self.topic else f"the chapter text of theme {self.theme!r}"


@dataclass
class SourceText:
    """A source as one flat string with line numbers and owners of its stretches."""

    path: str
    flat: str
    line_starts: list[int]
    """Offset in ``flat`` where each line of the original starts (index 0 is line 1)."""
    owners: list[tuple[int, Owner]] = field(default_factory=list)
    """Sorted (offset, owner): the owner holds from its offset to the next one."""
    _line_texts: list[tuple[int, str]] | None = field(default=None, init=False, repr=False)

    def line_of(self, offset: int) -> int:
        """The 1-based line of the original that holds ``offset``."""
        return max(1, bisect_right(self.line_starts, offset))

    def owner_at(self, offset: int) -> Owner | None:
        """The owner of the stretch that holds ``offset`` (None before the first)."""
        index = bisect_right([start for start, _ in self.owners], offset) - 1
        return self.owners[index][1] if index >= 0 else None

    def find(self, fragment: str) -> list[int]:
        """Offsets in ``flat`` where ``fragment`` occurs (empty when not found)."""
        pattern = fragment_pattern(fragment)
        if pattern is None:
            return []
        return [match.start() for match in pattern.finditer(self.flat)]

    def around(self, offset: int, length: int, reach: int = 600) -> tuple[str, str]:
        """The source text from the start of the sentence holding ``offset`` up to it, and from
        ``offset + length`` to the end of that sentence (at most ``reach`` characters each)."""
        before = self.flat[max(0, offset - reach) : offset]
        ends = [m.end() for m in _SENTENCE_END.finditer(before) if not _abbreviation(before[: m.start() + 1])]
        before = before[ends[-1] :] if ends else before
        after = self.flat[offset + length : offset + length + reach]
        if re.search(r"[.!?]['\")]*$", self.flat[offset : offset + length]):
            after = ""
        for match in _SENTENCE_END.finditer(after):
            if not _abbreviation(after[: match.start() + 1]):
                after = after[: match.start() + 1]
                break
        return _readable(before), _readable(after)

    def list_lead(self, offset: int) -> str:
        """The lead-in ending in ``:`` of the bulleted list whose item holds ``offset``, or "".

        An item is a line opening with ``•`` and the lines after it that open with a small letter
        (the item goes on); a line with a capital that is no item ends the list, so text after
        the list has no lead-in. The lead-in is the sentence ending in the ``:`` right above the
        first item."""
        lines = self._lines()
        index = bisect_right([start for start, _ in lines], offset) - 1
        item = False
        while index >= 0:
            text = lines[index][1]
            if item and text.endswith(":"):
                start = lines[index][0]
                before = self.flat[max(0, start - 400) : start + len(text)]
                body = before[:-1]
                ends = [m.end() for m in _SENTENCE_END.finditer(body) if not _abbreviation(body[: m.start() + 1])]
                return _readable(before[ends[-1] :] if ends else before)
            if text.startswith("•"):
                item = True
            elif not (text[:1].islower() or text[:1].isdigit() or text[:1] in "(€"):
                return ""
            index -= 1
        return ""

    def _lines(self) -> list[tuple[int, str]]:
        """(offset in ``flat``, text) of every non-blank line of the original."""
        if self._line_texts is None:
            ends = [*self.line_starts[1:], len(self.flat)]
            found: list[tuple[int, str]] = []
            for start, end in zip(self.line_starts, ends, strict=True):
                text = self.flat[start:end].strip(" " + _BREAK)
                if text:
                    found.append((start + len(self.flat[start:end]) - len(self.flat[start:end].lstrip(" ")), text))
            self._line_texts = found
        return self._line_texts

    def excerpt(self, offset: int, words: int = 30) -> str:
        """Readable text from ``offset`` on, about ``words`` words."""
        text = self.flat[offset : offset + words * 12].replace("-" + _BREAK, "-").replace(_BREAK, "")
        return " ".join(text.split()[:words])


_SENTENCE_END = re.compile(r"[.!?:](?=\s+[\"'(•]?[A-Z•]|\s*$)|•")


def _abbreviation(text: str) -> bool:
    """True when ``text`` ends in an abbreviation such as ``o.a.`` or ``bijv.`` (no sentence end)."""
    last = text.rsplit(None, 1)[-1].lower() if text.split() else ""
    return last.endswith(".") and (len(last) <= 3 or last.count(".") > 1 or last.rstrip(".") in ("bijv", "incl", "nr"))


def _readable(text: str) -> str:
    return text.replace("-" + _BREAK, "-").replace(_BREAK, "").strip()


@lru_cache(maxsize=4096)
def fragment_pattern(fragment: str) -> re.Pattern[str] | None:
    """A regex that finds ``fragment`` in a flat source with the allowed differences only."""
    words = normalise(fragment).split()
    if not words:
        return None
    parts = []
    for word in words:
        pieces = []
        for index, char in enumerate(word):
            if char == "-":
                pieces.append("-" + _BREAK + "?")
                continue
            if index and word[index - 1].isalpha() and char.isalpha():
                pieces.append(f"(?:-{_BREAK})?")  # hyphenated at a line end in the source
            pieces.append(re.escape(char))
        parts.append("".join(pieces))
    return re.compile(r"(?<![\w-])" + r"\s+".join(parts) + r"(?![\w])")


def read_source(path: Path) -> str:
    """The text of a source file: plain text (UTF-8) or PDF. Raises ProblemsError."""
    shown = display_path(path)
    if not path.is_file():
        raise ProblemsError([Problem(shown, message="source file not found")])
    try:
        if path.suffix.lower() == ".pdf":
            from pypdf import PdfReader
            from pypdf.errors import PyPdfError

            try:
                reader = PdfReader(str(path))
                return "\n".join(page.extract_text() or "" for page in reader.pages)
            except (PyPdfError, ValueError, KeyError) as error:
                raise ProblemsError([Problem(shown, message=f"not a readable PDF: {error}")]) from None
        return path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise ProblemsError(
            [Problem(shown, message=f"not UTF-8 text (byte {error.start}); save it as UTF-8")]
        ) from None
    except OSError as error:
        raise ProblemsError([Problem(shown, message=f"cannot read: {error.strerror}")]) from None


def flatten(text: str) -> tuple[str, list[int]]:
    """One line of text with single spaces; a hyphen at a line end keeps a break marker.

    Returns the flat text and the offset where each original line starts.
    """
    out: list[str] = []
    starts: list[int] = []
    length = 0
    pending_space = False
    for raw_line in normalise(text).split("\n"):
        starts.append(length)
        line = raw_line.strip()
        if not line:
            continue
        if out:
            if out[-1].endswith("-") and not pending_space:
                out.append(_BREAK)
            else:
                out.append(" ")
            length += 1
        out.append(line)
        length += len(line)
        pending_space = False
    return "".join(out), starts


@dataclass(frozen=True)
class Heading:
    """A heading the sections are cut at: a chapter (theme) or a topic title."""

    text: str
    owner: Owner


def load_source(path: Path, chapters: list[tuple[Heading, list[Heading]]]) -> SourceText:
    """Read ``path`` and cut it into the reaction, the chapters and the topics.

    ``chapters`` lists per theme (in chapter order) its heading and its topics' headings.
    A heading that cannot be found leaves that stretch to the heading before it. A source
    without any of the headings (a local document) has no sections: its fragments belong anywhere.
    """
    text = read_source(path)
    flat, starts = flatten(text)
    source = SourceText(display_path(path), flat, starts)
    lines = [" ".join(normalise(line).split()) for line in text.split("\n")]
    owners: list[tuple[int, Owner]] = [(0, Owner())]
    cursor = 0
    for chapter, topics in chapters:
        found = _heading_line(lines, chapter.text, cursor)
        if found is not None:
            cursor = found
            owners.append((starts[found], chapter.owner))
        for topic in topics:
            at = _heading_line(lines, topic.text, cursor)
            if at is not None:
                owners.append((starts[at] + (1 if at == found else 0), topic.owner))
                cursor = at
    owners.sort(key=lambda item: item[0])
    source.owners = owners if len(owners) > 1 else []
    return source


def _heading_line(lines: list[str], heading: str, start: int) -> int | None:
    """Index of the first line at or after ``start`` where ``heading`` stands alone (up to 3 lines)."""
    wanted = " ".join(normalise(heading).split())
    for index in range(start, len(lines)):
        if not lines[index]:
            continue
        joined = ""
        for ahead in range(index, min(len(lines), index + 6)):
            if not lines[ahead]:
                continue
            joined = f"{joined} {lines[ahead]}".strip()
            if joined == wanted:
                return index
            if len(joined) >= len(wanted):
                break
    return None
