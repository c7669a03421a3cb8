"""Resolution 64/293 as data: paragraphs and footnotes parsed from the Chinese source.

The source (corpus/source/A-RES-64-293.zh.md) was converted from the PDF: page breaks and
footnote blocks cut paragraphs in two. This module is the re-runnable conversion: it drops the
page debris, collects the footnotes, rejoins the cut paragraphs and gives every paragraph a
stable key (pp1-pp16, pp16a-f, op1-op7, gpa0-gpa61, gpa43a-c). The English renderings come
from corpus/plan/en.yaml, written by the project.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from indexer.problems import Problem, relative
from indexer.text import MARKDOWN_LINK

SOURCE_NAME = "source/A-RES-64-293.zh.md"
ENGLISH_NAME = "plan/en.yaml"
SYMBOL = "A/RES/64/293"
OFFICIAL_URL = "https://undocs.org/A/RES/64/293"

SECTIONS = {
    # key: (pillar, English title, Chinese heading as the annex gives it)
    "general": (None, "General", None),
    "prevention": ("prevention", "I. Preventing trafficking in persons", "一 防止贩运人口"),
    "protection": ("protection", "II. Protection of and assistance to victims of trafficking",
                   "二 保护和协助贩运人口行为受害者"),
    "prosecution": ("prosecution", "III. Prosecution of crimes of trafficking in persons",
                    "三 起诉贩运人口罪行"),
    "partnership": ("partnership", "IV. Strengthening partnerships against trafficking in persons",
                    "四 加强防止贩运人口方面的伙伴关系"),
}
PILLARS = {
    "prevention": "Prevention",
    "protection": "Protection",
    "prosecution": "Prosecution",
    "partnership": "Partnership",
}
PARTS = {"preamble": "Preamble", "operative": "Operative part", "annex": "Annex (the Plan)"}

_SUP = re.compile(r"<sup>(\d+)</sup>\s*")
_FOOTNOTE_LINE = re.compile(r"^<sup>(\d+)</sup>\s*(.*)$")
_CJK = r"\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"


@dataclass(frozen=True)
class FootnoteCall:
    number: int
    offset: int  # character offset in text_zh where the call stands


@dataclass
class Footnote:
    number: int
    text_zh: str
    text_en: str = ""
    called_by: list[str] = field(default_factory=list)  # paragraph keys, first call first


@dataclass
class Paragraph:
    key: str
    part: str  # preamble | operative | annex
    number: str  # "6", "16(a)", "43(b)", "0" for the annex's opening
    section: str | None  # annex only: general | prevention | protection | prosecution | partnership
    text_zh: str
    calls: list[FootnoteCall] = field(default_factory=list)
    text_en: str = ""
    line: int = 0  # line of the source on which the paragraph starts

    @property
    def group(self) -> str:
        """The part of the resolution, or for the annex its section: preamble, operative,
        general, prevention, protection, prosecution, partnership."""
        return self.section if self.part == "annex" and self.section else self.part

    @property
    def pillar(self) -> str | None:
        return SECTIONS[self.section][0] if self.section else None

    @property
    def label(self) -> str:
        if self.part == "preamble":
            return f"PP {self.number}"
        if self.part == "operative":
            return f"OP {self.number}"
        if self.key == "gpa0":
            return "Plan, opening"
        return f"Plan ¶ {self.number}"

    @property
    def url(self) -> str:
        """Site path of the paragraph's page (stable: trainers link to it)."""
        if self.part == "annex":
            return f"plan/{self.number.replace('(', '').replace(')', '')}/"
        prefix = "preamble" if self.part == "preamble" else "operative"
        return f"resolution/{prefix}/{self.number.replace('(', '').replace(')', '')}/"

    @property
    def footnotes(self) -> list[int]:
        return [c.number for c in self.calls]


@dataclass
class Plan:
    paragraphs: dict[str, Paragraph]  # in document order
    footnotes: dict[int, Footnote]

    def __getitem__(self, key: str) -> Paragraph:
        return self.paragraphs[key]

    def keys(self) -> list[str]:
        return list(self.paragraphs)

    def neighbours(self, key: str) -> tuple[Paragraph | None, Paragraph | None]:
        keys = self.keys()
        i = keys.index(key)
        prev_p = self.paragraphs[keys[i - 1]] if i > 0 else None
        next_p = self.paragraphs[keys[i + 1]] if i + 1 < len(keys) else None
        return prev_p, next_p


class PlanSourceError(Exception):
    pass


def _join(left: str, right: str) -> str:
    """Rejoin a paragraph cut by a page break: a space only between Latin/digits and CJK."""
    if not left:
        return right
    a, b = left[-1], right[0]
    latin_a = a.isascii() and a.isalnum()
    latin_b = b.isascii() and b.isalnum()
    cjk_a = re.match(f"[{_CJK}]", a) is not None
    cjk_b = re.match(f"[{_CJK}]", b) is not None
    if (latin_a and cjk_b) or (cjk_a and latin_b):
        return left + " " + right
    return left + right


def _clean_footnote(text: str) -> str:
    text = MARKDOWN_LINK.sub(r"\1", text)
    return text.replace("\\_", "_").replace("\\", "").strip()


def _strip_calls(text: str) -> tuple[str, list[FootnoteCall]]:
    """Remove <sup>N</sup> calls and bold markup; remember where each call stood."""
    text = text.replace("**", "")
    out, calls, pos = [], [], 0
    for m in _SUP.finditer(text):
        chunk = text[pos : m.start()].rstrip(" ")
        out.append(chunk)
        calls.append(FootnoteCall(int(m.group(1)), sum(len(c) for c in out)))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out).strip(), calls


_PREAMBLE_START = re.compile(r"^\*\*")
_LETTER = re.compile(r"^\(([a-f])\)\s*")
_NUMBERED = re.compile(r"^(\d{1,2})\.\s*")
_HEADING = re.compile(r"^#{1,6}\s*(.*)$")


def parse_source(text: str) -> Plan:
    """Parse the Chinese source text into paragraphs and footnotes."""
    footnotes: dict[int, Footnote] = {}
    blocks: list[tuple[int, str]] = []  # (line, text) of body lines, debris removed
    headings: list[tuple[int, str]] = []
    started = False
    for lineno, raw in enumerate(text.split("\n"), start=1):
        line = raw.strip()
        if not started:
            started = line == "大会，"
            continue
        if not line or line == "---":
            continue
        if m := _FOOTNOTE_LINE.match(line):
            n = int(m.group(1))
            if n in footnotes:
                raise PlanSourceError(f"line {lineno}: footnote {n} appears twice")
            footnotes[n] = Footnote(n, _clean_footnote(m.group(2)))
            continue
        if m := _HEADING.match(line):
            headings.append((lineno, m.group(1).strip()))
            blocks.append((lineno, "\x00H" + m.group(1).strip()))
            continue
        if line.startswith("2010 年 7 月 30 日") or re.match(r"^第 \d+ 次全体会议$", line):
            continue  # date and meeting line after the operative part
        blocks.append((lineno, line))
    if not started:
        raise PlanSourceError("the source has no line '大会，' that opens the resolution")

    paragraphs: dict[str, Paragraph] = {}
    part = "preamble"
    section: str | None = None
    pp_count = 0
    current: Paragraph | None = None
    raw_text: dict[str, str] = {}

    def start(key: str, number: str, lineno: int, text: str) -> None:
        nonlocal current
        current = Paragraph(key, part, number, section, "", line=lineno)
        paragraphs[key] = current
        raw_text[key] = text

    for lineno, line in blocks:
        if line.startswith("\x00H"):
            heading = line[2:]
            if heading == "附件":
                part, section = "annex", "general"
            for key, (_, _, zh) in SECTIONS.items():
                if zh and heading.replace(" ", "") == zh.replace(" ", ""):
                    section = key
            current = None if part == "annex" else current
            continue
        if part == "preamble":
            if _PREAMBLE_START.match(line):
                pp_count += 1
                start(f"pp{pp_count}", str(pp_count), lineno, line)
                continue
            if m := _LETTER.match(line):
                letter = m.group(1)
                start(f"pp{pp_count}{letter}", f"{pp_count}({letter})", lineno, line[m.end():])
                continue
            if (m := _NUMBERED.match(line)) and line[m.end():].startswith("**"):
                part = "operative"
                start(f"op{m.group(1)}", m.group(1), lineno, line[m.end():])
                continue
        elif part == "operative":
            if (m := _NUMBERED.match(line)) and line[m.end():].startswith("**"):
                start(f"op{m.group(1)}", m.group(1), lineno, line[m.end():])
                continue
        elif part == "annex":
            if line.startswith("我联合国会员国"):
                start("gpa0", "0", lineno, line)
                continue
            if m := _NUMBERED.match(line):
                start(f"gpa{m.group(1)}", m.group(1), lineno, line[m.end():])
                continue
            if (m := _LETTER.match(line)) and current is not None:
                base = current.key.rstrip("abc") if current.key[-1] in "abc" else current.key
                letter = m.group(1)
                number = base[3:]
                start(f"{base}{letter}", f"{number}({letter})", lineno, line[m.end():])
                continue
        if current is None:
            raise PlanSourceError(f"line {lineno}: text outside any paragraph: {line[:30]}")
        raw_text[current.key] = _join(raw_text[current.key], line)

    for key, para in paragraphs.items():
        para.text_zh, para.calls = _strip_calls(raw_text[key])
        for call in para.calls:
            if call.number not in footnotes:
                raise PlanSourceError(f"{para.label}: calls footnote {call.number}, not in source")
            footnotes[call.number].called_by.append(key)
    return Plan(paragraphs, dict(sorted(footnotes.items())))


def _load_english(path: Path, plan: Plan) -> None:
    """The English renderings, where en.yaml gives them; a damaged file leaves them empty
    (rule TIP085 reports what is wrong with it)."""
    from indexer.corpus.frontmatter import FrontMatterError, load_data_file

    if not path.is_file():
        return
    try:
        data, _ = load_data_file(path)
    except FrontMatterError:
        return
    if not isinstance(data, dict):
        return
    paragraphs, footnotes = data.get("paragraphs"), data.get("footnotes")
    for key, text in (paragraphs.items() if isinstance(paragraphs, dict) else ()):
        if key in plan.paragraphs and isinstance(text, str):
            plan.paragraphs[key].text_en = " ".join(text.split())
    for number, text in (footnotes.items() if isinstance(footnotes, dict) else ()):
        if isinstance(number, int | str) and str(number).isdigit() and isinstance(text, str) \
                and int(number) in plan.footnotes:
            plan.footnotes[int(number)].text_en = " ".join(text.split())


def english_problems(corpus_root: Path, plan: Plan) -> list[Problem]:
    """What is wrong with corpus/plan/en.yaml (rule TIP085): it renders every paragraph and
    footnote of the resolution, and only those. Never raises."""
    from indexer.corpus.frontmatter import FrontMatterError, load_data_file

    path = Path(corpus_root) / ENGLISH_NAME
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
    known: dict
    for part, known in (("paragraphs", plan.paragraphs), ("footnotes", plan.footnotes)):
        given = data.get(part) or {}
        if not isinstance(given, dict):
            out.append(Problem(shown, lines.get((part,), 1), "TIP085", f"{part} must be a mapping"))
            continue
        for key in given:
            if (int(key) if part == "footnotes" and str(key).isdigit() else key) not in known:
                out.append(Problem(shown, lines.get((part, key), 1), "TIP085",
                                   f"{part}: '{key}' is not in the resolution"))
        for key in known:
            text = given.get(key, given.get(str(key)))
            if not isinstance(text, str) or not text.strip():
                out.append(Problem(shown, lines.get((part,), 1), "TIP085",
                                   f"{part}: '{key}' has no English rendering"))
    return out


@cache
def _load_cached(corpus: Path, mtimes: tuple) -> Plan:
    plan = parse_source((corpus / SOURCE_NAME).read_text(encoding="utf-8"))
    _load_english(corpus / ENGLISH_NAME, plan)
    return plan


def load_plan(corpus: Path) -> Plan:
    """The plan of ``corpus``, parsed once per change of its source or English file."""
    corpus = Path(corpus).resolve()
    mtimes = tuple(
        (p.stat().st_mtime_ns if p.exists() else 0)
        for p in (corpus / SOURCE_NAME, corpus / ENGLISH_NAME)
    )
    return _load_cached(corpus, mtimes)
