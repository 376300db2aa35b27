"""Benchmark briefgen builds on this machine, side by side with LibreOffice, for each PDF engine.

Not part of the tests. Run from the project root (after ``pip install -e .``)::

    python benchmarks/bench_build.py                  # everything, 5 runs each, memos 300,1000,3000
    python benchmarks/bench_build.py --memos 300      # a quicker scaling check
    python benchmarks/bench_build.py --memos '' --runs 3 --json results.json
    python benchmarks/bench_build.py --engines typst  # one engine only

Every figure is measured for each engine of ``--engines`` (default: WeasyPrint and Typst, in one
run, interleaved, so both meet the same machine) and is the median of ``--runs`` runs of the real
command line, each a cold process (start-up and imports included), on a snapshot of the inputs
in a temporary folder:

* full build (DOCX + PDF, ``--jobs``) and documents/s, interleaved with LibreOffice
  converting the same DOCX files (``soffice --headless --convert-to pdf``, one batch call,
  warm user profile) and the ratio of the two;
* no-op rebuild, and its share of a full build;
* rebuild after editing one theme (which documents were rebuilt, and whether that is exactly
  the set whose content changed);
* one briefing from a cold command line into an empty folder;
* a synthetic batch of memos (``examples/lindehoven.yaml`` with its portfolios multiplied):
  time per memo at each size (linearity) and the peak resident memory of every worker;
* the preview (``benchmarks/bench_preview.py``): save a position → updated page and PDF.

Each run also records how much CPU *other* programs used meanwhile (from ``/proc/stat``);
runs where that exceeds ``--disturbed`` cores are marked ``*``. Linux only (``/proc``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DATE = "2026-11-27"
THEME = "wonen-mobiliteit"
SINGLE_THEME = "landelijk-gebied"
SUMMARY = re.compile(r"(\d+) documents?: (\d+) built, (\d+) reused in ([\d.]+) s")
TICKS = os.sysconf("SC_CLK_TCK")


# ---------------------------------------------------------------- measuring one command


def _busy_seconds() -> float:
    """CPU time (all cores) the whole machine spent busy so far."""
    with open("/proc/stat") as stream:
        fields = [int(value) for value in stream.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return (sum(fields[:8]) - idle) / TICKS


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _descendants(root: int) -> list[int]:
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stream:
                    parents[int(entry)] = int(stream.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [root]
    while frontier:
        pid = frontier.pop()
        found.append(pid)
        frontier.extend(child for child, parent in parents.items() if parent == pid)
    return found


def _peak_rss_kib(pid: int) -> tuple[int, str]:
    try:
        with open(f"/proc/{pid}/status") as stream:
            status = stream.read()
        with open(f"/proc/{pid}/cmdline", "rb") as stream:
            command = stream.read().replace(b"\0", b" ").decode(errors="replace")
    except OSError:
        return 0, ""
    match = re.search(r"VmHWM:\s+(\d+) kB", status)
    return (int(match.group(1)) if match else 0), command


@dataclass
class Run:
    """One timed command."""

    seconds: float
    output: str
    foreign_cores: float
    """Average CPU other programs used during the run, in cores."""
    worker_rss_kib: list[int] = field(default_factory=list)
    main_rss_kib: int = 0

    def disturbed(self, limit: float) -> bool:
        return self.foreign_cores > limit


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None, watch_memory: bool = False) -> Run:
    """Run ``command`` to completion; time it, watch other load and (optionally) memory."""
    peaks: dict[int, tuple[int, str]] = {}
    busy0, ours0, start = _busy_seconds(), _children_cpu(), time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    stop = threading.Event()

    def watch() -> None:
        while not stop.wait(0.05):
            for pid in _descendants(process.pid):
                rss, name = _peak_rss_kib(pid)
                if rss:
                    peaks[pid] = (max(rss, peaks.get(pid, (0, ""))[0]), name or peaks.get(pid, (0, ""))[1])

    watcher = threading.Thread(target=watch, daemon=True)
    if watch_memory:
        watcher.start()
    output, _ = process.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    if watch_memory:
        watcher.join()
    busy, ours = _busy_seconds() - busy0, _children_cpu() - ours0
    if process.returncode != 0:
        raise SystemExit(f"failed ({process.returncode}): {' '.join(command)}\n{output[-3000:]}")
    workers = [rss for pid, (rss, name) in peaks.items() if pid != process.pid and "spawn_main" in name]
    main = peaks.get(process.pid, (0, ""))[0]
    return Run(seconds, output, max(0.0, busy - ours) / seconds, workers, main)


def calibration() -> float:
    """Seconds a fixed pure-Python loop takes here: the machine's speed at the moment (it varies)."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for number in range(5_000_000):
            total += number * number
        best = min(best, time.perf_counter() - start)
    return best


def briefgen_command() -> list[str]:
    script = Path(sys.executable).with_name("briefgen")
    return [str(script)] if script.exists() else [sys.executable, "-c", "from briefgen.cli import main; main()"]


def summary(output: str) -> tuple[int, int, int]:
    """(documents, built, reused) from the build's summary line."""
    match = SUMMARY.search(output)
    if not match:
        raise SystemExit(f"no summary line in:\n{output[-2000:]}")
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


# ---------------------------------------------------------------- the workspace


def workspace(base: Path) -> Path:
    """A snapshot of the inputs (edits and concurrent work in the tree do not disturb the runs)."""
    project = base / "project"
    project.mkdir()
    for name in ("positions", "templates", "examples"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "briefgen.yaml", project / "briefgen.yaml")
    return project


def memo_profile(project: Path, count: int) -> Path:
    """The example municipality with its portfolios repeated to ``count`` (one memo each)."""
    import yaml

    data = yaml.safe_load((project / "examples" / "lindehoven.yaml").read_text(encoding="utf-8"))
    data.pop("overlay", None)  # the shared positions only, as in earlier measurements
    templates = data["portfolios"]
    data["portfolios"] = [
        {**template, "id": f"{template['id']}-{index:05d}", "title": f"{template['title']} ({index})"}
        for index, template in ((i + 1, templates[i % len(templates)]) for i in range(count))
    ]

    class Dumper(yaml.SafeDumper):
        def ignore_aliases(self, data: Any) -> bool:
            return True  # briefgen's strict reader refuses anchors and aliases

    path = project / f"profile-{count}.yaml"
    text = yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=1000)
    path.write_text(text, encoding="utf-8")
    return path


def edit_theme(project: Path, theme: str, mark: str) -> None:
    """Change the title of the theme's first topic (it shows in several kinds of document)."""
    path = next((project / "positions").glob(f"*-{theme}.yaml"))
    text = path.read_text(encoding="utf-8")
    edited = re.sub(r"\n    title: ([^\n]*?)( \(versie \d+\))?\n", rf"\n    title: \1 (versie {mark})\n", text, count=1)
    assert edited != text
    path.write_text(edited, encoding="utf-8")


def composed_models(project: Path) -> dict[str, str]:
    """The composed model of every document of a full build (what decides a rebuild)."""
    from briefgen.options import Options
    from briefgen.pipeline import BuildRequest
    from briefgen.pipeline.compose import compose_all
    from briefgen.pipeline.selection import Selection

    request = BuildRequest(
        positions=project / "positions",
        profile=project / "briefgen.yaml",
        templates=project / "templates",
        out=project / "unused",
        selection=Selection(),
        options=Options(date=dt.date.fromisoformat(DATE)),
    )
    return {item.doc_id: repr(item.document) for item in compose_all(request)}


# ---------------------------------------------------------------- reporting


def median(runs: list[Run]) -> float:
    return statistics.median(run.seconds for run in runs)


def describe(runs: list[Run], limit: float) -> str:
    marks = " ".join(f"{run.seconds:.2f}{'*' if run.disturbed(limit) else ''}" for run in runs)
    return f"median {median(runs):.3f} s  [{marks}]"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median; default 5)")
    parser.add_argument("--jobs", type=int, default=2, help="--jobs for briefgen (default 2)")
    parser.add_argument("--memos", default="300,1000,3000", help="synthetic memo batch sizes ('' to skip)")
    parser.add_argument("--no-libreoffice", action="store_true", help="skip the LibreOffice comparison")
    parser.add_argument("--disturbed", type=float, default=0.25, help="mark runs where others used > this many cores")
    parser.add_argument("--only-memos", action="store_true", help="run only the synthetic memo batches")
    parser.add_argument("--json", type=Path, help="also write all figures to this file")
    parser.add_argument("--keep", action="store_true", help="keep the temporary folder")
    parser.add_argument("--engines", default="weasyprint,typst", help="PDF engines to measure (default both)")
    parser.add_argument("--preview-runs", type=int, default=10, help="preview edits per engine (0 to skip)")
    args = parser.parse_args()
    args.engines = [name.strip() for name in args.engines.split(",") if name.strip()]
    limit = args.disturbed
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    base = Path(tempfile.mkdtemp(prefix="briefgen-bench-"))
    results: dict[str, Any] = {"date": dt.datetime.now().isoformat(timespec="seconds"), "cpus": os.cpu_count()}
    try:
        project = workspace(base)
        cli = [*briefgen_command(), "build", "--date", DATE]
        speed = calibration()
        results["calibration_seconds"] = speed
        print(
            f"briefgen benchmark: {os.cpu_count()} cores, --jobs {args.jobs}, {args.runs} runs per figure, "
            f"PDF engines {', '.join(args.engines)}"
        )
        print(f"calibration: a 5M-step Python loop takes {speed:.3f} s on this machine now")
        print(f"(* = other programs used more than {limit} cores during that run)\n", flush=True)

        if not args.only_memos:
            _small_set(args, base, project, cli, soffice, results)
        for engine in args.engines:
            _memos(args, base, project, [*cli, "--pdf-engine", engine], results.setdefault(engine, {}), engine)
        if not args.only_memos and args.preview_runs:
            for engine in args.engines:
                results.setdefault(engine, {})["preview"] = _preview(args, engine)
        if args.json:
            args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    finally:
        if args.keep:
            print(f"\nkept {base}")
        else:
            shutil.rmtree(base, ignore_errors=True)


def _small_set(
    args: argparse.Namespace, base: Path, project: Path, cli: list[str], soffice: str | None, results: dict[str, Any]
) -> None:
    """Full build per engine against LibreOffice, no-op, one-theme edit and one cold briefing."""
    limit = args.disturbed
    engines: list[str] = args.engines
    # full builds of each engine, interleaved with LibreOffice on the same DOCX files
    full: dict[str, list[Run]] = {engine: [] for engine in engines}
    office: list[Run] = []
    docx_dir = base / "docx"
    profile_dir = base / "lo-profile"
    documents = pages = 0
    pages_of: dict[str, int] = {}
    for index in range(args.runs):
        for engine in engines:
            out = base / f"full-{engine}-{index}"
            command = [*cli, "--pdf-engine", engine, "--jobs", str(args.jobs), "--out", str(out)]
            full[engine].append(run(command, project, watch_memory=True))
            if index == 0:
                documents, _, _ = summary(full[engine][0].output)
                manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
                pages_of[engine] = sum(entry["pages"] or 0 for entry in manifest["documents"])
                if not docx_dir.exists():
                    docx_dir.mkdir()
                    for path in sorted(out.rglob("*.docx")):
                        shutil.copy(path, docx_dir / f"{path.parent.name}--{path.name}")
                    if soffice and not args.no_libreoffice:  # warm-up: creates the user profile
                        run(_office(soffice, profile_dir, docx_dir, base / "lo-warm"), base)
            if index:
                shutil.rmtree(out)
        if soffice and not args.no_libreoffice:
            office.append(run(_office(soffice, profile_dir, docx_dir, base / f"lo-{index}"), base))
    if office:
        files = len(list(docx_dir.glob("*.docx")))
        print(f"LibreOffice     {files} DOCX → PDF, one batch call: {describe(office, limit)}")
        results["libreoffice"] = {"seconds": [r.seconds for r in office], "median": median(office)}
    for engine in engines:
        runs = full[engine]
        pages = pages_of[engine]
        full_median = median(runs)
        workers = [rss for item in runs for rss in item.worker_rss_kib]
        peak = max(workers) / 1024 if workers else 0.0
        print(f"\n[{engine}]")
        print(f"full build      {documents} documents ({pages} PDF pages), all formats: {describe(runs, limit)}")
        print(f"                {documents / full_median:.1f} documents/s; worker peak RSS {peak:.0f} MiB")
        mine = results.setdefault(engine, {})
        mine["full"] = {
            "documents": documents,
            "pages": pages,
            "seconds": [r.seconds for r in runs],
            "median": full_median,
            "documents_per_second": documents / full_median,
            "worker_peak_rss_mib": peak,
            "foreign_cores": [r.foreign_cores for r in runs],
        }
        if office:
            ratio = full_median / median(office)
            target = "≤ 0.4" if engine == "typst" else "≤ 0.5"
            print(f"                briefgen / LibreOffice = {ratio:.2f} (target {target})")
            mine["full"]["ratio_to_libreoffice"] = ratio
        _rebuilds(args, base, project, [*cli, "--pdf-engine", engine], engine, full_median, mine)


def _rebuilds(
    args: argparse.Namespace,
    base: Path,
    project: Path,
    cli: list[str],
    engine: str,
    full_median: float,
    results: dict[str, Any],
) -> None:
    """No-op rebuild, one-theme edit and one cold briefing, with one engine."""
    limit = args.disturbed
    out = base / f"full-{engine}-0"
    run([*cli, "--jobs", str(args.jobs), "--out", str(out)], project)  # up to date (another engine's edits)
    noop = [run([*cli, "--jobs", str(args.jobs), "--out", str(out)], project) for _ in range(2 * args.runs)]
    assert all("(nothing changed)" in item.output for item in noop)
    share = median(noop) / full_median
    print(f"no-op rebuild   {describe(noop, limit)}; {100 * share:.1f}% of a full build (target ≤ 3%)")
    results["noop"] = {"seconds": [r.seconds for r in noop], "median": median(noop), "share_of_full": share}

    # one theme edited, then rebuilt
    edits: list[Run] = []
    exact = True
    built = reused = 0
    for index in range(args.runs):
        before = composed_models(project)
        edit_theme(project, THEME, f"{engine}-{index + 1}")
        after = composed_models(project)
        changed = {doc for doc in after if before.get(doc) != after[doc]}
        item = run([*cli, "--jobs", str(args.jobs), "--out", str(out)], project)
        _, built, reused = summary(item.output)
        rebuilt = set(re.findall(r"\] (\S+)", item.output))
        exact = exact and rebuilt == changed and built == len(changed)
        edits.append(item)
    print(
        f"one-theme edit  {describe(edits, limit)}; {built} of {built + reused} documents rebuilt "
        f"({'exactly' if exact else 'NOT exactly'} those whose content changed)"
    )
    results["theme_edit"] = {
        "seconds": [r.seconds for r in edits],
        "median": median(edits),
        "rebuilt": built,
        "documents": built + reused,
        "exact": exact,
    }

    # one briefing from a cold command line, into an empty folder
    single = []
    for index in range(2 * args.runs):
        target = base / f"single-{engine}-{index}"
        single.append(run([*cli, "--kind", "briefing", "--theme", SINGLE_THEME, "--out", str(target)], project))
    goal = "0.5" if engine == "typst" else "1.0"
    print(f"one briefing    cold command line, all formats: {describe(single, limit)} (target ≤ {goal} s)")
    results["single_briefing"] = {"seconds": [r.seconds for r in single], "median": median(single)}


def _preview(args: argparse.Namespace, engine: str) -> dict[str, float]:
    """Save → updated page and PDF in a warm preview (``bench_preview.py``, its own process)."""
    script = Path(__file__).with_name("bench_preview.py")
    command = [sys.executable, str(script), "--runs", str(args.preview_runs), "--pdf-engine", engine]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    found = dict(re.findall(r"save → updated (\w+): median ([\d.]+) s", output))
    print(f"preview [{engine}]: save → page {found.get('HTML')} s, save → PDF {found.get('PDF')} s (median)")
    return {"html_median": float(found.get("HTML", "nan")), "pdf_median": float(found.get("PDF", "nan"))}


def _memos(
    args: argparse.Namespace, base: Path, project: Path, cli: list[str], results: dict[str, Any], engine: str
) -> None:
    """Synthetic memo batches: time per memo and worker memory at each size."""
    limit = args.disturbed
    counts = [int(n) for n in args.memos.split(",") if n.strip()]
    if counts:
        print(f"\nsynthetic memos [{engine}] (examples/lindehoven.yaml, portfolios multiplied; one run each):")
        results["memos"] = []
    for count in counts:
        profile = memo_profile(project, count)
        target = base / f"memos-{engine}-{count}"
        command = [*cli, "--jobs", str(args.jobs), "--profile", profile.name, "--kind", "memo"]
        item = run([*command, "--out", str(target)], project, watch_memory=True)
        documents, built, _ = summary(item.output)
        assert documents == built == count
        manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
        pages = sum(entry["pages"] or 0 for entry in manifest["documents"])
        worker_peak = max(item.worker_rss_kib) / 1024 if item.worker_rss_kib else 0.0
        mark = "*" if item.disturbed(limit) else ""
        print(
            f"  {count:>5} memos ({pages} pages): {item.seconds:7.1f} s{mark}  "
            f"{1000 * item.seconds / count:6.1f} ms/memo  {count / item.seconds:5.1f} memos/s  "
            f"workers {len(item.worker_rss_kib)}, peak RSS {worker_peak:.0f} MiB each at most; "
            f"main {item.main_rss_kib / 1024:.0f} MiB",
            flush=True,
        )
        results["memos"].append(
            {
                "count": count,
                "pages": pages,
                "seconds": item.seconds,
                "ms_per_memo": 1000 * item.seconds / count,
                "worker_peak_rss_mib": worker_peak,
                "workers": len(item.worker_rss_kib),
                "main_rss_mib": item.main_rss_kib / 1024,
                "foreign_cores": item.foreign_cores,
            }
        )
        shutil.rmtree(target)


def _office(soffice: str, profile: Path, docx_dir: Path, out: Path) -> list[str]:
    return [
        soffice,
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        *sorted(str(path) for path in docx_dir.glob("*.docx")),
    ]


if __name__ == "__main__":
    main()
