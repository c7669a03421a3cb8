"""Site build benchmark: the real corpus, then synthetic corpora of 1,000, 5,000 and 10,000.

    .venv/bin/python benchmarks/bench_site.py [--sizes 1000 5000 10000] [--keep DIR]
    .venv/bin/python benchmarks/bench_site.py --queries [--cjk-mode bigram]
    .venv/bin/python benchmarks/bench_site.py --vs-files [--sizes 1000 5000] [--runs 3]

Each build runs `mkdocs build` with this repository's mkdocs.yml in a fresh Python
process (so peak memory is that build's alone), with TIPKB_CORPUS pointing at the corpus.
Synthetic entries are valid (they pass `tipkb validate`) and shaped like real ones: a summary
of about 180 words, key provisions, 2-8 paragraphs cited, some typed links, a Chinese name.
Prints a Markdown table: build time, peak memory, site size, search-index size, typical page.

Then, for every built site, what a reader's browser downloads before the first search result
appears: Debian's chromium (Playwright) opens an entry page with an empty cache, each fixed
query of FIRST_RESULT_QUERIES is pasted (one search) or typed key by key (a search per key,
as a reader types), and the bytes of every response that ended before the first result was in
the page are added up (Resource Timing, bodies as served, uncompressed), page and theme
included. Target: under 1 MB (PASS/FAIL), whatever the corpus.

--queries runs tests/site_search_queries.yaml through the built site's search (in chromium)
and through `tipkb search` on the same corpus, and prints both hit rates (the expected entry
in the first three), by kind of query.

--vs-files times the whole commands of two ways to the same site, alternating, in fresh
processes: `mkdocs build` with the plugin, and `tipkb site-src OUT` + `mkdocs build -f
OUT/mkdocs.yml` (no plugin) + `tipkb site-post SITE --docs OUT/docs`; it prints the medians
(seconds, each command timed whole) and the ratio of the plugin build to plain mkdocs-material
building the same pages from files (target: at most 1.5), with the load average.

"See also" (indexer/related.py: key-word similarity plus shared paragraphs) is computed in every build;
with --split, each synthetic size is also built without it, to show the site's own cost apart.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import http.server
import io
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
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
    eid = f"syn-{i:05d}"  # its addresses are on a host of the source policy (TIP056)
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
        f"url: https://www.un.org/synthetic/{i}\n"
        "plan_refs:\n"
        + "".join(f"  - para: {p}\n    basis: relevant\n    note: {_words(rng, 10)}\n" for p in refs)
        + ("related:\n" + "".join(related) if related else "")
        + "sources:\n"
        "  - title: Synthetic source for the benchmark\n"
        f"    url: https://www.un.org/synthetic/{i}/source\n"
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
    index_bytes = sum(p.stat().st_size for p in (site_dir / "search").rglob("*") if p.is_file())
    pages = sum(1 for p in files if p.suffix == ".html")
    first_page = sorted((site_dir / "entries").glob("*/index.html"))[0].parent
    first_result = [dict(r, label=label, entries=n_entries)
                    for r in first_result_bytes(site_dir, f"entries/{first_page.name}/")]
    shutil.rmtree(site_dir, ignore_errors=True)
    return {
        "first_result": first_result,
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


# --- what the browser downloads before the first search result --------------------------

FIRST_RESULT_QUERIES = {"English": "victims of trafficking", "Chinese": "保护受害者",
                        "typo": "victmis of trafficking"}
BYTES_TARGET = 1_000_000
RUNS = 3
TYPING_MS = 80
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]

# Installed once the page has loaded: the time the first result enters the list.
_WATCH = """() => { window.__tipkbFirst = null;
  const list = document.querySelector('#tipkb-search-results');
  new MutationObserver(() => { if (window.__tipkbFirst === null && list.querySelector('li'))
    window.__tipkbFirst = performance.now(); }).observe(list, {childList: true});
  document.querySelector('#tipkb-search-query').addEventListener('input',
    () => { if (!window.__tipkbTyped) window.__tipkbTyped = performance.now(); }); }"""
# Every response that ended before then: the page, the theme, the search files.
_COUNT = """() => { const t = window.__tipkbFirst;
  const nav = performance.getEntriesByType('navigation')[0];
  const res = performance.getEntriesByType('resource').filter(r => r.responseEnd <= t);
  const search = res.filter(r => r.name.includes('/search/'));
  const sum = rs => rs.reduce((n, r) => n + r.encodedBodySize, 0);
  return {bytes: nav.encodedBodySize + sum(res), search: sum(search),
          requests: res.length + 1, ms: t - window.__tipkbTyped}; }"""


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextlib.contextmanager
def serve(site_dir: Path):
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _first_result(browser, base: str, page_path: str, query: str, typed: bool) -> dict:
    context = browser.new_context()  # an empty cache each time
    page = context.new_page()
    page.goto(base + page_path, wait_until="load")
    page.evaluate(_WATCH)
    box = page.locator("#tipkb-search-query")
    box.click()
    if typed:  # key by key at a quick reader's pace: each word searched as it grows
        box.press_sequentially(query, delay=TYPING_MS)
    else:  # pasted: one input event, one search
        page.keyboard.insert_text(query)
    page.wait_for_function("() => window.__tipkbFirst !== null", timeout=60_000)
    found = page.evaluate(_COUNT)
    context.close()
    return found


def first_result_bytes(site_dir: Path, page_path: str) -> list[dict]:
    """For each fixed query, pasted and typed: the bytes fetched before its first result
    (cold cache), and for the pasted query the median time from the paste to that result
    over RUNS runs."""
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(site_dir) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        for name, query in FIRST_RESULT_QUERIES.items():
            pasted = [_first_result(browser, base, page_path, query, False) for _ in range(RUNS)]
            typed = _first_result(browser, base, page_path, query, True)
            rows.append({"query": name, "text": query, "bytes": pasted[0]["bytes"],
                         "search": pasted[0]["search"], "requests": pasted[0]["requests"],
                         "ms": statistics.median(r["ms"] for r in pasted),
                         "typed": typed["bytes"]})
        browser.close()
    return rows


def first_result_table(rows: list[dict]) -> str:
    out = ["| corpus | entries | query | pasted: KB before the first result | of which search "
           "| requests | pasted: first result (ms, median) | typed: KB before the first result "
           "| under 1 MB |",
           "|---|--:|---|--:|--:|--:|--:|--:|---|"]
    for r in rows:
        verdict = "PASS" if max(r["bytes"], r["typed"]) < BYTES_TARGET else "FAIL"
        out.append(f"| {r['label']} | {r['entries']} | {r['query']}: {r['text']} | "
                   f"{r['bytes'] / 1000:.0f} | {r['search'] / 1000:.0f} | {r['requests']} | "
                   f"{r['ms']:.0f} | {r['typed'] / 1000:.0f} | {verdict} |")
    return "\n".join(out)


# --- relevance: the query set, through the site and through the CLI ----------------------

QUERIES = ROOT / "tests" / "site_search_queries.yaml"


def _expected(item: dict) -> list[str]:
    return item["expect"] if isinstance(item["expect"], list) else [item["expect"]]


def _answerable(corpus, item: dict) -> bool:
    if not any(k in corpus.entries or k in corpus.plan.paragraphs for k in _expected(item)):
        return False
    return all(eid in corpus.entries and name in corpus.entries[eid].names
               for eid, name in (item.get("needs") or {}).items())


def cli_top3(corpus_dir: Path, work: Path, items: list[dict]) -> list[list[str] | None]:
    """`tipkb search --json --limit 3` for each query (None where it has no such filter)."""
    from indexer.cli import main as tipkb

    index = work / "cli-index"
    with contextlib.redirect_stdout(io.StringIO()):
        tipkb(["index", "--corpus", str(corpus_dir), "--index", str(index)])
    out: list[list[str] | None] = []
    for item in items:
        filters = item.get("filters") or {}
        if set(filters) - {"type", "region", "pillar"}:
            out.append(None)
            continue
        args = ["search", item["q"], "--json", "--limit", "3", "--index", str(index)]
        for key, value in filters.items():
            args += [f"--{key}", value]
        buf = io.StringIO()
        with contextlib.redirect_stdout(buf):
            tipkb(args)
        out.append([r["id"] for r in json.loads(buf.getvalue())["results"]])
    return out


def site_results(site_dir: Path, items: list[dict]) -> list[list[str]]:
    """The site's first ten results for each query, as entry ids or paragraph addresses."""
    from playwright.sync_api import sync_playwright

    out = []
    with serve(site_dir) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page()
        page.goto(base, wait_until="load")
        for item in items:
            docs = page.evaluate("([q, f]) => window.tipkbSearchQuery(q, f)",
                                 [item["q"], item.get("filters") or {}])
            out.append([d["url"] for d in docs])
        browser.close()
    return out


def relevance(work: Path, cjk_mode: str | None) -> str:
    sys.path.insert(0, str(ROOT))
    import yaml

    from indexer.corpus.loader import load_corpus
    from indexer.site.urls import src_of_url, url_of

    corpus, _ = load_corpus(CORPUS)
    items = [i for i in yaml.safe_load(QUERIES.read_text(encoding="utf-8"))
             if _answerable(corpus, i)]
    site_dir = work / "site-real"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("TIPKB_OFFLINE", None)
    subprocess.run([sys.executable, __file__, "--build-once", str(CORPUS), str(site_dir)],
                   check=True, capture_output=True, env=env, cwd=ROOT)
    if cjk_mode:
        from indexer.site.search import build_site_search

        build_site_search(corpus, site_dir, ROOT / "docs", True, cjk_mode)

    def address(key: str) -> str:
        entry = corpus.entries.get(key)
        path = entry.url_path if entry else corpus.plan.paragraphs[key].url
        return url_of(src_of_url(path))

    site = site_results(site_dir, items)
    cli = cli_top3(CORPUS, work, items)
    kinds: dict[str, dict] = {}
    misses = []
    for item, urls, ids in zip(items, site, cli, strict=True):
        want = _expected(item)
        row = kinds.setdefault(item["kind"], {"n": 0, "site": 0, "rr": 0.0, "cli": 0,
                                              "cli_n": 0})
        row["n"] += 1
        ranks = [i for i, u in enumerate(urls) if u in {address(k) for k in want}]
        row["site"] += bool(ranks and ranks[0] < 3)
        row["rr"] += 1 / (ranks[0] + 1) if ranks else 0.0
        if ids is not None:
            row["cli_n"] += 1
            row["cli"] += any(i in want for i in ids)
        if not (ranks and ranks[0] < 3) or (ids is not None and not any(i in want for i in ids)):
            misses.append(f"- {item['q']!r}: site {urls[:3]}, CLI {ids}")
    out = ["| kind | queries | `tipkb search` top 3 | site top 3 | site MRR (top 10) |",
           "|---|--:|--:|--:|--:|"]
    total = {"n": 0, "site": 0, "rr": 0.0, "cli": 0, "cli_n": 0}
    for r in kinds.values():
        for k in total:
            total[k] += r[k]
    for kind, r in [*kinds.items(), ("all", total)]:
        cli = f"{r['cli']}/{r['cli_n']}" if r["cli_n"] else "n/a"
        out.append(f"| {kind} | {r['n']} | {cli} | {r['site']}/{r['n']} | "
                   f"{r['rr'] / r['n']:.2f} |")
    mode = cjk_mode or "as built"
    return "\n".join(out) + f"\n\nChinese analysis: {mode}. Misses:\n" + "\n".join(misses)


# ---------------------------------------------------------------- --vs-files

VS_FILES_TARGET = 1.5  # issue 19: the plugin within 1.5 times plain MkDocs on the same files
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # for the --vs-files builds


def _run(cmd: list[str], env: dict[str, str] | None = None) -> None:
    proc = subprocess.run(cmd, capture_output=True, text=True, env=env or ENV)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} failed:\n{proc.stderr[-3000:]}")


def english_only_config() -> Path:
    """mkdocs.yml without the other editions, beside it (its paths are relative to it): the
    plugin's build of the English edition, the edition site-src writes as files."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    out, skip = [], False
    for line in lines:
        if line.strip() == "editions:":
            skip = True
            continue
        if skip and line.startswith("        "):
            continue
        skip = False
        out.append(line)
    path = ROOT / ".bench-english-only.yml"
    path.write_text("".join(out), encoding="utf-8")
    return path


def plugin_build(corpus: Path, work: Path, config: Path) -> float:
    site = work / "site-plugin"
    shutil.rmtree(site, ignore_errors=True)
    start = time.perf_counter()
    _run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site)],
         env={**ENV, "TIPKB_CORPUS": str(corpus)})
    return time.perf_counter() - start


def _timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    _run(cmd)
    return time.perf_counter() - start


def files_build(corpus: Path, work: Path) -> tuple[float, float, float]:
    """Seconds of site-src, of plain mkdocs building its files, and of site-post."""
    out, site = work / "src", work / "site-files"
    for folder in (out, site):
        shutil.rmtree(folder, ignore_errors=True)
    src = _timed([sys.executable, "-m", "indexer", "site-src", str(out), "--corpus", str(corpus),
                  "--project", str(ROOT)])
    plain = _timed([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(out / "mkdocs.yml"),
                    "-d", str(site)])
    post = _timed([sys.executable, "-m", "indexer", "site-post", str(site), "--corpus",
                   str(corpus), "--docs", str(out / "docs")])
    return src, plain, post


def measure_vs_files(label: str, corpus: Path, work: Path, runs: int) -> dict:
    plugin, both, src, plain, post = [], [], [], [], []
    english = english_only_config()
    try:
        for _ in range(runs):  # alternate, so that all ways see the same noise
            plugin.append(plugin_build(corpus, work, english))
            both.append(plugin_build(corpus, work, ROOT / "mkdocs.yml"))
            times = files_build(corpus, work)
            src.append(times[0])
            plain.append(times[1])
            post.append(times[2])
    finally:
        english.unlink(missing_ok=True)
    med = statistics.median
    return {"label": label, "runs": runs, "plugin": med(plugin), "both": med(both),
            "src": med(src), "plain": med(plain), "post": med(post),
            "ratio": med(plugin) / med(plain), "load": os.getloadavg()[0]}


def vs_files_table(rows: list[dict]) -> str:
    out = ["| corpus | runs | plugin, English edition (s) | plain mkdocs on site-src's files (s) "
           "| plugin / plain | target | site-src (s) | site-post (s) | plugin, both editions (s) "
           "| load (1 min) |", "|---|---:|---:|---:|---:|---|---:|---:|---:|---:|"]
    for r in rows:
        verdict = "PASS" if r["ratio"] <= VS_FILES_TARGET else "FAIL"
        out.append(f"| {r['label']} | {r['runs']} | {r['plugin']:.1f} | {r['plain']:.1f} | "
                   f"{r['ratio']:.2f} | {verdict} (<= {VS_FILES_TARGET}) | {r['src']:.1f} | "
                   f"{r['post']:.1f} | {r['both']:.1f} | {r['load']:.1f} |")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 5000, 10000])
    parser.add_argument("--queries", action="store_true",
                        help="the query set through the site's search and `tipkb search`")
    parser.add_argument("--cjk-mode", choices=["jieba", "bigram"],
                        help="with --queries: rebuild the site's index with this Chinese "
                             "analysis first")
    parser.add_argument("--no-real", action="store_true", help="skip the real corpus")
    parser.add_argument("--split", action="store_true",
                        help="also build each synthetic corpus without See also")
    parser.add_argument("--keep", type=Path, help="keep the synthetic corpora in this folder")
    parser.add_argument("--vs-files", action="store_true",
                        help="the plugin against site-src + plain mkdocs + site-post, same "
                             "corpus, --runs times each (default sizes 1000 5000)")
    parser.add_argument("--runs", type=int, default=3, help="with --vs-files")
    parser.add_argument("--build-once", nargs=2, type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--no-see-also", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.build_once:
        build_once(*args.build_once, see_also=not args.no_see_also)
        return 0
    work = args.keep or Path(tempfile.mkdtemp(prefix="tipkb-bench-"))
    if args.vs_files:
        return vs_files(args, work)
    if args.queries:
        try:
            print(relevance(work, args.cjk_mode))
        finally:
            if not args.keep:
                shutil.rmtree(work, ignore_errors=True)
        _print_load()
        return 0
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
    print("\nBefore the first search result (an entry page, empty cache):\n")
    print(first_result_table([r for row in rows for r in row["first_result"]]))
    _print_load()
    return 0


def vs_files(args, work: Path) -> int:
    sizes = args.sizes if args.sizes != [1000, 5000, 10000] else [1000, 5000]
    rows = []
    try:
        if not args.no_real:
            rows.append(measure_vs_files("real", CORPUS, work, args.runs))
            print(vs_files_table(rows[-1:]).splitlines()[-1], file=sys.stderr)
        for n in sizes:
            corpus = work / f"corpus-{n}"
            if not (corpus / "entries").is_dir():
                make_synthetic_corpus(corpus, n)
            rows.append(measure_vs_files(f"synthetic {n}", corpus, work, args.runs))
            print(vs_files_table(rows[-1:]).splitlines()[-1], file=sys.stderr)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(vs_files_table(rows))
    _print_load()
    return 0


def _print_load() -> None:
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"\n{os.cpu_count()} CPUs; load average at the end (1, 5, 15 min): {load}")


if __name__ == "__main__":
    sys.exit(main())
