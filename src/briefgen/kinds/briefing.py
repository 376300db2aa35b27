"""Raadsinformatiebrief: one per theme, for the members of the municipal council."""

from __future__ import annotations

from briefgen.content import dutch
from briefgen.content.model import Document
from briefgen.content.templating import lower_first
from briefgen.kinds.base import (
    Context,
    Job,
    Scope,
    money_figures,
    person_name,
    portfolios_for_theme,
    render_document,
    scope_themes,
    theme_jobs,
)

KIND = "briefing"
LABEL = "Raadsinformatiebrief"
PER = "theme"
AUDIENCE = "raadsleden"


def plan(ctx: Context, scope: Scope) -> list[Job]:
    """One briefing per selected theme."""
    return theme_jobs(ctx, scope_themes(ctx, scope), KIND, AUDIENCE)


def compose(ctx: Context, job: Job) -> Document:
    """The briefing of ``job.theme``."""
    theme = ctx.positions.theme(job.theme or "")
    profile = ctx.profile.profile
    number = ctx.number(KIND, job.seq, theme=theme.id)
    portfolios = portfolios_for_theme(ctx.profile, theme)
    holders = []
    for portfolio in portfolios:
        name = person_name(ctx.person(portfolio.holder))
        if name not in holders:
            holders.append(name)
    subject = f"Hoofdlijnenakkoord: {theme.title}"
    meta = ctx.metadata(
        KIND, LABEL, f"Hoofdlijnenakkoord: {lower_first(theme.short_title)}", subject, number, theme.short_title
    )
    values = {
        "theme": theme,
        "subject": subject,
        "date_text": dutch.date(ctx.options.date),
        "holders": holders,
        "portfolios": [portfolio.title for portfolio in portfolios],
        "opening": profile.briefing.opening.replace("{thema}", lower_first(theme.short_title)),
        "briefing": profile.briefing,
        "money": money_figures(ctx, theme.topics),
        "signatories": [ctx.person(person_id) for person_id in profile.briefing.signatories],
        "number": number,
        "limit": profile.briefing.paragraphs or None,
    }
    return render_document(ctx, "briefing.html.j2", values, meta, number)
