"""Publication on the web: an accessible page and valid Woo (DiWoo) metadata per document.

The pages are checked without a browser (structure) and in a real one: Debian's Chromium,
driven by Playwright, with axe-core's WCAG 2.1 A/AA rules.
"""

from __future__ import annotations

import functools
import html.parser
import http.server
import re
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urlparse

import pytest
from click.testing import CliRunner

from briefgen.cli import main

ROOT = Path(__file__).resolve().parents[1]
SCHEMAS = ROOT.parent / "shared" / "schemas" / "diwoo"
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
KIND_PAGES = [
    "briefing/asiel-migratie.html",
    "memo/financien.html",
    "letter/asiel-migratie.html",
    "press/hoofdlijnenakkoord.html",
    "index.html",
]


def _build(base: Path, *extra: str) -> Path:
    for name in ("positions", "templates", "sources"):
        shutil.copytree(ROOT / name, base / name)
    shutil.copy(ROOT / "briefgen.yaml", base / "briefgen.yaml")
    out = base / "out"
    result = CliRunner().invoke(
        main,
        [
            "build",
            "--positions",
            str(base / "positions"),
            "--profile",
            str(base / "briefgen.yaml"),
            "--templates",
            str(base / "templates"),
            "--out",
            str(out),
            "--date",
            "2026-11-27",
            "--jobs",
            "2",
            "--base-url",
            "https://www.example.nl/woo/",
            *extra,
        ],
    )
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _build(tmp_path_factory.mktemp("site"))


class _Page(html.parser.HTMLParser):
    """The facts a static accessibility check needs from a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.headings: list[int] = []
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def test_every_document_has_a_page_and_metadata_and_the_site_its_index(site: Path) -> None:
    import json

    manifest = json.loads((site / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["documents"]) == 35
    for entry in manifest["documents"]:
        formats = {item["format"] for item in entry["files"]}
        assert formats == {"docx", "pdf", "html", "woo"}, entry["id"]
        assert (site / f"{entry['id']}.html").is_file() and (site / f"{entry['id']}.diwoo.xml").is_file()
    site_paths = {item["path"] for item in manifest["site"]}
    assert {"index.html", "assets/web.css", "assets/logo.svg", "sitemap.xml"} <= site_paths
    for item in manifest["site"]:
        assert (site / item["path"]).stat().st_size == item["bytes"]


@pytest.mark.parametrize("name", KIND_PAGES)
def test_page_structure_is_accessible_without_a_browser(site: Path, name: str) -> None:
    page = _parse(site / name)
    tags = [tag for tag, _ in page.tags]
    attrs = dict(page.tags)
    assert attrs["html"].get("lang") == "nl"
    assert page.title.strip() and "Vereniging van Nederlandse Gemeenten" in page.title
    assert {"header", "main", "footer"} <= set(tags)
    skip = next(a for t, a in page.tags if t == "a")
    assert skip.get("href") == "#inhoud" and attrs["main"].get("id") == "inhoud"
    assert page.headings[0] == 1 and page.headings.count(1) == 1
    assert all(b - a <= 1 for a, b in zip(page.headings, page.headings[1:], strict=False)), page.headings
    assert all(a.get("alt") for t, a in page.tags if t == "img")
    for tag, a in page.tags:
        if tag == "th":
            assert a.get("scope") in ("col", "row")
    if "table" in tags:
        assert "caption" in tags or name != "index.html"
    assert not any(a.get("src", "").startswith("http") or a.get("href", "").startswith("http:") for _, a in page.tags)


def test_page_links_notes_to_sources_and_back_and_offers_downloads(site: Path) -> None:
    text = (site / "briefing" / "asiel-migratie.html").read_text(encoding="utf-8")
    ref = re.search(r'<a id="(verwijzing-1-\d+)" href="#bron-1"', text)
    assert ref, "a note reference links to its source"
    assert f'href="#{ref.group(1)}"' in text and 'id="bron-1"' in text, "the source links back"
    pdf_size = (site / "briefing" / "asiel-migratie.pdf").stat().st_size
    assert re.search(r'href="asiel-migratie\.pdf">PDF-document \(\d+ kB\)</a>', text)
    assert f"({max(1, round(pdf_size / 1000))} kB)" in text
    assert 'href="asiel-migratie.docx">Word-document (' in text
    assert "Stand van zaken" in text


def _validator():  # type: ignore[no-untyped-def]
    etree = pytest.importorskip("lxml.etree", reason="lxml (test extra) validates the DiWoo XML")
    if not (SCHEMAS / "diwoo-metadata.xsd").is_file():
        pytest.skip("the DiWoo schema folder (../shared/schemas/diwoo) is not beside the project")
    return etree, etree.XMLSchema(etree.parse(str(SCHEMAS / "diwoo-metadata.xsd")))


def test_every_diwoo_file_is_valid_against_the_schema(site: Path) -> None:
    etree, schema = _validator()
    files = sorted(site.glob("*/*.diwoo.xml"))
    assert len(files) == 35
    for path in files:
        document = etree.parse(str(path))
        assert schema.validate(document), (path.name, schema.error_log)
        root = document.getroot()
        assert root.tag == "{https://standaarden.overheid.nl/diwoo/metadata/}Document"


def test_sitemap_lists_pages_and_pdfs_with_valid_metadata(site: Path) -> None:
    etree, schema = _validator()
    sitemap = etree.parse(str(site / "sitemap.xml"))
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "d": "https://standaarden.overheid.nl/diwoo/metadata/"}
    locs = sitemap.xpath("//s:url/s:loc/text()", namespaces=ns)
    assert "https://www.example.nl/woo/briefing/asiel-migratie.html" in locs
    assert "https://www.example.nl/woo/press/hoofdlijnenakkoord.pdf" in locs
    for document in sitemap.xpath("//s:url/d:Document", namespaces=ns):
        assert schema.validate(etree.ElementTree(document)), schema.error_log


def test_tooi_publisher_and_categories(project: Path, runner) -> None:
    """A gemeente with its TOOI code publishes under its URI; the categories follow the profile."""
    etree, schema = _validator()
    profile = project / "briefgen.yaml"
    text = profile.read_text(encoding="utf-8")
    text = text.replace("  logo_alt:", "  tooi: gm0363\n  logo_alt:", 1).replace(
        "  kind: vereniging", "  kind: gemeente"
    )
    text += "\npublication:\n  categories:\n    press: c_3a248e3a\n"
    profile.write_text(text, encoding="utf-8")
    result = runner.invoke(
        main,
        [
            "build",
            "--kind",
            "press",
            "--format",
            "woo",
            "--positions",
            str(project / "positions"),
            "--profile",
            str(profile),
            "--templates",
            str(project / "templates"),
            "--out",
            str(project / "out"),
            "--jobs",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    xml = (project / "out" / "press" / "hoofdlijnenakkoord.diwoo.xml").read_text(encoding="utf-8")
    assert 'resource="https://identifier.overheid.nl/tooi/id/gemeente/gm0363"' in xml
    assert "c_3a248e3a" in xml
    assert schema.validate(etree.fromstring(xml.encode()))


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (("  logo_alt:", "  tooi: gemeente-amsterdam\n  logo_alt:"), "is not a TOOI code"),
        (("  logo_alt:", "  tooi: gm9999\n  logo_alt:"), "not in the TOOI list"),
        (
            ("  kind: vereniging", "  kind: gemeente\n  tooi: pv27"),
            "organisation.tooi: 'pv27' is the code of a provincie",
        ),
        (("  kind: vereniging", "  kind: gemeente\n  tooi: ws0155"), "'ws0155' is the code of a waterschap, but kind"),
        (
            ("  logo_alt:", "  tooi: gm0363\n  logo_alt:"),
            "'gm0363' is the code of a gemeente, but kind is 'vereniging'",
        ),
        (("\ngates:", "\npublication:\n  categories:\n    press: c_00000000\n\ngates:"), "not in the DiWoo list"),
        (("\ngates:", "\npublication:\n  document_kinds:\n    nota: c_7652d853\n\ngates:"), "unknown document kind"),
    ],
)
def test_bad_publication_values_are_located_errors_before_rendering(project: Path, runner, edit, message) -> None:
    profile = project / "briefgen.yaml"
    text = profile.read_text(encoding="utf-8")
    assert edit[0] in text
    profile.write_text(text.replace(edit[0], edit[1], 1), encoding="utf-8")
    result = runner.invoke(
        main,
        [
            "build",
            "--positions",
            str(project / "positions"),
            "--profile",
            str(profile),
            "--templates",
            str(project / "templates"),
            "--out",
            str(project / "out"),
        ],
    )
    assert result.exit_code == 1
    assert message in result.output and "briefgen.yaml:" in result.output and "Traceback" not in result.output
    assert not (project / "out").exists()


def test_embargoed_press_statement_gets_no_page_and_no_sitemap_entry(tmp_path: Path) -> None:
    out = _build(tmp_path, "--kind", "press", "--embargo", "2026-11-28 10:00")
    assert (tmp_path / "out-niet-openbaar" / "press" / "hoofdlijnenakkoord.pdf").is_file()
    assert not (out / "press" / "hoofdlijnenakkoord.pdf").exists()  # not in the folder to publish
    assert not (out / "press" / "hoofdlijnenakkoord.html").exists()
    assert not (out / "press" / "hoofdlijnenakkoord.diwoo.xml").exists()
    assert not (out / "sitemap.xml").exists() and not (out / "index.html").exists()


def test_embargo_is_reported_by_the_build(project: Path, runner) -> None:
    result = runner.invoke(
        main,
        [
            "build",
            "--kind",
            "press",
            "--embargo",
            "2026-11-28 10:00",
            "--positions",
            str(project / "positions"),
            "--profile",
            str(project / "briefgen.yaml"),
            "--templates",
            str(project / "templates"),
            "--out",
            str(project / "out"),
            "--jobs",
            "1",
        ],
    )
    assert result.exit_code == 0, result.output
    assert "press/hoofdlijnenakkoord: under embargo, so it is written to " in result.output
    assert "out-niet-openbaar (not for publication): no web page, no Woo metadata" in result.output


# ---------------------------------------------------------------- in a real browser


@pytest.fixture(scope="module")
def server(site: Path) -> Iterator[str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    if CHROMIUM is None:
        pytest.skip("Chromium is not installed (Debian: apt-get install chromium; .ci/run installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright (test extra) drives Chromium")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield launched
        launched.close()


@pytest.mark.parametrize("name", KIND_PAGES)
def test_axe_finds_no_wcag_violations(browser, server: str, name: str) -> None:
    axe_module = pytest.importorskip("axe_playwright_python.sync_playwright", reason="axe-core for Playwright")
    for width in (1280, 375):
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(server + name)
        results = axe_module.Axe().run(
            page, options={"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
        )
        assert results.violations_count == 0, (name, width, results.generate_snapshot())
        page.close()


@pytest.mark.parametrize("width", [320, 375])
def test_no_page_scrolls_sideways_on_a_phone(browser, server: str, site: Path, width: int) -> None:
    """Every page of the default set fits a phone's width: wide tables scroll inside their own
    focusable region, numbers and kenmerken stay whole without pushing the page wider."""
    pages = sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))
    assert len(pages) >= 30
    page = browser.new_page(viewport={"width": width, "height": 800})
    wide = []
    for name in pages:
        page.goto(server + name)
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            wide.append((name, scroll))
    page.close()
    assert not wide, (width, wide)


def test_index_puts_the_whole_agreement_first_and_repeats_no_column(site: Path) -> None:
    page = (site / "index.html").read_text(encoding="utf-8")
    links = re.findall(r'<th scope="row"><a href="([^"]+)"', page)
    assert links[0] == "briefing/hoofdlijnenakkoord.html"
    kinds = [link.split("/")[0] for link in links]
    assert kinds == sorted(kinds, key=["briefing", "memo", "letter", "press"].index)
    heads = re.findall(r"<thead><tr>(.*?)</tr></thead>", page)
    assert heads
    for head in heads:
        names = re.findall(r'<th scope="col">([^<]+)</th>', head)
        assert names[0] == "Titel" and names[-2:] == ["Kenmerk", "Downloads"]
        assert "Onderwerp" not in names and "Datum" not in names  # one date for all: in the caption
    assert page.count("gedateerd 27\u00a0november\u00a02026") == len(heads)


def test_data_tables_scroll_in_a_focusable_named_region(browser, server: str) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto(server + "briefing/hoofdlijnenakkoord.html")
    regions = page.eval_on_selector_all(
        "table.data",
        "tables => tables.map(t => { const r = t.parentElement; return [r.getAttribute('role'),"
        " r.getAttribute('aria-label'), r.tabIndex, getComputedStyle(r).overflowX]; })",
    )
    page.close()
    assert regions
    for role, label, tabindex, overflow in regions:
        assert (role, tabindex, overflow) == ("region", 0, "auto") and label


def test_skip_link_moves_focus_to_the_main_content(browser, server: str) -> None:
    page = browser.new_page()
    page.goto(server + "briefing/asiel-migratie.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Naar de inhoud"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "inhoud"
    page.close()


@pytest.mark.parametrize("name", KIND_PAGES)
def test_every_link_resolves_to_a_file_or_an_https_url(browser, server: str, site: Path, name: str) -> None:
    page = browser.new_page()
    page.goto(server + name)
    hrefs = page.eval_on_selector_all("a[href]", "links => links.map(a => a.href)")
    page.close()
    assert hrefs
    for href in hrefs:
        parsed = urlparse(href)
        if parsed.scheme in ("mailto", "tel"):
            continue
        if href.startswith(server):
            target = site / unquote(parsed.path.lstrip("/"))
            assert target.is_file(), href
        else:
            assert parsed.scheme == "https", href


def test_second_build_reuses_every_web_file_and_restores_a_deleted_index(site: Path, tmp_path: Path) -> None:
    work = tmp_path / "copy"
    shutil.copytree(site.parent, work, symlinks=False)
    out = work / "out"
    args = [
        "build",
        "--positions",
        str(work / "positions"),
        "--profile",
        str(work / "briefgen.yaml"),
        "--templates",
        str(work / "templates"),
        "--out",
        str(out),
        "--date",
        "2026-11-27",
        "--jobs",
        "2",
        "--base-url",
        "https://www.example.nl/woo/",
    ]
    again = CliRunner().invoke(main, args)
    assert "35 documents: 0 built, 35 reused" in again.output, again.output
    (out / "index.html").unlink()
    restored = CliRunner().invoke(main, args)
    assert "0 built, 35 reused" in restored.output and "(nothing changed)" not in restored.output
    assert (out / "index.html").read_bytes() == (site / "index.html").read_bytes()
    assert (out / "manifest.json").read_bytes() == (site / "manifest.json").read_bytes()
