"""Lobbybrief: one per theme, to the cabinet or a Tweede Kamer committee, with numbered asks."""

from __future__ import annotations

from briefgen.content import dutch
from briefgen.content.model import Document
from briefgen.content.templating import lower_first
from briefgen.kinds.base import Context, Job, render_document, theme_jobs

KIND = "letter"
LABEL = "Brief"
AUDIENCE = "kabinet en Tweede Kamer"


def plan(ctx: Context, themes: list[str]) -> list[Job]:
    """One letter per selected theme."""
    return theme_jobs(ctx, themes, KIND, AUDIENCE)


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
        f"{ctx.positions.general.agreement[0].upper()}{ctx.positions.general.agreement[1:]} ligt er. "
        f"Het kabinet werkt het uit in een regeerprogramma. Met deze brief geven wij u onze inbreng "
        f"over {lower_first(theme.short_title)}."
    )
    values = {
        "theme": theme,
        "addressee": addressee,
        "date_text": dutch.date(ctx.options.date),
        "subject": subject,
        "number": number,
        "enclosures": letters.enclosures,
        "occasion": occasion,
        "asks": asks,
        "signatory": ctx.person(letters.signatory),
        "org_name": profile.organisation.name,
    }
    return render_document(ctx, "letter.html.j2", values, meta, number)
