"""tipkb site-src: the whole site as source files, for any Material-compatible generator."""

from __future__ import annotations

import sys
from pathlib import Path

NAME = "site-src"
HELP = ("Write every page of the site as a Markdown file, with the hand-written pages, the theme "
        "overrides and an mkdocs.yml without the tipkb plugin, into DIR.")


def add_arguments(parser) -> None:
    parser.add_argument("out", type=Path, metavar="DIR", help="the folder to write (its docs/ "
                        "and overrides/ are replaced)")
    parser.add_argument("--generator", choices=("mkdocs", "zensical"), default="mkdocs",
                        help="the generator that will build the files (default mkdocs): links, "
                             "title escaping and theme overrides differ between them")
    parser.add_argument("--project", type=Path, default=None,
                        help="the folder with mkdocs.yml, docs/ and overrides/ (default: the "
                             "working directory if it has mkdocs.yml, else the repository)")


def project_dir(given: Path | None) -> Path:
    from indexer.cli.paths import REPO_ROOT

    if given is not None:
        return given
    return Path.cwd() if (Path.cwd() / "mkdocs.yml").is_file() else REPO_ROOT


def run(args) -> int:
    from indexer.corpus.loader import load_valid_corpus
    from indexer.site.source import write_site_source

    project = project_dir(args.project)
    if not (project / "mkdocs.yml").is_file():
        print(f"tipkb site-src: no mkdocs.yml in {project}; give --project", file=sys.stderr)
        return 2
    corpus = load_valid_corpus(args.corpus)
    try:
        counts = write_site_source(corpus, project, args.out, args.generator)
    except ValueError as exc:
        print(f"tipkb site-src: {exc}", file=sys.stderr)
        return 1
    builder = f"{args.generator} build -f"
    print(f"{args.out}: {counts['pages']} pages and {counts['downloads']} downloads; build it "
          f"with `{builder} {args.out}/mkdocs.yml`, then `tipkb site-post SITE_DIR "
          f"--docs {args.out}/docs`")
    return 0
