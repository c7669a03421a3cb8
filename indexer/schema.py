"""The entry schema and the vocabularies it defines (types, regions, relations).

The JSON Schema file in corpus/schema/ is the single place these are defined; this module
only reads it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .paths import REPO_ROOT

BUNDLED_SCHEMA = REPO_ROOT / "corpus" / "schema" / "entry.schema.json"

# Fact fields that must be named in some source's `supports` when present.
SOURCED_FACTS = (
    "adopted",
    "opened_for_signature",
    "in_force",
    "adopted_by",
    "place",
    "status",
    "citation.symbol",
    "citation.number",
    "citation.unts",
    "citation.cets",
    "citation.ilo",
    "url",
)


# Entry types that are texts with provisions (the rest are bodies, mandates, events, practices).
INSTRUMENT_TYPES = frozenset({"convention", "resolution", "declaration", "action-plan", "guidance"})


@dataclass(frozen=True)
class Vocabulary:
    version: str
    types: dict[str, str]  # value -> label
    type_descriptions: dict[str, str]
    regions: dict[str, str]
    subregions: dict[str, str]
    relations: tuple[str, ...]
    inverse: dict[str, str]  # relation -> inverse relation
    relation_labels: dict[str, str]
    statuses: tuple[str, ...]

    def type_label(self, value: str) -> str:
        return self.types.get(value, value)

    def region_label(self, value: str | None) -> str:
        if value is None:
            return ""
        return self.regions.get(value) or self.subregions.get(value, value)

    def relation_label(self, value: str) -> str:
        return self.relation_labels.get(value, value)


@cache
def load_schema(path: Path = BUNDLED_SCHEMA) -> dict:
    return json.loads(Path(path).read_text(encoding="utf-8"))


@cache
def vocabulary(path: Path = BUNDLED_SCHEMA) -> Vocabulary:
    schema = load_schema(path)
    defs = schema["$defs"]
    return Vocabulary(
        version=schema["x-version"],
        types=dict(defs["entry_type"]["x-labels"]),
        type_descriptions=dict(defs["entry_type"]["x-descriptions"]),
        regions=dict(defs["region"]["x-labels"]),
        subregions=dict(defs["subregion"]["x-labels"]),
        relations=tuple(defs["relation"]["enum"]),
        inverse=dict(defs["relation"]["x-inverse"]),
        relation_labels=dict(defs["relation"]["x-labels"]),
        statuses=tuple(defs["status"]["enum"]),
    )
