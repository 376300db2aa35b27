"""The document kinds: each plans its jobs for a scope and composes one document per job."""

from __future__ import annotations

from briefgen.jobs import Kind
from briefgen.kinds import briefing, changes, letter, memo, press

KINDS: dict[str, Kind] = {
    briefing.KIND: briefing,
    memo.KIND: memo,
    press.KIND: press,
    letter.KIND: letter,
    changes.KIND: changes,
}
"""Kind id → module with ``KIND``, ``LABEL``, ``AUDIENCE``, ``PER``, ``plan`` and ``compose``."""
