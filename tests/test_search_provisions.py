"""`tipkb search` knows provisions, scope and Chinese summaries: "Art. 6" finds the instruments
that have an Article 6 among their key provisions first and shows it; --topic and --scope filter."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer.cli import main
from indexer.corpus.loader import load_valid_corpus
from indexer.search import engine as search_engine
from indexer.search.documents import documents

from .conftest import CORPUS


@pytest.fixture(scope="module")
def corpus():
    return load_valid_corpus(CORPUS)


@pytest.fixture(scope="module")
def index_dir(corpus, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("provisions") / "index"
    search_engine.build_index(path, documents(corpus))
    return path


@pytest.fixture(scope="module")
def searcher(index_dir: Path):
    with search_engine.open_index(index_dir) as s:
        yield s


def _articles(entry) -> set[str]:
    return {n for p in entry.provisions if p.unit == "article"
            for n in (p.number, p.number.split("(")[0])}


@pytest.mark.parametrize("q,number", [("Art. 6", "6"), ("article 14", "14"),
                                      ("Arts. 5", "5")])
def test_an_article_query_ranks_instruments_with_that_provision_first(searcher, corpus, q,
                                                                       number):
    having = {e.id for e in corpus if number in _articles(e)}
    assert len(having) >= 2  # the corpus gives the test something to rank
    results = searcher.search(q, limit=len(having) + 5)["results"]
    first = [r["id"] for r in results[:len(having)]]
    assert set(first) == having, (q, first)
    for r in results[:len(having)]:
        shown = r["provisions"]
        assert shown, r["id"]
        assert all(s.split(" ")[1].split("(")[0] == number for s in shown), shown
    assert all(not r["provisions"] for r in results[len(having):])


def test_topic_filter_keeps_only_instruments_with_a_provision_on_it(searcher, corpus):
    topic = "non-punishment"
    on_topic = {e.id for e in corpus if any(topic in p.topics for p in e.provisions)}
    assert on_topic
    result = searcher.search("victims", limit=200, topic=topic)
    found = {r["id"] for r in result["results"]}
    assert found and found <= on_topic
    for r in result["results"]:
        entry = corpus.entries[r["id"]]
        expected = [p for p in entry.provisions if topic in p.topics]
        assert len(r["provisions"]) == len(expected)


def test_scope_filter(searcher, corpus):
    for scope in ("cited", "later", "context"):
        result = searcher.search("trafficking", limit=200, scope=scope)
        assert result["results"], scope
        assert {corpus.entries[r["id"]].scope for r in result["results"]} == {scope}
        assert all(r["scope"] == scope for r in result["results"])
    every = searcher.search("trafficking", limit=200)["total"]
    split = sum(searcher.search("trafficking", limit=200, scope=s)["total"]
                for s in ("cited", "later", "context"))
    paragraphs = searcher.search("trafficking", limit=1, kind="paragraph")["total"]
    assert split == every - paragraphs  # every entry has exactly one scope; paragraphs none


def test_cli_flags_and_an_unknown_topic(index_dir, capsys):
    assert main(["search", "Art. 6", "--index", str(index_dir), "--scope", "cited",
                 "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["results"] and all(r["scope"] == "cited" for r in out["results"])
    assert main(["search", "Art. 6", "--index", str(index_dir), "--limit", "3"]) == 0
    text = capsys.readouterr().out
    assert "   - Art. 6 " in text
    assert main(["search", "x", "--index", str(index_dir), "--topic", "no-such-topic"]) == 2
    err = capsys.readouterr().err
    assert "unknown topic 'no-such-topic'" in err and "non-punishment" in err


def test_chinese_summaries_are_searched(searcher, corpus):
    having = {e.id for e in corpus if "巴勒莫" in (e.summary_zh or "")}
    assert having  # the word appears only in Chinese summaries
    found = {r["id"] for r in searcher.search("巴勒莫", limit=50)["results"]}
    assert having <= found


def test_a_typo_that_falls_on_a_rare_stem_is_corrected(searcher, capsys, index_dir):
    """"trafficing" stems to "traffic", which a few texts use; the word meant is far more
    common, so the search says so and finds its texts too (as the site's search does)."""
    found = searcher.search("trafficing")
    assert found["suggestion"] == "trafficking"
    meant = searcher.search("trafficking")
    assert found["total"] >= meant["total"]
    assert main(["search", "--index", str(index_dir), "trafficing"]) == 0
    assert "trafficking" in capsys.readouterr().out.splitlines()[0]
    # a form the texts use is never "corrected"
    for word in ("traffic", "trafficking", "trafficked", "victims", "labour"):
        assert searcher.search(word)["suggestion"] is None, word
