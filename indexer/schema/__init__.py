"""The contract with contributors: the entry schema, its vocabularies and the source policy.

The files beside this module are package data (read through importlib.resources, so a built
wheel carries them): ``entry.schema.json`` (JSON Schema 2020-12 with ``x-`` keys for labels
and per-type behaviour) and ``source-policy.yaml``. Nothing else defines types, regions,
relations, topics or what varies by type: every other module reads them from here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

SCHEMA_FILE = "entry.schema.json"
POLICY_FILE = "source-policy.yaml"


def read_text(name: str) -> str:
    """A file of the schema package, as text."""
    return resources.files(__name__).joinpath(name).read_text(encoding="utf-8")


@cache
def load_schema() -> dict:
    return json.loads(read_text(SCHEMA_FILE))


@dataclass(frozen=True)
class TypeInfo:
    """What an entry type is and how it behaves (the schema's ``x-types``)."""

    value: str
    label: str
    label_zh: str
    description: str
    cite_as: str  # treaty | resolution | document | guidance | report | case | reference
    provisions: bool  # lists its key provisions as data
    binding: bool  # binds its parties (conventions)
    dated: bool  # has an adoption or launch date
    treaty: bool  # opens for signature and enters into force
    sections: tuple[str, ...]  # level-2 headings the body must have
    issued: bool = True  # issued by a body: adopted_by, place, status, a citation (not practices)


@dataclass(frozen=True)
class Labels:
    """A controlled vocabulary: its values in order, with English and Chinese labels."""

    values: tuple[str, ...]
    en: dict[str, str]
    zh: dict[str, str]

    def label(self, value: str | None, lang: str = "en") -> str:
        if value is None:
            return ""
        table = self.zh if lang == "zh" else self.en
        return table.get(value) or self.en.get(value, value)

    def __contains__(self, value: object) -> bool:
        return value in self.values


def _labels(spec: dict) -> Labels:
    values = tuple(spec["enum"])
    return Labels(values, dict(spec.get("x-labels", {})), dict(spec.get("x-labels-zh", {})))


@dataclass(frozen=True)
class Vocabulary:
    version: str
    types: dict[str, TypeInfo]
    regions: Labels
    subregions: Labels
    relations: tuple[str, ...]  # the relations an entry may write
    inverse: dict[str, str]  # relation -> inverse relation
    relation_labels: Labels  # labels of relations and of their inverses
    statuses: Labels
    topics: Labels
    compared_topics: tuple[str, ...]  # topics with a comparison page
    units: Labels  # provision units; the zh labels are patterns with {n}
    pillars: Labels
    bases: Labels
    scopes: Labels
    sourced_facts: tuple[str, ...]  # fact fields that a source must support when present

    def type_label(self, value: str, lang: str = "en") -> str:
        info = self.types.get(value)
        if info is None:
            return value
        return info.label_zh if lang == "zh" else info.label

    def region_label(self, value: str | None, lang: str = "en") -> str:
        if value is None:
            return ""
        if value in self.regions:
            return self.regions.label(value, lang)
        return self.subregions.label(value, lang)

    def relation_label(self, value: str, lang: str = "en") -> str:
        return self.relation_labels.label(value, lang)

    def instrument_types(self) -> frozenset[str]:
        """Types that are texts with provisions."""
        return frozenset(t for t, info in self.types.items() if info.provisions)

    def provision_label(self, unit: str, number: str, lang: str = "en") -> str:
        """'Art. 6(3)', 'Principle 7'; in Chinese '第6(3)条', '原则7'."""
        if lang == "zh":
            pattern = self.units.zh.get(unit, "{n}")
            return pattern.format(n=number)
        return f"{self.units.en.get(unit, unit)} {number}"


@cache
def vocabulary() -> Vocabulary:
    schema = load_schema()
    defs = schema["$defs"]
    types = {
        value: TypeInfo(value, spec["label"], spec["label_zh"], spec["description"],
                        spec["cite_as"], bool(spec["provisions"]), bool(spec["binding"]),
                        bool(spec["dated"]), bool(spec["treaty"]), tuple(spec["sections"]),
                        bool(spec.get("issued", True)))
        for value, spec in defs["entry_type"]["x-types"].items()
    }
    rel = defs["relation"]
    relation_values = tuple(rel["enum"]) + tuple(v for v in rel["x-inverse"].values()
                                                 if v not in rel["enum"])
    return Vocabulary(
        version=schema["x-version"],
        types=types,
        regions=_labels(defs["region"]),
        subregions=_labels(defs["subregion"]),
        relations=tuple(rel["enum"]),
        inverse=dict(rel["x-inverse"]),
        relation_labels=Labels(relation_values, dict(rel["x-labels"]), dict(rel["x-labels-zh"])),
        statuses=_labels(defs["status"]),
        topics=_labels(defs["topic"]),
        compared_topics=tuple(defs["topic"].get("x-compare", [])),
        units=_labels(defs["provision_unit"]),
        pillars=_labels(defs["pillar"]),
        bases=_labels(defs["basis"]),
        scopes=_labels(defs["scope"]),
        sourced_facts=tuple(schema["x-sourced-facts"]),
    )


def pattern_of(*path: str) -> str:
    """The ``pattern`` of a schema node reached through ``properties``/``items``/``$defs``."""
    node: Any = load_schema()
    for part in path:
        node = node[part]
    return node["pattern"]


# Kept as module constants for readers that only need the names.
SOURCED_FACTS = vocabulary().sourced_facts
INSTRUMENT_TYPES = vocabulary().instrument_types()


@cache
def source_policy() -> dict:
    """The host lists of the source policy (see source-policy.yaml)."""
    data = yaml.safe_load(read_text(POLICY_FILE)) or {}
    return {kind: list(data.get(kind) or []) for kind in ("official", "recognised", "refused")}
