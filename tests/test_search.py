"""Search: analysis, the index (atomic, incremental), tipkb search, related entries.

Most tests run on a small fixture corpus written here (the real plan and a few entries), so
that they do not move when the real corpus grows; the query set (search_queries.yaml) runs on
the real corpus.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
import yaml

from indexer.cli import main
from indexer.corpus.loader import load_valid_corpus
from indexer.search import chinese, textnorm
from indexer.search import engine as search_engine
from indexer.search.documents import documents
from indexer.search.related import see_also, text_scores

from .conftest import CORPUS, make_corpus

HERE = Path(__file__).resolve().parent
SUMMARY = ("This entry exists for the search tests and says what practitioners need to "
           "know about it in plain words. ") * 12


def write_entry(root: Path, eid: str, *, etype="body", title="", extra="", body="",
                refs=("gpa5",), related=()) -> Path:
    facts = []
    for line in extra.splitlines():
        key = line.split(":")[0].strip()
        if key in ("adopted", "cited_as_zh", "short_title", "aliases"):
            facts.append(key)
        if key == "citation":
            facts.append("citation.symbol")
    facts = sorted(set(facts) - {"cited_as_zh", "short_title", "aliases"}) or ["plan_refs"]
    refs_yaml = "\n".join(f"  - para: {p}\n    basis: relevant\n"
                          f"    note: Refers to this item for the tests here."
                          for p in refs)
    rel_yaml = ("related:\n" + "\n".join(f"  - id: {r}\n    relation: see-also" for r in related)
                if related else "")
    sections = "## Summary\n\n" + SUMMARY + "\n\n" + body + "\n"
    if etype in ("convention", "resolution", "guidance"):
        sections += "\n## Key provisions\n\n- Art. 1: the first article.\n"
    text = f"""---
id: {eid}
type: {etype}
title: {title or eid.replace('-', ' ').title()}
{extra.strip()}
region: {'europe' if 'europe' in eid else 'global'}
plan_refs:
{refs_yaml}
{rel_yaml}
sources:
  - title: A source for the tests
    symbol: A/RES/64/293
    supports: [{', '.join(facts)}]
last_reviewed: 2026-11-01
---

{sections}"""
    path = root / "entries" / f"{eid}.md"
    path.write_text("\n".join(line for line in text.split("\n") if line != "") + "\n",
                    encoding="utf-8")
    return path


def fixture_corpus(tmp: Path) -> Path:
    root = make_corpus(tmp)
    write_entry(root, "palermo-test", etype="convention",
                title="Convention against Transnational Organised Crime",
                extra=textwrap.dedent("""\
                    cited_as_zh: 联合国打击跨国有组织犯罪公约
                    short_title: Organised Crime Convention
                    aliases: [UNTOC, Palermo Convention]
                    adopted: 2000-11-15
                    citation:
                      symbol: A/RES/55/25"""),
                body="The Convention fights organised crime and the laundering of proceeds.",
                refs=("pp6", "gpa4", "gpa5"))
    write_entry(root, "labour-test", etype="convention", title="Forced Labour Convention",
                extra=textwrap.dedent("""\
                    cited_as_zh: 强迫劳动公约
                    aliases: [C029]
                    adopted: 1930-06-28"""),
                body="Forced or compulsory labour is all work exacted under menace of penalty.",
                refs=("pp6", "gpa4"), related=("palermo-test",))
    write_entry(root, "principles-test", etype="guidance",
                title="Recommended Principles and Guidelines on Human Rights and Trafficking",
                extra="citation:\n  symbol: E/2002/68/Add.1",
                body="The principles put the human rights of victims at the centre.",
                refs=("gpa26",))
    write_entry(root, "europe-test", etype="convention",
                title="Council of Europe Convention on Action against Trafficking",
                extra="adopted: 2005-05-16\ncitation:\n  symbol: CETS 197",
                body="A monitoring group evaluates the parties. Victims get a recovery period.",
                refs=("gpa5", "gpa33"))
    write_entry(root, "fund-test", etype="mechanism", title="Voluntary Trust Fund for Victims",
                body="The fund gives grants to organisations that assist victims.",
                refs=("gpa38", "gpa39"))
    return root


@pytest.fixture(scope="module")
def corpus_dir(tmp_path_factory) -> Path:
    return fixture_corpus(tmp_path_factory.mktemp("search"))


@pytest.fixture(scope="module")
def index_dir(corpus_dir: Path, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("index") / "index"
    corpus = load_valid_corpus(corpus_dir)
    search_engine.build_index(path, documents(corpus))
    return path


@pytest.fixture(scope="module")
def searcher(index_dir: Path):
    with search_engine.open_index(index_dir) as s:
        yield s


def ids(result: dict, n: int = 3) -> list[str]:
    return [r["id"] for r in result["results"][:n]]


# --- Analysis ---------------------------------------------------------------------------

@pytest.mark.parametrize("uk,us", [("labour", "labor"), ("organised", "organized"),
                                   ("organisations", "organizations"), ("centre", "center"),
                                   ("offences", "offenses"), ("programme", "program"),
                                   ("criminalising", "criminalizing"), ("analysed", "analyzed")])
def test_british_spellings_fold_to_american(uk, us):
    assert textnorm.normalize_word(uk) == us
    assert search_engine.word_term(uk) == search_engine.word_term(us)


@pytest.mark.parametrize("word", ["promise", "exercise", "otherwise", "raised", "advertising"])
def test_words_that_only_look_british_are_kept(word):
    assert textnorm.normalize_word(word) == word


def test_case_and_accents_fold():
    assert search_engine.word_term("CÔTE") == search_engine.word_term("cote")


def test_identifiers_stay_whole():
    assert textnorm.symbol_variants("A/RES/55/25") == ["a/res/55/25", "a/res/55", "55/25"]
    assert "e/2002/68" in textnorm.symbol_variants("E/2002/68/Add.1")
    for form in ("C029", "C29", "C.29", "c029"):
        assert textnorm.normalize_word(form) == "c29"
    toks = [t for _, t, _, _ in textnorm.tokens("see A/RES/55/25, and/or 第 55/25 号决议")]
    assert "A/RES/55/25" in toks and "55/25" in toks and "and" in toks and "or" in toks


def test_query_vocabulary_segmenter_cuts_like_the_index(tmp_path):
    vocab = chinese.write_vocab(tmp_path, {"强迫": 100, "劳动": 100, "强迫劳动": 50, "公约": 200},
                                10**6)
    cutter = chinese.QueryCutter(vocab)
    assert cutter.cut("强迫劳动公约") in (["强迫劳动", "公约"], ["强迫", "劳动", "公约"])
    # a long word is searched through the two-character words that cover it, with offsets
    assert cutter.units("强迫劳动公约") == [("强迫", 0), ("劳动", 2), ("公约", 4)]


# --- Searching --------------------------------------------------------------------------

@pytest.mark.parametrize("q,expected", [
    ("UNTOC", "palermo-test"),
    ("Palermo Convention", "palermo-test"),
    ("organized crime", "palermo-test"),
    ("forced labor", "labour-test"),
    ("C29", "labour-test"),
    ("ILO C.29", "labour-test"),
    ("A/RES/55/25", "palermo-test"),
    ("55/25", "palermo-test"),
    ("E/2002/68/Add.1", "principles-test"),
    ("E/2002/68", "principles-test"),
    ("CETS 197", "europe-test"),
    ("强迫劳动", "labour-test"),
    ("有组织犯罪", "palermo-test"),
    ("human rights center", "principles-test"),
])
def test_expected_entry_first(searcher, q, expected):
    assert ids(searcher.search(q), 1) == [expected]


def test_chinese_term_finds_paragraph_text(searcher):
    result = searcher.search("强迫劳动", limit=10)
    found = {r["id"] for r in result["results"]}
    assert {"pp6", "gpa4"} <= found
    para = next(r for r in result["results"] if r["id"] == "gpa4")
    assert "<mark>" in para["snippet"] and para["kind"] == "paragraph"


def test_result_shape_and_facets(searcher):
    result = searcher.search("convention", limit=20)
    assert set(result) == {"query", "total", "results", "facets", "suggestion"}
    assert result["total"] >= 3
    first = result["results"][0]
    assert set(first) == {"id", "kind", "title", "score", "url", "snippet", "type", "region",
                          "pillar", "scope", "provisions"}
    assert result["facets"]["type"]["convention"] == 3
    assert result["facets"]["region"] == {"global": 2, "europe": 1}
    assert set(result["facets"]["pillar"]) <= {"prevention", "protection", "prosecution",
                                               "partnership"}


def test_results_mix_entries_and_paragraphs(searcher):
    kinds = {r["kind"] for r in searcher.search("victims", limit=50)["results"]}
    assert kinds == {"entry", "paragraph"}


def test_filters(searcher):
    assert set(ids(searcher.search("convention", type="mechanism", limit=20), 20)) <= {"fund-test"}
    assert ids(searcher.search("convention", region="europe"), 5) == ["europe-test"]
    cited = searcher.search("convention", para="gpa4", limit=20)
    assert {r["id"] for r in cited["results"]} <= {"palermo-test", "labour-test", "gpa4"}
    assert "palermo-test" in ids(cited, 20)
    protection = searcher.search("victims", pillar="protection", limit=50)
    assert all("protection" in r["pillar"] for r in protection["results"])
    assert protection["total"] > 0


def test_filter_without_words_lists_everything_matching(searcher):
    result = searcher.search("", type="convention", limit=20)
    assert result["total"] == 3


def test_snippet_marks_matches_and_is_html_safe(searcher):
    snippet = searcher.search("laundering")["results"][0]["snippet"]
    assert "<mark>laundering</mark>" in snippet


def test_typo_suggests_and_falls_back_to_fuzzy(searcher):
    result = searcher.search("Palermo Convnetion")
    assert result["suggestion"] == "Palermo Convention"
    assert ids(result, 1) == ["palermo-test"]
    result = searcher.search("launderign")
    assert result["total"] > 0 and "palermo-test" in ids(result, 3)


def test_no_suggestion_for_known_words(searcher):
    assert searcher.search("forced labour")["suggestion"] is None


HOSTILE = ['"', '"unclosed phrase', "(", ")", "((trafficking", "trafficking)", "[", "{x",
           "AND", "OR", "NOT", "trafficking AND", "AND OR NOT", "NOT NOT", "*", "?", "~", "^",
           "title:", ":", "nofield:x", "traffic*", "a^^2", "\\", "'", "x~~~", "-", "+", "!",
           "[a TO", "{a TO b]", "title:(", "a:b:c", "“smart quotes”", "\x00", "/", "A/",
           "//", "贩运\"", "《公约》", "%s%s%n", "'; DROP TABLE", "$(rm -rf)", "\U0001F600"]


@pytest.mark.parametrize("q", HOSTILE)
def test_parser_hostile_queries_never_raise(searcher, q):
    result = searcher.search(q)
    assert isinstance(result["total"], int)
    json.dumps(result)


def test_hostile_query_is_searched_as_plain_terms(searcher):
    assert ids(searcher.search('"forced labour'), 1) == ["labour-test"]
    assert ids(searcher.search("(Palermo Convention"), 1) == ["palermo-test"]


def test_empty_and_very_long_queries(searcher):
    assert searcher.search("")["total"] == 0
    assert searcher.search("   ")["results"] == []
    long = " ".join(["trafficking"] * 5000 + ["victims"] * 5000)
    result = searcher.search(long)
    assert result["total"] > 0
    huge = "x" * 1_000_000
    assert searcher.search(huge)["total"] == 0
    # cut to its first 500 characters, whose word the paragraphs hold
    result = searcher.search("贩运" * 100_000)
    assert result["total"] > 0 and result["results"][0]["kind"] == "paragraph"


def test_limit_is_bounded(searcher):
    assert len(searcher.search("the victims of trafficking", limit=3)["results"]) <= 3
    assert len(searcher.search("trafficking", limit=10**9)["results"]) <= 200


# --- The index on disk: atomic, incremental ---------------------------------------------

def test_incremental_equals_full_and_rewrites_only_changes(tmp_path):
    root = fixture_corpus(tmp_path / "c")
    inc, full = tmp_path / "inc", tmp_path / "full"
    first = search_engine.build_index(inc, documents(load_valid_corpus(root)))
    assert first.mode == "full"
    again = search_engine.build_index(inc, documents(load_valid_corpus(root)))
    assert again.mode == "unchanged"

    path = root / "entries" / "fund-test.md"
    path.write_text(path.read_text(encoding="utf-8").replace("grants", "small grants"),
                    encoding="utf-8")
    write_entry(root, "new-test", title="Brand New Mechanism", refs=("gpa40",))
    (root / "entries" / "principles-test.md").unlink()
    corpus = load_valid_corpus(root)
    report = search_engine.build_index(inc, documents(corpus))
    assert report.mode == "incremental"
    assert (report.added, report.removed) == (1, 1)
    # the edited entry, plus the paragraphs whose citing entries changed (gpa26, gpa40)
    assert report.updated == 3

    search_engine.build_index(full, documents(corpus), full=True)
    assert search_engine.stored_documents(inc) == search_engine.stored_documents(full)
    with search_engine.open_index(inc) as a, search_engine.open_index(full) as b:
        for q in ("small grants", "Brand New", "human rights", "强迫劳动", "UNTOC"):
            ra, rb = a.search(q, limit=20), b.search(q, limit=20)
            assert (ra["total"], ids(ra, 20)) == (rb["total"], ids(rb, 20))
    assert len(list(inc.glob("gen-*"))) <= 2


def test_incremental_build_leaves_previous_generation_intact(tmp_path):
    root = fixture_corpus(tmp_path / "c")
    ix = tmp_path / "ix"
    search_engine.build_index(ix, documents(load_valid_corpus(root)))
    old = search_engine.current_generation(ix)
    before = {p.name: p.read_bytes() for p in old.iterdir()}
    write_entry(root, "new-test", title="Brand New Mechanism", refs=("gpa40",))
    search_engine.build_index(ix, documents(load_valid_corpus(root)))
    assert search_engine.current_generation(ix) != old
    assert {p.name: p.read_bytes() for p in old.iterdir()} == before
    with search_engine.Searcher(old) as s:
        assert "new-test" not in ids(s.search("Brand New Mechanism", limit=50), 50)


def test_failed_build_keeps_previous_index(tmp_path, monkeypatch):
    root = fixture_corpus(tmp_path / "c")
    ix = tmp_path / "ix"
    search_engine.build_index(ix, documents(load_valid_corpus(root)))
    gen = search_engine.current_generation(ix)

    def crash(*args, **kwargs):
        raise KeyboardInterrupt  # as if killed while writing

    monkeypatch.setattr(search_engine, "_full", crash)
    with pytest.raises(KeyboardInterrupt):
        search_engine.build_index(ix, documents(load_valid_corpus(root)), full=True)
    assert search_engine.current_generation(ix) == gen
    with search_engine.open_index(ix) as s:
        assert ids(s.search("UNTOC"), 1) == ["palermo-test"]


KILLED_BUILD = """
import sys
from indexer.search import engine as search_engine
docs = []
for i in range(4000):
    docs.append({"docid": f"entry:e{i}", "id": f"e{i}", "kind": "entry", "type": "body",
                 "region": "global", "pillar": [], "paras": [], "entries": [], "label": "",
                 "title": f"Synthetic {i}", "short_title": "", "aliases": [], "title_zh": "",
                 "ident": "", "summary": "words " * 50, "body": "more words here " * 200,
                 "text_en": "", "text_zh": "", "notes": "", "url": f"entries/e{i}/"})
print("building", flush=True)
search_engine.build_index(sys.argv[1], docs, full=True, procs=1)
print("done", flush=True)
"""


def test_build_killed_midway_leaves_previous_index_answering(tmp_path):
    root = fixture_corpus(tmp_path / "c")
    ix = tmp_path / "ix"
    search_engine.build_index(ix, documents(load_valid_corpus(root)))
    gen = search_engine.current_generation(ix)
    proc = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, str(ix)],
                            stdout=subprocess.PIPE, text=True, cwd=CORPUS.parent,
                            start_new_session=True)
    assert proc.stdout.readline().strip() == "building"
    deadline = time.monotonic() + 30
    while not list(ix.glob(".tmp-*/*.seg")) and not list(ix.glob(".tmp-*/*.toc")):
        if time.monotonic() > deadline or proc.poll() is not None:
            break
        time.sleep(0.05)
    time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    assert search_engine.current_generation(ix) == gen
    with search_engine.open_index(ix) as s:
        assert ids(s.search("UNTOC"), 1) == ["palermo-test"]
    # the next build clears what the killed one left behind
    search_engine.build_index(ix, documents(load_valid_corpus(root)), full=True)
    assert not list(ix.glob(".tmp-*"))


def test_concurrent_searches_during_rebuilds(tmp_path):
    root = fixture_corpus(tmp_path / "c")
    ix = tmp_path / "ix"
    corpus = load_valid_corpus(root)
    docs = documents(corpus)
    search_engine.build_index(ix, docs)
    errors: list[BaseException] = []
    seen: set[tuple] = set()
    stop = threading.Event()

    def signature() -> tuple:
        with search_engine.open_index(ix) as s:
            result = s.search("Brand New Mechanism", limit=50)
            return result["total"], tuple(ids(result, 50))

    expected = {signature()}

    def reader():
        while not stop.is_set():
            try:
                seen.add(signature())
            except BaseException as exc:  # noqa: BLE001 - any error fails the test
                errors.append(exc)
                return

    threads = [threading.Thread(target=reader) for _ in range(3)]
    for t in threads:
        t.start()
    try:
        for i in range(4):
            if i % 2 == 0:
                write_entry(root, "new-test", title="Brand New Mechanism", refs=("gpa40",))
            else:
                (root / "entries" / "new-test.md").unlink()
            search_engine.build_index(ix, documents(load_valid_corpus(root)), full=i == 2)
            expected.add(signature())
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert not errors, errors
    assert len(expected) == 2  # with and without the new entry
    assert seen and seen <= expected


def test_missing_index_is_reported(tmp_path):
    with pytest.raises(search_engine.IndexNotFound):
        search_engine.open_index(tmp_path / "nothing")


# --- Command line ------------------------------------------------------------------------

def test_cli_index_and_search(tmp_path, capsys):
    root = fixture_corpus(tmp_path / "c")
    ix = tmp_path / "ix"
    assert main(["index", "--corpus", str(root), "--index", str(ix)]) == 0
    assert "full build" in capsys.readouterr().err
    assert main(["index", "--corpus", str(root), "--index", str(ix)]) == 0
    assert "up to date" in capsys.readouterr().err
    assert main(["search", "--index", str(ix), "--json", "forced", "labour"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["results"][0]["id"] == "labour-test"
    assert data["results"][0]["url"] == "entries/labour-test/"
    assert main(["search", "--index", str(ix), "--type", "convention", "UNTOC"]) == 0
    out = capsys.readouterr().out
    assert "palermo-test" in out and "type: convention" in out
    assert main(["search", "--index", str(ix), '"(unbalanced']) == 0
    assert main(["search", "--index", str(tmp_path / "none"), "x"]) == 2
    assert "tipkb index" in capsys.readouterr().err


def test_cli_does_not_import_whoosh_for_other_commands():
    code = ("import sys, indexer.cli as c; c.build_parser(); "
            "print('whoosh' in sys.modules, 'jieba' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True).stdout
    assert out.split() == ["False", "False"]


def test_english_search_does_not_load_jieba_and_chinese_search_is_silent(index_dir):
    # jieba (0.2 s to import) is loaded for Chinese queries only: it cuts them with the
    # index's own vocabulary, prepared at build time, so it writes and prints nothing
    before = {p: p.stat().st_mtime_ns for p in index_dir.rglob("*")}
    code = ("import sys; from indexer.search import engine as se; "
            f"s = se.open_index({str(index_dir)!r}); s.search('UNTOC'); "
            "print('jieba' in sys.modules, s.search('强迫劳动')['results'][0]['id'], "
            "'jieba' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.split() == ["False", "labour-test", "True"]
    assert done.stderr == ""
    assert {p: p.stat().st_mtime_ns for p in index_dir.rglob("*")} == before


# --- Related entries ----------------------------------------------------------------------

def test_see_also(corpus_dir):
    corpus = load_valid_corpus(corpus_dir)
    related = see_also(corpus, limit=2)
    assert set(related) == set(corpus.entries)
    for eid, others in related.items():
        assert eid not in others and len(others) <= 2
        assert set(others) <= set(corpus.entries)
    assert related["labour-test"][0] == "palermo-test"  # shared pp6 and gpa4, similar text


def test_text_similarity_is_symmetric_and_a_cosine():
    corpus = load_valid_corpus(CORPUS)
    scores = text_scores(corpus, None)
    pairs = [(a, b) for a in scores for b in scores[a]]
    assert len(pairs) > 1000
    for a, b in pairs:
        assert scores[b][a] == pytest.approx(scores[a][b], rel=1e-9), (a, b)
        assert 0 < scores[a][b] <= 1 + 1e-9  # unit vectors: never more than identical


# --- The query set on the real corpus ----------------------------------------------------

@pytest.fixture(scope="module")
def real_searcher(tmp_path_factory):
    corpus = load_valid_corpus(CORPUS)
    path = tmp_path_factory.mktemp("real") / "index"
    search_engine.build_index(path, documents(corpus))
    with search_engine.open_index(path) as s:
        yield s, corpus


def test_query_set_hit_rate(real_searcher):
    s, corpus = real_searcher
    cases = yaml.safe_load((HERE / "search_queries.yaml").read_text(encoding="utf-8"))
    assert len(cases) >= 30
    known = set(corpus.entries) | set(corpus.plan.paragraphs)
    hits, misses = 0, []
    for case in cases:
        expected = case["expect"] if isinstance(case["expect"], list) else [case["expect"]]
        assert set(expected) <= known, f"{case['q']!r} expects ids the corpus lacks: {expected}"
        top = ids(s.search(str(case["q"]), **case.get("filters", {})), 3)
        if set(expected) & set(top):
            hits += 1
        else:
            misses.append((case["q"], expected, top))
    rate = hits / len(cases)
    print(f"\nquery set: {hits}/{len(cases)} in the top 3 ({rate:.0%})")
    assert rate >= 0.9, misses


def test_a_paragraph_cited_by_very_many_entries_relates_none_of_them():
    from indexer.search.related import MAX_POSTING, shared_paragraph_scores

    class Cited:  # just what shared_paragraph_scores reads of a corpus
        def __init__(self, cited: dict[str, list[str]]):
            self.entries = {e: None for ids in cited.values() for e in ids}
            self._cited = {k: [(e, None) for e in ids] for k, ids in cited.items()}

        def __len__(self):
            return len(self.entries)

        def cited_by(self):
            return self._cited

    many = [f"e{i}" for i in range(MAX_POSTING + 1)]
    scores = shared_paragraph_scores(Cited({"gpa1": many, "gpa2": ["e0", "e1"]}))
    assert set(scores["e0"]) == {"e1"}  # only through gpa2
    assert scores["e5"] == {}
    fewer = shared_paragraph_scores(Cited({"gpa1": many[:MAX_POSTING]}))
    assert len(fewer["e5"]) == MAX_POSTING - 1


def test_the_porter_stemmer_is_whooshs_on_every_word_of_the_corpus():
    """indexer.search.porter is Whoosh's stemmer ported (the CLI's index and the site's both
    use it); it stems every word of the corpus as Whoosh's own does."""
    from whoosh.lang.porter import stem as whoosh_stem

    from indexer.search import porter, textnorm

    words: set[str] = set()
    for path in sorted(CORPUS.rglob("*")):
        if path.suffix in (".md", ".yaml") and path.is_file():
            for kind, tok, _, _ in textnorm.tokens(path.read_text(encoding="utf-8")):
                if kind == "word" and (w := textnorm.normalize_word(tok)) and w.isalpha() \
                        and w.isascii():
                    words.add(w)
    assert len(words) > 3000
    assert [w for w in sorted(words) if porter.stem(w) != whoosh_stem(w)] == []
