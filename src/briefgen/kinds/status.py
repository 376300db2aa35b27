"""Status and approval of what a document shows: drafts never reach outside readers.

A document's status is the weakest status of the content it shows (its themes and their
topics, the general file, the organisation's overlay). Press statements and lobby letters take
only ``vastgesteld`` content, unless the build asks for concepts (``--concept``); a document with
content that is not vastgesteld is marked as a concept on every page, says so in its title and
metadata, and is never published on the web.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from briefgen.content.model import Document
from briefgen.jobs import Job
from briefgen.problems import Problem, display_path
from briefgen.readers.positions import Positions
from briefgen.readers.yamlfile import Located, Path_
from briefgen.schema.overlay import LOCAL_FILE
from briefgen.schema.positions import Approval, Status

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

    def problem(self, message: str) -> Problem:
        """A problem located where the status is set."""
        if self.located is not None:
            return self.located.problem(self.path, message)
        return Problem(display_path(self.folder or Path(".")), message=message)


def _own(approval: Approval, inherited: ContentStatus, located: Located | None, path: Path_) -> ContentStatus:
    return inherited if approval.status is None else ContentStatus(approval.status, located, path)


def job_status(positions: Positions, job: Job) -> ContentStatus:
    """The weakest status among the content of ``job`` (first found on a tie)."""
    general_file = positions.files.get("_algemeen")
    unset = ContentStatus(Status.concept, general_file, ("status",))
    general = _own(positions.general, unset, general_file, ("status",))
    found = [general]
    present = {theme.id for theme in positions.themes}
    for theme_id in (theme_id for theme_id in job.depends_on if theme_id in present):
        theme = positions.theme(theme_id)
        located = positions.files.get(theme_id)
        found.append(_own(theme, general, located, ("status",)))
        for index, topic in enumerate(theme.topics):
            if topic.status is not None:
                found.append(ContentStatus(topic.status, located, ("topics", index, "status")))
    overlay = positions.local
    if overlay is not None:
        local_file = overlay.files.get(LOCAL_FILE)
        base = ContentStatus(Status.concept, local_file, ("status",), overlay.folder)
        local = _own(overlay.general, base, local_file, ("status",))
        found.append(local)
        for theme_id in job.depends_on:
            local_theme = overlay.theme(theme_id)
            if local_theme is not None:
                found.append(_own(local_theme, local, overlay.files.get(theme_id), ("status",)))
    return min(found, key=lambda item: item.status.rank)


def refusal(job: Job, status: ContentStatus) -> Problem:
    """Why a press statement or letter with draft content is not built."""
    what = f"{OUTSIDE_KINDS[job.kind].lower()} {job.kind}/{job.slug}"
    return status.problem(
        f"is {status.status.value!r}: the {what} goes outside and takes only vastgesteld content; approve it "
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
