"""Embedded fonts of the DOCX: the house fonts as obfuscated font parts (``word/fonts/*.odttf``).

Word and LibreOffice read fonts embedded this way (ECMA-376 Part 1, 17.8.1): each font file is
stored with its first 32 bytes XOR-ed with a key (a GUID, its bytes in reverse order), and the
font table names the part and the key per face (``w:embedRegular`` …). The key is derived from
the font's bytes, so the reference document stays byte-reproducible.
"""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part

FONT_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.obfuscatedFont"
FACES = (
    ("embedRegular", "Regular"),
    ("embedBold", "Bold"),
    ("embedItalic", "Italic"),
    ("embedBoldItalic", "BoldItalic"),
)
"""Font-table element per face, and the face's suffix in the file name (``NotoSans-Bold.ttf``)."""
_KEY_NAMESPACE = uuid.UUID("6c1f3a0e-2b7d-5e55-9a4e-62726965666e")


@dataclass(frozen=True)
class EmbeddedFace:
    """One embedded face: its font-table element, relationship id and key."""

    element: str
    rel_id: str
    key: str
    """``{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}``."""


def font_key(data: bytes) -> str:
    """The obfuscation key of a font file, as Word writes it (upper case, in braces)."""
    return "{" + str(uuid.uuid5(_KEY_NAMESPACE, hashlib.sha256(data).hexdigest())).upper() + "}"


def obfuscate(data: bytes, key: str) -> bytes:
    """``data`` with its first 32 bytes XOR-ed with ``key``'s bytes in reverse order (its own inverse)."""
    secret = bytes.fromhex(key.strip("{}").replace("-", ""))[::-1]
    head = bytes(byte ^ secret[index % 16] for index, byte in enumerate(data[:32]))
    return head + data[32:]


def font_files(folder: Path, family_file: str) -> list[tuple[str, Path]]:
    """The faces of ``family_file`` (e.g. ``NotoSans``) found in ``folder``: (element, path)."""
    found = []
    for element, suffix in FACES:
        path = folder / f"{family_file}-{suffix}.ttf"
        if path.is_file():
            found.append((element, path))
    return found


def embed_fonts(font_table: Part, faces: Sequence[tuple[str, Path]]) -> list[EmbeddedFace]:
    """Add each face as an obfuscated font part related from the font table part."""
    embedded = []
    for number, (element, path) in enumerate(faces, start=1):
        data = path.read_bytes()
        key = font_key(data)
        part = Part(
            PackURI(f"/word/fonts/font{number}.odttf"),
            FONT_CONTENT_TYPE,
            obfuscate(data, key),
            font_table.package,
        )
        embedded.append(EmbeddedFace(element, font_table.relate_to(part, RT.FONT), key))
    return embedded
