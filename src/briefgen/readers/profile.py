"""Read a profile and check its references, on their own and against the positions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from briefgen.problems import Problem, ProblemsError
from briefgen.readers.positions import Positions
from briefgen.readers.validate import validate
from briefgen.readers.yamlfile import Located, read_yaml
from briefgen.schema.profile import Person, Profile

DEFAULT_PROFILE = Path("briefgen.yaml")


@dataclass
class LoadedProfile:
    """A validated profile with the located YAML it came from."""

    profile: Profile
    located: Located
    path: Path

    def person(self, person_id: str) -> Person:
        """The person with ``person_id``."""
        return next(person for person in self.profile.people if person.id == person_id)


def load_profile(path: Path) -> LoadedProfile:
    """Read and check a profile; raise :class:`ProblemsError` with every problem."""
    located = read_yaml(path)
    if isinstance(located, Problem):
        raise ProblemsError([located])
    profile, problems = validate(Profile, located)
    if profile is None:
        raise ProblemsError(problems)
    problems = list(_references(profile, located))
    if problems:
        raise ProblemsError(problems)
    return LoadedProfile(profile, located, path)


def _references(profile: Profile, located: Located) -> Iterator[Problem]:
    people: set[str] = set()
    for index, person in enumerate(profile.people):
        if person.id in people:
            yield located.problem(("people", index, "id"), f"person id {person.id!r} is used twice")
        people.add(person.id)

    def person_ref(path: tuple[str | int, ...], person_id: str) -> Iterator[Problem]:
        if person_id not in people:
            yield located.problem(path, f"unknown person {person_id!r}; known: {', '.join(sorted(people))}")

    portfolio_ids: set[str] = set()
    for index, portfolio in enumerate(profile.portfolios):
        if portfolio.id in portfolio_ids:
            yield located.problem(("portfolios", index, "id"), f"portfolio id {portfolio.id!r} is used twice")
        portfolio_ids.add(portfolio.id)
        yield from person_ref(("portfolios", index, "holder"), portfolio.holder)
    if not profile.briefing.overall and not profile.briefing.per_theme:
        message = "overall and per_theme are both false: no briefing would be built"
        yield located.problem(("briefing", "overall"), message)
    for index, signatory in enumerate(profile.briefing.signatories):
        yield from person_ref(("briefing", "signatories", index), signatory)
    yield from person_ref(("press", "spokesperson"), profile.press.spokesperson)
    yield from person_ref(("press", "contact"), profile.press.contact)
    yield from person_ref(("letters", "signatory"), profile.letters.signatory)
    yield from person_ref(("memo", "author"), profile.memo.author)
    if profile.letters.contact is not None:
        yield from person_ref(("letters", "contact"), profile.letters.contact)
    addressees: set[str] = set()
    for index, addressee in enumerate(profile.letters.addressees):
        if addressee.id in addressees:
            yield located.problem(
                ("letters", "addressees", index, "id"), f"addressee id {addressee.id!r} is used twice"
            )
        addressees.add(addressee.id)
    known = ", ".join(sorted(addressees))
    if profile.letters.default not in addressees:
        yield located.problem(("letters", "default"), f"unknown addressee {profile.letters.default!r}; known: {known}")
    for theme_id, addressee_id in profile.letters.themes.items():
        if addressee_id not in addressees:
            yield located.problem(
                ("letters", "themes", theme_id), f"unknown addressee {addressee_id!r}; known: {known}"
            )


def check_against_positions(loaded: LoadedProfile, positions: Positions) -> None:
    """Check that the profile and the positions fit together; raise :class:`ProblemsError` if not."""
    problems = list(_fit(loaded, positions))
    if problems:
        raise ProblemsError(problems)


def _fit(loaded: LoadedProfile, positions: Positions) -> Iterator[Problem]:
    profile, located = loaded.profile, loaded.located
    theme_ids = {theme.id for theme in positions.themes}
    known_themes = ", ".join(sorted(theme_ids))
    covered = {area for portfolio in profile.portfolios for area in portfolio.areas()}
    for index, portfolio in enumerate(profile.portfolios):
        for t_index, theme_id in enumerate(portfolio.themes):
            if theme_id not in theme_ids:
                yield located.problem(
                    ("portfolios", index, "themes", t_index), f"unknown theme {theme_id!r}; known: {known_themes}"
                )
    for theme_id in profile.letters.themes:
        if theme_id not in theme_ids:
            yield located.problem(
                ("letters", "themes", theme_id), f"unknown theme {theme_id!r}; known: {known_themes}", key=True
            )
    for theme in positions.themes:
        theme_file = positions.files[theme.id]
        for t_index, topic in enumerate(theme.topics):
            for p_index, area in enumerate(topic.portfolios):
                if area not in covered:
                    yield theme_file.problem(
                        ("topics", t_index, "portfolios", p_index),
                        f"no portfolio of profile {loaded.path.name} covers {area!r}",
                    )
            for field_name in ("asks", "risks", "talking_points"):
                for i_index, item in enumerate(getattr(topic, field_name)):
                    for p_index, area in enumerate(item.portfolios):
                        if area not in covered:
                            yield theme_file.problem(
                                ("topics", t_index, field_name, i_index, "portfolios", p_index),
                                f"no portfolio of profile {loaded.path.name} covers {area!r}",
                            )
