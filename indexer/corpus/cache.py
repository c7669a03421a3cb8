"""The corpus cache: what each entry file gave when it was last read and checked.

``tipkb validate`` and ``tipkb index`` read again only the entry files that changed, and the
corpus-wide rules judge again only the entries those files can affect (indexer.corpus.scope),
so what they report is what a cold run reports, file and line included.

Where: ``.tipkb-cache/<corpus folder name>-<hash of its path>/`` in the folder that holds the
corpus (for this repository, ``.tipkb-cache/corpus-<hash>/`` at its root): beside the corpus,
not in it, so the site's watcher of ``corpus/`` does not rebuild when it changes. The folder
ignores itself for git and carries a CACHEDIR.TAG; delete it at any time. ``--no-cache``
bypasses it.

What, per entry file: its size, modification and change times (ns) and inode, a hash of its
bytes, its own problems (the path is attached again when read, for the current directory),
its facts, the day its verdict may change (``rules.CHANGES_ON``), the hash and title of its
search document, and the corpus-wide rules' verdict on it with the keys that tie it to
others. The documents themselves sit in separate files read only when a build needs one.
Records are spread over up to 64 shards so that one edit rewrites two small files.

When a record is used:

- the cache key must match: format, package version, Python, the source of the code that
  reads and checks entries (``corpus/``, ``rules/``, ``schema/`` with the schema and the
  source policy, and a few modules), the parsing libraries, the Plan's files, ``corpus.yaml``
  and TIPKB_SITE_URL. Any change of those and nothing is reused;
- the file's size, times and inode must match and be older than two seconds before the record
  was made (else an edit in the same clock tick could hide), or else the hash of its bytes must
  match; and the day its verdict may change must not have come.

What makes a cache file trusted: each file starts with a checksum (SHA-256) of the rest and
names the format and the key, so a damaged, truncated, hand-edited or foreign file is ignored
(the files are read again). The record shards are also sealed: ``seal.json`` names the inode,
change time and size each shard had when this program wrote it, which a copied, restored or
planted cache (say, one committed in a pull request) cannot reproduce. A stored document is
used only if it hashes to the hash its record names. Everything is JSON: reading a cache never
runs code. Writes are atomic (indexer.files.write_atomic), under a lock that one run holds at a
time.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import hashlib
import importlib.util
import os
import sys
import time
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import indexer
from indexer import jsonio
from indexer.corpus.facts import PLAN_VIEWS
from indexer.corpus.loader import FileResult
from indexer.files import write_atomic
from indexer.problems import Problem, relative

if TYPE_CHECKING:
    from indexer.corpus.plan import Plan
    from indexer.search.documents import DocumentSource, StoredDocument

FORMAT = "tipkb-corpus-cache/4"
FOLDER = ".tipkb-cache"
SEAL = "seal.json"
PLAN_FILE = "plan.json"
RACY_NS = 2_000_000_000  # a file changed this close to the record's making is hashed again
LOCK_WAIT = 30.0  # seconds to wait for another run; then the cache is only read
PER_SHARD = 256
MAX_SHARDS = 64
MAX_FILE = 512 * 1024 * 1024  # a larger "cache file" is not ours
UNCACHED_CODES = frozenset({"TIP000", "TIP006"})  # internal errors, files that cannot be opened
# What decides how an entry file is read and checked, beside the corpus's own files.
CODE_PACKAGES = ("corpus", "rules", "schema")
CODE_MODULES = ("__init__.py", "problems.py", "text.py", "search/documents.py")
LIBRARIES = ("yaml", "jsonschema_rs", "jsonschema")
CORPUS_DATA = ("corpus.yaml", "source", "plan", "schema")
CACHEDIR_TAG = ("Signature: 8a477f597d28d172789f06886806bc55\n"
                "# This file is a cache directory tag created by tipkb (the corpus cache).\n")

# A record: [name, [size, mtime_ns, ctime_ns, inode], racy, hash, problems, kept facts
# (EntryFacts.to_kept) or None, changes_on, [document hash, title] or None, corpus problems or
# None, keys or None]; a problem: [line, col, code, level, message, tip]. The corpus problems
# are the corpus-wide rules' verdict on the file and the keys those rules link it to others by
# (indexer.corpus.scope); None: not known.
NAME, STAMP, RACY, HASH, PROBLEMS, FACTS, CHANGES_ON, DOC, CORPUS, KEYS = range(10)
RECORD_SIZE = 10
KEPT_SIZE = 4  # EntryFacts.to_kept: id, type, paragraphs, the facts row as JSON text


def default_folder(root: Path) -> Path:
    """The cache folder of the corpus at ``root``."""
    absolute = Path(os.path.abspath(root))
    tag = hashlib.blake2b(os.fsencode(absolute), digest_size=6).hexdigest()
    return absolute.parent / FOLDER / f"{absolute.name}-{tag}"


def checksum(body: bytes) -> bytes:
    """The first line of a cache file: a checksum of the rest. SHA-256, which this machine's
    CPUs compute in hardware: a third of BLAKE2b's time over the 7 MB of records that every
    run at 10,000 entries reads."""
    return hashlib.sha256(body).hexdigest().encode()


def _digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def _files_under(folder: Path) -> list[Path]:
    out = []
    for dirpath, dirnames, filenames in os.walk(folder):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        out += [Path(dirpath) / f for f in sorted(filenames) if not f.endswith((".pyc", ".pyo"))]
    return out


def cache_key(root: Path) -> str:
    """What every record depends on beside its own file (see the module's docstring)."""
    h = hashlib.blake2b(digest_size=20)

    def add(label: str, data: bytes) -> None:
        h.update(f"{label}\0{len(data)}\0".encode("utf-8", "surrogateescape"))
        h.update(data)

    def add_file(label: str, path: Path) -> None:
        try:
            add(label, path.read_bytes())
        except OSError as exc:
            add(label, f"unreadable: {exc.errno}".encode())

    add("format", FORMAT.encode())
    add("version", indexer.__version__.encode())
    add("python", sys.version.encode())
    package = Path(indexer.__file__).parent
    for sub in CODE_PACKAGES:
        for path in _files_under(package / sub):
            add_file(f"code:{path.relative_to(package).as_posix()}", path)
    for name in CODE_MODULES:
        add_file(f"code:{name}", package / name)
    for name in LIBRARIES:
        try:
            spec = importlib.util.find_spec(name)
        except (ImportError, ValueError):
            spec = None
        where = spec.origin if spec is not None and spec.origin else ""
        stamp = ""
        for place in (where, os.path.dirname(where)) if where else ():
            try:
                st = os.stat(place)
                stamp += f"{place}:{st.st_size}:{st.st_mtime_ns};"
            except OSError:
                stamp += f"{place}:missing;"
        add(f"library:{name}", stamp.encode("utf-8", "surrogateescape"))
    root = Path(root)
    for name in CORPUS_DATA:
        data = root / name
        if data.is_dir():
            for item in _files_under(data):
                add_file(f"corpus:{item.relative_to(root).as_posix()}", item)
        elif data.exists():
            add_file(f"corpus:{name}", data)
        else:
            add(f"corpus:{name}", b"missing")
    add("root", os.fsencode(os.path.abspath(root)))
    add("env:TIPKB_SITE_URL", os.environ.get("TIPKB_SITE_URL", "").encode("utf-8",
                                                                         "surrogateescape"))
    return h.hexdigest()


def file_stamp(name: str, dir_fd: int) -> list[int]:
    """Size, modification and change times (ns) and inode of a file, not following links."""
    st = os.stat(name, dir_fd=dir_fd, follow_symlinks=False)
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


@functools.cache
def _stored_document() -> type[StoredDocument]:
    """indexer.search.documents.StoredDocument, imported once (``document`` makes one per
    unchanged entry: an import statement there cost more than the rest of the call)."""
    from indexer.search.documents import StoredDocument

    return StoredDocument


def _today() -> str:
    return time.strftime("%Y-%m-%d")


def _shard_of(name: str, shards: int) -> int:
    return zlib.crc32(name.encode("utf-8", "surrogateescape")) % shards


def _shard_count(files: int, current: int) -> int:
    ideal = 1
    while ideal < MAX_SHARDS and ideal * PER_SHARD < files:
        ideal *= 2
    if current and ideal // 4 <= current <= ideal * 4:
        return current  # no reshuffle for a corpus that grows or shrinks a little
    return ideal


def _valid_problem(row: Any) -> bool:
    return (isinstance(row, list) and len(row) == 6
            and all(isinstance(v, int) and not isinstance(v, bool) for v in row[:2])
            and all(isinstance(v, str) for v in row[2:]))


def _sound(row: Any, doc: Any) -> bool:
    """Whether a record's facts row and document reference have their shape (the rest of the
    row is read when needed: indexer.corpus.scope)."""
    return (row is None or type(row) is list and len(row) == KEPT_SIZE
            and type(row[0]) is str and type(row[1]) is str and type(row[3]) is str) \
        and (doc is None or type(doc) is list and len(doc) == 2)


@dataclass(slots=True)
class Lookup:
    """A file as the cache found it: its verdict (None: read and check the file) and what was
    learnt on the way (its stamp, and its bytes and their hash if they had to be read)."""

    result: FileResult | None
    stamp: list[int] | None = None
    raw: bytes | None = None
    digest: str | None = None
    record: list | None = None  # the file's record as loaded (for a file read: the old one)

    @property
    def row(self) -> list | None:
        """The kept facts of a file found unchanged (EntryFacts.to_kept); None for a file that
        is not an entry."""
        return self.record[FACTS] if self.record is not None else None


@dataclass
class PlanSnapshot:
    """What the Plan's files and corpus.yaml gave: the Plan, the problems of corpus.yaml and
    the views of ``facts.PLAN_VIEWS`` (which paragraphs name which entry, the asks, the
    problems of the Plan's data files)."""

    plan: Plan
    problems: list[Problem]
    views: dict[str, Any]


def _problem_rows(root: Path, problems: list[Problem]) -> list[list] | None:
    """Problems of files under ``root``, their paths relative to it; None for another path."""
    rows = []
    base = os.path.abspath(root)
    for p in problems:
        where = os.path.relpath(os.path.abspath(p.path), base)
        if where.startswith(".."):
            return None
        rows.append([where, p.line, p.col, p.code, p.level, p.message, p.tip])
    return rows


def _problems(root: Path, rows: list) -> list[Problem]:
    if not isinstance(rows, list) or not all(isinstance(r, list) and len(r) == 7
                                             and isinstance(r[0], str) and _valid_problem(r[1:])
                                             for r in rows):
        raise ValueError("not a list of problems")
    return [Problem(relative(root / where), line, code, message, level, tip, col)
            for where, line, col, code, level, message, tip in rows]


def _plan_to_json(plan: Plan) -> dict:
    return {"paragraphs": [[p.key, p.part, p.number, p.section, p.text_zh,
                            [[c.number, c.offset] for c in p.calls], p.text_en, p.line]
                           for p in plan.paragraphs.values()],
            "footnotes": [[f.number, f.text_zh, f.text_en, f.called_by]
                          for f in plan.footnotes.values()]}


def _plan_from_json(data: dict) -> Plan:
    from indexer.corpus.plan import Footnote, FootnoteCall, Paragraph, Plan

    paragraphs = {}
    for key, part, number, section, text_zh, calls, text_en, line in data["paragraphs"]:
        paragraphs[key] = Paragraph(key, part, number, section, text_zh,
                                    [FootnoteCall(n, offset) for n, offset in calls],
                                    text_en, line)
    footnotes = {number: Footnote(number, text_zh, text_en, list(called_by))
                 for number, text_zh, text_en, called_by in data["footnotes"]}
    return Plan(paragraphs, footnotes)


def _views_to_json(root: Path, views: dict[str, Any]) -> dict | None:
    asks, asks_problems = views["asks-read"]
    out: dict[str, Any] = {"asks": {"by_para": {para: [[a.id, a.para, a.addressee, a.who, a.verb, a.verb_zh,
                                        a.what, a.zh] for a in items]
                                for para, items in asks.by_para.items()},
                    "notes": asks.notes},
           "named": {eid: sorted(paras) for eid, paras in views["named"].items()}}
    for name, problems in (("asks-problems", asks_problems),
                           ("mentions-problems", views["mentions-problems"]),
                           ("english-problems", views["english-problems"])):
        rows = _problem_rows(root, problems)
        if rows is None:
            return None
        out[name] = rows
    return out


def _views_from_json(root: Path, data: dict) -> dict[str, Any]:
    from indexer.corpus.asks import Ask, Asks

    asks = Asks({para: [Ask(*row) for row in items]
                 for para, items in data["asks"]["by_para"].items()},
                dict(data["asks"]["notes"]))
    return {"asks-read": (asks, _problems(root, data["asks-problems"])),
            "mentions-problems": _problems(root, data["mentions-problems"]),
            "english-problems": _problems(root, data["english-problems"]),
            "named": {eid: set(paras) for eid, paras in data["named"].items()}}


class CorpusCache:
    """One run's use of the cache of one corpus: ``lookup`` and ``store`` each entry file,
    then ``save`` and ``close``. Open it with ``CorpusCache.open``."""

    def __init__(self, root: Path, folder: Path, key: str):
        self.root = root
        self.folder = folder
        self.key = key
        self.records: dict[str, list] = {}
        self.shards = 0  # as loaded; 0: nothing usable was loaded
        self.loaded_shards = 0  # the layout of the document files the records point into
        self.seal: dict[str, list[int]] = {}
        self.damaged: set[int] = set()  # shards that could not be used
        self.members: dict[int, set[str]] = {}  # shard -> names of its records as loaded
        self.seen: set[str] = set()
        self.changed: set[str] = set()
        self.new_docs: dict[str, tuple[str, dict]] = {}
        self.docs: dict[int, dict] = {}  # document shards read so far
        self.new_plan: dict | None = None  # the Plan's snapshot to write
        self.started_ns = time.time_ns()
        self.today = _today()
        self._lock: int | None = None
        self.writable = False

    # --- opening ------------------------------------------------------------------------

    @classmethod
    def open(cls, root: Path, folder: Path | None = None) -> CorpusCache | None:
        """The cache of ``root`` (in ``folder``, default ``default_folder(root)``), locked for
        this run; read-only if it cannot be written or another run holds it too long; None
        if there is none to read and none can be made."""
        root = Path(root)
        folder = Path(folder) if folder is not None else default_folder(root)
        cache = cls(root, folder, cache_key(root))
        try:
            cache._make_folder()
            cache._lock = cache._take_lock()
            cache.writable = cache._lock is not None
        except OSError:
            if not folder.is_dir():
                return None
        cache._load()
        return cache

    def _make_folder(self) -> None:
        top = self.folder.parent
        fresh = not top.is_dir()
        self.folder.mkdir(parents=True, exist_ok=True)
        if fresh or not (top / ".gitignore").exists():
            write_atomic(top / ".gitignore", "# the tipkb corpus cache: safe to delete\n*\n")
            write_atomic(top / "CACHEDIR.TAG", CACHEDIR_TAG)

    def _take_lock(self) -> int | None:
        fd = os.open(self.folder / ".lock", os.O_RDWR | os.O_CREAT, 0o666)
        deadline = time.monotonic() + LOCK_WAIT
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                return fd
            except BlockingIOError:
                if time.monotonic() > deadline:
                    os.close(fd)
                    return None  # another run holds it: read what is there, write nothing
                time.sleep(0.05)

    def close(self) -> None:
        if self._lock is not None:
            os.close(self._lock)  # releases the lock
            self._lock = None
        self.writable = False

    def _read_checked(self, path: Path) -> dict | None:
        """The payload of a cache file if its checksum, format and key are right; else None."""
        try:
            with open(path, "rb") as fh:
                data = fh.read(MAX_FILE + 1)
        except OSError:
            return None
        head, sep, body = data.partition(b"\n")
        if not sep or len(data) > MAX_FILE or head != checksum(body):
            return None
        try:
            payload = jsonio.loads(body)
        except (ValueError, RecursionError):
            return None
        if not isinstance(payload, dict) or payload.get("format") != FORMAT \
                or payload.get("key") != self.key:
            return None
        return payload

    def _write_checked(self, path: Path, payload: dict) -> list[int]:
        body = jsonio.dumps({"format": FORMAT, "key": self.key, **payload})
        write_atomic(path, checksum(body) + b"\n" + body)
        st = os.stat(path)
        return [st.st_ino, st.st_ctime_ns, st.st_size]

    def _load(self) -> None:
        seal = self._read_checked(self.folder / SEAL)
        shards = seal.get("shards") if seal else None
        files = seal.get("files") if seal else None
        if not isinstance(shards, int) or not 1 <= shards <= MAX_SHARDS \
                or not isinstance(files, dict):
            return
        self.shards = self.loaded_shards = shards
        sealed_plan = files.get(PLAN_FILE)
        if sealed_plan is not None:
            self.seal[PLAN_FILE] = sealed_plan
        for i in range(shards):
            name = f"facts-{i:02d}.json"
            sealed = files.get(name)
            try:
                st = os.stat(self.folder / name)
            except OSError:
                st = None
            if sealed is None and st is None:
                continue  # an empty shard
            if st is None or sealed != [st.st_ino, st.st_ctime_ns, st.st_size]:
                self.damaged.add(i)  # not the file this program wrote
                continue
            payload = self._read_checked(self.folder / name)
            rows = payload.get("records") if payload else None
            if not payload or payload.get("shards") != shards or payload.get("shard") != i \
                    or not isinstance(rows, list):
                self.damaged.add(i)
                continue
            self.seal[name] = sealed
            members = self.members[i] = set()
            for row in rows:
                if type(row) is list and len(row) == RECORD_SIZE and type(row[NAME]) is str \
                        and _shard_of(row[NAME], shards) == i:
                    if _sound(row[FACTS], row[DOC]):
                        self.records[row[NAME]] = row
                        members.add(row[NAME])
                    else:  # not a record this program wrote: read the file, rewrite the shard
                        self.changed.add(row[NAME])

    # --- the Plan -----------------------------------------------------------------------

    def plan_snapshot(self) -> PlanSnapshot | None:
        """The Plan and its views as a previous run under the same key left them, if sealed."""
        sealed = self.seal.get(PLAN_FILE)
        try:
            st = os.stat(self.folder / PLAN_FILE)
        except OSError:
            return None
        if sealed != [st.st_ino, st.st_ctime_ns, st.st_size]:
            return None
        payload = self._read_checked(self.folder / PLAN_FILE)
        if payload is None:
            return None
        try:
            return PlanSnapshot(_plan_from_json(payload["plan"]),
                                _problems(self.root, payload["problems"]),
                                _views_from_json(self.root, payload["views"]))
        except (KeyError, TypeError, ValueError, AttributeError):
            return None

    def keep_plan(self, plan: Plan, problems: list[Problem], derived: dict) -> None:
        """Keep the Plan, the problems of corpus.yaml and the views a run computed (all of
        ``facts.PLAN_VIEWS``; if one is missing, nothing is kept)."""
        if not all(key in derived for key in PLAN_VIEWS):
            return
        rows = _problem_rows(self.root, problems)
        views = _views_to_json(self.root, {key: derived[key] for key in PLAN_VIEWS})
        if rows is not None and views is not None:
            self.new_plan = {"plan": _plan_to_json(plan), "problems": rows, "views": views}

    # --- one file -----------------------------------------------------------------------

    def lookup_all(self, names: list[str], documents: bool = False) -> list[Lookup | list]:
        """For each entry file (by name, in the entries folder): its record (a list) if the
        file has not changed and the record's verdict holds as it is (no problem kept, no
        date, and, if ``documents``, its search document kept): the common case, found in
        one loop without a call per file; else a Lookup with the file's verdict if the cache
        can still give it, or what is needed to read it."""
        folder = self.root / "entries"
        try:
            fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        except OSError:
            return [Lookup(None) for _ in names]
        records, seen, stat = self.records, self.seen, os.stat
        out: list[Lookup | list] = []
        try:
            for name in names:
                rec = records.get(name)
                if rec is not None and not rec[RACY] and not rec[PROBLEMS] \
                        and rec[CHANGES_ON] is None \
                        and (not documents or rec[DOC] is not None or rec[FACTS] is None):
                    try:
                        st = stat(name, dir_fd=fd, follow_symlinks=False)
                    except OSError:
                        st = None
                    if st is not None and rec[STAMP] == [st.st_size, st.st_mtime_ns,
                                                         st.st_ctime_ns, st.st_ino]:
                        seen.add(name)
                        out.append(rec)
                        continue
                out.append(self._lookup(folder, fd, name, documents))
        finally:
            os.close(fd)
        return out

    def _lookup(self, folder: Path, fd: int, name: str, documents: bool) -> Lookup:
        self.seen.add(name)
        try:
            stamp = file_stamp(name, fd)
        except OSError:
            return Lookup(None)
        rec = self.records.get(name)
        result = None
        if rec is None or not self._usable(rec, documents):
            look = self._read(folder / name, stamp, None)
        elif rec[STAMP] == stamp and not rec[RACY] \
                and (result := self._result(folder, name, rec)) is not None:
            look = Lookup(result, stamp)
        else:
            look = self._read(folder / name, stamp, rec)
        look.record = rec if self.records.get(name) is rec else None  # None: not ours
        return look

    def _read(self, path: Path, stamp: list[int], rec: list | None) -> Lookup:
        """Read the file's bytes: if they are what the record was made from, its verdict."""
        from indexer.corpus.frontmatter import FrontMatterError, read_bytes

        try:
            raw = read_bytes(path)
        except FrontMatterError:
            return Lookup(None, stamp)  # the reader says why; nothing is kept
        digest = _digest(raw)
        if rec is not None and rec[HASH] == digest:
            result = self._result(path.parent, path.name, rec)
            if result is not None:
                racy = self._racy(stamp)
                if rec[STAMP] != stamp or rec[RACY] != racy:
                    rec[STAMP], rec[RACY] = stamp, racy
                    self.changed.add(path.name)
                return Lookup(result, stamp, raw, digest)
        return Lookup(None, stamp, raw, digest)

    def _usable(self, rec: list, documents: bool) -> bool:
        changes_on = rec[CHANGES_ON]
        if changes_on is not None and (not isinstance(changes_on, str) or self.today >= changes_on):
            return False
        return not documents or rec[FACTS] is None or rec[DOC] is not None

    def _racy(self, stamp: list[int]) -> bool:
        return max(stamp[1], stamp[2]) >= self.started_ns - RACY_NS

    def _result(self, folder: Path, name: str, rec: list) -> FileResult | None:
        try:
            rows = rec[PROBLEMS]
            problems = []
            if rows:
                if not isinstance(rows, list) or not all(_valid_problem(r) for r in rows):
                    raise ValueError("not a list of problems")
                shown = relative(folder / name)
                problems = [Problem(shown, line, code, message, level, tip, col)
                            for line, col, code, level, message, tip in rows]
            if not _sound(rec[FACTS], rec[DOC]):
                raise ValueError("not a facts row or a document reference")
        except (TypeError, ValueError, IndexError):
            self.records.pop(name, None)  # not a record this program wrote: read the file
            self.changed.add(name)
            return None
        return FileResult(problems, None, None, rec[CHANGES_ON])

    def store(self, name: str, look: Lookup, result: FileResult) -> None:
        """Keep what reading the file ``name`` gave (unless it cannot be trusted to stay
        true)."""
        from indexer.search.documents import document_hash

        self.changed.add(name)
        shown = relative(self.root / "entries" / name) if result.problems else ""
        if look.stamp is None or look.digest is None or any(
                p.path != shown or p.code in UNCACHED_CODES for p in result.problems):
            self.records.pop(name, None)
            return
        doc = None
        if result.document is not None:
            doc_hash = document_hash(result.document)
            doc = [doc_hash, str(result.document.get("title", ""))]
            self.new_docs[name] = (doc_hash, result.document)
        self.records[name] = [
            name, look.stamp, self._racy(look.stamp), look.digest,
            [[p.line, p.col, p.code, p.level, p.message, p.tip] for p in result.problems],
            result.facts.to_kept() if result.facts is not None else None,
            result.changes_on, doc, None, None]

    def document(self, name: str, eid: str, source: DocumentSource) -> StoredDocument:
        """The stored search document of a file found unchanged (entry ``eid``), read when a
        build needs it through ``source`` (which asks ``stored_document``, else reads the file
        again)."""
        doc_hash, title = self.records[name][DOC]
        return _stored_document()(f"entry:{eid}", title, doc_hash, source, name)

    # --- the corpus-wide verdict ---------------------------------------------------------

    def keep_corpus(self, name: str, problems: list[Problem] | None,
                    keys: list[str] | None) -> None:
        """Keep the corpus-wide rules' verdict on the file ``name`` (None: not known) and the
        keys they link it to other files by."""
        rec = self.records.get(name)
        if rec is None:
            return
        rows = None if problems is None else [[p.line, p.col, p.code, p.level, p.message, p.tip]
                                              for p in problems]
        if rec[CORPUS] != rows or rec[KEYS] != keys:
            rec[CORPUS], rec[KEYS] = rows, keys
            self.changed.add(name)

    def corpus_problems(self, record: list, shown: str) -> list[Problem]:
        """The kept corpus-wide problems of a record, on the path ``shown``; ValueError if it
        keeps none."""
        rows = record[CORPUS]
        if not isinstance(rows, list) or not all(_valid_problem(r) for r in rows):
            raise ValueError("no corpus-wide verdict kept")
        return [Problem(shown, line, code, message, level, tip, col)
                for line, col, code, level, message, tip in rows]

    def stored_document(self, name: str, doc_hash: str) -> dict | None:
        """The document kept for the file ``name`` under ``doc_hash``, if the cache has it."""
        return self._stored_doc(name, doc_hash, self.loaded_shards)

    def _docs_shard(self, i: int, shards: int) -> dict:
        if i not in self.docs:
            payload = self._read_checked(self.folder / f"docs-{i:02d}.json")
            docs = payload.get("docs") if payload else None
            ok = payload is not None and payload.get("shards") == shards \
                and payload.get("shard") == i and isinstance(docs, dict)
            self.docs[i] = docs if ok and isinstance(docs, dict) else {}
        return self.docs[i]

    def _stored_doc(self, name: str, doc_hash: str, shards: int) -> dict | None:
        if not shards:
            return None
        item = self._docs_shard(_shard_of(name, shards), shards).get(name)
        if isinstance(item, list) and len(item) == 2 and item[0] == doc_hash \
                and isinstance(item[1], dict):
            return item[1]
        return None

    # --- saving -------------------------------------------------------------------------

    def save(self) -> None:
        """Write what changed: records of files gone are dropped. Never raises for a folder
        that cannot be written (the next run reads those files again)."""
        if not self.writable:
            return
        for name in set(self.records) - self.seen:
            del self.records[name]
            self.changed.add(name)
        shards = _shard_count(len(self.records), self.shards)
        if not self.changed and not self.damaged and shards == self.shards \
                and self.new_plan is None:
            return
        with contextlib.suppress(OSError):  # a full disk, a read-only folder: the next run
            self._write(shards)  # reads again what it finds unsealed

    def _names_by_shard(self, shards: int, reshard: bool,
                        changed_in: dict[int, set[str]]) -> dict[int, list[str]]:
        """The names of the records of each shard: every shard after a reshard; else those
        that changed and those loaded with them (``members``), without hashing every name."""
        records = self.records
        by_shard: dict[int, list[str]] = {}
        if reshard:
            for name in records:
                by_shard.setdefault(_shard_of(name, shards), []).append(name)
            self.members = {}
            return by_shard
        for i in set(changed_in) | self.damaged | {_shard_of(n, shards) for n in self.new_docs}:
            names = self.members.get(i, set()) | changed_in.get(i, set())
            by_shard[i] = [n for n in names if n in records]
        return by_shard

    def _write(self, shards: int) -> None:
        reshard = shards != self.shards
        changed_in: dict[int, set[str]] = {}
        for name in self.changed:
            changed_in.setdefault(_shard_of(name, shards), set()).add(name)
        dirty = set(range(shards)) if reshard else set(changed_in) | self.damaged
        by_shard = self._names_by_shard(shards, reshard, changed_in)
        # documents first: a record keeps its document reference only if the document is kept
        doc_shards = set(range(shards)) if reshard else \
            {_shard_of(n, shards) for n in self.new_docs}
        for i in sorted(doc_shards):
            old = {} if reshard else self._docs_shard(i, shards)
            kept: dict[str, list] = {}
            for name in by_shard.get(i, []):
                rec = self.records[name]
                if rec[DOC] is None:
                    continue
                new = self.new_docs.get(name)
                if new is not None and new[0] == rec[DOC][0]:
                    kept[name] = [new[0], new[1]]
                elif isinstance(old.get(name), list) and old[name][0] == rec[DOC][0]:
                    kept[name] = old[name]
                else:
                    rec[DOC] = None  # read the file again when a build needs its document
                    dirty.add(i)
            path = self.folder / f"docs-{i:02d}.json"
            if kept:
                self._write_checked(path, {"shards": shards, "shard": i, "docs": kept})
            else:
                path.unlink(missing_ok=True)
            self.docs[i] = kept
        seal = {k: v for k, v in self.seal.items() if not reshard or k == PLAN_FILE}
        if self.new_plan is not None:
            seal[PLAN_FILE] = self._write_checked(self.folder / PLAN_FILE, self.new_plan)
            self.new_plan = None
        for i in sorted(dirty):
            name = f"facts-{i:02d}.json"
            rows = [self.records[n] for n in sorted(by_shard.get(i, []))]
            seal.pop(name, None)
            if rows:
                seal[name] = self._write_checked(self.folder / name,
                                                 {"shards": shards, "shard": i, "records": rows})
            else:
                (self.folder / name).unlink(missing_ok=True)
            self.members[i] = set(by_shard.get(i, []))
        for stale in self.folder.glob("*-*.json"):
            kind, _, rest = stale.stem.partition("-")
            if kind in ("facts", "docs") and (not rest.isdigit() or int(rest) >= shards):
                stale.unlink(missing_ok=True)
        self._write_checked(self.folder / SEAL, {"shards": shards, "files": seal})
        self.shards, self.seal, self.damaged = shards, seal, set()
        self.changed.clear()
        self.new_docs.clear()
