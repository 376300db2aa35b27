"""Edit a DOCX in LibreOffice with change tracking on, as a reviewer would, and save it as DOCX
(run by the system Python that has LibreOffice's ``uno`` module):

    /usr/bin/python3 lo_edit.py IN.docx OUT.docx EDITS.json

EDITS is a list of edits, each on the first occurrence of a text:
``{"replace": [old, new]}``, ``{"delete": text}``, ``{"comment": [text, remark]}``,
``{"paragraph_after": [text, new paragraph]}``. Prints one line per edit that found its text.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]

PARAGRAPH_BREAK = 0


def _property(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def _find(document: Any, text: str) -> Any:
    search = document.createSearchDescriptor()
    search.SearchString = text
    search.SearchCaseSensitive = True
    found = document.findFirst(search)
    if found is None:
        raise SystemExit(f"not found: {text!r}")
    return found


def _edit(document: Any, edit: dict[str, Any]) -> None:
    if "replace" in edit:
        old, new = edit["replace"]
        _find(document, old).setString(new)
    elif "delete" in edit:
        _find(document, edit["delete"]).setString("")
    elif "comment" in edit:
        anchor, remark = edit["comment"]
        found = _find(document, anchor)
        note = document.createInstance("com.sun.star.text.TextField.Annotation")
        note.Author = "Reviewer"
        note.Initials = "R"
        note.Content = remark
        moment = uno.createUnoStruct("com.sun.star.util.DateTime")
        moment.Year, moment.Month, moment.Day, moment.Hours = 2026, 12, 7, 12
        note.DateTimeValue = moment
        text = found.getText()
        text.insertTextContent(text.createTextCursorByRange(found.getStart()), note, False)
    elif "paragraph_after" in edit:
        anchor, paragraph = edit["paragraph_after"]
        found = _find(document, anchor)
        text = found.getText()
        cursor = text.createTextCursorByRange(found.getEnd())
        cursor.gotoEndOfParagraph(False)
        text.insertControlCharacter(cursor, PARAGRAPH_BREAK, False)
        text.insertString(cursor, paragraph, False)
    else:
        raise SystemExit(f"unknown edit {edit!r}")
    sys.stdout.write(f"{next(iter(edit))}\n")


def main(source: Path, target: Path, edits: list[dict[str, Any]]) -> None:
    pipe = f"briefgen-{uuid.uuid4().hex}"
    with tempfile.TemporaryDirectory() as profile:
        office = subprocess.Popen(
            [
                "soffice",
                "--headless",
                "--norestore",
                "--nologo",
                f"-env:UserInstallation=file://{profile}",
                f"--accept=pipe,name={pipe};urp;",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
            for _ in range(300):
                try:
                    context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                    break
                except Exception:
                    time.sleep(0.1)
            else:
                raise SystemExit("LibreOffice did not start")
            desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
            copy = Path(profile) / "in.docx"  # a lock file left beside the source would block it
            copy.write_bytes(source.read_bytes())
            url = uno.systemPathToFileUrl(str(copy))
            document = None
            for _ in range(20):  # the first load right after start-up can come back empty
                document = desktop.loadComponentFromURL(url, "_blank", 0, (_property("Hidden", True),))
                if document is not None:
                    break
                time.sleep(0.5)
            if document is None:
                raise SystemExit(f"LibreOffice could not open {source}")
            document.RecordChanges = True
            for edit in edits:
                _edit(document, edit)
            out = uno.systemPathToFileUrl(str(target.resolve()))
            document.storeToURL(out, (_property("FilterName", "MS Word 2007 XML"),))
            document.close(True)
        finally:
            office.terminate()
            try:
                office.wait(20)
            except subprocess.TimeoutExpired:
                office.kill()


if __name__ == "__main__":
    os.environ.setdefault("HOME", tempfile.gettempdir())
    main(Path(sys.argv[1]), Path(sys.argv[2]), json.loads(Path(sys.argv[3]).read_text(encoding="utf-8")))
