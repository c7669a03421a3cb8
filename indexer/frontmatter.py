"""Read a Markdown file with YAML front matter, keeping the line of every key.

Dates stay strings (the rules check them) and only ``true``/``false`` are booleans, so YAML 1.1
surprises such as ``no`` -> False or ``2010-07-30`` -> date never reach the model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

FENCE = "---"


# libyaml's parser is about ten times faster than the pure-Python one; both give line marks.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictLoader(_BaseLoader):
    """SafeLoader without timestamp resolution and with YAML 1.2 booleans."""


StrictLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag not in ("tag:yaml.org,2002:timestamp",
                                                               "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
StrictLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class FrontMatterError(Exception):
    """A file whose front matter cannot be read; carries the 1-based line in the file."""

    def __init__(self, line: int, message: str, code: str = "TIP001"):
        super().__init__(message)
        self.line = line
        self.message = message
        self.code = code


@dataclass
class Document:
    path: Path
    data: dict
    body: str
    body_line: int  # line of the file on which the body starts
    lines: dict[tuple, int] = field(default_factory=dict)  # key path -> line in the file
    duplicates: list[tuple[tuple, int]] = field(default_factory=list)
    text: str = ""  # the whole file as read

    def line_of(self, *path) -> int:
        return line_of(self.lines, path)


def line_of(lines: dict[tuple, int], path: tuple) -> int:
    """Line of the deepest existing prefix of ``path``; the first line if none."""
    path = tuple(path)
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return lines.get((), 1)


def _walk(node, path: tuple, offset: int, lines: dict, dups: list) -> None:
    if isinstance(node, yaml.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                dups.append((path + (key,), line))
            seen.add(key)
            lines.setdefault(path + (key,), line)
            _walk(value_node, path + (key,), offset, lines, dups)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1 + offset
            _walk(item, path + (i,), offset, lines, dups)


def parse_yaml(text: str, offset: int = 0):
    """Parse YAML text; return (data, lines, duplicates). Raises FrontMatterError."""
    loader = StrictLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + offset) if mark else offset + 1
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        raise FrontMatterError(line, f"invalid YAML: {what}", "TIP002") from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(offset + 1, f"invalid YAML: {exc}", "TIP002") from None
    finally:
        loader.dispose()
    lines: dict = {(): offset + 1}
    dups: list = []
    if node is not None:
        _walk(node, (), offset, lines, dups)
    return data, lines, dups


def split(text: str) -> tuple[str, str, int]:
    """Split into (front matter, body, line where the body starts). Raises FrontMatterError."""
    text = text.lstrip("\ufeff")
    all_lines = text.split("\n")
    if not all_lines or all_lines[0].rstrip() != FENCE:
        raise FrontMatterError(1, "file must start with a '---' line opening the YAML front matter")
    for i in range(1, len(all_lines)):
        if all_lines[i].rstrip() == FENCE:
            return "\n".join(all_lines[1:i]), "\n".join(all_lines[i + 1 :]), i + 2
    raise FrontMatterError(1, "front matter is not closed: add a '---' line after the last key")


def read(path: Path) -> Document:
    """Read one entry file. Raises FrontMatterError with the file's own line number."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise FrontMatterError(1, f"file is not UTF-8 ({exc.reason})", "TIP003") from None
    head, body, body_line = split(text)
    data, lines, dups = parse_yaml(head, offset=1)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(2, "front matter must be a mapping of keys to values")
    return Document(Path(path), data, body, body_line, lines, dups, text)
