"""Open a DOCX in LibreOffice, accept all tracked changes, print the text (run by the system Python
that has LibreOffice's ``uno`` module: ``/usr/bin/python3 lo_accept_all.py FILE.docx``)."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

import uno  # type: ignore[import-not-found]
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]


def _property(name: str, value: object) -> PropertyValue:
    prop = PropertyValue()
    prop.Name, prop.Value = name, value
    return prop


def main(path: Path) -> None:
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
            for _ in range(200):
                try:
                    context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                    break
                except Exception:
                    time.sleep(0.1)
            else:
                raise SystemExit("LibreOffice did not start")
            desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
            url = uno.systemPathToFileUrl(str(path.resolve()))
            document = desktop.loadComponentFromURL(url, "_blank", 0, (_property("Hidden", True),))
            helper = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
            frame = document.getCurrentController().getFrame()
            helper.executeDispatch(frame, ".uno:AcceptAllTrackedChanges", "", 0, ())
            sys.stdout.write(document.getText().getString())
            document.close(True)
        finally:
            office.terminate()
            try:
                office.wait(20)
            except subprocess.TimeoutExpired:
                office.kill()


if __name__ == "__main__":
    os.environ.setdefault("HOME", tempfile.gettempdir())
    main(Path(sys.argv[1]))
