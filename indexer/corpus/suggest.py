"""Paragraphs that mention an entry but are missing from its plan_refs (`tipkb suggest-links`)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from indexer.corpus.mentions import load_mentions
from indexer.corpus.model import Corpus, Entry

MIN_NAME = 4  # shorter English names (e.g. "ILO") match only as whole words in upper case


@dataclass(frozen=True)
class Suggestion:
    para: str
    label: str
    matched: str
    language: str  # zh | en


def _patterns(corpus: Corpus, entry: Entry) -> list[tuple[re.Pattern, str, str]]:
    out: list[tuple[re.Pattern, str, str]] = []
    for m in corpus.memo("mentions", lambda: load_mentions(corpus.root)):
        if m.id == entry.id:
            out += [(p, p.pattern, "zh") for p in m.patterns]
    zh = entry.cited_as_zh
    if not out and isinstance(zh, str) and zh:  # the checklist's wording is more precise
        out.append((re.compile(re.escape(zh)), zh, "zh"))
    for name in [entry.title, entry.short_title, *entry.aliases]:
        if not isinstance(name, str) or not name.strip():
            continue
        flags = 0 if (len(name) < MIN_NAME or name.isupper()) else re.I
        out.append((re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", flags), name, "en"))
    return out


def suggest_links(corpus: Corpus, entry: Entry) -> list[Suggestion]:
    cited = {r.para for r in entry.plan_refs}
    found: dict[str, Suggestion] = {}
    patterns = _patterns(corpus, entry)
    for key, para in corpus.plan.paragraphs.items():
        if key in cited:
            continue
        for rx, shown, lang in patterns:
            text = para.text_zh if lang == "zh" else para.text_en
            if rx.search(text):
                found.setdefault(key, Suggestion(key, para.label, shown, lang))
                break
    return list(found.values())
