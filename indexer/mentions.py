"""The checklist of items the resolution names (corpus/plan/mentions.yaml), matched to paragraphs."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from .plan import Plan

MENTIONS_NAME = "plan/mentions.yaml"


@dataclass(frozen=True)
class Mention:
    id: str
    patterns: tuple[re.Pattern, ...]
    excluded: frozenset[str]

    def names(self, text: str) -> bool:
        return any(p.search(text) for p in self.patterns)

    def paragraphs(self, plan: Plan) -> list[str]:
        """Keys of the paragraphs whose Chinese text, or a footnote they call, names this item."""
        return [
            key
            for key, para in plan.paragraphs.items()
            if key not in self.excluded and (
                self.names(para.text_zh)
                or any(self.names(plan.footnotes[n].text_zh) for n in para.footnotes
                       if n in plan.footnotes))
        ]


def load_mentions(corpus_root: Path) -> list[Mention]:
    path = Path(corpus_root) / MENTIONS_NAME
    if not path.is_file():
        return []
    items = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [
        Mention(item["id"], tuple(re.compile(p) for p in item["match"]),
                frozenset(item.get("except") or ()))
        for item in items
    ]
