"""Quality gates of ``briefgen check``: what a public body needs before it publishes.

- ``figures``: every amount is a registered figure with a source, and every text agrees with it;
- ``provenance``: every claim traces to a source, documents carry a numbered source list;
- ``readability``: Flesch-Douma and Brouwer per document and section against the profile's targets;
- ``conformance``: accessible, archivable PDFs and labelled DOCX files in the output folder;
- ``parity``: the PDF and DOCX of each document say the same words in the same order.

:func:`run_checks` runs them and returns a :class:`~briefgen.checks.report.CheckReport`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from pathlib import Path

from briefgen.checks.base import GATE_NAMES, GateResult, Inputs
from briefgen.checks.report import CheckReport
from briefgen.problems import UsageError

__all__ = ["GATE_NAMES", "CheckReport", "GateResult", "run_checks"]


def _gate(name: str) -> Callable[[Inputs], GateResult]:
    if name == "figures":
        from briefgen.checks import figures

        return figures.check
    if name == "provenance":
        from briefgen.checks import provenance

        return provenance.check
    if name == "readability":
        from briefgen.checks import readability

        return readability.check
    if name == "conformance":
        from briefgen.checks import conformance

        return conformance.check
    from briefgen.checks import parity

    return parity.check


def selected_gates(inputs: Inputs, names: Sequence[str] | None) -> list[str]:
    """The gates to run: those named (any of :data:`GATE_NAMES`), else those the profile enables."""
    if names:
        check_options(names)
        return [name for name in GATE_NAMES if name in names]
    settings = inputs.gates
    return [name for name in GATE_NAMES if getattr(settings, name, True)]


def run_checks(
    positions: Path,
    profile: Path,
    templates: Path = Path("templates"),
    out: Path | None = None,
    gates: Sequence[str] | None = None,
    date: dt.date | None = None,
    source: Path | Sequence[Path] | None = None,
    strict: bool = False,
) -> CheckReport:
    """Run the quality gates on the inputs (and on the built files in ``out``, if given).

    Raises :class:`~briefgen.problems.ProblemsError` when the inputs do not validate and
    :class:`~briefgen.problems.UsageError` for an unknown gate name.
    """
    inputs = Inputs(positions, profile, templates, out, date or dt.date.today(), date is not None, strict=strict)
    inputs.profile  # noqa: B018 - load and validate first: every gate needs valid inputs
    given = [source] if isinstance(source, Path) else list(source or ())
    default = profile_source(inputs)
    inputs.source_paths = given or ([default] if default is not None else [])
    names = selected_gates(inputs, gates)
    results = [_gate(name)(inputs) for name in names]
    skipped = [name for name in GATE_NAMES if name not in names]
    return CheckReport(results, out, skipped)


def profile_source(inputs: Inputs) -> Path | None:
    """The profile's ``source``, resolved against the profile's folder (None when not set)."""
    named = inputs.profile.profile.source
    return (inputs.profile_path.parent / named) if named else None


DEFAULT_OUT = Path("out")


def output_folder(out: Path | None) -> Path | None:
    """The output folder to check: ``out`` (must be a folder), else ``out/`` when it exists."""
    if out is None:
        return DEFAULT_OUT if DEFAULT_OUT.is_dir() else None
    if not out.is_dir():
        raise UsageError(f"--out: folder {str(out)!r} not found")
    return out


def check_options(names: Sequence[str], out: Path | None = None) -> None:
    """Raise :class:`UsageError` for a gate name that does not exist or an ``--out`` that is no folder."""
    output_folder(out)
    unknown = [name for name in names if name not in GATE_NAMES]
    if unknown:
        raise UsageError(f"--gate: unknown gate {unknown[0]!r}; valid: {', '.join(GATE_NAMES)}")
