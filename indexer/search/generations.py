"""The index folder on disk: generations, the pointer to the current one, the build lock and
each generation's manifest (no search engine here).

    INDEX/CURRENT            name of the current generation (replaced atomically)
    INDEX/gen-<stamp>/       a complete index + manifest.json and the files beside it
    INDEX/.tmp-<...>/        a build in progress (removed by the next build if it was killed)
    INDEX/.lock              held by the one build that may run at a time

A build writes a new generation beside the current one, then swaps the pointer. Readers open
whatever generation the pointer names; the previous generation is kept until the next build so
that a reader that has just read the pointer can still open it.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from indexer import jsonio
from indexer.files import write_atomic

CURRENT = "CURRENT"
MANIFEST = "manifest.json"


class IndexNotFound(Exception):
    """No usable index: the message says why, in one line, and what to run."""


class IndexDamaged(IndexNotFound):
    """A generation whose files do not match its manifest (truncated, garbled, missing)."""


class IndexOutdated(IndexNotFound):
    """A generation written by another version of the engine (another schema or analysis)."""


def read_json(path: Path, default):
    try:
        return jsonio.loads(Path(path).read_bytes())
    except (FileNotFoundError, ValueError):
        return default


def read_manifest(folder: Path) -> dict:
    """The manifest of the generation at ``folder``, or {"error": why} if it cannot be
    read."""
    try:
        manifest = jsonio.loads((folder / MANIFEST).read_bytes())
    except (OSError, ValueError) as exc:
        return {"error": type(exc).__name__}
    return manifest if isinstance(manifest, dict) else {"error": "not an object"}


def _stamp(st: os.stat_result) -> list[int]:
    """What changes whenever a file's bytes change: its inode, size, modification and change
    times. The change time cannot be set back by a program (os.utime moves it forward), so a
    file whose stamp is the one its manifest recorded has not been written since."""
    return [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns]


def _digest(path: Path) -> str:
    return hashlib.blake2b(path.read_bytes(), digest_size=16).hexdigest()


class Verified(dict):
    """(inode, size, mtime) -> checksum of the files a check found intact, so that the next
    manifest hashes only what was written since (a hard link changes the change time only).
    ``restamped``: how many files a check had to hash because their stamp was not the recorded
    one, and found intact (a copied or restored index)."""

    restamped = 0

    def remember(self, stamp: list[int], digest: str) -> None:
        self[tuple(stamp[:3])] = digest

    def known(self, stamp: list[int]) -> str | None:
        return self.get(tuple(stamp[:3]))


def file_sums(folder: Path, verified: Verified | None = None) -> dict[str, list]:
    """name -> [size, blake2b, inode, size, mtime_ns, ctime_ns] of every file of a generation
    but its manifest. Files that ``verified`` vouches for (hard links to checked files of the
    previous generation) are not read again."""
    out = {}
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.name != MANIFEST:
            stamp = _stamp(path.stat())
            digest = (verified.known(stamp) if verified else None) or _digest(path)
            out[path.name] = [stamp[1], digest, *stamp]
    return out


def write_manifest(folder: Path, engine: str, docs: dict[str, str],
                   verified: Verified | None = None) -> None:
    """Last file of a generation: the engine version, document hashes and the checksums of
    everything else, so that damage is noticed."""
    write_atomic(folder / MANIFEST, jsonio.dumps(
        {"engine": engine, "docs": docs, "files": file_sums(folder, verified)},
        sort_keys=True))


def check_generation(folder: Path, engine: str, thorough: bool = True,
                     verified: Verified | None = None,
                     manifest: dict | None = None) -> IndexNotFound | None:
    """Why the generation at ``folder`` cannot be used (an exception to raise), or None.
    Sizes only unless ``thorough``: then the checksum of every file whose stamp (inode, size,
    times) is not the one the manifest recorded, that is of every file written since. The
    files found intact go into ``verified``."""
    if manifest is None:
        manifest = read_manifest(folder)
    if isinstance(manifest, dict) and "error" in manifest:
        return IndexDamaged(f"its manifest cannot be read ({manifest['error']})")
    files = manifest.get("files") if isinstance(manifest, dict) else None
    if not isinstance(files, dict):
        return IndexDamaged("its manifest has no file list")
    if manifest.get("engine") != engine:
        return IndexOutdated(f"it was built by another version of tipkb "
                             f"({manifest.get('engine')!s:.40}, this one reads {engine})")
    for name, entry in files.items():
        path = folder / name
        try:
            size, digest, *recorded = entry
            stamp = _stamp(path.stat())
            if stamp[1] != size:
                return IndexDamaged(f"{name} has the wrong size")
            if thorough and recorded != stamp:
                if _digest(path) != digest:
                    return IndexDamaged(f"{name} does not match its checksum")
                if verified is not None:
                    verified.restamped += 1
            if thorough and verified is not None:
                verified.remember(stamp, digest)
        except OSError:
            return IndexDamaged(f"{name} is missing")
        except (TypeError, ValueError):
            return IndexDamaged(f"its manifest entry for {name} is garbled")
    return None


def current_generation(root: Path) -> Path | None:
    try:
        name = (Path(root) / CURRENT).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    path = Path(root) / name
    return path if name and path.is_dir() else None


@contextlib.contextmanager
def build_lock(root: Path) -> Iterator[None]:
    """Held by the one build of ``root`` that may run at a time; clears what a killed build
    left behind."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            for stale in root.glob(".tmp-*"):
                shutil.rmtree(stale, ignore_errors=True)
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def new_build_folder(root: Path) -> Path:
    return Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))


def remove_older(root: Path, current: Path | None) -> None:
    """Remove every generation but ``current`` (the one a reader may still have open since the
    last build). Done before a build links and checksums its files: removing a generation
    changes the change time of the files it shares with the others."""
    for gen in root.glob("gen-*"):
        if current is None or gen.name != current.name:
            shutil.rmtree(gen, ignore_errors=True)


def publish(root: Path, tmp: Path, previous: Path | None) -> str:
    """Make the finished build at ``tmp`` the current generation; keep the previous one (a
    reader may have just read the pointer) and remove any older (``remove_older`` has)."""
    name = time.strftime("gen-%Y%m%dT%H%M%S-") + f"{os.getpid()}-{time.time_ns() % 10**9}"
    os.rename(tmp, root / name)
    write_atomic(root / CURRENT, name + "\n")
    keep = {name, previous.name if previous else ""}
    for gen in root.glob("gen-*"):
        if gen.name not in keep:
            shutil.rmtree(gen, ignore_errors=True)
    return name


def link_or_copy_files(src: Path, dst: Path, skip: tuple[str, ...] = ()) -> None:
    """Hard links to the files of ``src`` (the index files are never changed in place)."""
    for item in src.iterdir():
        if item.is_file() and item.name not in skip:
            try:
                os.link(item, dst / item.name)
            except OSError:
                shutil.copy2(item, dst / item.name)
