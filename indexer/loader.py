"""Load a corpus folder into the model, collecting every problem on the way."""

from __future__ import annotations

from pathlib import Path

from . import rules
from .frontmatter import FrontMatterError, read
from .model import Corpus, Entry
from .plan import PlanSourceError, load_plan
from .problems import Problem, has_errors, relative
from .schema import vocabulary


class CorpusError(Exception):
    """The corpus has errors; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.level == "error"]
        super().__init__(f"{len(errors)} error(s) in the corpus; run `tipkb validate`")


def entry_files(root: Path) -> list[Path]:
    return sorted((Path(root) / "entries").glob("*.md"))


def load_entry(path: Path) -> tuple[Entry | None, list[Problem]]:
    """Read and check one file on its own. The entry is None if it cannot be read at all."""
    try:
        doc = read(path)
    except FrontMatterError as exc:
        return None, [Problem(relative(path), exc.line, exc.code, exc.message, "error")]
    problems: list[Problem] = []
    for rule in rules.FILE_RULES:
        problems.extend(rule(doc))
    eid = doc.data.get("id") if isinstance(doc.data.get("id"), str) else path.stem
    return Entry(eid, Path(path), doc.data, doc.body, doc.body_line, doc.lines), problems


def load_corpus(root: Path) -> tuple[Corpus, list[Problem]]:
    """Load every entry of ``root``; return the corpus and all problems, sorted."""
    root = Path(root)
    problems: list[Problem] = []
    if not (root / "entries").is_dir():
        raise CorpusError([Problem(relative(root), 1, "TIP001", "no entries/ folder here")])
    try:
        plan = load_plan(root)
    except (OSError, PlanSourceError) as exc:
        problem = Problem(relative(root), 1, "TIP001", f"cannot read the plan: {exc}")
        raise CorpusError([problem]) from None
    corpus = Corpus(root, plan, vocabulary())
    for path in entry_files(root):
        entry, found = load_entry(path)
        problems.extend(found)
        if entry is None:
            continue
        if entry.id in corpus.entries:
            first = corpus.entries[entry.id].path
            problems.append(Problem(relative(path), entry.line_of("id"),
                                    "TIP012", f"id '{entry.id}' is already used by {first.name}",
                                    "error"))
            continue
        corpus.entries[entry.id] = entry
    for rule in rules.CORPUS_RULES:
        problems.extend(rule(corpus))
    return corpus, sorted(problems)


def load_valid_corpus(root: Path) -> Corpus:
    """Load the corpus or raise CorpusError: for commands that must not run on bad data."""
    corpus, problems = load_corpus(root)
    if has_errors(problems):
        raise CorpusError(problems)
    return corpus
