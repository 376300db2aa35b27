"""Lobbybrief: one per theme, to the cabinet or a Tweede Kamer committee, with numbered asks."""

from __future__ import annotations

from briefgen.content import dutch
from briefgen.content.model import Document
from briefgen.content.templating import lower_first
from briefgen.kinds.base import (
    FIGURES_TITLE,
    MENTIONS_BIJLAGE,
    Context,
    Job,
    Scope,
    money_figures,
    render_document,
    scope_themes,
    theme_jobs,
)
from briefgen.schema.profile import Addressee

FRAMES = {
    "kabinet": ("Wat wij u vragen", "Wij vragen u:", "Wij gaan graag met u in gesprek over de uitwerking."),
    "commissie": (
        "Wat wij het kabinet vragen",
        "Wij vragen u het kabinet het volgende te vragen:",
        "Wij vragen u deze punten in te brengen in uw overleg met het kabinet, en lichten ze graag toe.",
    ),
    "overig": (
        "Wat wij het kabinet vragen",
        "Wij vragen het kabinet:",
        "Wij vragen u deze punten te steunen in uw contact met het kabinet, en lichten ze graag toe.",
    ),
}
"""Per addressee kind: heading above the asks, the sentence before them, the closing sentence.

The asks are written once, as requests to the cabinet; a committee is asked to press the
cabinet on them, so ``u`` in the letter always means the addressee."""

for _kind in ("minister-president", "minister", "staatssecretaris"):
    FRAMES[_kind] = FRAMES["kabinet"]

KIND = "letter"
LABEL = "Brief"
PER = "theme"
AUDIENCE = "kabinet en Tweede Kamer"


def plan(ctx: Context, scope: Scope) -> list[Job]:
    """One letter per selected theme."""
    return theme_jobs(ctx, scope_themes(ctx, scope), KIND, AUDIENCE)


def compose(ctx: Context, job: Job) -> Document:
    """The lobby letter of ``job.theme``."""
    profile = ctx.profile.profile
    theme = ctx.positions.theme(job.theme or "")
    letters = profile.letters
    addressee_id = letters.themes.get(theme.id, letters.default)
    addressee = next(a for a in letters.addressees if a.id == addressee_id)
    number = ctx.number(KIND, job.seq, theme=theme.id)
    subject = f"Hoofdlijnenakkoord: {lower_first(theme.short_title)}"
    meta = ctx.metadata(KIND, LABEL, subject, subject, number, theme.short_title, title_block=False)
    asks = [(topic, ask) for topic in theme.topics for ask in topic.asks]
    occasion = addressee.occasion or _occasion(ctx, addressee, theme.short_title)
    local_asks = [ask for topic in theme.topics for ask in getattr(ctx.local_topic(topic), "asks", [])]
    money = money_figures(ctx, theme.topics)
    texts = [
        theme.summary.text,
        *(f"{ask.ask} {ask.why}" for _, ask in asks),
        *(f"{a.ask} {a.why}" for a in local_asks),
    ]
    figures_title = f"{FIGURES_TITLE}: {lower_first(theme.short_title)}"
    carries_figures = bool(money) and refers_to_amounts(texts, {fig.id for _, fig in money})
    enclosures = [*letters.enclosures, *([figures_title] if carries_figures else [])]
    heading, intro, closing = FRAMES[addressee.kind.value]
    values = {
        "theme": theme,
        "addressee": addressee,
        "date_text": dutch.date(ctx.document_date),
        "subject": subject,
        "number": number,
        "enclosures": enclosures,
        "figures": money if carries_figures else [],
        "figures_title": figures_title,
        "local_money": [fig for _, fig in money if ctx.is_local(fig)] if carries_figures else [],
        "occasion": occasion,
        "salutation": addressee.greeting,
        "contact": ctx.person(letters.contact) if letters.contact else None,
        "asks": asks,
        "local_asks": local_asks,
        "asks_heading": heading,
        "asks_intro": addressee.asks_intro or intro,
        "closing": closing,
        "signatory": ctx.person(letters.signatory),
        "org_name": profile.organisation.name,
    }
    return render_document(ctx, "letter.html.j2", values, meta, number)


def refers_to_amounts(texts: list[str], money_ids: set[str]) -> bool:
    """True when a text mentions a bijlage or one of the money figures (``{fig:ID}``)."""
    for text in texts:
        if MENTIONS_BIJLAGE.search(text):
            return True
        if any(f"{{fig:{fig_id}}}" in text for fig_id in money_ids):
            return True
    return False


def _occasion(ctx: Context, addressee: Addressee, theme_title: str) -> str:
    """The opening sentence: the debate when the profile names one, else the agreement."""
    subject = f"onze inbreng over {lower_first(theme_title)}"
    if addressee.debate:
        when = f" op {dutch.date(addressee.debate_date)}" if addressee.debate_date else ""
        return f"Met het oog op {addressee.debate}{when} geven wij u met deze brief {subject}."
    return (
        f"Met deze brief geven wij u {subject} voor de uitwerking van "
        f"{ctx.positions.general.agreement} in een regeerprogramma."
    )
