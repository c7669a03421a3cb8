"""Load a corpus folder into the model, collecting every problem on the way.

Nothing in an entry file may stop the run: every file is read on its own, every rule runs on
its own, and whatever goes wrong becomes a problem with the file's name and line. An entry
whose front matter does not follow the schema is reported and kept out of the model, so the
corpus-wide rules and everything downstream only ever see well-typed data.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from indexer import rules
from indexer.corpus.frontmatter import FrontMatterError, read
from indexer.corpus.manifest import MANIFEST_NAME, ManifestError, load_manifest
from indexer.corpus.model import Corpus, Entry
from indexer.corpus.plan import PlanSourceError, load_plan
from indexer.problems import Problem, current_file, has_errors, relative
from indexer.schema import vocabulary

ENTRY_SUFFIX = ".md"
IGNORED_NAMES = frozenset({".gitkeep"})


class CorpusError(Exception):
    """The corpus has errors; ``problems`` lists them all."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        errors = [p for p in problems if p.level == "error"]
        super().__init__(f"{len(errors)} error(s) in the corpus; run `tipkb validate`")


def _odd(path: Path, message: str, tip: str) -> Problem:
    return Problem(relative(path), 1, "TIP006", message, "error", tip)


def scan_entries(folder: Path) -> tuple[list[Path], list[Problem]]:
    """The entry files of ``folder`` (regular ``<id>.md`` files), and a problem for anything
    else found there: links, folders, FIFOs and devices, other extensions."""
    paths: list[Path] = []
    problems: list[Problem] = []
    try:
        items = sorted(os.scandir(folder), key=lambda d: d.name)
    except OSError as exc:
        return [], [_odd(folder, f"cannot list the entries folder ({exc.strerror})", "")]
    for item in items:
        path = Path(folder) / item.name
        if item.name in IGNORED_NAMES:
            continue
        try:
            if item.is_symlink():
                problems.append(_odd(path, "a symbolic link is not read as an entry",
                                     "commit the entry file itself, in corpus/entries/"))
            elif item.is_dir(follow_symlinks=False):
                problems.append(_odd(path, "a folder inside corpus/entries/ is not read",
                                     "entries live directly in corpus/entries/, one <id>.md each"))
            elif not item.is_file(follow_symlinks=False):
                problems.append(_odd(path, "not a regular file (a FIFO, socket or device)",
                                     "remove it"))
            elif not item.name.endswith(ENTRY_SUFFIX):
                stem, _, ext = item.name.rpartition(".")
                looks = ext.lower() in ("md", "markdown", "mdown", "mkd")
                problems.append(_odd(
                    path, f"'{item.name}' is not read: entry files end in lower-case .md",
                    f"rename it to {stem}.md" if looks and stem else
                    "only <id>.md entry files belong in corpus/entries/"))
            else:
                paths.append(path)
        except OSError as exc:
            problems.append(_odd(path, f"cannot inspect the file ({exc.strerror})", ""))
    return paths, problems


def entry_files(root: Path) -> list[Path]:
    return scan_entries(Path(root) / "entries")[0]


def guarded(rule: Callable, subject, shown: str) -> list[Problem]:
    """Run one rule; a bug in it becomes a problem on this file, never a traceback."""
    try:
        return list(rule(subject))
    except Exception as exc:  # a rule must never stop the run: report it instead
        name = getattr(rule, "__name__", "a rule")
        return [Problem(shown, 1, "TIP000",
                        f"internal error in {name} ({type(exc).__name__}: {exc}); the other "
                        "checks ran. Please report it with this file and `tipkb validate`",
                        "error")]


def load_entry(path: Path) -> tuple[Entry | None, list[Problem]]:
    """Read and check one file on its own. The entry is None when it cannot be read, or when
    its front matter does not follow the schema (the problems say why)."""
    shown = relative(path)
    current_file.set(shown)
    try:
        doc = read(path)
    except FrontMatterError as exc:
        return None, [Problem(shown, exc.line, exc.code, exc.message, "error", col=exc.col)]
    problems: list[Problem] = []
    for rule in rules.FILE_CHECKS:
        problems.extend(guarded(rule, doc, shown))
    if any(p.code == "TIP010" for p in problems) or not rules.schema_is_valid(doc.data):
        return None, problems
    return Entry.from_front_matter(doc.data, Path(path), doc.body, doc.body_line, doc.lines), \
        problems


def load_corpus(root: Path) -> tuple[Corpus, list[Problem]]:
    """Load every entry of ``root``; return the corpus and all problems, sorted."""
    root = Path(root)
    if not (root / "entries").is_dir():
        raise CorpusError([Problem(relative(root), 1, "TIP001", "no entries/ folder here")])
    try:
        plan = load_plan(root)
    except (OSError, PlanSourceError, FrontMatterError) as exc:
        problem = Problem(relative(root), 1, "TIP001", f"cannot read the plan: {exc}")
        raise CorpusError([problem]) from None
    corpus = Corpus(root, plan, vocabulary())
    paths, problems = scan_entries(root / "entries")
    try:
        corpus.manifest = load_manifest(root)
    except ManifestError as exc:
        problems.append(Problem(relative(root / MANIFEST_NAME), 1, "TIP009", str(exc)))
    for path in paths:
        entry, found = load_entry(path)
        problems.extend(found)
        if entry is None:
            corpus.unreadable.add(path.stem)
            continue
        if entry.id in corpus.entries:
            first = corpus.entries[entry.id].path
            problems.append(Problem(relative(path), entry.line_of("id"),
                                    "TIP012", f"id '{entry.id}' is already used by {first.name}",
                                    "error"))
            continue
        corpus.entries[entry.id] = entry
    current_file.set(None)
    for rule in rules.CORPUS_CHECKS:
        problems.extend(guarded(rule, corpus, relative(root)))
    return corpus, sorted(set(problems), key=Problem.sort_key)


def load_valid_corpus(root: Path) -> Corpus:
    """Load the corpus or raise CorpusError: for commands that must not run on bad data."""
    corpus, problems = load_corpus(root)
    if has_errors(problems):
        raise CorpusError(problems)
    return corpus
