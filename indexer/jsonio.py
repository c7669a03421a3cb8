"""JSON for the files this program writes for itself (the corpus cache, the index's manifest,
spelling counts and Chinese cuts): the same JSON, read and written by orjson.

These files are read on every ``tipkb index`` and ``tipkb validate``; at 10,000 entries the
corpus cache alone is about 5 MB, and the standard library's decoder spent about 0.1 s of a
0.5 s budget on it, orjson a quarter of that. Text orjson refuses (a name with lone surrogates,
an integer beyond 64 bits) falls back to the standard library, so both accept the same files.
Output meant for people or other programs (exports, the site) keeps the standard library.
"""

from __future__ import annotations

import json
from typing import Any

import orjson


def loads(data: bytes | str) -> Any:
    """The value of a JSON text; ValueError if it is not JSON."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)  # what orjson refuses but JSON allows, else its ValueError


def dumps(value: Any, sort_keys: bool = False) -> bytes:
    """Compact UTF-8 JSON of ``value`` (no spaces, non-ASCII as is)."""
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS if sort_keys else 0)
    except TypeError:  # lone surrogates, non-string keys, large integers
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"),
                          sort_keys=sort_keys).encode("utf-8", "surrogatepass")
