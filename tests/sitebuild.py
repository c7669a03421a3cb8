"""One strict build of the real site per test session, shared by the site and browser tests."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Build:
    site: Path
    returncode: int
    output: str


def mkdocs_build(site: Path, *, corpus: Path | None = None, offline: bool = False,
                 strict: bool = True, config: Path | None = None) -> Build:
    """`mkdocs build` of this repository's mkdocs.yml (or ``config``) into ``site``."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    env.pop("TIPKB_CORPUS", None)
    env.pop("TIPKB_OFFLINE", None)
    if corpus is not None:
        env["TIPKB_CORPUS"] = str(corpus)
    if offline:
        env["TIPKB_OFFLINE"] = "true"
    cmd = [sys.executable, "-m", "mkdocs", "build", "-f", str(config or ROOT / "mkdocs.yml"),
           "-d", str(site)] + (["--strict"] if strict else [])
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    return Build(site, proc.returncode, proc.stdout + proc.stderr)


@cache
def real_site() -> Build:
    """The real corpus, built once per process (the folder is left for the OS to clean)."""
    return mkdocs_build(Path(tempfile.mkdtemp(prefix="tipkb-site-")) / "site")


@cache
def offline_site() -> Build:
    """The real corpus built to open from disk (TIPKB_OFFLINE=true), once per process."""
    return mkdocs_build(Path(tempfile.mkdtemp(prefix="tipkb-offline-")) / "site", offline=True)
