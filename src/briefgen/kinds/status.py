"""Status and approval of what a document shows: drafts never reach outside readers.

A document's status is the weakest status of the content it shows (the general file, the
theme files and topics it shows, the parts of the organisation's overlay it contains); a file
that sets no status is a concept. Press statements and lobby letters take
only ``vastgesteld`` content, unless the build asks for concepts (``--concept``); a document with
content that is not vastgesteld is marked as a concept on every page, says so in its title and
metadata, and is never published on the web.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from briefgen.content.model import Document
from briefgen.jobs import Job
from briefgen.kinds.base import Context, topics_for_portfolio
from briefgen.problems import Problem, display_path
from briefgen.readers.yamlfile import Located, Path_
from briefgen.schema.overlay import LOCAL_FILE
from briefgen.schema.positions import Approval, Status, Theme

if TYPE_CHECKING:
    from briefgen.options import Options

OUTSIDE_KINDS = {"press": "Persbericht", "letter": "Brief"}
"""Kinds that go to readers outside the organisation: vastgesteld content only."""
MARK = "CONCEPT"


@dataclass(frozen=True)
class ContentStatus:
    """The weakest status of a document's content, and where it is set."""

    status: Status
    located: Located | None
    path: Path_
    folder: Path | None = None
    """The overlay folder, when its status is not set in a file."""
    unset: bool = False
    """True when the file sets no status (and so is a concept)."""
    approval: Approval | None = None
    """The fields that set the status (with ``approved_on``)."""

    def problem(self, message: str) -> Problem:
        """A problem located where the status is set."""
        if self.located is not None:
            return self.located.problem(self.path, message)
        return Problem(display_path(self.folder or Path(".")), message=message)


def document_date(options: Options) -> dt.date:
    """The date the document carries (and by which its content must have been approved)."""
    return options.date


def _own(approval: Approval, inherited: ContentStatus, located: Located | None, path: Path_) -> ContentStatus:
    return inherited if approval.status is None else ContentStatus(approval.status, located, path, approval=approval)


def _file_status(approval: Approval, located: Located | None, folder: Path | None = None) -> ContentStatus:
    """The status a file sets; a file that sets none is a concept."""
    if approval.status is None:
        return ContentStatus(Status.concept, located, ("status",), folder, unset=True)
    return ContentStatus(approval.status, located, ("status",), folder, approval=approval)


def shown_topics(ctx: Context, job: Job) -> list[tuple[Theme, list[int]]]:
    """The themes a document shows with the indexes of their topics it shows: a portfolio's
    memo the topics its portfolio covers, any other document every topic of its themes."""
    positions = ctx.positions
    if job.portfolio is not None:
        portfolio = next(p for p in ctx.profile.profile.portfolios if p.id == job.portfolio)
        covered = {id(topic) for _, topics in topics_for_portfolio(positions, portfolio) for topic in topics}
        shown = [
            (theme, [i for i, topic in enumerate(theme.topics) if id(topic) in covered]) for theme in positions.themes
        ]
        return [(theme, indexes) for theme, indexes in shown if indexes]
    present = {theme.id: theme for theme in positions.themes}
    return [(present[t], list(range(len(present[t].topics)))) for t in job.depends_on if t in present]


def statuses(ctx: Context, job: Job) -> list[ContentStatus]:
    """The status of every part of the content ``job``'s document shows: the general file, each
    theme file and topic with a status of its own, and the overlay's parts it contains."""
    positions = ctx.positions
    general_file = positions.files.get("_algemeen")
    found = [_file_status(positions.general, general_file)]
    shown = shown_topics(ctx, job)
    local_topics: set[str] = set()
    for theme, indexes in shown:
        located = positions.files.get(theme.id)
        theme_status = _file_status(theme, located)
        found.append(theme_status)
        for index in indexes:
            topic = theme.topics[index]
            found.append(_own(topic, theme_status, located, ("topics", index, "status")))
            local_topics.add(topic.id)
    overlay = positions.local
    if overlay is None:
        return found
    local_file = overlay.files.get(LOCAL_FILE)
    local_general = _file_status(overlay.general, local_file, overlay.folder)
    agreement_wide = job.theme is None and job.portfolio is None
    shows_local = agreement_wide and bool(overlay.general.kernboodschap or overlay.general.figures)
    whole = {theme.id for theme, indexes in shown if len(indexes) == len(theme.topics)}
    for theme, _ in shown:
        local_theme = overlay.theme(theme.id)
        if local_theme is None:
            continue
        if theme.id in whole or any(topic.id in local_topics for topic in local_theme.topics):
            found.append(_file_status(local_theme, overlay.files.get(theme.id), overlay.folder))
            shows_local = True
    if shows_local:  # its sources, figures and kernboodschap are approved in _lokaal.yaml
        found.append(local_general)
    return found


def job_status(ctx: Context, job: Job) -> ContentStatus:
    """The weakest status among the content of ``job`` (first found on a tie)."""
    return min(statuses(ctx, job), key=lambda item: item.status.rank)


def late_approvals(ctx: Context, job: Job) -> list[Problem]:
    """An approval dated after the document's date is no approval at that date: located errors."""
    date = document_date(ctx.options)
    problems = []
    for item in statuses(ctx, job):
        approved_on = item.approval.approved_on if item.approval is not None else None
        if approved_on is not None and approved_on > date and item.located is not None:
            problem = item.located.problem(
                (*item.path[:-1], "approved_on"),
                f"approved on {approved_on.isoformat()}, after the document date {date.isoformat()}: "
                "content cannot be approved after the date of a document that shows it "
                "(correct approved_on, or build with a --date on or after it)",
            )
            if problem not in problems:
                problems.append(problem)
    return problems


def refusal(job: Job, status: ContentStatus) -> Problem:
    """Why a press statement or letter with draft content is not built."""
    what = f"{OUTSIDE_KINDS[job.kind].lower()} {job.kind}/{job.slug}"
    state = "sets no status, so it is a concept" if status.unset else f"is {status.status.value!r}"
    return status.problem(
        f"{state}: the {what} goes outside and takes only vastgesteld content; approve it "
        "(status: vastgesteld, approved_by, approved_on) or build a marked concept with --concept"
    )


def concept_version(document: Document, status: Status) -> Document:
    """``document`` marked as a concept: title, metadata and a mark on every page; never on the web."""
    meta = document.meta
    publication = meta.publication and dataclasses.replace(meta.publication, web=False)
    label = "Concept" if status == Status.concept else "Concept (ter review)"
    meta = dataclasses.replace(
        meta,
        title=f"{label}: {meta.title}",
        kind_label=f"{MARK} · {meta.kind_label}",
        status=status.value,
        keywords=(*meta.keywords, "concept"),
        publication=publication,
    )
    head = document.letterhead
    letterhead = dataclasses.replace(head, footer=f"{MARK} · {head.footer or meta.number}")
    return dataclasses.replace(document, meta=meta, letterhead=letterhead)
