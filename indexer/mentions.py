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

    def paragraphs(self, plan: Plan) -> list[str]:
        """Keys of the paragraphs whose Chinese text names this item."""
        return [
            key
            for key, para in plan.paragraphs.items()
            if key not in self.excluded and any(p.search(para.text_zh) for p in self.patterns)
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
