"""``briefgen preview``: a local server that shows every document and follows the edits."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from briefgen.options import Options
from briefgen.pipeline import BuildRequest
from briefgen.pipeline.selection import Selection
from briefgen.preview.server import Preview, serve
from briefgen.problems import UsageError

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
JEUGD = "positions/06-publieke-voorzieningen.yaml"
OLD = "Het kabinet zet vooral in op drie punten."
NEW = "Het kabinet zet vooral in op drie zaken."
PAGE = "briefing/publieke-voorzieningen.html"


class Running:
    """A preview serving a temporary copy of the project."""

    def __init__(self, work: Path) -> None:
        self.work = work
        request = BuildRequest(
            work / "positions",
            work / "briefgen.yaml",
            work / "templates",
            work / "unused",
            Selection(),
            Options(date=dt.date(2026, 11, 27)),
        )
        self.preview = Preview(request)
        self.server = serve(self.preview, port=0)
        self.preview.start()
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
        self.thread.start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def get(self, path: str) -> tuple[int, bytes]:
        try:
            with urllib.request.urlopen(self.url + path, timeout=10) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def state(self) -> dict[str, object]:
        return json.loads(self.get("_preview/state")[1])  # type: ignore[no-any-return]

    def save(self, name: str, old: str, new: str) -> None:
        """Edit a file as editors do: write a temporary file, then rename it over the old one."""
        path = self.work / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        temp = path.with_name(f".{path.name}.swp")
        temp.write_text(text.replace(old, new, 1), encoding="utf-8")
        os.replace(temp, path)

    def stop(self) -> None:
        self.preview.stop()
        self.server.shutdown()
        self.server.server_close()


def _until(check: Callable[[], bool], seconds: float = 10.0) -> float:
    """Wait until ``check`` holds; the seconds it took."""
    started = time.monotonic()
    while not check():
        assert time.monotonic() - started < seconds, "not within the time limit"
        time.sleep(0.05)
    return time.monotonic() - started


@pytest.fixture()
def running(tmp_path: Path) -> Iterator[Running]:
    for name in ("positions", "templates"):
        shutil.copytree(ROOT / name, tmp_path / name)
    shutil.copy(ROOT / "briefgen.yaml", tmp_path / "briefgen.yaml")
    live = Running(tmp_path)
    yield live
    live.stop()


def test_pages_pdf_and_docx_are_served(running: Running) -> None:
    status, index = running.get("")
    assert status == 200 and b'href="/briefing/hoofdlijnenakkoord.html"' in index
    status, page = running.get(PAGE)
    assert status == 200 and OLD.encode() in page and b"/_preview/live.js" in page
    status, pdf = running.get("briefing/publieke-voorzieningen.pdf")
    assert status == 200 and pdf.startswith(b"%PDF-")
    status, docx = running.get("briefing/publieke-voorzieningen.docx")
    assert status == 200 and docx.startswith(b"PK")
    assert running.get("assets/web.css")[0] == 200
    assert running.get("assets/../briefgen.yaml")[0] == 404
    assert running.get("briefing/niet-bestaand.html")[0] == 404


def test_an_edit_is_served_within_seconds_and_only_its_documents_change(running: Running) -> None:
    before = running.state()["versions"]
    running.save(JEUGD, OLD, NEW)
    _until(lambda: NEW.encode() in running.get(PAGE)[1], 5)
    after = running.state()["versions"]
    changed = {doc for doc in after if after[doc] != before[doc]}  # type: ignore[index]
    assert "briefing/publieke-voorzieningen" in changed and "letter/wonen-mobiliteit" not in changed


def test_a_broken_file_shows_its_location_over_the_last_good_version(running: Running) -> None:
    running.save(JEUGD, "    stance: steun\n", "    stance: [steun\n")
    _until(lambda: bool(running.state()["problems"]), 5)
    (problem,) = running.state()["problems"]  # type: ignore[misc]
    assert problem["file"].endswith("06-publieke-voorzieningen.yaml") and problem["line"] > 0  # type: ignore[index]
    assert "YAML syntax" in problem["text"]  # type: ignore[index]
    assert OLD.encode() in running.get(PAGE)[1]  # the last good version stays
    running.save(JEUGD, "    stance: [steun\n", "    stance: steun\n")
    _until(lambda: not running.state()["problems"], 5)


def test_not_reachable_on_another_interface(running: Running) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))  # no packet is sent; this only picks the outgoing interface
            address = probe.getsockname()[0]
        except OSError:
            pytest.skip("this machine has no network interface besides loopback")
    if address.startswith("127."):
        pytest.skip("this machine has no network interface besides loopback")
    with pytest.raises(OSError), socket.create_connection((address, running.server.server_address[1]), timeout=2):
        pass


def test_a_port_in_use_is_a_clear_error(running: Running) -> None:
    with pytest.raises(UsageError) as caught:
        serve(running.preview, port=running.server.server_address[1])
    assert "is in use" in str(caught.value) and "--port 0" in str(caught.value)


@pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (Debian: apt-get install chromium)")
def test_the_page_reloads_itself_and_keeps_its_scroll_position(running: Running) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (test extra) drives Chromium")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 700})
            page.goto(running.url + PAGE)
            page.wait_for_function("() => document.body.scrollHeight > 2000")
            page.evaluate("() => window.scrollTo(0, 900)")
            page.wait_for_function("() => Math.abs(window.scrollY - 900) < 2")
            page.evaluate("() => { window.beforeReload = true; }")  # gone after a reload
            running.save(JEUGD, OLD, NEW)
            page.wait_for_function(f"() => document.body.innerText.includes({json.dumps(NEW)})", timeout=10_000)
            assert page.evaluate("() => window.beforeReload === undefined")  # reloaded by itself
            page.wait_for_function("() => Math.abs(window.scrollY - 900) < 30", timeout=5_000)
            assert "Bijgewerkt" in page.inner_text("#briefgen-updated")
            running.save(JEUGD, "    stance: steun\n", "    stance: [steun\n")
            page.wait_for_selector("#briefgen-problems", timeout=10_000)
            assert "06-publieke-voorzieningen.yaml" in page.inner_text("#briefgen-problems")
            assert NEW in page.inner_text("main")  # the last good version underneath
        finally:
            browser.close()


def test_ctrl_c_stops_the_preview_cleanly(tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys

    command = [sys.executable, "-m", "briefgen", "preview", "--port", "0"]
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    assert process.stdout is not None
    first = process.stdout.readline()
    assert first.startswith("Preview on http://127.0.0.1:"), first
    process.send_signal(signal.SIGINT)
    rest, _ = process.communicate(timeout=20)
    assert process.returncode == 0 and rest.strip().endswith("Preview stopped.")
    assert "Traceback" not in rest


def _get_with_host(port: int, host: str | None) -> int:
    """The status of ``GET /`` on ``port`` sent with this Host header (None: without one)."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as connection:
        header = f"Host: {host}\r\n" if host is not None else ""
        connection.sendall(f"GET / HTTP/1.0\r\n{header}\r\n".encode())
        reply = b""
        while chunk := connection.recv(65536):
            reply += chunk
    return int(reply.split(b" ", 2)[1])


def test_a_foreign_host_is_refused(running: Running) -> None:
    port = running.server.server_address[1]
    assert _get_with_host(port, f"127.0.0.1:{port}") == 200
    assert _get_with_host(port, f"localhost:{port}") == 200
    assert _get_with_host(port, "localhost") == 200
    assert _get_with_host(port, f"attacker.example:{port}") == 421  # DNS rebinding reads nothing
    assert _get_with_host(port, "attacker.example") == 421
    assert _get_with_host(port, f"localhost:{port + 1}") == 421
    assert _get_with_host(port, None) == 400


def test_a_restart_right_after_stopping_binds_the_same_port(running: Running) -> None:
    first = serve(running.preview, port=0)
    port = first.server_address[1]
    thread = threading.Thread(target=first.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    for _ in range(3):  # the server closes these connections first: they wait in TIME_WAIT on its port
        assert _get_with_host(port, f"127.0.0.1:{port}") == 200
    first.shutdown()
    first.server_close()
    again = serve(running.preview, port=port)  # at once, as after Ctrl-C
    try:
        assert again.server_address[1] == port
    finally:
        again.server_close()
