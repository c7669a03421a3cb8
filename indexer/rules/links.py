"""Link checks: internal references always, external URLs only when asked (`--online`)."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from indexer.problems import Problem, relative
from indexer.rules.registry import declare
from indexer.text import MARKDOWN_LINK

if TYPE_CHECKING:
    from indexer.corpus.model import Corpus

declare("TIP100", "error", "A relative link in a body leads to a page of the site "
                           "(`tipkb check-links`).")
declare("TIP101", "warning", "An external URL answers (`tipkb check-links --online`).")
USER_AGENT = "tipkb-link-check/1"


@dataclass(frozen=True)
class ExternalLink:
    url: str
    path: str
    line: int


def site_pages(corpus: Corpus) -> set[str]:
    return {e.url_path for e in corpus} | {p.url for p in corpus.plan.paragraphs.values()}


def internal_problems(corpus: Corpus) -> list[Problem]:
    """related ids, plan_refs keys and relative links in bodies that lead to no page."""
    from indexer.rules.plan import check_plan_refs
    from indexer.rules.relations import check_related

    out = check_plan_refs(corpus.facts()) + check_related(corpus.facts())
    pages = site_pages(corpus)
    for entry in corpus:
        for offset, line in enumerate(entry.body.split("\n")):
            for m in MARKDOWN_LINK.finditer(line):
                target = m.group(2)
                if not target or re.match(r"^[a-z][a-z0-9+.-]*:", target) or target.startswith("#"):
                    continue
                path = target.split("#", 1)[0]
                resolved = posixpath.normpath(posixpath.join(entry.url_path, path)).lstrip("/") + "/"
                if path and resolved.replace("//", "/") not in pages:
                    out.append(Problem(relative(entry.path), entry.body_line + offset, "TIP100",
                                       f"link '{target}' leads to no page of the site",
                                       "error", "link entries as ../<id>/ and paragraphs as "
                                       "../../plan/<n>/"))
    return sorted(out, key=Problem.sort_key)


def external_links(corpus: Corpus) -> list[ExternalLink]:
    links = []
    for entry in corpus:
        path = relative(entry.path)
        if entry.url:
            links.append(ExternalLink(entry.url, path, entry.line_of("url")))
        for i, src in enumerate(entry.sources):
            if src.url:
                links.append(ExternalLink(src.url, path, entry.line_of("sources", i, "url")))
        for offset, line in enumerate(entry.body.split("\n")):
            for m in MARKDOWN_LINK.finditer(line):
                if m.group(2).startswith(("https://", "http://")):
                    links.append(ExternalLink(m.group(2), path, entry.body_line + offset))
    return links


def fetch_status(url: str, timeout: float) -> str | None:
    """None if the URL answers with a success; otherwise what went wrong."""
    import urllib.error
    import urllib.request

    for method in ("HEAD", "GET"):
        req = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                if resp.status < 400:
                    return None
        except urllib.error.HTTPError as exc:
            if method == "HEAD" and exc.code in (403, 405, 501):
                continue  # some servers refuse HEAD: try GET
            return f"HTTP {exc.code}"
        except (urllib.error.URLError, TimeoutError, OSError) as exc:
            return f"unreachable ({getattr(exc, 'reason', exc)})"
    return "no success answer"


def online_problems(corpus: Corpus, timeout: float = 15.0, workers: int = 8) -> list[Problem]:
    from concurrent.futures import ThreadPoolExecutor

    links = external_links(corpus)
    unique = sorted({link.url for link in links})
    with ThreadPoolExecutor(max_workers=workers) as pool:
        status = dict(zip(unique, pool.map(lambda u: fetch_status(u, timeout), unique), strict=True))
    return sorted((Problem(link.path, link.line, "TIP101", f"{link.url}: {status[link.url]}",
                           "warning", "find the page's new address and update the entry")
                   for link in links if status[link.url]), key=Problem.sort_key)
