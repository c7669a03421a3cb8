"""Hostile entries: every payload class of the security review, in every text field.

Shared by the validation and export tests (test_hostile.py) and the browser test
(test_hostile_site.py). An entry is built from a valid base by putting one payload into one
field (or into every field at once).
"""

from __future__ import annotations

import yaml

# name -> text an attacker would put in an entry
PAYLOADS = {
    "title-breakout": 'X</title><svg/onload=alert("title-breakout")>',
    "details-ontoggle": '<details open\nontoggle=alert("details")>x</details>',
    "entity-javascript": '<a href="jav&#x61;script:alert(\'entity\')">x</a>',
    "markdown-colon-entity": "[click](javascript&colon;alert('colon'))",
    "markdown-javascript": "[click](javascript:alert('md'))",
    "textarea": "<textarea>",
    "block-marker": "<!--tipkb-block-0--><!--tipkb-late-0-->",
    "img-onerror": '<img src=x onerror=alert("img")>',
    "attribute-breakout": '"><script>alert("breakout")</script>',
    "attr-list": '{: onclick="alert(\'attr\')" }',
    "data-url": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgnZGF0YScpPC9zY3JpcHQ+)",
    "iframe-srcdoc": '<iframe srcdoc="<script>alert(\'iframe\')</script>"></iframe>',
    "style": "<style>body{display:none}</style>",
    "base": '<base href="https://evil.example/">',
    "form": '<form action="https://evil.example/"><input name="x"></form>',
    "svg-animate": '<svg><animate onbegin=alert("svg") attributeName=x dur=1s>',
    "mutation": '<math><mtext><table><mglyph><style><img src=x onerror=alert("mx")>',
    "spaced-javascript": '<a href=" javascript:alert(\'spaced\')">y</a>',
    "bibtex-forge": "x} @misc{forged, title={pwned}",
    "ris-forge": "x\nER  - \nTY  - JOUR",
    "csv-formula": '=HYPERLINK("https://evil.example/","click")',
    "terminal-escape": "\x1b[31mred\x1b]0;title\x07",
}

# A valid entry with every kind of text field, each holding a plain value.
BASE = {
    "id": "x",
    "type": "guidance",
    "title": "Hostile fixture",
    "short_title": "Hostile short title",
    "aliases": ["Hostile alias"],
    "title_zh_project": "敌意测试",
    "summary_zh": "这是一个用于安全测试的条目摘要，内容无害。",
    "region": "global",
    "adopted": "2009-01-01",
    "adopted_by": "Hostile body",
    "place": "Hostile place",
    "plan_refs": [{"para": "gpa5", "basis": "relevant", "note": "A hostile note long enough."}],
    "related": [{"id": "hostile-target", "relation": "see-also", "note": "Hostile related note"}],
    "provisions": [{"unit": "article", "number": "1", "title": "Hostile provision",
                    "summary": "A hostile provision summary long enough.",
                    "topics": ["cooperation"], "source": "text"}],
    "sources": [{"id": "text", "title": "Hostile source", "publisher": "Hostile publisher",
                 "url": "https://www.un.org/en/hostile", "accessed": "2026-11-01",
                 "supports": ["adopted", "adopted_by", "place", "provisions", "body"]}],
    "last_reviewed": "2026-11-01",
    "review_notes": ["A hostile review note."],
    "unverified": ["A hostile unverified note."],
}
BODY = "## Summary\n\nA hostile summary: {text}\n\n## {heading}\n\nMore: {text}\n"

# field -> where the payload goes (a key path into BASE, or "body"/"heading")
FIELDS = {
    "title": ("title",), "short_title": ("short_title",), "alias": ("aliases", 0),
    "title_zh_project": ("title_zh_project",), "summary_zh": ("summary_zh",),
    "adopted_by": ("adopted_by",), "place": ("place",), "plan_note": ("plan_refs", 0, "note"),
    "related_note": ("related", 0, "note"), "source_title": ("sources", 0, "title"),
    "source_publisher": ("sources", 0, "publisher"),
    "provision_title": ("provisions", 0, "title"),
    "provision_summary": ("provisions", 0, "summary"),
    "review_note": ("review_notes", 0), "unverified": ("unverified", 0),
    "body": "body", "heading": "heading",
}
TARGET = """---
id: hostile-target
type: body
title: Hostile target
region: global
plan_refs:
  - para: gpa5
    basis: relevant
    note: The target of a related link in the hostile fixtures.
sources:
  - title: A source
    url: https://www.un.org/en/target
    supports: [body]
last_reviewed: 2026-11-01
---

## Summary

The target of the related links.
"""


def _put(data: dict, path: tuple, value: str) -> None:
    node = data
    for key in path[:-1]:
        node = node[key]
    node[path[-1]] = node[path[-1]] + " " + value if isinstance(node[path[-1]], str) else value


def entry_text(eid: str, placements: dict[str, str]) -> str:
    """An entry with ``placements`` (field -> payload) put into it."""
    data = yaml.safe_load(yaml.safe_dump(BASE))  # a deep copy
    data["id"] = eid
    data["short_title"] += f" {eid}"  # names must be unique across entries (TIP013)
    data["aliases"] = [f"{data['aliases'][0]} {eid}"]
    text, heading = "plain words", "Further reading"
    for field, payload in placements.items():
        where = FIELDS[field]
        if where == "body":
            text = payload
        elif where == "heading":
            heading = payload
        else:
            _put(data, where, payload)
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000)
    return "---\n" + front + "---\n\n" + BODY.format(text=text, heading=heading)


def write(root, eid: str, placements: dict[str, str]) -> None:
    (root / "entries" / f"{eid}.md").write_text(entry_text(eid, placements), encoding="utf-8")
    (root / "entries" / "hostile-target.md").write_text(TARGET, encoding="utf-8")
