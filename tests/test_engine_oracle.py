"""Oracle tests: the engine's fast paths against the libraries they stand in for.

- The evaluator (whole posting lists, read through Whoosh's private block readers) against
  Whoosh's own searcher: same documents, same scores, on a few hundred queries over the real
  corpus and over a synthetic one (benchmarks/bench_search.py's generator).
- Phrases against a brute-force scan of the documents' words.
- The query-side jieba (a Tokenizer over the index's small vocabulary) against jieba with its
  full dictionary, on every Chinese run indexed.
"""

from __future__ import annotations

import importlib.util
import random
import re
from pathlib import Path

import pytest

from indexer.corpus.loader import load_valid_corpus
from indexer.search import chinese, textnorm, whoosh_backend
from indexer.search import engine as search_engine
from indexer.search.documents import documents

from .conftest import CORPUS, ROOT

_CJK = re.compile(f"[{textnorm.CJK_CHARS}]+")


def _bench():
    spec = importlib.util.spec_from_file_location("bench_search",
                                                  ROOT / "benchmarks" / "bench_search.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Indexed:
    def __init__(self, docs: list[dict], path: Path):
        self.docs = docs
        self.by_id = {d["docid"]: d for d in docs}
        search_engine.build_index(path, docs, full=True)
        self.path = path
        self.searcher = search_engine.open_index(path)
        reader = self.searcher.backend.searcher.reader()
        self.docid = {n: f["docid"] for n, f in reader.iter_docs()}
        self._parts: dict[str, list[list[set[str]]]] = {}

        self._terms: dict[str, set[str]] = {}

    def parts(self, docid: str) -> list[list[set[str]]]:
        if docid not in self._parts:
            self._parts[docid] = _part_positions(self.by_id[docid])
            self._terms[docid] = {t for seq in self._parts[docid] for p in seq for t in p}
        return self._parts[docid]

    def terms(self, docid: str) -> set[str]:
        self.parts(docid)
        return self._terms[docid]


@pytest.fixture(scope="module")
def real(tmp_path_factory):
    ix = Indexed(documents(load_valid_corpus(CORPUS)), tmp_path_factory.mktemp("real") / "ix")
    yield ix
    ix.searcher.close()


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory):
    """A synthetic corpus, indexed with the pairs of common words that large corpora get."""
    folder = tmp_path_factory.mktemp("synthetic")
    root = _bench().make_corpus(folder, 150, seed=19)
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(search_engine, "PAIRS_FROM", 0)
        ix = Indexed(documents(load_valid_corpus(root)), folder / "ix")
    assert len(search_engine._read_common(search_engine.current_generation(ix.path))) > 20
    yield ix
    ix.searcher.close()


def _texts(doc: dict) -> list[str]:
    return [(doc.get(k) or "") for k in ("title", "summary", "body", "text_en")]


def oracle_queries(docs: list[dict], n: int, seed: int) -> list[str]:
    """Words, pairs, OR, names, identifiers and phrases taken from the documents."""
    rng = random.Random(seed)
    words = sorted({w for d in docs for t in _texts(d) for w in re.findall(r"[A-Za-z]{3,}", t)})
    titles = [d["title"] for d in docs if d["title"]]
    texts = [t for d in docs for t in _texts(d)[1:] if len(t.split()) > 8]
    out: list[str] = []
    for i in range(n):
        kind = i % 7
        if kind == 0:
            out.append(rng.choice(words))
        elif kind == 1:
            out.append(" ".join(rng.sample(words, rng.randint(2, 3))))
        elif kind == 2:
            out.append(f"{rng.choice(words)} OR {rng.choice(words)}")
        elif kind == 3:
            out.append(rng.choice(titles))
        elif kind == 4:
            toks = rng.choice(texts).split()
            j = rng.randrange(len(toks) - 4)
            out.append('"' + " ".join(toks[j:j + rng.randint(2, 4)]) + '"')
        elif kind == 5:
            out.append(f'{rng.choice(words)} "{" ".join(rng.sample(words, 2))}"')
        else:
            out.append(rng.choice(["A/RES/64/293", "55/25", "C29", "CETS 197", "UNTOC",
                                   "t_name:convention", "kind:paragraph victims"]))
    return out


def _trees(s: search_engine.Searcher, q: str, i: int):
    """The query trees the engine evaluates for ``q`` (names pinned first): as typed; for
    some queries also any of its words and fuzzy terms (the fallbacks)."""
    prepared = s.prepare(q)
    backend = s.backend
    yield backend.pin_names(backend.parse(prepared, s.cutter), q)
    if i % 3 == 0:
        yield backend.pin_names(backend.parse(prepared, s.cutter, any_term=True), q)
    if i % 10 == 0 and (fuzzy := backend.fuzzy(prepared)) is not None:
        yield fuzzy


def _assert_same_as_whoosh(ix: Indexed, queries: list[str]) -> int:
    backend = ix.searcher.backend
    compared = 0
    for i, q in enumerate(queries):
        for tree in _trees(ix.searcher, q, i):
            tree = backend.evaluator.expand(tree)  # fuzzy terms: the words they stand for
            ours = backend.evaluator.scores(tree)
            theirs = whoosh_backend.whoosh_scores(backend.searcher, tree)
            assert set(ours) == set(theirs), (q, tree)
            for d, score in theirs.items():
                assert ours[d] == pytest.approx(score, rel=1e-9, abs=1e-12), (q, tree, d)
            top = sorted(ours, key=lambda d: (-ours[d], d))[:10]
            assert top == sorted(theirs, key=lambda d: (-theirs[d], d))[:10]
            compared += bool(theirs)
    return compared


def test_evaluator_equals_whoosh_on_the_real_corpus(real):
    queries = oracle_queries(real.docs, 300, seed=1)
    assert _assert_same_as_whoosh(real, queries) > 250  # most trees match something


def test_evaluator_equals_whoosh_on_a_synthetic_corpus(synthetic):
    queries = oracle_queries(synthetic.docs, 300, seed=2)
    assert _assert_same_as_whoosh(synthetic, queries) > 250


# --- Phrases against a brute-force scan ---------------------------------------------------

def _part_positions(doc: dict) -> list[list[set[str]]]:
    """Each part of the full text (a field, a name) as its sequence of positions, each with
    the terms there: words analysed, a Chinese run one position per character."""
    parts = []
    for key in whoosh_backend.FIELD_GROUPS["t_text"]:
        value = doc.get(key)
        if not value:
            continue
        items = value if isinstance(value, list) else (
            value.splitlines() if key in whoosh_backend.NAME_PARTS else [value])
        for item in items:
            seq: list[set[str]] = []
            for kind, raw, _, _ in textnorm.tokens(item):
                if kind == "cjk":
                    seq.extend({ch} for ch in raw)
                elif kind == "sym":
                    seq.append(set(textnorm.symbol_variants(raw)))
                elif (term := search_engine.word_term(raw)) is not None:
                    seq.append({term})
            parts.append(seq)
    return parts


def _brute_force(ix: Indexed, phrase: str) -> set[str]:
    units = whoosh_backend.phrase_units(phrase, None)
    span = max(off for _, off in units) + 1
    found = set()
    for docid in ix.by_id:
        if not all(t in ix.terms(docid) for t, _ in units):
            continue
        for seq in ix.parts(docid):
            if any(all(t in seq[start + off] for t, off in units)
                   for start in range(len(seq) - span + 1)):
                found.add(docid)
                break
    return found


def _engine(ix: Indexed, q: str) -> set[str]:
    s = ix.searcher
    tree = s.backend.parse(s.prepare(q), s.cutter)
    return {ix.docid[d] for d in s.backend.evaluator.scores(tree)}


@pytest.mark.parametrize("which", ["real", "synthetic"])
def test_english_phrases_match_exactly_the_documents_with_those_words_in_a_row(which, request):
    ix = request.getfixturevalue(which)
    rng = random.Random(5)
    texts = [t for d in ix.docs for t in _texts(d)[1:] if len(t.split()) > 8]
    checked = 0
    for _ in range(40):
        toks = [t for t in rng.choice(texts).split() if not textnorm.has_cjk(t)]
        j = rng.randrange(len(toks) - 4)
        phrase = " ".join(toks[j:j + rng.randint(2, 4)])
        if not whoosh_backend.phrase_units(phrase, None):
            continue
        expected = _brute_force(ix, phrase)
        assert expected, phrase  # taken from a document
        assert _engine(ix, f'"{phrase}"') == expected, phrase
        checked += 1
    assert checked >= 30


# --- Chinese ------------------------------------------------------------------------------

def _runs(ix: Indexed) -> list[str]:
    return sorted(search_engine._chinese_runs(ix.docs))


def test_query_cut_with_the_saved_vocabulary_equals_jieba_with_its_full_dictionary(
        real, synthetic):
    full = chinese.full_tokenizer(real.path / "jieba-cache")
    compared = 0
    for ix in (real, synthetic):
        generation = search_engine.current_generation(ix.path)
        indexed = search_engine._read_runs(generation / search_engine.ZH_RUNS)
        for run in _runs(ix):
            assert ix.searcher.cutter.cut(run) == list(full.cut(run, HMM=False)), run
            assert indexed[run] == chinese.tokenize_for_index(full, run), run
            compared += 1
    assert compared > 700


def test_the_browsers_reference_segmenter_cuts_like_jieba_over_the_same_vocabulary(
        real, synthetic):
    """textnorm.VocabSegmenter (plain Python, followed by the browser's port) against jieba's
    Tokenizer over the vocabulary an index saved, on every indexed run and on sub-runs."""
    compared = 0
    for ix in (real, synthetic):
        generation = search_engine.current_generation(ix.path)
        freq, total = chinese.read_vocab(generation / "zh_vocab.txt")
        reference = textnorm.VocabSegmenter(freq, total)
        for run in _runs(ix):
            for piece in (run, run[1:], run[:-1], run[len(run) // 3:]):
                if not piece:
                    continue
                assert reference.cut(piece) == ix.searcher.cutter.cut(piece), piece
                assert reference.query_words(piece) == list(dict.fromkeys(
                    w for w, _ in ix.searcher.cutter.units(piece))), piece
                compared += 1
    assert compared > 2000


def _zh_text(ix: Indexed, docid: str) -> str:
    """The full text as the phrase sees it: Chinese characters, each Latin token one mark,
    parts apart."""
    out = []
    for seq in ix.parts(docid):
        out.append("".join(next(iter(p)) if textnorm.has_cjk(next(iter(p))) else "□"
                           for p in seq))
    return "\n".join(out)


def test_chinese_phrases(real, synthetic):
    """A quoted Chinese run finds exactly the documents that hold it as the index cut it:
    every whole run indexed is found where it is, and every document found holds the
    characters in a row."""
    full = chinese.full_tokenizer(real.path / "jieba-cache")
    rng = random.Random(8)
    for ix in (real, synthetic):
        texts = {docid: _zh_text(ix, docid) for docid in ix.by_id}
        whole_runs = {docid: search_engine._chinese_runs([d]) for docid, d in ix.by_id.items()}
        runs = [r for r in _runs(ix) if len(r) > 2]
        phrases = rng.sample(runs, min(120, len(runs)))
        for run in rng.sample(runs, 80):  # a few words in a row from a run
            words = list(full.cut(run, HMM=False))
            if len(words) > 2:
                i = rng.randrange(len(words) - 1)
                phrases.append("".join(words[i:i + rng.randint(2, 3)]))
        for phrase in phrases:
            found = _engine(ix, f'"{phrase}"')
            holders = {docid for docid, t in texts.items() if phrase in t}
            assert found <= holders, phrase
            if phrase in runs:
                whole = {docid for docid, held in whole_runs.items() if phrase in held}
                assert whole <= found, phrase
