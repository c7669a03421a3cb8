"""The three speed targets of the redesign (issue 19), measured in one run, with the load.

    .venv/bin/python benchmarks/bench_targets.py            # about 25 minutes on 2 cores
    .venv/bin/python benchmarks/bench_targets.py --runs 7   # more runs per timed cell

- `tipkb index` after one edit, as a whole command, at 10,000 entries: at most 0.5 s (median
  of --runs, benchmarks/bench_update.py);
- phrase queries at 10,000 entries: p95 under 50 ms (benchmarks/bench_search.py);
- the site build at 1,000 and 5,000 entries: the plugin within 1.5 times plain mkdocs-material
  building the same generated pages (benchmarks/bench_site.py --vs-files).

Each part runs as its own script would, on its own synthetic corpus; this prints one table
of the figures against their targets, and the load average (1 min) when each was taken: the
machine is shared, and wall times move with what else runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import bench_search  # noqa: E402
import bench_site  # noqa: E402
import bench_update  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--runs", type=int, default=5, help="runs per timed cell (at least 5 for "
                    "the update; the site builds run --site-runs times)")
    ap.add_argument("--site-runs", type=int, default=2)
    args = ap.parse_args()
    rows: list[tuple[str, str, str, bool, float]] = []
    start = os.getloadavg()[0]

    print("update: tipkb index after one edit, 10,000 entries...", file=sys.stderr, flush=True)
    for r in bench_update.bench(10000, max(5, args.runs), None):
        if r["command"] == "index":
            wall = r["edit"]["wall"]
            rows.append(("`tipkb index` after one edit, 10,000 entries (whole command, median)",
                         f"{wall:.2f} s (CPU {r['edit']['cpu']:.2f} s)",
                         f"<= {bench_update.TARGET_S} s", wall <= bench_update.TARGET_S,
                         r["load"]))

    print("search: phrase queries, 10,000 entries...", file=sys.stderr, flush=True)
    r = bench_search.bench(10000, None, bench_search.search_engine.PAIRS_FROM)
    p95 = r["phrases"][1]
    rows.append(("phrase query p95, 10,000 entries", f"{p95:.1f} ms",
                 f"< {bench_search.PHRASE_TARGET_MS:.0f} ms", p95 < bench_search.PHRASE_TARGET_MS,
                 os.getloadavg()[0]))

    work = Path(tempfile.mkdtemp(prefix="tipkb-targets-"))
    try:
        for n in (1000, 5000):
            print(f"site: plugin against plain mkdocs-material, {n:,} entries...",
                  file=sys.stderr, flush=True)
            corpus = work / f"corpus-{n}"
            bench_site.make_synthetic_corpus(corpus, n)
            m = bench_site.measure_vs_files(f"synthetic {n}", corpus, work, args.site_runs)
            rows.append((f"site build, {n:,} entries: plugin / plain mkdocs-material "
                         f"(median of {args.site_runs})",
                         f"{m['plugin']:.1f} s / {m['plain']:.1f} s = {m['ratio']:.2f}",
                         f"<= {bench_site.VS_FILES_TARGET}", m["ratio"] <= bench_site.VS_FILES_TARGET,
                         m["load"]))
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\n{os.cpu_count()} cores; load average {start:.1f} at the start, "
          f"{os.getloadavg()[0]:.1f} at the end\n")
    print("| figure | measured | target | verdict | load (1 min) |")
    print("|---|---:|---|---|---:|")
    for figure, measured, target, ok, load in rows:
        print(f"| {figure} | {measured} | {target} | {'PASS' if ok else 'FAIL'} | {load:.1f} |")
    return 0 if all(ok for *_, ok, _ in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
