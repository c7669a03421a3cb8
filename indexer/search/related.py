"""Related entries for the site's "See also": text similarity plus shared paragraphs.

``see_also(corpus)`` gives, for every entry, the ids of the few entries most related to it.
Two signals are combined: text similarity (the cosine of the entries' most telling words,
weighted by tf-idf: see ``text_scores``) and the paragraphs of resolution 64/293 that both
entries link to (each shared paragraph counts more when few entries link to it). Both are
symmetric; each entry's list is then ranked by its own best scores.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import cache
from math import log, sqrt

from indexer.corpus.model import Corpus
from indexer.search import textnorm

TEXT_WEIGHT = 1.0  # weight of the normalised text similarity (0..1)
PARAGRAPH_WEIGHT = 1.0  # weight of the normalised shared-paragraph score (0..1)


KEY_TERMS = 25  # the most telling words of an entry (tf-idf) that similarity looks at
MAX_POSTING = 100  # a key word or paragraph shared by more entries than this says little


def shared_paragraph_scores(corpus: Corpus) -> dict[str, dict[str, float]]:
    """Entry id -> {other id: sum over shared paragraphs of log(1 + N / citing entries)}.

    A paragraph cited by more than MAX_POSTING entries is left out, as a key word shared by
    that many is: it says little about any two of them, and counting every pair of its entries
    grew with the square of the corpus (6.6 million pairs at 5,000 synthetic entries). The
    real corpus's most cited paragraph has 27 entries."""
    cited = corpus.cited_by()
    n = max(len(corpus), 1)
    out: dict[str, dict[str, float]] = {eid: {} for eid in corpus.entries}
    for ids in cited.values():
        eids = sorted({eid for eid, _ in ids})
        if len(eids) < 2 or len(eids) > MAX_POSTING:
            continue
        weight = log(1 + n / len(eids))
        for a in eids:
            for b in eids:
                if a != b:
                    out[a][b] = out[a].get(b, 0.0) + weight
    return out




_WORD = re.compile(r"[^\W\d_]{3,}")  # Latin words of three letters or more


@cache
def _key_form(word: str) -> str | None:
    return textnorm.normalize_word(word)


def _words(entry) -> Counter:
    text = " ".join([entry.title, entry.short_title or "", *entry.aliases, entry.body])
    text = re.sub(f"[{textnorm.CJK_CHARS}]+", " ", text)  # similarity reads the English text
    counts: Counter = Counter()
    for tok in _WORD.findall(text):
        word = _key_form(tok)
        if word:
            counts[word] += 1
    return counts


def text_scores(corpus: Corpus, limit: int | None) -> dict[str, dict[str, float]]:
    """Entry id -> {other id: similarity of their key words}, in time linear in the corpus.

    Each entry keeps its KEY_TERMS words of highest tf-idf; two entries are as similar as
    the products of the weights of the key words they share. (A more-like-this query per
    entry over the search index grew with the square of the corpus: 230 s at 5,000.)
    """
    counts = {eid: _words(e) for eid, e in corpus.entries.items()}
    n = len(counts)
    df: Counter = Counter()
    for c in counts.values():
        df.update(c.keys())
    keys: dict[str, dict[str, float]] = {}
    postings: dict[str, list[tuple[str, float]]] = defaultdict(list)
    for eid, c in counts.items():
        weighted = {w: (1 + log(tf)) * log(n / df[w]) for w, tf in c.items() if 1 < df[w] < n}
        top = sorted(weighted.items(), key=lambda kv: (-kv[1], kv[0]))[:KEY_TERMS]
        norm = sqrt(sum(v * v for _, v in top)) or 1.0
        keys[eid] = {w: v / norm for w, v in top}  # a unit vector: products sum to a cosine
        for w, v in keys[eid].items():
            postings[w].append((eid, v))
    out: dict[str, dict[str, float]] = {}
    for eid, terms in keys.items():
        scores: dict[str, float] = defaultdict(float)
        for w, v in terms.items():
            plist = postings[w]
            if len(plist) > MAX_POSTING:
                continue
            for other, u in plist:
                if other != eid:
                    scores[other] += v * u
        best = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
        best = best[: limit * 3] if limit is not None else best
        out[eid] = dict(best)
    return out


def _normalised(scores: dict[str, float]) -> dict[str, float]:
    top = max(scores.values(), default=0.0)
    return {k: v / top for k, v in scores.items()} if top > 0 else {}


def see_also(corpus: Corpus, limit: int = 5) -> dict[str, list[str]]:
    """Entry id -> ids of up to ``limit`` related entries, most related first."""
    return corpus.memo(("see_also", limit), lambda: _see_also(corpus, limit))


def _see_also(corpus: Corpus, limit: int) -> dict[str, list[str]]:
    paragraphs = shared_paragraph_scores(corpus)
    texts = text_scores(corpus, limit)
    out: dict[str, list[str]] = {}
    for eid in sorted(corpus.entries):
        combined: dict[str, float] = {}
        for other, s in _normalised(texts.get(eid, {})).items():
            combined[other] = combined.get(other, 0.0) + TEXT_WEIGHT * s
        for other, s in _normalised(paragraphs.get(eid, {})).items():
            combined[other] = combined.get(other, 0.0) + PARAGRAPH_WEIGHT * s
        combined.pop(eid, None)
        ranked = sorted(combined.items(), key=lambda kv: (-kv[1], kv[0]))
        out[eid] = [other for other, _ in ranked[:limit]]
    return out
