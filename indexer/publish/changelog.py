"""What changed in the corpus between two states: entries added, corrected, removed, renamed.

A state is a corpus folder or a git commit (a tag such as ``v1.0.0``, a branch, a hash). Old
states may follow an older schema, so an entry is read here only as what it is written as (its
front matter and its body), never through the current validator: any past state can be
compared. The result is a section of CHANGELOG.md, one line per entry, by id and title.

An entry counts as corrected when its front matter or its text changed; a change of
``last_reviewed`` alone is a review, not a correction. The section says, in words, which parts
of each corrected entry changed. Renamed ids come from the ``renamed`` map of the new state's
corpus.yaml (old id -> new id).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from indexer.corpus.frontmatter import FrontMatterError, decode, parse, parse_yaml, read_bytes
from indexer.publish.dates import long_date_or_text
from indexer.publish.mdtext import md_text

ENTRIES = "entries"
MANIFEST = "corpus.yaml"
# Front matter keys, grouped under the words a reader of the changelog understands.
PARTS = {
    "names": ("title", "short_title", "aliases"),
    "Chinese names and summary": ("title_zh", "title_zh_project", "cited_as_zh", "summary_zh"),
    "type and region": ("type", "region", "subregion"),
    "dates and facts": ("adopted", "opened_for_signature", "in_force", "adopted_by", "issuer",
                        "place", "status", "status_since"),
    "citation": ("citation", "case"),
    "official address": ("url",),
    "links to the Plan": ("plan_refs",),
    "links to other entries": ("related",),
    "provisions": ("provisions",),
    "sources": ("sources",),
    "review notes": ("review_notes", "unverified"),
}
IGNORED = {"id", "last_reviewed"}  # the id is the file; a new review date alone is no correction


class StateError(Exception):
    """A state that cannot be read (no such folder or commit): a one-line reason."""


@dataclass(frozen=True)
class Snapshot:
    """One entry as a state stores it."""

    id: str
    title: str
    data: dict[str, Any]
    body: str
    readable: bool = True  # False: the file is not a readable entry (shown by its id)


@dataclass
class State:
    name: str  # what the changelog calls it: a folder, or "v1.0.0 (commit 1a2b3c4)"
    entries: dict[str, Snapshot]
    manifest: dict[str, Any] = field(default_factory=dict)  # corpus.yaml, as written

    @property
    def renamed(self) -> dict[str, str]:
        value = self.manifest.get("renamed")
        if not isinstance(value, dict):
            return {}
        return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def _snapshot(stem: str, raw: bytes) -> Snapshot:
    try:
        doc = parse(decode(raw), Path(f"{stem}.md"))
    except FrontMatterError:
        return Snapshot(stem, stem, {}, "", readable=False)
    data = doc.data
    eid, title = data.get("id"), data.get("title")
    eid = eid if isinstance(eid, str) and eid else stem
    title = title if isinstance(title, str) and title else eid
    return Snapshot(eid, title, data, doc.body)


def _manifest(raw: bytes | None) -> dict[str, Any]:
    if raw is None:
        return {}
    try:
        data, _, _ = parse_yaml(decode(raw))
    except FrontMatterError:
        return {}
    return data if isinstance(data, dict) else {}


def read_folder(folder: Path) -> State:
    """The state of a corpus folder (the folder with entries/, or entries/ itself)."""
    folder = Path(folder)
    root = folder.parent if folder.name == ENTRIES and not (folder / ENTRIES).is_dir() else folder
    entries_dir = root / ENTRIES
    if not entries_dir.is_dir():
        raise StateError(f"{folder} is not a corpus folder (it has no {ENTRIES}/ folder)")
    entries: dict[str, Snapshot] = {}
    for path in sorted(entries_dir.glob("*.md")):
        try:
            raw = read_bytes(path)
        except FrontMatterError:
            raw = b""
        snap = _snapshot(path.stem, raw)
        entries[snap.id] = snap
    manifest_path = root / MANIFEST
    raw_manifest = manifest_path.read_bytes() if manifest_path.is_file() else None
    return State(str(folder), entries, _manifest(raw_manifest))


def _git(repo: Path, *args: str, data: bytes | None = None) -> bytes:
    try:
        proc = subprocess.run(["git", "-C", str(repo), *args], input=data, capture_output=True,
                              timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise StateError(f"git could not be run ({exc})") from None
    if proc.returncode != 0:
        reason = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise StateError(f"git {args[0]}: {reason[-1] if reason else 'failed'}")
    return proc.stdout


def read_git(repo: Path, ref: str, corpus: str = "corpus") -> State:
    """The state of the corpus folder ``corpus`` (a path inside the repository) at ``ref``."""
    if not ref or ref.startswith("-"):
        raise StateError(f"{ref!r} is not a git reference")
    try:
        sha = _git(repo, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").decode().strip()
    except StateError:
        raise StateError(f"no folder and no git commit '{ref}'") from None
    prefix = corpus.strip("/") + "/" if corpus.strip("/") not in ("", ".") else ""
    listing = _git(repo, "ls-tree", "-r", "-z", "--name-only", sha, "--",
                   f"{prefix}{ENTRIES}/", f"{prefix}{MANIFEST}")
    paths = [p.decode("utf-8", "replace") for p in listing.split(b"\0") if p]
    blobs = _cat(repo, sha, paths)
    entries: dict[str, Snapshot] = {}
    for path in sorted(paths):
        if path.startswith(f"{prefix}{ENTRIES}/") and path.endswith(".md") \
                and "/" not in path[len(prefix) + len(ENTRIES) + 1:]:
            snap = _snapshot(Path(path).stem, blobs[path])
            entries[snap.id] = snap
    name = f"commit {sha[:7]}" if sha.startswith(ref) else f"{ref} (commit {sha[:7]})"
    return State(name, entries, _manifest(blobs.get(f"{prefix}{MANIFEST}")))


def _cat(repo: Path, sha: str, paths: list[str]) -> dict[str, bytes]:
    """The contents of ``paths`` at commit ``sha``, in one `git cat-file --batch`."""
    if not paths:
        return {}
    out = _git(repo, "cat-file", "--batch", data="".join(f"{sha}:{p}\n" for p in paths).encode())
    blobs: dict[str, bytes] = {}
    pos = 0
    for path in paths:
        end = out.index(b"\n", pos)
        header = out[pos:end].split()
        if len(header) != 3:  # "<object> missing"
            pos = end + 1
            continue
        size = int(header[2])
        blobs[path] = out[end + 1 : end + 1 + size]
        pos = end + 1 + size + 1
    return blobs


def read_state(spec: str, repo: Path, corpus_in_repo: str = "corpus") -> State:
    """A folder if ``spec`` names one, else a git reference in ``repo``."""
    path = Path(spec)
    if path.is_dir():
        return read_folder(path)
    return read_git(repo, spec, corpus_in_repo)


# ------------------------------------------------------------------ comparing


@dataclass
class Changes:
    old: State
    new: State
    added: list[Snapshot] = field(default_factory=list)
    corrected: list[tuple[Snapshot, list[str]]] = field(default_factory=list)
    removed: list[Snapshot] = field(default_factory=list)
    renamed: list[tuple[Snapshot, Snapshot, list[str]]] = field(default_factory=list)


def _normal(value: Any) -> Any:
    """A value compared for meaning, not layout: strings with their runs of spaces folded."""
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, dict):
        return {k: _normal(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normal(v) for v in value]
    return value


def what_changed(old: Snapshot, new: Snapshot) -> list[str]:
    """The parts of an entry that differ, in words ('sources', 'text'); [] if none."""
    if not (old.readable and new.readable):
        return ["the whole entry"] if old.readable != new.readable or old != new else []
    keys = (set(old.data) | set(new.data)) - IGNORED
    differ = {k for k in keys if _normal(old.data.get(k)) != _normal(new.data.get(k))}
    parts = [words for words, fields in PARTS.items() if differ & set(fields)]
    known = {f for fields in PARTS.values() for f in fields}
    if differ - known:
        parts.append("other facts")
    if _normal(old.body) != _normal(new.body):
        parts.append("text")
    return parts


def compare(old: State, new: State) -> Changes:
    changes = Changes(old, new)
    renamed = {o: n for o, n in new.renamed.items() if o in old.entries and n in new.entries
               and o not in new.entries}
    for eid, snap in sorted(new.entries.items()):
        if eid in old.entries:
            if parts := what_changed(old.entries[eid], snap):
                changes.corrected.append((snap, parts))
        elif eid not in renamed.values():
            changes.added.append(snap)
    for eid, snap in sorted(old.entries.items()):
        if eid in renamed:
            new_snap = new.entries[renamed[eid]]
            changes.renamed.append((snap, new_snap, what_changed(snap, new_snap)))
        elif eid not in new.entries:
            changes.removed.append(snap)
    return changes


# ------------------------------------------------------------------ the changelog section

def _line(snap: Snapshot, parts: list[str] | None = None) -> str:
    text = f"- `{snap.id}`: {md_text(snap.title)}"
    return text + (f" ({', '.join(parts)})" if parts else "")


def section(changes: Changes, version: str | None = None, released: str | None = None) -> str:
    """The CHANGELOG.md section of a release; version and date default to the new state's
    corpus.yaml."""
    version = version or str(changes.new.manifest.get("version") or "Unreleased")
    released = released or (str(changes.new.manifest["released"])
                            if changes.new.manifest.get("released") else None)
    head = f"## {version}" + (f" ({released})" if released else "")
    n = len(changes.added)
    counts = [f"{n} {'entry' if n == 1 else 'entries'} added",
              f"{len(changes.corrected)} corrected", f"{len(changes.removed)} removed"]
    if changes.renamed:
        counts.append(f"{len(changes.renamed)} renamed")
    date = f", {long_date_or_text(released)}" if released else ""
    out = [head, "", f"Corpus version {version}{date}, compared with {md_text(changes.old.name)}: "
           + ", ".join(counts) + ".", ""]
    groups: list[tuple[str, list[str]]] = [
        ("Entries added", [_line(s) for s in changes.added]),
        ("Entries corrected", [_line(s, parts) for s, parts in changes.corrected]),
        ("Entries removed", [_line(s) for s in changes.removed]),
    ]
    if changes.renamed:
        groups.append(("Entries renamed", [
            f"- `{old.id}` is now `{new.id}`: {md_text(new.title)}"
            + (f" ({', '.join(parts)})" if parts else "")
            for old, new, parts in changes.renamed]))
    for title, lines in groups:
        out += [f"### {title}", "", *(lines or ["None."]), ""]
    return "\n".join(out).rstrip() + "\n"
