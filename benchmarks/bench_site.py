"""Site build benchmark: the real corpus, then synthetic corpora of 1,000 and 5,000 entries.

    .venv/bin/python benchmarks/bench_site.py [--sizes 1000 5000] [--keep DIR]

Each build runs `mkdocs build` with this repository's mkdocs.yml in a fresh Python
process (so peak memory is that build's alone), with TIPKB_CORPUS pointing at the corpus.
Synthetic entries are valid (they pass `tipkb validate`) and shaped like real ones: a summary
of about 180 words, key provisions, 2-8 paragraphs cited, some typed links, a Chinese name.
Prints a Markdown table: build time, peak memory, site size, search-index size, typical page.

"See also" (indexer/related.py: key-word similarity plus shared paragraphs) is computed in every build;
with --split, each synthetic size is also built without it, to show the site's own cost apart.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"

COMMON = """states shall adopt measures protect victims trafficking persons labour exploitation
cooperation border authorities prosecution prevention training data assistance shelter
identification referral national coordination mechanism report review implementation legislation
criminal justice migrants children women rights support compensation return investigation
evidence financial flows private sector supply chains awareness campaign""".split()  # noqa: SIM905
SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "in", "ex", "pro", "tra", "ment",
             "ion", "al", "ic", "ur", "an", "es", "ter", "pol", "gra", "no", "vi"]


def _vocabulary(rng: random.Random, size: int = 6000) -> list[str]:
    """Common words first, then made-up ones: sampled by rank (Zipf), as real text is."""
    words = list(COMMON)
    seen = set(words)
    while len(words) < size:
        w = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if w not in seen:
            seen.add(w)
            words.append(w)
    return words


ZH = "国际合作保护受害者预防起诉伙伴关系劳动剥削移民儿童妇女权利协调机制执法培训数据援助"
TYPES = ["convention", "resolution", "declaration", "action-plan", "mechanism", "mandate",
         "body", "event", "guidance"]
REGIONS = ["global", "africa", "americas", "arab-states", "asia-pacific", "europe", "eurasia",
           "inter-regional"]
RELATIONS = ["builds-on", "see-also", "implements", "part-of"]


VOCAB = _vocabulary(random.Random(293))
WEIGHTS = [1 / (rank + 1) ** 1.1 for rank in range(len(VOCAB))]


def _words(rng: random.Random, n: int) -> str:
    text = " ".join(rng.choices(VOCAB, WEIGHTS, k=n))
    return text[0].upper() + text[1:] + "."


def synthetic_entry(i: int, rng: random.Random, paragraphs: list[str]) -> str:
    eid = f"syn-{i:05d}"
    kind = TYPES[i % len(TYPES)]
    year = rng.randint(1950, 2009)
    adopted = f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    refs = rng.sample(paragraphs, rng.randint(2, 8))
    related = []
    if i > 1:
        for target in sorted(set(rng.sample(range(1, i), min(i - 1, rng.randint(0, 2))))):
            related.append(f"  - id: syn-{target:05d}\n    relation: {rng.choice(RELATIONS)}\n")
    zh = "".join(rng.choice(ZH) for _ in range(6)) + f"第{i}号文书"
    summary = "\n".join(_words(rng, 20) for _ in range(9))
    provisions = "\n".join(f"- **Art. {k}**: {_words(rng, 12)}" for k in range(1, 7))
    return (
        "---\n"
        f"id: {eid}\n"
        f"type: {kind}\n"
        f"title: Synthetic {kind.replace('-', ' ')} number {i} on {rng.choice(COMMON)} "
        f"and {rng.choice(COMMON)}\n"
        f"title_zh_project: {zh}\n"
        f"short_title: Synthetic instrument {i}\n"
        f"aliases: [SYN{i:05d}]\n"
        f"region: {REGIONS[i % len(REGIONS)]}\n"
        f"adopted: {adopted}\n"
        "adopted_by: Synthetic Assembly\n"
        "place: Geneva\n"
        "status: active\n"
        f"citation:\n  symbol: SYN/{year}/{i}\n"
        f"url: https://example.org/syn/{i}\n"
        "plan_refs:\n"
        + "".join(f"  - para: {p}\n    basis: relevant\n    note: {_words(rng, 10)}\n" for p in refs)
        + ("related:\n" + "".join(related) if related else "")
        + "sources:\n"
        "  - title: Synthetic source for the benchmark\n"
        f"    url: https://example.org/syn/{i}/source\n"
        "    supports: [adopted, adopted_by, place, status, citation.symbol, url]\n"
        "last_reviewed: 2026-01-01\n"
        "---\n\n"
        f"## Summary\n\n{summary}\n\n## Key provisions\n\n{provisions}\n"
    )


def make_synthetic_corpus(root: Path, n: int, seed: int = 64293) -> Path:
    """A corpus in ``root`` with the real plan and schema and ``n`` synthetic entries."""
    sys.path.insert(0, str(ROOT))
    from indexer.corpus.plan import load_plan

    root.mkdir(parents=True, exist_ok=True)
    for part in ("source", "plan"):
        shutil.copytree(CORPUS / part, root / part, dirs_exist_ok=True)
    shutil.copy(CORPUS / "corpus.yaml", root / "corpus.yaml")
    entries = root / "entries"
    entries.mkdir(exist_ok=True)
    paragraphs = load_plan(root).keys()
    rng = random.Random(seed)
    for i in range(1, n + 1):
        (entries / f"syn-{i:05d}.md").write_text(synthetic_entry(i, rng, paragraphs),
                                                 encoding="utf-8")
    return root


def build_once(corpus: Path, site_dir: Path, see_also: bool = True) -> None:
    """Run in a child process: one strict build; print seconds and peak RSS as JSON."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    if not see_also:
        import indexer.site.pages.common

        indexer.site.pages.common._see_also = lambda corpus: {}

    os.environ["TIPKB_CORPUS"] = str(corpus)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu_start = usage.ru_utime + usage.ru_stime
    start = time.perf_counter()
    # Not strict: a warning from a hand-written page must not stop a timing (the tests are
    # where strictness is checked).
    config = load_config(str(ROOT / "mkdocs.yml"), site_dir=str(site_dir), strict=False)
    build(config)
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    cpu = usage.ru_utime + usage.ru_stime - cpu_start
    print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_mib": usage.ru_maxrss / 1024}))


def measure(label: str, corpus: Path, site_dir: Path, see_also: bool = True) -> dict:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("TIPKB_OFFLINE", None)
    cmd = [sys.executable, __file__, "--build-once", str(corpus), str(site_dir)]
    proc = subprocess.run(cmd + ([] if see_also else ["--no-see-also"]),
                          capture_output=True, text=True, env=env, cwd=ROOT)
    if proc.returncode != 0:
        sys.exit(f"build of {label} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    files = [p for p in site_dir.rglob("*") if p.is_file()]
    entries = sorted(p.stat().st_size for p in (site_dir / "entries").glob("*/index.html"))
    n_entries = len(list((corpus / "entries").glob("*.md")))
    site_bytes = sum(p.stat().st_size for p in files)
    index_bytes = (site_dir / "search" / "search_index.json").stat().st_size
    pages = sum(1 for p in files if p.suffix == ".html")
    shutil.rmtree(site_dir, ignore_errors=True)
    return {
        "label": label,
        "see_also": see_also,
        "entries": n_entries,
        "pages": pages,
        "seconds": result["seconds"],
        "cpu": result.get("cpu", 0.0),
        "peak_mib": result["peak_mib"],
        "site_mib": site_bytes / 2**20,
        "index_mib": index_bytes / 2**20,
        "page_kib": statistics.median(entries) / 1024 if entries else 0.0,
    }


def table(rows: list[dict]) -> str:
    out = ["| corpus | See also | entries | pages | build (s) | CPU (s) | peak memory (MiB) "
           "| site (MiB) | search index (MiB) | typical entry page (KiB) |",
           "|---|---|--:|--:|--:|--:|--:|--:|--:|--:|"]
    for r in rows:
        out.append(f"| {r['label']} | {'yes' if r['see_also'] else 'no'} | {r['entries']} | "
                   f"{r['pages']} | {r['seconds']:.1f} | {r['cpu']:.1f} | "
                   f"{r['peak_mib']:.0f} | {r['site_mib']:.1f} | {r['index_mib']:.2f} | "
                   f"{r['page_kib']:.1f} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000])
    parser.add_argument("--no-real", action="store_true", help="skip the real corpus")
    parser.add_argument("--split", action="store_true",
                        help="also build each synthetic corpus without See also")
    parser.add_argument("--keep", type=Path, help="keep the synthetic corpora in this folder")
    parser.add_argument("--build-once", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-see-also", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build_once:
        build_once(*args.build_once, see_also=not args.no_see_also)
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="tipkb-bench-"))
    rows = []
    try:
        if not args.no_real:
            rows.append(measure("real", CORPUS, work / "site-real"))
            print(table(rows[-1:]).splitlines()[-1], file=sys.stderr)
        for n in args.sizes:
            corpus = work / f"corpus-{n}"
            if not (corpus / "entries").is_dir():
                make_synthetic_corpus(corpus, n)
            for see_also in ([False, True] if args.split else [True]):
                rows.append(measure(f"synthetic {n}", corpus, work / f"site-{n}", see_also))
                print(table(rows[-1:]).splitlines()[-1], file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(table(rows))
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{os.cpu_count()} CPUs; load average at the end (1, 5, 15 min): {load}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
