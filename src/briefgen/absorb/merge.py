"""Absorb reviewed DOCX files: their claim edits merged three ways with the positions as they
are now, checked, and written as minimal changes to the YAML."""

from __future__ import annotations

import re
import shutil
import tempfile
from collections import defaultdict
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal

from briefgen.absorb.match import ClaimEdit, match
from briefgen.absorb.origin import find_origin
from briefgen.absorb.written import FigureEdited, written_text
from briefgen.absorb.yamledit import EditError, delete_item, find_scalar, replace_scalar
from briefgen.kinds.claims import content_hash
from briefgen.problems import Problem, ProblemsError, display_path
from briefgen.readers.yamlfile import Located, Path_, format_path, read_yaml
from briefgen.writers.docx.claims import Pending
from briefgen.writers.docx.readback import EditedDocx, UnreadableDocx, read_back

Severity = Literal["error", "warning", "info"]
_FIELD_PART = re.compile(r"([A-Za-z_][\w-]*)|\[(\d+)\]")
_SPACES = re.compile(r"[\s\u00a0]+")


@dataclass(frozen=True)
class Edit:
    """One change to a YAML file: a claim text replaced, or a list item deleted."""

    file: str
    line: int
    field: str
    before: str
    after: str
    action: Literal["change", "delete"]
    document: str


@dataclass(frozen=True)
class Finding:
    """Something the user must know: a conflict, an edit outside the claims, a deleted claim kept,
    a comment, a check result."""

    kind: Literal["conflict", "outside", "deleted", "figure", "comment", "check", "invalid"]
    severity: Severity
    message: str
    file: str = ""
    line: int = 0
    field: str = ""
    document: str = ""

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}: " if self.file else ""
        where += f"{self.field}: " if self.field else ""
        source = f" [{self.document}]" if self.document and self.kind != "check" else ""
        return f"{where}{self.message}{source}"


@dataclass
class AbsorbReport:
    """What ``briefgen absorb`` found and did."""

    edits: list[Edit] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    written: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    """Files that changed since the DOCX was built (their claims were merged three ways)."""
    dry_run: bool = False
    pending: int = 0
    """Tracked changes found in the DOCX files."""

    @property
    def conflicts(self) -> list[Finding]:
        """The located conflicts (nothing of their files is written)."""
        return [f for f in self.findings if f.kind == "conflict"]

    @property
    def gate_failed(self) -> bool:
        """True when the check of the changed claims, or the absorb itself, found an error."""
        return any(f.severity == "error" for f in self.findings)

    def to_json(self) -> dict[str, Any]:
        """The report as plain data."""
        return {
            "dry_run": self.dry_run,
            "written": self.written,
            "merged": self.merged,
            "tracked_changes": self.pending,
            "edits": [asdict(edit) for edit in self.edits],
            "findings": [asdict(finding) for finding in self.findings],
            "passed": not self.gate_failed,
        }


def parse_field(text: str) -> Path_:
    """``topics[0].asks[1].ask`` → ``("topics", 0, "asks", 1, "ask")``."""
    parts: list[str | int] = []
    for name, index in _FIELD_PART.findall(text):
        parts.append(name if name else int(index))
    return tuple(parts)


def _same(a: str, b: str) -> bool:
    return _SPACES.sub(" ", a).strip() == _SPACES.sub(" ", b).strip()


@dataclass
class _Inputs:
    positions: Path
    overlay: Path | None
    templates: Path
    located: list[Located]
    """Profile and positions, to say where text outside the claims comes from."""


@dataclass
class _Proposal:
    path: Path_
    values: list[tuple[str, ClaimEdit, str]] = field(default_factory=list)
    """(new YAML text, the claim as edited, document)."""
    deleted: list[tuple[ClaimEdit, str]] = field(default_factory=list)


def _target(inputs: _Inputs, name: str) -> Path | None:
    """The YAML file a ref's file part names (``03-x.yaml`` or ``<overlay folder>/03-x.yaml``)."""
    folder_name, _, base = name.rpartition("/")
    if "/" in base or base.startswith("."):
        return None
    if folder_name:
        if inputs.overlay is None or inputs.overlay.name != folder_name:
            return None
        path = inputs.overlay / base
    else:
        path = inputs.positions / base
    return path if path.is_file() else None


def _read(path: Path, pending: Pending) -> EditedDocx:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise ProblemsError([Problem(display_path(path), message=f"cannot be read: {error.strerror}")]) from None
    try:
        return read_back(data, pending)
    except UnreadableDocx as error:
        raise ProblemsError([Problem(display_path(path), message=str(error))]) from None


def absorb(
    documents: list[Path],
    positions: Path,
    profile: Path,
    templates: Path,
    *,
    pending: Pending = "accept",
    allow_delete: bool = False,
    dry_run: bool = False,
    source: Path | None = None,
) -> AbsorbReport:
    """Absorb ``documents`` into ``positions`` (and the profile's overlay); see the module."""
    from briefgen.pipeline.compose import overlay_folder
    from briefgen.readers.positions import load_positions
    from briefgen.readers.profile import load_profile

    loaded_profile = load_profile(profile)
    load_positions(positions)  # the positions must be valid before anything is merged into them
    overlay = overlay_folder(loaded_profile)
    located = [loaded_profile.located]
    for path in sorted(positions.glob("*.yaml")):
        found = read_yaml(path)
        if isinstance(found, Located):
            located.append(found)
    inputs = _Inputs(positions, overlay, templates, located)
    report = AbsorbReport(dry_run=dry_run)
    proposals: dict[Path, dict[Path_, _Proposal]] = defaultdict(dict)
    built_hashes: dict[str, set[str]] = defaultdict(set)
    for document in documents:
        name = display_path(document)
        edited = _read(document, pending)
        record = edited.record
        if record is None:
            message = "holds no record of its claims: build it again with this version of briefgen and send that DOCX"
            raise ProblemsError([Problem(name, message=message)])
        report.pending += edited.tracked_changes
        for file_name, digest in record.files.items():
            built_hashes[file_name].add(digest)
        matched = match(edited)
        _propose(inputs, matched.claims, name, proposals, report)
        preferred = (record.template, "_macros.html.j2")
        for outside in matched.outside:
            finding = _outside_finding(inputs, outside.before, outside.after, outside.near, name, preferred)
            report.findings.append(finding)
        for number, ref in matched.comments:
            comment = edited.comments.get(number)
            if comment is not None:
                on = f" on {ref}" if ref else ""
                message = f"comment by {comment.author or 'unknown'}{on}: {comment.text}"
                report.findings.append(Finding("comment", "info", message, document=name))
    files: dict[Path, str] = {}
    for target, by_path in proposals.items():
        in_overlay = inputs.overlay is not None and target.parent == inputs.overlay
        key = f"{target.parent.name}/{target.name}" if in_overlay else target.name
        new_text = _merge_file(target, by_path, allow_delete, report, built_hashes.get(key, set()))
        if new_text is not None:
            files[target] = new_text
    if files:
        _validate_and_check(inputs, files, report, loaded_profile, source)
    if files and not dry_run and not any(f.kind == "invalid" for f in report.findings):
        from briefgen.pipeline.output import write_atomic

        write_atomic({path: text.encode("utf-8") for path, text in files.items()})
        report.written = [display_path(path) for path in files]
    return report


def _propose(
    inputs: _Inputs,
    claims: list[ClaimEdit],
    document: str,
    proposals: dict[Path, dict[Path_, _Proposal]],
    report: AbsorbReport,
) -> None:
    for claim in claims:
        file_name, _, field_text = claim.ref.partition("#")
        target = _target(inputs, file_name)
        if target is None:
            message = f"claim {claim.ref} names a file that is not in the positions or the overlay"
            report.findings.append(Finding("invalid", "error", message, document=document))
            continue
        path = parse_field(field_text)
        proposal = proposals[target].setdefault(path, _Proposal(path))
        if claim.deleted:
            proposal.deleted.append((claim, document))
            continue
        if _same(claim.shown_before, claim.shown_after):
            continue
        try:
            value = written_text(claim.shown_before, claim.written_before, claim.shown_after)
        except FigureEdited as error:
            report.findings.append(
                Finding("figure", "error", str(error), display_path(target), 0, field_text, document)
            )
            continue
        proposal.values.append((value, claim, document))


def _merge_file(
    target: Path,
    by_path: dict[Path_, _Proposal],
    allow_delete: bool,
    report: AbsorbReport,
    built: set[str],
) -> str | None:
    """The new text of ``target`` (None: nothing to write, or a conflict)."""
    name = display_path(target)
    text = target.read_text(encoding="utf-8")
    now = read_yaml(target)
    if isinstance(now, Located) and built and content_hash(now) not in built:
        report.merged.append(name)  # changed since the build: every claim below is merged three ways
    changes: list[tuple[Path_, str, int, str, str, str]] = []
    deletions: list[tuple[Path_, int, str, str]] = []
    conflicts = 0
    for path, proposal in by_path.items():
        try:
            node, _, scalar_path = find_scalar(text, path)
        except EditError:
            _conflict(report, name, 0, path, "the claim is no longer in the file (moved or removed since the build)")
            conflicts += 1
            continue
        line, ours = node.start_mark.line + 1, str(node.value)
        theirs = list(dict.fromkeys(value for value, _, _ in proposal.values))
        documents = ", ".join(dict.fromkeys(doc for _, _, doc in proposal.values))
        if len(theirs) > 1:
            _conflict(report, name, line, path, "edited differently in two places: " + " | ".join(theirs), documents)
            conflicts += 1
            continue
        if theirs:
            base = proposal.values[0][1].written_before
            if _same(ours, base):
                changes.append((scalar_path, theirs[0], line, ours, format_path(path), documents))
            elif not _same(ours, theirs[0]):
                message = f"changed in the YAML since the build and in the DOCX: YAML now ‘{ours}’, DOCX ‘{theirs[0]}’"
                _conflict(report, name, line, path, message, documents)
                conflicts += 1
            continue
        if proposal.deleted:
            claim, document = proposal.deleted[0]
            item = path if isinstance(path[-1], int) else None
            if not allow_delete or item is None:
                why = "" if item is None else "; --allow-delete removes it"
                message = f"the paragraph of this claim was deleted in the DOCX; the claim is kept{why}"
                report.findings.append(Finding("deleted", "warning", message, name, line, format_path(path), document))
            elif not _same(ours, claim.written_before):
                _conflict(
                    report, name, line, path, "deleted in the DOCX but changed in the YAML since the build", document
                )
                conflicts += 1
            else:
                deletions.append((item, line, ours, document))
    if conflicts:
        report.findings.append(
            Finding("conflict", "error", f"nothing of {name} is written ({conflicts} conflict(s))", name)
        )
        return None
    new_text = text
    try:
        for scalar_path, value, line, ours, field_name, documents in changes:
            new_text = replace_scalar(new_text, scalar_path, value)
            report.edits.append(Edit(name, line, field_name, ours, value, "change", documents))
        for item, line, ours, document in sorted(deletions, key=lambda d: d[0], reverse=True):
            new_text = delete_item(new_text, item)
            report.edits.append(Edit(name, line, format_path(item), ours, "", "delete", document))
    except EditError as error:
        report.findings.append(Finding("invalid", "error", f"cannot be changed in place: {error}", name))
        return None
    return new_text if new_text != text else None


def _conflict(report: AbsorbReport, file: str, line: int, path: Path_, message: str, document: str = "") -> None:
    report.findings.append(Finding("conflict", "error", message, file, line, format_path(path), document))


def _outside_finding(
    inputs: _Inputs, before: str, after: str, near: str, document: str, preferred: tuple[str, ...]
) -> Finding:
    where = f" (after claim {near})" if near else ""
    if not before:
        return Finding(
            "outside",
            "warning",
            f"paragraph typed outside any claim{where}, not absorbed: ‘{after}’",
            document=document,
        )
    origin = find_origin(before, after, inputs.templates, inputs.located, preferred)
    if not after:
        message = f"text outside the claims removed{where}, not absorbed: ‘{before}’"
    else:
        message = f"text outside the claims changed{where}, not absorbed: ‘{before}’ → ‘{after}’"
    if origin is None:
        return Finding(
            "outside", "warning", message + "; it comes from the templates or the profile", document=document
        )
    return Finding(
        "outside", "warning", message + "; change it there", origin.file, origin.line, origin.field, document
    )


def _validate_and_check(
    inputs: _Inputs, files: dict[Path, str], report: AbsorbReport, loaded_profile: Any, source: Path | None
) -> None:
    """Read the positions with the new texts (in a scratch copy) and trace the changed claims."""
    from briefgen.readers.overlay import load_overlay
    from briefgen.readers.positions import load_positions

    with tempfile.TemporaryDirectory(prefix="briefgen-absorb-") as scratch:
        root = Path(scratch)
        copy_positions = root / inputs.positions.name
        shutil.copytree(inputs.positions, copy_positions)
        copy_overlay = None
        if inputs.overlay is not None and inputs.overlay.is_dir():
            copy_overlay = root / "overlay" / inputs.overlay.name
            shutil.copytree(inputs.overlay, copy_overlay)
        for path, text in files.items():
            folder = copy_overlay if inputs.overlay is not None and path.parent == inputs.overlay else copy_positions
            assert folder is not None
            (folder / path.name).write_text(text, encoding="utf-8")
        try:
            positions = load_positions(copy_positions)
            if copy_overlay is not None:
                people = frozenset(person.id for person in loaded_profile.profile.people)
                load_overlay(copy_overlay, positions, loaded_profile.profile.organisation.short_name, people)
        except ProblemsError as error:
            for problem in error.problems:
                file = display_path(inputs.positions / Path(problem.file).name) if problem.file else ""
                message = f"the absorbed text would not be valid: {problem.message}"
                report.findings.append(Finding("invalid", "error", message, file, problem.line, problem.field))
            return
        _check(inputs, positions, files, report, loaded_profile, source)


def _check(
    inputs: _Inputs,
    positions: Any,
    files: dict[Path, str],
    report: AbsorbReport,
    loaded_profile: Any,
    source: Path | None,
) -> None:
    """The tracing check on the changed claims of the positions (not the overlay's)."""
    from briefgen.tracing.audit import money_figure_ids, open_source, trace_claim
    from briefgen.tracing.claims import iter_claims

    changed = {(Path(edit.file).name, parse_field(edit.field)) for edit in report.edits if edit.action == "change"}
    changed = {(name, path) for name, path in changed if inputs.positions / name in files}
    if not changed:
        return
    named = loaded_profile.profile.source
    source_path = source or (loaded_profile.path.parent / named if named else None)
    if source_path is None or not source_path.is_file():
        report.findings.append(Finding("check", "warning", "no source text: the changed claims were not traced"))
        return
    text = open_source(source_path, positions)
    money = money_figure_ids(positions)
    hedges_fail = loaded_profile.profile.gates.hedges == "error"
    for claim in iter_claims(positions):
        name = Path(claim.file).name
        if not any(name == file and path[: len(claim.path)] == claim.path for file, path in changed):
            continue
        traced = trace_claim(claim, [text], money)
        file = display_path(inputs.positions / name)
        for kind, index, message in traced.problems:
            where = claim.where() if index is None else claim.basis_where(index)
            severity: Severity = "error" if kind == "error" or (kind == "hedge" and hedges_fail) else "warning"
            report.findings.append(
                Finding("check", severity, f"{claim.role}: {message}", file, int(where["line"]), str(where["field"]))
            )
        for sentence in getattr(traced, "sentences", []):  # each sentence that says more than its basis
            severity = "error" if hedges_fail else "warning"
            message = f"{claim.role}: {sentence.message} [{sentence.kind}]"
            line, field_name = int(sentence.where.get("line", 0)), str(sentence.where.get("field", claim.field))
            report.findings.append(Finding("check", severity, message, file, line, field_name))
