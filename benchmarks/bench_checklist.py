"""Provisions at scale: `tipkb checklist` and the comparison and checklist pages, for the real
corpus and synthetic corpora of 1,000 and 10,000 entries that carry provisions data.

    .venv/bin/python benchmarks/bench_checklist.py [--sizes 1000 10000] [--runs 3]

Synthetic entries are those of bench_site.py, with six provisions each as data (topics drawn
from the vocabulary, compared topics included; one provision in five linked to an ask of a
paragraph the entry cites, and those plan_refs list the ask too). Each measurement runs the
whole command a user runs in a fresh process, `--runs` times; the table gives the median
wall time, its ratio to the real corpus, and the load average when the size was measured
(the machine is shared).

- `tipkb checklist --pillar protection --format csv`: load and validate the corpus, then the table;
- `pages`: loading the corpus (without the rules) and rendering the comparison and checklist pages
  and the key provisions of every entry page, which is what this feature adds to a build.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_site  # noqa: E402  (the synthetic entries of the site benchmark)

PAGES = """
import sys
from indexer.corpus.loader import load_corpus
from indexer.site.pages.checklist import checklist_files, part_pages
from indexer.site.pages.common import Site, Writer
from indexer.site.pages.compare import compare_files, topic_pages
from indexer.site.pages.provisions import key_provisions
from indexer.site.urls import entry_src
corpus, _ = load_corpus(sys.argv[1])
site = Site(corpus)
site.see_also = {}
pages = topic_pages(site) + part_pages(site)
files = {**compare_files(corpus), **checklist_files(corpus)}
for entry in corpus:
    key_provisions(Writer(site, entry_src(entry)), entry)
print(len(pages), len(files))
"""


def _asks() -> dict[str, list[str]]:
    from indexer.corpus.asks import read_asks
    from indexer.corpus.plan import load_plan

    asks, _ = read_asks(ROOT / "corpus", load_plan(ROOT / "corpus"))
    return {para: [a.id for a in found] for para, found in asks.by_para.items()}


def with_provisions(text: str, rng: random.Random, asks: dict[str, list[str]],
                    topics: list[str]) -> str:
    """A synthetic entry with its prose Key provisions turned into provisions data."""
    front, body = text[4:].split("\n---\n", 1)
    lines = front.split("\n")
    out, para = [], None
    linked: list[str] = []
    for line in lines:
        out.append(line)
        if line.startswith("  - para: "):
            para = line.split(": ", 1)[1]
        elif line.startswith("    note: ") and para in asks and rng.random() < 0.5:
            ask = rng.choice(asks[para])
            out.append(f"    asks: [{ask}]")
            linked.append(ask)
    front = "\n".join(out)
    provisions = ["provisions:"]
    for k in range(1, 7):
        chosen = rng.sample(topics, rng.randint(1, 3))
        extra = f"\n    asks: [{rng.choice(linked)}]" if linked and rng.random() < 0.2 else ""
        provisions.append(f"  - unit: article\n    number: '{k}'\n    title: Article {k}\n"
                          f"    summary: {bench_site._words(rng, 30)}\n"
                          f"    topics: [{', '.join(chosen)}]\n    source: text{extra}")
    front = front.replace("sources:\n  - title:", "\n".join(provisions)
                          + "\nsources:\n  - id: text\n    title:", 1)
    front = front.replace("supports: [adopted,", "supports: [provisions, adopted,", 1)
    body = body.split("\n## Key provisions", 1)[0] + "\n"
    # bench_site's example.org addresses are outside the source policy (TIP056): the checklist
    # command validates, so the synthetic sources point at a host the policy accepts.
    front = front.replace("https://example.org/syn/", "https://www.un.org/syn/")
    return "---\n" + front + "\n---\n" + body


def make_corpus(root: Path, n: int) -> Path:
    from indexer.schema import vocabulary

    bench_site.make_synthetic_corpus(root, n)
    rng = random.Random(16)
    asks = _asks()
    topics = list(vocabulary().topics.values)
    for path in sorted((root / "entries").glob("*.md")):
        path.write_text(with_provisions(path.read_text(encoding="utf-8"), rng, asks, topics),
                        encoding="utf-8")
    return root


def timed(cmd: list[str], runs: int) -> tuple[float, float]:
    """(median seconds, load average over one minute when the runs ended)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True)
        times.append(time.perf_counter() - start)
        if proc.returncode != 0:
            sys.exit(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")
    return statistics.median(times), os.getloadavg()[0]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    exe = [sys.executable, "-m", "indexer.cli"]
    rows = []
    with tempfile.TemporaryDirectory(prefix="tipkb-bench-checklist-") as tmp:
        corpora = [("real", ROOT / "corpus")]
        for n in args.sizes:
            corpora.append((f"synthetic {n}", make_corpus(Path(tmp) / f"c{n}", n)))
        base: dict[str, float] = {}
        for label, corpus in corpora:
            entries = len(list((corpus / "entries").glob("*.md")))
            for what, cmd in (
                    ("tipkb checklist", exe + ["checklist", "--pillar", "protection",
                                               "--format", "csv", "--corpus", str(corpus)]),
                    ("pages", [sys.executable, "-c", PAGES, str(corpus)])):
                seconds, load = timed(cmd, args.runs)
                base.setdefault(what, seconds)
                rows.append(f"| {label} | {entries} | {what} | {seconds:.2f} | "
                            f"{seconds / base[what]:.1f} | {load:.1f} |")
    print("| corpus | entries | command | median (s) | ratio to real | load avg (1 min) |")
    print("|---|--:|---|--:|--:|--:|")
    print("\n".join(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
