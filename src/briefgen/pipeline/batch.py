"""Build many organisations in one run: ``briefgen build --profiles DIR``.

Every profile ``DIR/<id>.yaml`` is built into ``OUT/<id>/`` exactly as a single build would
(incremental, reproducible, its own manifest), one organisation after another, so at most one
organisation's documents are in memory however many there are. The positions are read once and
the PDF workers stay warm across organisations. A broken profile is reported and skipped; the
others are still built. ``OUT/manifest.json`` indexes every organisation.
"""

from __future__ import annotations

import contextlib
import resource
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.pipeline import BuildReport, BuildRequest, Progress, build, make_executor
from briefgen.pipeline.output import MANIFEST, build_lock, check_out_dir, non_public_folder, read_json, write_json
from briefgen.problems import Problem, ProblemsError, UsageError, display_path

if TYPE_CHECKING:
    from briefgen.pipeline.render import Executor

PROFILE_ID = r"[a-z0-9]+(?:-[a-z0-9]+)*"


@dataclass
class Outcome:
    """What happened to one organisation."""

    id: str
    profile: Path
    name: str = ""
    report: BuildReport | None = None
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when the organisation was built."""
        return self.report is not None and not self.problems


@dataclass
class BatchReport:
    """What a batch build did."""

    outcomes: list[Outcome] = field(default_factory=list)
    seconds: float = 0.0
    workers: int = 0
    worker_peak_rss_kib: int = 0
    main_peak_rss_kib: int = 0
    orphans: list[str] = field(default_factory=list)
    """Organisation folders in the output folder that no profile of this run builds (left as they are)."""

    @property
    def failed(self) -> list[Outcome]:
        """Organisations that could not be built."""
        return [outcome for outcome in self.outcomes if not outcome.ok]

    def summary(self) -> str:
        """One line: organisations and documents built."""
        reports = [outcome.report for outcome in self.outcomes if outcome.report is not None]
        built = sum(len(report.built) for report in reports)
        total = sum(report.total for report in reports)
        good = len(self.outcomes) - len(self.failed)
        rate = f", {built / self.seconds:.1f} documents/s" if built > 1 and self.seconds else ""
        failed = f", {len(self.failed)} failed" if self.failed else ""
        return (
            f"{good} of {len(self.outcomes)} organisations built{failed}: {total} documents, "
            f"{built} built, {total - built} reused in {self.seconds:.2f} s{rate}"
        )


def profile_files(folder: Path) -> list[Path]:
    """The profiles in ``folder`` (``*.yaml``, hidden files skipped), sorted by id."""
    if not folder.is_dir():
        raise UsageError(f"--profiles: folder {str(folder)!r} not found")
    found = sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and not p.name.startswith("."))
    if not found:
        raise UsageError(f"--profiles: folder {str(folder)!r} holds no profiles (*.yaml)")
    return found


OrganisationProgress = Callable[[str, int, int], None]
"""Called with (organisation id, organisations done, organisations) before each organisation."""


def build_batch(
    base: BuildRequest,
    profiles: list[Path],
    progress: Progress | None = None,
    on_organisation: OrganisationProgress | None = None,
) -> BatchReport:
    """Build every profile of ``profiles`` into ``base.out/<id>``; raise only when nothing can be built."""
    import re

    from briefgen.readers.positions import load_positions

    started = time.perf_counter()
    out = check_out_dir(base.out)
    shared = load_positions(base.positions)  # a problem here concerns every organisation
    report = BatchReport()
    with build_lock(out):
        pool = _pool(base)
        try:
            for index, profile in enumerate(profiles):
                outcome = Outcome(profile.stem, profile)
                report.outcomes.append(outcome)
                if on_organisation:
                    on_organisation(outcome.id, index, len(profiles))
                if not re.fullmatch(PROFILE_ID, outcome.id):
                    message = "file name is no usable id (use a-z, 0-9 and hyphens, e.g. lindehoven.yaml)"
                    outcome.problems.append(Problem(display_path(profile), message=message))
                    continue
                request = _request(base, profile, out / outcome.id)
                try:
                    outcome.report = build(request, progress, shared=shared, pool=pool)
                except (ProblemsError, UsageError) as error:
                    outcome.problems = (
                        error.problems
                        if isinstance(error, ProblemsError)
                        else [Problem(display_path(profile), message=str(error))]
                    )
                    continue
                outcome.name = _organisation_name(profile)
        finally:
            if pool is not None:
                report.workers = pool.started
                report.worker_peak_rss_kib = pool.peak_rss_kib
                pool.close()
        _write_index(out, base, report)
    report.orphans = orphan_folders(out, {outcome.id for outcome in report.outcomes})
    report.seconds = time.perf_counter() - started
    report.main_peak_rss_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return report


def orphan_folders(out: Path, ids: set[str]) -> list[str]:
    """Folders of ``out`` that hold an organisation's build (a ``manifest.json``) but whose id is
    not in ``ids``: their profile was removed or renamed. They are not listed in ``OUT/manifest.json``."""
    if not out.is_dir():
        return []
    return sorted(
        folder.name
        for folder in out.iterdir()
        if folder.is_dir() and folder.name not in ids and (folder / "manifest.json").is_file()
    )


def _request(base: BuildRequest, profile: Path, out: Path) -> BuildRequest:
    from dataclasses import replace

    options = base.options
    if options.embargo is not None and not options.embargo_reason:
        from briefgen.readers.profile import load_profile

        try:
            reason = load_profile(profile).profile.press.embargo_reason or ""
        except ProblemsError:
            reason = ""  # the build itself reports the profile's problems
        options = replace(options, embargo_reason=reason)
    non_public = non_public_folder(base.out, base.non_public) / out.name
    return replace(base, profile=profile, out=out, options=options, non_public=non_public)


def _pool(base: BuildRequest) -> Executor | None:
    pool = make_executor(base)
    if pool is not None:
        pool.shared = True  # started by the first organisation with something to render
    return pool


def _organisation_name(profile: Path) -> str:
    from briefgen.readers.profile import load_profile

    try:
        return load_profile(profile).profile.organisation.name
    except ProblemsError:
        return ""


def _write_index(out: Path, base: BuildRequest, report: BatchReport) -> None:
    """``OUT/manifest.json``: every organisation with its manifest (kept from an earlier build
    when this one failed), unless the file already says exactly this."""
    from briefgen import __version__
    from briefgen.pipeline.state import file_sha256

    organisations: list[dict[str, Any]] = []
    for outcome in report.outcomes:
        manifest = out / outcome.id / MANIFEST
        previous = read_json(manifest) if manifest.is_file() else None
        entry: dict[str, Any] = {
            "id": outcome.id,
            "organisation": outcome.name,
            "profile": outcome.profile.name,
            "status": "built" if outcome.ok else "failed",
        }
        if isinstance(previous, dict):
            entry["manifest"] = f"{outcome.id}/{MANIFEST}"
            entry["sha256"] = file_sha256(manifest)
            entry["documents"] = len(previous.get("documents", []))
        if outcome.problems:
            entry["problems"] = [str(problem) for problem in outcome.problems]
        organisations.append(entry)
    index = {
        "generator": f"briefgen {__version__}",
        "date": base.options.date.isoformat(),
        "organisations": organisations,
    }
    if read_json(out / MANIFEST) != index:
        out.mkdir(parents=True, exist_ok=True)
        write_json(out / MANIFEST, index)
    _write_top_page(out, organisations)


def _write_top_page(out: Path, organisations: list[dict[str, Any]]) -> None:
    """``OUT/index.html``: every organisation, linking to its own index when it has web pages
    (styled with the first one's style sheet; no page when none has web pages)."""
    from briefgen.pipeline.output import write_atomic
    from briefgen.writers.html import OrganisationRow, organisations_page

    with_pages = [entry["id"] for entry in organisations if (out / str(entry["id"]) / "index.html").is_file()]
    page = out / "index.html"
    if not with_pages:
        with contextlib.suppress(FileNotFoundError):
            page.unlink()
        return
    rows = [
        OrganisationRow(
            str(entry["organisation"] or entry["id"]),
            "gebouwd" if entry["status"] == "built" else "niet gebouwd",
            int(entry.get("documents", 0) or 0),
            f"{entry['id']}/index.html" if entry["id"] in with_pages else "",
        )
        for entry in organisations
    ]
    data = organisations_page("Publicaties per organisatie", rows, f"{with_pages[0]}/assets/web.css").encode()
    if not page.is_file() or page.read_bytes() != data:
        write_atomic({page: data})
