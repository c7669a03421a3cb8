"""Read a Markdown file with YAML front matter, safely, keeping the line of every key.

Entry files come by pull request from people we do not know, so this reader assumes nothing:

- the file is read without following symbolic links and without blocking (a FIFO), and no
  more than MAX_BYTES of it (TIP005);
- it must be UTF-8 (TIP003) and contain no control characters but tab and line feed
  (TIP007): terminal escapes or a NUL never reach a page, a terminal or an export;
- YAML anchors, aliases, tags and merge keys are refused (TIP008): curated data has no use
  for them, and an alias "bomb" of a kilobyte would otherwise expand to gigabytes. Nesting is
  capped too. The nodes are built from the parser's events in one pass, so nothing is ever
  expanded.

Dates stay strings (the rules check them) and only ``true``/``false`` are booleans, so YAML
1.1 surprises such as ``no`` -> False or ``2010-07-30`` -> date never reach the model.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

FENCE = "---"
MAX_BYTES = 256 * 1024  # an entry is a few kilobytes; the largest today is under 20 KB
MAX_DEPTH = 10  # entry: mapping > list > mapping > list > scalar needs 5
MAX_NODES = 20_000

@cache
def _yaml() -> tuple[Any, Any, Any, Any]:
    """PyYAML, its events and nodes, and the strict loader: SafeLoader (libyaml's, about ten
    times faster than the pure-Python one; both give line marks) without timestamp
    resolution and with YAML 1.2 booleans. Imported on first use: a run that parses no YAML
    does not load it."""
    import yaml
    from yaml import events, nodes

    base: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    class StrictLoader(base):  # type: ignore[valid-type,misc]
        pass

    StrictLoader.yaml_implicit_resolvers = {
        first: [(tag, rx) for tag, rx in resolvers
                if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }
    StrictLoader.add_implicit_resolver(
        "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
        list("tTfF"))
    return yaml, events, nodes, StrictLoader


# C0 controls but tab and line feed, DEL, and the C1 controls (a terminal reads 0x9b as CSI).
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class FrontMatterError(Exception):
    """A file that cannot be read as an entry; carries the 1-based line (and column)."""

    def __init__(self, line: int, message: str, code: str = "TIP001", col: int = 1):
        super().__init__(message)
        self.line = line
        self.col = col
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
    nodes = _yaml()[2]
    if isinstance(node, nodes.MappingNode):
        seen: set = set()
        for key_node, value_node in node.value:
            key = key_node.value
            line = key_node.start_mark.line + 1 + offset
            if key in seen:
                dups.append((path + (key,), line))
            seen.add(key)
            lines.setdefault(path + (key,), line)
            _walk(value_node, path + (key,), offset, lines, dups)
    elif isinstance(node, nodes.SequenceNode):
        for i, item in enumerate(node.value):
            lines[path + (i,)] = item.start_mark.line + 1 + offset
            _walk(item, path + (i,), offset, lines, dups)


def _refuse(mark: Any, offset: int, what: str) -> FrontMatterError:
    return FrontMatterError(mark.line + 1 + offset, what, "TIP008", mark.column + 1)


def _compose(loader: Any, offset: int):
    """The document's node tree, built from the parser's events; refuses anchors, aliases,
    tags, merge keys and deep nesting before anything is constructed."""
    _, events, nodes, _ = _yaml()
    stack: list[list] = []  # [node, pending key node or None]
    root: Any = None
    count = 0
    while loader.check_event():
        ev: Any = loader.get_event()
        start: Any = ev.start_mark  # libyaml's marks and pure-Python ones: both have .line
        if isinstance(ev, (events.StreamStartEvent, events.StreamEndEvent,
                           events.DocumentStartEvent, events.DocumentEndEvent)):
            if isinstance(ev, events.DocumentStartEvent) and root is not None:
                raise FrontMatterError(start.line + 1 + offset,
                                       "the front matter holds more than one YAML document",
                                       "TIP002")
            continue
        if isinstance(ev, events.AliasEvent):
            raise _refuse(ev.start_mark, offset, f"YAML alias '*{ev.anchor}' is not allowed: "
                          "write the value out")
        if getattr(ev, "anchor", None):
            raise _refuse(ev.start_mark, offset, f"YAML anchor '&{ev.anchor}' is not allowed: "
                          "write the value out")
        tag = getattr(ev, "tag", None)
        if tag is not None:  # libyaml gives a tag only where the text writes one
            raise _refuse(ev.start_mark, offset, f"YAML tag '{tag}' is not allowed: write a "
                          "plain value (quote it to make it text)")
        count += 1
        if count > MAX_NODES:
            raise _refuse(ev.start_mark, offset, "the front matter has too many values")
        if isinstance(ev, (events.MappingEndEvent, events.SequenceEndEvent)):
            node = stack.pop()[0]
            node.end_mark = ev.end_mark
            if not stack:
                root = node
            else:
                _attach(stack, node, offset)
            continue
        if isinstance(ev, events.ScalarEvent):
            resolved = loader.resolve(nodes.ScalarNode, ev.value, ev.implicit)
            end: Any = ev.end_mark
            node = nodes.ScalarNode(resolved, ev.value, start, end, ev.style)
            if not stack:
                root = node
            else:
                _attach(stack, node, offset)
            continue
        if len(stack) >= MAX_DEPTH:
            raise _refuse(ev.start_mark, offset, f"the front matter is nested more than "
                          f"{MAX_DEPTH} levels deep")
        if isinstance(ev, events.MappingStartEvent):
            node = nodes.MappingNode("tag:yaml.org,2002:map", [], start, None, ev.flow_style)
        else:
            node = nodes.SequenceNode("tag:yaml.org,2002:seq", [], start, None, ev.flow_style)
        stack.append([node, None])
    return root


def _attach(stack: list[list], node, offset: int) -> None:
    nodes = _yaml()[2]
    parent = stack[-1]
    if isinstance(parent[0], nodes.SequenceNode):
        parent[0].value.append(node)
    elif parent[1] is None:
        if not isinstance(node, nodes.ScalarNode):
            raise _refuse(node.start_mark, offset, "a mapping key must be a plain word")
        if node.value == "<<" and node.tag == "tag:yaml.org,2002:merge":
            raise _refuse(node.start_mark, offset, "YAML merge keys ('<<') are not allowed")
        parent[1] = node
    else:
        parent[0].value.append((parent[1], node))
        parent[1] = None


def parse_yaml(text: str, offset: int = 0):
    """Parse YAML text safely; return (data, lines, duplicates). Raises FrontMatterError."""
    yaml, _, _, strict_loader = _yaml()
    loader = strict_loader(text)
    try:
        node = _compose(loader, offset)
        data = loader.construct_document(node) if node is not None else None
    except FrontMatterError:
        raise
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = (mark.line + 1 + offset) if mark else offset + 1
        col = (mark.column + 1) if mark else 1
        what = " ".join(str(x) for x in (exc.context, exc.problem) if x)
        raise FrontMatterError(line, f"invalid YAML: {what}", "TIP002", col) from None
    except yaml.YAMLError as exc:
        raise FrontMatterError(offset + 1, f"invalid YAML: {exc}", "TIP002") from None
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        raise FrontMatterError(offset + 1, f"invalid YAML value: {exc}", "TIP002") from None
    finally:
        loader.dispose()
    lines: dict = {(): offset + 1}
    dups: list = []
    if node is not None:
        _walk(node, (), offset, lines, dups)
    return data, lines, dups


def split(text: str) -> tuple[str, str, int]:
    """Split into (front matter, body, line where the body starts). Raises FrontMatterError."""
    all_lines = text.split("\n")
    if not all_lines or all_lines[0].rstrip() != FENCE:
        raise FrontMatterError(1, "file must start with a '---' line opening the YAML front matter")
    for i in range(1, len(all_lines)):
        if all_lines[i].rstrip() == FENCE:
            return "\n".join(all_lines[1:i]), "\n".join(all_lines[i + 1 :]), i + 2
    raise FrontMatterError(1, "front matter is not closed: add a '---' line after the last key")


def read_bytes(path: Path, limit: int = MAX_BYTES) -> bytes:
    """At most ``limit`` + 1 bytes of a regular file, never following a symbolic link and never
    blocking on a FIFO. Raises FrontMatterError (TIP006) for anything but a regular file."""
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise FrontMatterError(1, f"cannot open the file ({exc.strerror})", "TIP006") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise FrontMatterError(1, "not a regular file", "TIP006")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(fd, min(65536, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    finally:
        os.close(fd)


def decode(raw: bytes, limit: int = MAX_BYTES) -> str:
    """The text of an entry file: size-capped, UTF-8, LF line ends, no control characters."""
    if len(raw) > limit:
        raise FrontMatterError(1, f"the file is larger than {limit // 1024} KB; an entry is a "
                               "few kilobytes", "TIP005")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FrontMatterError(line, f"file is not UTF-8 ({exc.reason})", "TIP003") from None
    text = text.lstrip("\ufeff").replace("\r\n", "\n")
    if m := _CONTROL.search(text):
        line = text.count("\n", 0, m.start()) + 1
        col = m.start() - (text.rfind("\n", 0, m.start()) + 1) + 1
        raise FrontMatterError(line, f"control character U+{ord(m.group()):04X} in the file: "
                               "remove it (only tab and line feed are allowed)", "TIP007", col)
    return text


def _control_in_values(value, path=()) -> tuple[tuple, str] | None:
    """The first string (key or value) holding a control character, e.g. from a YAML escape
    such as "\\e" or "\\x07" that the file's text does not show."""
    if isinstance(value, str):
        m = _CONTROL.search(value)
        return (path, m.group()) if m else None
    if isinstance(value, dict):
        for k, v in value.items():
            found = _control_in_values(k, path) or _control_in_values(v, path + (k,))
            if found:
                return found
    elif isinstance(value, list):
        for i, v in enumerate(value):
            if found := _control_in_values(v, path + (i,)):
                return found
    return None


def parse(text: str, path: Path) -> Document:
    head, body, body_line = split(text)
    data, lines, dups = parse_yaml(head, offset=1)
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise FrontMatterError(2, "front matter must be a mapping of keys to values")
    if found := _control_in_values(data):
        where, char = found
        raise FrontMatterError(line_of(lines, where), f"{'.'.join(map(str, where)) or 'a key'}: "
                               f"control character U+{ord(char):04X} (written as a YAML escape): "
                               "remove it", "TIP007")
    return Document(Path(path), data, body, body_line, lines, dups, text)


def read(path: Path) -> Document:
    """Read one entry file. Raises FrontMatterError with the file's own line number."""
    return parse(decode(read_bytes(path)), path)


def load_data_file(path: Path, limit: int = 4 * MAX_BYTES):
    """A corpus data file (en.yaml, mentions.yaml, asks.yaml): the same safe reading, the data
    and its line map. Raises FrontMatterError."""
    text = decode(read_bytes(path, limit), limit)
    data, lines, _ = parse_yaml(text)
    return data, lines
