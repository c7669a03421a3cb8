"""Plain-text helpers shared by every output: Markdown reduced to words, short descriptions.

MARKDOWN_LINK is the one pattern for ``[text](target "title")`` links: group 1 the text, group 2
the target.
"""

from __future__ import annotations

import functools
import re

MARKDOWN_LINK = re.compile(r"(?<!!)\[([^\]]*)\]\(\s*<?([^)\s>]*)>?(?:\s+\"[^\"]*\")?\s*\)")
_MARKS = str.maketrans("", "", "*_`#>")


def plain(markdown: str) -> str:
    """Markdown reduced to its words, on one line (links keep their text)."""
    if "](" in markdown:
        markdown = MARKDOWN_LINK.sub(lambda m: m.group(1), markdown)
    return " ".join(markdown.translate(_MARKS).split())


def clip(text: str, limit: int = 160) -> str:
    """``text`` on one line, cut at a word before ``limit`` characters, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0]
    return cut.rstrip(",;:") + "…"


def first_sentence(text: str) -> str:
    m = re.match(r"(.+?[.!?])(\s|$)", text)
    return m.group(1) if m else text


_CJK = "\u3400-\u4dbf\u4e00-\u9fff"
_CJK_PUNCT = "\u3000-\u303f\uff00-\uffef"


@functools.cache
def _cjk_gap() -> re.Pattern[str]:
    """Compiled when first used (the site's pages): Python compiles a class of thousands of
    characters one at a time, 3 ms that `tipkb validate` and `index` need not pay."""
    return re.compile(f"(?<=[{_CJK}{_CJK_PUNCT}])\\s+(?=[{_CJK}{_CJK_PUNCT}])"
                      f"|(?<=[{_CJK_PUNCT}])\\s+|\\s+(?=[{_CJK_PUNCT}])")


def cjk_text(text: str) -> str:
    """Chinese text on one line: the spaces YAML's folded lines leave between two Chinese
    characters, and around Chinese punctuation, removed (a space between a Chinese character
    and Latin text or digits stays)."""
    return _cjk_gap().sub("", " ".join(text.split()))


def first_sentence_zh(text: str) -> str:
    m = re.match(r"(.+?[。！？])", text)
    return m.group(1) if m else text
