"""Reduce the house fonts once to the glyphs Dutch documents need.

WeasyPrint subsets every embedded font per document; a font that already holds only the
needed glyphs (and no hinting) makes that step cheap and the repository small.

Source: Noto Sans 2.004 (SIL Open Font License 1.1) from the Debian package
``fonts-noto-core`` (20201225-1). Get it without installing it system-wide::

    cd /tmp && apt-get download fonts-noto-core && dpkg-deb -x fonts-noto-core_*.deb noto
    python tools/reduce_fonts.py /tmp/noto/usr/share/fonts/truetype/noto

The reduced files are written to ``templates/house/fonts/``. Running it again on the same
source gives byte-identical files.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

FACES = ("Regular", "Bold", "Italic", "BoldItalic")
FAMILY = "NotoSans"

# Latin with Dutch (and neighbouring European) diacritics, typographic punctuation,
# currency and a few symbols used in policy texts.
UNICODE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement (é ë ï ó ö ü ½ § ° ² × …)
    (0x0100, 0x017F),  # Latin Extended-A (names: ł ş ğ č ő …)
    (0x0192, 0x0192),  # ƒ (florijn)
    (0x0218, 0x021B),  # Ș ș Ț ț
    (0x02BC, 0x02BC),  # modifier apostrophe
    (0x02C6, 0x02C7),  # ˆ ˇ
    (0x02D8, 0x02DD),  # ˘ ˙ ˚ ˛ ˜ ˝
    (0x0300, 0x0328),  # combining diacritics (decomposed input)
    (0x1E9E, 0x1E9E),  # ẞ
    (0x2000, 0x206F),  # General Punctuation: spaces, ‐ – — ‘ ’ “ ” • … ‰ ′ ″ ‹ › ⁄
    (0x2070, 0x2079),  # superscript digits
    (0x2080, 0x2089),  # subscript digits (CO₂)
    (0x20AC, 0x20AC),  # €
    (0x2113, 0x2113),  # ℓ
    (0x2116, 0x2116),  # №
    (0x2122, 0x2122),  # ™
    (0x2190, 0x2195),  # arrows
    (0x2212, 0x2212),  # minus
    (0x2248, 0x2248),  # ≈
    (0x2260, 0x2265),  # ≠ ≤ ≥
    (0x25A0, 0x25A1),  # ■ □
    (0x25CF, 0x25CF),  # ●
    (0xFB01, 0xFB02),  # ﬁ ﬂ (text copied from other documents)
)

# OpenType features kept: positioning only (kerning, marks). No substitutions (GSUB): every glyph
# a document shows is then a glyph of the character map, so the fonts can be embedded whole (no
# subsetting per document) and the PDF text layer still maps every glyph back to its text. The
# default figures of Noto Sans are tabular already.
LAYOUT_FEATURES = ("kern", "mark", "mkmk")


def unicodes() -> list[int]:
    """All code points the reduced fonts should keep (if the source has them)."""
    return [cp for start, end in UNICODE_RANGES for cp in range(start, end + 1)]


def reduce_font(source: Path, target: Path) -> int:
    """Write a reduced copy of ``source`` to ``target``; return the number of glyphs."""
    options = subset.Options()
    options.layout_features = list(LAYOUT_FEATURES)
    options.hinting = False
    options.drop_tables += ["DSIG", "gasp"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.notdef_outline = True
    options.glyph_names = False
    options.recalc_timestamp = False
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes())
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    font.save(target)
    return len(font.getGlyphOrder())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("source_dir", type=Path, help="folder with NotoSans-*.ttf")
    parser.add_argument(
        "--out", type=Path, default=Path(__file__).resolve().parents[1] / "templates" / "house" / "fonts"
    )
    args = parser.parse_args(argv)
    for face in FACES:
        name = f"{FAMILY}-{face}.ttf"
        source = args.source_dir / name
        if not source.is_file():
            print(f"missing {source}", file=sys.stderr)
            return 1
        glyphs = reduce_font(source, args.out / name)
        size = (args.out / name).stat().st_size
        print(f"{name}: {glyphs} glyphs, {size // 1024} KiB (from {source.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
