"""Validation rules. Each rule has a stable code, a one-line message and, where it helps, a tip.

Per-file rules take (Document, context); corpus rules take the whole Corpus. Every rule returns
a list of Problems and never raises: validation collects every problem before it exits.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import jsonschema_rs

from indexer.corpus.frontmatter import Document
from indexer.corpus.model import Corpus, Entry
from indexer.rules.htmlscan import scan_html, scan_markdown
from indexer.rules.problems import Problem, relative
from indexer.schema import SOURCED_FACTS, load_schema, pattern_of, vocabulary
from indexer.schema.policy import OFFICIAL, RECOGNISED, REFUSED, classify

SUMMARY_WORDS = (150, 400)
ONE_LINE = "^[^\\n\\r\\t]*$"  # the schema's pattern for names and titles


@dataclass(frozen=True)
class Rule:
    code: str
    level: str
    summary: str  # one sentence, mirrored in docs/contributing/rules.md


RULES: dict[str, Rule] = {
    r.code: r
    for r in [
        Rule("TIP000", "error", "No internal error while checking a file (report one if you see "
                                "it: the other checks still ran)."),
        Rule("TIP001", "error", "The file starts with a '---' line and its front matter is closed."),
        Rule("TIP002", "error", "The front matter is valid YAML."),
        Rule("TIP003", "error", "The file is UTF-8."),
        Rule("TIP005", "error", "An entry file is at most 256 KB."),
        Rule("TIP006", "error", "corpus/entries/ holds only regular <id>.md files: no links, "
                                "folders, FIFOs or other extensions."),
        Rule("TIP007", "error", "No control characters but tab and line feed (no terminal "
                                "escapes, no NUL)."),
        Rule("TIP008", "error", "No YAML anchors, aliases, tags or merge keys, and no nesting "
                                "deeper than 10 levels."),
        Rule("TIP004", "error", "No key appears twice in the same mapping."),
        Rule("TIP010", "error", "The front matter follows the JSON Schema."),
        Rule("TIP011", "error", "`id` equals the file name without .md."),
        Rule("TIP012", "error", "No two entries have the same id."),
        Rule("TIP013", "error", "A short title or alias names one entry only (official titles may repeat)."),
        Rule("TIP020", "error", "Every `plan_refs` key names a paragraph of the resolution."),
        Rule("TIP021", "error", "A paragraph is listed at most once in `plan_refs`."),
        Rule("TIP022", "error",
             "`basis: named` is used exactly where corpus/plan/mentions.yaml says the paragraph "
             "or its footnote names the item."),
        Rule("TIP023", "error", "Every paragraph that names the item is in its `plan_refs`."),
        Rule("TIP024", "error", "`cited_as_zh` is copied verbatim from the resolution's Chinese text."),
        Rule("TIP025", "warning", "A plan_refs note is specific to its entry (the same note on "
                                  "more than two entries is boilerplate)."),
        Rule("TIP030", "error", "Every `related` id names an existing entry."),
        Rule("TIP031", "error", "An entry does not relate to itself, nor twice to the same entry."),
        Rule("TIP032", "error", "A `succeeded` status names its successor with `succeeded-by`."),
        Rule("TIP040", "error", "Dates are real calendar dates, not in the future."),
        Rule("TIP041", "error", "Dates are in order: adopted <= opened for signature <= in force."),
        Rule("TIP050", "error", "Links in the body use https."),
        Rule("TIP055", "error", "No source or link points to a refused host (mirrors, document-sharing "
                                "and aggregator sites, machine translation, dataset viewers, test or "
                                "staging servers, malformed hosts)."),
        Rule("TIP056", "error", "Every source host is classified in indexer/schema/source-policy.yaml."),
        Rule("TIP060", "error", "No raw HTML in the body or the front matter, and links only to "
                                "https, http and mailto addresses (checked after entity decoding)."),
        Rule("TIP070", "error", "Every fact field present is supported by a listed source."),
        Rule("TIP071", "warning", "A source only claims to support facts the entry has."),
        Rule("TIP080", "error", "The body has the sections its type needs."),
        Rule("TIP081", "warning", "The summary is 150-400 words."),
        Rule("TIP082", "warning", "An instrument lists its key provisions as `provisions` data, not "
                                  "as a prose '## Key provisions' section."),
        Rule("TIP083", "error", "A provision names a source of the entry and asks of the Plan that exist; "
                                "plan_refs asks belong to their paragraph."),
        Rule("TIP086", "error", "corpus/plan/mentions.yaml is well formed and its patterns run in "
                                "linear time (no repeated groups, no back-references)."),
        Rule("TIP085", "error",
             "corpus/plan/en.yaml renders every paragraph and footnote, and only those."),
        Rule("TIP087", "error", "Every line of a practice's 'What good practice involves' and "
                                  "'Common pitfalls' names its standard: a link to the entry of "
                                  "the instrument, guidance, report or case it comes from."),
        Rule("TIP090", "error", "No TODO placeholder from `tipkb new` is left in the entry."),
        Rule("TIP091", "warning",
             "`unverified` speaks to readers: no field names, file paths or tool names."),
        Rule("TIP100", "error",
             "A relative link in a body leads to a page of the site (`tipkb check-links`)."),
        Rule("TIP101", "warning", "An external URL answers (`tipkb check-links --online`)."),
    ]
}


def problem(doc_or_entry, line: int, code: str, message: str, tip: str = "") -> Problem:
    path = doc_or_entry.path
    return Problem(relative(path), line, code, message, RULES[code].level, tip)


# ---------------------------------------------------------------- per-file rules


_validator = None
_fast_validator = None


def _schema_validator():
    """jsonschema's validator, imported only when an entry fails: it explains the errors."""
    global _validator
    if _validator is None:
        from jsonschema import Draft202012Validator

        _validator = Draft202012Validator(load_schema())
    return _validator


def schema_is_valid(data) -> bool:
    """The fast check (jsonschema-rs, compiled once); messages come from jsonschema's errors."""
    global _fast_validator
    if _fast_validator is None:
        _fast_validator = jsonschema_rs.validator_for(load_schema())
    try:
        return _fast_validator.is_valid(data)
    except (ValueError, TypeError):  # a value JSON cannot hold: let jsonschema describe it
        return False


def _schema_message(err) -> tuple[str, str]:
    where = ".".join(str(p) for p in err.absolute_path) or "front matter"
    if err.validator == "required":
        missing = re.search(r"'([^']+)' is a required property", err.message)
        name = missing.group(1) if missing else err.message
        return f"{where}: missing required field '{name}'", ""
    if err.validator == "additionalProperties":
        extra = re.findall(r"'([^']+)'", err.message.split("(")[-1])
        allowed = sorted(err.schema.get("properties", {}))
        return (f"{where}: unknown field {', '.join(repr(x) for x in extra)}",
                f"allowed fields here: {', '.join(allowed)}")
    if err.validator == "enum":
        return (f"{where}: {err.instance!r} is not an allowed value",
                "use one of: " + ", ".join(map(str, err.validator_value)))
    if err.validator == "pattern" and err.validator_value == ONE_LINE:
        return f"{where}: must be one line (no line breaks or tabs)", ""
    if err.validator == "pattern":
        desc = err.schema.get("description", "")
        return f"{where}: {err.instance!r} does not have the expected form", desc
    if err.validator == "type":
        return f"{where}: expected {err.validator_value}, got {type(err.instance).__name__}", ""
    if err.validator == "minItems":
        return f"{where}: needs at least {err.validator_value} item(s)", ""
    if err.validator == "anyOf" and list(err.absolute_path)[:1] == ["sources"]:
        return f"{where}: a source needs a 'url' or a 'symbol'", ""
    return f"{where}: {err.message}", ""


def _line_for_error(doc: Document, err) -> int:
    path = list(err.absolute_path)
    if err.validator == "additionalProperties":
        extra = re.findall(r"'([^']+)'", err.message.split("(")[-1])
        if extra:
            return doc.line_of(*path, extra[0])
    return doc.line_of(*path)


def _bad_keys(value, path=()) -> tuple[tuple, object] | None:
    """The first mapping key that is not a string (YAML allows numbers, JSON Schema does not)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                return path, k
            if found := _bad_keys(v, path + (k,)):
                return found
    elif isinstance(value, list):
        for i, v in enumerate(value):
            if found := _bad_keys(v, path + (i,)):
                return found
    return None


def check_schema(doc: Document) -> list[Problem]:
    if bad := _bad_keys(doc.data):
        path, key = bad
        return [problem(doc, doc.line_of(*path), "TIP010",
                        f"{'.'.join(map(str, path)) or 'front matter'}: key {key!r} is not a word",
                        "keys are field names such as title or plan_refs")]
    if schema_is_valid(doc.data):
        return []
    out = []
    for err in _schema_validator().iter_errors(doc.data):
        message, tip = _schema_message(err)
        out.append(problem(doc, _line_for_error(doc, err), "TIP010", message, tip))
    return out


def check_duplicate_keys(doc: Document) -> list[Problem]:
    return [
        problem(doc, line, "TIP004", f"key '{'.'.join(map(str, path))}' appears twice",
                "YAML keeps only the last value: merge the two")
        for path, line in doc.duplicates
    ]


def check_id(doc: Document) -> list[Problem]:
    eid, stem = doc.data.get("id"), doc.path.stem
    if isinstance(eid, str) and eid != stem:
        return [problem(doc, doc.line_of("id"), "TIP011",
                        f"id '{eid}' differs from the file name '{stem}.md'",
                        f"rename the file to {eid}.md or set id: {stem}")]
    return []


def _parse_date(value) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        return None


DATE_FIELDS = ("adopted", "opened_for_signature", "in_force", "status_since", "last_reviewed")


def _date_fields(data: dict) -> Iterable[tuple[tuple, object]]:
    """(path, value) of every date the schema knows: top-level, case.decided, sources' accessed."""
    for name in DATE_FIELDS:
        if name in data:
            yield (name,), data[name]
    if isinstance(data.get("case"), dict) and "decided" in data["case"]:
        yield ("case", "decided"), data["case"]["decided"]
    sources = data.get("sources")
    for i, src in enumerate(sources if isinstance(sources, list) else []):
        if isinstance(src, dict) and "accessed" in src:
            yield ("sources", i, "accessed"), src["accessed"]


def check_dates(doc: Document) -> list[Problem]:
    out, dates = [], {}
    today = dt.date.today()
    pattern = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    for path, value in _date_fields(doc.data):
        name = ".".join(map(str, path))
        if not isinstance(value, str) or not pattern.match(value):
            continue  # the schema reports the form
        date = _parse_date(value)
        if date is None:
            out.append(problem(doc, doc.line_of(*path), "TIP040",
                               f"{name}: {value} is not a real date"))
        elif date > today:
            out.append(problem(doc, doc.line_of(*path), "TIP040",
                               f"{name}: {value} is in the future"))
        elif len(path) == 1:
            dates[name] = date
    order = ("adopted", "opened_for_signature", "in_force")
    for i, a in enumerate(order):
        for b in order[i + 1 :]:
            if a in dates and b in dates and dates[a] > dates[b]:
                out.append(problem(doc, doc.line_of(b), "TIP041",
                                   f"{b} ({dates[b]}) is before {a} ({dates[a]})",
                                   "check both dates against the source"))
    return out


_HTTP_LINK = re.compile(r"\]\((http://[^)\s]+)\)|<(http://[^>\s]+)>")
def _strings(value, path=()) -> Iterable[tuple[tuple, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from _strings(v, path + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _strings(v, path + (i,))


def check_html_and_links(doc: Document) -> list[Problem]:
    out = []
    for f in scan_markdown(doc.body):
        out.append(Problem(relative(doc.path), doc.body_line + f.line - 1, "TIP060",
                           f"body contains {f.what}", RULES["TIP060"].level,
                           "write plain Markdown: the site removes raw HTML and links other than "
                           "https, http and mailto", f.col))
    for offset, line in enumerate(doc.body.split("\n")):
        for m in _HTTP_LINK.finditer(line):
            out.append(problem(doc, doc.body_line + offset, "TIP050",
                               f"link {m.group(1) or m.group(2)} uses http",
                               "use the https address of the page"))
    for path, text in _strings(doc.data):
        if found := scan_html(text):
            out.append(problem(doc, doc.line_of(*path), "TIP060",
                               f"{'.'.join(map(str, path))} contains {found[0].what}",
                               "facts and notes are plain text: no HTML"))
    return out


def _present_facts(data: dict) -> dict[str, tuple]:
    facts = {}
    for name in SOURCED_FACTS:
        head, _, sub = name.partition(".")
        if sub:
            if isinstance(data.get(head), dict) and sub in data[head]:
                facts[name] = (head, sub)
        elif name in data:
            facts[name] = (name,)
    return facts


def check_sources(doc: Document) -> list[Problem]:
    sources = doc.data.get("sources")
    if not isinstance(sources, list):
        return []
    supported = {}
    for i, src in enumerate(sources):
        facts = src.get("supports") if isinstance(src, dict) else None
        for fact in facts if isinstance(facts, list) else []:
            if isinstance(fact, str):
                supported.setdefault(fact, i)
    out = []
    present = _present_facts(doc.data)
    for fact, path in present.items():
        if fact not in supported:
            out.append(problem(doc, doc.line_of(*path), "TIP070",
                               f"{fact} has no source",
                               f"add '{fact}' to the supports list of the source it comes from, "
                               "or leave the field out and say so in review_notes"))
    for fact, i in supported.items():
        if fact in SOURCED_FACTS and fact not in present:
            out.append(problem(doc, doc.line_of("sources", i, "supports"), "TIP071",
                               f"a source supports '{fact}', which the entry does not give"))
    return out


def check_body(doc: Document) -> list[Problem]:
    etype = doc.data.get("type")
    info = vocabulary().types.get(etype) if isinstance(etype, str) else None
    headings = re.findall(r"^##\s+(.+?)\s*$", doc.body, re.M)
    need = list(info.sections) if info else ["Summary"]
    out = [
        problem(doc, doc.body_line, "TIP080", f"body lacks a '## {name}' section",
                f"a {etype or 'entry'} body has: " + ", ".join(f"## {n}" for n in need))
        for name in need
        if name not in headings
    ]
    if info and info.provisions and not doc.data.get("provisions"):
        out.append(problem(doc, doc.line_of("type"), "TIP082",
                           f"a {etype} lists its key provisions as `provisions` data",
                           "one item per article: unit, number, title, summary, topics, source "
                           "(see docs/contributing/schema.md)"))
    if "Summary" in headings:
        m = re.search(r"^##\s+Summary\s*$(.*?)(?=^##\s|\Z)", doc.body, re.M | re.S)
        words = len(m.group(1).split()) if m else 0
        lo, hi = SUMMARY_WORDS
        if not lo <= words <= hi:
            line = doc.body_line + doc.body[: m.start()].count("\n") if m else doc.body_line
            out.append(problem(doc, line, "TIP081", f"summary has {words} words",
                               f"aim for {lo}-{hi} words a practitioner can use"))
    return out


def check_source_hosts(doc: Document) -> list[Problem]:
    out = []
    sources = doc.data.get("sources")
    urls: list[tuple[tuple, str]] = []
    if isinstance(doc.data.get("url"), str):
        urls.append((("url",), doc.data["url"]))
    for i, src in enumerate(sources if isinstance(sources, list) else []):
        if isinstance(src, dict) and isinstance(src.get("url"), str):
            urls.append((("sources", i, "url"), src["url"]))
    for path, url in urls:
        if not url.startswith("https://") or "TODO" in url:
            continue  # the schema reports the form; TIP090 the placeholder of `tipkb new`
        host = classify(url)
        where = ".".join(map(str, path))
        if host.kind == REFUSED:
            out.append(problem(doc, doc.line_of(*path), "TIP055",
                               f"{where}: {host.host or url} is refused as a source ({host.why})",
                               "cite the official copy (the organisation's own site, the UN Official "
                               "Document System, the Treaty Collection), or remove the fact and say "
                               "so in unverified"))
        elif host.kind not in (OFFICIAL, RECOGNISED):
            out.append(problem(doc, doc.line_of(*path), "TIP056",
                               f"{where}: {host.host} is not in the source policy",
                               "add it to indexer/schema/source-policy.yaml under official or "
                               "recognised, with the organisation's name, or cite another source"))
    return out


_FIELD_PATH = re.compile(r"\b[a-z_]+\.[a-z_]+(\.[a-z_]+)*\b|\bsearch tool\b|\btipkb\b|"
                         r"\breview[_ ]notes\b|\bplan_refs\b|\bsupports\b")


def check_unverified(doc: Document) -> list[Problem]:
    notes = doc.data.get("unverified")
    out = []
    for i, note in enumerate(notes if isinstance(notes, list) else []):
        if isinstance(note, str) and (m := _FIELD_PATH.search(note)):
            out.append(problem(doc, doc.line_of("unverified", i), "TIP091",
                               f"unverified[{i}] speaks of '{m.group()}'",
                               "say in plain words what is not verified, e.g. 'The page of the "
                               "Treaty Series volume on which the Convention begins.'"))
    return out


def check_provision_links(doc: Document) -> list[Problem]:
    sources = doc.data.get("sources")
    ids = ({s.get("id") for s in sources if isinstance(s, dict) and isinstance(s.get("id"), str)}
           if isinstance(sources, list) else set())
    out = []
    provisions = doc.data.get("provisions")
    for i, prov in enumerate(provisions if isinstance(provisions, list) else []):
        if not isinstance(prov, dict):
            continue
        src = prov.get("source")
        if isinstance(src, str) and src not in ids:
            out.append(problem(doc, doc.line_of("provisions", i, "source"), "TIP083",
                               f"provisions[{i}].source: no source with id '{src}'",
                               "give the source an `id` and name it here"))
    return out


_TODO = re.compile(r"\bTODO\b")


def check_placeholders(doc: Document) -> list[Problem]:
    return [
        problem(doc, n, "TIP090", "placeholder left: " + line.strip()[:70],
                "replace it with the real value, or delete the line if it does not apply")
        for n, line in enumerate(doc.text.split("\n"), start=1)
        if _TODO.search(line)
    ]


FILE_RULES: list[Callable[[Document], list[Problem]]] = [
    check_duplicate_keys,
    check_schema,
    check_id,
    check_dates,
    check_html_and_links,
    check_sources,
    check_source_hosts,
    check_body,
    check_provision_links,
    check_unverified,
    check_placeholders,
]


# ---------------------------------------------------------------- corpus rules


def _line(entry: Entry, *path) -> int:
    return entry.line_of(*path)


PARA_KEY = re.compile(pattern_of("properties", "plan_refs", "items", "properties", "para"))


def check_plan_refs(corpus: Corpus) -> list[Problem]:
    out = []
    keys = corpus.plan.paragraphs
    for entry in corpus:
        seen = set()
        for i, ref in enumerate(entry.plan_refs):
            para = ref.get("para") if isinstance(ref, dict) else None
            if not isinstance(para, str) or not PARA_KEY.match(para):
                continue  # the schema reports a key of the wrong form
            if para not in keys:
                out.append(problem(entry, _line(entry, "plan_refs", i, "para"), "TIP020",
                                   f"plan_refs: no paragraph '{para}' in the resolution",
                                   "keys are pp1-pp16, pp16a-f, op1-op7, gpa0-gpa61, gpa43a-c"))
            elif para in seen:
                out.append(problem(entry, _line(entry, "plan_refs", i, "para"), "TIP021",
                                   f"plan_refs: '{para}' is listed twice",
                                   "merge the two notes into one"))
            seen.add(para)
    return out


def check_related(corpus: Corpus) -> list[Problem]:
    out = []
    for entry in corpus:
        seen = set()
        for i, rel in enumerate(entry.related):
            target = rel.get("id") if isinstance(rel, dict) else None
            if not isinstance(target, str):
                continue
            line = _line(entry, "related", i, "id")
            if target == entry.id or target in seen:
                what = "itself" if target == entry.id else f"'{target}' twice"
                out.append(problem(entry, line, "TIP031", f"related: links to {what}"))
            elif target not in corpus.entries and target not in corpus.unreadable:
                close = difflib.get_close_matches(target, list(corpus.entries), n=3, cutoff=0.75)
                out.append(problem(entry, line, "TIP030", f"related: no entry '{target}'",
                                   ("did you mean: " + ", ".join(close)) if close else
                                   "create the entry first (tipkb new) or fix the id"))
            seen.add(target)
        if entry.get("status") == "succeeded" and not any(
            isinstance(r, dict) and r.get("relation") == "succeeded-by" for r in entry.related
        ):
            out.append(problem(entry, _line(entry, "status"), "TIP032",
                               "status is 'succeeded' but no related link is 'succeeded-by'",
                               "add {id: <successor>, relation: succeeded-by} to related"))
    return out


def check_unique(corpus: Corpus) -> list[Problem]:
    """Short titles and aliases lead to one entry. Official titles may repeat, and may equal
    another entry's name (a resolution is often titled after the mandate it creates)."""
    out = []
    names: dict[str, str] = {}
    for entry in sorted(corpus, key=lambda e: e.id):
        own = set()
        if isinstance(entry.get("short_title"), str):
            own.add((entry.get("short_title").casefold(), ("short_title",), entry.get("short_title")))
        for i, alias in enumerate(entry.aliases):
            if isinstance(alias, str):
                own.add((alias.casefold(), ("aliases", i), alias))
        for key, path, value in sorted(own):
            other = names.get(key)
            if other and other != entry.id:
                out.append(problem(entry, _line(entry, *path), "TIP013",
                                   f"'{value}' is already a name of entry '{other}'",
                                   "an alias must lead to one entry; qualify it or drop it"))
            names.setdefault(key, entry.id)
    return out


def check_plan_english(corpus: Corpus) -> list[Problem]:
    from indexer.corpus.frontmatter import FrontMatterError, load_data_file
    from indexer.corpus.plan import ENGLISH_NAME

    path = corpus.root / ENGLISH_NAME
    shown = relative(path)
    if not path.is_file():
        return [Problem(shown, 1, "TIP085", "the English rendering file is missing")]
    try:
        data, lines = load_data_file(path)
    except FrontMatterError as exc:
        return [Problem(shown, exc.line, exc.code, exc.message, col=exc.col)]
    if not isinstance(data, dict):
        return [Problem(shown, 1, "TIP085", "en.yaml must be a mapping with paragraphs and footnotes")]
    out = []
    for part, known in (("paragraphs", corpus.plan.paragraphs), ("footnotes", corpus.plan.footnotes)):
        given = data.get(part) or {}
        if not isinstance(given, dict):
            out.append(Problem(shown, lines.get((part,), 1), "TIP085", f"{part} must be a mapping"))
            continue
        for key in given:
            if (int(key) if part == "footnotes" else key) not in known:
                out.append(Problem(shown, lines.get((part, key), 1), "TIP085",
                                   f"{part}: '{key}' is not in the resolution", "error"))
        for key in known:
            text = given.get(key, given.get(str(key)))
            if not isinstance(text, str) or not text.strip():
                out.append(Problem(shown, lines.get((part,), 1), "TIP085",
                                   f"{part}: '{key}' has no English rendering", "error"))
    return out


def check_basis(corpus: Corpus) -> list[Problem]:
    """basis: named where, and only where, the resolution names the item (mentions.yaml)."""
    named = corpus.named_paragraphs()
    out = []
    for entry in corpus:
        mine = named.get(entry.id, set())
        listed = set()
        for i, ref in enumerate(entry.plan_refs):
            if not isinstance(ref, dict) or not isinstance(ref.get("para"), str):
                continue
            para, basis = ref["para"], ref.get("basis")
            listed.add(para)
            line = _line(entry, "plan_refs", i, "basis")
            if basis == "named" and para not in mine:
                out.append(problem(entry, line, "TIP022",
                                   f"plan_refs: {para} does not name this item (corpus/plan/mentions.yaml)",
                                   "use basis: relevant with a note specific to this item, or add the "
                                   "resolution's wording to corpus/plan/mentions.yaml"))
            elif para in mine and basis != "named":
                out.append(problem(entry, line, "TIP022",
                                   f"plan_refs: {para} names this item, so its basis is named",
                                   "set basis: named"))
        for para in sorted(mine - listed, key=list(corpus.plan.paragraphs).index):
            out.append(problem(entry, _line(entry, "plan_refs"), "TIP023",
                               f"plan_refs: {para} names this item but is not listed",
                               f"add {{para: {para}, basis: named, note: ...}}"))
    return out


def check_cited_as(corpus: Corpus) -> list[Problem]:
    texts = [p.text_zh for p in corpus.plan.paragraphs.values()]
    texts += [f.text_zh for f in corpus.plan.footnotes.values()]
    flat = "\n".join(t.replace(" ", "") for t in texts)
    out = []
    for entry in corpus:
        value = entry.get("cited_as_zh")
        if isinstance(value, str) and value.replace(" ", "") not in flat:
            out.append(problem(entry, _line(entry, "cited_as_zh"), "TIP024",
                               f"cited_as_zh: '{value}' is not in the resolution's Chinese text",
                               "copy the words from corpus/source/A-RES-64-293.zh.md; put an official "
                               "title in title_zh with its source"))
    return out


BOILERPLATE_LIMIT = 2


def check_boilerplate(corpus: Corpus) -> list[Problem]:
    seen: dict[str, list[tuple[Entry, int]]] = {}
    for entry in corpus:
        for i, ref in enumerate(entry.plan_refs):
            if isinstance(ref, dict) and isinstance(ref.get("note"), str):
                key = " ".join(ref["note"].casefold().split())
                seen.setdefault(key, []).append((entry, i))
    out = []
    for users in seen.values():
        if len({e.id for e, _ in users}) > BOILERPLATE_LIMIT:
            others = sorted({e.id for e, _ in users})
            for entry, i in users:
                out.append(problem(entry, _line(entry, "plan_refs", i, "note"), "TIP025",
                                   f"plan_refs[{i}].note is shared by {len(others)} entries",
                                   "say how this paragraph concerns this item in particular"))
    return out


def check_mentions(corpus: Corpus) -> list[Problem]:
    from indexer.corpus.mentions import read_mentions

    return read_mentions(corpus.root)[1]


SOURCED_SECTIONS = ("What good practice involves", "Common pitfalls")
STANDARD_TYPES = frozenset({"convention", "resolution", "declaration", "action-plan", "guidance",
                            "report", "case"})
_ENTRY_LINK = re.compile(r"\]\(\.\./([a-z0-9]+(?:-[a-z0-9]+)*)/(?:#[^)\s]*)?\)")


def practice_statements(entry: Entry) -> list[tuple[int, str]]:
    """(line in the file, text) of every bullet of the sections whose lines need a standard."""
    out: list[tuple[int, str]] = []
    current: str | None = None
    for offset, line in enumerate(entry.body.split("\n")):
        if m := re.match(r"^##\s+(.+?)\s*$", line):
            current = m.group(1)
            continue
        if current not in SOURCED_SECTIONS:
            continue
        if line.startswith(("- ", "* ")):
            out.append((entry.body_line + offset, line))
        elif out and line.startswith(" ") and line.strip():
            out[-1] = (out[-1][0], out[-1][1] + " " + line.strip())  # a continued bullet
    return out


def statement_standards(corpus: Corpus, text: str) -> list[str]:
    """Ids of the standard-setting entries a statement links to."""
    return [eid for eid in _ENTRY_LINK.findall(text)
            if eid in corpus.entries and corpus.entries[eid].type in STANDARD_TYPES]


def check_practice_sources(corpus: Corpus) -> list[Problem]:
    out = []
    for entry in corpus:
        if entry.type != "practice":
            continue
        for line, text in practice_statements(entry):
            if not statement_standards(corpus, text):
                out.append(problem(entry, line, "TIP087",
                                   "this statement names no standard it comes from",
                                   "end it with a link to the entry it rests on, with the pinpoint: "
                                   "([OHCHR Principles, Principle 7](../ohchr-recommended-principles/))"))
    return out


CORPUS_RULES: list[Callable[[Corpus], list[Problem]]] = [
    check_mentions,
    check_practice_sources,
    check_plan_refs,
    check_related,
    check_unique,
    check_plan_english,
    check_basis,
    check_cited_as,
    check_boilerplate,
]
