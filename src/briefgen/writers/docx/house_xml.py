"""House style of the DOCX output as WordprocessingML: styles, numbering, settings, fonts.

Only :mod:`briefgen.writers.docx.build_reference` uses this, to generate
``templates/house/reference.docx``; the writer reads the styles back from that file.
Values follow ``templates/house/house.css`` (the PDF) so both formats look alike.
Units: half-points for font sizes, twips (1/20 pt; 1 mm ≈ 57) for spacing and indents,
eighths of a point for border widths.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from briefgen.writers.docx.fonts import EmbeddedFace
from briefgen.writers.style import Style

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


@dataclass(frozen=True)
class House:
    """The house-style choices in Word's units; :meth:`from_style` reads them from ``style.yaml``."""

    font: str = "Noto Sans"
    """The family behind house.css's "Briefgen Sans" (embedded); else Word uses ``font_fallback``."""
    font_file: str = "NotoSans"
    """Its files in ``templates/house/fonts``: ``NotoSans-Regular.ttf``, ``-Bold``, ``-Italic``, ``-BoldItalic``."""
    font_fallback: str = "Arial"
    text: str = "1A1A1A"
    accent: str = "1B4F72"
    muted: str = "555F6A"
    rule: str = "B9C4CF"
    quote_bar: str = "7FB2D9"
    callout_fill: str = "EAF1F7"
    body_size: int = 21
    """Half-points: 10.5 pt."""
    line: int = 259
    """240ths of a line. Word's single line for Noto Sans is 1.36 em (its win metrics), so
    1.08 here matches the PDF's CSS ``line-height: 1.45``."""
    margin_top: int = 1531  # 27 mm
    margin_right: int = 1247  # 22 mm
    margin_bottom: int = 1361  # 24 mm
    margin_left: int = 1417  # 25 mm
    page_width: int = 11906  # A4
    page_height: int = 16838

    @property
    def text_width(self) -> int:
        return self.page_width - self.margin_left - self.margin_right

    @classmethod
    def from_style(cls, style: Style) -> House:
        """The Word values of the house style file (``templates/house/style.yaml``)."""
        colours, sizes, page = style.values["colours"], style.values["sizes"], style.values["page"]

        def rgb(name: str) -> str:
            return str(colours[name]).lstrip("#").upper()

        def twips(mm: float) -> int:
            return round(mm * 1440 / 25.4)

        return cls(
            font=style.get("font", "family"),
            font_file=str(style.get("font", "regular")).removeprefix("fonts/").rsplit("-", 1)[0],
            font_fallback=style.get("font", "fallback"),
            text=rgb("ink"),
            accent=rgb("accent"),
            muted=rgb("muted"),
            rule=rgb("rule"),
            quote_bar=rgb("quote"),
            callout_fill=rgb("tint"),
            body_size=round(2 * sizes["body"]),
            line=round(cls.line * style.line_height / 1.45),  # 259 matches 1.45 (see ``line``)
            margin_top=twips(page["margin-top"]),
            margin_right=twips(page["margin-right"]),
            margin_bottom=twips(page["margin-bottom"]),
            margin_left=twips(page["margin-left"]),
            page_width=twips(page["width"]),
            page_height=twips(page["height"]),
        )


HOUSE = House()


def _style(kind: str, sid: str, name: str, body: str, *, based: str = "", nxt: str = "", extra: str = "") -> str:
    based_xml = f'<w:basedOn w:val="{based}"/>' if based else ""
    next_xml = f'<w:next w:val="{nxt}"/>' if nxt else ""
    return (
        f'<w:style w:type="{kind}" w:styleId="{sid}"{extra}><w:name w:val="{name}"/>'
        f'{based_xml}{next_xml}<w:uiPriority w:val="9"/><w:qFormat/>{body}</w:style>'
    )


def _para(sid: str, name: str, ppr: str = "", rpr: str = "", *, based: str = "Normal", nxt: str = "") -> str:
    body = (f"<w:pPr>{ppr}</w:pPr>" if ppr else "") + (f"<w:rPr>{rpr}</w:rPr>" if rpr else "")
    return _style("paragraph", sid, name, body, based=based, nxt=nxt)


def _char(sid: str, name: str, rpr: str) -> str:
    return _style("character", sid, name, f"<w:rPr>{rpr}</w:rPr>", based="DefaultParagraphFont")


def _sz(half_points: int) -> str:
    return f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'


def _color(rgb: str) -> str:
    return f'<w:color w:val="{rgb}"/>'


def _spacing(before: int = 0, after: int = 0, line: int | None = None) -> str:
    line_xml = f' w:line="{line}" w:lineRule="auto"' if line else ""
    return f'<w:spacing w:before="{before}" w:after="{after}"{line_xml}/>'


def _border(side: str, color: str, size: int, space: int) -> str:
    return f'<w:{side} w:val="single" w:sz="{size}" w:space="{space}" w:color="{color}"/>'


def _ind(left: int, right: int = 0, hanging: int = 0) -> str:
    hang = f' w:hanging="{hanging}"' if hanging else ""
    return f'<w:ind w:left="{left}" w:right="{right}"{hang}/>'


BOLD = "<w:b/><w:bCs/>"
HEADING_LINE = 221
"""Line spacing of titles and headings (240ths of Word's single line, 1.36 em for Noto Sans):
1.25 em, as the PDF's CSS ``line-height: 1.25``."""
NO_HYPHENS = "<w:suppressAutoHyphens/>"
"""Names, labels, fields, tables and headings never hyphenate (if a reader switches it on)."""
ITALIC = "<w:i/><w:iCs/>"
KEEP = "<w:keepNext/><w:keepLines/>"
PARAGRAPH_AFTER = 148
"""Space after a paragraph (2.6 mm)."""
LIST_ITEM_AFTER = 57
"""Space after a list item (1 mm); the writer adds the rest after the last item."""
FIELD_ROW_AFTER = 102
"""Space after a header-field row (1.8 mm); the block ends with 7 mm."""


def _collapse(before: int) -> int:
    """Space before, less the space after a paragraph: CSS collapses the two margins into the
    larger one, Word adds them up. With this the PDF's gaps and Word's are the same."""
    return max(before - PARAGRAPH_AFTER, 0)


def _heading(sid: str, name: str, size: int, before: int, after: int, level: int, h: House) -> str:
    ppr = KEEP + NO_HYPHENS + _spacing(before, after, HEADING_LINE) + f'<w:outlineLvl w:val="{level}"/>'
    return _para(sid, name, ppr, BOLD + _color(h.accent) + _sz(size), nxt="Normal")


def _paragraph_styles(h: House) -> list[str]:
    callout_box = (
        "<w:pBdr>"
        + _border("top", h.callout_fill, 4, 10)
        + _border("left", h.accent, 24, 14)
        + _border("bottom", h.callout_fill, 4, 4)
        + _border("right", h.callout_fill, 4, 14)
        + "</w:pBdr>"
        + f'<w:shd w:val="clear" w:color="auto" w:fill="{h.callout_fill}"/>'
    )
    quote_bar = "<w:pBdr>" + _border("left", h.quote_bar, 16, 14) + "</w:pBdr>"
    notice_box = (
        "<w:pBdr>"
        + "".join(
            _border(side, h.accent, 6, 4 if side in ("top", "bottom") else 8)
            for side in ("top", "left", "bottom", "right")
        )
        + "</w:pBdr>"
    )
    list_item = _spacing(0, LIST_ITEM_AFTER)
    return [
        _style("paragraph", "Normal", "Normal", "", extra=' w:default="1"'),
        _para(
            "DocumentKind",
            "Document Kind",
            KEEP + NO_HYPHENS + _spacing(0, 85),
            BOLD + _color(h.muted) + _sz(20),
            nxt="Title",
        ),
        _para(
            "Title",
            "Title",
            KEEP + NO_HYPHENS + _spacing(0, 283, HEADING_LINE),
            BOLD + _color(h.accent) + _sz(36),
            nxt="Normal",
        ),
        _heading("Heading1", "heading 1", 27, _collapse(397), 125, 0, h),
        _heading("Heading2", "heading 2", 23, _collapse(283), 102, 1, h),
        _heading("Heading3", "heading 3", 21, _collapse(227), 68, 2, h),
        _para("ListBullet", "List Bullet", '<w:numPr><w:numId w:val="1"/></w:numPr>' + list_item),
        _para("ListNumber", "List Number", '<w:numPr><w:numId w:val="2"/></w:numPr>' + list_item),
        _para(
            "SourceList",
            "Source List",
            '<w:keepLines/><w:numPr><w:numId w:val="2"/></w:numPr>' + NO_HYPHENS + _spacing(0, 45, 247),
            _sz(17),
        ),
        _para(
            "Quote",
            "Quote",
            "<w:keepLines/>" + quote_bar + _spacing(_collapse(227), 85) + _ind(340, 0),
            ITALIC + _color(h.text) + _sz(22),
            nxt="QuoteAttribution",
        ),
        _para(
            "QuoteAttribution",
            "Quote Attribution",
            quote_bar + NO_HYPHENS + _spacing(0, 283) + _ind(340, 0),
            _color(h.muted) + _sz(18),
            nxt="Normal",
        ),
        _para(
            "Caption",
            "caption",
            KEEP + NO_HYPHENS + _spacing(_collapse(113), 85, 240),
            BOLD + _color(h.text) + _sz(19),
            nxt="Normal",
        ),
        _para("Callout", "Callout", callout_box + _spacing(0, 85) + _ind(360, 300)),
        _para(
            "CalloutTitle",
            "Callout Title",
            KEEP + NO_HYPHENS + _spacing(0, 68),
            BOLD + _color(h.accent),
            based="Callout",
        ),
        _para("Lead", "Lead", NO_HYPHENS, BOLD + _sz(22)),
        _para("Small", "Small", _spacing(0, 148, 247), _color(h.muted) + _sz(17)),
        _para("Notice", "Notice", notice_box + NO_HYPHENS + _spacing(0, 204) + _ind(180, 180), BOLD + _color(h.accent)),
        _para("Salutation", "Salutation", _spacing(_collapse(113), 170), nxt="Normal"),
        _para("Closing", "Closing", KEEP + NO_HYPHENS + _spacing(_collapse(227), 148), nxt="Signature"),
        _para("Signature", "Signature", KEEP + NO_HYPHENS + _spacing(0, 0)),
        _para("Address", "Address", "<w:keepLines/>" + NO_HYPHENS + _spacing(0, 397, 247), nxt="Normal"),
        _para(
            "FieldValue",
            "Field Value",
            f'<w:tabs><w:tab w:val="left" w:pos="2381"/></w:tabs>{NO_HYPHENS}{_spacing(0, FIELD_ROW_AFTER, 238)}'
            + _ind(2381, 0, 2381),
            _sz(19),
        ),
        _para(
            "TOCHeading",
            "TOC Heading",
            KEEP + NO_HYPHENS + _spacing(_collapse(283), 102, HEADING_LINE),
            BOLD + _color(h.accent) + _sz(23),
            nxt="Normal",
        ),
        *(
            _para(
                f"TOC{level}",
                f"toc {level}",
                f'<w:tabs><w:tab w:val="right" w:leader="dot" w:pos="{h.text_width}"/></w:tabs>'
                + NO_HYPHENS
                + _spacing(0, 45)
                + _ind(340 * (level - 1)),
                nxt="Normal",
            )
            for level in (1, 2)
        ),
        _para("TableText", "Table Text", NO_HYPHENS + _spacing(0, 0, 238), _sz(19)),
        _para(
            "Header",
            "header",
            f'<w:tabs><w:tab w:val="right" w:pos="{h.text_width}"/></w:tabs>' + _spacing(0, 0, 240),
            _color(h.muted) + _sz(16),
        ),
        _para(
            "Footer",
            "footer",
            f'<w:tabs><w:tab w:val="right" w:pos="{h.text_width}"/></w:tabs>' + _spacing(0, 0, 240),
            _color(h.muted) + _sz(16),
        ),
    ]


def styles_xml(h: House = HOUSE) -> str:
    """``word/styles.xml``: document defaults (font, nl-NL) and every style the writer uses."""
    styles = [
        *_paragraph_styles(h),
        '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
        '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        _char("FieldLabel", "Field Label", BOLD + _color(h.muted)),
        _char("Hyperlink", "Hyperlink", _color(h.accent) + '<w:u w:val="single"/>'),
        _char("NoteReference", "Note Reference", '<w:vertAlign w:val="superscript"/>'),
        '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
        '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/>'
        '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
        '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
        '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
        _data_table(h),
    ]
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:styles xmlns:w="{W_NS}">'
        "<w:docDefaults><w:rPrDefault><w:rPr>"
        f'<w:rFonts w:ascii="{h.font}" w:hAnsi="{h.font}" w:eastAsia="{h.font}" w:cs="{h.font}"/>'
        + _color(h.text)
        + _sz(h.body_size)
        + '<w:lang w:val="nl-NL" w:eastAsia="en-US" w:bidi="ar-SA"/>'
        "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:widowControl/>"
        + _spacing(0, PARAGRAPH_AFTER, h.line)
        + "</w:pPr></w:pPrDefault></w:docDefaults>"
        + "".join(styles)
        + "</w:styles>"
    )


def _data_table(h: House) -> str:
    """Data tables: thin rules under every row, bold accent header row with a stronger rule."""
    rules = "<w:tblBorders>" + _border("bottom", h.rule, 4, 0) + _border("insideH", h.rule, 4, 0) + "</w:tblBorders>"
    margins = (
        '<w:tblCellMar><w:top w:w="74" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
        '<w:bottom w:w="74" w:type="dxa"/><w:right w:w="142" w:type="dxa"/></w:tblCellMar>'
    )
    return (
        '<w:style w:type="table" w:styleId="DataTable"><w:name w:val="Data Table"/>'
        '<w:basedOn w:val="TableNormal"/><w:uiPriority w:val="59"/><w:qFormat/>'
        f"<w:pPr>{NO_HYPHENS}{_spacing(0, 0, 238)}</w:pPr><w:rPr>{_sz(19)}</w:rPr>"
        f"<w:tblPr>{rules}{margins}</w:tblPr>"
        f'<w:tblStylePr w:type="firstRow"><w:pPr><w:keepNext/></w:pPr><w:rPr>{BOLD}{_color(h.accent)}</w:rPr>'
        "<w:trPr><w:tblHeader/></w:trPr><w:tcPr><w:tcBorders>"
        + _border("bottom", h.accent, 8, 0)
        + "</w:tcBorders></w:tcPr></w:tblStylePr></w:style>"
    )


BULLETS = ("\u2022", "\u2013", "\u25e6")
"""Bullet characters per level: bullet, en dash, white bullet."""


def _levels(ordered: bool, h: House) -> str:
    levels = []
    for ilvl in range(9):
        if ordered:
            fmt = ("decimal", "lowerLetter", "lowerRoman")[ilvl % 3]
            text = f"%{ilvl + 1}."
        else:
            fmt, text = "bullet", BULLETS[ilvl % 3]
        levels.append(
            f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
            f'<w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
            f"<w:pPr>{_ind(340 * (ilvl + 1), 0, 340)}</w:pPr><w:rPr>{BOLD}{_color(h.accent)}</w:rPr></w:lvl>"
        )
    return "".join(levels)


def numbering_xml(h: House = HOUSE) -> str:
    """``word/numbering.xml``: abstract list 0 (bullets, numId 1), 1 (numbers, numId 2)."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:numbering xmlns:w="{W_NS}">'
        '<w:abstractNum w:abstractNumId="0"><w:nsid w:val="5B1E0A01"/>'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{_levels(False, h)}</w:abstractNum>'
        '<w:abstractNum w:abstractNumId="1"><w:nsid w:val="5B1E0A02"/>'
        f'<w:multiLevelType w:val="hybridMultilevel"/>{_levels(True, h)}</w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        "</w:numbering>"
    )


def settings_xml() -> str:
    """``word/settings.xml``: embedded fonts, Dutch number formats, no automatic hyphenation
    (Word would break names), no revision ids."""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:settings xmlns:w="{W_NS}">'
        '<w:zoom w:percent="100"/><w:embedTrueTypeFonts/><w:defaultTabStop w:val="709"/>'
        '<w:consecutiveHyphenLimit w:val="2"/><w:hyphenationZone w:val="425"/>'
        '<w:characterSpacingControl w:val="doNotCompress"/>'
        '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" '
        'w:val="15"/></w:compat>'
        '<w:themeFontLang w:val="nl-NL" w:eastAsia="en-US" w:bidi="ar-SA"/>'
        '<w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>'
        "</w:settings>"
    )


def font_table_xml(h: House = HOUSE, embedded: Sequence[EmbeddedFace] = ()) -> str:
    """``word/fontTable.xml``: the house font (with its embedded faces) and a sans-serif fallback."""
    embeds = "".join(f'<w:{face.element} r:id="{face.rel_id}" w:fontKey="{face.key}"/>' for face in embedded)
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="{W_NS}" xmlns:r="{R_NS}">'
        f'<w:font w:name="{h.font}"><w:altName w:val="{h.font_fallback}"/>'
        '<w:panose1 w:val="020B0502040504020204"/><w:charset w:val="00"/>'
        f'<w:family w:val="swiss"/><w:pitch w:val="variable"/>{embeds}</w:font>'
        f'<w:font w:name="{h.font_fallback}"><w:panose1 w:val="020B0604020202020204"/>'
        '<w:charset w:val="00"/><w:family w:val="swiss"/><w:pitch w:val="variable"/></w:font>'
        "</w:fonts>"
    )


def app_xml() -> str:
    """``docProps/app.xml`` without the default template's word counts and Mac Word name."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties">'
        "<Application>briefgen</Application><DocSecurity>0</DocSecurity>"
        "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
        "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
    )
