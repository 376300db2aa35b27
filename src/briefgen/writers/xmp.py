"""Document metadata for the finished PDF: the XMP packet and the matching Info entries.

PDF/A wants the Info dictionary and XMP to say the same thing, and every XMP property outside
the predefined schemas (here ``pdfuaid``) described by a PDF/A extension schema.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from xml.sax.saxutils import escape

from briefgen.characters import FORBIDDEN_CHARS
from briefgen.content.model import Metadata

PDFA_PART = 2
PDFA_CONFORMANCE = "A"
"""Level A: tagged, with Unicode mapping and language (the file is PDF/UA-1 as well)."""
PDFUA_PART = 1


def clean(text: str) -> str:
    """Drop characters that XML (and so XMP) cannot carry."""
    return FORBIDDEN_CHARS.sub("", text)


@dataclass(frozen=True)
class DocInfo:
    """The facts written to both the Info dictionary and XMP."""

    title: str
    author: str
    subject: str
    keywords: str
    creator: str
    producer: str
    language: str
    moment: dt.datetime

    @classmethod
    def from_meta(cls, meta: Metadata, *, creator: str, producer: str, moment: dt.datetime) -> DocInfo:
        return cls(
            title=clean(meta.title),
            author=clean(meta.author),
            subject=clean(meta.subject),
            keywords=clean(", ".join(meta.keywords)),
            creator=creator,
            producer=producer,
            language=clean(meta.language) or "nl-NL",
            moment=moment,
        )

    @property
    def pdf_date(self) -> str:
        """``D:YYYYMMDDHHmmSS+HH'mm'`` as the Info dictionary writes dates."""
        offset = self.moment.utcoffset() or dt.timedelta(0)
        minutes = int(offset.total_seconds() // 60)
        sign = "+" if minutes >= 0 else "-"
        hours, mins = divmod(abs(minutes), 60)
        return f"D:{self.moment:%Y%m%d%H%M%S}{sign}{hours:02d}'{mins:02d}'"

    @property
    def xmp_date(self) -> str:
        return self.moment.isoformat(timespec="seconds")


def _x(text: str) -> str:
    return escape(text, {'"': "&quot;"})


_PDFUA_EXTENSION = """   <pdfaExtension:schemas>
    <rdf:Bag>
     <rdf:li rdf:parseType="Resource">
      <pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
      <pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
      <pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
      <pdfaSchema:property>
       <rdf:Seq>
        <rdf:li rdf:parseType="Resource">
         <pdfaProperty:name>part</pdfaProperty:name>
         <pdfaProperty:valueType>Integer</pdfaProperty:valueType>
         <pdfaProperty:category>internal</pdfaProperty:category>
         <pdfaProperty:description>Indicates, which part of ISO 14289 standard is followed</pdfaProperty:description>
        </rdf:li>
       </rdf:Seq>
      </pdfaSchema:property>
     </rdf:li>
    </rdf:Bag>
   </pdfaExtension:schemas>
"""


def xmp_packet(info: DocInfo) -> bytes:
    """A complete, deterministic XMP packet (PDF/A-2 + PDF/UA-1 identification)."""
    keywords = f"   <pdf:Keywords>{_x(info.keywords)}</pdf:Keywords>\n" if info.keywords else ""
    description = (
        f'   <dc:description><rdf:Alt><rdf:li xml:lang="x-default">{_x(info.subject)}</rdf:li></rdf:Alt>'
        "</dc:description>\n"
        if info.subject
        else ""
    )
    creator = (
        f"   <dc:creator><rdf:Seq><rdf:li>{_x(info.author)}</rdf:li></rdf:Seq></dc:creator>\n" if info.author else ""
    )
    date = info.xmp_date
    text = (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        ' <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about=""\n'
        '    xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '    xmlns:xmp="http://ns.adobe.com/xap/1.0/"\n'
        '    xmlns:pdf="http://ns.adobe.com/pdf/1.3/"\n'
        '    xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"\n'
        '    xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"\n'
        '    xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"\n'
        '    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"\n'
        '    xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">\n'
        f"   <pdfaid:part>{PDFA_PART}</pdfaid:part>\n"
        f"   <pdfaid:conformance>{PDFA_CONFORMANCE}</pdfaid:conformance>\n"
        f"   <pdfuaid:part>{PDFUA_PART}</pdfuaid:part>\n"
        "   <dc:format>application/pdf</dc:format>\n"
        f'   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">{_x(info.title)}</rdf:li></rdf:Alt></dc:title>\n'
        f"{creator}{description}"
        f"   <dc:language><rdf:Bag><rdf:li>{_x(info.language)}</rdf:li></rdf:Bag></dc:language>\n"
        f"{keywords}"
        f"   <pdf:Producer>{_x(info.producer)}</pdf:Producer>\n"
        f"   <xmp:CreatorTool>{_x(info.creator)}</xmp:CreatorTool>\n"
        f"   <xmp:CreateDate>{date}</xmp:CreateDate>\n"
        f"   <xmp:ModifyDate>{date}</xmp:ModifyDate>\n"
        f"   <xmp:MetadataDate>{date}</xmp:MetadataDate>\n"
        f"{_PDFUA_EXTENSION}"
        "  </rdf:Description>\n"
        " </rdf:RDF>\n"
        "</x:xmpmeta>\n"
        '<?xpacket end="r"?>'
    )
    return text.encode("utf-8")
