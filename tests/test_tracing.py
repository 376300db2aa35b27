"""Every claim traces to the source: fragments found, in the right section, located problems."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefgen.cli import main
from briefgen.readers.positions import load_positions
from briefgen.tracing.audit import open_source, trace
from briefgen.tracing.source import flatten, fragment_pattern

ROOT = Path(__file__).resolve().parents[1]

SHARED_SOURCE = ROOT.parent / "shared" / "source" / "vng-analyse-hoofdlijnenakkoord-2024.txt"
SHIPPED_SOURCE = ROOT / "sources" / "vng-analyse-hoofdlijnenakkoord-2024.txt"


def _source() -> Path:
    return SHARED_SOURCE if SHARED_SOURCE.is_file() else SHIPPED_SOURCE


def _check(runner, project: Path, *extra: str):
    return runner.invoke(
        main,
        [
            "check",
            "--gate",
            "provenance",
            "--json",
            "--positions",
            str(project / "positions"),
            "--profile",
            str(project / "briefgen.yaml"),
            "--source",
            str(_source()),
            *extra,
        ],
    )


def _replace(path: Path, old: str, new: str) -> int:
    text = path.read_text(encoding="utf-8")
    index = text.index(old)
    path.write_text(text[:index] + new + text[index + len(old) :], encoding="utf-8")
    return text[:index].count("\n") + 1


def test_shipped_source_is_the_shared_source() -> None:
    if not SHARED_SOURCE.is_file():
        pytest.skip("the shared source folder is not beside the project")
    assert SHIPPED_SOURCE.read_bytes() == SHARED_SOURCE.read_bytes()


def test_shipped_positions_trace_every_claim(runner, project: Path) -> None:
    result = _check(runner, project)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    counts = report["gates"]["provenance"]["counts"]
    assert counts["claims"] > 500
    assert counts["traced"] == counts["claims"] and counts["untraced"] == 0
    assert not [p for p in report["problems"] if p["gate"] == "provenance" and p["severity"] == "error"]


def test_shipped_positions_pass_the_strict_check(runner, project: Path) -> None:
    result = _check(runner, project, "--strict")
    report = json.loads(result.stdout)
    # with --strict: no sentence that says more than its basis, no relative time word, no fragment of
    # another topic
    assert not [p for p in report["problems"] if p["gate"] == "provenance"]
    assert result.exit_code == 0, result.output


def test_every_claim_of_the_shipped_positions_has_a_basis() -> None:
    positions = load_positions(ROOT / "positions")
    items = trace(positions, open_source(_source(), positions))
    assert items and all(item.claim.basis for item in items)
    roles = {item.claim.role for item in items}
    assert {"akkoord", "betekenis", "ask", "risk", "talking point", "kernboodschap", "summary"} <= roles
    assert {"reaction lead", "reaction closing"} <= roles


def test_changed_fragment_fails_with_file_and_line(runner, project: Path) -> None:
    theme = project / "positions/08-nationale-veiligheid.yaml"
    line = _replace(
        theme,
        "Er wordt vaker een (digitale) meldplicht",
        "Er moeten zich vaker mensen melden met een (digitale) meldplicht",
    )
    result = _check(runner, project)
    assert result.exit_code == 1
    problems = json.loads(result.stdout)["problems"]
    [problem] = [p for p in problems if "not found" in p["message"]]
    # a folded fragment (``- >-``) is located at the line that opens it
    assert problem["file"].endswith("08-nationale-veiligheid.yaml") and problem["line"] in (line - 1, line)
    assert problem["severity"] == "error" and ".basis[" in problem["field"]


def test_claim_without_basis_fails_with_file_and_line(runner, project: Path) -> None:
    theme = project / "positions/04-landelijk-gebied.yaml"
    text = theme.read_text(encoding="utf-8")
    start = text.index("    kernboodschap:\n")
    end = text.index("    akkoord:\n")
    theme.write_text(text[:start] + "    kernboodschap: Het landelijk gebied krijgt een toekomst.\n" + text[end:])
    line = text[:start].count("\n") + 1
    result = _check(runner, project)
    assert result.exit_code == 1
    report = json.loads(result.stdout)
    [problem] = [p for p in report["problems"] if "no basis" in p["message"]]
    assert problem["line"] == line and problem["field"] == "topics[0].kernboodschap"
    assert report["gates"]["provenance"]["counts"]["untraced"] == 1


def test_untraced_can_be_lowered_to_a_warning_for_drafts(runner, project: Path) -> None:
    theme = project / "positions/04-landelijk-gebied.yaml"
    _replace(theme, "het herijken van N2000-gebieden focust op", "het herijken van N2000-gebieden is zeker")
    profile = project / "briefgen.yaml"
    profile.write_text(profile.read_text(encoding="utf-8").replace("gates:\n", "gates:\n  untraced: warning\n", 1))
    result = _check(runner, project)
    assert result.exit_code == 0, result.output
    problems = json.loads(result.stdout)["problems"]
    assert any(p["severity"] == "warning" and "not found" in p["message"] for p in problems)


def test_fragment_of_another_topic_is_reported(runner, project: Path) -> None:
    theme = project / "positions/04-landelijk-gebied.yaml"
    text = theme.read_text(encoding="utf-8")
    anchor = "het herijken van N2000-gebieden focust op onderhandelen in Brussel."
    line = _replace(theme, anchor, "Het instellen van zero emissiezones is een gemeentelijke bevoegdheid")
    assert anchor in text
    result = _check(runner, project)
    problems = json.loads(result.stdout)["problems"]
    [problem] = [p for p in problems if "not in topic 'landelijk-gebied'" in p["message"]]
    assert "topic 'mobiliteit'" in problem["message"] and problem["line"] in (line - 1, line)


def test_source_as_pdf_is_read(runner, project: Path, tmp_path: Path) -> None:
    """The same check passes on a PDF of the source (made here with WeasyPrint)."""
    import html

    from weasyprint import HTML

    body = "".join(f"<p>{html.escape(line)}</p>" for line in _source().read_text(encoding="utf-8").splitlines())
    pdf = tmp_path / "bron.pdf"
    HTML(string=f"<html><body style='font-size:8pt'>{body}</body></html>").write_pdf(pdf)
    result = _check(runner, project, "--source", str(pdf))
    report = json.loads(result.stdout)
    counts = report["gates"]["provenance"]["counts"]
    assert counts["traced"] == counts["claims"], [p["message"] for p in report["problems"]][:3]


@pytest.mark.parametrize(
    ("source", "fragment", "found"),
    [
        ("de gemeen-\nten zijn", "de gemeenten zijn", True),  # hyphenated at a line end
        ("het CAO-\nprogramma", "het CAO-programma", True),  # a real hyphen at a line end
        ("groep \u2018werkende armen\u2019 benoemd", "groep 'werkende armen' benoemd", True),
        ("de ge\u00admeenten  zijn\n\n klaar", "de gemeenten zijn klaar", True),
        ("de gemeenten zijn klaar", "De gemeenten zijn klaar", False),  # case is not forgiven
        ("de gemeenten zijn klaar", "de gemeente zijn klaar", False),
        ("de gemeenten zijn klaar", "gemeenten zijn", True),
        ("de gemeentenzijn klaar", "gemeenten zijn", False),
    ],
)
def test_fragment_matching_tolerates_only_layout(source: str, fragment: str, found: bool) -> None:
    flat, _ = flatten(source)
    pattern = fragment_pattern(fragment)
    assert pattern is not None
    assert bool(pattern.search(flat)) is found


def test_trace_review_prints_claims_beside_basis_and_writes_html(runner, project: Path, tmp_path: Path) -> None:
    page = tmp_path / "review.html"
    result = runner.invoke(
        main,
        [
            "trace",
            "--theme",
            "asiel-migratie",
            "--positions",
            str(project / "positions"),
            "--profile",
            str(project / "briefgen.yaml"),
            "--html",
            str(page),
        ],
    )
    assert result.exit_code == 0, result.output
    assert "claim : " in result.stdout and "basis : ‘" in result.stdout
    assert "02-asiel-migratie.yaml:" in result.stdout and "08-nationale" not in result.stdout
    text = page.read_text(encoding="utf-8")
    assert '<html lang="nl">' in text and "<th scope=col>Basis in de bron</th>" in text
    assert "geen enkel perspectief" in text


def test_trace_unknown_theme_is_a_usage_error(runner, project: Path) -> None:
    result = runner.invoke(
        main,
        [
            "trace",
            "--theme",
            "nope",
            "--positions",
            str(project / "positions"),
            "--profile",
            str(project / "briefgen.yaml"),
        ],
    )
    assert result.exit_code == 2 and "unknown theme 'nope'" in result.output


class TestTheFixedDistortionsStayFixed:
    """The five problems of the review (and two more) stay fixed."""

    positions = load_positions(ROOT / "positions")

    def _topic(self, theme_id: str):
        return self.positions.theme(theme_id).topics[0]

    def test_stadium_ban_reporting_duty_is_imposed(self) -> None:
        text = " ".join(c.text for c in self._topic("nationale-veiligheid").akkoord)
        assert "moet zich vaker melden" not in text and "meldplicht opgelegd" in text

    def test_perspective_is_for_municipalities(self) -> None:
        topic = self._topic("asiel-migratie")
        assert "gemeenten krijgen in die tijd geen enkel perspectief" in topic.betekenis[0].text
        asks = [ask.ask for ask in topic.asks]
        assert "Geef asielzoekers en statushouders die nu al in gemeenten wonen perspectief." not in asks
        assert any(ask.startswith("Bied gemeenten perspectief") for ask in asks)

    def test_spreidingswet_reaction_keeps_its_tone(self) -> None:
        section = next(s for s in self.positions.general.reaction.sections if s.heading == "Spreidingswet")
        assert "onacceptabel" in section.text and "maar het moet wel uitvoerbaar zijn" in section.text
        assert "vóór waren" in section.text and "gemeenten en hun inwoners" in section.text

    def test_closing_invents_no_condition(self) -> None:
        closing = self.positions.general.reaction.closing.text
        assert "maar dan" not in closing and "staan klaar" in closing

    def test_n2000_recalibration_is_a_negotiation(self) -> None:
        text = " ".join(c.text for c in self._topic("landelijk-gebied").akkoord)
        assert "N2000-gebieden worden herijkt" not in text and "onderhandelen over het herijken" in text

    def test_fireworks_claim_no_effect_beyond_the_source(self) -> None:
        points = " ".join(c.text for c in self._topic("nationale-veiligheid").talking_points)
        assert "helpt tegen aanslagen" not in points and "kan de handhaving beter" in points

    def test_sober_reception_is_not_filled_in(self) -> None:
        text = self._topic("asiel-migratie").akkoord[0].text
        assert "per groep" not in text and "legt het akkoord niet uit" in text


def test_lost_hedge_is_a_warning_and_fails_with_strict(runner, project: Path) -> None:
    theme = project / "positions/01-bestaanszekerheid.yaml"
    line = _replace(
        theme,
        "Bijna gratis opvang dreigt het voor ouders met een laag inkomen juist moeilijker te maken om",
        "Bijna gratis opvang maakt het voor ouders met een laag inkomen juist moeilijker om",
    )
    result = _check(runner, project)
    assert result.exit_code == 0, result.output
    lost = [p for p in json.loads(result.stdout)["problems"] if p["message"].endswith("[possibility]")]
    mine = [p for p in lost if p["field"] == "topics[1].kernboodschap.text"]
    assert mine and mine[0]["severity"] == "warning" and mine[0]["line"] == line
    assert "dreigen" in mine[0]["message"]
    strict = _check(runner, project, "--strict")
    assert strict.exit_code == 1
    assert any(
        p["severity"] == "error" and p["message"].endswith("[possibility]")
        for p in json.loads(strict.stdout)["problems"]
    )
