"""Raadsinformatiebrief for the members of the municipal council: one on the whole agreement
(``briefing/hoofdlijnenakkoord``) and one per theme; the profile can switch either off."""

from __future__ import annotations

from briefgen.content import dutch
from briefgen.content.model import Document
from briefgen.content.templating import lower_first
from briefgen.kinds.base import (
    Context,
    Job,
    Scope,
    figures_bijlage,
    money_figures,
    person_name,
    portfolios_for_theme,
    render_document,
    scope_themes,
    theme_jobs,
)
from briefgen.schema.positions import Figure, Theme, Topic

KIND = "briefing"
LABEL = "Raadsinformatiebrief"
PER = "theme"
AUDIENCE = "raadsleden"
OVERALL = "hoofdlijnenakkoord"


def plan(ctx: Context, scope: Scope) -> list[Job]:
    """The overall briefing (without a theme selection) and one briefing per selected theme."""
    settings = ctx.profile.profile.briefing
    jobs = []
    if scope.theme is None and settings.overall:
        themes = tuple(theme.id for theme in ctx.positions.themes)
        jobs.append(Job(KIND, OVERALL, AUDIENCE, seq=len(themes) + 1, depends_on=themes))
    if settings.per_theme or scope.theme is not None:
        jobs += theme_jobs(ctx, scope_themes(ctx, scope), KIND, AUDIENCE)
    return jobs


def compose(ctx: Context, job: Job) -> Document:
    """The briefing of ``job.theme``, or the overall briefing."""
    if job.theme is None:
        return _compose_overall(ctx, job)
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
    voice = ctx.voice
    meta = ctx.metadata(
        KIND, voice.label, f"Hoofdlijnenakkoord: {lower_first(theme.short_title)}", subject, number, theme.short_title
    )
    money = money_figures(ctx, theme.topics)
    limit = profile.briefing.paragraphs or None
    shown = [theme.summary, *theme.findings]
    shown += [claim for topic in theme.topics for claim in [topic.kernboodschap, *topic.akkoord[:limit]]]
    shown += [claim for topic in theme.topics for claim in topic.betekenis[:limit]]
    bijlage_title, bijlage = figures_bijlage(ctx, [theme], [str(claim) for claim in shown])
    values = {
        "theme": theme,
        "subject": subject,
        "date_text": dutch.date(ctx.document_date),
        "holders": holders if voice.holders else [],
        "portfolios": [portfolio.title for portfolio in portfolios] if voice.holders else [],
        "opening": voice.opening.replace("{thema}", lower_first(theme.short_title)),
        "briefing": profile.briefing,
        "voice": voice,
        "money": money,
        "local_money": _derived(ctx, money, [theme]),
        "local_theme": ctx.local_theme(theme),
        "signatories": [ctx.person(person_id) for person_id in profile.briefing.signatories],
        "number": number,
        "limit": limit,
        "bijlage_title": bijlage_title,
        "bijlage": bijlage,
        "bijlage_local": [fig for _, fig in bijlage if ctx.is_local(fig)],
    }
    return render_document(ctx, "briefing.html.j2", values, meta, number)


def _compose_overall(ctx: Context, job: Job) -> Document:
    """The briefing on the whole agreement."""
    profile = ctx.profile.profile
    number = ctx.number(KIND, job.seq, theme=OVERALL)
    subject = f"Hoofdlijnenakkoord: wat het betekent voor {ctx.place if ctx.local else 'gemeenten'}"
    voice = ctx.voice
    meta = ctx.metadata(KIND, voice.label, subject, subject, number, "hoofdlijnenakkoord")
    theme_briefings = []
    if profile.briefing.per_theme:
        for index, theme in enumerate(ctx.positions.themes, start=1):
            base_url = ctx.options.base_url
            url = f"{base_url.rstrip('/')}/{KIND}/{theme.id}.html" if base_url else ""
            theme_briefings.append((ctx.number(KIND, index, theme=theme.id), theme.short_title, url))
    topics = [topic for _, topic in ctx.positions.topics()]
    money = money_figures(ctx, topics)
    values = {
        "themes": ctx.positions.themes,
        "general": ctx.positions.general,
        "local_general": ctx.local.general if ctx.local else None,
        "subject": subject,
        "date_text": dutch.date(ctx.document_date),
        "briefing": profile.briefing,
        "voice": voice,
        "theme_briefings": theme_briefings,
        "money": money,
        "local_money": _derived(ctx, money, ctx.positions.themes, overall=True),
        "signatories": [ctx.person(person_id) for person_id in profile.briefing.signatories],
        "number": number,
    }
    return render_document(ctx, "briefing-akkoord.html.j2", values, meta, number)


def _derived(
    ctx: Context, money: list[tuple[Topic, Figure]], themes: list[Theme], overall: bool = False
) -> list[Figure]:
    """The local figures whose derivation follows the money: the local amounts, and the other local
    figures that a kernboodschap shows (in a theme briefing those that no local paragraph, with its
    own derivations, shows too)."""
    kern: list[str | None] = [ctx.local.general.kernboodschap] if ctx.local and overall else []
    explained: list[str] = []
    for theme in themes:
        local_theme = ctx.local_theme(theme)
        kern.append(local_theme.kernboodschap if local_theme else None)
        for topic in theme.topics:
            local_topic = ctx.local_topic(topic)
            if local_topic and not overall:
                explained += [str(item.text) for item in local_topic.betekenis]
    shown = {fig.id for fig in ctx.local_figures_in(explained, money=False)}
    others = [fig for fig in ctx.local_figures_in(kern, money=False) if fig.id not in shown]
    return [fig for _, fig in money if ctx.is_local(fig)] + others
