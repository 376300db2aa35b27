"""Extract the DiWoo value lists briefgen needs from ``diwoo-metadata-lijsten.xsd``.

    python tools/extract_diwoo_lists.py PATH/diwoo-metadata-lijsten.xsd

Writes ``src/briefgen/publish/diwoo_lists.json``: per list, URI → label. The build checks
profile values against it (no network, no XSD at run time); the tests validate the XML that
the build writes against the full schema.
"""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

XS = "{http://www.w3.org/2001/XMLSchema}"
LISTS = {
    "informatiecategorielijst": "informatiecategorie",
    "documentsoortlijst": "documentsoort",
    "soorthandelinglijst": "soorthandeling",
    "taallijst": "taal",
    "formatlijst": "format",
    "gemeentelijst": "gemeente",
    "provincielijst": "provincie",
    "waterschapslijst": "waterschap",
}
OUT = Path(__file__).resolve().parents[1] / "src" / "briefgen" / "publish" / "diwoo_lists.json"


def main() -> int:
    tree = ET.parse(sys.argv[1])
    result: dict[str, dict[str, str]] = {}
    for simple in tree.getroot().iter(f"{XS}simpleType"):
        name = LISTS.get(simple.get("name", ""))
        if name is None:
            continue
        values = {}
        for enum in simple.iter(f"{XS}enumeration"):
            labels = [p.text or "" for p in enum.iter() if p.tag.endswith("}p")]
            values[enum.get("value", "")] = " ".join(labels[0].split()) if labels else ""
        result[name] = dict(sorted(values.items()))
    OUT.write_text(json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print({name: len(values) for name, values in result.items()})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
