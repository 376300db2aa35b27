"""The one URL fetcher WeasyPrint may use: ``data:`` URLs and house-style files, nothing else."""

from __future__ import annotations

import mimetypes
import os
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from weasyprint.urls import URLFetcher, URLFetcherResponse

_MIME_TYPES = {
    ".svg": "image/svg+xml",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".css": "text/css",
    ".ttf": "font/ttf",
    ".otf": "font/otf",
    ".woff": "font/woff",
    ".woff2": "font/woff2",
}


class FetchRefusedError(ValueError):
    """A resource outside the allowed asset roots (or of a refused scheme) was requested."""


class AssetFetcher(URLFetcher):
    """Serve ``data:`` URLs and regular files whose real path lies under one of ``roots``.

    Every other URL (``http``, ``https``, ``ftp``, ``file`` outside the roots, symlinks
    pointing out of them, directories) is refused with :class:`FetchRefusedError`. With
    ``fail_on_errors`` (the default here) WeasyPrint stops rendering instead of silently
    leaving the resource out.
    """

    def __init__(self, roots: Iterable[Path], *, fail_on_errors: bool = True) -> None:
        super().__init__(allowed_protocols=("data", "file"), allow_redirects=False, fail_on_errors=fail_on_errors)
        self._roots = tuple(Path(os.path.realpath(root)) for root in roots)
        if not self._roots:
            raise ValueError("AssetFetcher needs at least one asset root")

    @property
    def roots(self) -> tuple[Path, ...]:
        return self._roots

    def fetch(self, url: str, headers: dict[str, str] | None = None) -> URLFetcherResponse:
        scheme = url.split(":", 1)[0].lower() if ":" in url else ""
        if scheme == "data":
            return super().fetch(url, headers)
        if scheme == "file":
            path = self.resolve(url)
            mime = _MIME_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0]
            return URLFetcherResponse(
                path.as_uri(), path.read_bytes(), {"Content-Type": mime or "application/octet-stream"}
            )
        raise FetchRefusedError(f"refused to fetch {url!r}: only data: URLs and house-style files are allowed")

    def resolve(self, url: str) -> Path:
        """The real path of a ``file:`` URL, if it is a file under an asset root; else refuse."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "file" or parts.netloc not in ("", "localhost"):
            raise FetchRefusedError(f"refused to fetch {url!r}: not a local file URL")
        path = Path(os.path.realpath(url2pathname(parts.path)))
        if not any(path.is_relative_to(root) for root in self._roots):
            raise FetchRefusedError(f"refused to fetch {url!r}: outside the house-style folder")
        if not path.is_file():
            raise FetchRefusedError(f"refused to fetch {url!r}: not a file")
        return path
