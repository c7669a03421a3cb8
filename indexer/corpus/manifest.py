"""The corpus manifest (corpus/corpus.yaml): name, release version and date, site address."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from indexer.corpus.frontmatter import FrontMatterError, load_data_file

MANIFEST_NAME = "corpus.yaml"
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"
_SEMVER = re.compile(r"^\d+\.\d+\.\d+$")


@dataclass(frozen=True)
class Manifest:
    name: str
    name_zh: str
    version: str
    released: str
    site_url: str  # always ends with "/"
    # Ids that changed after they were published: old id -> new id. The site keeps a redirect
    # page at each old address (indexer/site/redirects.py); the changelog lists them as renamed.
    renamed: dict[str, str] = field(default_factory=dict)

    def page_url(self, path: str, lang: str = "en") -> str:
        """The permanent address of a page of the site (``entries/untoc/``); in another
        language's edition, under its folder (``zh/entries/untoc/``)."""
        return self.site_url + edition_dir(lang) + path.lstrip("/")

    @property
    def edition(self) -> str:
        """'version 1.0.0, 1 December 2026'"""
        from indexer.publish.dates import long_date

        return f"version {self.version}, {long_date(self.released)}"


def edition_dir(lang: str) -> str:
    """The folder of a language's edition of the site: the root for English, ``zh/`` for
    Chinese (the MkDocs plugin builds each edition there)."""
    return "" if lang == "en" else f"{lang}/"


class ManifestError(Exception):
    pass


def load_manifest(corpus_root: Path) -> Manifest:
    """The manifest, with TIPKB_SITE_URL taking precedence. Raises ManifestError with a reason."""
    path = Path(corpus_root) / MANIFEST_NAME
    try:
        data, _ = load_data_file(path)
    except FrontMatterError as exc:
        raise ManifestError(f"{path}:{exc.line}: {exc.message}") from None
    except FileNotFoundError:
        raise ManifestError(f"{path} is missing") from None
    if not isinstance(data, dict):
        raise ManifestError(f"{path}: must be a mapping")
    version, released = str(data.get("version", "")), str(data.get("released", ""))
    if not _SEMVER.match(version):
        raise ManifestError(f"{path}: version must look like 1.2.3, not {version!r}")
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", released):
        raise ManifestError(f"{path}: released must be a date YYYY-MM-DD")
    site = os.environ.get("TIPKB_SITE_URL") or str(data.get("site_url") or DEFAULT_SITE_URL)
    if not re.match(r"^https?://[^\s\"'<>]+$", site):
        raise ManifestError(f"{path}: site_url must be an http(s) address, not {site!r}")
    return Manifest(str(data.get("name", "")), str(data.get("name_zh", "")), version, released,
                    site.rstrip("/") + "/", _renamed(path, data.get("renamed")))


_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")  # the schema's id pattern


def _renamed(path: Path, value) -> dict[str, str]:
    """The ``renamed`` map: old id -> new id, both ids, no id renamed to itself."""
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ManifestError(f"{path}: renamed must map old ids to new ids (old-id: new-id)")
    out: dict[str, str] = {}
    for old, new in value.items():
        if not (isinstance(old, str) and isinstance(new, str) and _ID.match(old)
                and _ID.match(new)) or old == new:
            raise ManifestError(f"{path}: renamed: {str(old)[:60]!r} -> {str(new)[:60]!r} is not "
                                "a change from one entry id to another")
        out[old] = new
    return out
