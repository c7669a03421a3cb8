"""What a paragraph or an entry is called in each language, for every output that names them
(the site's two editions, handouts, citations).

English names are the model's own (``Paragraph.label``, ``Entry.title``). Chinese names follow
the resolution's way of numbering (序言部分第6段) and never pass a rendering off as official: an
entry's official Chinese title first, else the project's rendering with a note saying so, else
the resolution's own wording.
"""

from __future__ import annotations

from indexer.corpus.model import Entry
from indexer.corpus.plan import Paragraph

UNOFFICIAL_ZH = "本项目译名，非正式名称"
RESOLUTION_WORDS_ZH = "决议中的称谓"
NO_ZH_NAME = "无中文名称"


def para_label(para: Paragraph, lang: str) -> str:
    if lang != "zh":
        return para.label
    if para.part == "preamble":
        return f"序言部分第{para.number}段"
    if para.part == "operative":
        return f"执行部分第{para.number}段"
    if para.key == "gpa0":
        return "《行动计划》导言"
    return f"《行动计划》第{para.number}段"


def entry_title(entry: Entry, lang: str) -> tuple[str, str]:
    """(title, note): in Chinese the official title, else the project's rendering marked as
    unofficial, else the resolution's own wording, else the English title."""
    if lang != "zh":
        return entry.title, ""
    if entry.title_zh:
        return entry.title_zh, ""
    if entry.title_zh_project:
        return entry.title_zh_project, UNOFFICIAL_ZH
    if entry.cited_as_zh:
        return entry.cited_as_zh, RESOLUTION_WORDS_ZH
    return entry.title, NO_ZH_NAME
