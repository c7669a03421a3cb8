"""Related entries for the site's "See also": text similarity plus shared paragraphs.

``see_also(corpus)`` gives, for every entry, the ids of the few entries most related to it.
Two signals are combined: more-like-this over the search index (entries whose text shares the
rarest, most telling terms with this one) and the paragraphs of resolution 64/293 that both
entries cite (each shared paragraph counts more when few entries cite it).
"""

from __future__ import annotations

from math import log

from .model import Corpus

TEXT_WEIGHT = 1.0  # weight of the normalised more-like-this score (0..1)
PARAGRAPH_WEIGHT = 1.0  # weight of the normalised shared-paragraph score (0..1)


def shared_paragraph_scores(corpus: Corpus) -> dict[str, dict[str, float]]:
    """Entry id -> {other id: sum over shared paragraphs of log(1 + N / citing entries)}."""
    cited = corpus.cited_by()
    n = max(len(corpus), 1)
    out: dict[str, dict[str, float]] = {eid: {} for eid in corpus.entries}
    for ids in cited.values():
        eids = sorted({eid for eid, _ in ids})
        if len(eids) < 2:
            continue
        weight = log(1 + n / len(eids))
        for a in eids:
            for b in eids:
                if a != b:
                    out[a][b] = out[a].get(b, 0.0) + weight
    return out


def text_scores(corpus: Corpus, limit: int) -> dict[str, dict[str, float]]:
    """Entry id -> {other id: more-like-this score}, from a throwaway in-memory index."""
    try:
        from . import search_engine
        from .search_docs import entry_documents
    except ImportError:  # the engine is optional for this signal
        return {}
    return search_engine.more_like_this(entry_documents(corpus), limit=limit * 3)


def _normalised(scores: dict[str, float]) -> dict[str, float]:
    top = max(scores.values(), default=0.0)
    return {k: v / top for k, v in scores.items()} if top > 0 else {}


def see_also(corpus: Corpus, limit: int = 5) -> dict[str, list[str]]:
    """Entry id -> ids of up to ``limit`` related entries, most related first."""
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
