"""Lobbybrief: one per theme, to the cabinet or a Tweede Kamer committee, with numbered asks."""

from __future__ import annotations

from briefgen.content import dutch
from briefgen.content.model import Document
from briefgen.content.templating import lower_first
from briefgen.kinds.base import Context, Job, Scope, render_document, scope_themes, theme_jobs

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
    meta = ctx.metadata(KIND, LABEL, subject, subject, number, theme.short_title)
    asks = [(topic, ask) for topic in theme.topics for ask in topic.asks]
    occasion = addressee.occasion or (
        f"Met deze brief geven wij u onze inbreng over {lower_first(theme.short_title)} "
        f"voor de uitwerking van {ctx.positions.general.agreement} in een regeerprogramma."
    )
    heading, intro, closing = FRAMES[addressee.kind.value]
    values = {
        "theme": theme,
        "addressee": addressee,
        "date_text": dutch.date(ctx.options.date),
        "subject": subject,
        "number": number,
        "enclosures": letters.enclosures,
        "occasion": occasion,
        "asks": asks,
        "local_asks": [ask for topic in theme.topics for ask in getattr(ctx.local_topic(topic), "asks", [])],
        "asks_heading": heading,
        "asks_intro": addressee.asks_intro or intro,
        "closing": closing,
        "signatory": ctx.person(letters.signatory),
        "org_name": profile.organisation.name,
    }
    return render_document(ctx, "letter.html.j2", values, meta, number)
