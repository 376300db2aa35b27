"""Read the inputs, plan the jobs and compose every document model (cheap; no writers)."""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.content.contents import with_contents
from briefgen.content.model import Document
from briefgen.content.notes import one_note_per_section
from briefgen.content.templating import SourceNotes, make_environment
from briefgen.kinds import KINDS
from briefgen.kinds.base import Context, Job
from briefgen.kinds.status import OUTSIDE_KINDS, concept_version, job_status, late_approvals, refusal
from briefgen.options import resolve_date
from briefgen.pipeline.plan import plan
from briefgen.problems import Problem, ProblemsError, display_path
from briefgen.readers.overlay import load_overlay
from briefgen.readers.positions import Positions, load_positions
from briefgen.readers.profile import LoadedProfile, check_against_positions, load_profile
from briefgen.schema.positions import Status

if TYPE_CHECKING:
    from briefgen.pipeline import BuildRequest
    from briefgen.pipeline.state import FileRecord


@dataclass(frozen=True)
class Composed:
    """A planned job with its composed document."""

    job: Job
    document: Document

    @property
    def doc_id(self) -> str:
        """``kind/slug``: also the output path without extension."""
        return f"{self.job.kind}/{self.job.slug}"

    def light(self) -> Composed:
        """The same without the document's content: what the manifest and sitemap need."""
        return Composed(self.job, dataclasses.replace(self.document, blocks=()))

    def entry(self, files: dict[str, FileRecord], pages: int | None) -> dict[str, Any]:
        """The document's manifest entry."""
        meta = self.document.meta
        return {
            "id": self.doc_id,
            "kind": self.job.kind,
            "kind_label": meta.kind_label,
            "audience": self.job.audience,
            "theme": self.job.theme,
            "portfolio": self.job.portfolio,
            "title": meta.title,
            "number": meta.number,
            "date": meta.date.isoformat(),
            "date_label": meta.date_label,
            "subject": meta.subject,
            "status": meta.status,
            "pages": pages,
            "files": [
                {"format": fmt, "path": record.path, "sha256": record.sha256, "bytes": record.bytes}
                for fmt, record in sorted(files.items())
            ],
        }


def load_context(request: BuildRequest, shared: Positions | None = None, env: Any = None) -> Context:
    """Positions (``shared`` when already read), profile, overlay and templates, all checked;
    every problem of all of them at once."""
    problems: list[Problem] = []
    positions = shared
    profile = None
    if positions is None:
        try:
            positions = load_positions(request.positions)
        except ProblemsError as error:
            problems.extend(error.problems)
    try:
        profile = load_profile(request.profile)
    except ProblemsError as error:
        problems.extend(error.problems)
    if profile is not None:
        problems.extend(_house_assets(profile, request.templates / "house"))
        if positions is not None:
            try:
                check_against_positions(profile, positions)
            except ProblemsError as error:
                problems.extend(error.problems)
    if problems or positions is None or profile is None:
        raise ProblemsError(problems)
    unchanged_shared = positions
    folder = overlay_folder(profile)
    if folder is not None:
        if not folder.is_dir():
            message = f"overlay folder {display_path(folder)} not found"
            raise ProblemsError([profile.located.problem(("overlay",), message)])
        people = frozenset(person.id for person in profile.profile.people)
        positions = load_overlay(folder, positions, profile.profile.organisation.short_name, people)
    env = env or make_environment(request.templates / "kinds")
    options = resolve_date(request.options, profile.profile.date, positions.general.date)
    context = Context(positions, profile, options, env)
    since = getattr(request.options, "changes_since", None)
    if since:
        from briefgen.changes.diff import diff_positions
        from briefgen.changes.revisions import describe, positions_at

        with positions_at(since, request.positions) as previous:
            context.previous = previous
        context.previous_label = describe(since, request.positions)
        context.changes = diff_positions(previous, unchanged_shared)  # the shared positions, as diff shows
    return context


def overlay_folder(loaded: LoadedProfile) -> Path | None:
    """The profile's overlay folder (relative to the profile's folder), if it names one."""
    overlay = loaded.profile.overlay
    return None if overlay is None else loaded.path.parent / overlay


def profile_inputs(profile: Path) -> list[Path]:
    """Input folders the profile names besides itself (its overlay), for the input stamp."""
    try:
        folder = overlay_folder(load_profile(profile))
    except ProblemsError:
        return []
    return [folder] if folder is not None else []


def _house_assets(loaded: LoadedProfile, house: Path) -> list[Problem]:
    """The profile's logo must be a file inside the house-style folder (no way out of it)."""
    logo = loaded.profile.organisation.logo
    root = Path(os.path.realpath(house))
    target = Path(os.path.realpath(root / logo))
    if target.is_relative_to(root) and target.is_file():
        return []
    message = f"logo {logo!r} is not a file in the house-style folder {display_path(house)}"
    return [loaded.located.problem(("organisation", "logo"), message)]


@dataclass
class Composer:
    """The checked inputs and the planned jobs; composes one document at a time, so a build can
    stream documents without holding all of them."""

    base: Context
    jobs: list[Job]

    @classmethod
    def load(cls, request: BuildRequest, shared: Positions | None = None, env: Any = None) -> Composer:
        """Read and check the inputs and plan the jobs (problems are raised here); ``env``: a
        Jinja environment to reuse (its compiled templates), e.g. by the preview."""
        base = load_context(request, shared, env)
        return cls(base, plan(base, request.selection, KINDS))

    def compose(self, job: Job) -> Composed:
        """The document of ``job``; a concept is marked as one (raises for a press statement or
        letter with draft content, unless the build asks for concepts)."""
        base = self.base
        ctx = dataclasses.replace(base, notes=SourceNotes())
        late = late_approvals(base, job)
        if late:
            raise ProblemsError(late)
        document = with_contents(one_note_per_section(KINDS[job.kind].compose(ctx, job)))
        status = job_status(base, job)
        if status.status is not Status.vastgesteld:
            if job.kind in OUTSIDE_KINDS and not base.options.concept:
                raise ProblemsError([refusal(job, status)])
            document = concept_version(document, status.status)
        return Composed(job, document)


def compose_all(request: BuildRequest, shared: Positions | None = None) -> list[Composed]:
    """Every planned document, composed; problems (of every document) are raised before anything
    is written."""
    composer = Composer.load(request, shared)
    composed: list[Composed] = []
    problems: list[Problem] = []
    for job in composer.jobs:
        try:
            composed.append(composer.compose(job))
        except ProblemsError as error:
            problems.extend(problem for problem in error.problems if problem not in problems)
    if problems:
        raise ProblemsError(problems)
    return composed
