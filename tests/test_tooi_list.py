"""The organisation codes a profile may carry (``tooi``) are exactly the DiWoo lists schema's."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from briefgen import publish

LISTS = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "diwoo" / "diwoo-metadata-lijsten.xsd"


@pytest.mark.skipif(not LISTS.is_file(), reason="the DiWoo lists schema is not beside the project (../shared)")
@pytest.mark.parametrize("kind", ["gemeente", "provincie", "waterschap"])
def test_bundled_organisation_list_matches_the_schema(kind: str) -> None:
    text = LISTS.read_text(encoding="utf-8")
    in_schema = set(re.findall(rf'value="https://identifier\.overheid\.nl/tooi/id/{kind}/(\w+)"', text))
    bundled = {uri.rsplit("/", 1)[1] for uri in publish.value_lists()[kind]}
    assert in_schema and bundled == in_schema
    for code in sorted(in_schema)[:50]:
        assert publish.TOOI_CODE.fullmatch(code), code
        assert publish.organisation_label(code) is not None
