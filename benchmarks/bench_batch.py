"""Benchmark a batch of many organisations (``build --profiles``), local pool and Dask side by side.

Not part of the tests. Run from the project root (after ``pip install -e '.[dask]'``)::

    python benchmarks/bench_batch.py --orgs 342                      # overall briefing + memos
    python benchmarks/bench_batch.py --memos 1000 --executor local --executor dask

The organisations are the synthetic municipalities of ``tools/synthetic_profiles.py`` (one
briefing on the whole agreement each, 4–7 portfolios, every third with an overlay). ``--memos N``
takes as many organisations as needed for N memos and builds only memos. Every run is a fresh
process on an empty output folder; it reports time, documents/s, time per document, the peak
resident memory of the main process and of the largest worker.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

RUN = """
import datetime as dt, json, sys
from pathlib import Path
from briefgen.options import Options
from briefgen.pipeline import BuildRequest
from briefgen.pipeline.batch import build_batch, profile_files
from briefgen.pipeline.selection import Selection

profiles_dir, out, executor, jobs, kinds, formats = sys.argv[1:7]
profiles = profile_files(Path(profiles_dir))
request = BuildRequest(
    positions=Path("positions"), profile=profiles[0], templates=Path("templates"), out=Path(out),
    selection=Selection(kinds=tuple(kinds.split(",")), formats=tuple(formats.split(","))),
    options=Options(date=dt.date(2026, 11, 27)), jobs=int(jobs), executor=executor,
)
report = build_batch(request, profiles)
built = sum(len(o.report.built) for o in report.outcomes if o.report)
print(json.dumps({
    "organisations": len(report.outcomes), "failed": len(report.failed), "documents": built,
    "seconds": report.seconds, "main_peak_mib": report.main_peak_rss_kib / 1024,
    "worker_peak_mib": report.worker_peak_rss_kib / 1024, "workers": report.workers,
}))
"""


def memo_count(profiles: Path) -> dict[str, int]:
    """Memos per organisation (one per portfolio; every portfolio covers topics)."""
    import yaml

    return {
        path.stem: len(yaml.safe_load(path.read_text(encoding="utf-8"))["portfolios"])
        for path in sorted(profiles.glob("*.yaml"))
    }


def run(profiles: Path, executor: str, jobs: int, kinds: str, formats: str) -> dict[str, float]:
    """One batch build in a fresh process; its report."""
    with tempfile.TemporaryDirectory() as out:
        args = [sys.executable, "-c", RUN, str(profiles), out, executor, str(jobs), kinds, formats]
        done = subprocess.run(args, cwd=ROOT, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr[-2000:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--orgs", type=int, default=342, help="organisations (default 342)")
    parser.add_argument("--memos", type=int, help="build only memos, from as many organisations as give N")
    parser.add_argument("--executor", action="append", choices=["local", "dask"], help="repeatable; default local")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--formats", default="docx,pdf")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args()

    import synthetic_profiles

    with tempfile.TemporaryDirectory() as folder:
        profiles = Path(folder)
        synthetic_profiles.write(args.orgs if args.memos is None else 2000, profiles)
        kinds = "briefing,memo"
        if args.memos is not None:
            kinds = "memo"
            total = 0
            for slug, count in memo_count(profiles).items():
                if total >= args.memos:
                    (profiles / f"{slug}.yaml").unlink()
                total += count
        results = {}
        for executor in args.executor or ["local"]:
            result = run(profiles, executor, args.jobs, kinds, args.formats)
            result["ms_per_document"] = 1000 * result["seconds"] / max(1, result["documents"])
            result["documents_per_second"] = result["documents"] / result["seconds"]
            results[executor] = result
            print(
                f"{executor:>5}: {result['organisations']} organisations, {result['documents']} documents "
                f"({kinds}) in {result['seconds']:.1f} s = {result['documents_per_second']:.2f}/s, "
                f"{result['ms_per_document']:.0f} ms per document; peak RSS main {result['main_peak_mib']:.0f} MiB, "
                f"largest worker {result['worker_peak_mib']:.0f} MiB ({result['workers']} workers)",
                flush=True,
            )
        if "local" in results and "dask" in results:
            overhead = results["dask"]["ms_per_document"] - results["local"]["ms_per_document"]
            ratio = results["dask"]["seconds"] / results["local"]["seconds"]
            print(f"dask/local: {ratio:.3f} × the time; {overhead:+.0f} ms per document")
        if args.json:
            args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
