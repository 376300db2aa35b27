"""The house style file (``templates/house/style.yaml``): colours, fonts, sizes, spacing and page
geometry, defined once for every writer.

The style sheets (``house.css``, ``web.css``) name its values as ``var(--name)``; :func:`apply`
fills them in when a writer reads a sheet (an unknown name is left to the browser). The Typst
preamble reads the file itself; :func:`load` gives the values to the DOCX reference builder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

STYLE_FILE = "style.yaml"
SECTIONS: dict[str, tuple[str, ...]] = {
    "colours": (
        "accent", "ink", "muted", "rule", "tint", "quote",
        "inserted", "inserted-tint", "deleted", "deleted-tint",
    ),
    "font": ("family", "fallback", "regular", "bold", "italic", "bold-italic"),
    "sizes": ("body", "title", "heading-2", "heading-3", "table", "small", "furniture"),
    "spacing": ("paragraph",),
    "page": ("width", "height", "margin-top", "margin-right", "margin-bottom", "margin-left", "first-top"),
}  # fmt: skip
"""Every value the file must give, per section (and ``line-height`` at the top)."""
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}")
_FONT_FILE = re.compile(r"fonts/[A-Za-z0-9_.-]+\.(?:ttf|otf)")
_TOKEN = re.compile(r"var\(--([a-z0-9-]+)\)")


class StyleError(ValueError):
    """The house style file is missing, unreadable or has a wrong value."""

    def __init__(self, path: Path, field: str, message: str) -> None:
        super().__init__(f"{path}: {field + ': ' if field else ''}{message}")
        self.path, self.field, self.message = path, field, message


@dataclass(frozen=True)
class Style:
    """The house style's values, by section and name."""

    values: dict[str, dict[str, Any]]
    line_height: float

    def get(self, section: str, name: str) -> Any:
        """One value, e.g. ``get("colours", "accent")`` → ``"#1b4f72"``."""
        return self.values[section][name]

    def tokens(self) -> dict[str, str]:
        """The CSS value of every ``var(--name)`` the style sheets may use."""
        found = {name: str(value) for name, value in self.values["colours"].items()}
        font = self.values["font"]
        found.update({f"font-{face}": f'url("{font[face]}")' for face in SECTIONS["font"][2:]})
        found.update({f"size-{name}": f"{_number(value)}pt" for name, value in self.values["sizes"].items()})
        found.update({name: f"{_number(value)}mm" for name, value in self.values["spacing"].items()})
        found.update({f"page-{name}": f"{_number(value)}mm" for name, value in self.values["page"].items()})
        found["line-height"] = _number(self.line_height)
        return found


def _number(value: float) -> str:
    return f"{value:g}"


def load(house_dir: Path) -> Style:
    """The style of ``house_dir``; :class:`StyleError` names the file and the field at fault."""
    path = Path(house_dir) / STYLE_FILE
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise StyleError(path, "", f"cannot read the house style: {error.strerror or error}") from None
    except yaml.YAMLError as error:
        raise StyleError(path, "", f"not valid YAML: {error}") from None
    if not isinstance(data, dict):
        raise StyleError(path, "", f"expected the sections {', '.join(SECTIONS)}")
    values: dict[str, dict[str, Any]] = {}
    for section, names in SECTIONS.items():
        given = data.get(section)
        if not isinstance(given, dict):
            raise StyleError(path, section, f"missing (expected {', '.join(names)})")
        values[section] = {}
        for name in names:
            values[section][name] = _checked(path, section, name, given.get(name))
    line_height = data.get("line-height")
    if isinstance(line_height, bool) or not isinstance(line_height, (int, float)) or not 1 <= line_height <= 3:
        raise StyleError(path, "line-height", f"expected a number from 1 to 3, got {line_height!r}")
    return Style(values, float(line_height))


def _checked(path: Path, section: str, name: str, value: Any) -> Any:
    where = f"{section}.{name}"
    if section == "colours":
        if not isinstance(value, str) or not _COLOUR.fullmatch(value):
            raise StyleError(path, where, f"expected a colour as #rrggbb, got {value!r}")
        return value.lower()
    if section == "font":
        if not isinstance(value, str) or not value.strip():
            raise StyleError(path, where, f"expected text, got {value!r}")
        if name not in ("family", "fallback") and not _FONT_FILE.fullmatch(value):
            raise StyleError(path, where, f"expected a font file in fonts/ (.ttf or .otf), got {value!r}")
        if '"' in value:
            raise StyleError(path, where, f"a name without quotation marks, got {value!r}")
        return value
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 < value < 1000:
        raise StyleError(path, where, f"expected a positive number, got {value!r}")
    return value


def apply(sheet: str, style: Style) -> str:
    """``sheet`` with every ``var(--name)`` of the house style replaced by its value."""
    tokens = style.tokens()
    return _TOKEN.sub(lambda match: tokens.get(match.group(1), match.group(0)), sheet)
