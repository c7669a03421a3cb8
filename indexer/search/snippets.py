"""Snippets: an HTML-escaped passage of a hit with the matched words in <mark> (no search
engine here; the terms come from the engine's analysis)."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from indexer.search import textnorm
from indexer.search.whoosh_backend import word_term

SNIPPET_CHARS = 220


def make_snippet(stored: dict, terms: set[str], size: int = SNIPPET_CHARS) -> str:
    """An HTML-escaped passage of the hit with the matched words in <mark>."""
    fields_order: tuple[str, ...] = ("summary", "text_en", "text_zh", "body", "title")
    zh_terms = [t for t in terms if textnorm.has_cjk(t)]
    if zh_terms:
        fields_order = ("text_zh", "title_zh", "summary", "text_en", "body", "title")
    best = None
    for name in fields_order:
        text = stored.get(name) or ""
        if not text:
            continue
        spans = _match_spans(text, terms, zh_terms)
        if spans:
            best = (text, spans)
            break
        if best is None:
            best = (text, [])
    if best is None:
        return ""
    text, spans = best
    start = 0
    if spans:
        first = spans[0][0]
        start = max(0, first - size // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < first else start
    end = min(len(text), start + size)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > max(start, spans[0][1] if spans else start) else end
    out, pos = [], start
    for s, e in spans:
        if s < pos or e > end:
            continue
        out.append(html.escape(text[pos:s]))
        out.append(f"<mark>{html.escape(text[s:e])}</mark>")
        pos = e
    out.append(html.escape(text[pos:end]))
    snippet = "".join(out).replace("\n", " ")
    return ("…" if start else "") + snippet + ("…" if end < len(text) else "")


@lru_cache(maxsize=256)
def _candidates(terms: frozenset[str]) -> re.Pattern | None:
    """A regex for the places in a text where a term may be: words starting like a term,
    or identifiers. Only these are analysed, not the whole text."""
    prefixes = sorted({t[:4] for t in terms if t.isalnum() and t.isascii()})
    alts = [rf"\b(?:{'|'.join(map(re.escape, prefixes))})[^\W_]*" if prefixes else "",
            r"[A-Za-z0-9][\w.]*(?:/[\w.()]+)+" if any(not t.isalpha() for t in terms) else ""]
    alts = [a for a in alts if a]
    return re.compile("|".join(alts), re.I) if alts else None


def _match_spans(text: str, terms: set[str], zh_terms: list[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pattern = _candidates(frozenset(t for t in terms if not textnorm.has_cjk(t)))
    chunks = ([(m.start(), m.group()) for m in pattern.finditer(text)] if pattern else [])
    if zh_terms:
        chunks += [(m.start(), m.group())
                   for m in textnorm.CJK_RUN_RE.finditer(text)]
    for offset, chunk in chunks:
        spans.extend((offset + s, offset + e) for s, e in _token_spans(chunk, terms, zh_terms))
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _token_spans(text: str, terms: set[str], zh_terms: list[str]) -> list[tuple[int, int]]:
    spans = []
    for kind, raw, s, e in textnorm.tokens(text):
        if kind == "word":
            if word_term(raw) in terms:
                spans.append((s, e))
        elif kind == "sym":
            if any(v in terms for v in textnorm.symbol_variants(raw)):
                spans.append((s, e))
        elif zh_terms:
            for t in zh_terms:
                i = raw.find(t)
                while i >= 0:
                    spans.append((s + i, s + i + len(t)))
                    i = raw.find(t, i + len(t))
    return spans
