"""Publication on the web under the Woo: value lists (TOOI) and what each document kind is.

The value lists come from the DiWoo 0.9.8 lists schema (``diwoo_lists.json``, extracted by
``tools/extract_diwoo_lists.py``), so profile values are checked without a network.
"""

from __future__ import annotations

import json
import re
from functools import cache
from importlib import resources

TOOI = "https://identifier.overheid.nl/tooi"
KERN = f"{TOOI}/def/thes/kern/"
ORGANISATION_LISTS = {"gm": "gemeente", "pv": "provincie", "ws": "waterschap"}
TOOI_CODE = re.compile(r"^(gm\d{4}|pv\d{2}|ws\d{4})$")
"""Form of an organisation's TOOI code: ``gm0363`` (gemeente), ``pv27`` (provincie), ``ws0155`` (waterschap)."""

DEFAULT_CATEGORIES = {
    "briefing": "c_db4862c3",  # vergaderstukken decentrale overheden
    "memo": "c_99a836c7",  # adviezen
    "letter": "c_8c840238",  # bij vertegenwoordigende organen ingekomen stukken
    "press": "c_816e508d",  # inspanningsverplichting art 3.1 Woo (actively published)
    "changes": "c_db4862c3",  # vergaderstukken decentrale overheden (as the briefing it accompanies)
}
"""Woo information category per document kind (override under ``publication.categories``)."""

DEFAULT_DOCUMENT_KINDS = {
    "briefing": "c_7652d853",  # brief
    "memo": "c_7051a61f",  # adviesdocument
    "letter": "c_7652d853",  # brief
    "press": "c_7eba29ad",  # persbericht
    "changes": "c_7652d853",  # brief
}
"""DiWoo document kind per document kind (override under ``publication.document_kinds``)."""

HANDLING = "c_641ecd76"  # vaststelling
LANGUAGE_URI = "http://publications.europa.eu/resource/authority/language/NLD"
FILE_TYPES = {
    "html": "http://publications.europa.eu/resource/authority/file-type/HTML",
    "pdf": "http://publications.europa.eu/resource/authority/file-type/PDF",
    "docx": "http://publications.europa.eu/resource/authority/file-type/DOCX",
}


@cache
def value_lists() -> dict[str, dict[str, str]]:
    """Every value list briefgen uses: list name → URI → label."""
    text = resources.files("briefgen.publish").joinpath("diwoo_lists.json").read_text(encoding="utf-8")
    data: dict[str, dict[str, str]] = json.loads(text)
    return data


def term_uri(code: str) -> str:
    """``c_7652d853`` or a full URI → the full URI."""
    return code if code.startswith("https://") else KERN + code


def label(list_name: str, code: str) -> str | None:
    """The label of ``code`` in list ``list_name`` (None when the value is not in the list)."""
    return value_lists()[list_name].get(term_uri(code))


def organisation_uri(code: str) -> str:
    """``gm0363`` → ``https://identifier.overheid.nl/tooi/id/gemeente/gm0363``."""
    return f"{TOOI}/id/{ORGANISATION_LISTS[code[:2]]}/{code}"


def organisation_label(code: str) -> str | None:
    """The official name of the organisation with TOOI ``code`` (None when unknown)."""
    return value_lists()[ORGANISATION_LISTS[code[:2]]].get(organisation_uri(code))
