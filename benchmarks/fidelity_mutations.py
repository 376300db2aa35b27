"""Recall of the sentence check: mutate every sentence of the shipped positions, count what it catches.

Not part of the tests. Run from the project root::

    PYTHONPATH=src python benchmarks/fidelity_mutations.py --source sources/vng-analyse-hoofdlijnenakkoord-2024.txt
    python benchmarks/fidelity_mutations.py --source … --show 5     # also print 5 misses per class

Each sentence of each claim is checked against the evidence of its claim (the basis fragments
with their source sentences) once as written and once per mutation that applies to it. A mutation
counts only where it makes the sentence say more than its source, and is *caught* when the check
reports a finding of the expected class that the sentence as written did not have. The mutations
are deterministic:

* ``hedge``: the one marker of possibility, intention or condition of a sentence (*kan*, *wil*,
  *moet*, *mogelijk* …) that its source has too is dropped from the sentence;
* ``intention``: an intention verb (*wil*, *willen*, *streeft naar*, *is van plan*) becomes a plain
  future or present (*gaat*, *gaan*, *zorgt voor*), where the source has an intention;
* ``intensifier``: *gemeenten* becomes *alle gemeenten*, or *zeker* follows the first auxiliary
  verb (*is*, *wordt*, *krijgt* …), where the source has no intensifier or universal;
* ``money``: *met extra geld* is added before the final full stop, where the source has no money word;
* ``actor``: a subject *gemeenten* becomes *het kabinet* and the other way round, where the source
  does not name the new actor.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

from briefgen.readers.positions import load_positions
from briefgen.tracing.audit import money_figure_ids, open_sources, trace_claim
from briefgen.tracing.claims import iter_claims
from briefgen.tracing.fidelity import (
    CONDITION,
    INTENSIFIERS,
    INTENTION,
    MONEY,
    POSSIBILITY,
    SOURCE_INTENSIFIERS,
    UNIVERSALS,
    Evidence,
    actors,
    check_sentence,
    subject,
)
from briefgen.tracing.sentences import Sentence

MODAL = ("intention", "possibility", "condition")
HEDGES = re.compile(
    r"(?<![\w-])(?:kan|kunnen|zou|zouden|mogelijk|misschien|wellicht|waarschijnlijk|lijkt|relatief|wil|willen"
    r"|moet|moeten|nodig|verwacht|vreest|vrezen|dreigt|dreigen)(?![\w-])\s?",
    re.IGNORECASE,
)
INTENTIONS = (
    (re.compile(r"(?<![\w-])wil(?![\w-])"), "gaat"),
    (re.compile(r"(?<![\w-])willen(?![\w-])"), "gaan"),
    (re.compile(r"(?<![\w-])streeft naar(?![\w-])"), "zorgt voor"),
    (re.compile(r"(?<![\w-])streven naar(?![\w-])"), "zorgen voor"),
    (re.compile(r"(?<![\w-])is van plan(?![\w-])"), "gaat"),
)
AUXILIARY = re.compile(
    r"(?<![\w-])(?:is|zijn|wordt|worden|krijgt|krijgen|komt|komen|blijft|blijven|gaat|gaan)(?![\w-])"
)
SWAPS = (
    (re.compile(r"^(Ook |Maar |En )?(?:Gemeenten|gemeenten)(?![\w-])"), "het kabinet", "Rijk"),
    (re.compile(r"^(Ook |Maar |En )?(?:Het kabinet|het kabinet|Het Rijk|het Rijk)(?![\w-])"), "gemeenten", "gemeenten"),
)


def _sentence_text(evidence: tuple[Evidence, ...]) -> str:
    return " ".join(item.sentence for item in evidence).casefold()


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def mutations(text: str, evidence: tuple[Evidence, ...]) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(class, mutated sentence, classes that catch it) for every mutation that applies."""
    source = _sentence_text(evidence)
    lowered = text.casefold()
    marker = HEDGES.search(text)
    if marker and any(p.search(source) for p in (POSSIBILITY, INTENTION, CONDITION)):
        word = marker.group().strip().casefold()
        dropped = _capital(text[: marker.start()] + text[marker.end() :])
        if re.search(rf"(?<![\w-]){word}(?![\w-])", source) and not HEDGES.search(dropped):
            yield "hedge", dropped, MODAL
    if INTENTION.search(source):
        for pattern, fact in INTENTIONS:
            if pattern.search(lowered):
                yield "intention", pattern.sub(fact, text, count=1), MODAL
                break
    if not any(p.search(source) for p in (INTENSIFIERS, SOURCE_INTENSIFIERS, UNIVERSALS)):
        if re.search(r"(?<![\w-])gemeenten(?![\w-])", lowered) and "alle gemeenten" not in lowered:
            yield (
                "intensifier",
                _capital(re.sub(r"(?<![\w-])([Gg])emeenten", r"alle \1emeenten", text, count=1)),
                ("intensifier",),
            )
        elif (aux := AUXILIARY.search(text)) is not None:
            yield "intensifier", text[: aux.end()] + " zeker" + text[aux.end() :], ("intensifier",)
    if not MONEY.search(source) and text.endswith("."):
        yield "money", text[:-1] + " met extra geld.", ("money",)
    for pattern, actor, group in SWAPS:
        match = pattern.match(text)
        if match and subject(text) is not None and group not in actors(source):
            yield "actor", _capital((match.group(1) or "") + actor + text[match.end() :]), ("actor",)
            break


def run(source: Path, show: int, out: Callable[[str], object]) -> Counter[str]:
    positions = load_positions(Path("positions"))
    sources = open_sources([source], positions)
    money = money_figure_ids(positions)
    total: Counter[str] = Counter()
    caught: Counter[str] = Counter()
    misses: dict[str, list[str]] = {}
    for claim in iter_claims(positions):
        evidence = tuple(trace_claim(claim, sources, money).evidence)
        previous = ""
        for sentence, path in claim.sentences():
            request = path[-1] == "ask"
            before = {f.kind for f in check_sentence(sentence, evidence, money, request, previous)}
            for kind, text, catching in mutations(sentence.text, evidence):
                total[kind] += 1
                after = {f.kind for f in check_sentence(Sentence(text, 0, 1), evidence, money, request, previous)}
                if (after - before) & set(catching):
                    caught[kind] += 1
                else:
                    misses.setdefault(kind, []).append(f"{claim.file}:{claim.line}: {text}")
            previous = sentence.text
    for kind in ("hedge", "intention", "intensifier", "money", "actor"):
        out(f"{kind:12} {caught[kind]:4} / {total[kind]:4}")
        for miss in misses.get(kind, [])[:show]:
            out(f"    missed: {miss}")
    out(f"{'all':12} {sum(caught.values()):4} / {sum(total.values()):4}")
    return caught


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, required=True, help="the source text the positions rest on")
    parser.add_argument("--show", type=int, default=0, help="print this many misses per class")
    args = parser.parse_args()
    run(args.source, args.show, print)
    return 0


if __name__ == "__main__":
    sys.exit(main())
