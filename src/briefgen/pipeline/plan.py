"""Plan a build: which documents, from the command-line selection, with ids checked.

The planner knows kinds only through :class:`~briefgen.jobs.Kind` (one planning
signature); it imports no kind, no Jinja and no writer.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from briefgen.jobs import Job, Kinds, Scope
from briefgen.pipeline.selection import FORMATS, Selection
from briefgen.problems import UsageError

if TYPE_CHECKING:
    from briefgen.kinds.base import Context

__all__ = ["FORMATS", "Selection", "plan"]


def _check(value: str | None, valid: Sequence[str], what: str, option: str) -> None:
    if value is not None and value not in valid:
        raise UsageError(f"{option}: unknown {what} {value!r}; valid: {', '.join(valid)}")


def plan(ctx: Context, selection: Selection, kinds: Kinds) -> list[Job]:
    """The jobs for ``selection``; unknown ids raise :class:`UsageError` listing the valid ones."""
    theme_ids = [theme.id for theme in ctx.positions.themes]
    portfolio_ids = [portfolio.id for portfolio in ctx.profile.profile.portfolios]
    for kind in selection.kinds:
        _check(kind, list(kinds), "kind", "--kind")
    _check(selection.theme, theme_ids, "theme", "--theme")
    _check(selection.portfolio, portfolio_ids, "portfolio", "--portfolio")
    for fmt in selection.formats:
        _check(fmt, FORMATS, "format", "--format")
    chosen = selection.kinds or tuple(kinds)
    if selection.portfolio and not selection.kinds:  # a portfolio alone selects its documents
        chosen = tuple(name for name, kind in kinds.items() if kind.PER == "portfolio")
    scope = Scope(theme=selection.theme, portfolio=selection.portfolio)
    return [job for name in chosen for job in kinds[name].plan(ctx, scope)]
