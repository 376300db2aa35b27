"""What every document kind shares: jobs, options, numbering and rendering to the model."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from briefgen.content import dutch
from briefgen.content.model import Block, Document, Letterhead, Metadata, Publication, Term, claim_marks
from briefgen.content.parse import TemplateOutputError, parse_blocks
from briefgen.content.templating import SourceNotes, lower_first, plain_position_text, position_text
from briefgen.jobs import Job, Scope
from briefgen.kinds.claims import ClaimSource, claim_index, content_hash
from briefgen.kinds.genre import BriefingVoice, briefing_voice, genre
from briefgen.options import Options
from briefgen.problems import Problem, ProblemsError, display_path
from briefgen.readers.overlay import Overlay
from briefgen.readers.positions import FIGURE_MARKER, Positions
from briefgen.readers.profile import LoadedProfile
from briefgen.schema.overlay import LocalFigure, LocalTheme, LocalTopic
from briefgen.schema.positions import Claim, Figure, Source, Theme, Topic
from briefgen.schema.profile import Person, Portfolio

__all__ = ["Context", "Job", "Options", "Scope"]

MAX_NUMBER_CHARS = 60
"""Longest document number a numbering pattern may produce (it is also a file property)."""

STANCE_LABELS = {
    "steun": "steun",
    "gemengd": "gemengd (steun met kanttekeningen)",
    "zorg": "zorgen",
    "afwijzend": "afwijzend",
    "neutraal": "neutraal",
}


def scope_themes(ctx: Context, scope: Scope) -> list[str]:
    """The themes a per-theme kind plans for: the selected one, else all."""
    return [scope.theme] if scope.theme else [theme.id for theme in ctx.positions.themes]


@dataclass
class Context:
    """Everything a kind needs to compose one document."""

    positions: Positions
    profile: LoadedProfile
    options: Options
    env: jinja2.Environment
    notes: SourceNotes = field(default_factory=SourceNotes)
    previous: Positions | None = None
    """The earlier version of the positions (``build --changes-since``)."""
    previous_label: str = ""
    """The earlier version as readers see it: ``de versie van 2 december 2026 (commit 1a2b3c4)``."""
    changes: list[Any] = field(default_factory=list)
    """What changed since :attr:`previous` (:class:`briefgen.changes.diff.Change`)."""
    _claim_sources: dict[int, ClaimSource] = field(default_factory=dict)

    @property
    def figures(self) -> dict[str, Figure]:
        """All figures by id."""
        return {fig_id: use.figure for fig_id, use in self.positions.figures.items()}

    def text(self, text: str | Claim) -> Any:
        """A position text (or a claim's text) as safe HTML with figures filled in; a claim of the
        positions is marked with its file and field (see :mod:`briefgen.kinds.claims`)."""
        html = position_text(str(text), self.figures)
        source = self.claim_sources.get(id(text))
        if source is None:
            return html
        return Markup('<span data-claim="{}" data-written="{}">{}</span>').format(source.ref, source.written, html)

    @property
    def claim_sources(self) -> dict[int, ClaimSource]:
        """Every claim text object of the positions → its file and field (made once; the copies
        of a context made per document share it)."""
        if not self._claim_sources:
            self._claim_sources.update(claim_index(self.positions))
        return self._claim_sources

    def plain(self, text: str | Claim) -> str:
        """A position text (or a claim's text) as plain text with figures filled in."""
        return plain_position_text(str(text), self.figures)

    @property
    def document_date(self) -> dt.date:
        """The one date of every document: ``--date`` > profile ``date`` > positions ``date`` > today."""
        return self.options.date

    @property
    def peildatum(self) -> str:
        """The reference date of the positions in Dutch, e.g. ``16 mei 2024``."""
        return dutch.date(self.positions.general.peildatum)

    @property
    def voice(self) -> BriefingVoice:
        """How this organisation's briefings read (genre by organisation kind, profile overrides)."""
        profile = self.profile.profile
        return briefing_voice(profile.organisation, profile.briefing)

    def person(self, person_id: str) -> Person:
        """The profile's person with ``person_id``."""
        return self.profile.person(person_id)

    @property
    def local(self) -> Overlay | None:
        """The organisation's overlay, if its profile has one."""
        return self.positions.local

    @property
    def place(self) -> str:
        """The organisation's short name, as local headings use it (``Lindehoven``)."""
        return self.profile.profile.organisation.short_name

    def local_theme(self, theme: Theme) -> LocalTheme | None:
        """Local content of ``theme``."""
        return self.local.theme(theme.id) if self.local else None

    def local_topic(self, topic: Topic) -> LocalTopic | None:
        """Local content of ``topic``."""
        return self.local.topic(topic.id) if self.local else None

    def is_local(self, item: Source | Figure) -> bool:
        """True for a source or figure of the overlay (not of the shared positions)."""
        if self.local is None:
            return False
        if isinstance(item, Source):
            return item.id in self.local.sources
        use = self.positions.figures.get(item.id)
        return use is not None and use.local

    def figure_table(self, rows: list[tuple[Topic, Figure]]) -> FigureTable:
        """``rows`` grouped by theme, with the columns the figures table needs."""
        return figure_table(self, rows)

    def effect_label(self, fig: Figure) -> str:
        """The Soort cell of a money figure (empty when its effect is not given)."""
        return EFFECT_LABELS[fig.effect.value] if fig.effect is not None else ""

    def local_figures_in(self, texts: Iterable[str | Claim | None], money: bool = True) -> list[LocalFigure]:
        """The overlay's figures that ``texts`` mention (``{fig:ID}``), each once, in order;
        without the money figures when ``money`` is false."""
        found: dict[str, LocalFigure] = {}
        for text in texts:
            for match in FIGURE_MARKER.finditer(str(text or "")):
                fig = self.figures.get(match.group(1))
                if isinstance(fig, LocalFigure) and self.is_local(fig) and (money or fig.kind.value != "money"):
                    found.setdefault(fig.id, fig)
        return list(found.values())

    def cite_local(self, source_id: str | None, text: str | Claim) -> Any:
        """Note reference to ``source_id`` and to the own sources of the local figures that
        ``text`` mentions, so a figure from another document than its paragraph's is listed too."""
        ids = [source_id] if source_id else []
        ids += [fig.source for fig in self.local_figures_in([text])]
        sources = [self.positions.sources[source] for source in dict.fromkeys(ids)]
        return self.notes.cite(sources) if sources else Markup("")

    def names_place_first(self, text: str | Claim) -> bool:
        """True when ``text`` itself opens with ``Voor <place>`` (then no such label goes before it)."""
        return re.match(rf"\s*voor\s+{re.escape(self.place)}\b", str(text), re.IGNORECASE) is not None

    def stance_label(self, stance: str) -> str:
        """A stance as readers see it (``gemengd: steun met kanttekeningen``)."""
        return STANCE_LABELS[stance]

    def cite_id(self, source_id: str | None) -> Any:
        """Note reference to the source with ``source_id`` (nothing for None)."""
        return self.notes.cite([self.positions.sources[source_id]]) if source_id else Markup("")

    def source_groups(self) -> list[tuple[str, int, list[Source]]]:
        """The cited sources as (title, first number, sources): the shared ones, then the local ones."""
        shared = [s for s in self.notes.entries if not self.is_local(s)]
        local = [s for s in self.notes.entries if self.is_local(s)]
        groups = [("Bronnen", 1, shared)] if shared else []
        if local:
            groups.append((f"Bronnen van {self.profile.profile.organisation.name}", len(shared) + 1, local))
        return groups

    def cite(self, topic: Topic) -> Any:
        """Note references to a topic's sources."""
        return self.notes.cite(self.positions.topic_sources(topic))

    def cite_source(self, source: Source) -> Any:
        """Note reference to one source."""
        return self.notes.cite([source])

    def number(self, kind: str, seq: int, theme: str = "", portfolio: str = "") -> str:
        """The document number of a kind, from the profile's pattern."""
        numbering = self.profile.profile.numbering
        pattern: str = getattr(numbering, kind) or genre(self.profile.profile.organisation).number
        start = numbering.start.get(kind, 1)
        try:
            number = pattern.format(
                year=self.document_date.year,
                yy=f"{self.document_date.year % 100:02d}",
                seq=start + seq - 1,
                theme=theme,
                portfolio=portfolio,
                org=self.profile.profile.organisation.short_name,
            )
        except (ValueError, TypeError, KeyError, IndexError) as error:
            problem = self.profile.located.problem(("numbering", kind), f"cannot number: {error}")
            raise ProblemsError([problem]) from None
        if len(number) > MAX_NUMBER_CHARS:
            message = f"gives a number of {len(number)} characters; the limit is {MAX_NUMBER_CHARS}"
            raise ProblemsError([self.profile.located.problem(("numbering", kind), message)])
        return number

    def metadata(
        self,
        kind: str,
        label: str,
        title: str,
        subject: str,
        number: str,
        keyword: str,
        author: str = "",
        status: str = "definitief",
        title_block: bool = True,
    ) -> Metadata:
        """Metadata of a document of this organisation, dated with the build date."""
        organisation = self.profile.profile.organisation.name
        return Metadata(
            date_label=dutch.date(self.document_date),
            publication=self.publication(kind),
            title=title,
            subject=subject,
            organisation=organisation,
            author=author or organisation,
            date=self.document_date,
            number=number,
            kind=kind,
            kind_label=label,
            status=status,
            keywords=("hoofdlijnenakkoord", keyword, label),
            title_block=title_block,
        )

    def publication(self, kind: str) -> Publication:
        """How a document of ``kind`` is published under the Woo (profile settings or the defaults)."""
        from briefgen import publish

        profile = self.profile.profile
        org = profile.organisation
        category = profile.publication.categories.get(kind, publish.DEFAULT_CATEGORIES[kind])
        document_kind = profile.publication.document_kinds.get(kind, publish.DEFAULT_DOCUMENT_KINDS[kind])

        def term(list_name: str, code: str) -> Term:
            return Term(publish.term_uri(code), publish.label(list_name, code) or code)

        embargoed = kind == "press" and self.options.embargo is not None
        return Publication(
            publisher=org.name,
            publisher_uri=publish.organisation_uri(org.tooi) if org.tooi else "",
            category=term("informatiecategorie", category),
            document_kind=term("documentsoort", document_kind),
            handling=term("soorthandeling", publish.HANDLING),
            web=not embargoed,
        )

    def letterhead(self, number: str) -> Letterhead:
        """Page furniture for a document with ``number``."""
        org = self.profile.profile.organisation
        return Letterhead(
            organisation=org.name,
            logo=org.logo,
            logo_alt=org.logo_alt,
            sender_lines=tuple(org.postal_address),
            footer=number,
        )


def theme_jobs(ctx: Context, themes: list[str], kind: str, audience: str) -> list[Job]:
    """One job per selected theme, numbered in chapter order."""
    return [
        Job(kind, theme.id, audience, theme=theme.id, seq=index, depends_on=(theme.id,))
        for index, theme in enumerate(ctx.positions.themes, start=1)
        if theme.id in themes
    ]


def person_name(person: Person) -> str:
    """``Naam, rol`` or only the role when the name is not known."""
    return f"{person.name}, {person.role}" if person.name else person.role


def portfolios_for_topic(profile: LoadedProfile, theme: Theme, topic: Topic) -> list[Portfolio]:
    """Portfolios of the profile that cover ``topic``."""
    return [
        portfolio
        for portfolio in profile.profile.portfolios
        if set(topic.portfolios) & set(portfolio.areas()) or theme.id in portfolio.themes
    ]


def portfolios_for_theme(profile: LoadedProfile, theme: Theme) -> list[Portfolio]:
    """Portfolios that cover any topic of ``theme``, in profile order."""
    found = {p.id for topic in theme.topics for p in portfolios_for_topic(profile, theme, topic)}
    return [portfolio for portfolio in profile.profile.portfolios if portfolio.id in found]


def topics_for_portfolio(positions: Positions, portfolio: Portfolio) -> list[tuple[Theme, list[Topic]]]:
    """The themes of a portfolio with, per theme, the topics it covers."""
    areas = set(portfolio.areas())
    result = []
    for theme in positions.themes:
        topics = [t for t in theme.topics if theme.id in portfolio.themes or set(t.portfolios) & areas]
        if topics:
            result.append((theme, topics))
    return result


def money_figures(ctx: Context, topics: Iterable[Topic]) -> list[tuple[Topic, Figure]]:
    """Money figures of ``topics``, each once, in order; the overlay's local ones of a topic follow
    its shared ones."""
    seen: set[str] = set()
    rows = []
    for topic in topics:
        local_topic = ctx.local_topic(topic)
        for fig in [*topic.figures, *(local_topic.figures if local_topic else [])]:
            if fig.kind.value == "money" and fig.id not in seen:
                seen.add(fig.id)
                rows.append((topic, fig))
    return rows


EFFECT_LABELS = {
    "bezuiniging": "bezuiniging",
    "investering": "extra geld",
    "vervallen-bezuiniging": "bezuiniging vervalt",
    "budget": "budget",
}
"""How the figures table names a money figure's effect (its Soort column)."""


@dataclass(frozen=True)
class FigureTable:
    """The rows of a figures table with what its columns need: ``rows`` holds (theme title, shown
    on the first row of each theme only; topic; figure); the Thema, Soort and Periode columns are
    only there when they say something."""

    rows: list[tuple[str, Topic, Figure]]
    by_theme: bool
    effects: bool
    periods: bool


def figure_table(ctx: Context, rows: list[tuple[Topic, Figure]]) -> FigureTable:
    """``rows`` grouped by theme (in the order of the themes), for the figures table."""
    theme_of = {topic.id: theme for theme in ctx.positions.themes for topic in theme.topics}
    order = {theme.id: index for index, theme in enumerate(ctx.positions.themes)}
    ordered = sorted(rows, key=lambda row: order.get(theme_of[row[0].id].id, 0) if row[0].id in theme_of else 0)
    grouped: list[tuple[str, Topic, Figure]] = []
    previous = None
    for topic, fig in ordered:
        theme = theme_of.get(topic.id)
        title = theme.short_title if theme is not None and theme is not previous else ""
        previous = theme
        grouped.append((title, topic, fig))
    themes = {theme_of[topic.id].id for topic, _ in rows if topic.id in theme_of}
    return FigureTable(
        rows=grouped,
        by_theme=len(themes) > 1,
        effects=any(fig.effect is not None for _, fig in rows),
        periods=any(fig.period for _, fig in rows),
    )


MENTIONS_BIJLAGE = re.compile(r"(?<!financiële )\bbijlage\b", re.IGNORECASE)
"""A text that speaks of a bijlage of the document itself (the agreement's ``financiële bijlage`` is
not one); the document then carries the figures table as its bijlage."""

FIGURES_TITLE = "Bedragen in het hoofdlijnenakkoord"
"""Title of the bijlage with the figures table (followed by the theme)."""


def figures_bijlage(ctx: Context, themes: list[Theme], texts: list[str]) -> tuple[str, list[tuple[Topic, Figure]]]:
    """Title and rows of the figures bijlage a document carries when one of ``texts`` mentions a
    bijlage (no rows: it carries none)."""
    if not themes or not any(MENTIONS_BIJLAGE.search(text) for text in texts):
        return "", []
    names = ", ".join(lower_first(theme.short_title) for theme in themes)
    rows = money_figures(ctx, [topic for theme in themes for topic in theme.topics])
    return f"{FIGURES_TITLE}: {names}", rows


def render_document(ctx: Context, template: str, values: dict[str, Any], meta: Metadata, number: str) -> Document:
    """Render ``template`` with ``values`` and parse its HTML into a :class:`Document`.

    Template problems (syntax, undefined names, missing files, errors raised by template code,
    output outside the restricted HTML) become a :class:`ProblemsError` naming file and line.
    """
    html = _render(ctx, template, values, meta)
    cited = list(ctx.notes.entries)
    ordered = sorted(cited, key=ctx.is_local)  # shared sources first, each group in citation order
    if ordered != cited:
        ctx.notes = SourceNotes(ordered)
        html = _render(ctx, template, values, meta)
    try:
        blocks = parse_blocks(html)
    except TemplateOutputError as error:
        raise ProblemsError([Problem(_template_file(ctx.env, None, template), 0, 0, "", str(error))]) from None
    meta = dataclasses.replace(meta, claim_files=_claim_files(ctx, blocks), template=template)
    return Document(meta=meta, letterhead=ctx.letterhead(number), blocks=blocks)


def _claim_files(ctx: Context, blocks: tuple[Block, ...]) -> tuple[tuple[str, str], ...]:
    """(file, content hash) of every file whose claims ``blocks`` show, sorted by file."""
    shown = {mark.ref for mark in claim_marks(blocks)}
    files = {
        source.ref.partition("#")[0]: source.located for source in ctx.claim_sources.values() if source.ref in shown
    }
    return tuple((name, content_hash(located)) for name, located in sorted(files.items()))


def _render(ctx: Context, template: str, values: dict[str, Any], meta: Metadata) -> str:
    """The template's HTML output; template problems become a located :class:`ProblemsError`."""
    try:
        return ctx.env.get_template(template).render(ctx=ctx, meta=meta, org=ctx.profile.profile.organisation, **values)
    except jinja2.TemplateSyntaxError as error:
        where = _template_file(ctx.env, error.filename, error.name or template)
        raise ProblemsError([Problem(where, error.lineno, 1, "", error.message or "syntax error")]) from None
    except UnicodeDecodeError as error:
        where = _template_file(ctx.env, None, template)
        raise ProblemsError([Problem(where, 0, 0, "", f"a template is not UTF-8 text: {error.reason}")]) from None
    except Exception as error:
        frame = _template_frame(error)
        if isinstance(error, jinja2.TemplateNotFound):
            message = f"template {error.name!r} not found"
        elif isinstance(error, jinja2.TemplateError):
            message = str(error)
        elif frame is not None and (frame[2] or isinstance(error, RecursionError)):
            # raised by the template's own code ({{ 1 / 0 }}), or a template that includes itself
            message = f"{type(error).__name__}: {error}"
        else:
            raise  # a bug in briefgen itself, not in the template
        if frame is None:
            raise ProblemsError([Problem(_template_file(ctx.env, None, template), 0, 0, "", message)]) from None
        raise ProblemsError([Problem(display_path(Path(frame[0])), frame[1], 1, "", message)]) from None


def _template_file(env: jinja2.Environment, filename: str | None, name: str) -> str:
    """The template's path as users see it (relative to the working folder when inside it)."""
    if filename:
        return display_path(Path(filename))
    loader = env.loader
    if isinstance(loader, jinja2.FileSystemLoader) and loader.searchpath:
        return display_path(Path(loader.searchpath[0]) / name)
    return name


def _template_frame(error: BaseException) -> tuple[str, int, bool] | None:
    """File and line of the innermost template frame, and whether it is the innermost frame."""
    found: tuple[str, int, bool] | None = None
    tb = error.__traceback__
    while tb is not None:
        is_template = "__jinja_exception__" in tb.tb_frame.f_globals
        if is_template:
            found = (tb.tb_frame.f_code.co_filename, tb.tb_lineno, tb.tb_next is None)
        elif found is not None:
            found = (found[0], found[1], False)
        tb = tb.tb_next
    return found


Composer = Callable[[Context, Job], Document]
