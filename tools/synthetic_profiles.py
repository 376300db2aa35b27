"""Write a synthetic batch of fictional municipalities for ``briefgen build --profiles DIR``.

Each gets its own name, college and portfolio bundle (the 13 policy areas grouped into 4–7
portfolios) and sends one briefing on the whole agreement (no per-theme briefings); every third
gets a small overlay (approved by its college) with a local figure. All names and figures are made up (``.example``
addresses). Deterministic: the same count gives the same files.

    python tools/synthetic_profiles.py 342 /tmp/profielen
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

import yaml

AREAS = [
    "werk-inkomen",
    "zorg-welzijn",
    "jeugd-onderwijs",
    "wonen-ruimte",
    "mobiliteit",
    "energie-klimaat",
    "asiel-integratie",
    "veiligheid",
    "bestuur-dienstverlening",
    "financien",
    "economie",
    "europa-internationaal",
    "werkgeverszaken",
]
AREA_TITLES = {
    "werk-inkomen": "Werk en inkomen",
    "zorg-welzijn": "Zorg en welzijn",
    "jeugd-onderwijs": "Jeugd en onderwijs",
    "wonen-ruimte": "Wonen en ruimte",
    "mobiliteit": "Mobiliteit",
    "energie-klimaat": "Energie en klimaat",
    "asiel-integratie": "Asiel en integratie",
    "veiligheid": "Veiligheid",
    "bestuur-dienstverlening": "Bestuur en dienstverlening",
    "financien": "Financiën",
    "economie": "Economie",
    "europa-internationaal": "Europa en internationaal",
    "werkgeverszaken": "Werkgeverszaken",
}
STEMS = ["Eike", "Beuke", "Wilge", "Esse", "Elze", "Berke", "Ake", "Haze", "Vosse", "Ravens", "Zwane", "Kraai"]
ENDS = ["hoven", "dam", "veen", "dijk", "broek", "horst", "wolde", "recht", "loo", "meer", "zande", "berg"]
FIRST = ["Anouk", "Bram", "Charlotte", "Daan", "Eva", "Fatima", "Gijs", "Hanna", "Ibrahim", "Julia", "Kees", "Lotte"]
LAST = ["de Vries", "Jansen", "Bakker", "Visser", "Smit", "Meijer", "Mulder", "de Boer", "Bos", "Peters", "Hendriks"]


APPROVAL = {"status": "vastgesteld", "approved_by": "burgemeester", "approved_on": dt.date(2024, 6, 4)}
"""Every overlay file is approved by the college (a file without status is a concept)."""


def municipality(number: int) -> tuple[str, str]:
    """(id, name) of fictional municipality ``number``: ``lindehoven``, ``Lindehoven``; unique."""
    stem, end = STEMS[number % len(STEMS)], ENDS[(number // len(STEMS)) % len(ENDS)]
    suffix = "" if number < len(STEMS) * len(ENDS) else f" {number // (len(STEMS) * len(ENDS)) + 1}"
    name = f"{stem}{end}{suffix}"
    return name.lower().replace(" ", "-"), name


def person(rng: random.Random) -> str:
    """A fictional full name."""
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def profile(number: int) -> tuple[str, dict[str, object], dict[str, dict[str, object]]]:
    """(id, profile data, overlay files) of municipality ``number``."""
    rng = random.Random(number)
    slug, name = municipality(number)
    areas = AREAS[:]
    rng.shuffle(areas)
    count = rng.randint(4, 7)
    bundles = [areas[index::count] for index in range(count)]
    people = [
        {"id": "burgemeester", "name": person(rng), "role": "burgemeester"},
        {"id": "secretaris", "name": person(rng), "role": "gemeentesecretaris"},
        {"id": "strategie", "name": person(rng), "role": "beleidsadviseur Strategie"},
        {
            "id": "communicatie",
            "name": person(rng),
            "role": f"woordvoerder gemeente {name}",
            "email": f"pers@{slug}.example",
        },
    ]
    portfolios = []
    for index, bundle in enumerate(bundles, start=1):
        title = " en ".join(AREA_TITLES[area].split(" en ")[0] for area in bundle[:2])
        holder = "burgemeester" if "veiligheid" in bundle else f"wethouder-{index}"
        if holder != "burgemeester":
            people.append({"id": holder, "name": person(rng), "role": f"wethouder {title}"})
        portfolios.append({"id": f"portefeuille-{index}", "title": title, "holder": holder, "covers": bundle})
    data: dict[str, object] = {
        "organisation": {
            "name": f"Gemeente {name}",
            "short_name": name,
            "kind": "gemeente",
            "postal_address": [f"Postbus {100 + number}", f"9999 ZZ {name}"],
            "phone": "0123 456 789",
            "email": f"info@{slug}.example",
            "website": f"https://www.{slug}.example",
            "logo": "logo.svg",
            "logo_alt": f"Logo van de gemeente {name}",
        },
        "people": people,
        "portfolios": portfolios,
        "briefing": {
            "addressee": f"de leden van de gemeenteraad van {name}",
            "opening": "Met deze brief informeert het college u over het hoofdlijnenakkoord.",
            "handled_by": "Team Strategie",
            "handled_by_email": f"strategie@{slug}.example",
            "signed_by": f"het college van burgemeester en wethouders van {name}",
            "signatories": ["secretaris", "burgemeester"],
            "per_theme": False,
        },
        "memo": {"author": "strategie", "department": "Bestuurszaken"},
        "press": {"spokesperson": "burgemeester", "contact": "communicatie"},
        "letters": {
            "signatory": "burgemeester",
            "default": "kabinet",
            "addressees": [
                {
                    "id": "kabinet",
                    "kind": "kabinet",
                    "lines": ["Ministerie van Algemene Zaken", "Postbus 20001", "2500 EA Den Haag"],
                    "salutation": "Geachte leden van het kabinet,",
                }
            ],
        },
    }
    overlay: dict[str, dict[str, object]] = {}
    if number % 3 == 0:
        data["overlay"] = slug
        data["date"] = APPROVAL["approved_on"]  # its documents are dated on the day the college approved them
        overlay["_lokaal.yaml"] = {
            **APPROVAL,
            "sources": [
                {
                    "id": "begroting",
                    "title": f"Programmabegroting 2025 gemeente {name} (fictief voorbeeld)",
                    "url": f"https://www.{slug}.example/begroting-2025",
                }
            ],
        }
        overlay["10-financien-economie.yaml"] = {
            "theme": "financien-economie",
            **APPROVAL,
            "kernboodschap": f"{name} verwacht vanaf 2026 een tekort van {{fig:{slug}-tekort}} per jaar.",
            "topics": [
                {
                    "id": "gemeentefinancien",
                    "betekenis": [
                        {
                            "text": f"De begroting van {name} toont vanaf 2026 een tekort van {{fig:{slug}-tekort}}.",
                            "source": "begroting",
                        }
                    ],
                    "figures": [
                        {
                            "id": f"{slug}-tekort",
                            "label": f"Verwacht tekort van {name} vanaf 2026 (fictief)",
                            "kind": "money",
                            "value": round(rng.uniform(0.5, 9.5), 1),
                            "scale": "miljoen",
                            "period": "per jaar vanaf 2026",
                            "source": "begroting",
                            "derivation": "het saldo van de meerjarenraming (fictief voorbeeld)",
                        }
                    ],
                }
            ],
        }
    return slug, data, overlay


def write(count: int, folder: Path) -> None:
    """Write ``count`` profiles (and their overlays) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for number in range(count):
        slug, data, overlay = profile(number)
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=100)
        (folder / f"{slug}.yaml").write_text(text, encoding="utf-8")
        for name, content in overlay.items():
            (folder / slug).mkdir(exist_ok=True)
            (folder / slug / name).write_text(yaml.safe_dump(content, allow_unicode=True, sort_keys=False), "utf-8")


if __name__ == "__main__":
    if len(sys.argv) != 3 or not sys.argv[1].isdigit():
        sys.exit("usage: python tools/synthetic_profiles.py COUNT FOLDER")
    write(int(sys.argv[1]), Path(sys.argv[2]))
