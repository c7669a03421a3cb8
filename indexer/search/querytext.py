"""Query preparation: bound the text, decide whether its syntax can be trusted, cut its Chinese
(no search engine here)."""

from __future__ import annotations

import re
from collections.abc import Collection

from indexer.search import textnorm
from indexer.search.chinese import QueryCutter

MAX_QUERY_CHARS = 500
MAX_QUERY_TERMS = 32
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})


def bound(q: str) -> str:
    """At most MAX_QUERY_CHARS characters and MAX_QUERY_TERMS words, spaces collapsed."""
    return " ".join(q[:MAX_QUERY_CHARS].split()[:MAX_QUERY_TERMS])


def cut_chinese(q: str, cutter: QueryCutter) -> str:
    """The query with each Chinese run outside quotes replaced by the words it must match,
    space-separated. Runs inside a phrase stay whole: the engine matches them by offsets."""
    if not textnorm.has_cjk(q):
        return q
    parts = q.split('"')
    phrases = len(parts) % 2 == 1  # balanced quotes: odd parts are phrases

    def words(m: re.Match) -> str:
        return " " + " ".join(w for w, _ in cutter.units(m.group())) + " "

    for i, part in enumerate(parts):
        if not (phrases and i % 2):
            parts[i] = textnorm.CJK_RUN_RE.sub(words, part)
    return " ".join('"'.join(parts).split())


def looks_parsable(q: str, fieldnames: Collection[str]) -> bool:
    """True if the query syntax in ``q`` is well formed: else it is searched as plain terms."""
    if q.count('"') % 2:
        return False
    q = re.sub(r'"[^"]*"', '"x"', q)  # a phrase is taken as it comes
    depth = 0
    for ch in q:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    if depth or any(c in q for c in "[]{}"):
        return False
    words = q.split()
    if not words or words[0] in OPERATORS or words[-1] in OPERATORS:
        return False
    for a, b in zip(words, words[1:], strict=False):
        if a in OPERATORS and b in OPERATORS:
            return False
    if re.search(r"(^|\s)[*?~^:]|:(\s|$)|\^(?![\d.])", q):
        return False
    return all(f in fieldnames for f in re.findall(r"(\w+):", q))


def plain_terms(q: str) -> str:
    """The words of ``q`` with every bit of query syntax removed."""
    words = []
    for kind, raw, _, _ in textnorm.tokens(q):
        if kind == "word" and raw in OPERATORS:
            raw = raw.lower()
        words.append(raw)
    return " ".join(words)


def has_phrase(q: str) -> bool:
    """True if ``q`` (as parsed) asks for an exact phrase."""
    return q.count('"') >= 2 and q.count('"') % 2 == 0
