"""The front matter follows the schema (TIP010), keys are unique (TIP004), the id is the file
name (TIP011)."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from indexer.problems import Problem
from indexer.rules.registry import check, declare, problem

if TYPE_CHECKING:
    from indexer.corpus.frontmatter import Document

declare("TIP004", "error", "No key appears twice in the same mapping.")
declare("TIP010", "error", "The front matter follows the JSON Schema.")
declare("TIP011", "error", "`id` equals the file name without .md.")

ONE_LINE = "^[^\\n\\r\\t]*$"  # the schema's pattern for names and titles


class _Validators:
    """jsonschema-rs decides (fast, compiled once); jsonschema explains, only when it fails."""

    fast: Any = None
    explaining: Any = None


def schema_is_valid(data: Any) -> bool:
    if _Validators.fast is None:
        import jsonschema_rs  # here: a run that reads no entry file does not load it

        from indexer.schema import load_schema

        _Validators.fast = jsonschema_rs.validator_for(load_schema())
    try:
        return bool(_Validators.fast.is_valid(data))
    except (ValueError, TypeError):  # a value JSON cannot hold: let jsonschema describe it
        return False


def _explaining():
    if _Validators.explaining is None:
        from jsonschema import Draft202012Validator

        from indexer.schema import load_schema

        _Validators.explaining = Draft202012Validator(load_schema())
    return _Validators.explaining


def _message(err) -> tuple[str, str]:
    path = list(err.absolute_path)
    where = ".".join(str(p) for p in path) or "front matter"
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
        return f"{where}: {err.instance!r} does not have the expected form", \
            err.schema.get("description", "")
    if err.validator == "type":
        return f"{where}: expected {err.validator_value}, got {type(err.instance).__name__}", ""
    if err.validator == "minItems":
        return f"{where}: needs at least {err.validator_value} item(s)", ""
    if err.validator == "anyOf" and path[:1] == ["sources"]:
        return f"{where}: a source needs a 'url' or a 'symbol'", ""
    if err.validator == "not" and path == []:
        return "front matter: give title_zh (official) or title_zh_project (the project's), " \
               "not both", ""
    return f"{where}: {err.message}", ""


def _line_for(doc: Document, err) -> int:
    path = list(err.absolute_path)
    if err.validator == "additionalProperties":
        extra = re.findall(r"'([^']+)'", err.message.split("(")[-1])
        if extra:
            return doc.line_of(*path, extra[0])
    return doc.line_of(*path)


def _bad_key(value: Any, path: tuple = ()) -> tuple[tuple, Any] | None:
    """The first mapping key that is not a string (YAML allows numbers, JSON Schema does not)."""
    if isinstance(value, dict):
        for k, v in value.items():
            if not isinstance(k, str):
                return path, k
            if found := _bad_key(v, path + (k,)):
                return found
    elif isinstance(value, list):
        for i, v in enumerate(value):
            if found := _bad_key(v, path + (i,)):
                return found
    return None


@check("file")
def check_schema(doc: Document) -> list[Problem]:
    if bad := _bad_key(doc.data):
        path, key = bad
        return [problem(doc, doc.line_of(*path), "TIP010",
                        f"{'.'.join(map(str, path)) or 'front matter'}: key {key!r} is not a word",
                        "keys are field names such as title or plan_refs")]
    if schema_is_valid(doc.data):
        return []
    return [problem(doc, _line_for(doc, err), "TIP010", *_message(err))
            for err in _explaining().iter_errors(doc.data)]


@check("file")
def check_duplicate_keys(doc: Document) -> list[Problem]:
    return [problem(doc, line, "TIP004", f"key '{'.'.join(map(str, path))}' appears twice",
                    "YAML keeps only the last value: merge the two")
            for path, line in doc.duplicates]


@check("file")
def check_id(doc: Document) -> list[Problem]:
    eid, stem = doc.data.get("id"), doc.path.stem
    if isinstance(eid, str) and eid != stem:
        return [problem(doc, doc.line_of("id"), "TIP011",
                        f"id '{eid}' differs from the file name '{stem}.md'",
                        f"rename the file to {eid}.md or set id: {stem}")]
    return []
