"""Untrusted text written into a Markdown file (a changelog, a handout) as literal text."""

from __future__ import annotations

# Characters that can start markup inside a line (links, emphasis, code, HTML, tables, entities).
_SPECIAL = set("\\`*_[]<>|~&!#")


def md_text(value: str) -> str:
    """``value`` on one line with every character that could start Markdown markup escaped."""
    return "".join("\\" + c if c in _SPECIAL else c for c in " ".join(str(value).split()))
