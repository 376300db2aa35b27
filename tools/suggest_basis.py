"""Suggest basis fragments for claims that have none, by word overlap with the source.

    python tools/suggest_basis.py SOURCE [--positions DIR] [--write] [--report FILE]

For each claim without a basis, every sentence of the claim is matched to the source sentence
(in the claim's own section first) that shares the most rare words with it, and a window of
at most 20 words of that sentence becomes a fragment. ``--write`` saves the suggestions into
the position files (claims become ``{text, basis}``); ``--report`` lists every claim with its
score, weakest first, for the human review that must follow: a suggestion is a lead, not
evidence, until a reviewer has read claim and fragment side by side (``briefgen trace``).
"""

from __future__ import annotations

import argparse
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).parent))
from positions_yaml import write

from briefgen.content.templating import plain_position_text
from briefgen.readers.positions import load_positions
from briefgen.tracing.audit import _belongs, open_source
from briefgen.tracing.claims import iter_claims
from briefgen.tracing.source import _BREAK, SourceText

STOP = set(
    [
        "aan",
        "al",
        "alle",
        "als",
        "alleen",
        "ander",
        "andere",
        "bij",
        "daar",
        "dan",
        "dat",
        "de",
        "deze",
        "die",
        "dit",
        "door",
        "een",
        "en",
        "er",
        "ervoor",
        "geen",
        "had",
        "heeft",
        "hebben",
        "het",
        "hier",
        "hoe",
        "hun",
        "ik",
        "in",
        "is",
        "je",
        "kan",
        "kunnen",
        "maar",
        "meer",
        "met",
        "mag",
        "moet",
        "moeten",
        "na",
        "naar",
        "niet",
        "nog",
        "nu",
        "of",
        "om",
        "onder",
        "ook",
        "op",
        "over",
        "per",
        "te",
        "tot",
        "uit",
        "van",
        "veel",
        "voor",
        "want",
        "was",
        "wat",
        "we",
        "wel",
        "werd",
        "wie",
        "wil",
        "willen",
        "wordt",
        "worden",
        "zal",
        "zich",
        "zij",
        "zijn",
        "zo",
        "zoals",
        "zou",
        "zouden",
        "gaat",
        "gaan",
        "goed",
        "ze",
        "wij",
        "ons",
        "onze",
        "hen",
        "haar",
        "hem",
        "daarom",
        "dus",
    ]
)
WORD = re.compile(r"[\w€%]+(?:[-'][\w]+)*")
MAX_WINDOW = 22
MIN_WINDOW = 12
STEMS: dict[int, tuple[list[str], set[str]]] = {}


def stem(word: str) -> str:
    """A crude Dutch stem: lower case, first six letters."""
    return word.lower()[:6]


def tokens(text: str) -> list[str]:
    """Content stems of ``text``."""
    return [stem(w) for w in WORD.findall(text) if w.lower() not in STOP and (len(w) > 2 or w.isdigit())]


@dataclass
class Sentence:
    """A sentence of the source: where it starts and its words."""

    start: int
    words: list[tuple[int, int]]
    """(start, end) offsets of each word in the flat text."""


def source_sentences(source: SourceText) -> list[Sentence]:
    """Sentences of the flat source, split at full stops and bullets."""
    flat = source.flat
    sentences: list[Sentence] = []
    current: list[tuple[int, int]] = []
    for match in re.finditer(r"\S+", flat):
        word = match.group()
        if word in ("•", "-", "–") and current:
            sentences.append(Sentence(current[0][0], current))
            current = []
            continue
        current.append((match.start(), match.end()))
        if re.search(r"[.!?:;]['\")]*$", word) and not re.search(
            r"\b(?:o\.a|e\.d|bijv|m\.n|i\.p\.v|t\.b\.v|etc)\.$", word
        ):
            sentences.append(Sentence(current[0][0], current))
            current = []
    if current:
        sentences.append(Sentence(current[0][0], current))
    heading = re.compile(r"Wat (staat er in het akkoord|betekent (dit|het) voor gemeenten)|https?://")
    return [s for s in sentences if not heading.search(flat[s.words[0][0] : s.words[-1][1]])]


def readable(flat: str, start: int, end: int) -> str:
    """The flat text as a reader copies it: line-end hyphenation removed where it split a word."""
    text = flat[start:end]

    def join(match: re.Match[str]) -> str:
        left, right = match.group(1), match.group(2)
        keep = left[-1].isupper() or left[-1].isdigit() or right[0].isupper()
        return f"{left}-{right}" if keep else f"{left}{right}"

    text = re.sub(r"(\w+)-" + _BREAK + r"(\w+)", join, text)
    return text.replace(_BREAK, "")


def suggest(claim_text: str, allowed: list[Sentence], everywhere: list[Sentence], flat: str, idf: dict[str, float]):
    """Fragments and a score (0–1: share of the claim's rare words covered) for one claim."""
    parts = [p for p in re.split(r"(?<=[.!?])\s+", claim_text) if p.strip()]
    fragments: list[str] = []
    covered: set[str] = set()
    wanted_all = set(tokens(claim_text))
    for part in parts:
        wanted = Counter(tokens(part))
        if not wanted:
            continue
        best = None
        for pool, penalty in ((allowed, 1.0), (everywhere, 0.6)):
            ranked = sorted(pool, key=lambda sen: -sum(idf.get(t, 1.0) for t in wanted if t in STEMS[sen.start][1]))[:3]
            for sentence in ranked:
                words = sentence.words
                stems = STEMS[sentence.start][0]
                for size in range(min(len(words), MIN_WINDOW), min(len(words), MAX_WINDOW) + 1):
                    for start in range(0, len(words) - size + 1):
                        window = set(stems[start : start + size])
                        score = sum(idf.get(t, 1.0) for t in wanted if t in window) * penalty
                        score -= 0.0005 * size
                        if best is None or score > best[0]:
                            best = (score, words[start][0], words[start + size - 1][1], window)
            if best is not None and pool is allowed and best[0] >= 0.5 * sum(idf.get(t, 1) for t in wanted):
                break
        if best is None or best[0] <= 0:
            continue
        fragment = readable(flat, best[1], best[2]).rstrip(",;:")
        if fragment not in fragments:
            fragments.append(fragment)
        covered |= {t for t in wanted if t in best[3]}
        if len(fragments) >= 6:
            break
    total = sum(idf.get(t, 1.0) for t in wanted_all) or 1.0
    return fragments, sum(idf.get(t, 1.0) for t in covered) / total


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("--positions", type=Path, default=Path("positions"))
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--report", type=Path)
    args = parser.parse_args()
    positions = load_positions(args.positions)
    source = open_source(args.source, positions)
    sentences = source_sentences(source)
    for sen in sentences:
        stems = [stem(source.flat[a:b].strip(".,;:()'\"")) for a, b in sen.words]
        STEMS[sen.start] = (stems, set(stems))
    docs = [set(tokens(readable(source.flat, s.words[0][0], s.words[-1][1]))) for s in sentences]
    df = Counter(t for d in docs for t in d)
    idf = {t: math.log(1 + len(docs) / n) for t, n in df.items()}
    figures = {fig_id: use.figure for fig_id, use in positions.figures.items()}
    edits: dict[str, list[tuple[tuple, list[str]]]] = {}
    report: list[tuple[float, str]] = []
    for claim in iter_claims(positions):
        if claim.basis:
            continue
        allowed = [s for s in sentences if (o := source.owner_at(s.start)) is not None and _belongs(claim.owner, o)]
        text = plain_position_text(claim.text, figures).replace("\u00a0", " ")
        fragments, score = suggest(text, allowed, sentences, source.flat, idf)
        edits.setdefault(claim.file, []).append((claim.path, fragments))
        report.append(
            (
                score,
                f"{claim.file}:{claim.line} {claim.field} [{score:.2f}]\n  CLAIM: {text}\n"
                + "".join(f"  BASIS: {f}\n" for f in fragments),
            )
        )
    if args.report:
        args.report.write_text("\n".join(r for _, r in sorted(report)), encoding="utf-8")
    if args.write:
        for file, items in edits.items():
            path = Path(file)
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
            for claim_path, fragments in items:
                _attach(data, claim_path, fragments)
            write(path, data)
    print(f"{len(report)} claims without basis; {sum(1 for s, _ in report if s < 0.5)} scored below 0.5")
    return 0


def _attach(data, path, fragments) -> None:
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    node = parent[key]
    if isinstance(node, str):
        parent[key] = {"text": node, "basis": fragments}
    else:
        node["basis"] = fragments


if __name__ == "__main__":
    raise SystemExit(main())
