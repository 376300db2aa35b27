"""Figures: every amount is defined once, with its source, and every text agrees with it.

Works on the raw YAML of the position files (so it also explains problems that validation
refuses, such as one figure id with two values), the profile's running text, the static text
of the audience templates and, when there is an output folder, the built documents.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from briefgen.checks.base import GateResult, Inputs, ReportTable, located_at
from briefgen.kinds.base import EFFECT_LABELS
from briefgen.problems import display_path
from briefgen.readers.positions import ANALYSIS_ID, FIGURE_MARKER, prose_fields
from briefgen.readers.yamlfile import Located, Path_, format_path, read_yaml

NAME = "figures"
HISTORICAL_KINDS = ("changes",)
"""Kinds that show earlier values on purpose (a change document's deletions): their amounts
need not be registered figures."""

_NUMBER_WORDS = (
    r"een|één|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig|veertig|vijftig|"
    r"zestig|zeventig|tachtig|negentig|honderd|duizend|half|halve|anderhalf|enkele|ruim|bijna|circa"
)
AMOUNT = re.compile(
    r"€\s*-?\d[\d.,]*(?:\s*(?:duizend|miljoen|miljard))?"
    r"|-?\b\d[\d.,]*\s*%"
    r"|-?\b\d[\d.,]*\s*procent\b"
    r"|-?\b\d[\d.,]*\s*(?:duizend\s+)?euro\b"
    rf"|\b(?:\d[\d.,]*|{_NUMBER_WORDS})\s+(?:miljoen|miljard)\b",
    re.IGNORECASE,
)
"""A literal amount in running text: ``€ 1,2 miljard``, ``30%``, ``9,7 procent``, ``500 euro``,
``twee miljard``."""

PROFILE_PROSE = {"opening", "quote", "occasion", "embargo_reason", "no_embargo", "signed_by", "addressee"}
"""Profile fields with running text that ends up in documents."""


@dataclass(frozen=True)
class FigureDef:
    """A figure as written in a position file (raw, possibly invalid)."""

    id: str
    data: dict[str, Any]
    located: Located
    path: Path_

    @property
    def file(self) -> str:
        """The file it is defined in."""
        return self.located.file

    def where(self, key: str = "") -> dict[str, Any]:
        """Finding location of the definition (or of one of its fields)."""
        path = (*self.path, key) if key else self.path
        line, column = self.located.where(path)
        return {"file": self.located.file, "line": line, "column": column, "field": format_path(path)}

    def value_text(self) -> str:
        """The value as readers see it (``€ 1 miljard``), or as written when it is not valid."""
        try:
            from briefgen.content.templating import figure_value as format_figure
            from briefgen.schema.overlay import LocalFigure
            from briefgen.schema.positions import Figure

            model = LocalFigure if "derivation" in self.data else Figure
            return format_figure(model.model_validate(self.data)).replace("\u00a0", " ")
        except Exception:
            scale = self.data.get("scale", "")
            return f"{self.data.get('value')!r}{' ' + str(scale) if scale and scale != 'een' else ''}"

    def quantity(self) -> tuple[str, float | str]:
        """(kind, value as one number) for comparing two definitions."""
        from briefgen.schema.positions import SCALE_FACTOR, Scale

        value = self.data.get("value")
        kind = str(self.data.get("kind", ""))
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            try:
                factor = SCALE_FACTOR[Scale(str(self.data.get("scale", "een")))]
            except ValueError:
                factor = 1
            return kind, float(value) * factor
        return kind, str(value)


_STOPWORDS = {"de", "het", "een", "van", "voor", "in", "op", "aan", "met", "en"}


def _normal(text: object) -> str:
    """Text for comparing labels: lower case, words only, no articles."""
    words = re.findall(r"\w+", str(text or "").lower())
    return " ".join(w for w in words if w not in _STOPWORDS)


def _meaning(text: object) -> str:
    """A label's meaning, roughly: normalised words with Dutch plural endings taken off."""
    return " ".join(re.sub(r"(en|s)$", "", w) if len(w) > 4 else w for w in _normal(text).split())


def read_files(folder: Path) -> list[Located]:
    """Every position file that is readable YAML (unreadable files are validation's business)."""
    found: list[Located] = []
    if not folder.is_dir():
        return found
    for path in sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml")):
        located = read_yaml(path)
        if isinstance(located, Located):
            found.append(located)
    return found


def figure_defs(files: list[Located]) -> list[FigureDef]:
    """Every figure definition in the raw files."""
    defs = []
    for located in files:
        data = located.data if isinstance(located.data, dict) else {}
        lists: list[tuple[Path_, Any]] = [(("figures",), data.get("figures"))]
        topics = data.get("topics")
        if isinstance(topics, list):
            lists += [(("topics", i, "figures"), t.get("figures")) for i, t in enumerate(topics) if isinstance(t, dict)]
        for path, items in lists:
            if not isinstance(items, list):
                continue
            for index, item in enumerate(items):
                if isinstance(item, dict):
                    defs.append(FigureDef(str(item.get("id", "")), item, located, (*path, index)))
    return defs


def source_ids(files: list[Located]) -> set[str]:
    """Ids of every source in the raw files (the analysis, every topic's sources and an overlay's)."""
    found = {ANALYSIS_ID}
    for located in files:
        data = located.data if isinstance(located.data, dict) else {}
        analysis = data.get("analysis")
        if isinstance(analysis, dict) and analysis.get("id"):
            found.add(str(analysis["id"]))
        found.update(str(s.get("id")) for s in data.get("sources") or [] if isinstance(s, dict))
        for topic in data.get("topics") or []:
            if isinstance(topic, dict):
                found.update(str(s.get("id")) for s in topic.get("sources") or [] if isinstance(s, dict))
    return found


def _locate(located: Located, path: Path_, text: str, needle: str) -> tuple[int, int]:
    """Line and column of ``needle`` inside the value at ``path`` (folded text spans lines)."""
    line, column = located.where(path)
    try:
        raw = Path(located.file).read_text(encoding="utf-8").splitlines()
    except OSError:
        return line, column
    pattern = re.compile(r"\s+".join(re.escape(part) for part in needle.split()))
    for number in range(max(line - 1, 0), min(len(raw), line + 200)):
        match = pattern.search(raw[number])
        if match:
            return number + 1, match.start() + 1
    return line, column


def literal_amounts(text: str) -> Iterator[re.Match[str]]:
    """Literal amounts in ``text`` outside figure markers."""
    masked = FIGURE_MARKER.sub(lambda m: " " * len(m.group()), text)
    yield from AMOUNT.finditer(masked)


def _match_at(located: Located, path: Path_, text: str, found: str) -> dict[str, Any]:
    """Location of ``found`` inside the text at ``path``, for a finding."""
    line, column = _locate(located, path, text, found)
    return {"file": located.file, "line": line, "column": column, "field": format_path(path)}


def _check_prose(result: GateResult, files: list[Located], defined: set[str]) -> None:
    for located in files:
        for path, text in prose_fields(located.data):
            for match in literal_amounts(text):
                amount = " ".join(match.group().split())
                result.error(
                    f"amount ‘{amount}’ is not a registered figure: define it under figures (with its source) "
                    "and write {fig:ID} here",
                    **_match_at(located, path, text, match.group()),
                )
            for match in FIGURE_MARKER.finditer(text):
                if match.group(1) not in defined:
                    result.error(
                        f"figure {match.group(1)!r} is referenced but not defined",
                        **_match_at(located, path, text, match.group()),
                    )


def _check_definitions(result: GateResult, defs: list[FigureDef], sources: set[str]) -> None:
    by_id: dict[str, list[FigureDef]] = {}
    for item in defs:
        by_id.setdefault(item.id, []).append(item)
        source = item.data.get("source")
        if not source:
            result.error(f"figure {item.id!r} has no source", **item.where())
        elif str(source) not in sources:
            result.error(f"figure {item.id!r}: source {source!r} is not defined anywhere", **item.where("source"))
    for figure_id, items in by_id.items():
        if len(items) < 2:
            continue
        first = items[0]
        for other in items[1:]:
            if other.quantity() != first.quantity():
                result.error(
                    f"figure {figure_id!r} has two values: {other.value_text()} here, {first.value_text()} in "
                    f"{display_path(Path(first.file))}:{first.where()['line']}",
                    **other.where("value"),
                )
            else:
                result.error(
                    f"figure {figure_id!r} is defined twice (also in {display_path(Path(first.file))}:"
                    f"{first.where()['line']}); define it once",
                    **other.where("id"),
                )
    by_meaning: dict[tuple[str, str], list[FigureDef]] = {}
    for item in defs:
        key = (_meaning(item.data.get("label")), _meaning(item.data.get("period")))
        by_meaning.setdefault(key, []).append(item)
    for (label, _), items in by_meaning.items():
        distinct = {item.quantity() for item in items}
        if label and len({i.id for i in items}) > 1 and len(distinct) > 1:
            first = items[0]
            for other in items[1:]:
                if other.quantity() != first.quantity() and other.id != first.id:
                    where = f"{display_path(Path(first.file))}:{first.where()['line']}"
                    result.error(
                        f"one quantity, two values: figure {other.id!r} ({other.value_text()}) and figure "
                        f"{first.id!r} ({first.value_text()}, {where}) have the same label ‘{other.data.get('label')}’",
                        **other.where("value"),
                    )


_TEMPLATE_CODE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|<[^>]*>", re.S)


def _check_templates(result: GateResult, folder: Path, defined: set[str]) -> None:
    for path in sorted(folder.glob("*.j2")):
        try:
            source = path.read_text(encoding="utf-8")
        except OSError:
            continue
        static = _TEMPLATE_CODE.sub(lambda m: re.sub(r"[^\n]", " ", m.group()), source)
        lines = static.split("\n")
        for number, line in enumerate(lines, start=1):
            for match in AMOUNT.finditer(line):
                result.error(
                    f"amount ‘{' '.join(match.group().split())}’ in the template's own text is not a registered "
                    "figure; take it from the positions instead",
                    file=display_path(path),
                    line=number,
                    column=match.start() + 1,
                )
            for match in FIGURE_MARKER.finditer(line):
                known = "" if match.group(1) in defined else " (and it is not defined)"
                result.error(
                    f"{match.group()} in a template's own text is printed as it is{known}; "
                    "figure markers only work in position texts",
                    file=display_path(path),
                    line=number,
                    column=match.start() + 1,
                )


def _check_profile(result: GateResult, profile: Path, defined: set[str]) -> None:
    located = read_yaml(profile)
    if not isinstance(located, Located):
        return
    from briefgen.readers.positions import text_fields

    for path, text in text_fields(located.data):
        names = [p for p in path if isinstance(p, str)]
        if not names or names[-1] not in PROFILE_PROSE:
            continue
        for match in literal_amounts(text):
            result.error(
                f"amount ‘{' '.join(match.group().split())}’ is not a registered figure; profile texts must not "
                "carry amounts",
                **_match_at(located, path, text, match.group()),
            )
        for match in FIGURE_MARKER.finditer(text):
            result.error(
                f"{match.group()} is not filled in in profile texts; write the amount in the positions",
                **located_at(located, path),
            )


# ---------------------------------------------------------------- built documents


def normal_amount(text: str) -> str:
    """An amount with its spaces normalised (no-break spaces count as spaces)."""
    return " ".join(text.replace("\u00a0", " ").split())


def amounts(text: str) -> list[str]:
    """Every amount in a text, in order, normalised."""
    return [normal_amount(m.group()) for m in AMOUNT.finditer(text.replace("\u00a0", " "))]


_PUNCTUATION = r"[\s\d:,;()–-]*"
_EFFECTS = "|".join(re.escape(label) for label in sorted(EFFECT_LABELS.values(), key=len, reverse=True))
_LABEL_GAP = re.compile(rf"{_PUNCTUATION}(?:(?:{_EFFECTS}){_PUNCTUATION})?", re.IGNORECASE)
"""What may stand between a figure's label and its value: punctuation, note numbers, and the
figures table's Soort cell (bezuiniging, investering, …)."""


def _check_built(result: GateResult, inputs: Inputs, defs: list[FigureDef]) -> None:
    from briefgen.checks.parity import docx_text, pdf_text
    from briefgen.content.text import document_text

    registered: dict[str, list[str]] = {}
    labelled: list[tuple[FigureDef, str, str]] = []
    for item in defs:
        if str(item.data.get("kind")) in ("money", "percent"):
            value = normal_amount(item.value_text())
            registered.setdefault(value, []).append(item.id)
            labelled.append((item, _normal(item.data.get("label")), value))
    composed = {c.doc_id: c for c in inputs.composed}
    seen: dict[str, dict[str, set[str]]] = {}
    table = ReportTable(
        "Amounts in built documents (worst first)",
        ["document", "amounts", "unregistered", "differ from model"],
    )
    rows = []
    for doc in inputs.built_documents():
        if doc.kind in HISTORICAL_KINDS:
            continue
        texts = {}
        for fmt, reader in (("pdf", pdf_text), ("docx", docx_text)):
            if fmt in doc.files and doc.files[fmt].is_file():
                try:
                    texts[fmt] = reader(inputs, doc.files[fmt])
                except Exception as error:  # an unreadable file is a finding (conformance says more)
                    result.error(
                        f"cannot read: {type(error).__name__}: {error}", file=doc.shown(fmt), document=doc.doc_id
                    )
        model = document_text(composed[doc.doc_id].document) if doc.doc_id in composed else None
        unregistered = 0
        differ = 0
        count = 0
        for fmt, text in texts.items():
            found = amounts(text)
            count = max(count, len(found))
            for amount in sorted(set(found) - set(registered)):
                unregistered += 1
                result.error(
                    f"amount ‘{amount}’ is not the value of any registered figure (stale build, or a literal amount)",
                    file=doc.shown(fmt),
                    document=doc.doc_id,
                )
            if model is not None and Counter(found) != Counter(amounts(model)):
                differ += 1
                extra = sorted((Counter(found) - Counter(amounts(model))).elements())
                missing = sorted((Counter(amounts(model)) - Counter(found)).elements())
                result.error(
                    "amounts differ from the current positions"
                    + (f"; in the file, not in the positions: {', '.join(extra)}" if extra else "")
                    + (f"; in the positions, not in the file: {', '.join(missing)}" if missing else "")
                    + " (rebuild with briefgen build)",
                    file=doc.shown(fmt),
                    document=doc.doc_id,
                )
            flat = " ".join(text.replace("\u00a0", " ").split())
            lower = _normal(flat)
            for item, label, value in labelled:
                if not label or label not in lower:
                    continue
                for match in re.finditer(re.escape(str(item.data.get("label"))), flat, re.IGNORECASE):
                    after = AMOUNT.search(flat, match.end(), match.end() + 80)
                    if after is None or not _LABEL_GAP.fullmatch(flat[match.end() : after.start()]):
                        continue  # the label is not followed directly by its value (``Label: € 1``, ``Label1 € 1``)
                    shown = normal_amount(after.group())
                    seen.setdefault(item.id, {}).setdefault(shown, set()).add(doc.shown(fmt))
                    if shown != value:
                        result.error(
                            f"‘{item.data.get('label')}’ reads {shown} here; figure {item.id!r} is {value}",
                            file=doc.shown(fmt),
                            document=doc.doc_id,
                        )
        result.documents.setdefault(doc.doc_id, {})["figures"] = {
            "amounts": count,
            "unregistered": unregistered,
            "differ_from_positions": differ,
        }
        rows.append((unregistered + differ, [doc.doc_id, str(count), str(unregistered), str(differ)]))
    for figure_id, values in seen.items():
        if len(values) > 1:
            listing = "; ".join(f"{value} in {', '.join(sorted(files)[:3])}" for value, files in sorted(values.items()))
            result.error(f"figure {figure_id!r} does not read the same in every document: {listing}")
    table.rows = [row for _, row in sorted(rows, key=lambda item: -item[0])]
    if rows:
        result.tables.append(table)


def check(inputs: Inputs) -> GateResult:
    """Run the figures gate."""
    result = GateResult(NAME)
    files = read_files(inputs.positions_dir)
    if inputs.overlay_dir is not None:
        files += read_files(inputs.overlay_dir)
    defs = figure_defs(files)
    defined = {item.id for item in defs}
    sources = source_ids(files)
    _check_definitions(result, defs, sources)
    _check_prose(result, files, defined)
    _check_templates(result, inputs.templates_dir / "kinds", defined)
    if inputs.profile_path.is_file():
        _check_profile(result, inputs.profile_path, defined)
    used = Counter(
        match.group(1)
        for located in files
        for _, text in prose_fields(located.data)
        for match in FIGURE_MARKER.finditer(text)
    )
    summary = ReportTable("Figures per file", ["file", "figures", "referenced in text", "problems"])
    per_file: dict[str, list[FigureDef]] = {}
    for item in defs:
        per_file.setdefault(item.file, []).append(item)
    problems = Counter(f.file for f in result.findings if f.severity == "error")
    rows = []
    for located in files:
        items = per_file.get(located.file, [])
        rows.append(
            (
                problems[located.file],
                [
                    display_path(Path(located.file)),
                    str(len(items)),
                    str(sum(1 for i in items if used[i.id])),
                    str(problems[located.file]),
                ],
            )
        )
    summary.rows = [row for _, row in sorted(rows, key=lambda item: -item[0])]
    result.tables.append(summary)
    unused = [i for i in defs if not used[i.id] and str(i.data.get("kind")) != "money"]
    for item in unused:
        result.warning(
            f"figure {item.id!r} is never mentioned in a text ({{fig:{item.id}}}), so no document shows it",
            **item.where("id"),
        )
    if inputs.out_dir is not None and inputs.built_documents():
        _check_built(result, inputs, defs)
    result.notes.append(
        f"{len(defs)} figures, {sum(used.values())} references in text; amounts looked for: "
        "€ …, … %, … procent, … euro, … miljoen/miljard"
    )
    return result
