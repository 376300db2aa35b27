"""Memo for a wethouder: one per portfolio, action-oriented, with asks and talking points."""

from __future__ import annotations

from briefgen.content import dutch
from briefgen.content.model import Document
from briefgen.kinds.base import (
    STANCE_LABELS,
    Context,
    Job,
    Scope,
    money_figures,
    person_name,
    render_document,
    topics_for_portfolio,
)

KIND = "memo"
LABEL = "Memo"
PER = "portfolio"
AUDIENCE = "wethouders"


def plan(ctx: Context, scope: Scope) -> list[Job]:
    """One memo per portfolio that has at least one topic: the selected portfolio, else those
    that cover the selected theme, else all."""
    jobs = []
    for index, portfolio in enumerate(ctx.profile.profile.portfolios, start=1):
        if scope.portfolio is not None and portfolio.id != scope.portfolio:
            continue
        themes = tuple(theme.id for theme, _ in topics_for_portfolio(ctx.positions, portfolio))
        if scope.portfolio is None and scope.theme is not None and scope.theme not in themes:
            continue
        if themes:
            jobs.append(Job(KIND, portfolio.id, AUDIENCE, portfolio=portfolio.id, seq=index, depends_on=themes))
    return jobs


def compose(ctx: Context, job: Job) -> Document:
    """The memo of ``job.portfolio``."""
    profile = ctx.profile.profile
    portfolio = next(p for p in profile.portfolios if p.id == job.portfolio)
    holder = ctx.person(portfolio.holder)
    sections = topics_for_portfolio(ctx.positions, portfolio)
    number = ctx.number(KIND, job.seq, portfolio=portfolio.id)
    subject = f"Hoofdlijnenakkoord: gevolgen voor de portefeuille {portfolio.title}"
    meta = ctx.metadata(
        KIND,
        LABEL,
        f"Hoofdlijnenakkoord en de portefeuille {portfolio.title}",
        subject,
        number,
        portfolio.title,
        author=profile.memo.author,
        status="intern",
    )
    topics = [topic for _, theme_topics in sections for topic in theme_topics]
    values = {
        "portfolio": portfolio,
        "holder": person_name(holder),
        "sections": sections,
        "subject": subject,
        "date_text": dutch.date(ctx.options.date),
        "memo": profile.memo,
        "department": portfolio.department or profile.memo.department,
        "stance_labels": STANCE_LABELS,
        "money": {topic.id: money_figures(ctx, [topic]) for topic in topics},
        "asks": [(topic, ask) for topic in topics for ask in topic.asks],
        "local_asks": [(topic, ask) for topic in topics for ask in getattr(ctx.local_topic(topic), "asks", [])],
        "number": number,
        "limit": profile.memo.paragraphs or None,
    }
    return render_document(ctx, "memo.html.j2", values, meta, number)
