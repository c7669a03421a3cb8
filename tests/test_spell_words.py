"""The words offered as corrections are counted document by document (bounded memory); the
counts must be those of the whole corpus's text read at once."""

from __future__ import annotations

import random
import re
from collections import Counter

from indexer.corpus.loader import load_valid_corpus
from indexer.search.documents import documents
from indexer.search.spelling import spell_words

from .conftest import ROOT

FIELDS = ("title", "short_title", "summary", "body", "text_en")


def whole_text_counts(docs: list[dict]) -> Counter:
    """The former way: every field of every document joined into one text, then counted."""
    parts: list[str] = []
    for d in docs:
        parts.extend(d.get(k) or "" for k in FIELDS)
        parts.extend(d.get("aliases") or [])
    return Counter(re.findall(r"[a-z]{3,}", "\n".join(parts).lower()))


def test_counts_of_the_real_corpus_are_those_of_its_whole_text():
    docs = [dict(d) for d in documents(load_valid_corpus(ROOT / "corpus"))]
    counts = spell_words(docs)
    assert counts == whole_text_counts(docs)
    assert counts["trafficking"] > 100


def test_counts_of_random_documents_with_words_at_every_edge():
    rng = random.Random(293)
    pieces = ["Zebra", "zeb", "ra", "ab", "x", "ÀBC", "İstanbul", "ǅemal", " ", "\n", "-", "7",
              "KELVIN\u212a", "ﬁle", "trafficking", ""]
    docs = []
    for _ in range(300):
        doc: dict = {}
        for key in (*FIELDS, "label", "notes"):
            if rng.random() < 0.7:
                doc[key] = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
            elif rng.random() < 0.5:
                doc[key] = None
        if rng.random() < 0.5:
            doc["aliases"] = ["".join(rng.choice(pieces) for _ in range(3))
                              for _ in range(rng.randint(0, 3))]
        docs.append(doc)
    assert spell_words(docs) == whole_text_counts(docs)
    assert spell_words([{"title": "ab", "summary": "c"}]) == Counter()  # no join across fields
    assert spell_words([]) == Counter()
