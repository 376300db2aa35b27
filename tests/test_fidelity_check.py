"""``briefgen check --source … [--strict]``: sentence findings at their own line, strict semantics,
figures looked up in the source, several sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.cli import main

ROOT = Path(__file__).resolve().parents[1]
SHARED_SOURCE = ROOT.parent / "shared" / "source" / "vng-analyse-hoofdlijnenakkoord-2024.txt"
SHIPPED_SOURCE = ROOT / "sources" / "vng-analyse-hoofdlijnenakkoord-2024.txt"
SOURCE = SHARED_SOURCE if SHARED_SOURCE.is_file() else SHIPPED_SOURCE
THEME = "positions/04-landelijk-gebied.yaml"
FIELD = "topics[0].kernboodschap.text"

FIRST = (
    "Het akkoord wil het landelijk gebied een toekomst bieden.",
    "Dit akkoord schetst een ambitie om toekomstperspectief te bieden aan het landelijk gebied.",
)
LAST = (
    "De kennis van boeren, tuinders en vissers staat voorop.",
    "Vakkennis van boeren, tuinders en vissers worden centraal gesteld",
)

# class: (the faithful middle sentence, the same sentence with its marker stripped, its fragment)
MIDDLE = {
    "intention": (
        "Het kabinet wil bedrijven eigen doelen voor uitstoot geven.",
        "Bedrijven krijgen eigen doelen voor uitstoot.",
        "wordt geambieerd bedrijfsspecifieke emissiedoelen te formuleren",
    ),
    "possibility": (
        "Dat kan de procedures langer maken.",
        "Dat maakt de procedures langer.",
        "dit kan leiden tot langere procedures",
    ),
    "condition": (
        "Een nieuw stelsel is nodig om gezinnen beter te helpen.",
        "Een nieuw stelsel helpt gezinnen beter.",
        "Om gezinnen beter te helpen en de rechten van ouders en kinderen te versterken is een stelselwijziging",
    ),
    "intensifier": (
        "Innovatie krijgt meer ruimte.",
        "Innovatie krijgt volop ruimte.",
        "Innovatie wordt breder opgepakt en krijgt meer ruimte in beleidsontwikkeling",
    ),
    "money": (
        "Innovatie krijgt meer ruimte.",
        "Innovatie krijgt meer ruimte en meer geld.",
        "Innovatie wordt breder opgepakt en krijgt meer ruimte in beleidsontwikkeling",
    ),
    "actor": (
        "Het kabinet wil de zero-emissiezones uitstellen.",
        "Gemeenten willen de zero-emissiezones uitstellen.",
        "Het kabinet wil zero emissiezones uitstellen.",
    ),
}


def _check(runner, project: Path, *extra: str, source: Path | None = SOURCE):
    args = ["check", "--gate", "provenance", "--json", "--positions", str(project / "positions")]
    args += ["--profile", str(project / "briefgen.yaml")]
    if source is not None:
        args += ["--source", str(source)]
    return runner.invoke(main, [*args, *extra])


def _paragraph(project: Path, middle: str, fragment: str) -> int:
    """Make the first topic's kernboodschap three sentences, one a line; return the middle one's line."""
    theme = project / THEME
    text = theme.read_text(encoding="utf-8")
    start = text.index("    kernboodschap:\n")
    end = text.index("    akkoord:\n")
    block = (
        "    kernboodschap:\n      text: >-\n"
        f"        {FIRST[0]}\n        {middle}\n        {LAST[0]}\n"
        f"      basis:\n        - {FIRST[1]}\n        - {fragment}\n        - {LAST[1]}\n"
    )
    theme.write_text(text[:start] + block + text[end:], encoding="utf-8")
    return text[:start].count("\n") + 4


def _mine(result) -> list[dict]:
    problems = json.loads(result.stdout)["problems"]
    return [p for p in problems if p["field"] == FIELD and p["file"].endswith("04-landelijk-gebied.yaml")]


@pytest.mark.parametrize("kind", list(MIDDLE))
def test_a_marker_stripped_from_one_sentence_is_caught_at_that_sentence(runner, project: Path, kind: str) -> None:
    faithful, stripped, fragment = MIDDLE[kind]
    _paragraph(project, faithful, fragment)
    kept = _check(runner, project)
    assert not [p for p in _mine(kept) if p["message"].endswith("]")], kept.stdout
    line = _paragraph(project, stripped, fragment)
    result = _check(runner, project)
    found = [p for p in _mine(result) if p["message"].endswith(f"[{kind}]")]
    assert found, result.stdout
    assert found[0]["file"].endswith("04-landelijk-gebied.yaml")
    assert (found[0]["line"], found[0]["column"]) == (line, 9)
    assert "sentence 2" in found[0]["message"] and found[0]["severity"] == "warning"
    strict = _check(runner, project, "--strict")
    assert strict.exit_code == 1
    assert any(p["severity"] == "error" and p["message"].endswith(f"[{kind}]") for p in _mine(strict))


def test_an_invented_sentence_without_an_amount_is_caught(runner, project: Path) -> None:
    line = _paragraph(
        project, "Het kabinet trekt hiervoor extra geld uit.", "Innovatie wordt breder opgepakt en krijgt meer ruimte"
    )
    problems = _mine(_check(runner, project))
    assert any(p["line"] == line and p["message"].endswith("[money]") for p in problems)


def test_hedge_accepts_one_sentence_by_number(runner, project: Path) -> None:
    _, stripped, fragment = MIDDLE["intention"]
    _paragraph(project, stripped, fragment)
    theme = project / THEME
    text = theme.read_text(encoding="utf-8")
    theme.write_text(
        text.replace(
            "      basis:\n        - Dit akkoord",
            "      hedge:\n        2: Een bewuste keuze.\n      basis:\n        - Dit akkoord",
            1,
        ),
        encoding="utf-8",
    )
    assert not [p for p in _mine(_check(runner, project)) if p["message"].endswith("[intention]")]
    # a plain reason on a paragraph of three sentences accepts nothing, and says so
    theme.write_text(
        text.replace(
            "      basis:\n        - Dit akkoord",
            "      hedge: Een bewuste keuze.\n      basis:\n        - Dit akkoord",
            1,
        )
    )
    messages = [p["message"] for p in json.loads(_check(runner, project).stdout)["problems"]]
    assert any(m.endswith("[intention]") for m in messages)
    assert any("name the sentence" in m for m in messages)


def test_wrong_topic_fragment_is_an_error_with_strict(runner, project: Path) -> None:
    theme = project / THEME
    text = theme.read_text(encoding="utf-8")
    anchor = "het herijken van N2000-gebieden focust op onderhandelen in Brussel."
    theme.write_text(text.replace(anchor, "Het instellen van zero emissiezones is een gemeentelijke bevoegdheid", 1))
    line = text[: text.index(anchor)].count("\n") + 1
    loose = [p for p in json.loads(_check(runner, project).stdout)["problems"] if "not in topic" in p["message"]]
    assert loose and loose[0]["severity"] == "warning"
    strict = _check(runner, project, "--strict")
    assert strict.exit_code == 1
    [problem] = [p for p in json.loads(strict.stdout)["problems"] if "not in topic" in p["message"]]
    assert problem["severity"] == "error" and problem["line"] in (line - 1, line)


def test_untraced_warning_becomes_an_error_with_strict(runner, project: Path) -> None:
    theme = project / THEME
    text = theme.read_text(encoding="utf-8")
    theme.write_text(
        text.replace("het herijken van N2000-gebieden focust op", "het herijken van N2000-gebieden is zeker", 1)
    )
    profile = project / "briefgen.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("gates:\n", "gates:\n  untraced: warning\n", 1))
    loose = [p for p in json.loads(_check(runner, project).stdout)["problems"] if "not found" in p["message"]]
    assert loose and loose[0]["severity"] == "warning"
    strict = _check(runner, project, "--strict")
    assert strict.exit_code == 1
    [problem] = [p for p in json.loads(strict.stdout)["problems"] if "not found" in p["message"]]
    assert (
        problem["severity"] == "error" and problem["file"].endswith("04-landelijk-gebied.yaml") and problem["line"] > 1
    )


def _without_profile_source(project: Path) -> None:
    profile = project / "briefgen.yaml"
    lines = profile.read_text(encoding="utf-8").splitlines(keepends=True)
    profile.write_text("".join(line for line in lines if not line.startswith("source:")), encoding="utf-8")


def test_no_source_is_reported_and_fails_with_strict(runner, project: Path) -> None:
    _without_profile_source(project)
    loose = _check(runner, project, source=None)
    [problem] = [p for p in json.loads(loose.stdout)["problems"] if "no source given" in p["message"]]
    assert problem["severity"] == "warning" and problem["message"].startswith("0 of ")
    assert problem["file"].endswith("briefgen.yaml")
    strict = _check(runner, project, "--strict", source=None)
    assert strict.exit_code == 1
    assert any(
        p["severity"] == "error" and "no source given" in p["message"] for p in json.loads(strict.stdout)["problems"]
    )


def test_a_figure_from_the_analysis_must_be_in_the_analysis(runner, project: Path) -> None:
    theme = project / "positions/10-financien-economie.yaml"
    text = theme.read_text(encoding="utf-8")
    old = "        kind: percent\n        value: 10\n"
    assert old in text
    theme.write_text(text.replace(old, "        kind: percent\n        value: 13\n", 1), encoding="utf-8")
    line = text[: text.index(old)].count("\n") + 2
    result = _check(runner, project)
    assert result.exit_code == 1
    [problem] = [p for p in json.loads(result.stdout)["problems"] if "any Dutch spelling" in p["message"]]
    assert problem["line"] == line and problem["field"].endswith(".value") and "13 %" in problem["message"]


def test_source_is_repeatable(runner, project: Path, tmp_path: Path) -> None:
    theme = project / THEME
    text = theme.read_text(encoding="utf-8")
    local = "De gemeente Lindehoven telt elf boerenbedrijven in het buitengebied."
    theme.write_text(text.replace("het herijken van N2000-gebieden focust op onderhandelen in Brussel.", local, 1))
    extra = tmp_path / "lokaal.txt"
    extra.write_text(f"Notitie\n\n{local}\n", encoding="utf-8")
    one = [p for p in json.loads(_check(runner, project).stdout)["problems"] if "not found" in p["message"]]
    assert one
    both = _check(runner, project, "--source", str(extra))
    assert not [
        p for p in json.loads(both.stdout)["problems"] if "not found" in p["message"] or "not in topic" in p["message"]
    ]
    assert json.loads(both.stdout)["gates"]["provenance"]["counts"]["untraced"] == 0


def test_an_overlay_names_the_text_of_a_local_source_and_its_claims_are_traced(runner, project: Path) -> None:
    folder = project / "examples/lindehoven"
    (folder / "woonvisie.txt").write_text(
        "Woonvisie Lindehoven\n\nDe gemeente wil tot 2030 nieuwe woningen bouwen, waarvan een groot deel betaalbaar.\n"
        "Zonder bijdrage van het rijk is dat lastig.\n",
        encoding="utf-8",
    )
    general = folder / "_lokaal.yaml"
    text = general.read_text(encoding="utf-8")
    anchor = "    url: https://www.lindehoven.example/woonvisie\n"
    general.write_text(text.replace(anchor, anchor + "    file: woonvisie.txt\n", 1), encoding="utf-8")
    theme = folder / "03-wonen-mobiliteit.yaml"
    local = theme.read_text(encoding="utf-8")
    source_line = "        source: lindehoven-woonvisie\n"
    basis = "        basis:\n          - Zonder bijdrage van het rijk is dat lastig.\n"
    theme.write_text(local.replace(source_line, source_line + basis, 1), encoding="utf-8")
    args = ["check", "--gate", "provenance", "--json", "--positions", str(project / "positions")]
    args += ["--profile", str(project / "examples/lindehoven.yaml"), "--source", str(SOURCE)]
    result = runner.invoke(main, args)
    problems = [
        p for p in json.loads(result.stdout)["problems"] if p["file"].endswith("lindehoven/03-wonen-mobiliteit.yaml")
    ]
    # traced: the fragment is found in the local text, the sentence that rests on it passes; the
    # two sentences about the plan rest on no fragment
    assert not [p for p in problems if "not found" in p["message"]]
    rests = [p["message"] for p in problems if p["message"].endswith("[rests]")]
    assert sorted(m.split(" ‘")[0] for m in rests) == ["local betekenis: sentence 1", "local betekenis: sentence 2"]
    # a fragment that is not in the local text is untraced, at its own line
    theme.write_text(local.replace(source_line, source_line + basis.replace("lastig", "onmogelijk"), 1))
    result = runner.invoke(main, args)
    assert result.exit_code == 1
    [problem] = [p for p in json.loads(result.stdout)["problems"] if "not found" in p["message"]]
    assert problem["file"].endswith("lindehoven/03-wonen-mobiliteit.yaml") and "woonvisie.txt" in problem["message"]
