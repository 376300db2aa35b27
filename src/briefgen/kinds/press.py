"""Persbericht: the statement on the whole agreement, or on one theme with ``--theme``."""

from __future__ import annotations

from briefgen.content import dutch
from briefgen.content.model import Document
from briefgen.content.templating import lower_first
from briefgen.kinds.base import Context, Job, Scope, money_figures, render_document
from briefgen.kinds.status import job_status
from briefgen.schema.positions import Claim, Status

KIND = "press"
LABEL = "Persbericht"
PER = "agreement"
AUDIENCE = "pers"
OVERALL = "hoofdlijnenakkoord"
MAX_MESSAGES = 4
OVERALL_MESSAGES = 6
"""Messages of the statement on the whole agreement (sections of the reaction): one A4 with the note."""
CONCEPT_NOTICE = "CONCEPT – niet voor publicatie"
"""The notice of a press statement whose content is not vastgesteld (instead of the embargo line)."""


def plan(ctx: Context, scope: Scope) -> list[Job]:
    """The overall statement, or the statement of the selected theme."""
    themes = [scope.theme] if scope.theme else None
    if themes is None:
        all_themes = tuple(theme.id for theme in ctx.positions.themes)
        return [Job(KIND, OVERALL, AUDIENCE, seq=1, depends_on=all_themes)]
    return [
        Job(KIND, theme.id, AUDIENCE, theme=theme.id, seq=1 + theme.chapter, depends_on=(theme.id,))
        for theme in ctx.positions.themes
        if theme.id in themes
    ]


def _embargo_line(ctx: Context, job: Job) -> str:
    options = ctx.options
    if job_status(ctx, job).status is not Status.vastgesteld:  # built with --concept
        return CONCEPT_NOTICE
    if options.embargo is None:
        return ctx.profile.profile.press.no_embargo
    line = f"EMBARGO tot {dutch.date(options.embargo.date(), weekday=True)}, {dutch.clock(options.embargo)}"
    return f"{line}, {options.embargo_reason}" if options.embargo_reason else line


def compose(ctx: Context, job: Job) -> Document:
    """The press statement of ``job``."""
    profile = ctx.profile.profile
    general = ctx.positions.general
    reaction = general.reaction
    spokesperson = ctx.person(profile.press.spokesperson)
    if profile.press.quote:
        quote, quoted = profile.press.quote, spokesperson
    else:
        quote, quoted = reaction.quote, None
    number = ctx.number(KIND, job.seq, theme=job.theme or "")
    if job.theme is None:
        headline = profile.press.headline or reaction.title
        lead: str | Claim = reaction.lead
        messages: list[tuple[str, str | Claim]] = [(s.heading, s.text) for s in reaction.sections[:OVERALL_MESSAGES]]
        figures = []
        closing: str | Claim = ""
    else:
        theme = ctx.positions.theme(job.theme)
        headline = f"{profile.organisation.short_name} over {lower_first(theme.short_title)} in het hoofdlijnenakkoord"
        lead = theme.summary
        messages = [(topic.title, topic.kernboodschap) for topic in theme.topics[:MAX_MESSAGES]]
        closing = reaction.closing
        figures = money_figures(ctx, theme.topics)[:2]
    meta = ctx.metadata(KIND, LABEL, headline, f"{LABEL} over het hoofdlijnenakkoord", number, LABEL)
    place = profile.organisation.place or profile.organisation.short_name
    values = {
        "notice": _embargo_line(ctx, job),
        "place_date": f"{place}, {dutch.date(ctx.document_date)}",
        "lead": lead,
        "messages": messages,
        "figures": figures,
        "closing": closing,
        "quote": quote,
        "quoted_name": (quoted.name or quoted.role) if quoted else reaction.author,
        "quoted_role": quoted.role if quoted else reaction.role,
        "contact": ctx.person(profile.press.contact),
        "about": profile.organisation.about,
        "about_heading": profile.press.about_heading or f"Over {profile.organisation.name}",
        "press": profile.press,
    }
    return render_document(ctx, "press.html.j2", values, meta, number)
