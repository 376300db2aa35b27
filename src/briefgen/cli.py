"""The ``briefgen`` command line: small commands whose docstrings are their help."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from briefgen import __version__
from briefgen.characters import FORBIDDEN_CHARS
from briefgen.options import PDF_ENGINES
from briefgen.problems import ProblemsError, UsageError, display_path

EXIT_PROBLEMS = 1
EXIT_USAGE = 2
MAX_MESSAGE = 500
"""Longest unexpected-error message printed (the rest is cut off)."""
MAX_OPTION_TEXT = 200
_INVALID_TEXT = re.compile(f"{FORBIDDEN_CHARS.pattern}|[\r\u2028\u2029]")
"""Refused in a one-line option: the forbidden characters, carriage return, line separators."""

F = TypeVar("F", bound=Callable[..., Any])


def _inputs(func: F) -> F:
    func = click.option(
        "--profile",
        type=click.Path(path_type=Path),
        default=Path("briefgen.yaml"),
        show_default=True,
        help="Profile: organisation, people, portfolios, addressees, numbering.",
    )(func)
    return click.option(
        "--positions",
        type=click.Path(path_type=Path),
        default=Path("positions"),
        show_default=True,
        help="Folder with the position files.",
    )(func)


def _fail(code: int, lines: list[str]) -> None:
    for line in lines:
        click.echo(line, err=True)
    sys.exit(code)


def _guard(debug: bool, action: Callable[[], Any]) -> Any:
    """Run ``action``; turn known errors into messages and exit codes (tracebacks only with --debug)."""
    try:
        return action()
    except ProblemsError as error:
        count = len(error.problems)
        _fail(EXIT_PROBLEMS, [*map(str, error.problems), f"{count} problem{'s' if count != 1 else ''} found."])
    except UsageError as error:
        _fail(EXIT_USAGE, [f"Error: {error}"])
    except BrokenPipeError:  # output piped into e.g. `head`
        sys.stderr.close()
        sys.exit(0)
    except KeyboardInterrupt:
        _fail(130, ["Interrupted; nothing was replaced in the output folder."])
    except BaseException as error:  # last resort (also BaseExceptions such as WeasyPrint's fatal fetch error)
        if debug or isinstance(error, (SystemExit, GeneratorExit)):
            raise
        text = str(error)
        text = text if len(text) <= MAX_MESSAGE else text[: MAX_MESSAGE - 1] + "…"
        _fail(EXIT_PROBLEMS, [f"Error: {type(error).__name__}: {text}", "Run again with --debug for details."])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="briefgen")
@click.option("--debug", is_flag=True, help="Show a traceback on unexpected errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Turn structured positions into Dutch council briefings, memos, press statements and
    lobby letters, each as DOCX, PDF, web page and Woo metadata (DiWoo).

    The output folder holds exactly the public set; documents under embargo and concepts go to a
    separate folder that is never published. Exit codes: 0 ok, 1 problems in the input or a failed
    gate, 2 wrong usage."""
    ctx.obj = {"debug": debug}


def _default_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.date.today()


def _parse_date(value: str | None) -> dt.date:
    if value is None:
        return _default_date()
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise UsageError(f"--date: expected YYYY-MM-DD, got {value!r}") from None


def _parse_embargo(value: str | None) -> dt.datetime | None:
    if value is None:
        return None
    try:
        return dt.datetime.strptime(value.strip(), "%Y-%m-%d %H:%M")
    except ValueError:
        raise UsageError(f"--embargo: expected 'YYYY-MM-DD HH:MM', got {value!r}") from None


@main.command(short_help="Build the documents: DOCX, PDF, web page and Woo metadata.")
@_inputs
@click.option(
    "--kind", "kinds", multiple=True, metavar="KIND", help="briefing, memo, press, letter or changes (repeatable)."
)
@click.option("--theme", metavar="ID", help="Only this theme (see `briefgen list themes`).")
@click.option("--portfolio", metavar="ID", help="Only this portfolio's memo (see `briefgen list portfolios`).")
@click.option(
    "--format",
    "formats",
    multiple=True,
    metavar="FORMAT",
    help="docx, pdf, html (web page) or woo (DiWoo metadata); repeatable; default all.",
)
@click.option(
    "--templates",
    type=click.Path(path_type=Path),
    default=Path("templates"),
    show_default=True,
    help="Folder with the audience templates (kinds/) and the house style (house/).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("out"),
    show_default=True,
    help="Output folder: exactly the public set, to publish as it is (without .briefgen/).",
)
@click.option(
    "--non-public",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Folder for documents under embargo and concepts, never published (default: OUT-niet-openbaar beside OUT).",
)
@click.option("--date", "date_text", metavar="YYYY-MM-DD", help="Document date (default: today, or SOURCE_DATE_EPOCH).")
@click.option("--embargo", metavar="'YYYY-MM-DD HH:MM'", help="Put the press statement under embargo until then.")
@click.option("--embargo-reason", metavar="TEXT", help="Reason on the embargo line (default: from the profile).")
@click.option("--base-url", metavar="URL", help="Where out/ is published (https://…): also write sitemap.xml.")
@click.option(
    "--concept",
    is_flag=True,
    help="Also build press statements and letters whose content is not vastgesteld, marked CONCEPT (never on the web).",
)
@click.option(
    "--changes-since",
    metavar="REV",
    help="Also write a change document (wijzigingsoverzicht) per theme changed since REV (git revision or folder).",
)
@click.option("--jobs", "-j", type=click.IntRange(1, 64), default=None, help="Worker processes (default: cores).")
@click.option("--force", is_flag=True, help="Rebuild everything, ignoring what was built before.")
@click.option(
    "--executor",
    type=click.Choice(["local", "dask"]),
    default="local",
    show_default=True,
    help="Where PDFs are rendered: the built-in worker pool, or Dask (pip install '.[dask]').",
)
@click.option(
    "--scheduler",
    metavar="ADDRESS",
    help="Dask scheduler, e.g. tcp://10.0.0.5:8786 (default: a LocalCluster of --jobs workers).",
)
@click.option(
    "--pdf-engine",
    type=click.Choice(PDF_ENGINES),
    default=None,
    help="PDF engine: weasyprint or typst (default: pdf.engine of the profile, else weasyprint).",
)
@click.option(
    "--profiles",
    "profiles_dir",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Build every profile DIR/<id>.yaml into OUT/<id>/, with OUT/manifest.json indexing them all.",
)
@click.pass_context
def build(
    ctx: click.Context,
    positions: Path,
    profile: Path,
    kinds: tuple[str, ...],
    theme: str | None,
    portfolio: str | None,
    formats: tuple[str, ...],
    templates: Path,
    out: Path,
    non_public: Path | None,
    date_text: str | None,
    embargo: str | None,
    embargo_reason: str | None,
    base_url: str | None,
    jobs: int | None,
    force: bool,
    changes_since: str | None,
    concept: bool,
    executor: str,
    scheduler: str | None,
    pdf_engine: str | None,
    profiles_dir: Path | None,
) -> None:
    """Build documents into OUT/<kind>/<id>.docx|.pdf|.html|.diwoo.xml, OUT/index.html and OUT/manifest.json.

    Without options: the briefing on the whole agreement, every briefing and letter (one per
    theme), every portfolio's memo and the press statement, in every format. Unchanged
    documents are reused. With --profiles: the same for every organisation in DIR.

    OUT holds exactly the public set (copy it without .briefgen/ to publish): a document under
    embargo or a concept is written to the non-public folder (--non-public, default
    OUT-niet-openbaar beside OUT) with its own manifest, and the files of a document no longer
    published are removed from OUT, its index and its sitemap.
    """
    if scheduler is not None and executor != "dask":
        _guard(ctx.obj["debug"], lambda: _raise(UsageError("--scheduler needs --executor dask")))
    run_on = (executor, _option_text("--scheduler", scheduler), pdf_engine)
    if profiles_dir is not None:
        if ctx.get_parameter_source("profile") is not click.core.ParameterSource.DEFAULT:
            _guard(ctx.obj["debug"], lambda: _raise(UsageError("--profile and --profiles exclude each other")))
        selection = (tuple(dict.fromkeys(kinds)), theme, portfolio, tuple(dict.fromkeys(formats)))
        dates = (date_text, embargo, embargo_reason, _base_url(base_url), concept, changes_since)
        _guard(
            ctx.obj["debug"],
            lambda: _build_batch(
                positions, profiles_dir, templates, (out, non_public), selection, dates, jobs, force, run_on
            ),
        )
        return

    def run() -> None:
        from briefgen.cli_progress import progress_printer
        from briefgen.pipeline import BuildRequest
        from briefgen.pipeline import build as run_build
        from briefgen.pipeline.selection import FORMATS, Selection

        _check_input_paths(positions, profile, templates)
        options = _options(date_text, embargo, embargo_reason, profile, _base_url(base_url))
        options = dataclasses.replace(options, concept=concept, changes_since=changes_since)
        request = BuildRequest(
            positions=positions,
            profile=profile,
            templates=templates,
            out=out,
            selection=Selection(
                tuple(dict.fromkeys(kinds)), theme, portfolio, tuple(dict.fromkeys(formats)) or FORMATS
            ),
            options=options,
            jobs=jobs or os.cpu_count() or 1,
            force=force,
            executor=run_on[0],
            scheduler=run_on[1],
            non_public=non_public,
            pdf_engine=run_on[2],
        )
        with progress_printer() as progress:
            report = run_build(request, progress)
        click.echo(report.summary() + (" (nothing changed)" if report.noop else ""))
        for note in report.notes:
            click.echo(note)
        if not report.noop:  # a no-change build wrote nothing new
            dated = _document_date(request.options, profile, positions)
            _date_note(dated)
            _warn_if_stale(positions, dated.date)

    _guard(ctx.obj["debug"], run)


def _raise(error: Exception) -> None:
    raise error


def _build_batch(
    positions: Path,
    profiles_dir: Path,
    templates: Path,
    folders: tuple[Path, Path | None],
    selection_args: tuple[Any, ...],
    dates: tuple[Any, ...],
    jobs: int | None,
    force: bool,
    run_on: tuple[str, str | None, str | None],
) -> None:
    """``build --profiles DIR``: every organisation, then a summary; exit 1 when one failed."""
    from briefgen.cli_progress import progress_printer
    from briefgen.pipeline import BuildRequest
    from briefgen.pipeline.batch import build_batch, profile_files
    from briefgen.pipeline.selection import FORMATS, Selection

    out, non_public = folders
    profiles = profile_files(profiles_dir)
    _check_input_paths(positions, profiles[0], templates)
    date_text, embargo, embargo_reason, base_url, concept, changes_since = dates
    kinds, theme, portfolio, formats = selection_args
    options = _options(date_text, embargo, embargo_reason, profiles[0], base_url, profile_reason=False)
    options = dataclasses.replace(options, concept=concept, changes_since=changes_since)
    request = BuildRequest(
        positions=positions,
        profile=profiles[0],
        templates=templates,
        out=out,
        selection=Selection(kinds, theme, portfolio, formats or FORMATS),
        options=options,
        jobs=jobs or os.cpu_count() or 1,
        force=force,
        executor=run_on[0],
        scheduler=run_on[1],
        non_public=non_public,
        pdf_engine=run_on[2],
    )

    def announce(organisation: str, done: int, total: int) -> None:
        click.echo(f"== {organisation} ({done + 1}/{total})", err=True)

    with progress_printer() as progress:
        report = build_batch(request, profiles, progress, announce)
    for outcome in report.outcomes:
        if outcome.report is not None:
            click.echo(f"{outcome.id}: {outcome.report.summary()}")
            for note in outcome.report.notes:  # e.g. temporary files an interrupted build had left
                click.echo(f"{outcome.id}: {note}")
    click.echo(report.summary())
    for orphan in report.orphans:
        click.echo(
            f"{display_path(out / orphan)}: no profile {orphan}.yaml in {display_path(profiles_dir)} builds this "
            "folder any more; it is left as it was and not listed in the index (remove it if it is no longer needed)",
            err=True,
        )
    if report.failed:
        lines = []
        for outcome in report.failed:
            lines.append(f"{outcome.id}: not built ({display_count(len(outcome.problems))}):")
            lines.extend(f"  {problem}" for problem in outcome.problems)
        _fail(EXIT_PROBLEMS, lines)


def display_count(count: int) -> str:
    """``1 problem``, ``3 problems``."""
    return f"{count} problem{'s' if count != 1 else ''}"


def _warn_if_stale(positions: Path, date: dt.date) -> None:
    """One line on standard error when the documents are dated long after the positions' peildatum."""
    from briefgen.readers.positions import STALE_AFTER_DAYS, reference_date

    peildatum = reference_date(positions)
    if peildatum is not None and (date - peildatum).days > STALE_AFTER_DAYS:
        from briefgen.content.dutch import date as dutch_date

        click.echo(
            f"Let op: de posities zijn van {dutch_date(peildatum)}; controleer of ze nog actueel zijn.", err=True
        )


def _check_input_paths(positions: Path, profile: Path, templates: Path) -> None:
    """Paths given on the command line must exist and be of the right kind (else exit 2)."""
    if not positions.is_dir():
        raise UsageError(f"--positions: folder {str(positions)!r} not found")
    if not profile.is_file():
        raise UsageError(f"--profile: file {str(profile)!r} not found")
    for part in ("kinds", "house"):
        if not (templates / part).is_dir():
            raise UsageError(f"--templates: folder {str(templates)!r} has no {part}/ folder")


def _option_text(option: str, value: str | None) -> str | None:
    """A free-text option: one line of printable text, not too long."""
    if value is None:
        return None
    bad = _INVALID_TEXT.search(value)
    if bad:
        raise UsageError(f"{option}: invalid character U+{ord(bad.group()):04X} at position {bad.start() + 1}")
    from briefgen.readers.yamlfile import right_to_left

    rtl = right_to_left(value)
    if rtl is not None:
        raise UsageError(f"{option}: right-to-left character U+{ord(value[rtl]):04X} is not supported")
    if len(value) > MAX_OPTION_TEXT:
        raise UsageError(f"{option}: {len(value)} characters; the limit is {MAX_OPTION_TEXT}")
    return value


def _base_url(value: str | None) -> str | None:
    """``--base-url``: an https URL without query or fragment."""
    if value is None:
        return None
    if not re.fullmatch(r"https://[A-Za-z0-9.-]+(?::\d+)?(?:/[A-Za-z0-9._~%/-]*)?", value):
        raise UsageError(f"--base-url: expected an https URL such as https://www.example.nl/woo/, got {value!r}")
    return value


def _options(
    date_text: str | None,
    embargo: str | None,
    reason: str | None,
    profile: Path,
    base_url: str | None = None,
    profile_reason: bool = True,
) -> Any:
    from briefgen.options import Options

    reason = _option_text("--embargo-reason", reason)
    moment = _parse_embargo(embargo)
    if moment is not None and reason is None and profile_reason:
        reason = _profile_embargo_reason(profile)
    return Options(
        date=_parse_date(date_text),
        date_source="--date" if date_text is not None else "today",
        embargo=moment,
        embargo_reason=(reason or "").strip(),
        base_url=base_url,
    )


def _document_date(options: Any, profile: Path, positions: Path) -> Any:
    """The options with the document date resolved as the build resolves it (for the CLI's notes)."""
    from briefgen.options import resolve_date
    from briefgen.readers.positions import reference_date
    from briefgen.readers.profile import load_profile

    try:
        profile_date = load_profile(profile).profile.date
    except ProblemsError:
        profile_date = None
    return resolve_date(options, profile_date, reference_date(positions, "date"))


def _date_note(options: Any) -> None:
    """Say so when no date was set anywhere and the documents are dated today."""
    if options.date_source == "today":
        from briefgen.content.dutch import date as dutch_date

        click.echo(
            f"Let op: geen documentdatum in --date, het profiel (date) of _algemeen.yaml (date); "
            f"de documenten zijn gedateerd op vandaag, {dutch_date(options.date)}.",
            err=True,
        )


def _profile_embargo_reason(profile: Path) -> str | None:
    from briefgen.readers.profile import load_profile

    return load_profile(profile).profile.press.embargo_reason


@main.command(short_help="Validate the inputs and run the quality gates.")
@_inputs
@click.option(
    "--templates",
    type=click.Path(path_type=Path),
    default=Path("templates"),
    show_default=True,
    help="Folder with the audience templates (kinds/).",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    help="Built files to check (default: out/ when it exists and was built from this profile's organisation).",
)
@click.option(
    "--date",
    "date_text",
    metavar="YYYY-MM-DD",
    help="Document date the built files should carry (default: the date in their manifest, else the build's).",
)
@click.option("--gate", "gates", multiple=True, metavar="NAME", help="Run only this quality gate (repeatable).")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--source",
    "sources",
    type=click.Path(path_type=Path),
    multiple=True,
    help="Source text (plain text or PDF) to trace every claim's basis to (repeatable; default: `source` of "
    "the profile).",
)
@click.option(
    "--strict",
    is_flag=True,
    help="Every tracing finding (sentence, wrong section, untraced, no source) fails the gate.",
)
@click.pass_context
def check(
    ctx: click.Context,
    positions: Path,
    profile: Path,
    templates: Path,
    out: Path | None,
    date_text: str | None,
    gates: tuple[str, ...],
    as_json: bool,
    sources: tuple[Path, ...],
    strict: bool,
) -> None:
    """Validate the positions and the profile; print every problem as FILE:LINE:COL: FIELD: MESSAGE.

    Then run the quality gates (figures, provenance, readability, conformance, parity; which
    ones and how strict: `gates:` in the profile) and print a report; exit 1 when one fails.
    """

    def run() -> None:
        from briefgen.checks import check_options, output_folder, run_checks
        from briefgen.checks.report import formatted
        from briefgen.readers.positions import load_positions
        from briefgen.readers.profile import check_against_positions, load_profile

        check_options(gates, out)
        _check_input_paths(positions, profile, templates)
        problems: list[Any] = []
        loaded_positions = loaded_profile = None
        try:
            loaded_positions = load_positions(positions)
        except ProblemsError as error:
            problems.extend(error.problems)
        try:
            loaded_profile = load_profile(profile)
        except ProblemsError as error:
            problems.extend(error.problems)
        if loaded_positions and loaded_profile:
            try:
                check_against_positions(loaded_profile, loaded_positions)
            except ProblemsError as error:
                problems.extend(error.problems)
        if problems:
            raise ProblemsError(problems)
        assert loaded_positions is not None and loaded_profile is not None
        topics = sum(len(theme.topics) for theme in loaded_positions.themes)
        click.echo(
            f"OK: {len(loaded_positions.themes)} themes, {topics} topics, {len(loaded_positions.figures)} figures, "
            f"{len(loaded_positions.sources)} sources; profile {profile}: "
            f"{len(loaded_profile.profile.portfolios)} portfolios",
            err=as_json,
        )
        for source in sources:
            if not source.is_file():
                raise UsageError(f"--source: file {str(source)!r} not found")
        folder = _checked_folder(output_folder(out), out is not None, loaded_profile.profile.organisation.name)
        date = _parse_date(date_text) if date_text is not None else _built_date(folder)
        if date is None:  # nothing built to check: the document date a build would use
            from briefgen.options import Options, resolve_date

            today = Options(date=_default_date(), date_source="today")
            date = resolve_date(today, loaded_profile.profile.date, loaded_positions.general.date).date
        report = run_checks(positions, profile, templates, folder, gates or None, date, sources, strict)
        click.echo(formatted(report, as_json, sys.stdout.isatty()), nl=False)
        if not report.passed:
            sys.exit(EXIT_PROBLEMS)

    _guard(ctx.obj["debug"], run)


def _checked_folder(folder: Path | None, named: bool, organisation: str) -> Path | None:
    """The built files ``check`` reads: a folder named with --out, or the default one when it holds
    this organisation's documents (another organisation's are skipped, with a note)."""
    from briefgen.pipeline.output import MANIFEST, read_json

    if folder is None or named:
        return folder
    manifest = read_json(folder / MANIFEST) or {}
    built_for = manifest.get("organisation")
    if built_for is None or built_for == organisation:
        return folder
    click.echo(
        f"Note: {display_path(folder)} holds the documents of {built_for}, not of {organisation}: its built files are "
        "not checked; give --out with the folder built from this profile",
        err=True,
    )
    return None


def _built_date(folder: Path | None) -> dt.date | None:
    """The document date of the build in ``folder`` (from its manifest), if there is one."""
    from briefgen.pipeline.output import MANIFEST, read_json

    manifest = read_json(folder / MANIFEST) if folder is not None else None
    try:
        return dt.date.fromisoformat(str((manifest or {})["date"]))
    except (KeyError, ValueError):
        return None


@main.command(short_help="Show each claim beside its source fragments.")
@_inputs
@click.option(
    "--source",
    "sources",
    type=click.Path(path_type=Path),
    multiple=True,
    help="Source text (repeatable; default: `source` of the profile).",
)
@click.option("--theme", "themes", multiple=True, metavar="ID", help="Only the claims of this theme (repeatable).")
@click.option("--untraced", is_flag=True, help="Show only claims that are not traced.")
@click.option("--html", "html_out", type=click.Path(path_type=Path), help="Also write the review as an HTML page.")
@click.pass_context
def trace(
    ctx: click.Context,
    positions: Path,
    profile: Path,
    sources: tuple[Path, ...],
    themes: tuple[str, ...],
    untraced: bool,
    html_out: Path | None,
) -> None:
    """Show each claim of the positions beside the source fragments it rests on.

    A reviewer reads paraphrase and source side by side; exit 1 when a shown claim is untraced.
    """

    def run() -> None:
        from briefgen.readers.positions import load_positions
        from briefgen.readers.profile import load_profile
        from briefgen.tracing.audit import open_sources
        from briefgen.tracing.audit import trace as trace_claims
        from briefgen.tracing.review import review_html, review_lines, summary

        loaded = load_positions(positions)
        if not sources:
            named = load_profile(profile).profile.source if profile.is_file() else None
            if named is None:
                raise UsageError("no source: give --source FILE or set `source:` in the profile")
            source_paths = [profile.parent / named]
        else:
            source_paths = list(sources)
        known = [theme.id for theme in loaded.themes]
        for theme_id in themes:
            if theme_id not in known:
                raise UsageError(f"--theme: unknown theme {theme_id!r}; valid: {', '.join(known)}")
        items = trace_claims(loaded, open_sources(source_paths, loaded), set(themes) if themes else None)
        shown = [item for item in items if not item.traced] if untraced else items
        for line in review_lines(shown):
            click.echo(line)
        click.echo(summary(items))
        if html_out is not None:
            from briefgen.pipeline.output import write_atomic

            page = review_html(shown, ", ".join(str(path) for path in source_paths))
            try:
                write_atomic({html_out: page.encode("utf-8")})
            except OSError as error:
                raise UsageError(f"--html: cannot write {str(html_out)!r}: {error.strerror}") from None
            click.echo(f"Wrote {html_out}")
        if any(not item.traced for item in shown):
            sys.exit(EXIT_PROBLEMS)

    _guard(ctx.obj["debug"], run)


@main.command(short_help="Take a reviewed DOCX back into the positions.")
@click.argument("documents", nargs=-1, required=True, type=click.Path(path_type=Path))
@_inputs
@click.option(
    "--templates",
    type=click.Path(path_type=Path),
    default=Path("templates/kinds"),
    show_default=True,
    help="Audience templates (to say where text outside the claims comes from).",
)
@click.option("--source", type=click.Path(path_type=Path), help="Source text (default: `source` of the profile).")
@click.option("--dry-run", is_flag=True, help="Show the changes per file and line; write nothing.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.option(
    "--pending",
    type=click.Choice(["accept", "reject"]),
    default="accept",
    show_default=True,
    help="Take tracked changes in the DOCX as accepted, or ignore them.",
)
@click.option("--allow-delete", is_flag=True, help="Remove a list item whose paragraph was deleted in the DOCX.")
@click.pass_context
def absorb(
    ctx: click.Context,
    documents: tuple[Path, ...],
    positions: Path,
    profile: Path,
    templates: Path,
    source: Path | None,
    dry_run: bool,
    as_json: bool,
    pending: str,
    allow_delete: bool,
) -> None:
    """Take reviewed DOCX files back into the positions.

    Each paragraph that shows a claim is mapped to its file and field; changed claim texts are
    written back as minimal changes to the YAML, merged three ways with edits made to the YAML
    since the build. Edits outside the claims, deleted claims and comments are listed. Exit 1
    when a conflict, a figure edited in the text or the check of the changed claims fails (the
    YAML is still written when only the check fails).
    """

    def run() -> None:
        import json

        from briefgen.absorb import absorb as absorb_documents

        for document in documents:
            if not document.is_file():
                raise UsageError(f"file {str(document)!r} not found")
        if source is not None and not source.is_file():
            raise UsageError(f"--source: file {str(source)!r} not found")
        report = absorb_documents(
            list(documents),
            positions,
            profile,
            templates,
            pending="reject" if pending == "reject" else "accept",
            allow_delete=allow_delete,
            dry_run=dry_run,
            source=source,
        )
        if as_json:
            click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
        else:
            for line in absorb_lines(report):
                click.echo(line)
        if report.gate_failed:
            sys.exit(EXIT_PROBLEMS)

    _guard(ctx.obj["debug"], run)


def absorb_lines(report: Any) -> list[str]:
    """The absorb report for people: each change as file:line with old and new text."""
    lines = []
    for edit in report.edits:
        verb = "would change" if report.dry_run else "changed"
        if edit.action == "delete":
            verb = "would delete" if report.dry_run else "deleted"
        lines.append(f"{edit.file}:{edit.line}: {edit.field}: {verb}")
        lines.append(f"  - {edit.before}")
        if edit.after:
            lines.append(f"  + {edit.after}")
    for finding in report.findings:
        lines.append(f"{finding.severity}: {finding}")
    for name in report.merged:
        lines.append(f"note: {name} changed since the DOCX was built; its claims were merged three ways")
    if report.written:
        failed = " (the check failed: see above)" if report.gate_failed else ""
        lines.append(f"Wrote {', '.join(report.written)}{failed}")
    elif not report.edits:
        lines.append("No claim was changed in the DOCX.")
    elif report.dry_run:
        lines.append("Dry run: nothing written.")
    else:
        lines.append("Nothing written.")
    return lines


@main.command(short_help="What changed in meaning between two versions.")
@click.argument("old")
@click.argument("new", required=False)
@click.option(
    "--positions",
    type=click.Path(path_type=Path),
    default=Path("positions"),
    show_default=True,
    help="The positions folder: NEW when it is left out, and where git revisions are read from.",
)
@click.option(
    "--profile",
    type=click.Path(path_type=Path),
    default=Path("briefgen.yaml"),
    show_default=True,
    help="Profile, checked like every command does (when it exists or is named); the overlay is not compared.",
)
@click.option("--markdown", "as_markdown", is_flag=True, help="Print the report as Markdown.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def diff(
    ctx: click.Context, old: str, new: str | None, positions: Path, profile: Path, as_markdown: bool, as_json: bool
) -> None:
    """What changed in meaning between two versions of the positions, per theme and topic.

    OLD and NEW are position folders or git revisions (HEAD~1, a tag) of --positions; NEW
    defaults to --positions as it is now. Reports stances, figures (old → new), asks, reworded
    paragraphs (word by word), sources and status; matches items by id, ignores reordering and
    reports renamed ids.
    """

    def run() -> None:
        from briefgen.changes import report
        from briefgen.changes.diff import diff_positions, titles
        from briefgen.changes.revisions import positions_at

        named = ctx.get_parameter_source("profile") is not click.core.ParameterSource.DEFAULT
        if named or profile.exists():
            from briefgen.readers.profile import load_profile

            load_profile(profile)  # a broken profile is reported here as in every command
        new_name = new or str(positions)
        with positions_at(old, positions) as before, positions_at(new_name, positions) as after:
            changes = diff_positions(before, after)
            names = titles(before, after)
        if as_json:
            click.echo(report.as_json(changes, old, new_name))
        elif as_markdown:
            click.echo(report.markdown(changes, old, new_name, names))
        else:
            shown = report.terminal(changes, old, new_name, names, color=sys.stdout.isatty())
            click.echo(shown, nl=False)

    _guard(ctx.obj["debug"], run)


@main.command(short_help="Serve every document locally, updated as you edit.")
@_inputs
@click.option(
    "--templates",
    type=click.Path(path_type=Path),
    default=Path("templates"),
    show_default=True,
    help="Folder with the audience templates (kinds/) and the house style (house/).",
)
@click.option("--port", type=click.IntRange(0, 65535), default=8765, show_default=True, help="Port (0: any free port).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on; keep it local.")
@click.option("--date", "date_text", metavar="YYYY-MM-DD", help="Document date (default: today).")
@click.option(
    "--pdf-engine",
    type=click.Choice(PDF_ENGINES),
    default=None,
    help="PDF engine: weasyprint or typst (default: pdf.engine of the profile, else weasyprint).",
)
@click.pass_context
def preview(
    ctx: click.Context,
    positions: Path,
    profile: Path,
    templates: Path,
    port: int,
    host: str,
    date_text: str | None,
    pdf_engine: str | None,
) -> None:
    """Show every document in the browser, updated as you edit positions, overlay, profile or templates.

    Serves on 127.0.0.1 only (unless --host says otherwise). Each document is a web page that
    reloads itself when its content changes, keeping its scroll position; an input error is shown
    over the last good version with its file and line. PDF and DOCX are rendered on request.
    Stop with Ctrl-C.
    """

    def run() -> None:
        from briefgen.pipeline import BuildRequest
        from briefgen.pipeline.selection import Selection
        from briefgen.preview.server import LOOPBACK, Preview, serve

        _check_input_paths(positions, profile, templates)
        options = _options(date_text, None, None, profile)
        request = BuildRequest(
            positions, profile, templates, Path("unused"), Selection(), options, pdf_engine=pdf_engine
        )
        if host != LOOPBACK:
            click.echo(f"Warning: listening on {host}: other machines can read these documents.", err=True)
        live = Preview(request)
        server = serve(live, host, port)
        try:
            live.start()
            shown_host = f"[{host}]" if ":" in host else host
            click.echo(f"Preview on http://{shown_host}:{server.server_address[1]}/ — stop with Ctrl-C")
            if live.state.problems:
                click.echo("\n".join(str(problem) for problem in live.state.problems), err=True)
            server.serve_forever(poll_interval=0.2)
        except KeyboardInterrupt:
            click.echo("Preview stopped.")
        finally:
            live.stop()
            server.server_close()

    _guard(ctx.obj["debug"], run)


@main.command(name="list")
@click.argument("what", type=click.Choice(["themes", "topics", "portfolios"]))
@_inputs
@click.pass_context
def list_(ctx: click.Context, what: str, positions: Path, profile: Path) -> None:
    """List themes, topics or portfolios: one per line, id first."""

    def run() -> None:
        if what == "portfolios":
            from briefgen.readers.profile import load_profile

            loaded = load_profile(profile)
            for portfolio in loaded.profile.portfolios:
                holder = loaded.person(portfolio.holder)
                click.echo(f"{portfolio.id}\t{portfolio.title}\t{holder.name or holder.role}")
            return
        from briefgen.readers.positions import load_positions

        loaded_positions = load_positions(positions)
        for theme in loaded_positions.themes:
            if what == "themes":
                count = len(theme.topics)
                click.echo(f"{theme.id}\t{theme.title}\t{count} topic{'s' if count != 1 else ''}")
            else:
                for topic in theme.topics:
                    click.echo(f"{topic.id}\t{topic.title}\t{theme.id}\t{topic.stance.value}")

    _guard(ctx.obj["debug"], run)
