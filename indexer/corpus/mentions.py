"""The checklist of items the resolution names (corpus/plan/mentions.yaml), matched to paragraphs.

The file comes by pull request like the entries, so it is read with the same safe reader and
every pattern is checked before it is compiled: a pattern may repeat only single characters or
classes (``的?``, ``\\s*``), never a group that itself repeats or alternates, so no pattern can
take more than linear time on a paragraph (no "catastrophic backtracking").
"""

from __future__ import annotations

import re
import re._constants as sre_constants  # type: ignore[import-not-found]
import re._parser as sre_parse  # type: ignore[import-not-found]
from dataclasses import dataclass
from pathlib import Path

from indexer.corpus.frontmatter import FrontMatterError, load_data_file
from indexer.corpus.plan import Plan
from indexer.problems import Problem, relative

MENTIONS_NAME = "plan/mentions.yaml"
MAX_PATTERN = 200
_REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)
_SINGLE = (sre_constants.LITERAL, sre_constants.NOT_LITERAL, sre_constants.IN, sre_constants.ANY,
           sre_constants.CATEGORY)


@dataclass(frozen=True)
class Mention:
    id: str
    patterns: tuple[re.Pattern, ...]
    excluded: frozenset[str]

    def names(self, text: str) -> bool:
        return any(p.search(text) for p in self.patterns)

    def paragraphs(self, plan: Plan) -> list[str]:
        """Keys of the paragraphs whose Chinese text, or a footnote they call, names this item."""
        return [
            key
            for key, para in plan.paragraphs.items()
            if key not in self.excluded and (
                self.names(para.text_zh)
                or any(self.names(plan.footnotes[n].text_zh) for n in para.footnotes
                       if n in plan.footnotes))
        ]


def unsafe_pattern(pattern: str) -> str | None:
    """Why ``pattern`` is refused, or None if it is a regular expression that runs in linear
    time: repetition of one character or class only, no back-references."""
    if len(pattern) > MAX_PATTERN:
        return f"longer than {MAX_PATTERN} characters"
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError) as exc:
        return f"not a regular expression ({exc})"

    def walk(items) -> str | None:
        for op, arg in items:
            if op in _REPEATS:
                low, high, body = arg
                if high != 1 and not (len(body) == 1 and body[0][0] in _SINGLE):
                    return "it repeats a group (write the alternatives out instead)"
                if found := walk(body):
                    return found
            elif op in (sre_constants.GROUPREF, sre_constants.GROUPREF_EXISTS):
                return "it uses a back-reference"
            elif op == sre_constants.SUBPATTERN and (found := walk(arg[-1])):
                return found
            elif op == sre_constants.BRANCH:
                for branch in arg[1]:
                    if found := walk(branch):
                        return found
            elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT) and (found := walk(arg[1])):
                return found
        return None

    return walk(parsed)


def read_mentions(corpus_root: Path) -> tuple[list[Mention], list[Problem]]:
    """The checklist and any problem with it (rule TIP086). A bad item is skipped, never fatal."""
    path = Path(corpus_root) / MENTIONS_NAME
    shown = relative(path)
    if not path.is_file():
        return [], []
    try:
        items, lines = load_data_file(path)
    except FrontMatterError as exc:
        return [], [Problem(shown, exc.line, exc.code, exc.message, col=exc.col)]
    if not isinstance(items, list):
        return [], [Problem(shown, 1, "TIP086", "mentions.yaml must be a list of items")]
    out, problems = [], []
    for i, item in enumerate(items):
        line = lines.get((i,), 1)
        if not isinstance(item, dict) or not isinstance(item.get("id"), str) \
                or not isinstance(item.get("match"), list) or not item["match"]:
            problems.append(Problem(shown, line, "TIP086",
                                    f"item {i}: needs an id and a non-empty match list"))
            continue
        excluded = item.get("except") or []
        if not isinstance(excluded, list) or not all(isinstance(k, str) for k in excluded):
            problems.append(Problem(shown, line, "TIP086", f"{item['id']}: except must be a "
                                    "list of paragraph keys"))
            continue
        patterns = []
        for j, pattern in enumerate(item["match"]):
            why = unsafe_pattern(pattern) if isinstance(pattern, str) else "not text"
            if why:
                problems.append(Problem(shown, lines.get((i, "match", j), line), "TIP086",
                                        f"{item['id']}: pattern {pattern!r} is refused: {why}"))
            else:
                patterns.append(re.compile(pattern))
        if patterns:
            out.append(Mention(item["id"], tuple(patterns), frozenset(excluded)))
    return out, problems


def load_mentions(corpus_root: Path) -> list[Mention]:
    return read_mentions(corpus_root)[0]
