"""Where the corpus and build folders live."""

from __future__ import annotations

import os
from pathlib import Path

# The source checkout (indexer/cli/paths.py -> the repository); unused by an installed wheel,
# where the corpus is given with --corpus or TIPKB_CORPUS.
REPO_ROOT = Path(__file__).resolve().parents[2]


def default_corpus() -> Path:
    """The corpus to use when no --corpus is given.

    $TIPKB_CORPUS wins; then ./corpus in the working directory; then the repository's corpus/.
    """
    env = os.environ.get("TIPKB_CORPUS")
    if env:
        return Path(env)
    here = Path.cwd() / "corpus"
    if (here / "entries").is_dir():
        return here
    return REPO_ROOT / "corpus"


def default_build_dir() -> Path:
    """The git-ignored build folder (index, exports)."""
    return Path(os.environ.get("TIPKB_BUILD", Path.cwd() / "build"))


def schema_path(corpus: Path) -> Path:
    return corpus / "schema" / "entry.schema.json"
