"""Update benchmark: whole `tipkb index` and `tipkb validate` commands after no change and after
one edit, with the corpus cache (indexer.corpus.cache), at 1,000 and 10,000 entries.

    .venv/bin/python benchmarks/bench_update.py [--sizes 1000,10000] [--runs 5]

For each size, writes a synthetic corpus with the generator of benchmarks/bench_search.py,
builds its search index once (not timed), then times whole commands, each a fresh process
started as a user starts it (`python -m indexer.cli ...`, Python's start-up included):

- cold: the corpus cache deleted before each run (every file read and checked; for `index`,
  the index is up to date, so this is the old cost of an update);
- no change: nothing edited since the previous run;
- one edit: one entry's summary and plan_refs note edited before each run (a different entry
  each time), so the file is read again and, for `index`, its document rewritten.

The commands run with the package's bytecode, as an installed package does
(PYTHONDONTWRITEBYTECODE is unset for them; the first, untimed build writes it).

Each cell is the median of --runs runs, wall time, with the CPU time of the process in
brackets: the machine is shared, and CPU time moves less than wall time when other work runs.
With ``--baseline REF`` (a git revision, e.g. one from before the corpus cache), the same
commands after one edit also run with that revision's code, on a copy of the corpus and index
of its own (its cache key differs), the two codes taking turns run by run, each after the
same edit: the ratio of the two is the figure to trust on a busy machine.
"of which build" is the index build step as `tipkb index` reports it (indexer.search.engine),
the rest is start-up, reading and checking. PASS means the median wall time of the command
after one edit is within the target (0.5 s).
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT))

from bench_search import make_corpus  # noqa: E402  (the same synthetic entries)

from indexer.corpus.cache import default_folder  # noqa: E402

TARGET_S = 0.5


def _cpu_children() -> float:
    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def baseline_code(ref: str, into: Path) -> Path:
    """The package as it was at git revision ``ref``, extracted into ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(["git", "archive", ref, "indexer"], cwd=ROOT, capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def run(args: list[str], cwd: Path, env: dict) -> tuple[float, float, str]:
    """Wall and CPU seconds of one whole command, and its stderr."""
    cpu = _cpu_children()
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "indexer.cli", *args], cwd=cwd, env=env,
                          capture_output=True, text=True)
    wall = time.perf_counter() - t
    if proc.returncode != 0:
        raise SystemExit(f"tipkb {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return wall, _cpu_children() - cpu, proc.stderr


def edit(root: Path, i: int) -> None:
    path = root / "entries" / f"synthetic-{i:05d}.md"
    text = path.read_text(encoding="utf-8")
    text = text.replace("## Summary\n\n", f"## Summary\n\nEdited {i} about zebras. ", 1)
    text = text.replace("synthetic note", "edited note", 1)
    path.write_text(text, encoding="utf-8")


def _summary(label: str, walls: list[float], cpus: list[float], builds: list[float]) -> dict:
    return {"label": label, "wall": statistics.median(walls), "cpu": statistics.median(cpus),
            "build": statistics.median(builds) if builds else None}


def _build_seconds(err: str) -> list[float]:
    m = re.search(r"\((\d+\.\d+) s\)\s*$", err.strip())
    return [float(m.group(1))] if m else []


def series(label: str, args: list[str], root: Path, cwd: Path, env: dict, runs: int,
           before=None) -> dict:
    walls, cpus, builds = [], [], []
    for k in range(runs):
        if before is not None:
            before(k)
        wall, cpu, err = run(args, cwd, env)
        walls.append(wall)
        cpus.append(cpu)
        builds += _build_seconds(err)
    return _summary(label, walls, cpus, builds)


def same_edit(roots: dict[str, Path], edits):
    """label, run -> edit, in the corpus of that label, the entry every label edits in that
    run (the next of ``edits``, taken by whichever label comes first)."""
    picked: dict[int, int] = {}

    def edit_each(label: str, k: int) -> None:
        if k not in picked:
            picked[k] = next(edits)
        edit(roots[label], picked[k])

    return edit_each


def user_env(build: Path) -> dict:
    """The environment a command runs in: as a user's install runs, with the package's
    bytecode (pip compiles it on install; an editable install writes it on first import): a
    shell that sets PYTHONDONTWRITEBYTECODE would compile every module from source on every
    run. ``build``: the build folder (TIPKB_BUILD)."""
    env = {**os.environ, "TIPKB_BUILD": str(build)}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def alternate(arms: list[tuple[str, list[str], Path, dict]], runs: int,
              edit_each) -> dict[str, tuple[list[float], list[float], list[float]]]:
    """One edit then one run of each arm (label, args, cwd, env), ``runs`` times, the order
    swapped every time: what else runs on the machine falls on every arm alike. Gives each
    label's wall times, CPU times and build times, run by run."""
    got: dict[str, tuple[list, list, list]] = {a[0]: ([], [], []) for a in arms}
    for k in range(runs):
        order = arms if k % 2 == 0 else arms[::-1]
        for label, args, cwd, env in order:
            edit_each(label, k)
            wall, cpu, err = run(args, cwd, env)
            walls, cpus, builds = got[label]
            walls.append(wall)
            cpus.append(cpu)
            builds += _build_seconds(err)
    return got


def alternating(arms: list[tuple[str, list[str], Path, dict]], runs: int,
                edit_each) -> list[dict]:
    """``alternate``, each arm's runs summarised (medians)."""
    got = alternate(arms, runs, edit_each)
    return [_summary(label, *got[label]) for label, *_ in arms]


def bench(size: int, runs: int, baseline: Path | None) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix=f"tipkb-update-{size}-") as tmp_name:
        tmp = Path(tmp_name)
        root = make_corpus(tmp, size)
        index = tmp / "index"
        env = user_env(tmp / "build")
        cache = default_folder(root)
        print(f"  {size:,} entries: first full build (not timed)...", file=sys.stderr,
              flush=True)
        run(["index", "--corpus", str(root), "--index", str(index)], tmp, env)
        edits = iter(range(1, size, max(1, size // 97)))

        def drop_cache(_k: int) -> None:
            shutil.rmtree(cache, ignore_errors=True)

        def one_edit(_k: int) -> None:
            edit(root, next(edits))

        old_root = old_index = None
        if baseline is not None:  # the old code gets a copy of its own: its cache key differs
            old_root = tmp / "baseline" / "corpus"
            shutil.copytree(root, old_root)
            old_index = tmp / "baseline" / "index"
            shutil.copytree(index, old_index)
        for command, extra in (("validate", []), ("index", ["--index", str(index)])):
            args = [command, "--corpus", str(root), *extra]
            print(f"  {size:,} entries: tipkb {command}...", file=sys.stderr, flush=True)
            cold = series("cold", args, root, tmp, env, runs, drop_cache)
            run(args, tmp, env)  # the cache as the command leaves it
            same = series("no change", args, root, tmp, env, runs)
            before = None
            if baseline is None:
                edited = series("one edit", args, root, tmp, env, runs, one_edit)
            else:  # the same edits, the two codes taking turns
                assert old_root is not None and old_index is not None
                old_env = {**env, "PYTHONPATH": str(baseline)}
                old_args = [command, "--corpus", str(old_root),
                            *(["--index", str(old_index)] if extra else [])]
                for _ in range(2):  # the old code's cache and index as it leaves them
                    run(old_args, tmp, old_env)
                roots = {"one edit": root, "before": old_root}
                edited, before = alternating([("one edit", args, tmp, env),
                                              ("before", old_args, tmp, old_env)],
                                             runs, same_edit(roots, edits))
            rows.append({"size": size, "command": command, "cold": cold, "same": same,
                         "edit": edited, "before": before, "load": os.getloadavg()[0]})
    return rows


def cell(r: dict) -> str:
    return f"{r['wall']:.2f} s ({r['cpu']:.2f})"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated entry counts")
    ap.add_argument("--runs", type=int, default=5, help="runs per cell (median; at least 5)")
    ap.add_argument("--baseline", metavar="REF", default=None,
                    help="also time the commands after one edit with the code of this git "
                         "revision (e.g. fbca60a, before the corpus cache)")
    args = ap.parse_args()
    runs = max(5, args.runs)
    load = os.getloadavg()[0]
    rows = []
    with tempfile.TemporaryDirectory(prefix="tipkb-baseline-") as old:
        baseline = baseline_code(args.baseline, Path(old)) if args.baseline else None
        for size in (int(x) for x in args.sizes.split(",")):
            print(f"benchmarking {size:,} entries...", file=sys.stderr, flush=True)
            rows.extend(bench(size, runs, baseline))
    print(f"load average: {load:.1f} before, {os.getloadavg()[0]:.1f} after "
          f"({os.cpu_count()} cores; other work on the machine skews wall times)\n")
    print(f"Whole commands, median of {runs} runs: wall time (CPU time of the process).\n")
    extra = f" | one edit, {args.baseline} | speed-up (CPU)" if args.baseline else ""
    print("| entries | command | cold (no cache) | no change | one edit | of which build "
          f"| load | one edit <= {TARGET_S} s{extra} |")
    print("|---:|---|---:|---:|---:|---:|---:|---|" + ("---:|---:|" if args.baseline else ""))
    for r in rows:
        build = r["edit"]["build"]
        verdict = "PASS" if r["edit"]["wall"] <= TARGET_S else "FAIL"
        line = (f"| {r['size']:,} | tipkb {r['command']} | {cell(r['cold'])} | {cell(r['same'])} "
                f"| {cell(r['edit'])} | {f'{build:.2f} s' if build is not None else '-'} "
                f"| {r['load']:.1f} | {verdict} |")
        if r["before"] is not None:
            line += (f" {cell(r['before'])} | {r['before']['wall'] / r['edit']['wall']:.1f}x "
                     f"({r['before']['cpu'] / r['edit']['cpu']:.1f}x) |")
        print(line)


if __name__ == "__main__":
    main()
