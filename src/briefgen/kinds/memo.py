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
from briefgen.content.model import Document, Metadata
from briefgen.content.templating import SourceNotes
from briefgen.content.text import document_text
from briefgen.kinds import grounding
from briefgen.kinds.base import (
    MENTIONS_BIJLAGE,
    Context,
    Job,
    Scope,
    figures_bijlage,
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


WORDS_PER_PAGE = 260
"""Words of a memo that fit one A4 page with its headings and lists (measured on the shipped set);
a memo is composed shorter until its words fit the page budget (``memo.pages``)."""


@dataclass(frozen=True)
class Fit:
    """How much of each topic a memo shows."""

    asks: int | None
    """Asks per own topic (None: all)."""
    others: int | None
    """Risks and talking points per own topic, each (None: all)."""
    first: int | None
    """First paragraphs of ``betekenis`` per own topic (None: all); ``akkoord`` keeps ``memo.paragraphs``."""
    touching: int | None
    """Parts taken from a topic that only touches the portfolio (None: all)."""


def fits(ctx: Context) -> list[Fit]:
    """The profile's settings, then ever shorter versions, until the memo fits its page budget."""
    memo = ctx.profile.profile.memo
    most, first, touching = memo.items or None, memo.paragraphs or None, memo.touching or None
    return [
        Fit(most, most, first, touching),
        Fit(most, 1, first, touching),
        Fit(1, 1, first, touching),
        Fit(1, 1, 0, touching),
        Fit(1, 0, 0, touching),
        Fit(1, 0, 0, 0),
    ]


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


def select(ctx: Context, portfolio: Portfolio, fit: Fit) -> list[MemoTopic]:
    """What the memo of ``portfolio`` shows: its own topics first, then the parts of other topics
    that concern it, each in chapter order."""
    areas = set(portfolio.areas())
    own: list[MemoTopic] = []
    touching: list[MemoTopic] = []
    for theme in ctx.positions.themes:
        for topic in theme.topics:
            if theme.id in portfolio.themes or topic.portfolios[0] in areas:
                own.append(_own_topic(ctx, theme, topic, areas, fit))
            else:
                entry = _touching_topic(ctx, theme, topic, areas, fit)
                if entry.asks or entry.risks or entry.points:
                    touching.append(entry)
    return own + touching


def _concerns(item: Ask | Point, areas: set[str], own: bool) -> bool:
    """An item named for one of ``areas``; an unnamed one belongs to its topic's own portfolio."""
    return bool(set(item.portfolios) & areas) if item.portfolios else own


def _own_topic(ctx: Context, theme: Theme, topic: Topic, areas: set[str], fit: Fit) -> MemoTopic:
    """An own topic: its first paragraphs; the first asks that concern the portfolio, each with the
    shortest paragraph it rests on when none is shown yet; the first risks and talking points that
    concern it and rest on shown paragraphs only."""
    first = ctx.profile.profile.memo.paragraphs or None
    paragraphs = grounding.topic_paragraphs(topic)

    def pick(items: list[Any], most: int | None) -> list[Any]:
        return [item for item in items if _concerns(item, areas, True)][:most]

    shown = {id(paragraph) for paragraph in [*topic.akkoord[:first], *topic.betekenis[: fit.first]]}

    def told(item: Ask | Point) -> bool:
        return grounding.told(item, paragraphs, [p for p in paragraphs if id(p) in shown])

    asks = pick(topic.asks, fit.asks)
    for ask in asks:  # every shown ask brings what it rests on
        if not told(ask):
            shown.add(id(grounding.briefest_basis(ask, paragraphs)))
    risks = pick([risk for risk in topic.risks if told(risk)], fit.others)  # risks and talking points only
    points = pick([point for point in topic.talking_points if told(point)], fit.others)  # with their basis
    local = ctx.local_topic(topic)
    return MemoTopic(
        theme,
        topic,
        True,
        asks=asks,
        local_asks=list(local.asks) if local else [],
        risks=risks,
        points=points,
        akkoord=[paragraph for paragraph in topic.akkoord if id(paragraph) in shown],
        betekenis=[paragraph for paragraph in topic.betekenis if id(paragraph) in shown],
        money=money_figures(ctx, [topic]),
    )


def _touching_topic(ctx: Context, theme: Theme, topic: Topic, areas: set[str], fit: Fit) -> MemoTopic:
    """A topic that only touches the portfolio: the parts named for it that need the least of the
    topic's text (at most ``memo.touching``), each with the shortest paragraph it rests on."""
    paragraphs = grounding.topic_paragraphs(topic)

    def needs(item: Ask | Point) -> int:
        basis = grounding.briefest_basis(item, paragraphs)
        return len(basis.text) if basis else 0

    parts: list[Ask | Point] = [*topic.asks, *topic.risks, *topic.talking_points]
    named = [item for item in parts if _concerns(item, areas, False)]
    wanted = sorted(named, key=needs)[: fit.touching]
    needed = {id(grounding.briefest_basis(item, paragraphs)) for item in wanted}
    return MemoTopic(
        theme,
        topic,
        False,
        asks=[item for item in topic.asks if item in wanted],
        risks=[item for item in topic.risks if item in wanted],
        points=[item for item in topic.talking_points if item in wanted],
        akkoord=[paragraph for paragraph in topic.akkoord if id(paragraph) in needed],
        betekenis=[paragraph for paragraph in topic.betekenis if id(paragraph) in needed],
    )


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
    author = ctx.person(profile.memo.author)
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
    budget = profile.memo.pages * WORDS_PER_PAGE
    for fit in fits(ctx):  # the richest version that fits the page budget, else the shortest
        ctx.notes = SourceNotes()
        document = _render(ctx, portfolio, select(ctx, portfolio, fit), meta, number, subject)
        if len(document_text(document).split()) <= budget:
            break
    return document


def _texts(entry: MemoTopic) -> list[str]:
    """The texts the memo shows of one topic."""
    asks = [f"{ask.ask} {ask.why}" for ask in entry.asks]
    claims = [*entry.risks, *entry.points, *entry.akkoord, *entry.betekenis]
    return [*asks, *(claim.text for claim in claims)]


def _render(
    ctx: Context, portfolio: Portfolio, entries: list[MemoTopic], meta: Metadata, number: str, subject: str
) -> Document:
    """The memo with ``entries``."""
    profile = ctx.profile.profile
    voice = ctx.voice
    others = sorted({entry.theme.short_title for entry in entries if not entry.own})
    texts = {id(entry): _texts(entry) for entry in entries}
    mentioning = {entry.theme.id for entry in entries if any(MENTIONS_BIJLAGE.search(t) for t in texts[id(entry)])}
    shown = [text for entry in entries for text in texts[id(entry)]]
    themes = [theme for theme in ctx.positions.themes if theme.id in mentioning]
    bijlage_title, bijlage = figures_bijlage(ctx, themes, shown)
    values = {
        "portfolio": portfolio,
        "holder": person_name(ctx.person(portfolio.holder)),
        "author": person_name(ctx.person(profile.memo.author)),
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
        "bijlage_title": bijlage_title,
        "bijlage": bijlage,
        "bijlage_local": [fig for _, fig in bijlage if ctx.is_local(fig)],
        "number": number,
    }
    return render_document(ctx, "memo.html.j2", values, meta, number)
