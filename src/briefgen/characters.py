"""Characters no document may contain: one definition for the readers, content, writers and CLI.

This module imports nothing of briefgen, so every stage may use it.
"""

from __future__ import annotations

import re

FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""C0 controls except tab, newline and carriage return; DEL and the C1 controls; lone surrogates;
U+FFFE and U+FFFF. XML 1.0 (DOCX, XMP, DiWoo) forbids most of them and none can be drawn."""
