"""The document kinds: each plans its jobs and composes one document per job."""

from __future__ import annotations

from types import ModuleType

from briefgen.kinds import briefing, letter, memo, press

KINDS: dict[str, ModuleType] = {
    briefing.KIND: briefing,
    memo.KIND: memo,
    press.KIND: press,
    letter.KIND: letter,
}
"""Kind id → module with ``KIND``, ``LABEL``, ``AUDIENCE``, ``plan`` and ``compose``."""
