"""What every quality gate shares: findings, result tables and the checked inputs."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.problems import Problem, ProblemsError, Severity, display_path

if TYPE_CHECKING:
    from briefgen.pipeline.compose import Composed
    from briefgen.readers.positions import Positions
    from briefgen.readers.profile import LoadedProfile
    from briefgen.schema.profile import Gates

GATE_NAMES = ("figures", "provenance", "readability", "conformance", "parity")
"""Every gate ``briefgen check`` knows, in the order they run."""


@dataclass
class ReportTable:
    """A table for the terminal report; rows are already sorted worst first."""

    title: str
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)
    max_rows: int = 12
    """Rows shown on the terminal (0: all); ``--json`` has everything per document."""


@dataclass
class GateResult:
    """What one gate found."""

    name: str
    findings: list[Problem] = field(default_factory=list)
    tables: list[ReportTable] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    documents: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Per-document results for ``--json`` (document id → data)."""
    skipped: str = ""
    """Why the gate did not run (empty when it ran)."""
    counts: dict[str, int] = field(default_factory=dict)
    """Totals for ``--json``, e.g. claims, traced and untraced."""

    @property
    def errors(self) -> list[Problem]:
        """Findings that fail the gate."""
        return [f for f in self.findings if f.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        """Findings that do not fail the gate."""
        return [f for f in self.findings if f.severity == "warning"]

    @property
    def passed(self) -> bool:
        """True when the gate ran (or was skipped) without errors."""
        return not self.errors

    def error(self, message: str, **where: Any) -> None:
        """Add an error finding."""
        self.findings.append(Problem(severity="error", gate=self.name, message=message, **where))

    def add(self, severity: Severity, message: str, **where: Any) -> None:
        """Add a finding of ``severity``."""
        self.findings.append(Problem(severity=severity, gate=self.name, message=message, **where))

    def warning(self, message: str, **where: Any) -> None:
        """Add a warning finding."""
        self.findings.append(Problem(severity="warning", gate=self.name, message=message, **where))


def located_at(located: Any, path: tuple[str | int, ...]) -> dict[str, Any]:
    """``file``, ``line``, ``column`` and ``field`` of ``path`` in located YAML, for a finding."""
    from briefgen.readers.yamlfile import format_path

    line, column = located.where(path)
    return {"file": located.file, "line": line, "column": column, "field": format_path(path)}


@dataclass
class Inputs:
    """The inputs of a check run, loaded once and shared by the gates."""

    positions_dir: Path
    profile_path: Path
    templates_dir: Path
    out_dir: Path | None = None
    date: dt.date = field(default_factory=dt.date.today)
    date_given: bool = False
    """True when ``date`` was asked for (``check --date`` or the checked build's date): it is the
    document date then; otherwise the profile's or the positions' date comes first, as in a build."""
    source_paths: list[Path] = field(default_factory=list)
    """The source texts to trace every claim to (``--source``, repeatable, or the profile's ``source``)."""
    strict: bool = False
    """``--strict``: every finding of the tracing checks fails its gate, and so does a missing source."""
    cache: dict[Any, Any] = field(default_factory=dict, repr=False)
    """Results shared between gates (extracted text of built files)."""

    @cached_property
    def positions(self) -> Positions:
        """The validated positions (raises ProblemsError)."""
        from briefgen.readers.positions import load_positions

        return load_positions(self.positions_dir)

    @cached_property
    def profile(self) -> LoadedProfile:
        """The validated profile (raises ProblemsError)."""
        from briefgen.readers.profile import check_against_positions, load_profile

        loaded = load_profile(self.profile_path)
        check_against_positions(loaded, self.positions)
        return loaded

    @cached_property
    def overlay_dir(self) -> Path | None:
        """The profile's overlay folder, if it names one (local content the gates check too)."""
        from briefgen.pipeline.compose import overlay_folder
        from briefgen.readers.profile import load_profile

        try:
            return overlay_folder(load_profile(self.profile_path))
        except ProblemsError:
            return None

    @property
    def gates(self) -> Gates:
        """The profile's gate settings."""
        return self.profile.profile.gates

    @cached_property
    def composed(self) -> list[Composed]:
        """Every document of a full build, composed (no writers involved)."""
        from briefgen.kinds.base import Options
        from briefgen.pipeline import BuildRequest
        from briefgen.pipeline.compose import compose_all
        from briefgen.pipeline.plan import Selection

        request = BuildRequest(
            positions=self.positions_dir,
            profile=self.profile_path,
            templates=self.templates_dir,
            out=self.out_dir or Path("out"),
            selection=Selection(),
            options=Options(date=self.date, date_source="--date" if self.date_given else "today"),
        )
        return compose_all(request)

    @cached_property
    def manifest(self) -> dict[str, Any] | None:
        """``OUT/manifest.json`` of the checked output folder, if there is one."""
        import json

        if self.out_dir is None:
            return None
        path = self.out_dir / "manifest.json"
        if not path.is_file():
            return None
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def built_documents(self) -> list[BuiltDocument]:
        """The documents in the output folder (from the manifest, else by file names)."""
        if self.out_dir is None:
            return []
        out = self.out_dir
        found: dict[str, BuiltDocument] = {}
        manifest = self.manifest
        if manifest is not None:
            for entry in manifest.get("documents", []):
                if not isinstance(entry, dict) or "id" not in entry:
                    continue
                doc = BuiltDocument(str(entry["id"]), str(entry.get("kind", "")), entry)
                for item in entry.get("files", []):
                    path = out / str(item.get("path", ""))
                    if item.get("format") in ("pdf", "docx", "html"):
                        doc.files[str(item["format"])] = path
                found[doc.doc_id] = doc
        else:
            for path in sorted([*out.glob("*/*.pdf"), *out.glob("*/*.docx")]):
                doc_id = f"{path.parent.name}/{path.stem}"
                doc = found.setdefault(doc_id, BuiltDocument(doc_id, path.parent.name, {}))
                doc.files[path.suffix[1:]] = path
        return sorted(found.values(), key=lambda d: d.doc_id)


@dataclass
class BuiltDocument:
    """A document in the output folder with its files by format."""

    doc_id: str
    kind: str
    entry: dict[str, Any]
    files: dict[str, Path] = field(default_factory=dict)

    def shown(self, fmt: str) -> str:
        """The file of ``fmt`` as users see the path."""
        return display_path(self.files[fmt])
