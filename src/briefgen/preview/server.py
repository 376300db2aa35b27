"""The preview's web server: the documents as web pages that reload themselves when they change.

Routes (mirroring ``out/``): ``/`` the index, ``/<kind>/<id>.html`` a document's page,
``/<kind>/<id>.pdf`` and ``.docx`` rendered on request (one warm renderer, cached by content
hash), ``/assets/…`` the house style's web files, and under ``/_preview/`` the page script, the
current state (JSON) and the server-sent events that tell pages what changed. Nothing is written
to disk.
"""

from __future__ import annotations

import contextlib
import errno
import ipaddress
import json
import queue
import threading
from collections.abc import Iterator
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from briefgen.preview.state import PreviewState, Shown
from briefgen.problems import Problem, UsageError

LOOPBACK = "127.0.0.1"
KEEPALIVE_SECONDS = 15.0
TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".ttf": "font/ttf",
    ".txt": "text/plain; charset=utf-8",
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class Preview:
    """The preview: its state, a warm renderer for PDF and DOCX, and the pages' event streams."""

    def __init__(self, request: Any) -> None:
        self.state = PreviewState(request, self._changed)
        self.house = Path(request.templates) / "house"
        self._listeners: list[queue.SimpleQueue[str | None]] = []
        self._listeners_lock = threading.Lock()
        self._render_lock = threading.Lock()
        self._renderer: Any = None
        self._files: dict[tuple[str, str], tuple[str, bytes]] = {}
        """(document, format) → (content hash, file): the latest version of each only."""

    def start(self) -> None:
        """Compose the documents, start watching, warm the renderer in the background."""
        self.state.start()
        threading.Thread(target=self._warm, name="briefgen-preview-warm", daemon=True).start()

    def stop(self) -> None:
        """Stop watching and end every event stream."""
        self.state.stop()
        with self._listeners_lock:
            for listener in self._listeners:
                listener.put(None)

    # ------------------------------------------------------------ events

    def _changed(self, updated: list[str], problems: list[Problem]) -> None:
        message = json.dumps(self.status(updated), ensure_ascii=False)
        with self._listeners_lock:
            for listener in self._listeners:
                listener.put(message)

    def status(self, changed: list[str] | None = None) -> dict[str, Any]:
        """What the pages need to know: changed documents, versions, input problems."""
        with self.state.lock:
            return {
                "generation": self.state.generation,
                "changed": changed or [],
                "versions": {doc_id: shown.version for doc_id, shown in self.state.documents.items()},
                "problems": [_problem(problem) for problem in self.state.problems],
            }

    def events(self) -> Iterator[str | None]:
        """Messages for one page, until the preview stops (None: a keep-alive is due)."""
        listener: queue.SimpleQueue[str | None] = queue.SimpleQueue()
        with self._listeners_lock:
            self._listeners.append(listener)
        try:
            while True:
                try:
                    message = listener.get(timeout=KEEPALIVE_SECONDS)
                except queue.Empty:
                    yield None
                    continue
                if message is None:
                    return
                yield message
        finally:
            with self._listeners_lock:
                self._listeners.remove(listener)

    # ------------------------------------------------------------ files

    def shown(self, doc_id: str) -> Shown | None:
        """The document with ``doc_id`` as currently shown."""
        with self.state.lock:
            return self.state.documents.get(doc_id)

    def _warm(self) -> None:
        from briefgen.pipeline.render import Renderer

        renderer = Renderer(self.house, self.state.pdf_engine)
        try:
            _ = renderer.pdf
        except BaseException:
            return
        with self._render_lock:
            self._renderer = self._renderer or renderer

    def rendered(self, shown: Shown, fmt: str) -> bytes:
        """The PDF or DOCX of a document (cached by content hash)."""
        key = (shown.doc_id, fmt)
        with self._render_lock:
            cached = self._files.get(key)
            engine = self.state.pdf_engine
            version = f"{shown.key}:{engine}" if fmt == "pdf" else shown.key
            if cached is None or cached[0] != version:
                from briefgen.pipeline.render import Renderer

                self._renderer = self._renderer or Renderer(self.house, engine)
                writer = self._renderer.pdf_writer(engine) if fmt == "pdf" else self._renderer.docx
                result = writer.render(shown.document)
                cached = self._files[key] = (version, result.data if fmt == "pdf" else result)
            return cached[1]

    def page(self, shown: Shown) -> bytes:
        """The document's web page with the preview script."""
        from briefgen.writers.html import Download, web_page

        name = shown.doc_id.rsplit("/", 1)[1]
        downloads = [Download(f"{name}.pdf", "PDF-document"), Download(f"{name}.docx", "Word-document")]
        html = web_page(shown.document, downloads)
        marker = f'<meta name="briefgen-document" content="{shown.doc_id}">\n{SCRIPT_TAG}\n</head>'
        return html.replace("</head>", marker, 1).encode("utf-8")

    def index(self) -> bytes:
        """The list of documents, with their versions."""
        from html import escape

        with self.state.lock:
            documents = sorted(self.state.documents.values(), key=lambda shown: shown.doc_id)
        rows = "".join(
            f'<li><a href="/{escape(shown.doc_id)}.html">{escape(shown.title)}</a> '
            f'<span class="kind">({escape(shown.kind_label)})</span> '
            f'<a href="/{escape(shown.doc_id)}.pdf">PDF</a> <a href="/{escape(shown.doc_id)}.docx">DOCX</a></li>'
            for shown in documents
        )
        return (
            '<!DOCTYPE html>\n<html lang="nl">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            '<title>Voorbeeld – briefgen</title>\n<link rel="stylesheet" href="/assets/web.css">\n'
            f"{SCRIPT_TAG}\n</head>\n"
            f'<body class="index"><main id="inhoud"><h1>Voorbeeld van de documenten</h1><ul>{rows}</ul></main>'
            "</body>\n</html>\n"
        ).encode()


SCRIPT_TAG = '<script src="/_preview/live.js" defer></script>'


def _problem(problem: Problem) -> dict[str, Any]:
    return {
        "file": problem.file,
        "line": problem.line,
        "column": problem.column,
        "field": problem.field,
        "message": problem.message,
        "text": str(problem),
    }


def script() -> bytes:
    """The page script (reload on change, keep the scroll position, show input errors)."""
    return resources.files("briefgen.preview").joinpath("live.js").read_bytes()


class _Handler(BaseHTTPRequestHandler):
    preview: Preview
    server_version = "briefgen-preview"

    def log_message(self, format: str, *args: Any) -> None:
        """Quiet: the preview prints its own lines."""

    def do_GET(self) -> None:
        path = unquote(urlsplit(self.path).path)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the browser went away
            refused = self._foreign_host()
            if refused is not None:
                return self._send(refused[1].encode(), TYPES[".txt"], refused[0])
            self._route(path)

    def _foreign_host(self) -> tuple[HTTPStatus, str] | None:
        """A request must name this server (its address or ``localhost``) as its Host: a page
        elsewhere that points its own name at this machine (DNS rebinding) reads nothing."""
        host = self.headers.get("Host")
        if not host:
            return HTTPStatus.BAD_REQUEST, "Host ontbreekt\n"
        name, port = _split_host(host)
        address: tuple[Any, ...] = tuple(self.server.server_address)  # type: ignore[arg-type]
        if port is not None and port != address[1]:
            return HTTPStatus.MISDIRECTED_REQUEST, "Onbekende host\n"
        bound = str(address[0]).lower()
        if name.lower() in {"localhost", bound, *getattr(self.server, "names", ())}:
            return None
        if bound in ("0.0.0.0", "::") and _is_address(name):  # every interface: any of its addresses
            return None
        return HTTPStatus.MISDIRECTED_REQUEST, "Onbekende host\n"

    def _route(self, path: str) -> None:
        preview = self.preview
        if path in ("/", "/index.html"):
            return self._send(preview.index(), TYPES[".html"])
        if path == "/_preview/live.js":
            return self._send(script(), TYPES[".js"])
        if path == "/_preview/state":
            return self._send(json.dumps(preview.status(), ensure_ascii=False).encode(), "application/json")
        if path == "/_preview/events":
            return self._events()
        if path.startswith("/assets/"):
            return self._asset(path.removeprefix("/assets/"))
        stem, dot, suffix = path.lstrip("/").rpartition(".")
        shown = preview.shown(stem) if dot else None
        if shown is None or suffix not in ("html", "pdf", "docx"):
            return self._send(b"Niet gevonden\n", TYPES[".txt"], HTTPStatus.NOT_FOUND)
        if suffix == "html":
            return self._send(preview.page(shown), TYPES[".html"])
        try:
            data = preview.rendered(shown, suffix)
        except Exception as error:  # the house style refused: say so in the browser
            message = f"Kan {shown.doc_id}.{suffix} niet maken: {type(error).__name__}: {error}\n"
            return self._send(message.encode(), TYPES[".txt"], HTTPStatus.INTERNAL_SERVER_ERROR)
        return self._send(data, TYPES[f".{suffix}"])

    def _asset(self, name: str) -> None:
        root = self.preview.house.resolve()
        target = (root / name).resolve()
        if not target.is_relative_to(root) or not target.is_file() or target.suffix not in TYPES:
            return self._send(b"Niet gevonden\n", TYPES[".txt"], HTTPStatus.NOT_FOUND)
        if target.suffix == ".css":  # the house style's values filled in, as in a build
            from briefgen.writers import style

            try:
                sheet = style.apply(target.read_text(encoding="utf-8"), style.load(root))
            except (style.StyleError, UnicodeDecodeError) as error:
                return self._send(f"{error}\n".encode(), TYPES[".txt"], HTTPStatus.INTERNAL_SERVER_ERROR)
            return self._send(sheet.encode("utf-8"), TYPES[".css"])
        return self._send(target.read_bytes(), TYPES[target.suffix])

    def _send(self, data: bytes, content_type: str, status: HTTPStatus = HTTPStatus.OK) -> None:
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def _events(self) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        for message in self.preview.events():
            self.wfile.write(b": keep-alive\n\n" if message is None else f"data: {message}\n\n".encode())
            self.wfile.flush()


def _is_address(name: str) -> bool:
    """True for an IP address (never a name that DNS could point anywhere)."""
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


def _split_host(host: str) -> tuple[str, int | None]:
    """``localhost:8765`` → (``localhost``, 8765); ``[::1]:8765`` → (``::1``, 8765); port None
    when absent, -1 when not a number."""
    name, port = host.strip(), ""
    if name.startswith("["):
        name, _, rest = name[1:].partition("]")
        port = rest.removeprefix(":")
    elif name.count(":") == 1:
        name, _, port = name.partition(":")
    if not port:
        return name, None
    return name, int(port) if port.isdigit() else -1


class PreviewServer(ThreadingHTTPServer):
    """The HTTP server of a preview (threads, so event streams do not block pages).

    The address is reused (SO_REUSEADDR): a preview started again right after Ctrl-C binds at
    once, while the old connections wait out TIME_WAIT; a port another program listens on is
    still refused."""

    daemon_threads = True
    allow_reuse_address = True
    names: tuple[str, ...] = ()
    """Host names besides ``localhost`` and the address that requests may name (``--host``)."""


def serve(preview: Preview, host: str = LOOPBACK, port: int = 8765) -> PreviewServer:
    """A server for ``preview`` bound to ``host:port`` (not yet serving); a port in use is a
    :class:`UsageError` with a suggestion."""
    handler = type("Handler", (_Handler,), {"preview": preview})
    try:
        server = PreviewServer((host, port), handler)
        server.names = (host.lower(),)
        return server
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            raise UsageError(
                f"--port: port {port} on {host} is in use (another preview?); "
                f"try --port {port + 1}, or --port 0 for any free port"
            ) from None
        raise UsageError(f"--host/--port: cannot listen on {host}:{port}: {error.strerror}") from None
