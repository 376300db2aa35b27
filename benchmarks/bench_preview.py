"""Benchmark the preview: from saving a position to the updated page, and to the updated PDF.

Not part of the tests. Run from the project root::

    python benchmarks/bench_preview.py --runs 10 [--pdf-engine typst]

A preview of a temporary copy of the project runs in this process (warm, as a writer's preview
would be); each run saves an edit to one position file (atomically, as editors do) and times until
the server returns the page with the new text, then until it returns the new PDF of that briefing.
Medians and maxima are printed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import shutil
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from briefgen.options import Options  # noqa: E402
from briefgen.pipeline import BuildRequest  # noqa: E402
from briefgen.pipeline.selection import Selection  # noqa: E402
from briefgen.preview.server import Preview, serve  # noqa: E402

POSITION = "positions/05-energie-klimaat.yaml"
PAGE = "briefing/energie-klimaat"


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def page_text(url: str) -> str:
    """The page's text without markup (names and figures are wrapped in spans)."""
    return re.sub(r"<[^>]+>", "", fetch(url).decode("utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--pdf-engine", choices=("weasyprint", "typst"), default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        for name in ("positions", "templates"):
            shutil.copytree(ROOT / name, work / name)
        shutil.copy(ROOT / "briefgen.yaml", work / "briefgen.yaml")
        request = BuildRequest(
            work / "positions",
            work / "briefgen.yaml",
            work / "templates",
            work / "unused",
            Selection(),
            Options(date=dt.date(2026, 11, 27)),
            pdf_engine=args.pdf_engine,
        )
        preview = Preview(request)
        server = serve(preview, port=0)
        preview.start()
        threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}/{PAGE}"
        fetch(url + ".pdf")  # warm: the first PDF loads the writer
        path = work / POSITION
        original = path.read_text(encoding="utf-8")
        html_times, pdf_times = [], []
        for run in range(args.runs):
            marker = f"Proefzin {run + 1}."
            text = original.replace("summary:\n  text: >-\n", f"summary:\n  text: >-\n    {marker}\n", 1)
            assert text != original, "the summary was not found"
            old_pdf = fetch(url + ".pdf")
            temp = path.with_name(f".{path.name}.tmp")
            temp.write_text(text, encoding="utf-8")
            started = time.perf_counter()
            os.replace(temp, path)
            while marker not in page_text(url + ".html"):
                time.sleep(0.005)
            html_times.append(time.perf_counter() - started)
            while fetch(url + ".pdf") == old_pdf:
                time.sleep(0.005)
            pdf_times.append(time.perf_counter() - started)
        preview.stop()
        server.shutdown()
        for name, times in (("HTML", html_times), ("PDF", pdf_times)):
            print(
                f"save → updated {name}: median {statistics.median(times):.3f} s, "
                f"max {max(times):.3f} s ({args.runs} runs)"
            )


if __name__ == "__main__":
    main()
