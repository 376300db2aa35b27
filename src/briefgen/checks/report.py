"""The report of a check run: a table per gate on the terminal (rich on a TTY), or JSON."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from briefgen.checks.base import GATE_NAMES, GateResult, ReportTable
from briefgen.problems import Problem, display_path

MAX_ERRORS = 40
"""Errors printed per gate on the terminal (all of them are in ``--json``)."""
MAX_WARNINGS = 8
MAX_CELL = 70


@dataclass
class CheckReport:
    """All gate results of one run."""

    gates: list[GateResult]
    out_dir: Path | None = None
    not_run: list[str] = field(default_factory=list)
    """Gates switched off in the profile or not selected with ``--gate``."""

    @property
    def passed(self) -> bool:
        """True when no gate failed."""
        return all(gate.passed for gate in self.gates)

    @property
    def failed(self) -> list[GateResult]:
        """The gates that failed."""
        return [gate for gate in self.gates if not gate.passed]

    def summary(self) -> str:
        """One line: passed or which gates failed."""
        ran = [g for g in self.gates if not g.skipped]
        if self.passed:
            return f"All {len(ran)} quality gate(s) passed."
        names = ", ".join(g.name for g in self.failed)
        errors = sum(len(g.errors) for g in self.failed)
        return f"{len(self.failed)} of {len(ran)} quality gate(s) failed ({names}); {errors} problem(s)."

    def as_dict(self) -> dict[str, Any]:
        """Everything for ``--json``: gates, per-document results and every finding."""
        documents: dict[str, dict[str, Any]] = {}
        for gate in self.gates:
            for doc_id, data in gate.documents.items():
                documents.setdefault(doc_id, {"problems": []}).update(data)
            for finding in gate.findings:
                if finding.document:
                    documents.setdefault(finding.document, {"problems": []})["problems"].append(finding.as_dict())
        return {
            "passed": self.passed,
            "summary": self.summary(),
            "out": display_path(self.out_dir) if self.out_dir else None,
            "gates": {
                gate.name: {
                    "passed": gate.passed,
                    "skipped": gate.skipped or None,
                    "errors": len(gate.errors),
                    "warnings": len(gate.warnings),
                    "notes": gate.notes,
                    **({"counts": gate.counts} if gate.counts else {}),
                }
                for gate in self.gates
            },
            "not_run": self.not_run,
            "documents": dict(sorted(documents.items())),
            "problems": [finding.as_dict() for finding in self.findings()],
        }

    def findings(self) -> list[Problem]:
        """Every finding, errors first, in gate order."""
        order = {name: index for index, name in enumerate(GATE_NAMES)}
        everything = [f for gate in self.gates for f in gate.findings]
        return sorted(everything, key=lambda f: (f.severity != "error", order.get(f.gate, 99)))

    def to_json(self) -> str:
        """The report as JSON text."""
        return json.dumps(self.as_dict(), ensure_ascii=False, indent=2)


# ---------------------------------------------------------------- plain text


def _clip(text: str, limit: int = MAX_CELL) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def plain_table(table: ReportTable) -> list[str]:
    """A table as aligned plain-text lines."""
    shown = table.rows[: table.max_rows] if table.max_rows else table.rows
    rows = [[_clip(cell) for cell in row] for row in shown]
    widths = [len(column) for column in table.columns]
    for row in rows:
        for index, cell in enumerate(row):
            widths[index] = max(widths[index], len(cell))
    line = "  ".join(column.ljust(widths[i]) for i, column in enumerate(table.columns)).rstrip()
    lines = [table.title, line, "  ".join("-" * w for w in widths)]
    lines += ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    if len(shown) < len(table.rows):
        lines.append(f"… and {len(table.rows) - len(shown)} more row(s), better than these (see --json)")
    return lines


def _status(gate: GateResult) -> str:
    if gate.skipped:
        return "skipped"
    return "ok" if gate.passed else "FAILED"


def _counts(gate: GateResult) -> str:
    if gate.skipped:
        return gate.skipped
    return f"{len(gate.errors)} error(s), {len(gate.warnings)} warning(s)"


def _finding_lines(gate: GateResult) -> list[str]:
    lines = []
    errors, warnings = gate.errors, gate.warnings
    for finding in errors[:MAX_ERRORS]:
        lines.append(f"  error   {finding}")
    if len(errors) > MAX_ERRORS:
        lines.append(f"  … and {len(errors) - MAX_ERRORS} more error(s) (see --json)")
    for finding in warnings[:MAX_WARNINGS]:
        lines.append(f"  warning {finding}")
    if len(warnings) > MAX_WARNINGS:
        lines.append(f"  … and {len(warnings) - MAX_WARNINGS} more warning(s) (see --json)")
    return lines


def render_plain(report: CheckReport) -> str:
    """The report as plain text (for pipes and files)."""
    lines = ["Quality gates"]
    for gate in report.gates:
        lines.append(f"  {gate.name:<12} {_status(gate):<8} {_counts(gate)}")
    for name in report.not_run:
        lines.append(f"  {name:<12} {'off':<8} not selected or switched off in the profile")
    for gate in report.gates:
        if gate.skipped:
            continue
        lines += ["", f"== {gate.name}: {_status(gate)} ({_counts(gate)})"]
        for table in gate.tables:
            lines += ["", *plain_table(table)]
        finding_lines = _finding_lines(gate)
        if finding_lines:
            lines += ["", "Problems:", *finding_lines]
        lines += [f"Note: {note}" for note in gate.notes]
    lines += ["", report.summary()]
    return "\n".join(lines)


# ---------------------------------------------------------------- rich


def render_rich(report: CheckReport, width: int | None = None) -> str:
    """The report with rich tables and colour (for a terminal), as text with ANSI codes."""
    import io

    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    buffer = io.StringIO()
    console = Console(file=buffer, force_terminal=True, highlight=False, width=width)
    overview = Table(title="Quality gates", title_justify="left")
    for column in ("gate", "result", "details"):
        overview.add_column(column)
    colours = {"ok": "green", "FAILED": "bold red", "skipped": "yellow"}
    for gate in report.gates:
        status = _status(gate)
        overview.add_row(gate.name, Text(status, style=colours[status]), _counts(gate))
    for name in report.not_run:
        overview.add_row(name, Text("off", style="dim"), "not selected or switched off in the profile")
    console.print(overview)
    for gate in report.gates:
        if gate.skipped:
            continue
        status = _status(gate)
        console.rule(Text(f"{gate.name}: {status}", style=colours[status]))
        for table in gate.tables:
            shown = Table(title=table.title, title_justify="left")
            for column in table.columns:
                shown.add_column(column, overflow="fold")
            shown_rows = table.rows[: table.max_rows] if table.max_rows else table.rows
            for row in shown_rows:
                styled = [
                    Text(cell, style="bold red" if cell == "FAIL" or cell.endswith("failed") else "") for cell in row
                ]
                shown.add_row(*styled)
            console.print(shown)
            if len(shown_rows) < len(table.rows):
                hidden = len(table.rows) - len(shown_rows)
                console.print(Text(f"… and {hidden} more row(s), better than these (see --json)", style="dim"))
        for line in _finding_lines(gate):
            style = "red" if line.lstrip().startswith("error") else "yellow"
            console.print(Text(line, style=style))
        for note in gate.notes:
            console.print(Text(f"Note: {note}", style="dim"))
    console.print(Text(report.summary(), style="bold green" if report.passed else "bold red"))
    return buffer.getvalue()


def formatted(report: CheckReport, as_json: bool, terminal: bool, width: int | None = None) -> str:
    """The report as the command line shows it: JSON, rich tables on a terminal, plain text otherwise."""
    if as_json:
        return report.to_json() + "\n"
    if terminal:
        return render_rich(report, width)
    return render_plain(report) + "\n"
