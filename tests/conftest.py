"""Shared fixtures: the real corpus, and throw-away corpora built from fixture entries."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def make_corpus(tmp: Path, entries_from: Path | None = None) -> Path:
    """A corpus folder in ``tmp`` with the real plan and schema and the given entries."""
    root = tmp / "corpus"
    root.mkdir(parents=True)
    for part in ("source", "plan"):
        shutil.copytree(CORPUS / part, root / part)
    shutil.copy(CORPUS / "corpus.yaml", root / "corpus.yaml")
    if entries_from is not None:
        shutil.copytree(entries_from, root / "entries")
    else:
        (root / "entries").mkdir()
    return root


@pytest.fixture
def invalid_corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path, FIXTURES / "invalid" / "entries")


@pytest.fixture
def empty_corpus(tmp_path: Path) -> Path:
    return make_corpus(tmp_path)
