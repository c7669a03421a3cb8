"""Skeletons for new entries (`tipkb new`): the fields a type needs, with guidance comments.

A skeleton is well-formed and follows the schema; every value still to be written is a
``TODO`` placeholder, which rule TIP090 reports line by line until it is replaced.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from indexer.corpus.model import Corpus
from indexer.schema import vocabulary


class ScaffoldError(Exception):
    pass


def slugify(title: str) -> str:
    text = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    text = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return re.sub(r"-{2,}", "-", text)[:80].rstrip("-")


def names_in_use(corpus: Corpus) -> dict[str, str]:
    """Every title, short title and alias (case-folded) -> the entry id that has it."""
    names: dict[str, str] = {}
    for entry in corpus:
        for name in [entry.title, entry.short_title, *entry.aliases]:
            if isinstance(name, str):
                names.setdefault(name.casefold(), entry.id)
    return names


def check_new(corpus: Corpus, entry_id: str, title: str) -> None:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry_id):
        raise ScaffoldError(f"'{entry_id}' is not a valid id: use lower-case letters, digits and '-'")
    if entry_id in corpus.entries or (corpus.root / "entries" / f"{entry_id}.md").exists():
        raise ScaffoldError(f"an entry with id '{entry_id}' already exists: "
                            f"corpus/entries/{entry_id}.md (edit it, or choose another --id)")
    owner = names_in_use(corpus).get(title.casefold())
    if owner:
        raise ScaffoldError(f"'{title}' is already a title or alias of entry '{owner}' "
                            f"(corpus/entries/{owner}.md): correct that entry instead")


def skeleton(entry_type: str, title: str, entry_id: str, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    info = vocabulary().types[entry_type]
    lines = [
        "---",
        f"id: {entry_id}",
        f"type: {entry_type}",
        f"title: {_quote(title)}  # the official English title",
        "# title_zh: the official Chinese title (Treaty Collection or the organisation's own page),"
        " with its source",
        "# cited_as_zh: the words resolution 64/293 uses for it, copied verbatim",
        "# short_title: the short English name practitioners use",
        "aliases: []  # acronyms and popular names people search for",
        "region: global  # or a region from the schema (docs/contributing/schema.md)",
    ]
    if info.dated:
        lines += [
            "# Dates: ISO YYYY-MM-DD. Leave out any you cannot source, and say so in review_notes.",
            "# adopted: YYYY-MM-DD",
        ]
    if info.treaty:
        lines += ["# opened_for_signature: YYYY-MM-DD", "# in_force: YYYY-MM-DD"]
    if info.issued:
        lines += [
            "# adopted_by: the body that adopted, launched or established it",
            "# place: city of adoption or launch",
            "# status: active  # active | concluded | succeeded",
            "# citation:",
            "#   symbol: A/RES/NN/NN   # UN document symbol",
            "#   unts: {volume: N, number: N}  # Treaty Series, for treaties",
            "# url: https://...       # the official page",
        ]
    lines += [
        "plan_refs:  # EVERY paragraph that cites or plainly refers to it (tipkb suggest-links ID)",
        "  - para: gpa1  # TODO: the paragraph key (pp1-pp16, pp16a-f, op1-op7, gpa0-gpa61, gpa43a-c)",
        "    basis: relevant  # named if the paragraph names it (corpus/plan/mentions.yaml)",
        "    note: TODO one sentence, specific to this item, on how this paragraph concerns it",
    ]
    if not info.issued:
        lines += [
            "related:  # the instruments that codify it (with the article) and guidance on doing it",
            "  - id: trafficking-protocol  # TODO: the codifying instrument's id",
            "    relation: codified-in",
            "    note: TODO the article, e.g. Art. 6(3)",
        ]
    else:
        lines += ["related: []  # typed links to other entries (relations: see the schema reference)"]
    if info.provisions:
        lines += [
            "provisions:  # the key provisions, one item per article, in your own words",
            "  - unit: article",
            "    number: '1'",
            "    title: TODO a short title",
            "    summary: TODO what it provides, with the clauses that limit it",
            "    topics: [cooperation]  # from the topic list (docs/contributing/schema.md)",
            "    source: text",
        ]
    lines += [
        "sources:  # every fact field above must be listed in some source's supports",
        "  - id: text",
        "    title: TODO the source's title",
        "    url: https://example.org/TODO",
        f"    accessed: {today.isoformat()}",
        "    supports: [body]",
        f"last_reviewed: {today.isoformat()}",
        "review_notes: []  # what you checked, how, and what is still open (for reviewers)",
        "unverified: []  # for readers, in plain words: each fact left out or in doubt",
        "---",
        "",
        "## Summary",
        "",
        "TODO: 150-400 words in your own words: what it is, who it binds or involves, what it",
        "does about trafficking, and how the Global Plan relies on it.",
        "",
    ]
    for heading in info.sections:
        if heading != "Summary":
            lines += [f"## {heading}", "", "TODO", ""]
    return "\n".join(lines)


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
