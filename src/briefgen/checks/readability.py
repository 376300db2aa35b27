"""Readability per audience: Flesch-Douma and Brouwer per document and per section.

Scores are computed on the composed document model (no built files needed), on running text
only: paragraphs, lists, quotes and call-outs; not on headings, header fields, addresses,
signatures, tables, source lists or notes for the editors. With built files, the hyphenated line
ends of each PDF are counted too (:mod:`briefgen.checks.hyphenation`).

Syllables are an estimate. Dutch hyphenation points (pyphen, ``nl_NL``) undercount at word
edges, because the patterns never split off a single letter at the start or end of a word
(``apo-theek``, ``ener-gie``). Each word therefore counts the larger of the hyphenation count
and a count of Dutch vowel groups (``aa``, ``ie``, ``ij``, ``eeuw`` … as one; a diaeresis starts
a new one).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING, Any

from briefgen.checks.base import GateResult, Inputs, ReportTable
from briefgen.checks.extract import pdf_content
from briefgen.checks.hyphenation import hyphenation
from briefgen.content import model as m
from briefgen.content.text import RUNNING_TEXT, Span, document_units, spans_text
from briefgen.problems import display_path

if TYPE_CHECKING:
    from briefgen.schema.profile import ReadabilityTarget

NAME = "readability"
ESTIMATE_NOTE = (
    "Syllables are estimated (Dutch hyphenation patterns, corrected with vowel groups at word edges); "
    "scores are estimates too."
)
REWRITE_COUNT = 3
"""Sentences named per failing document (those that cost the score most)."""
SECTION_MIN_WORDS = 40
"""Sections shorter than this are not judged on their own."""
SECTIONS_SHOWN = 10

# ---------------------------------------------------------------- syllables

_VOWEL_UNITS = sorted(
    ["aai", "ooi", "oei", "ieu", "eeu", "aa", "ee", "oo", "uu", "ie", "oe", "eu", "ei", "ij", "ui", "ou", "au"],
    key=len,
    reverse=True,
)
_VOWELS = set("aeiouyàáâäèéêëìíîïòóôöùúûü")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def vowel_groups(word: str) -> int:
    """Syllables as Dutch vowel units: ``ideaal`` → i·e·aa = 3, ``geïnvesteerd`` → 4."""
    text = word.lower()
    count = 0
    index = 0
    while index < len(text):
        char = text[index]
        if char not in _VOWELS:
            index += 1
            continue
        # units are plain letters only, so a diaeresis (``geïnd``, ``coördinatie``) opens a new one
        unit = next((u for u in _VOWEL_UNITS if text.startswith(u, index)), char)
        count += 1
        index += len(unit)
    return count


@cache
def _hyphenator() -> Any:
    import pyphen

    return pyphen.Pyphen(lang="nl_NL", left=1, right=1)


def syllables(word: str) -> int:
    """Estimated syllables of one word (at least 1).

    Letters: the larger of hyphenation points + 1 and the vowel-group count. Abbreviations in
    capitals (``VNG``) are spelled out: one syllable per letter. Numbers: one per digit, at
    most four (``2026``, ``1,2``).
    """
    if _NUMBER.fullmatch(word):
        return max(1, min(4, sum(ch.isdigit() for ch in word)))
    letters = [ch for ch in word if ch.isalpha()]
    if not letters:
        return 1
    if 1 < len(letters) <= 5 and (all(ch.isupper() for ch in letters) or not vowel_groups(word)):
        return len(letters)  # spelled out: VNG, CAO, mkb, btw
    counts = []
    for part in re.split(r"['’-]", word):
        groups = vowel_groups(part)
        if groups:  # the ``s`` of ``regio's`` adds no syllable
            counts.append(max(len(_hyphenator().positions(part)) + 1, groups))
    return max(1, sum(counts))


# ---------------------------------------------------------------- sentences and words

_ABBREVIATIONS = {
    "bijv",
    "bv",
    "o.a",
    "t.a.v",
    "d.w.z",
    "e.d",
    "enz",
    "etc",
    "nr",
    "mr",
    "dr",
    "drs",
    "ir",
    "ing",
    "prof",
    "ca",
    "incl",
    "excl",
    "m.b.t",
    "i.p.v",
    "z.s.m",
    "o.b.v",
    "n.a.v",
    "vs",
    "jl",
    "a.s",
    "resp",
    "evt",
    "i.v.m",
    "m.u.v",
    "t.o.v",
    "blz",
    "art",
    "lid",
}
_END = re.compile(r"([.!?…]+)([’'”\")\]]*)(\s+)")
_WORD = re.compile(r"[^\W_]+(?:[.,'’/-][^\W_]+)*%?", re.UNICODE)


def split_sentences(text: str) -> list[str]:
    """Dutch sentences of a text (abbreviations such as ``bijv.`` and ``t.a.v.`` do not end one)."""
    text = " ".join(text.split())
    sentences: list[str] = []
    start = 0
    for match in _END.finditer(text):
        before = text[start : match.start()]
        last = before.rsplit(" ", 1)[-1].lower().lstrip("(‘'“\"")
        after = text[match.end() : match.end() + 1]
        if match.group(1) == "." and (last in _ABBREVIATIONS or (len(last) == 1 and last.isalpha())):
            continue
        if after and after.islower():
            continue
        sentences.append(text[start : match.end()].strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        sentences.append(rest)
    return [s for s in sentences if words(s)]


def words(sentence: str) -> list[str]:
    """The words of a sentence: runs of letters or digits (``€`` and dashes are not words)."""
    return _WORD.findall(unicodedata.normalize("NFC", sentence.replace("\u00ad", "")))


# ---------------------------------------------------------------- scores


@dataclass
class Sentence:
    """One sentence with its section and counts."""

    text: str
    section: str
    words: int
    syllables: int

    @property
    def flesch_douma(self) -> float:
        """Flesch-Douma of this sentence alone."""
        return flesch_douma(self.words, 1, self.syllables)


def flesch_douma(word_count: int, sentence_count: int, syllable_count: int) -> float:
    """206,835 − 0,93 × words/sentence − 77 × syllables/word."""
    if not word_count or not sentence_count:
        return 0.0
    return 206.835 - 0.93 * word_count / sentence_count - 77 * syllable_count / word_count


def brouwer(word_count: int, sentence_count: int, syllable_count: int) -> float:
    """Brouwer leesindex: 195 − 2 × words/sentence − 66,7 × syllables/word."""
    if not word_count or not sentence_count:
        return 0.0
    return 195 - 2 * word_count / sentence_count - 66.7 * syllable_count / word_count


@dataclass
class Scores:
    """Readability of a run of sentences."""

    sentences: list[Sentence] = field(default_factory=list)

    @property
    def word_count(self) -> int:
        """Words."""
        return sum(s.words for s in self.sentences)

    @property
    def syllable_count(self) -> int:
        """Estimated syllables."""
        return sum(s.syllables for s in self.sentences)

    @property
    def flesch_douma(self) -> float:
        """Flesch-Douma."""
        return flesch_douma(self.word_count, len(self.sentences), self.syllable_count)

    @property
    def brouwer(self) -> float:
        """Brouwer leesindex A."""
        return brouwer(self.word_count, len(self.sentences), self.syllable_count)

    @property
    def avg_sentence_words(self) -> float:
        """Average words per sentence."""
        return self.word_count / len(self.sentences) if self.sentences else 0.0

    @property
    def syllables_per_word(self) -> float:
        """Average syllables per word."""
        return self.syllable_count / self.word_count if self.word_count else 0.0

    @property
    def longest(self) -> Sentence | None:
        """The longest sentence."""
        return max(self.sentences, key=lambda s: s.words, default=None)

    def as_dict(self) -> dict[str, Any]:
        """Figures for ``--json``."""
        longest = self.longest
        return {
            "sentences": len(self.sentences),
            "words": self.word_count,
            "syllables": self.syllable_count,
            "flesch_douma": round(self.flesch_douma, 1),
            "brouwer": round(self.brouwer, 1),
            "avg_sentence_words": round(self.avg_sentence_words, 1),
            "syllables_per_word": round(self.syllables_per_word, 2),
            "longest_sentence_words": longest.words if longest else 0,
            "longest_sentence": longest.text if longest else "",
        }


@dataclass
class DocumentReadability:
    """Readability of one document, whole and per section (level-1 heading)."""

    doc_id: str
    kind: str
    total: Scores
    sections: dict[str, Scores]


INTRO = "(begin)"
LABEL_WORDS = 3
"""A bold lead-in of at most this many words ending in ``.`` or ``:`` is a label, not a sentence."""


def _without_label(spans: tuple[Span, ...], labels: frozenset[str]) -> tuple[Span, ...]:
    """Drop a bold lead-in label: a known title (``**Wonen.** Het akkoord …``) or a short one
    (``**Standpunt:** steun``). Bold sentences (a letter's asks) stay."""
    lead = 0
    while lead < len(spans) and spans[lead].bold:
        lead += 1
    if 0 < lead < len(spans):
        label = " ".join(spans_text(spans[:lead]).split())
        if label.endswith((".", ":")) and (label[:-1].casefold() in labels or len(label.split()) <= LABEL_WORDS):
            return spans[lead:]
    return spans


def prose_units(document: m.Document, labels: frozenset[str] = frozenset()) -> list[tuple[str, str]]:
    """(section, text) of every piece of running text, in reading order; each list item on its own.

    ``labels`` are titles (case-folded) that, in bold before a text, label it rather than start a sentence.
    """
    section = INTRO
    units: list[tuple[str, str]] = []
    for unit in document_units(document):
        if unit.role == "heading" and unit.level == 1:
            section = unit.text().strip() or section
        elif unit.role in RUNNING_TEXT:
            spans = unit.spans if unit.role == "quote" else _without_label(unit.spans, labels)
            units.append((section, spans_text(spans)))
    return units


def measure(doc_id: str, document: m.Document, labels: frozenset[str] = frozenset()) -> DocumentReadability:
    """Readability of ``document`` (``labels``: see :func:`prose_units`)."""
    total = Scores()
    sections: dict[str, Scores] = {}
    for section, text in prose_units(document, labels):
        for sentence in split_sentences(text):
            found = words(sentence)
            item = Sentence(sentence, section, len(found), sum(syllables(w) for w in found))
            total.sentences.append(item)
            sections.setdefault(section, Scores()).sentences.append(item)
    return DocumentReadability(doc_id, document.meta.kind, total, sections)


# ---------------------------------------------------------------- the gate


def _fails(scores: Scores, target: ReadabilityTarget) -> list[str]:
    problems = []
    if scores.flesch_douma < target.flesch_douma_min:
        problems.append(
            f"Flesch-Douma {scores.flesch_douma:.1f} < {target.flesch_douma_min} "
            f"(short by {target.flesch_douma_min - scores.flesch_douma:.1f})"
        )
    if scores.avg_sentence_words > target.avg_sentence_words_max:
        problems.append(
            f"{scores.avg_sentence_words:.1f} words per sentence > {target.avg_sentence_words_max} "
            f"(over by {scores.avg_sentence_words - target.avg_sentence_words_max:.1f})"
        )
    brouwer_min = getattr(target, "brouwer_min", None)
    if brouwer_min is not None and scores.brouwer < brouwer_min:
        problems.append(f"Brouwer {scores.brouwer:.1f} < {brouwer_min}")
    return problems


def rewrite_first(
    scores: Scores,
    target: ReadabilityTarget | None,
    count: int = REWRITE_COUNT,
    origin: Callable[[str], str] | None = None,
) -> list[Sentence]:
    """The sentences to rewrite first: those that cost the document most, i.e. the largest
    ``words × (target − sentence Flesch-Douma)``; the longest sentence too when it is very long."""
    goal = float(target.flesch_douma_min) if target else 60.0
    costly = sorted(
        (s for s in scores.sentences if s.flesch_douma < goal),
        key=lambda s: -s.words * (goal - s.flesch_douma),
    )
    chosen: list[Sentence] = []
    places: set[str] = set()
    for sentence in costly:
        if len(chosen) == count:
            break
        place = origin(sentence.text) if origin else ""
        if all(sentence.text != other.text for other in chosen) and (not place or place not in places):
            chosen.append(sentence)
            places.add(place)
    longest = scores.longest
    limit = float(target.avg_sentence_words_max) if target else 15.0
    if longest is not None and all(longest.text != s.text for s in chosen) and longest.words > limit + 5:
        chosen.append(longest)
    return chosen


def _flat(text: str) -> str:
    return " ".join(text.replace("\u00a0", " ").split()).casefold()


def origin_finder(inputs: Inputs) -> Callable[[str], str]:
    """A function that names where a sentence comes from: position file, profile or template."""
    from briefgen.content.templating import plain_position_text
    from briefgen.readers.positions import prose_fields, text_fields
    from briefgen.readers.yamlfile import format_path

    figures = {fig_id: use.figure for fig_id, use in inputs.positions.figures.items()}
    index: list[tuple[str, str]] = []
    for located in inputs.positions.files.values():
        for path, text in prose_fields(located.data):
            row, _ = located.where(path)
            index.append((_flat(plain_position_text(text, figures)), f"{located.file}:{row} {format_path(path)}"))
    profile = inputs.profile.located
    for path, text in text_fields(profile.data):
        row, _ = profile.where(path)
        for part in re.split(r"\{[a-z_]+\}", text):
            index.append((_flat(part), f"{profile.file}:{row} {format_path(path)}"))
    for template in sorted((inputs.templates_dir / "kinds").glob("*.j2")):
        try:
            lines = template.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        for number, line in enumerate(lines, start=1):
            index.append(
                (_flat(re.sub(r"<[^>]*>|\{\{.*?\}\}|\{%.*?%\}", " ", line)), f"{display_path(template)}:{number}")
            )

    def find(sentence: str) -> str:
        wanted = _flat(sentence)
        probes = [wanted, wanted[:60], wanted[-60:]]
        for probe in probes:
            if len(probe) < 12:
                continue
            for text, where in index:
                if probe in text:
                    return where
        # a sentence built around a placeholder or a figure: the longest text it contains
        contained = [(len(text), where) for text, where in index if len(text) >= 20 and text in wanted]
        return max(contained)[1] if contained else ""

    return find


def title_labels(inputs: Inputs) -> frozenset[str]:
    """Titles that label a text in bold: themes, topics, reaction sections (case-folded)."""
    positions = inputs.positions
    titles = {section.heading for section in positions.general.reaction.sections}
    for theme in positions.themes:
        titles.update({theme.title, theme.short_title, *(topic.title for topic in theme.topics)})
    return frozenset(" ".join(title.split()).casefold() for title in titles)


def check(inputs: Inputs) -> GateResult:
    """Score every composed document against its kind's target in the profile."""
    result = GateResult(NAME, notes=[ESTIMATE_NOTE])
    origins = origin_finder(inputs)
    targets = inputs.gates.readability_targets
    labels = title_labels(inputs)
    measured = [measure(item.doc_id, item.document, labels) for item in inputs.composed]
    table = ReportTable(
        "Readability per document (worst first)",
        ["document", "Flesch-Douma", "target", "Brouwer", "words/sentence", "max", "longest", "result"],
    )
    kinds = ReportTable(
        "Readability per document kind",
        ["kind", "documents", "Flesch-Douma (min–avg)", "target", "words/sentence (avg–max)", "max", "failing"],
    )
    rows: list[tuple[float, list[str]]] = []
    sections: list[tuple[float, str, str, Scores]] = []
    by_kind: dict[str, list[DocumentReadability]] = {}
    for doc in measured:
        by_kind.setdefault(doc.kind, []).append(doc)
        target = targets.get(doc.kind)
        total = doc.total
        failures = _fails(total, target) if target else []
        longest = total.longest
        data: dict[str, Any] = {
            **total.as_dict(),
            "target": target.model_dump() if target else None,
            "passed": not failures,
            "sections": {name: scores.as_dict() for name, scores in doc.sections.items()},
        }
        if target:
            for name, scores in doc.sections.items():
                if scores.word_count >= SECTION_MIN_WORDS and _fails(scores, target):
                    sections.append((scores.flesch_douma - target.flesch_douma_min, doc.doc_id, name, scores))
        if failures:
            rewrite = rewrite_first(total, target, origin=origins)
            data["rewrite_first"] = [_sentence_dict(s, origins) for s in rewrite]
            lines = "; ".join(failures)
            named = " | ".join(
                f"[{s.words} words, FD {s.flesch_douma:.0f}] {s.text}"
                + (f" ({origins(s.text)})" if origins(s.text) else "")
                for s in rewrite[:REWRITE_COUNT]
            )
            result.error(f"{doc.kind} target not met: {lines}. Rewrite first: {named}", document=doc.doc_id)
        result.documents[doc.doc_id] = {"kind": doc.kind, "readability": data}
        rows.append(
            (
                total.flesch_douma - (target.flesch_douma_min if target else 0),
                [
                    doc.doc_id,
                    f"{total.flesch_douma:.1f}",
                    f"≥ {target.flesch_douma_min}" if target else "–",
                    f"{total.brouwer:.1f}",
                    f"{total.avg_sentence_words:.1f}",
                    f"≤ {target.avg_sentence_words_max}" if target else "–",
                    str(longest.words if longest else 0),
                    "FAIL" if failures else "ok",
                ],
            )
        )
    table.rows = [row for _, row in sorted(rows, key=lambda item: item[0])]
    for kind, docs in sorted(by_kind.items()):
        target = targets.get(kind)
        fds = [d.total.flesch_douma for d in docs]
        asl = [d.total.avg_sentence_words for d in docs]
        failing = sum(1 for d in docs if target and _fails(d.total, target))
        kinds.rows.append(
            [
                kind,
                str(len(docs)),
                f"{min(fds):.1f}–{sum(fds) / len(fds):.1f}",
                f"≥ {target.flesch_douma_min}" if target else "–",
                f"{sum(asl) / len(asl):.1f}–{max(asl):.1f}",
                f"≤ {target.avg_sentence_words_max}" if target else "–",
                str(failing),
            ]
        )
    kinds.rows.sort(key=lambda row: -int(row[-1]))
    hardest = ReportTable(
        f"Hardest sections below target (worst {SECTIONS_SHOWN})",
        ["document", "section", "Flesch-Douma", "words/sentence", "words"],
    )
    for _, doc_id, name, scores in sorted(sections, key=lambda item: item[0])[:SECTIONS_SHOWN]:
        hardest.rows.append(
            [doc_id, name, f"{scores.flesch_douma:.1f}", f"{scores.avg_sentence_words:.1f}", str(scores.word_count)]
        )
    table.max_rows = 0
    result.tables = [kinds, table, hardest]
    if inputs.out_dir is not None:
        result.tables.append(_hyphenation(result, inputs))
    missing = sorted(set(by_kind) - set(targets))
    if missing:
        result.warning(
            f"no readability target for {', '.join(missing)}; add gates.readability_targets in the profile",
            file=str(inputs.profile_path),
        )
    return result


def _hyphenation(result: GateResult, inputs: Inputs) -> ReportTable:
    """Hyphenated line ends per built PDF; a warning where the house style is broken."""
    table = ReportTable(
        "Hyphenated line ends per PDF (most first)",
        ["document", "lines", "hyphenated", "in a row", "outside running text", "in names"],
    )
    rows = []
    for built in inputs.built_documents():
        path = built.files.get("pdf")
        if path is None or not path.is_file():
            continue
        found = hyphenation(pdf_content(inputs, path))
        result.documents.setdefault(built.doc_id, {"kind": built.kind})["hyphenation"] = found.as_dict()
        for problem in found.problems:
            result.warning(f"hyphenated line ends: {problem}", document=built.doc_id, file=built.shown("pdf"))
        counts = (found.lines, found.hyphenated, found.longest_run, len(found.outside_running_text), len(found.names))
        rows.append((found.hyphenated / max(found.lines, 1), [built.doc_id, *(str(n) for n in counts)]))
    table.rows = [row for _, row in sorted(rows, key=lambda item: -item[0])]
    return table


def _sentence_dict(sentence: Sentence, origins: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "text": sentence.text,
        "section": sentence.section,
        "words": sentence.words,
        "flesch_douma": round(sentence.flesch_douma, 1),
    }
    if origins is not None:
        where = origins(sentence.text)
        if where:
            data["source"] = where
    return data
