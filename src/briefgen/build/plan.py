"""Plan a build: which documents, from the command-line selection, with ids checked."""

from __future__ import annotations

from collections.abc import Sequence

from briefgen.build.selection import FORMATS, Selection
from briefgen.kinds import KINDS
from briefgen.kinds.base import Context, Job
from briefgen.problems import UsageError

__all__ = ["FORMATS", "Selection", "plan"]


def _check(value: str | None, valid: Sequence[str], what: str, option: str) -> None:
    if value is not None and value not in valid:
        raise UsageError(f"{option}: unknown {what} {value!r}; valid: {', '.join(valid)}")


def plan(ctx: Context, selection: Selection) -> list[Job]:
    """The jobs for ``selection``; unknown ids raise :class:`UsageError` listing the valid ones."""
    theme_ids = [theme.id for theme in ctx.positions.themes]
    portfolio_ids = [portfolio.id for portfolio in ctx.profile.profile.portfolios]
    for kind in selection.kinds:
        _check(kind, list(KINDS), "kind", "--kind")
    _check(selection.theme, theme_ids, "theme", "--theme")
    _check(selection.portfolio, portfolio_ids, "portfolio", "--portfolio")
    for fmt in selection.formats:
        _check(fmt, FORMATS, "format", "--format")

    kinds = selection.kinds or tuple(KINDS)
    if selection.portfolio and not selection.kinds:
        kinds = ("memo",)
    themes = [selection.theme] if selection.theme else theme_ids
    portfolios = [selection.portfolio] if selection.portfolio else portfolio_ids
    if selection.theme and not selection.portfolio:
        # a theme selects the memos of the portfolios that cover it
        portfolios = [
            p.id
            for p in ctx.profile.profile.portfolios
            if any(
                job.portfolio == p.id for job in KINDS["memo"].plan(ctx, [p.id]) if selection.theme in job.depends_on
            )
        ]
    jobs: list[Job] = []
    for kind in kinds:
        module = KINDS[kind]
        if kind == "memo":
            jobs.extend(module.plan(ctx, portfolios))
        elif kind == "press":
            jobs.extend(module.plan(ctx, [selection.theme] if selection.theme else None))
        else:
            jobs.extend(module.plan(ctx, themes))
    return jobs
