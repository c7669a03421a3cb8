"""Aging benchmark: `tipkb index` after each of many edits in a row, as a contributor's index
lives between full builds, at 10,000 entries.

    .venv/bin/python benchmarks/bench_aging.py [--size 10000] [--edits 300] [--cycle 0]
                                               [--baseline REF]

Writes a synthetic corpus (the generator of benchmarks/bench_search.py), builds its index
once (not timed), then edits one entry and runs a whole `tipkb index` (a fresh process, as
benchmarks/bench_update.py runs it), --edits times. Each edit goes to a different entry, or,
with --cycle N, to the next of N entries in turn (the same entries edited again and again).

Every update writes an index segment of its own and opens all of them, and now and then merges
some (indexer.search.whoosh_backend.update_merges): the median hides what those merges cost,
so this prints the percentiles, the slowest update, how many took longer than the target of
one edit (0.5 s), and the segments left at the end.

With ``--baseline REF`` the code of that git revision ages a copy of the same corpus of its
own, the two codes taking turns edit by edit (each after the same edit), so what else runs on
the machine falls on both alike.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from bench_search import make_corpus  # noqa: E402
from bench_update import TARGET_S, alternate, baseline_code, run, same_edit, user_env  # noqa: E402

from indexer.search.engine import current_generation  # noqa: E402


def segments(index: Path) -> int:
    current = current_generation(index)
    return len(list(current.glob("*.seg"))) if current is not None else 0


def age(size: int, edits: int, cycle: int, baseline: Path | None, label: str) -> list[dict]:
    with tempfile.TemporaryDirectory(prefix=f"tipkb-aging-{size}-") as tmp_name:
        tmp = Path(tmp_name)
        print(f"writing {size:,} entries...", file=sys.stderr, flush=True)
        make_corpus(tmp / "source", size)
        codes = {"this checkout": None, **({label: baseline} if baseline is not None else {})}
        arms, roots = [], {}
        for name, code in codes.items():
            folder = tmp / f"arm-{len(arms)}"
            shutil.copytree(tmp / "source" / "corpus", folder / "corpus")
            env = user_env(folder / "build")
            if code is not None:
                env["PYTHONPATH"] = str(code)
            args = ["index", "--corpus", str(folder / "corpus"), "--index", str(folder / "index")]
            print(f"{name}: first full build (not timed)...", file=sys.stderr, flush=True)
            run(args, folder, env)
            arms.append((name, args, folder, env))
            roots[name] = folder / "corpus"
        print(f"{edits} edits, a whole tipkb index after each...", file=sys.stderr, flush=True)
        entries = (1 + (k % cycle if cycle else (k * 37) % (size - 1)) for k in range(edits))
        got = alternate(arms, edits, same_edit(roots, entries))
        rows = []
        for name, _args, folder, _env in arms:
            walls = got[name][0]
            q = statistics.quantiles(walls, n=20)
            rows.append({"code": name, "p50": statistics.median(walls), "p90": q[17],
                         "p95": q[18], "max": max(walls),
                         "slow": sum(w > TARGET_S for w in walls),
                         "segments": segments(folder / "index")})
        return rows


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--size", type=int, default=10000)
    ap.add_argument("--edits", type=int, default=300)
    ap.add_argument("--cycle", type=int, default=0,
                    help="edit N entries in turn (default: a different entry each time)")
    ap.add_argument("--baseline", metavar="REF", default=None,
                    help="also age a copy with the code of this git revision, in turns")
    args = ap.parse_args()
    if args.edits < 20:
        raise SystemExit("--edits: at least 20 (the percentiles need them)")
    load = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="tipkb-baseline-") as old:
        baseline = baseline_code(args.baseline, Path(old)) if args.baseline else None
        rows = age(args.size, args.edits, args.cycle, baseline, args.baseline or "")
    what = f"cycling over {args.cycle} entries" if args.cycle else "each to a different entry"
    print(f"\n{args.edits} edits at {args.size:,} entries, {what}; a whole `tipkb index` after "
          f"each. Load average (1 min): {load:.1f} before, {os.getloadavg()[0]:.1f} after "
          f"({os.cpu_count()} cores).\n")
    print(f"| code | p50 | p90 | p95 | slowest | updates over {TARGET_S} s | segments at the end "
          "|")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['code']} | {r['p50']:.3f} s | {r['p90']:.3f} s | {r['p95']:.3f} s "
              f"| {r['max']:.2f} s | {r['slow']} of {args.edits} | {r['segments']} |")


if __name__ == "__main__":
    main()
