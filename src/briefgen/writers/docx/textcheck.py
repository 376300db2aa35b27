"""Refuse text that cannot be stored in a DOCX file, naming the character and where it is."""

from __future__ import annotations

import dataclasses
import unicodedata
from typing import Any

from briefgen.characters import FORBIDDEN_CHARS


def check_text(value: Any, where: str = "document") -> None:
    """Raise :class:`ValueError` if any string inside ``value`` holds an XML-invalid character.

    ``value`` is a model object (dataclass), tuple or string; ``where`` names it in the message,
    e.g. ``document.blocks[3].children[0].text``.
    """
    if isinstance(value, str):
        found = FORBIDDEN_CHARS.search(value)
        if found:
            char = found.group()
            name = unicodedata.name(char, "control character")
            raise ValueError(
                f"{where} contains U+{ord(char):04X} ({name}) at position {found.start()}, "
                "which cannot be stored in a DOCX file; remove it from the input"
            )
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            check_text(item, f"{where}[{index}]")
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        for f in dataclasses.fields(value):
            check_text(getattr(value, f.name), f"{where}.{f.name}")
