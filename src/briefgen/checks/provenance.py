"""Provenance: every claim traces to a source, and every briefing, memo and letter lists its sources.

In the positions: every topic traces to at least one source (the analysis counts: it is a
source); a figure whose source is unknown is an unsourced claim; a source nobody can look up
(no URL, no publisher) and a press-reaction section tied to no theme are reported as warnings.

In the documents: every briefing, memo and letter has a numbered source list, every note
reference points into it and every entry is referred to. With an output folder the built
PDF and DOCX must contain that list too: the heading, then the entries in order, numbered.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from briefgen.checks import bijlage, grounding
from briefgen.checks.base import BuiltDocument, GateResult, Inputs, ReportTable, Severity, located_at
from briefgen.checks.parity import word_key
from briefgen.content import model as m
from briefgen.content.text import document_units
from briefgen.problems import ProblemsError, display_path
from briefgen.readers.positions import ANALYSIS_ID

if TYPE_CHECKING:
    from briefgen.tracing.audit import Traced
    from briefgen.tracing.source import SourceText

NAME = "provenance"
SOURCED_KINDS = ("briefing", "memo", "letter")
"""Document kinds that must carry a numbered source list."""


def _check_positions(result: GateResult, inputs: Inputs) -> None:
    positions = inputs.positions
    table = ReportTable(
        "Sources per theme (worst first)",
        ["theme", "topics", "own/cited sources", "analysis only", "figures", "unsourced figures"],
    )
    rows = []
    for theme in positions.themes:
        located = positions.files[theme.id]
        analysis_only = 0
        figures = 0
        unsourced = 0
        for t_index, topic in enumerate(theme.topics):
            sources = positions.topic_sources(topic)
            if not sources:
                result.error(f"topic {topic.id!r} traces to no source", file=located.file)
            if len(sources) == 1 and sources[0].id == ANALYSIS_ID:
                analysis_only += 1
            for f_index, figure in enumerate(topic.figures):
                figures += 1
                if figure.source not in positions.sources:
                    unsourced += 1
                    result.error(
                        f"unsourced claim: figure {figure.id!r} ({figure.label}) has unknown source {figure.source!r}",
                        **located_at(located, ("topics", t_index, "figures", f_index, "source")),
                    )
        own = sum(len(topic.sources) + len(topic.cites) for topic in theme.topics)
        rows.append(
            (
                unsourced,
                [theme.id, str(len(theme.topics)), str(own), str(analysis_only), str(figures), str(unsourced)],
            )
        )
    table.rows = [row for _, row in sorted(rows, key=lambda item: -item[0])]
    result.tables.append(table)
    general = positions.files["_algemeen"]
    for f_index, figure in enumerate(positions.general.figures):
        if figure.source not in positions.sources:
            result.error(
                f"unsourced claim: figure {figure.id!r} ({figure.label}) has unknown source {figure.source!r}",
                **located_at(general, ("figures", f_index, "source")),
            )
    for source in positions.sources.values():
        if not source.url and not source.publisher:
            where = _source_location(positions, source.id)
            result.warning(
                f"source {source.id!r} ({source.title}) has no URL and no publisher: nobody can look it up", **where
            )
    for s_index, section in enumerate(positions.general.reaction.sections):
        if not section.themes:
            result.warning(
                f"reaction section {section.heading!r} names no theme, so its claims trace to no topic",
                **located_at(general, ("reaction", "sections", s_index, "themes")),
            )


def _check_time_words(result: GateResult, inputs: Inputs) -> None:
    """Relative time words in position texts (they go stale; write a date instead)."""
    from briefgen.readers.positions import prose_fields
    from briefgen.tracing.timewords import relative_time_words

    severity: Severity = "error" if inputs.strict else "warning"
    for located in inputs.positions.files.values():
        for path, text in prose_fields(located.data):
            for words in relative_time_words(text):
                result.add(
                    severity,
                    f"relative time word ‘{words}’ goes stale; write a date (in 2024) or neutral wording",
                    **located_at(located, path),
                )


def _check_traced(result: GateResult, inputs: Inputs, source_paths: list[Path]) -> None:
    """Every claim's basis found in a source, in the claim's own section; every sentence faithful
    to the fragments it rests on; every figure of the analysis found in the source."""
    from briefgen.tracing.audit import open_sources, quote_found, trace

    positions = inputs.positions
    sources = open_sources(source_paths, positions)
    traced = trace(positions, sources)
    strict = inputs.strict
    untraced: Severity = "error" if strict else inputs.gates.untraced
    other: Severity = "error" if strict else "warning"
    sentence_severity: Severity = "error" if strict or inputs.gates.hedges == "error" else "warning"
    per_theme: dict[str, list[int]] = {}
    classes: dict[str, int] = {}
    severities = (untraced, other, sentence_severity)
    traced += _trace_local(result, inputs, sources, other)
    for item in traced:
        claim = item.claim
        _add_findings(result, item, severities, classes)
        counts = per_theme.setdefault(claim.owner.theme or "(reaction)", [0, 0, 0])
        counts[0] += 1
        counts[1] += item.traced
        counts[2] += len(item.sentences)
    shown = " or ".join(source.path for source in sources)
    if not quote_found(positions, sources):
        result.add(
            untraced,
            f"the quote is not word for word in {shown}",
            **located_at(positions.files["_algemeen"], ("reaction", "quote")),
        )
    analysis = next((source for source in sources if source.owners), sources[0])
    _check_source_figures(result, inputs, analysis, untraced)
    total = len(traced)
    done = sum(item.traced for item in traced)
    result.counts = {
        "claims": total,
        "traced": done,
        "untraced": total - done,
        "sentence_findings": sum(classes.values()),
    }
    result.counts.update({f"sentence_{kind}": count for kind, count in sorted(classes.items())})
    table = ReportTable(
        "Claims traced to the source per theme (worst first)",
        ["theme", "claims", "traced", "untraced", "sentences to check"],
    )
    rows = sorted(per_theme.items(), key=lambda item: (-(item[1][0] - item[1][1]), -item[1][2]))
    table.rows = [[theme, str(n), str(t), str(n - t), str(s)] for theme, (n, t, s) in rows]
    result.tables.append(table)
    result.notes.append(f"{total} claims, {done} traced to {shown}, {total - done} untraced")
    if classes:
        listed = ", ".join(f"{kind} {count}" for kind, count in sorted(classes.items(), key=lambda kv: -kv[1]))
        result.notes.append(f"{sum(classes.values())} sentences say more than their basis: {listed}")


def _add_findings(result: GateResult, item: Traced, severities: tuple[Severity, ...], classes: dict[str, int]) -> None:
    """The problems of one traced claim as findings: untraced, other tracing problems, sentences."""
    untraced, other, sentence_severity = severities
    claim = item.claim
    for kind, index, message in item.problems:
        where = claim.where() if index is None else claim.basis_where(index)
        result.add(untraced if kind == "error" else other, f"{claim.role}: {message}", **where)
    for problem in item.sentences:
        classes[problem.kind] = classes.get(problem.kind, 0) + 1
        result.add(sentence_severity, f"{claim.role}: {problem.message} [{problem.kind}]", **problem.where)


def _trace_local(result: GateResult, inputs: Inputs, analysis: list[SourceText], severity: Severity) -> list[Traced]:
    """The overlay's local paragraphs with a basis, each traced to the text ``file`` of its local
    source (or to the analysis when that is its source)."""
    from briefgen.readers.overlay import load_overlay
    from briefgen.schema.overlay import LocalSource
    from briefgen.tracing.audit import money_figure_ids, open_source, trace_claim
    from briefgen.tracing.claims import iter_local_claims

    folder = inputs.overlay_dir
    if folder is None or not folder.is_dir():
        return []
    profile = inputs.profile.profile
    try:
        applied = load_overlay(
            folder, inputs.positions, profile.organisation.short_name, frozenset(p.id for p in profile.people)
        )
    except ProblemsError:
        return []  # the build and the other gates report a broken overlay
    overlay = applied.local
    assert overlay is not None
    general = overlay.files.get("_lokaal.yaml")
    opened: dict[str, list[SourceText]] = {ANALYSIS_ID: analysis}
    for index, source in enumerate(overlay.general.sources):
        if isinstance(source, LocalSource) and source.file:
            try:
                opened[source.id] = [open_source(folder / source.file, applied)]
            except ProblemsError as error:
                where = located_at(general, ("sources", index, "file")) if general is not None else {}
                result.add("error", f"source {source.id!r}: {error.problems[0].message}", **where)
    money = money_figure_ids(applied)
    traced = []
    for claim in iter_local_claims(applied):
        texts = opened.get(claim.source or ANALYSIS_ID)
        if texts is None:
            result.add(
                severity,
                f"{claim.role}: its source {claim.source!r} names no text `file`, so its basis is not traced",
                **claim.where(),
            )
            continue
        traced.append(trace_claim(claim, texts, money))
    return traced


def _check_source_figures(result: GateResult, inputs: Inputs, analysis: SourceText, severity: Severity) -> None:
    """Every figure whose source is the analysis has its value in the analysis, in some spelling."""
    from briefgen.tracing.amounts import in_numbers, read_numbers, spellings

    positions = inputs.positions
    numbers = read_numbers(analysis.flat)
    source_path = analysis.path
    for figure_id, use in positions.figures.items():
        figure = use.figure
        if figure.source != ANALYSIS_ID or use.local or in_numbers(figure, numbers):
            continue
        located, path = _figure_location(positions, figure_id)
        result.add(
            severity,
            f"figure {figure_id!r} ({figure.label}): its value {spellings(figure)} is not in {source_path} "
            "in any Dutch spelling",
            **(located_at(located, path) if located is not None else {}),
        )


def _figure_location(positions: Any, figure_id: str) -> tuple[Any, tuple[str | int, ...]]:
    """The located file and path of a figure's ``value``."""
    for f_index, figure in enumerate(positions.general.figures):
        if figure.id == figure_id:
            return positions.files["_algemeen"], ("figures", f_index, "value")
    for theme in positions.themes:
        for t_index, topic in enumerate(theme.topics):
            for f_index, figure in enumerate(topic.figures):
                if figure.id == figure_id:
                    return positions.files[theme.id], ("topics", t_index, "figures", f_index, "value")
    return None, ()


def _check_no_source(result: GateResult, inputs: Inputs) -> None:
    """No source text given: nothing is traced; that fails under ``--strict``."""
    from briefgen.tracing.claims import iter_claims

    total = sum(1 for _ in iter_claims(inputs.positions))
    result.add(
        "error" if inputs.strict else "warning",
        f"0 of {total} claims traced: no source given (--source FILE or `source:` in the profile)",
        file=display_path(inputs.profile_path),
    )
    result.counts = {"claims": total, "traced": 0, "untraced": total}


def _source_location(positions: Any, source_id: str) -> dict[str, Any]:
    """File, line and field where a source is defined."""
    if source_id == ANALYSIS_ID:
        return located_at(positions.files["_algemeen"], ("analysis",))
    for theme in positions.themes:
        for t_index, topic in enumerate(theme.topics):
            for s_index, source in enumerate(topic.sources):
                if source.id == source_id:
                    return located_at(positions.files[theme.id], ("topics", t_index, "sources", s_index))
    return {}


def source_lists(document: m.Document) -> list[m.Sources]:
    """The document's source lists: the shared sources, then (with an overlay) the local ones,
    numbered on from the first."""
    return [block for block in document.blocks if isinstance(block, m.Sources)]


def _check_documents(result: GateResult, inputs: Inputs) -> None:
    figures = {fig_id: use.figure for fig_id, use in inputs.positions.figures.items()}
    for item in inputs.composed:
        document = item.document
        refs = [n for unit in document_units(document) for n in unit.notes]
        entries = {e.number for sources in source_lists(document) for e in sources.entries}
        data: dict[str, Any] = {"sources": len(entries), "note_refs": len(refs)}
        result.documents.setdefault(item.doc_id, {})["provenance"] = data
        for problem in bijlage.problems(document):  # a letter must carry what it mentions
            result.add("error" if item.job.kind == "letter" else "warning", problem, document=item.doc_id)
        if item.job.kind in grounding.CHECKED_KINDS:
            topics = [topic for _, topic in inputs.positions.topics()]
            for problem in grounding.problems(document, topics, figures):
                result.error(problem, document=item.doc_id)
        if item.job.kind not in SOURCED_KINDS:
            continue
        if not entries:
            result.error("has no numbered source list", document=item.doc_id)
            continue
        for number in sorted(set(refs) - entries):
            result.error(f"note reference {number} points to no entry of the source list", document=item.doc_id)
        for number in sorted(entries - set(refs)):
            result.warning(f"source {number} of the source list is never referred to", document=item.doc_id)
        if sorted(entries) != list(range(1, len(entries) + 1)):
            result.error(f"source list is not numbered 1…{len(entries)}: {sorted(entries)}", document=item.doc_id)


def _contains_in_order(haystack: list[str], needles: list[list[str]]) -> int:
    """How many of ``needles`` (word-key lists) occur in ``haystack`` one after the other."""
    position = 0
    found = 0
    for needle in needles:
        if not needle:
            found += 1
            continue
        limit = len(haystack) - len(needle) + 1
        while position < limit and haystack[position : position + len(needle)] != needle:
            position += 1
        if position >= limit:
            return found
        found += 1
        position += len(needle)
    return found


def _keys(text: str) -> list[str]:
    return [k for k in (word_key(t) for t in text.split()) if k]


def _check_built_pdf(result: GateResult, inputs: Inputs, doc: BuiltDocument, sources: m.Sources) -> bool:
    from briefgen.checks.extract import pdf_content
    from briefgen.checks.parity import pdf_words

    content = pdf_content(inputs, doc.files["pdf"])
    words = [w.key for w in pdf_words(content)]
    title = _keys(sources.title)
    starts = [i for i in range(len(words)) if words[i : i + len(title)] == title]
    shown = doc.shown("pdf")
    if not starts:
        result.error(f"no source list: heading ‘{sources.title}’ not found", file=shown, document=doc.doc_id)
        return False
    needles = [_keys(entry.title) for entry in sources.entries]
    # the last heading that the entries follow ("Bronnen" also starts "Bronnen van Gemeente …")
    found = max(_contains_in_order(words[start:], needles) for start in starts)
    if found < len(needles):
        missing = sources.entries[found]
        result.error(f"source list lacks entry {missing.number} ‘{missing.title}’", file=shown, document=doc.doc_id)
        return False
    labels = [" ".join(line.split()) for line in content.lines("label")]
    wanted = [f"{entry.number}." for entry in sources.entries]
    if not any(labels[i : i + len(wanted)] == wanted for i in range(len(labels) - len(wanted) + 1)):
        result.error("source list is not numbered (no list labels 1., 2., …)", file=shown, document=doc.doc_id)
        return False
    return True


def _check_built_docx(result: GateResult, inputs: Inputs, doc: BuiltDocument, sources: m.Sources) -> bool:
    from briefgen.checks.extract import docx_content

    content = docx_content(inputs, doc.files["docx"])
    shown = doc.shown("docx")
    paragraphs = content.paragraphs
    heading = max(
        (
            i
            for i, p in enumerate(paragraphs)
            if _keys(p.text) == _keys(sources.title) and content.heading_level(p.style) is not None
        ),
        default=-1,
    )
    if heading < 0:
        result.error(f"no source list: heading ‘{sources.title}’ not found", file=shown, document=doc.doc_id)
        return False
    items = paragraphs[heading + 1 : heading + 1 + len(sources.entries)]
    for entry, paragraph in zip(sources.entries, [*items, *[None] * len(sources.entries)], strict=False):
        if paragraph is None or _keys(paragraph.text)[: len(_keys(entry.title))] != _keys(entry.title):
            result.error(f"source list lacks entry {entry.number} ‘{entry.title}’", file=shown, document=doc.doc_id)
            return False
        literal = paragraph.text.lstrip().startswith(f"{entry.number}.")
        if not paragraph.list_item and not literal:
            result.error(
                f"source list entry {entry.number} is not numbered (no list numbering)", file=shown, document=doc.doc_id
            )
            return False
    return True


def _check_built(result: GateResult, inputs: Inputs) -> None:
    composed = {c.doc_id: c for c in inputs.composed}
    table = ReportTable("Source lists in built documents (worst first)", ["document", "sources", "PDF", "DOCX"])
    rows = []
    for doc in inputs.built_documents():
        if doc.kind not in SOURCED_KINDS or doc.doc_id not in composed:
            continue
        lists = source_lists(composed[doc.doc_id].document)
        if not lists:
            continue
        status = {}
        for fmt, checker in (("pdf", _check_built_pdf), ("docx", _check_built_docx)):
            if fmt in doc.files and doc.files[fmt].is_file():
                try:
                    status[fmt] = "ok" if all(checker(result, inputs, doc, sources) for sources in lists) else "FAIL"
                except Exception as error:  # an unreadable file is a finding (conformance says more)
                    result.error(
                        f"cannot read: {type(error).__name__}: {error}", file=doc.shown(fmt), document=doc.doc_id
                    )
                    status[fmt] = "FAIL"
            else:
                status[fmt] = "–"
        result.documents.setdefault(doc.doc_id, {}).setdefault("provenance", {})["built_source_list"] = status
        bad = sum(1 for v in status.values() if v == "FAIL")
        count = sum(len(sources.entries) for sources in lists)
        rows.append((bad, [doc.doc_id, str(count), status["pdf"], status["docx"]]))
    table.rows = [row for _, row in sorted(rows, key=lambda item: -item[0])]
    if rows:
        result.tables.append(table)


def check(inputs: Inputs) -> GateResult:
    """Run the provenance gate."""
    result = GateResult(NAME)
    _check_positions(result, inputs)
    _check_time_words(result, inputs)
    if inputs.source_paths:
        _check_traced(result, inputs, inputs.source_paths)
    else:
        _check_no_source(result, inputs)
    _check_documents(result, inputs)
    if inputs.out_dir is not None and inputs.built_documents():
        _check_built(result, inputs)
    positions = inputs.positions
    topics = sum(len(theme.topics) for theme in positions.themes)
    result.notes.append(
        f"{topics} topics, {len(positions.sources)} sources; the analysis counts as a source, so a topic "
        "that cites only the analysis is traced"
    )
    return result
