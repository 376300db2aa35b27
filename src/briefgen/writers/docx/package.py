"""Package-level work: core properties and a byte-reproducible zip."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

from docx.document import Document as DocxDocument

from briefgen.content.model import Metadata

FIRST_MEMBERS = ("[Content_Types].xml", "_rels/.rels")
"""Members written first, in this order; the rest follow sorted by name."""


def set_core_properties(document: DocxDocument, meta: Metadata) -> None:
    """Write title, subject, author, dates … from ``meta``; nothing of python-docx's defaults stays."""
    props = document.core_properties
    moment = dt.datetime(meta.date.year, meta.date.month, meta.date.day, tzinfo=dt.UTC)
    props.title = meta.title
    props.subject = meta.subject
    props.author = meta.author
    props.last_modified_by = meta.author
    props.keywords = ", ".join(meta.keywords)
    props.language = meta.language
    props.category = meta.kind_label
    props.content_status = meta.status
    props.identifier = meta.number
    props.comments = ""
    props.created = moment
    props.modified = moment
    props.last_printed = moment
    props.revision = 1


def normalise_zip(data: bytes, day: dt.date) -> bytes:
    """Rewrite a DOCX zip with fixed member order, timestamps, permissions and compression."""
    stamp = (max(day.year, 1980), day.month, day.day, 0, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        names = src.namelist()
        ordered = [n for n in FIRST_MEMBERS if n in names] + sorted(n for n in names if n not in FIRST_MEMBERS)
        for name in ordered:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, src.read(name), compress_type=zipfile.ZIP_DEFLATED, compresslevel=6)
    return out.getvalue()
