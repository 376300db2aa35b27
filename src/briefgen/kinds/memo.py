"""Memo for a wethouder: one per portfolio, written to be read in five minutes before a meeting.

Page 1 holds the kernboodschap for this portfolio and the Advies: a few priorities chosen for it.
Then the portfolio's own topics (those whose first policy area it covers), and from the topics
that only touch it just the asks, risks and talking points that concern it (each names its
policy areas, by default its topic's); the theme briefing has the rest.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from briefgen.content import dutch
from briefgen.content.model import Document
from briefgen.kinds import grounding
from briefgen.kinds.base import (
    Context,
    Job,
    Scope,
    money_figures,
    person_name,
    render_document,
    topics_for_portfolio,
)
from briefgen.schema.positions import Ask, Claim, Figure, Point, Stance, Theme, Topic
from briefgen.schema.profile import Portfolio

KIND = "memo"
LABEL = "Memo"
PER = "portfolio"
AUDIENCE = "wethouders"

URGENCY = [Stance.afwijzend, Stance.zorg, Stance.gemengd, Stance.steun, Stance.neutraal]
"""Stances in the order their asks become priorities: where the organisation objects first."""


@dataclass
class MemoTopic:
    """What a memo shows of one topic."""

    theme: Theme
    topic: Topic
    own: bool
    """The portfolio's own topic (shown whole), or one that only touches it (only its parts)."""
    asks: list[Ask] = field(default_factory=list)
    local_asks: list[Any] = field(default_factory=list)
    risks: list[Point] = field(default_factory=list)
    points: list[Point] = field(default_factory=list)
    akkoord: list[Claim] = field(default_factory=list)
    betekenis: list[Claim] = field(default_factory=list)
    money: list[tuple[Topic, Figure]] = field(default_factory=list)


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


def select(ctx: Context, portfolio: Portfolio) -> list[MemoTopic]:
    """What the memo of ``portfolio`` shows: its own topics first, then the parts of other topics
    that concern it, each in chapter order."""
    areas = set(portfolio.areas())
    limit = ctx.profile.profile.memo.paragraphs or None
    most = ctx.profile.profile.memo.items or None
    own: list[MemoTopic] = []
    touching: list[MemoTopic] = []
    for theme in ctx.positions.themes:
        for topic in theme.topics:
            is_own = theme.id in portfolio.themes or topic.portfolios[0] in areas

            def concerns(item: Ask | Point, is_own: bool = is_own) -> bool:
                return bool(set(item.portfolios) & areas) if item.portfolios else is_own

            local = ctx.local_topic(topic)
            first = limit if is_own else 0
            akkoord = topic.akkoord[:first] if first is not None else list(topic.akkoord)
            betekenis = topic.betekenis[:first] if first is not None else list(topic.betekenis)
            paragraphs = grounding.topic_paragraphs(topic)
            shown = [*akkoord, *betekenis]

            def pick(
                items: list[Any], fits: Any = concerns, paragraphs: Any = paragraphs, shown: Any = shown
            ) -> list[Any]:
                """The first ``most`` items that concern the portfolio and whose basis is shown."""
                return [item for item in items if fits(item) and grounding.told(item, paragraphs, shown)][:most]

            entry = MemoTopic(
                theme,
                topic,
                is_own,
                asks=pick(topic.asks),
                local_asks=list(local.asks) if local and is_own else [],
                risks=pick(topic.risks),
                points=pick(topic.talking_points),
                akkoord=akkoord,
                betekenis=betekenis,
            )
            items: list[Ask | Point] = [*entry.asks, *entry.risks, *entry.points]
            if not is_own:  # only the parts that concern the portfolio, with what they rest on
                wanted = [item for item in [*topic.asks, *topic.risks, *topic.talking_points] if concerns(item)]
                # the parts that need the least of the topic's text to be understood
                wanted.sort(key=lambda item, ps=paragraphs: len(getattr(grounding.briefest_basis(item, ps), "text", "")))
                wanted = wanted[: ctx.profile.profile.memo.touching or None]
                entry.asks = [item for item in topic.asks if item in wanted]
                entry.risks = [item for item in topic.risks if item in wanted]
                entry.points = [item for item in topic.talking_points if item in wanted]
                items = [*entry.asks, *entry.risks, *entry.points]
                needed = {id(grounding.briefest_basis(item, paragraphs)) for item in items}
                entry.akkoord = [paragraph for paragraph in topic.akkoord if id(paragraph) in needed]
                entry.betekenis = [paragraph for paragraph in topic.betekenis if id(paragraph) in needed]
            if is_own:
                entry.money = money_figures(ctx, [topic])
                own.append(entry)
            elif items:
                touching.append(entry)
    return own + touching


def priorities(entries: list[MemoTopic], most: int) -> list[tuple[Topic, Any, bool]]:
    """The Advies: at most ``most`` asks, (topic, ask, local), chosen for this portfolio — the
    organisation's own local asks first, then one ask per own topic, most urgent stance first,
    then a second round, then asks from the topics that touch the portfolio."""
    chosen: list[tuple[Topic, Any, bool]] = []
    for entry in entries:
        chosen.extend((entry.topic, ask, True) for ask in entry.local_asks)
    rounds: list[list[tuple[Topic, Any, bool]]] = []
    own = sorted((e for e in entries if e.own), key=lambda e: URGENCY.index(e.topic.stance))
    for entry in [*own, *(e for e in entries if not e.own)]:
        for index, ask in enumerate(entry.asks):
            while len(rounds) <= index + (0 if entry.own else 2):
                rounds.append([])
            rounds[index + (0 if entry.own else 2)].append((entry.topic, ask, False))
    for picks in rounds:
        chosen.extend(picks)
    return chosen[:most]


def key_topics(entries: list[MemoTopic], most: int) -> list[MemoTopic]:
    """The own topics whose kernboodschap opens the memo: at most ``most``, where the organisation
    objects most first, shown in chapter order (the others give theirs under their heading)."""
    own = [entry for entry in entries if entry.own]
    chosen = sorted(own, key=lambda entry: URGENCY.index(entry.topic.stance))[:most]
    return [entry for entry in own if entry in chosen]


def compose(ctx: Context, job: Job) -> Document:
    """The memo of ``job.portfolio``."""
    profile = ctx.profile.profile
    portfolio = next(p for p in profile.portfolios if p.id == job.portfolio)
    holder = ctx.person(portfolio.holder)
    author = ctx.person(profile.memo.author)
    entries = select(ctx, portfolio)
    number = ctx.number(KIND, job.seq, portfolio=portfolio.id)
    subject = f"Hoofdlijnenakkoord: gevolgen voor de portefeuille {portfolio.title}"
    meta = ctx.metadata(
        KIND,
        LABEL,
        f"Hoofdlijnenakkoord en de portefeuille {portfolio.title}",
        subject,
        number,
        portfolio.title,
        author=author.name or author.role,
        status="intern",
    )
    voice = ctx.voice
    others = sorted({entry.theme.short_title for entry in entries if not entry.own})
    values = {
        "portfolio": portfolio,
        "holder": person_name(holder),
        "author": person_name(author),
        "entries": entries,
        "own": [entry for entry in entries if entry.own],
        "key_topics": key_topics(entries, profile.memo.priorities - 1),
        "touching": [entry for entry in entries if not entry.own],
        "subject": subject,
        "date_text": dutch.date(ctx.document_date),
        "memo": profile.memo,
        "department": portfolio.department or profile.memo.department,
        "priorities": priorities(entries, profile.memo.priorities),
        "briefing_label": voice.label.lower(),
        "other_themes": others,
        "number": number,
    }
    return render_document(ctx, "memo.html.j2", values, meta, number)
