"""Load a corpus folder into the model, collecting every problem on the way.

Nothing in an entry file may stop the run: every file is read on its own, every rule runs on
its own, and whatever goes wrong becomes a problem with the file's name and line. An entry
whose front matter does not follow the schema is reported and kept out of the model, so the
corpus-wide rules and everything downstream only ever see well-typed data.

Two ways in, one way of checking:

- ``load_corpus`` reads every file into the typed model (the site, exports, citations);
- ``check_corpus`` gives the problems and, when asked, the search documents, without building
  the model; with a cache (indexer.corpus.cache) it reads again only the files that changed.

Both read a file with ``read_entry`` and run the corpus-wide rules with ``check_facts`` over
the facts of every entry (indexer.corpus.facts), so a cached run reports exactly what a cold
run reports, and an edit that breaks a link in another file is always found.
"""

from __future__ import annotations

import contextlib
import gc
import operator
import os
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from indexer.corpus.facts import BadRow, CorpusFacts, EntryFacts
from indexer.problems import Problem, current_file, has_errors, relative

if TYPE_CHECKING:
    from indexer.corpus.cache import CorpusCache, Lookup
    from indexer.corpus.model import Corpus, Entry
    from indexer.corpus.plan import Plan

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


_NAME = operator.attrgetter("name")


def scan_entry_names(folder: Path) -> tuple[list[str], list[Problem]]:
    """The names of the entry files of ``folder`` (regular ``<id>.md`` files), sorted, and a
    problem for anything else found there: links, folders, FIFOs and devices, other
    extensions."""
    names: list[str] = []
    problems: list[Problem] = []
    try:
        items = sorted(os.scandir(folder), key=_NAME)
    except OSError as exc:
        return [], [_odd(folder, f"cannot list the entries folder ({exc.strerror})", "")]
    for item in items:
        name = item.name
        if name in IGNORED_NAMES:
            continue
        try:
            if name.endswith(ENTRY_SUFFIX) and item.is_file(follow_symlinks=False):
                names.append(name)  # the common case first: a regular file, not a link
            elif item.is_symlink():
                problems.append(_odd(Path(folder) / name, "a symbolic link is not read as an "
                                     "entry", "commit the entry file itself, in corpus/entries/"))
            elif item.is_dir(follow_symlinks=False):
                problems.append(_odd(Path(folder) / name, "a folder inside corpus/entries/ is "
                                     "not read", "entries live directly in corpus/entries/, "
                                     "one <id>.md each"))
            elif not item.is_file(follow_symlinks=False):
                problems.append(_odd(Path(folder) / name, "not a regular file (a FIFO, socket "
                                     "or device)", "remove it"))
            else:
                stem, _, ext = name.rpartition(".")
                looks = ext.lower() in ("md", "markdown", "mdown", "mkd")
                problems.append(_odd(
                    Path(folder) / name, f"'{name}' is not read: entry files end in "
                    "lower-case .md", f"rename it to {stem}.md" if looks and stem else
                    "only <id>.md entry files belong in corpus/entries/"))
        except OSError as exc:
            problems.append(_odd(Path(folder) / name, f"cannot inspect the file ({exc.strerror})",
                                 ""))
    return names, problems


def scan_entries(folder: Path) -> tuple[list[Path], list[Problem]]:
    """``scan_entry_names`` as paths."""
    names, problems = scan_entry_names(folder)
    return [Path(folder) / name for name in names], problems


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


@dataclass(slots=True)
class FileResult:
    """What one entry file gave when it was read and checked on its own."""

    problems: list[Problem]
    entry: Entry | None = None  # None: not an entry that follows the schema (problems say why)
    facts: EntryFacts | None = None
    changes_on: str | None = None  # a day on which the checks may judge the file differently
    document: dict | None = None  # its search document, when asked for


# the verdict of every file unchanged and without a problem (shared: nothing changes it)
_UNCHANGED = FileResult([])


def _changes_on(doc) -> str | None:
    from indexer import rules

    days = []
    for hook in rules.CHANGES_ON:
        try:
            day = hook(doc)
        except Exception:  # never trust a verdict whose lifetime is unknown: check again soon
            day = "0000-00-00"
        if day is not None:
            days.append(str(day))
    return min(days) if days else None


def read_entry(path: Path, raw: bytes | None = None, plan: Plan | None = None) -> FileResult:
    """Read and check one file on its own (from ``raw`` if the caller has read its bytes);
    given the ``plan``, build its search document too."""
    from indexer import rules
    from indexer.corpus.facts import facts_of
    from indexer.corpus.frontmatter import FrontMatterError, decode, parse, read_bytes
    from indexer.corpus.model import Entry

    shown = relative(path)
    current_file.set(shown)
    try:
        doc = parse(decode(read_bytes(path) if raw is None else raw), path)
    except FrontMatterError as exc:
        return FileResult([Problem(shown, exc.line, exc.code, exc.message, "error", col=exc.col)])
    problems: list[Problem] = []
    for rule in rules.FILE_CHECKS:
        problems.extend(guarded(rule, doc, shown))
    changes_on = _changes_on(doc)
    if any(p.code == "TIP010" for p in problems) or not rules.schema_is_valid(doc.data):
        return FileResult(problems, changes_on=changes_on)
    entry = Entry.from_front_matter(doc.data, Path(path), doc.body, doc.body_line, doc.lines)
    document = None
    if plan is not None:
        from indexer.search.documents import entry_document

        document = entry_document(plan, entry)
    return FileResult(problems, entry, facts_of(entry), changes_on, document)


def load_entry(path: Path) -> tuple[Entry | None, list[Problem]]:
    """Read and check one file on its own. The entry is None when it cannot be read, or when
    its front matter does not follow the schema (the problems say why)."""
    result = read_entry(path)
    return result.entry, result.problems


def check_facts(root: Path, plan: Plan, files: Iterable[tuple[str, EntryFacts | None]],
                views: dict | None = None) -> tuple[CorpusFacts, list[Problem]]:
    """The corpus-wide rules over the facts of every entry file (by name, in order; None: a
    file that is not an entry). The first file wins an id that two files use (TIP012).
    ``views``: views of the Plan's files already known (see facts.PlanViews)."""
    from indexer import rules

    root = Path(root)
    facts = CorpusFacts(root, plan, derived=dict(views or {}))
    problems: list[Problem] = []
    for name, found in files:
        if found is None:
            facts.unreadable.add(name[: -len(ENTRY_SUFFIX)])
        elif found.id in facts.entries:
            first = facts.entries[found.id].file
            problems.append(Problem(relative(root / "entries" / name), found.id_line, "TIP012",
                                    f"id '{found.id}' is already used by {first}", "error"))
        else:
            facts.entries[found.id] = found
    current_file.set(None)
    for rule in rules.CORPUS_CHECKS:
        problems.extend(guarded(rule, facts, relative(root)))
    return facts, problems


def _read_plan(root: Path) -> Plan:
    """The Plan of the corpus at ``root``; CorpusError if it has no entries folder or no
    readable Plan."""
    from indexer.corpus.frontmatter import FrontMatterError
    from indexer.corpus.plan import PlanSourceError, load_plan

    if not (root / "entries").is_dir():
        raise CorpusError([Problem(relative(root), 1, "TIP001", "no entries/ folder here")])
    try:
        return load_plan(root)
    except (OSError, PlanSourceError, FrontMatterError) as exc:
        problem = Problem(relative(root), 1, "TIP001", f"cannot read the plan: {exc}")
        raise CorpusError([problem]) from None


def _read_manifest(root: Path) -> tuple[Any, list[Problem]]:
    """The manifest (or None) and its problem, if any."""
    from indexer.corpus.manifest import MANIFEST_NAME, ManifestError, load_manifest

    try:
        return load_manifest(root), []
    except ManifestError as exc:
        return None, [Problem(relative(root / MANIFEST_NAME), 1, "TIP009", str(exc))]


@contextlib.contextmanager
def no_gc(freeze: bool = False):
    """No cyclic garbage collection while a corpus is read: reading makes hundreds of
    thousands of small objects and no cycles, and each collection would walk them all.

    ``freeze``: for a command that ends soon, move what exists at the end out of reach of
    later collections (gc.freeze), instead of walking it all once more when collection
    resumes."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if freeze:
            gc.freeze()
        if enabled:
            gc.enable()


def _sorted(problems: list[Problem]) -> list[Problem]:
    return sorted(set(problems), key=Problem.sort_key)


def load_corpus(root: Path) -> tuple[Corpus, list[Problem]]:
    """Load every entry of ``root``; return the corpus and all problems, sorted."""
    from indexer.corpus.model import Corpus
    from indexer.schema import vocabulary

    root = Path(root)
    plan = _read_plan(root)
    names, problems = scan_entry_names(root / "entries")
    manifest, found = _read_manifest(root)
    problems += found
    corpus = Corpus(root, plan, vocabulary())
    if manifest is not None:
        corpus.manifest = manifest
    results = []
    with no_gc():
        for name in names:
            result = read_entry(root / "entries" / name)
            problems.extend(result.problems)
            results.append((name, result))
        facts, found = check_facts(root, plan, ((name, r.facts) for name, r in results))
    problems.extend(found)
    corpus.unreadable = set(facts.unreadable)
    corpus.entries = {r.entry.id: r.entry for _, r in results
                      if r.entry is not None and facts.entries[r.entry.id].path == r.entry.path}
    corpus.derived["facts"] = facts
    facts.derived = corpus.derived  # one reading of the Plan's files for both
    return corpus, _sorted(problems)


def load_valid_corpus(root: Path) -> Corpus:
    """Load the corpus or raise CorpusError: for commands that must not run on bad data."""
    corpus, problems = load_corpus(root)
    if has_errors(problems):
        raise CorpusError(problems)
    return corpus


@dataclass
class CheckedCorpus:
    """What ``check_corpus`` found: the facts, every problem (sorted) and, when asked, the
    search documents (entries by id, then the paragraphs in document order)."""

    facts: CorpusFacts
    problems: list[Problem]
    documents: list[Mapping[str, Any]] = field(default_factory=list)
    cached: int = 0  # files whose verdict came from the cache
    read: int = 0  # files read and checked in this run


def check_corpus(root: Path, cache: bool | Path = True, documents: bool = False) -> CheckedCorpus:
    """Check the corpus at ``root`` as ``load_corpus`` does, without building the model.

    ``cache``: True keeps what each file gave in the default cache folder (see
    indexer.corpus.cache), a Path names another folder, False reads every file. Only files
    whose size, times or content changed are read again, and the corpus-wide rules judge
    again only the entries those files can affect (indexer.corpus.scope).
    ``documents``: also give the search documents, for the index.
    """
    from indexer.corpus.cache import CorpusCache

    root = Path(root)
    with no_gc():
        store = None
        if cache is not False:
            if not (root / "entries").is_dir():
                _read_plan(root)  # says why
            store = CorpusCache.open(root, None if cache is True else Path(cache))
        try:
            snapshot = store.plan_snapshot() if store is not None else None
            if snapshot is not None:
                plan, begun, views = snapshot.plan, snapshot.problems, snapshot.views
            else:
                plan = _read_plan(root)
                begun, views = _read_manifest(root)[1], {}
            names, problems = scan_entry_names(root / "entries")
            try:
                checked = _check_files(root, plan, names, problems + begun, store, documents,
                                       views)
            except BadRow:  # a kept row this code cannot read: read every file again
                if store is not None:
                    store.records.clear()
                checked = _check_files(root, plan, names, problems + begun, store, documents,
                                       views)
            if store is not None:
                if snapshot is None:
                    store.keep_plan(plan, begun, checked.facts.derived)
                store.save()
        finally:
            if store is not None:
                store.close()
    return checked


def _check_files(root: Path, plan: Plan, names: list[str], problems: list[Problem],
                 store: CorpusCache | None, documents: bool, views: dict) -> CheckedCorpus:
    from indexer.corpus import scope
    from indexer.corpus.cache import FACTS
    from indexer.search.documents import paragraph_documents

    folder = root / "entries"
    files: list[scope.FileFacts] = []
    docs: dict[str, Mapping[str, Any]] = {}
    source = _DocumentSource(store, folder, plan) if store is not None else None
    looks: Sequence[Lookup | list | None] = store.lookup_all(names, documents) \
        if store is not None else [None] * len(names)
    cached = read = 0
    for name, look in zip(names, looks, strict=True):
        if isinstance(look, list):  # unchanged, its verdict holds: no problem (lookup_all)
            result = _UNCHANGED
            cached += 1
            file = scope.FileFacts(name, None, look[FACTS], look, read=False)
        elif look is not None and look.result is not None:
            result = look.result
            cached += 1
            file = scope.FileFacts(name, None, look.row, look.record, read=False)
        else:
            path = folder / name
            result = read_entry(path, look.raw if look is not None else None,
                                plan if documents else None)
            read += 1
            if store is not None and look is not None:
                store.store(name, look, result)
            file = scope.FileFacts(name, result.facts, None,
                                   look.record if look is not None else None, read=True)
        problems.extend(result.problems)
        eid = file.id
        if documents and eid is not None:
            if result.document is not None:
                docs[eid] = result.document
            elif store is not None and source is not None:
                docs[eid] = store.document(name, eid, source)
        files.append(file)
    changed = scope.check_changed(root, plan, files, views, store) if store is not None else None
    facts, found = changed if changed is not None else \
        scope.check_all(root, plan, files, views, store)
    problems.extend(found)
    out = CheckedCorpus(facts, _sorted(problems), cached=cached, read=read)
    if documents:
        out.documents = [*(docs[eid] for eid in sorted(facts.entries)),
                         *paragraph_documents(plan, facts.citing())]
    return out


class _DocumentSource:
    """Where the index reads an unchanged file's document: the cache, else the file again."""

    def __init__(self, store: CorpusCache, folder: Path, plan: Plan):
        self.store, self.folder, self.plan = store, folder, plan

    def load_document(self, key: str, doc_hash: str) -> dict | None:
        found = self.store.stored_document(key, doc_hash)
        return found if found is not None else read_entry(self.folder / key, plan=self.plan).document
