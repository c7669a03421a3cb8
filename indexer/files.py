"""Writing files the way a user expects: all or nothing, durable, with ordinary permissions."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


class OutputError(Exception):
    """The output path cannot be written (a folder, a missing parent...): a one-line reason."""


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str | bytes) -> None:
    """Write ``path`` through a temporary file in the same folder, fsync'd before the rename,
    so that readers see the old file or the whole new one, even after a crash. The file gets
    the permissions of any file the user creates (0666 less the umask), not mkstemp's 0600."""
    path = Path(path)
    if path.is_dir():
        raise OutputError(f"{path} is a folder: give a file name (e.g. {path / 'tipkb.json'})")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except (FileExistsError, NotADirectoryError):
        raise OutputError(f"cannot create {path}: {path.parent} is not a folder") from None
    data = text.encode("utf-8") if isinstance(text, str) else text
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    try:  # make the rename itself durable
        dirfd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dirfd)
        finally:
            os.close(dirfd)
    except OSError:
        pass
