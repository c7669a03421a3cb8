"""The site search's analysis: text -> terms, the CLI's rules, mirrored by the browser's script.

Everything here is built on indexer.search.textnorm, the CLI's own normalisation:

- tokens as textnorm cuts them: document symbols kept whole (``E/2002/68/Add.1``, with the
  shorter forms textnorm.symbol_variants gives), ILO numbers folded (``C.29`` -> ``c29``),
  accents and British spellings folded, stop words dropped, then the CLI's Porter stemmer;
- "Art. 6", "Article 6" and "arts. 6" give one more term, ``art:6``, so that an article
  number is searched as one thing and not as every page with a 6 on it;
- Chinese runs: cut by jieba at build time exactly as the CLI indexes them (whole words and
  their dictionary sub-words, textnorm.segment_for_index); the browser cuts a query with the
  same maximum-probability route over the index's own vocabulary, which the shards carry
  (CJK_MODE "jieba"); or, the alternative measured against it, overlapping bigrams at both
  ends (CJK_MODE "bigram");
- a whole name gives a name key (``=palermo_protocol``), so that a query that is exactly an
  entry's name, short title or alias puts that entry first, as the CLI pins it.

The browser's script (docs/assets/javascripts/tipkb-search.js) implements query_groups();
tests/test_site_search.py checks it against this module word for word.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from indexer.search import textnorm
from indexer.search.textnorm import word_term

CJK_MODES = ("jieba", "bigram")
ARTICLE_WORDS = frozenset({"art", "arts", "article", "articles"})
ARTICLE_PREFIX = "art:"
NAME_PREFIX = "="
MAX_QUERY_CHARS = 500  # as the CLI
MAX_QUERY_TERMS = 32
_NUMBER = re.compile(r"^\d{1,4}[a-z]?$")


def bigrams(run: str) -> list[str]:
    """Overlapping two-character pieces of a CJK run ('人口贩运' -> 人口, 口贩, 贩运)."""
    if len(run) < 2:
        return [run] if run else []
    return [run[i:i + 2] for i in range(len(run) - 1)]


def _article_number(raw: str) -> str | None:
    low = raw.lower()
    return low if _NUMBER.match(low) else None


@lru_cache(maxsize=500_000)
def token_terms(raw: str) -> tuple[tuple[str | None, str | None, str], ...]:
    """(term, surface word, word in lower case) for each token of one raw non-CJK token as
    textnorm.token_groups found it: the term is None for a stop word, the surface word (the
    normalised word before stemming) and the lower-case word are None and "" for a symbol."""
    out: list[tuple[str | None, str | None, str]] = []
    for kind, tok, _, _ in textnorm.tokens(raw):
        if kind == "word":
            out.append((word_term(tok), textnorm.normalize_word(tok), tok.lower()))
        elif kind == "sym":
            out.extend((v, None, "") for v in textnorm.symbol_variants(tok))
    return tuple(out)


@lru_cache(maxsize=100_000)
def cjk_terms(run: str, cjk_mode: str = "jieba") -> tuple[str, ...]:
    if cjk_mode == "bigram":
        return tuple(bigrams(run))
    return tuple(w for w, _ in textnorm.segment_for_index(run))


def index_tokens(text: str, cjk_mode: str = "jieba") -> Iterator[tuple[str, str | None]]:
    """(term, surface word or None) for every term of ``text``, as often as it occurs.

    Cut as textnorm.tokens cuts (token_groups, then each token analysed once and cached), as the
    CLI's engine does."""
    previous = ""
    for cjk, sym, word in textnorm.token_groups(text):
        if cjk:
            previous = ""
            for piece in cjk_terms(cjk, cjk_mode):
                yield piece, None
            continue
        for term, surface, low in token_terms(sym or word):
            if low:
                if previous in ARTICLE_WORDS and (number := _article_number(low)):
                    yield ARTICLE_PREFIX + number, None
                previous = low
            else:
                previous = ""
            if term:
                yield term, surface


def index_terms(text: str, cjk_mode: str = "jieba") -> Iterator[str]:
    """Every term of ``text`` for the index, repeated as often as it occurs."""
    return (term for term, _ in index_tokens(text, cjk_mode))


def cjk_runs(text: str) -> list[str]:
    return [raw for kind, raw, _, _ in textnorm.tokens(text) if kind == "cjk"]


def name_key(text: str) -> str:
    """A whole name as one term: its words' terms joined, Chinese runs whole.

    'Palermo Protocol' -> '=palermo_protocol'; '贩运议定书' -> '=贩运议定书'; '' if no term.
    """
    parts: list[str] = []
    for kind, raw, _, _ in textnorm.tokens(text):
        if kind == "word":
            if term := word_term(raw):
                parts.append(term)
        elif kind == "sym":
            parts.append(textnorm.symbol_variants(raw)[0])
        else:
            parts.append(raw)
    return NAME_PREFIX + "_".join(parts) if parts else ""


def bound_query(q: str) -> str:
    return " ".join(q[:MAX_QUERY_CHARS].split()[:MAX_QUERY_TERMS])


def query_groups(q: str, segment=None, cjk_mode: str = "jieba") -> list[dict]:
    """The query as the browser reads it: one group per thing that must match.

    Each group is {"kind": "word"|"sym"|"art"|"cjk", "terms": [...], "raw": ...}: a word gives
    its term (the browser may add corrections and completions), a symbol its whole form, an
    article reference one art: term, a Chinese run the words that ``segment`` (a function
    run -> words; by default the CLI's query cut over the given vocabulary) or bigrams give.
    """
    q = bound_query(q)
    groups: list[dict] = []
    previous = ""
    for kind, raw, _, _ in textnorm.tokens(q):
        if kind == "word":
            number = _article_number(raw)
            if previous in ARTICLE_WORDS and number:
                groups[-1] = {"kind": "art", "terms": [ARTICLE_PREFIX + number],
                              "raw": groups[-1]["raw"] + " " + raw}
                previous = ""
                continue
            previous = raw.lower()
            term = word_term(raw)
            if term is None:
                continue
            groups.append({"kind": "word", "terms": [term], "raw": raw})
        elif kind == "sym":
            previous = ""
            groups.append({"kind": "sym", "terms": [textnorm.symbol_variants(raw)[0]],
                           "raw": raw})
        else:
            previous = ""
            words = bigrams(raw) if cjk_mode == "bigram" else (segment or _whole)(raw)
            for w in dict.fromkeys(words):
                groups.append({"kind": "cjk", "terms": [w], "raw": raw})
    return groups


def _whole(raw: str) -> list[str]:
    """A run of Chinese kept whole, where no segmenter is given."""
    return [raw]
