"""Generate templates/house/reference.docx, the house style of the DOCX output.

    python tools/make_reference_docx.py            # write the file
    python tools/make_reference_docx.py --check    # exit 1 if the committed file is out of date

The output is byte-reproducible: the same code, style and logo always give the same file. The
colours, fonts, sizes and page come from templates/house/style.yaml (the one house style); the
Word styles built from them are in src/briefgen/writers/docx/house_xml.py. Never edit the .docx
by hand.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from briefgen.writers.docx.build_reference import build_reference

HOUSE_DIR = Path(__file__).resolve().parents[1] / "templates" / "house"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--logo", type=Path, default=HOUSE_DIR / "logo.png", help="PNG or JPEG for the header")
    parser.add_argument("--out", type=Path, default=HOUSE_DIR / "reference.docx")
    parser.add_argument("--check", action="store_true", help="compare with --out instead of writing it")
    args = parser.parse_args(argv)
    if not args.logo.is_file():
        parser.error(f"logo not found: {args.logo}")
    data = build_reference(args.logo)
    if args.check:
        current = args.out.read_bytes() if args.out.is_file() else b""
        if current != data:
            print(f"{args.out} is out of date; run tools/make_reference_docx.py", file=sys.stderr)
            return 1
        print(f"{args.out} is up to date")
        return 0
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_bytes(data)
    print(f"wrote {args.out} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
