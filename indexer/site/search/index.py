"""The site search's static index: terms scored at build time, cut into small script files.

Layout, under ``search/`` in the built site (every file a script that hands its data to
``tipkbSearch(name, data)``, so that it loads from disk too, where fetch() is refused):

    manifest.js     what the browser needs first: the analysis tables (textnorm's), the first
                    term of every shard, facet names; a few KB whatever the corpus
    t/<n>.js        postings: term -> documents with their scores, cut by term order into
                    files of about SHARD_BYTES; a query loads the few files its terms fall in
    l/<n>.js        the lexicon: every English word with its stem and count, for typo
                    correction and completion of the word being typed; loaded only for a
                    word the index does not know
    d/<n>.js        the documents to show (title, Chinese name, address, excerpt, facets),
                    DOCS_PER_SHARD to a file (a page of results loads at most ten)
    facets.js       every document's type, region, scope, pillars and kind, for the filters
                    and their counts; loaded after the first results

Scores: BM25 over a weighted term frequency (the CLI's field weights: names 3, summary 2,
body 1, notes 0.5) with the CLI's idf, log(N / (df + 1)) + 1, so that a word every entry has
still ranks the entries it names; plus the names again (x3), as the CLI's BM25F does, each
name on its own. Computed here once and stored per posting: a query only adds numbers.
"""

from __future__ import annotations

import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from indexer.search import textnorm
from indexer.site.search import analysis
from indexer.site.search.documents import KINDS, NAME_FIELDS, NAME_LIKE_FIELDS, WEIGHTS, SiteDoc

FORMAT = 1
SHARD_BYTES = 16_000
LEXICON_BYTES = 12_000
DOCS_PER_SHARD = 16
K1, B = 1.2, 0.75
NAME_FIELD_BOOST = 3.0
SCALE = 8.0  # stored score = round(score * SCALE)
# A posting's numbers in base 32, the last digit from the upper half of the alphabet: no
# separators, and every character is safe inside a JSON string.
ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
SCOPES = ("cited", "later", "context")
_LEXICON_WORD = re.compile(r"^[a-z]{3,}$")


def encode_number(n: int) -> str:
    if n < len(_SMALL):
        return _SMALL[n]
    return _encode(n)


def _encode(n: int) -> str:
    digits = [ALPHABET[32 + (n & 31)]]
    n >>= 5
    while n:
        digits.append(ALPHABET[n & 31])
        n >>= 5
    return "".join(reversed(digits))


_SMALL = [_encode(i) for i in range(4096)]


def decode_numbers(text: str) -> list[int]:
    """The inverse of encode_number over a run of numbers (for tests and tools)."""
    out, n = [], 0
    for ch in text:
        v = ALPHABET.index(ch)
        if v >= 32:
            out.append((n << 5) | (v - 32))
            n = 0
        else:
            n = (n << 5) | v
    return out


def encode_postings(postings: list[tuple[int, int]]) -> str:
    """[(doc, score)] in doc order -> 'delta score delta score ...' packed."""
    out, previous = [], -1
    for doc, score in postings:
        out.append(encode_number(doc - previous - 1))
        out.append(encode_number(score))
        previous = doc
    return "".join(out)


@dataclass
class BuildStats:
    documents: int
    terms: int
    files: int
    bytes: int
    cjk_mode: str


class _Counts:
    """Weighted term frequencies of every document, its names one by one, its name keys, and
    the surface words behind each term."""

    def __init__(self, docs: list[SiteDoc], cjk_mode: str):
        self.text: list[dict[str, float]] = []
        self.names: list[list[Counter]] = []  # each name of a document on its own
        self.keys: list[set[str]] = []
        self.surfaces: dict[str, Counter] = defaultdict(Counter)
        self.lexicon: Counter = Counter()
        for doc in docs:
            # Contributors' pages quote misspellings and odd words on purpose: what counts
            # as a known word, and what a typo may be corrected to, comes from the rest.
            practitioners = doc.kind != "contributing"
            text: dict[str, float] = defaultdict(float)
            names: list[Counter] = []
            for field, value in doc.fields.items():
                if not value:
                    continue
                weight = WEIGHTS.get(field, 1.0)
                for term, surface in analysis.index_tokens(value, cjk_mode):
                    text[term] += weight
                    if surface is not None and practitioners:
                        self.surfaces[term][surface] += 1
                        if _LEXICON_WORD.match(surface):
                            self.lexicon[surface] += 1
                if field in NAME_FIELDS or field in NAME_LIKE_FIELDS:
                    for name in value.split("\n"):
                        if terms := Counter(analysis.index_terms(name, cjk_mode)):
                            names.append(terms)
            self.text.append(text)
            self.names.append(names)
            self.keys.append({analysis.name_key(n) for n in doc.names} - {""})


def _scores(counts: _Counts) -> dict[str, list[tuple[int, int]]]:
    """term -> [(document, stored score)]. A term's score in a document is BM25 over the
    weighted text, plus NAME_FIELD_BOOST times its BM25 in the best of the document's names
    (each name normalised by its own length: a short alias that is the query counts fully,
    however long the official title)."""
    n = len(counts.text)
    df: Counter = Counter()
    for c in counts.text:
        df.update(c.keys())
    lengths = [sum(c.values()) for c in counts.text]
    name_lengths = [sum(c.values()) for names in counts.names for c in names]
    avg = (sum(lengths) / n) if n else 1.0
    avg_name = (sum(name_lengths) / len(name_lengths)) if name_lengths else 1.0
    idf = {term: math.log(n / (count + 1)) + 1 for term, count in df.items()}  # the CLI's
    postings: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for doc in range(n):
        norm = K1 * (1 - B + B * lengths[doc] / avg)
        best_name: dict[str, float] = {}
        for name in counts.names[doc]:
            norm_name = K1 * (1 - B + B * sum(name.values()) / avg_name)
            for term, count in name.items():
                sat = count * (K1 + 1) / (count + norm_name)
                if sat > best_name.get(term, 0.0):
                    best_name[term] = sat
        for term, tf in counts.text[doc].items():
            score = idf[term] * (tf * (K1 + 1) / (tf + norm)
                                 + NAME_FIELD_BOOST * best_name.get(term, 0.0))
            postings[term].append((doc, max(1, round(score * SCALE))))
        for key in counts.keys[doc]:
            postings[key].append((doc, 1))
    return postings


def _cut(items: list[tuple[str, str]], limit: int) -> list[list[tuple[str, str]]]:
    """Sorted (key, encoded value) pairs cut into runs of about ``limit`` bytes."""
    shards: list[list[tuple[str, str]]] = []
    size = limit
    for key, value in items:
        cost = len(key.encode()) + len(value.encode()) + 6
        if size + cost > limit and (not shards or shards[-1]):
            shards.append([])
            size = 0
        shards[-1].append((key, value))
        size += cost
    return shards


def _script(name: str, data) -> str:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return f"tipkbSearch({json.dumps(name)},{body});\n"


class _Writer:
    def __init__(self, root: Path):
        self.root = root
        self.files = 0
        self.bytes = 0
        self.digest = hashlib.sha256()

    def write(self, name: str, data) -> None:
        text = _script(name, data)
        path = self.root / f"{name}.js"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        self.files += 1
        self.bytes += len(text.encode("utf-8"))
        self.digest.update(text.encode("utf-8"))


def _analysis_tables() -> dict:
    """textnorm's data, for the browser's copy of its functions."""
    return {
        "stop": sorted(textnorm.STOP_WORDS),
        "ukWords": textnorm.UK_US_WORDS,
        "ukPrefixes": textnorm.UK_US_PREFIXES,
        "iseExceptions": sorted(textnorm._ISE_EXCEPTIONS),
        "cjk": textnorm.CJK_CHARS,
    }


def _facet_code(values: list[str], value: str) -> int:
    return values.index(value) if value in values else len(values)


def build_index(docs: list[SiteDoc], out: Path, cjk_mode: str = "jieba") -> BuildStats:
    """Write the index of ``docs`` into ``out`` (the site's search/ folder), replacing it."""
    if cjk_mode not in analysis.CJK_MODES:
        raise ValueError(f"unknown CJK mode {cjk_mode!r}")
    out = Path(out)
    if out.exists():
        for old in sorted(out.rglob("*.js"), reverse=True):
            old.unlink()
    counts = _Counts(docs, cjk_mode)
    postings = _scores(counts)
    zh_terms = [t for t in postings if textnorm.has_cjk(t[0])] if cjk_mode == "jieba" else []
    zh_freq, zh_total = textnorm.jieba_frequencies(zh_terms)
    writer = _Writer(out)

    # postings, with each term's surface words (to tell a typo from an unseen form) and, for
    # Chinese words, jieba's frequency (the browser cuts queries with them)
    items = []
    for term in sorted(postings):
        value: list[str | int] = [encode_postings(postings[term])]
        surfaces = counts.surfaces.get(term)
        if surfaces:
            value.append(" ".join(sorted(surfaces)))
        elif term in zh_freq:
            value.append(zh_freq[term])
        items.append((term, json.dumps(value, ensure_ascii=False)))
    term_shards = _cut(items, SHARD_BYTES)
    for i, shard in enumerate(term_shards):
        writer.write(f"t/{i}", {k: json.loads(v) for k, v in shard})

    lex_items = []
    for word in sorted(counts.lexicon):
        term = analysis.word_term(word) or word
        entry: list[str | int] = [counts.lexicon[word]] + ([term] if term != word else [])
        lex_items.append((word, json.dumps(entry)))
    lex_shards = _cut(lex_items, LEXICON_BYTES)
    for i, shard in enumerate(lex_shards):
        writer.write(f"l/{i}", {k: json.loads(v) for k, v in shard})

    types = sorted({d.type for d in docs if d.type})
    regions = sorted({d.region for d in docs if d.region})
    pillars = sorted({p for d in docs for p in d.pillars})
    for start in range(0, len(docs), DOCS_PER_SHARD):
        rows = []
        for d in docs[start:start + DOCS_PER_SHARD]:
            rows.append([d.url, d.title, d.subtitle, d.excerpt, KINDS.index(d.kind), d.type,
                         d.region, d.scope, d.pillars])
        writer.write(f"d/{start // DOCS_PER_SHARD}", rows)

    facets = {
        "kind": "".join(ALPHABET[KINDS.index(d.kind)] for d in docs),
        "type": "".join(ALPHABET[_facet_code(types, d.type)] for d in docs),
        "region": "".join(ALPHABET[_facet_code(regions, d.region)] for d in docs),
        "scope": "".join(ALPHABET[_facet_code(list(SCOPES), d.scope)] for d in docs),
        "pillar": "".join(ALPHABET[sum(1 << pillars.index(p) for p in d.pillars)]
                          for d in docs),
    }
    writer.write("facets", facets)

    version = writer.digest.hexdigest()[:12]
    manifest = {
        "format": FORMAT,
        "version": version,
        "documents": len(docs),
        "docsPerShard": DOCS_PER_SHARD,
        "cjkMode": cjk_mode,
        "zhTotal": zh_total,
        "scale": SCALE,
        "kinds": list(KINDS),
        "firstContributing": next((i for i, d in enumerate(docs) if d.kind == "contributing"),
                                  len(docs)),
        "terms": [s[0][0] for s in term_shards],
        "lexicon": [s[0][0] for s in lex_shards],
        "facets": {"type": types, "region": regions, "scope": list(SCOPES),
                   "pillar": pillars},
        "analysis": _analysis_tables(),
    }
    writer.write("manifest", manifest)
    return BuildStats(len(docs), len(postings), writer.files, writer.bytes, cjk_mode)
