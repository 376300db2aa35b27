"""Wijzigingsoverzicht: per changed theme, what changed since an earlier version of the positions
(``build --changes-since REV``). Its cover lists the changed stances and figures; below, per
topic, every reworded text with its deletions and insertions (a tracked change in Word)."""

from __future__ import annotations

from typing import Any

from briefgen.content import dutch
from briefgen.content.model import Document
from briefgen.content.templating import lower_first
from briefgen.content.typography import keep_amounts_together
from briefgen.kinds.base import Context, Job, Scope, render_document, scope_themes, theme_jobs

KIND = "changes"
LABEL = "Wijzigingsoverzicht"
PER = "theme"
AUDIENCE = "raadsleden"
KEY_CHANGES = ("stance", "figure", "status")
"""Changes listed on the cover."""
LABELS = {
    "what the agreement says": "Wat staat er in het akkoord",
    "what it means": "Wat betekent dit",
    "risk": "Risico",
    "talking point": "Gesprekspunt",
    "kernboodschap": "Kernboodschap",
    "summary": "Samenvatting",
    "finding": "Algemene bevinding",
    "ask": "Vraag aan het kabinet",
    "title": "Titel",
}
WHAT = {"stance": "Standpunt", "figure": "Cijfer", "status": "Status", "source": "Bron", "topic": "Onderwerp"}
ACTIONS = {"added": "nieuw", "removed": "vervallen", "renamed": "nieuwe id", "changed": "gewijzigd"}


def plan(ctx: Context, scope: Scope) -> list[Job]:
    """One change document per selected theme that changed (none without ``--changes-since``)."""
    if ctx.previous is None:
        return []
    changed = {change.theme for change in ctx.changes}
    return [job for job in theme_jobs(ctx, scope_themes(ctx, scope), KIND, AUDIENCE) if job.theme in changed]


def label(change: Any) -> str:
    """What a change concerns, in Dutch."""
    if change.what in ("paragraph", "ask", "title"):
        return LABELS.get(change.label, change.label)
    return WHAT.get(change.what, change.what)


def compose(ctx: Context, job: Job) -> Document:
    """The change document of ``job.theme``."""
    theme = ctx.positions.theme(job.theme or "")
    changes = [change for change in ctx.changes if change.theme == theme.id]
    titles = {topic.id: topic.title for topic in theme.topics}
    sections: dict[str | None, list[Any]] = {}
    for change in changes:
        sections.setdefault(change.topic, []).append(change)
    number = ctx.number(KIND, job.seq, theme=theme.id)
    since = ctx.previous_label or f"de versie {ctx.options.changes_since}"
    subject = f"Wijzigingen in de positie over {lower_first(theme.short_title)}"
    meta = ctx.metadata(KIND, LABEL, subject, subject, number, theme.short_title)
    values = {
        "theme": theme,
        "subject": subject,
        "since": since,
        "date_text": dutch.date(ctx.document_date),
        "number": number,
        "briefing": ctx.profile.profile.briefing,
        "key_changes": [change for change in changes if change.what in KEY_CHANGES],
        "sections": [
            (titles.get(topic, "Het thema als geheel") if topic else "Het thema als geheel", items)
            for topic, items in sections.items()
        ],
        "label": label,
        "amounts": keep_amounts_together,
        "actions": ACTIONS,
    }
    return render_document(ctx, "changes.html.j2", values, meta, number)
